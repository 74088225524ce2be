using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Cases.Features.Escalations;

/// <summary>A 督办 as the people it targets and the case's readers see it.</summary>
public sealed record EscalationDto(
    Guid Id, Guid CaseId, string CaseNumber, string CaseTitle, Guid ClockId, string ClockName, int Level, DateTime At,
    DateTime? DueAt, DateTime? BreachedAt, Guid? UnitId, string TargetNames, bool IsTarget, DateTime? AcknowledgedAt, string? AcknowledgedBy);

public sealed record EscalationCountDto(int Open);

/// <summary>
/// Escalations (督办) raised by the timer: the ones targeting the actor, or all on the cases the actor reads — always within
/// the case data scope (<see cref="CaseAccess"/>) — and their acknowledgement (签收) by a target or a dispatcher of the case.
/// </summary>
public sealed class EscalationService(CasesDbContext db, IOrgDirectory org, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    /// <summary>The most a list returns (newest first).</summary>
    public const int MaxRows = 500;

    public async Task<IReadOnlyList<EscalationDto>> ListAsync(Actor actor, bool mine, bool open, CancellationToken ct)
    {
        var reach = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var me = Key(actor);
        var query = from e in db.Escalations.AsNoTracking()
                    join c in db.Cases.AsNoTracking().Where(reach) on e.CaseId equals c.Id
                    join k in db.Clocks.AsNoTracking() on e.CaseCommitmentId equals k.Id
                    select new { Escalation = e, c.Number, c.Title, ClockName = k.Name, k.DueAt, k.BreachedAt };
        if (mine)
        {
            query = query.Where(x => x.Escalation.TargetIds.Contains(me));
        }

        if (open)
        {
            query = query.Where(x => x.Escalation.AcknowledgedAt == null);
        }

        var rows = await query.OrderByDescending(x => x.Escalation.At).ThenByDescending(x => x.Escalation.Level).Take(MaxRows).ToListAsync(ct);
        return rows.Select(r => Dto(new Row(r.Escalation, r.Number, r.Title, r.ClockName, r.DueAt, r.BreachedAt), actor)).ToList();
    }

    /// <summary>The escalations of one case the actor reads (404 outside the scope), in the order they were raised.</summary>
    public async Task<IReadOnlyList<EscalationDto>> ForCaseAsync(Actor actor, Guid caseId, CancellationToken ct)
    {
        actor.Require(Permissions.CasesRead);
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == caseId, ct) ?? throw new NotFoundException(text["Cases.NotFound"]);
        CaseAccess.Require(actor, Permissions.CasesRead, c, text["Cases.NotFound"]);
        var rows = await (from e in db.Escalations.AsNoTracking().Where(x => x.CaseId == caseId)
                          join k in db.Clocks.AsNoTracking() on e.CaseCommitmentId equals k.Id
                          orderby e.At, e.Level
                          select new { Escalation = e, ClockName = k.Name, k.DueAt, k.BreachedAt }).ToListAsync(ct);
        return rows.Select(r => Dto(new Row(r.Escalation, c.Number, c.Title, r.ClockName, r.DueAt, r.BreachedAt), actor)).ToList();
    }

    /// <summary>Open escalations targeting the actor on cases it reads: the navigation badge. Zero without the read permission.</summary>
    public async Task<int> CountOpenForAsync(Actor actor, CancellationToken ct)
    {
        if (!actor.Has(Permissions.CasesRead))
        {
            return 0;
        }

        var reach = await CaseAccess.FilterAsync(actor, Permissions.CasesRead, org, ct);
        var me = Key(actor);
        return await (from e in db.Escalations.AsNoTracking()
                      join c in db.Cases.AsNoTracking().Where(reach) on e.CaseId equals c.Id
                      where e.AcknowledgedAt == null && e.TargetIds.Contains(me)
                      select e.Id).CountAsync(ct);
    }

    /// <summary>
    /// 签收: a target of the escalation, or someone who may dispatch the case, records that it was seen. Once only (409 after);
    /// the case's timeline gets an event. Outside the actor's reach the escalation does not exist (404).
    /// </summary>
    public async Task<EscalationDto> AcknowledgeAsync(Actor actor, Guid id, CancellationToken ct)
    {
        actor.Require(Permissions.CasesRead);
        var e = await db.Escalations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Escalation.NotFound"]);
        var c = await db.Cases.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e.CaseId, ct) ?? throw new NotFoundException(text["Escalation.NotFound"]);
        if (!CaseAccess.Reaches(actor, Permissions.CasesRead, c))
        {
            throw new NotFoundException(text["Escalation.NotFound"]);
        }

        if (!IsTarget(e, actor) && !CaseAccess.Reaches(actor, Permissions.CasesDispatch, c))
        {
            throw new ForbiddenException(Permissions.CasesDispatch);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var acknowledged = await db.Escalations.Where(x => x.Id == id && x.AcknowledgedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.AcknowledgedAt, now).SetProperty(x => x.AcknowledgedBy, actor.DisplayName), ct);
        if (acknowledged == 0)
        {
            throw new BusinessRuleException(text["Escalation.AlreadyAcknowledged"]);
        }

        var clockName = await db.Clocks.AsNoTracking().Where(k => k.Id == e.CaseCommitmentId).Select(k => k.Name).FirstOrDefaultAsync(ct);
        db.Events.Add(new CaseEvent
        {
            Id = Guid.CreateVersion7(),
            CaseId = c.Id,
            At = now,
            ActorId = actor.AccountId,
            ActorName = actor.DisplayName,
            Type = CaseEvents.EscalationAcknowledged,
            Data = System.Text.Json.JsonSerializer.Serialize(new { escalation = e.Id, level = e.Level, clock = clockName }, CaseUnitOfWork.Json),
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return (await ForCaseAsync(actor, c.Id, ct)).Single(x => x.Id == id);
    }

    private static string Key(Actor actor) => actor.AccountId.ToString("D");

    private static bool IsTarget(CaseEscalation e, Actor actor) =>
        e.TargetIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Contains(Key(actor), StringComparer.OrdinalIgnoreCase);

    private static EscalationDto Dto(Row r, Actor actor) => new(
        r.Escalation.Id, r.Escalation.CaseId, r.Number, r.Title, r.Escalation.CaseCommitmentId, r.ClockName, r.Escalation.Level, r.Escalation.At,
        r.DueAt, r.BreachedAt, r.Escalation.UnitId, r.Escalation.TargetNames, IsTarget(r.Escalation, actor), r.Escalation.AcknowledgedAt,
        r.Escalation.AcknowledgedBy);

    private sealed record Row(CaseEscalation Escalation, string Number, string Title, string ClockName, DateTime? DueAt, DateTime? BreachedAt);
}
