using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Calendars;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Catalog.Features.Items;

public sealed record CommitmentDto(
    Guid Id, Guid ItemId, string Name, CommitmentMetric Metric, string? Milestone, string Limit, Guid? CalendarId,
    IReadOnlyList<Priority> Priorities, string? Area, int WarnAtPercent, string? Source, bool IsActive, int SortOrder, int Version);

public sealed record SaveCommitmentRequest(
    string? Name, CommitmentMetric Metric, string? Limit, string? Milestone = null, Guid? CalendarId = null, IReadOnlyList<Priority>? Priorities = null,
    string? Area = null, int WarnAtPercent = 80, string? Source = null, bool IsActive = true, int? SortOrder = null, int? Version = null);

/// <summary>服务承诺: named time targets of a service item, each on a metric, with a limit, a calendar and a condition.</summary>
public sealed class CommitmentService(CatalogDbContext db, IOrgDirectory org, CalendarCheck calendars, IStringLocalizer<SharedResource> text)
{
    /// <summary>The calendars a commitment may count on.</summary>
    public Task<IReadOnlyList<CalendarChoice>> CalendarChoicesAsync(Actor actor, CancellationToken ct = default)
    {
        actor.RequireRead();
        return calendars.ChoicesAsync(ct);
    }

    public async Task<IReadOnlyList<CommitmentDto>> ListAsync(Actor actor, Guid itemId, CancellationToken ct = default)
    {
        actor.RequireRead();
        if (!await db.Items.AnyAsync(i => i.Id == itemId, ct))
        {
            throw new NotFoundException(text["Catalog.ItemNotFound"]);
        }

        return (await db.Commitments.AsNoTracking().Where(c => c.ItemId == itemId).OrderBy(c => c.SortOrder).ToListAsync(ct)).Select(ToDto).ToList();
    }

    public async Task<CommitmentDto> CreateAsync(Actor actor, Guid itemId, SaveCommitmentRequest r, CancellationToken ct = default)
    {
        await RequireItemEditAsync(actor, itemId, ct);
        db.AuditActor = actor.ForAudit();
        await ValidateAsync(r, ct);
        var last = await db.Commitments.Where(c => c.ItemId == itemId).MaxAsync(c => (int?)c.SortOrder, ct) ?? 0;
        var c = new Commitment { Id = Guid.CreateVersion7(), ItemId = itemId, SortOrder = r.SortOrder ?? last + 1 };
        Apply(c, r);
        db.Commitments.Add(c);
        await db.SaveOrConflictAsync(text, ct);
        return ToDto(c);
    }

    public async Task<CommitmentDto> UpdateAsync(Actor actor, Guid id, SaveCommitmentRequest r, CancellationToken ct = default)
    {
        var c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Catalog.CommitmentNotFound"]);
        await RequireItemEditAsync(actor, c.ItemId, ct);
        db.AuditActor = actor.ForAudit();
        await ValidateAsync(r, ct);
        db.ExpectVersion(c, r.Version);
        Apply(c, r);
        if (r.SortOrder is { } order)
        {
            c.SortOrder = order;
        }

        await db.SaveOrConflictAsync(text, ct);
        return ToDto(c);
    }

    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var c = await db.Commitments.FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw new NotFoundException(text["Catalog.CommitmentNotFound"]);
        await RequireItemEditAsync(actor, c.ItemId, ct);
        db.AuditActor = actor.ForAudit();
        db.Commitments.Remove(c);
        await db.SaveOrConflictAsync(text, ct);
    }

    internal static CommitmentDto ToDto(Commitment c) => new(
        c.Id, c.ItemId, c.Name, c.Metric, c.Milestone, c.Limit, c.CalendarId, ParsePriorities(c.Priorities), c.Area, c.WarnAtPercent, c.Source, c.IsActive,
        c.SortOrder, c.Version);

    internal static IReadOnlyList<Priority> ParsePriorities(string? stored) =>
        string.IsNullOrEmpty(stored) ? [] : stored.Split(',').Select(p => Enum.Parse<Priority>(p)).ToList();

    private async Task RequireItemEditAsync(Actor actor, Guid itemId, CancellationToken ct)
    {
        actor.Require(Permissions.CatalogEdit);
        var unitId = await db.Items.Where(i => i.Id == itemId).Select(i => (Guid?)i.UnitId).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(text["Catalog.ItemNotFound"]);
        actor.RequireEditFor((await org.UnitsAsync(ct)).FirstOrDefault(u => u.Id == unitId), text["Catalog.ForbiddenUnit"]);
    }

    private static void Apply(Commitment c, SaveCommitmentRequest r)
    {
        c.Name = r.Name!.Trim();
        c.Metric = r.Metric;
        c.Milestone = r.Metric == CommitmentMetric.Custom ? Validation.Clean(r.Milestone) : null;
        c.Limit = TimeLimit.TryParse(r.Limit, out var limit) ? limit.ToString() : throw new InvalidOperationException("Validated before.");
        c.CalendarId = r.CalendarId;
        c.Priorities = r.Priorities is { Count: > 0 } p ? string.Join(',', p.Distinct().Order()) : null;
        c.Area = Validation.Clean(r.Area);
        c.WarnAtPercent = r.WarnAtPercent;
        c.Source = Validation.Clean(r.Source);
        c.IsActive = r.IsActive;
    }

    private async Task ValidateAsync(SaveCommitmentRequest r, CancellationToken ct)
    {
        var v = new Validation(text).Required("Name", r.Name, 100).Optional("Area", r.Area, 50).Optional("Source", r.Source, 500);
        v.Check(Enum.IsDefined(r.Metric), "Metric", text["Validation.Required", text["Field.Metric"]]);
        v.Check(r.Metric != CommitmentMetric.Custom || !string.IsNullOrWhiteSpace(r.Milestone), "Milestone", text["Catalog.MilestoneRequired"]);
        v.Optional("Milestone", r.Milestone, 50);
        v.Check(TimeLimit.TryParse(r.Limit, out _), "Limit", text["Catalog.LimitInvalid"]);
        v.Check(r.WarnAtPercent is >= 1 and <= 99, "WarnAtPercent", text["Catalog.WarnPercent"]);
        v.Check((r.Priorities ?? []).All(Enum.IsDefined), "Priorities", text["Catalog.PriorityInvalid"]);
        if (r.CalendarId is { } cal)
        {
            v.Check(await calendars.ExistsAsync(cal, ct), "CalendarId", text["Catalog.CalendarNotFound"]);
        }

        v.ThrowIfAny();
    }
}

/// <summary>A calendar a commitment may count on, for pickers.</summary>
public sealed record CalendarChoice(Guid Id, string Code, string Name);
