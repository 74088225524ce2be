using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Standards.Contracts;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Domain;
using Norma.Rules.Standards;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Standards.Features.Traceability;

public sealed record CitationDto(string SourceType, string SourceId, string SourceLabel, string? Clause);

public sealed record SetCitationsRequest(string? SourceType, string? SourceId, string? SourceLabel, IReadOnlyList<CitationTarget>? Targets);

/// <summary>Which records implement which standards and clauses (traceability), and which standards nothing implements yet.</summary>
public sealed class TraceabilityService(StandardsDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock) : IStandardCitations
{
    public async Task<IReadOnlyList<CitationDto>> ListAsync(Actor actor, Guid standardId, CancellationToken ct = default)
    {
        actor.RequireRead();
        return await db.Citations.AsNoTracking().Where(c => c.StandardId == standardId)
            .OrderBy(c => c.SourceType).ThenBy(c => c.SourceLabel)
            .Select(c => new CitationDto(c.SourceType, c.SourceId, c.SourceLabel, c.Clause))
            .ToListAsync(ct);
    }

    /// <summary>Replaces what one source record cites. Used by other capabilities (through <see cref="IStandardCitations"/>) and integrations.</summary>
    public async Task SetAsync(Actor actor, SetCitationsRequest r, CancellationToken ct = default)
    {
        actor.Require(StandardDuty.Edit, text["Problem.ForbiddenDetail"]);
        await ReplaceAsync(actor, r, ct);
    }

    private async Task ReplaceAsync(Actor actor, SetCitationsRequest r, CancellationToken ct)
    {
        db.AuditActor = actor.ForAudit();
        var targets = r.Targets ?? [];
        var v = new Validation(text).Required("SourceType", r.SourceType, 50).Required("SourceId", r.SourceId, 100).Required("SourceLabel", r.SourceLabel, 200);
        v.Check(targets.All(t => t is not null), "Targets", text["Standard.NotFound"]);
        targets = targets.Where(t => t is not null).ToList();
        var ids = targets.Select(t => t.StandardId).Distinct().ToList();

        // Only what the actor may read can be cited: a draft-only standard stays invisible to those without a duty.
        var visible = actor.SeesDrafts()
            ? db.Standards.Where(s => ids.Contains(s.Id))
            : db.Standards.Where(s => ids.Contains(s.Id) && s.Versions.Any(x => x.Status == StandardStatus.Published || x.Status == StandardStatus.Abolished));
        var known = await visible.Select(s => s.Id).ToListAsync(ct);
        v.Check(known.Count == ids.Count, "Targets", text["Standard.NotFound"]);
        v.Check(targets.All(t => t.Clause is null || t.Clause.Length <= 32), "Targets", text["Validation.TooLong", text["Field.Clause"], 32]);
        v.ThrowIfAny();

        var type = r.SourceType!.Trim();
        var id = r.SourceId!.Trim();
        db.Citations.RemoveRange(await db.Citations.Where(c => c.SourceType == type && c.SourceId == id).ToListAsync(ct));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var t in targets.DistinctBy(t => (t.StandardId, t.Clause)))
        {
            db.Citations.Add(new StandardCitation
            {
                Id = Guid.CreateVersion7(), StandardId = t.StandardId, Clause = Validation.Clean(t.Clause), SourceType = type, SourceId = id,
                SourceLabel = r.SourceLabel!.Trim(), CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
    }

    Task IStandardCitations.SetAsync(Actor actor, string sourceType, string sourceId, string sourceLabel, IReadOnlyList<CitationTarget> targets, CancellationToken ct) =>
        ReplaceAsync(actor, new SetCitationsRequest(sourceType, sourceId, sourceLabel, targets), ct);

    public async Task RelabelAsync(Actor actor, string sourceType, string sourceId, string sourceLabel, CancellationToken ct = default)
    {
        var rows = await db.Citations.Where(c => c.SourceType == sourceType && c.SourceId == sourceId && c.SourceLabel != sourceLabel).ToListAsync(ct);
        if (rows.Count == 0)
        {
            return;
        }

        db.AuditActor = actor.ForAudit();
        rows.ForEach(c => c.SourceLabel = sourceLabel);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<CitedClause>> ListForSourceAsync(string sourceType, string sourceId, CancellationToken ct = default)
    {
        var rows = await (from c in db.Citations.AsNoTracking()
                          join s in db.Standards.AsNoTracking() on c.StandardId equals s.Id
                          where c.SourceType == sourceType && c.SourceId == sourceId
                          select new { c.StandardId, s.Number, c.Clause }).ToListAsync(ct);
        var ids = rows.Select(r => r.StandardId).Distinct().ToList();

        // Public facts only (the caller may show them to anyone, e.g. on the 一次性告知单): the title of the newest
        // published version, else of the abolished one; a standard with neither is left out.
        var titles = (await db.Versions.AsNoTracking()
                .Where(v => ids.Contains(v.StandardId) && (v.Status == StandardStatus.Published || v.Status == StandardStatus.Abolished))
                .Select(v => new { v.StandardId, v.Title, v.Status, v.CreatedAt }).ToListAsync(ct))
            .GroupBy(v => v.StandardId)
            .ToDictionary(g => g.Key, g => g.OrderBy(v => v.Status is StandardStatus.Published ? 0 : 1).ThenByDescending(v => v.CreatedAt).First().Title);
        return rows.Where(r => titles.ContainsKey(r.StandardId))
            .OrderBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.Clause, StringComparer.Ordinal)
            .Select(r => new CitedClause(r.StandardId, r.Number, titles[r.StandardId], r.Clause)).ToList();
    }
}
