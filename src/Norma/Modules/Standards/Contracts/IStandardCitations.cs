using Norma.Shared.Access;

namespace Norma.Modules.Standards.Contracts;

/// <summary>
/// How other capabilities record which standard (and clause) a record of theirs implements — the traceability from
/// a service item, process step, checklist item or evaluation indicator back to the standard system.
/// </summary>
public interface IStandardCitations
{
    /// <summary>Records (or replaces) what a source record cites. An empty list removes its citations.</summary>
    /// <remarks>The calling module has already decided that the actor may change its own record; citing needs no standards duty.</remarks>
    Task SetAsync(Actor actor, string sourceType, string sourceId, string sourceLabel, IReadOnlyList<CitationTarget> targets, CancellationToken ct = default);

    /// <summary>Keeps the label of a source record's citations in step with the record (after a rename).</summary>
    Task RelabelAsync(Actor actor, string sourceType, string sourceId, string sourceLabel, CancellationToken ct = default);

    /// <summary>What a source record cites, with each standard's number and current title.</summary>
    Task<IReadOnlyList<CitedClause>> ListForSourceAsync(string sourceType, string sourceId, CancellationToken ct = default);
}

public sealed record CitedClause(Guid StandardId, string Number, string Title, string? Clause);

public sealed record CitationTarget(Guid StandardId, string? Clause);
