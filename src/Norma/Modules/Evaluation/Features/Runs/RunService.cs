using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Contracts;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Evaluation;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Runs;

public sealed record RunSummaryDto(
    Guid Id, Guid SchemeId, string SchemeCode, int SchemeNumber, string PeriodCode, RunStatus Status, bool CanPublish, int Subjects,
    DateTime ComputedAt, string ComputedBy, DateTime? PublishedAt, string? PublishedBy);

public sealed record RunEventDto(string Action, string Actor, DateTime At, string? Note);

public sealed record RunDto(RunSummaryDto Run, EvaluationResult Result, IReadOnlyList<RunEventDto> Events);

/// <summary>What to compute: for a scheme that scores units, the units (default: every unit with data entered for the period).</summary>
public sealed record ComputeRunRequest(IReadOnlyList<Guid>? UnitIds);

/// <summary>One indicator whose score differs between the published run and this one (null where it is absent).</summary>
public sealed record IndicatorDifferenceDto(string Key, string Name, decimal? PublishedScore, decimal? NewScore, string? PublishedText, string? NewText);

/// <summary>One subject's total in the published run and in this one (null where they are absent), with the indicators that changed.</summary>
public sealed record RunDifferenceDto(string SubjectKey, string Name, decimal? PublishedTotal, decimal? NewTotal, IReadOnlyList<IndicatorDifferenceDto> Indicators)
{
    public bool Changed => PublishedTotal != NewTotal || Indicators.Count > 0;
}

public sealed record RunComparisonDto(Guid RunId, Guid? PublishedRunId, IReadOnlyList<RunDifferenceDto> Staff);

public sealed record MyResultDto(
    Guid RunId, string SchemeCode, string SchemeName, string PeriodCode, string PositionName, decimal Total, string? Grade, int Rank,
    string Explanation, IReadOnlyList<string> Indicators, DateTime PublishedAt);

/// <summary>A published result of someone the caller's evaluation.read scope reaches (a unit head: their unit).</summary>
public sealed record TeamResultDto(
    Guid RunId, string SchemeCode, string PeriodCode, string SubjectKey, string Name, string? UnitName, string PositionName, decimal Total, string? Grade, int Rank);

/// <summary>
/// Runs (测评计算): a scheme computed for a period from the entered data and the registered metric sources, kept as a
/// confidential draft until someone with evaluation.publish publishes it; then each person sees their own result.
/// In a staff scheme the subjects are the active staff holding a position whose code equals a scheme position's key
/// (ignoring case) or whose name equals the scheme position's name; someone matching several takes the first in the
/// scheme. In a unit scheme they are the units asked for (by default every unit with data entered for the period),
/// each scored by the scheme position whose key or name is the unit's code or name, else by the first position.
/// A unit's 分管领导 (overseer) is carried with every subject of the unit for the overseer average.
/// </summary>
internal sealed class RunService(
    EvaluationDbContext db, EntryContext entry, IOrgDirectory org, IEnumerable<IEvaluationMetricSource> sources,
    IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    private static JsonSerializerOptions Json => SchemeService.JsonOptions;

    public async Task<RunDto> ComputeAsync(Actor actor, Guid schemeId, string periodCode, IReadOnlyList<Guid>? unitIds = null, CancellationToken ct = default)
    {
        if (!actor.Has(Permissions.EvaluationRun))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }

        var target = await entry.TargetAsync(schemeId, periodCode, ct);
        var scheme = target.Facts.Scheme;
        var inputs = new EvaluationInputs(await InputsAsync(target, unitIds, ct));
        var result = SchemeEngine.Compute(scheme, inputs);
        var now = clock.GetUtcNow().UtcDateTime;
        var run = new EvaluationRun
        {
            Id = Guid.CreateVersion7(), SchemeId = target.Record.Id, SchemeNumber = target.Record.Number, PeriodCode = target.Period.Code, Status = RunStatus.Draft,
            InputsJson = JsonSerializer.Serialize(inputs, Json), ResultJson = JsonSerializer.Serialize(result, Json), ComputedAt = now, ComputedBy = actor.UserName,
        };
        db.Runs.Add(run);
        db.RunEvents.Add(new RunEvent { Id = Guid.CreateVersion7(), RunId = run.Id, Action = "computed", Actor = actor.UserName, At = now });
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        // What was just stored, without reading it back (a 10,000-person result is 130 M characters of JSON).
        return new(Summary(run, target.Record.Code, result), result, [new RunEventDto("computed", actor.UserName, now, null)]);
    }

    public async Task<RunDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireRunRead(actor);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(text["Eval.RunNotFound"]);
        var events = await db.RunEvents.AsNoTracking().Where(e => e.RunId == id).ToListAsync(ct);
        var code = await db.Schemes.Where(s => s.Id == run.SchemeId).Select(s => s.Code).SingleAsync(ct);
        var result = Result(run);
        return new(Summary(run, code, result), result, events.OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => new RunEventDto(e.Action, e.Actor, e.At, e.Note)).ToList());
    }

    public async Task<IReadOnlyList<RunSummaryDto>> ListAsync(Actor actor, Guid schemeId, string periodCode, CancellationToken ct = default)
    {
        RequireRunRead(actor);
        var code = await db.Schemes.Where(s => s.Id == schemeId).Select(s => s.Code).SingleOrDefaultAsync(ct) ?? throw new NotFoundException(text["Eval.SchemeNotFound"]);
        var runs = await db.Runs.AsNoTracking().Where(r => r.SchemeId == schemeId && r.PeriodCode == periodCode).ToListAsync(ct);
        return runs.OrderByDescending(r => r.ComputedAt).Select(r => Summary(r, code, Result(r))).ToList();
    }

    /// <summary>Freezes a draft whose result has no errors (409 otherwise); from then on the staff see it.</summary>
    public async Task<RunDto> PublishAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!actor.Has(Permissions.EvaluationPublish))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }

        var run = await db.Runs.SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(text["Eval.RunNotFound"]);
        if (run.Status != RunStatus.Draft)
        {
            throw new BusinessRuleException(text["Eval.RunNotDraft"]);
        }

        if (!Result(run).CanPublish)
        {
            throw new BusinessRuleException(text["Eval.RunHasErrors"]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        run.Status = RunStatus.Published;
        run.PublishedAt = now;
        run.PublishedBy = actor.UserName;
        db.RunEvents.Add(new RunEvent { Id = Guid.CreateVersion7(), RunId = run.Id, Action = "published", Actor = actor.UserName, At = now });
        db.AuditActor = actor.ForAudit();
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// Per subject: the total in the latest published run of the same scheme code and period and in this run, with
    /// every indicator whose score or explanation differs — so later data changes show as a difference, never silently.
    /// </summary>
    public async Task<RunComparisonDto> CompareAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        RequireRunRead(actor);
        var run = await db.Runs.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException(text["Eval.RunNotFound"]);
        var published = await LatestPublishedAsync(run, ct);
        var now = Result(run).Subjects.ToDictionary(s => s.Key);
        var before = published is null ? [] : Result(published).Subjects.ToDictionary(s => s.Key);
        var rows = now.Keys.Union(before.Keys)
            .Select(k => Difference(k, before.GetValueOrDefault(k), now.GetValueOrDefault(k)))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        return new(run.Id, published?.Id, rows);
    }

    private static RunDifferenceDto Difference(string key, SubjectResult? before, SubjectResult? now)
    {
        static Dictionary<string, IndicatorResult> Indicators(SubjectResult? s) =>
            s is null ? [] : s.Sections.SelectMany(x => x.Indicators).ToDictionary(i => i.Key, StringComparer.Ordinal);

        var (old, @new) = (Indicators(before), Indicators(now));
        var changed = new List<IndicatorDifferenceDto>();
        foreach (var k in @new.Keys.Concat(old.Keys).Distinct(StringComparer.Ordinal))
        {
            var (a, b) = (old.GetValueOrDefault(k), @new.GetValueOrDefault(k));
            var (textA, textB) = (a is null ? null : ExplanationText.Chinese(a), b is null ? null : ExplanationText.Chinese(b));
            if (a?.Score != b?.Score || textA != textB)
            {
                changed.Add(new(k, (b ?? a)!.Name, a?.Score, b?.Score, textA, textB));
            }
        }

        return new(key, (now ?? before)!.Name, before?.Total, now?.Total, changed);
    }

    /// <summary>The caller's own results in the latest published run of each scheme code and period, with explanations.</summary>
    public async Task<IReadOnlyList<MyResultDto>> MineAsync(Actor actor, CancellationToken ct = default)
    {
        var schemes = await db.Schemes.AsNoTracking().Select(s => new { s.Id, s.Code, s.Name }).ToDictionaryAsync(s => s.Id, ct);
        var key = actor.AccountId.ToString();
        var mine = new List<MyResultDto>();
        foreach (var (run, me) in await LatestPublishedResultsAsync(id => schemes[id].Code, ct))
        {
            if (me.Key == key)
            {
                var scheme = schemes[run.SchemeId];
                mine.Add(new(
                    run.Id, scheme.Code, scheme.Name, run.PeriodCode, me.PositionName, me.Total, me.Grade, me.Rank, ExplanationText.Chinese(me),
                    me.Sections.SelectMany(s => s.Indicators).Select(ExplanationText.Chinese).ToList(), run.PublishedAt!.Value));
            }
        }

        return mine.OrderByDescending(m => m.PublishedAt).ToList();
    }

    /// <summary>
    /// The published results people see: per scheme code and period, the latest published run — and for a unit scheme,
    /// for each unit the latest published run that contains it, so a later run of one department (DEPT-100 recomputed
    /// for it) replaces its result and leaves the others' standing. A staff scheme's latest run stands whole: someone
    /// no longer in it has no current result. Only the chosen runs' documents are read.
    /// </summary>
    private async Task<List<(EvaluationRun Run, SubjectResult Subject)>> LatestPublishedResultsAsync(Func<Guid, string> codeOf, CancellationToken ct)
    {
        var published = await db.Runs.AsNoTracking().Where(r => r.Status == RunStatus.Published)
            .Select(r => new { r.Id, r.SchemeId, r.PeriodCode, r.PublishedAt }).ToListAsync(ct);
        var schemeIds = published.Select(r => r.SchemeId).Distinct().ToList();
        var unitSchemes = (await db.Schemes.AsNoTracking().Where(s => schemeIds.Contains(s.Id)).Select(s => new { s.Id, s.Definition }).ToListAsync(ct))
            .Where(s => SchemeJson.Deserialize(s.Definition).Subject == SubjectKind.Unit).Select(s => s.Id).ToHashSet();
        var chosen = published.GroupBy(r => (codeOf(r.SchemeId), r.PeriodCode))
            .SelectMany(g =>
            {
                var newest = g.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id).ToList();
                return unitSchemes.Contains(newest[0].SchemeId) ? newest : newest.Take(1);
            })
            .Select(r => r.Id).ToList();
        var runs = await db.Runs.AsNoTracking().Where(r => chosen.Contains(r.Id)).ToListAsync(ct);

        var seen = new HashSet<(string, string, string)>();
        var results = new List<(EvaluationRun, SubjectResult)>();
        foreach (var run in runs.OrderByDescending(r => r.PublishedAt).ThenByDescending(r => r.Id))
        {
            foreach (var subject in Result(run).Subjects)
            {
                if (seen.Add((codeOf(run.SchemeId), run.PeriodCode, subject.Key)))
                {
                    results.Add((run, subject));
                }
            }
        }

        return results;
    }

    /// <summary>
    /// The published results (latest run per scheme code and period) of the people the caller's evaluation.read scope
    /// reaches: everyone with scope All, their unit (and below) for a unit head, only themselves with scope Own.
    /// </summary>
    public async Task<IReadOnlyList<TeamResultDto>> TeamAsync(Actor actor, CancellationToken ct = default)
    {
        if (!actor.Has(Permissions.EvaluationRead))
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }

        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Code, StringComparer.Ordinal);
        var schemes = await db.Schemes.AsNoTracking().Select(s => new { s.Id, s.Code }).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var rows = new List<TeamResultDto>();
        foreach (var (run, s) in await LatestPublishedResultsAsync(id => schemes[id], ct))
        {
            var unit = s.UnitKey is { } code ? units.GetValueOrDefault(code) : null;
            var target = new Norma.Rules.Access.ScopeTarget(Guid.TryParse(s.Key, out var id) ? id : null, unit?.Id, unit?.Path);
            if (actor.Reaches(Permissions.EvaluationRead, target))
            {
                rows.Add(new(run.Id, schemes[run.SchemeId], run.PeriodCode, s.Key, s.Name, s.UnitName, s.PositionName, s.Total, s.Grade, s.Rank));
            }
        }

        return rows.OrderBy(r => r.SchemeCode, StringComparer.Ordinal).ThenByDescending(r => r.PeriodCode, StringComparer.Ordinal).ThenBy(r => r.Rank).ToList();
    }

    private async Task<EvaluationRun?> LatestPublishedAsync(EvaluationRun run, CancellationToken ct)
    {
        var code = await db.Schemes.Where(s => s.Id == run.SchemeId).Select(s => s.Code).SingleAsync(ct);
        var ids = await db.Schemes.Where(s => s.Code == code).Select(s => s.Id).ToListAsync(ct);
        return (await db.Runs.AsNoTracking().Where(r => ids.Contains(r.SchemeId) && r.PeriodCode == run.PeriodCode && r.Status == RunStatus.Published && r.Id != run.Id)
            .ToListAsync(ct)).MaxBy(r => r.PublishedAt);
    }

    private void RequireRunRead(Actor actor)
    {
        if (!actor.CanReadRuns())
        {
            throw new ForbiddenException(text["Eval.Forbidden"]);
        }
    }

    private static EvaluationResult Result(EvaluationRun run) => JsonSerializer.Deserialize<EvaluationResult>(run.ResultJson, Json)!;

    private static RunSummaryDto Summary(EvaluationRun r, string code, EvaluationResult result) => new(
        r.Id, r.SchemeId, code, r.SchemeNumber, r.PeriodCode, r.Status, result.CanPublish, result.Subjects.Count, r.ComputedAt, r.ComputedBy, r.PublishedAt, r.PublishedBy);

    /// <summary>A person or unit to score, with the position (indicator tree) that scores it and the unit it counts towards.</summary>
    private sealed record Subject(FigureSubjectKind Kind, Guid Id, string Name, Position Position, UnitInfo? Unit);

    private async Task<IReadOnlyList<Subject>> SubjectsAsync(EntryTarget target, IReadOnlyList<Guid>? unitIds, CancellationToken ct)
    {
        var scheme = target.Facts.Scheme;
        var units = (await org.UnitsAsync(ct)).ToDictionary(u => u.Id);
        var subjects = new List<Subject>();
        if (unitIds is not null && (scheme.Subject != SubjectKind.Unit || unitIds.Count == 0))
        {
            throw ValidationFailedException.For("UnitIds", text[scheme.Subject == SubjectKind.Unit ? "Eval.RunUnitsEmpty" : "Eval.RunUnitsForStaff"]);
        }

        if (scheme.Subject == SubjectKind.Unit)
        {
            var (schemeId, period) = (target.Record.Id, target.Period.Code);
            var chosen = unitIds ?? (await db.ManualScores.Where(m => m.SchemeId == schemeId && m.PeriodCode == period && m.SubjectKind == FigureSubjectKind.Unit).Select(m => m.SubjectId)
                    .Union(db.FieldChecks.Where(f => f.SchemeId == schemeId && f.PeriodCode == period && f.SubjectKind == FigureSubjectKind.Unit).Select(f => f.SubjectId))
                    .Union(db.Figures.Where(f => f.SchemeId == schemeId && f.PeriodCode == period && f.SubjectKind == FigureSubjectKind.Unit).Select(f => f.SubjectId))
                    .ToListAsync(ct));
            foreach (var id in chosen.Distinct())
            {
                // Asked for by id: it must exist. By default, data left by a unit deleted since is passed over.
                if (units.GetValueOrDefault(id) is not { } unit)
                {
                    if (unitIds is null)
                    {
                        continue;
                    }

                    throw ValidationFailedException.For("UnitIds", text["Eval.UnitUnknown"]);
                }

                subjects.Add(new(FigureSubjectKind.Unit, unit.Id, unit.Name, SchemeFacts.PositionOf(scheme, unit), unit));
            }

            return subjects.OrderBy(s => s.Unit!.Path, StringComparer.Ordinal).ToList();
        }

        var staff = (await org.StaffAsync(ct)).ToDictionary(s => s.Id);
        var holdings = await org.StaffPositionsAsync(ct);
        var taken = new HashSet<Guid>();
        foreach (var position in scheme.Positions)
        {
            foreach (var h in holdings.Where(h => SchemeFacts.Holds(h, position))
                         .OrderBy(h => h.StaffId))
            {
                if (staff.TryGetValue(h.StaffId, out var person) && taken.Add(person.Id))
                {
                    subjects.Add(new(FigureSubjectKind.Staff, person.Id, person.FullName, position, person.UnitId is { } u ? units.GetValueOrDefault(u) : null));
                }
            }
        }

        return subjects;
    }

    private async Task<IReadOnlyList<SubjectInput>> InputsAsync(EntryTarget target, IReadOnlyList<Guid>? unitIds, CancellationToken ct)
    {
        var subjects = await SubjectsAsync(target, unitIds, ct);
        var kind = target.Facts.Scheme.Subject == SubjectKind.Unit ? FigureSubjectKind.Unit : FigureSubjectKind.Staff;
        var (schemeId, period) = (target.Record.Id, target.Period.Code);
        var checks = (await db.FieldChecks.AsNoTracking().Where(f => f.SchemeId == schemeId && f.PeriodCode == period && f.SubjectKind == kind).ToListAsync(ct))
            .ToLookup(f => (f.SubjectId, f.IndicatorKey));
        var manual = (await db.ManualScores.AsNoTracking().Where(m => m.SchemeId == schemeId && m.PeriodCode == period && m.SubjectKind == kind).ToListAsync(ct))
            .ToDictionary(m => (m.SubjectId, m.IndicatorKey));
        var figures = (await db.Figures.AsNoTracking().Where(f => f.SchemeId == schemeId && f.PeriodCode == period && f.SubjectKind == kind).ToListAsync(ct))
            .GroupBy(f => f.SubjectId).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, decimal>)g.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal));

        var external = new Dictionary<string, IReadOnlyDictionary<MetricSubject, IReadOnlyDictionary<string, decimal>>>(StringComparer.Ordinal);
        // A period runs from local midnight to local midnight (Beijing time), like the paper forms' dates.
        var from = TimeZoneInfo.ConvertTimeToUtc(target.Period.Start.ToDateTime(TimeOnly.MinValue), OrgTime.Zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(target.Period.End.ToDateTime(TimeOnly.MinValue), OrgTime.Zone);
        var metricKind = kind == FigureSubjectKind.Unit ? MetricSubjectKind.Unit : MetricSubjectKind.Staff;
        var metricSubjects = subjects.Select(s => new MetricSubject(metricKind, s.Id)).ToList();
        // Every position's indicators: positions may share a key with different sources.
        foreach (var key in target.Facts.Scheme.Positions.SelectMany(p => p.Sections).SelectMany(x => x.Indicators)
                     .Where(i => target.Facts.EntryOf(i) == IndicatorEntry.Metric).Select(i => i.Source).Distinct(StringComparer.Ordinal))
        {
            if (sources.FirstOrDefault(s => s.Sources.Any(x => x.Key == key)) is { } source)
            {
                external[key] = await source.ReadAsync(key, from, to, metricSubjects, ct);
            }
        }

        var staffNames = subjects.Any(s => s.Unit?.OverseerId is not null) ? (await org.StaffAsync(ct)).ToDictionary(s => s.Id, s => s.FullName) : [];
        IReadOnlyDictionary<string, decimal> none = new Dictionary<string, decimal>();
        return subjects.Select(s =>
        {
            var indicators = new List<IndicatorInput>();
            foreach (var indicator in s.Position.Sections.SelectMany(x => x.Indicators))
            {
                var input = target.Facts.EntryOf(indicator) switch
                {
                    IndicatorEntry.FieldCheck => FromChecks(indicator, checks[(s.Id, indicator.Key)].ToList()),
                    IndicatorEntry.Manual => manual.TryGetValue((s.Id, indicator.Key), out var m)
                        ? new IndicatorInput(indicator.Key) { Score = m.Score, Note = m.Note, Evidence = $"评议 {m.By}" }
                        : null,
                    IndicatorEntry.Import => FromFigures(indicator, figures.GetValueOrDefault(s.Id) ?? none),
                    _ => external.TryGetValue(indicator.Source, out var bySubject) && bySubject.TryGetValue(new MetricSubject(metricKind, s.Id), out var fig)
                        ? new IndicatorInput(indicator.Key)
                        {
                            Figures = fig, Count = fig.Count == 1 ? fig.Values.Single() : fig.TryGetValue("count", out var c) ? c : null, Evidence = indicator.Source,
                        }
                        : null,
                };
                if (input is not null)
                {
                    indicators.Add(input);
                }
            }

            var overseer = s.Unit?.OverseerId is { } o && staffNames.TryGetValue(o, out var overseerName) ? (Key: o.ToString(), Name: overseerName) : default;
            return new SubjectInput(s.Id.ToString(), s.Name, s.Position.Key, s.Unit?.Code, indicators)
            {
                UnitName = s.Unit?.Name, OverseerKey = overseer.Key, OverseerName = overseer.Name,
            };
        }).ToList();
    }

    private static IndicatorInput? FromChecks(Indicator indicator, List<FieldCheck> checks)
    {
        if (checks.Count == 0)
        {
            return null;
        }

        static Dictionary<string, decimal>? Sum(IEnumerable<FieldCheck> list)
        {
            var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var f in list.Where(f => f.ItemCountsJson is not null))
            {
                foreach (var (k, v) in JsonSerializer.Deserialize<Dictionary<string, decimal>>(f.ItemCountsJson!)!)
                {
                    sums[k] = sums.GetValueOrDefault(k) + v;
                }
            }

            return sums.Count == 0 ? null : sums;
        }

        static decimal? Count(IEnumerable<FieldCheck> list) => list.Any(f => f.Count is not null) ? list.Sum(f => f.Count ?? 0) : null;

        var evidence = $"实地检查 {checks.Select(c => c.Household).Distinct().Count()} 户";
        if (indicator.Rule is RateRule)
        {
            // Observed and conforming counts summed over the visits: 知晓 17 of 20 customers asked = 85 %.
            return new IndicatorInput(indicator.Key) { Figures = Sum(checks), Evidence = evidence };
        }

        return indicator.Rule is DeductionRule { PerHousehold: true }
            ? new IndicatorInput(indicator.Key)
            {
                Households = checks.GroupBy(c => c.Household).Select(g => new HouseholdCheck(g.Key) { Count = Count(g), ItemCounts = Sum(g) }).ToList(), Evidence = evidence,
            }
            : new IndicatorInput(indicator.Key) { Count = Count(checks), ItemCounts = Sum(checks), Evidence = evidence };
    }

    private static IndicatorInput? FromFigures(Indicator indicator, IReadOnlyDictionary<string, decimal> figures)
    {
        var names = SchemeFacts.MetricNames(indicator.Rule).Append(indicator.Key);
        return names.Any(figures.ContainsKey)
            ? new IndicatorInput(indicator.Key) { Figures = figures, Count = figures.TryGetValue(indicator.Key, out var c) ? c : null, Evidence = "导入数据" }
            : null;
    }
}
