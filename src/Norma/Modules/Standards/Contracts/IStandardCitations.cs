using Norma.Shared.Access;

namespace Norma.Modules.Standards.Contracts;

/// <summary>
/// How other capabilities record which standard (and clause) a record of theirs implements — the traceability from
/// a service item, process step, checklist item or evaluation indicator back to the standard system.
/// </summary>
public interface IStandardCitations
{
    /// <summary>Records (or replaces) what a source record cites. An empty list removes its citations.</summary>
    Task SetAsync(Actor actor, string sourceType, string sourceId, string sourceLabel, IReadOnlyList<CitationTarget> targets, CancellationToken ct = default);
}

public sealed record CitationTarget(Guid StandardId, string? Clause);
