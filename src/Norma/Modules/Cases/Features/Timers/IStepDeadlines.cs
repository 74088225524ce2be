namespace Norma.Modules.Cases.Features.Timers;

/// <summary>
/// 超时默认: what the timer asks of the process engine when an active step's deadline has passed. Registered by the
/// handling feature (CaseWorkflow); without a registration the timer leaves step deadlines alone.
/// </summary>
public interface IStepDeadlines
{
    /// <summary>Deems the step approved (when its definition allows it) in its own transaction; true if this call did it.</summary>
    Task<bool> DeemStepAsync(Guid caseStepId, DateTime nowUtc, CancellationToken ct);
}
