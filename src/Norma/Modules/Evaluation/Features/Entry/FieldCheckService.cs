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

/// <summary>
/// A sampled household visit. <see cref="SubjectId"/> is the staff member (or, in a scheme that scores units, the unit);
/// <see cref="StaffId"/> is accepted for it as well. A deduction indicator takes either <see cref="Count"/> (no check
/// items) or <see cref="ItemCounts"/> (item key → nonconformities); a rate indicator (信息知晓率, 明码实价执行率,
/// 送货及时率) takes <see cref="Observed"/> (customers asked, deliveries checked; default 1) and how many of them
/// <see cref="Conforming"/> (knew, complied, were on time).
/// </summary>
public sealed record RecordFieldCheckRequest(
    Guid? StaffId, string? IndicatorKey, string? Household, decimal? Count = null, IReadOnlyDictionary<string, decimal>? ItemCounts = null,
    string? Note = null, DateTime? CheckedAt = null, Guid? SubjectId = null, decimal? Observed = null, decimal? Conforming = null);

/// <summary>A recorded check; for a rate indicator <see cref="Observed"/> and <see cref="Conforming"/> are set and the counts are null.</summary>
public sealed record FieldCheckDto(
    Guid Id, Guid SchemeId, string PeriodCode, FigureSubjectKind SubjectKind, Guid SubjectId, string IndicatorKey, string Household, decimal? Count,
    IReadOnlyDictionary<string, decimal>? ItemCounts, decimal? Observed, decimal? Conforming, string? Note, DateTime CheckedAt, string CheckedBy);

/// <summary>Field checks (实地检查): one sampled household per record, for an indicator whose figures come from field checks.</summary>
internal sealed class FieldCheckService(EvaluationDbContext db, EntryContext entry, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public async Task<IReadOnlyList<FieldCheckDto>> ListAsync(Actor actor, Guid schemeId, string period, Guid? subjectId, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var query = db.FieldChecks.AsNoTracking().Where(f => f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code);
        if (subjectId is { } s)
        {
            query = query.Where(f => f.SubjectId == s);
        }

        // Only the checks of people (or units) the actor's evaluation.enter scope reaches.
        var reach = await entry.ReachAsync(actor, ct);
        var checks = (await query.ToListAsync(ct)).Where(f => reach(f.SubjectKind, f.SubjectId)).OrderBy(f => f.CheckedAt).ThenBy(f => f.Id).ToList();
        var positionOf = await entry.PositionsAsync(target, ct);
        return checks.Select(f => ToDto(positionOf(f.SubjectKind, f.SubjectId)?.Sections.SelectMany(x => x.Indicators).FirstOrDefault(i => i.Key == f.IndicatorKey)?.Rule, f))
            .ToList();
    }

    public async Task<FieldCheckDto> RecordAsync(Actor actor, Guid schemeId, string period, RecordFieldCheckRequest body, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var subject = await entry.SubjectAsync(actor, target, body.SubjectId ?? body.StaffId, ct);
        var indicator = await entry.IndicatorAsync(target, subject, body.IndicatorKey, IndicatorEntry.FieldCheck, ct);
        var v = new Validation(text).Required("Household", body.Household, 100).Optional("Note", body.Note, 500);
        string? counts;
        decimal? count = null;
        if (indicator.Rule is RateRule { Denominator: { } denominator } rate)
        {
            // One visit observes one or more things (deliveries on a route) of which some conform.
            var observed = body.Observed ?? 1;
            v.Check(body.Count is null && body.ItemCounts is null or { Count: 0 }, "Count", text["Eval.RateCheckCounts"]);
            v.Check(observed is >= 1 and <= 10000 && decimal.Truncate(observed) == observed, "Observed", text["Eval.ObservedRange"]);
            v.Check(body.Conforming is { } c && c >= 0 && c <= observed && decimal.Truncate(c) == c, "Conforming", text["Eval.ConformingRange", observed]);
            counts = JsonSerializer.Serialize(new Dictionary<string, decimal> { [rate.Numerator] = body.Conforming ?? 0, [denominator] = observed });
        }
        else if (indicator.Rule is DeductionRule deduction)
        {
            v.Check(body.Observed is null && body.Conforming is null, "Observed", text["Eval.DeductionCheckCounts"]);
            v.Check(body.Count is null != (body.ItemCounts is null or { Count: 0 }), "Count", text["Eval.CountOrItems"]);
            v.Check(body.Count is null or >= 0 && (body.ItemCounts?.Values.All(c => c >= 0) ?? true), "Count", text["Eval.CountNegative"]);
            foreach (var key in body.ItemCounts?.Keys ?? [])
            {
                v.Check(deduction.Items.Any(i => i.Key == key), "ItemCounts", text["Eval.ItemUnknown", indicator.Key, key]);
            }

            count = body.Count;
            counts = body.ItemCounts is { Count: > 0 } items ? JsonSerializer.Serialize(items) : null;
        }
        else
        {
            throw ValidationFailedException.For("IndicatorKey", text["Eval.IndicatorNotCheckable", indicator.Name]);
        }

        v.ThrowIfAny();
        var check = new FieldCheck
        {
            Id = Guid.CreateVersion7(), SchemeId = target.Record.Id, PeriodCode = target.Period.Code, SubjectKind = subject.Kind, SubjectId = subject.Id,
            IndicatorKey = indicator.Key, Household = body.Household!.Trim(), Count = count, ItemCountsJson = counts,
            Note = Validation.Clean(body.Note), CheckedAt = body.CheckedAt?.ToUniversalTime() ?? clock.GetUtcNow().UtcDateTime, CheckedBy = actor.UserName,
        };
        db.FieldChecks.Add(check);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return ToDto(indicator.Rule, check);
    }

    public async Task DeleteAsync(Actor actor, Guid schemeId, string period, Guid checkId, CancellationToken ct = default)
    {
        actor.RequireEnter(text);
        var target = await entry.TargetAsync(schemeId, period, ct);
        var check = await db.FieldChecks.SingleOrDefaultAsync(f => f.Id == checkId && f.SchemeId == target.Record.Id && f.PeriodCode == target.Period.Code, ct)
            ?? throw new NotFoundException(text["Eval.FieldCheckNotFound"]);
        await entry.SubjectAsync(actor, target, check.SubjectId, ct);
        db.FieldChecks.Remove(check);
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
    }

    private static FieldCheckDto ToDto(IndicatorRule? rule, FieldCheck f)
    {
        var counts = f.ItemCountsJson is null ? null : JsonSerializer.Deserialize<Dictionary<string, decimal>>(f.ItemCountsJson);
        if (rule is RateRule { Denominator: { } denominator } rate && counts is not null)
        {
            return new(f.Id, f.SchemeId, f.PeriodCode, f.SubjectKind, f.SubjectId, f.IndicatorKey, f.Household, null, null,
                counts.GetValueOrDefault(denominator), counts.GetValueOrDefault(rate.Numerator), f.Note, f.CheckedAt, f.CheckedBy);
        }

        return new(f.Id, f.SchemeId, f.PeriodCode, f.SubjectKind, f.SubjectId, f.IndicatorKey, f.Household, f.Count, counts, null, null, f.Note, f.CheckedAt, f.CheckedBy);
    }
}
