using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Rules.Evaluation;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Entry;

/// <summary>A sampled household visit: either <see cref="Count"/> (an indicator without check items) or <see cref="ItemCounts"/> (item key → nonconformities).</summary>
public sealed record RecordFieldCheckRequest(
    Guid? StaffId, string? IndicatorKey, string? Household, decimal? Count = null, IReadOnlyDictionary<string, decimal>? ItemCounts = null,
    string? Note = null, DateTime? CheckedAt = null);

public sealed record FieldCheckDto(
    Guid Id, Guid SchemeId, string PeriodCode, Guid StaffId, string IndicatorKey, string Household, decimal? Count,
    IReadOnlyDictionary<string, decimal>? ItemCounts, string? Note, DateTime CheckedAt, string CheckedBy);

/// <summary>Field checks (实地检查): one sampled household per record, for an indicator whose source is "field-check".</summary>
internal sealed class FieldCheckService(EvaluationDbContext db, EntryContext entry, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public async Task<IReadOnlyList<FieldCheckDto>> ListAsync(Actor actor, Guid schemeId, string period, Guid? staffId, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var query = db.FieldChecks.AsNoTracking().Where(f => f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code);
        if (staffId is { } s)
        {
            query = query.Where(f => f.StaffId == s);
        }

        return (await query.ToListAsync(ct)).OrderBy(f => f.CheckedAt).ThenBy(f => f.Id).Select(ToDto).ToList();
    }

    public async Task<FieldCheckDto> RecordAsync(Actor actor, Guid schemeId, string period, RecordFieldCheckRequest body, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var staff = await entry.StaffAsync(actor, body.StaffId, ct);
        var indicator = entry.Indicator(target, body.IndicatorKey, SchemeFacts.FieldCheckSource);
        var v = new Validation(text).Required("Household", body.Household, 100).Optional("Note", body.Note, 500);
        var items = (indicator.Rule as DeductionRule)?.Items ?? [];
        v.Check(body.Count is null != (body.ItemCounts is null or { Count: 0 }), "Count", text["Eval.CountOrItems"]);
        v.Check(body.Count is null or >= 0 && (body.ItemCounts?.Values.All(c => c >= 0) ?? true), "Count", text["Eval.CountNegative"]);
        foreach (var key in body.ItemCounts?.Keys ?? [])
        {
            v.Check(items.Any(i => i.Key == key), "ItemCounts", text["Eval.ItemUnknown", indicator.Key, key]);
        }

        v.ThrowIfAny();
        var check = new FieldCheck
        {
            Id = Guid.CreateVersion7(), SchemeId = target.Record.Id, PeriodCode = target.Period.Code, StaffId = staff.Id, IndicatorKey = indicator.Key,
            Household = body.Household!.Trim(), Count = body.Count,
            ItemCountsJson = body.ItemCounts is { Count: > 0 } counts ? JsonSerializer.Serialize(counts) : null,
            Note = Validation.Clean(body.Note), CheckedAt = body.CheckedAt?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, CheckedBy = actor.UserName,
        };
        db.FieldChecks.Add(check);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return ToDto(check);
    }

    public async Task DeleteAsync(Actor actor, Guid schemeId, string period, Guid checkId, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var check = await db.FieldChecks.SingleOrDefaultAsync(f => f.Id == checkId && f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code, ct)
            ?? throw new NotFoundException(text["Eval.FieldCheckNotFound"]);
        await entry.StaffAsync(actor, check.StaffId, ct);
        db.FieldChecks.Remove(check);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
    }

    private static FieldCheckDto ToDto(FieldCheck f) => new(
        f.Id, f.SchemeId, f.PeriodCode, f.StaffId, f.IndicatorKey, f.Household, f.Count,
        f.ItemCountsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(f.ItemCountsJson), f.Note, f.CheckedAt, f.CheckedBy);
}
