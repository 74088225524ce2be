using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Cases;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Cases.Features;

/// <summary>A case loaded for a change, with its clocks and pauses: change it, add events, then <see cref="CaseUnitOfWork.SaveAsync"/>.</summary>
public sealed class LoadedCase(Case c, List<CaseCommitment> clocks, List<CasePause> pauses)
{
    public Case Case { get; } = c;
    public List<CaseCommitment> Clocks { get; } = clocks;
    public List<CasePause> Pauses { get; } = pauses;
    public bool ClocksChanged { get; set; }
}

/// <summary>
/// The shared mechanics of every case change: load within the actor's reach, check the version the client read
/// (optimistic concurrency: the second writer gets a 409, never a silent overwrite), record the event with actor and
/// time, refresh the materialized clocks, save everything and the audit entry in one transaction.
/// </summary>
public sealed class CaseUnitOfWork(CasesDbContext db, CaseClocks clocks, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public CasesDbContext Db => db;

    public IStringLocalizer<SharedResource> Text => text;

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Loads a case the actor reaches with the permission (404 outside the scope, 403 when only readable), tracking it.</summary>
    public async Task<LoadedCase> LoadAsync(Actor actor, Guid id, string permission, int? version, CancellationToken ct)
    {
        actor.Require(permission);
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Cases.NotFound"]);
        CaseAccess.Require(actor, permission, c, text["Cases.NotFound"]);
        db.AuditActor = new AuditActor(actor.AccountId, actor.UserName);
        db.ExpectVersion(c, version);
        var caseClocks = await db.Clocks.Where(k => k.CaseId == id).OrderBy(k => k.StartedAt).ThenBy(k => k.Metric).ThenBy(k => k.Name).ToListAsync(ct);
        var pauses = await db.Pauses.Where(p => p.CaseId == id).OrderBy(p => p.From).ToListAsync(ct);
        return new LoadedCase(c, caseClocks, pauses);
    }

    public CaseEvent Event(Actor? actor, Case c, string type, string? note = null, object? data = null, CaseStatus? from = null, CaseStatus? to = null)
    {
        if (note is { Length: > 2000 })
        {
            throw ValidationFailedException.For("Note", text["Validation.TooLong", text["Field.Note"], 2000]);
        }

        var e = new CaseEvent
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            At = Now,
            ActorId = actor?.AccountId,
            ActorName = actor?.DisplayName ?? text["Cases.System"],
            Type = type,
            FromStatus = from,
            ToStatus = to,
            Note = Validation.Clean(note),
            Data = data is null ? null : JsonSerializer.Serialize(data, Json),
        };
        db.Events.Add(e);
        return e;
    }

    /// <summary>Applies a lifecycle transition and records it as an event. Broken rules become a localized 409.</summary>
    public void Transition(Actor actor, LoadedCase loaded, CaseAction action, string eventType, string? note = null, object? data = null, TimeSpan? reopenWindow = null)
    {
        var c = loaded.Case;
        var from = c.Status;
        try
        {
            c.Status = CaseLifecycle.Apply(c.Status, action, c.IsPaused, new DateTimeOffset(Now, TimeSpan.Zero),
                c.ClosedAt is { } closed ? CaseClocks.Utc(closed) : null, reopenWindow);
        }
        catch (CaseRuleException ex)
        {
            throw new BusinessRuleException(text[ex.Code, text[$"CaseStatus.{from}"]]);
        }

        Event(actor, c, eventType, note, data, from, c.Status);
    }

    /// <summary>Refreshes the clocks (when asked) and saves the case, its events and children in one transaction.</summary>
    public async Task SaveAsync(LoadedCase loaded, CancellationToken ct)
    {
        var c = loaded.Case;
        c.UpdatedAt = Now;
        if (loaded.ClocksChanged)
        {
            await clocks.RefreshAsync(c, loaded.Clocks, loaded.Pauses, Now, ct);
        }

        if (db.Entry(c).State == EntityState.Unchanged)
        {
            db.Entry(c).State = EntityState.Modified;
        }

        await db.SaveOrConflictAsync(text, ct);
    }
}
