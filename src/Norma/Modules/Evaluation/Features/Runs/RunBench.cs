using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Evaluation.Contracts;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Domain;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Access;
using Norma.Rules.Evaluation;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Persistence;

namespace Norma.Modules.Evaluation.Features.Runs;

/// <summary>
/// The evaluation half of the admin verb bench-evaluation: a generated 30-indicator staff scheme (BENCH-EVAL, position
/// <see cref="PositionCode"/>: 10 field-check deductions — per household or summed, with check items or counts —,
/// every cases.* key, 4 rates/bands on imported figures, 6 manual scores), its field checks, imported figures and
/// manual scores for the last complete half-year, then one warm-up and N timed <see cref="RunService.ComputeAsync"/>
/// calls, each in its own scope, and a breakdown of one run's parts measured beside it (the same reads, the engine on
/// the saved inputs, the JSON). The staff and cases are made before (AdminCli). Figures in docs/evaluation.md.
/// </summary>
public static class RunBench
{
    public const string SchemeCode = "BENCH-EVAL";
    public const string PositionCode = "bench-manager";
    public const string PositionName = "客户经理(基准测试)";

    private static readonly string[] CaseKeys =
    [
        "cases.received", "cases.handled", "cases.completion", "cases.on-time", "cases.on-time.first-response", "cases.on-time.arrival",
        "cases.on-time.reply", "cases.on-time.resolution", "cases.reopen", "cases.breached",
    ];

    /// <summary>The field-check indicators: key, per household, check items (null: a plain count).</summary>
    private static readonly (string Key, bool PerHousehold, string[]? Items)[] Checks =
    [
        ("fc-display", true, ["order", "front", "clean"]), ("fc-price", true, ["tag", "match", "seal"]), ("fc-order", true, ["book", "turnover", "notice"]),
        ("fc-advice", true, ["new", "help", "policy"]), ("fc-hygiene", true, ["floor", "counter"]), ("fc-visit", true, null), ("fc-sign", true, null),
        ("fc-ledger", false, ["entry", "total"]), ("fc-license", false, ["shown", "valid"]), ("fc-report", false, null),
    ];

    private static readonly string[] ManualKeys = ["m-basic", "m-attitude", "m-teamwork", "m-discipline", "m-learning", "m-innovation"];

    public static async Task<int> RunAsync(IServiceProvider services, int checkCount, int iterations, string caseSummary, TextWriter output, CancellationToken ct = default)
    {
        var period = EvaluationPeriod.Containing(PeriodType.HalfYear, DateOnly.FromDateTime(DateTime.UtcNow)).Previous();
        Guid schemeId;
        List<Guid> staff;
        Actor actor;
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var db = sp.GetRequiredService<EvaluationDbContext>();
            var org = sp.GetRequiredService<IOrgDirectory>();
            staff = (await org.StaffPositionsAsync(ct)).Where(h => h.PositionCode == PositionCode).Select(h => h.StaffId).Distinct().Order().ToList();
            if (staff.Count == 0)
            {
                await output.WriteLineAsync($"No staff hold the position {PositionCode}.");
                return 1;
            }

            schemeId = await EnsureSchemeAsync(db, ct);
            await EnsureDataAsync(db, schemeId, period.Code, staff, checkCount, output, ct);
            // Its own name in the runs and the audit log, never a real person's.
            actor = new Actor(Guid.Empty, "bench-evaluation", "bench-evaluation", null, null,
                new Dictionary<string, DataScope> { [Permissions.EvaluationRun] = DataScope.All, [Permissions.EvaluationRead] = DataScope.All });
        }

        string provider, counts;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
            var checks = await db.FieldChecks.CountAsync(f => f.SchemeId == schemeId && f.PeriodCode == period.Code, ct);
            var figures = await db.Figures.CountAsync(f => f.SchemeId == schemeId && f.PeriodCode == period.Code, ct);
            var manual = await db.ManualScores.CountAsync(f => f.SchemeId == schemeId && f.PeriodCode == period.Code, ct);
            provider = db.Database.ProviderName ?? "?";
            counts = $"{staff.Count:N0} staff × 30 indicators, period {period.Code}; {caseSummary}; {checks:N0} field checks, {figures:N0} imported figures, " +
                     $"{manual:N0} manual scores; provider {provider}; {Environment.ProcessorCount} cores";
            await output.WriteLineAsync(counts);
        }

        // Warm-up (JIT, pools, caches), then the timed runs.
        var times = new List<double>();
        Guid lastRun = Guid.Empty;
        for (var i = 0; i <= iterations; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var runs = scope.ServiceProvider.GetRequiredService<RunService>();
            var watch = Stopwatch.StartNew();
            var run = await runs.ComputeAsync(actor, schemeId, period.Code, null, ct);
            var seconds = watch.Elapsed.TotalSeconds;
            lastRun = run.Run.Id;
            if (run.Run.Subjects != staff.Count)
            {
                await output.WriteLineAsync($"The run has {run.Run.Subjects} subjects, not {staff.Count}.");
                return 1;
            }

            var line = string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? "warm-up" : $"run {i}"),-8} {seconds,7:F2} s  {run.Run.Subjects:N0} subjects, " +
                $"{run.Result.Subjects.Sum(s => s.Sections.Sum(x => x.Indicators.Count)):N0} indicator results, mean total {run.Result.Subjects.Average(s => s.Total):F2}, " +
                $"{run.Result.InputProblems.Count:N0} input problems; load {Load()}");
            await output.WriteLineAsync(line);
            if (i > 0)
            {
                times.Add(seconds);
            }
        }

        times.Sort();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"ComputeAsync over {times.Count} runs: p50 {times[times.Count / 2]:F2} s, max {times[^1]:F2} s (target < 10 s)"));
        await BreakdownAsync(services, schemeId, period, staff, lastRun, output, ct);
        return 0;
    }

    /// <summary>The 1-minute load average, for judging a measurement on a shared machine.</summary>
    private static string Load()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>
    /// The parts of one run, measured beside it (RunService's own steps re-done here in a fresh scope): the organization
    /// reads, the entry-data reads, the case figures, the engine on the last run's saved inputs, and the JSON written
    /// and read back.
    /// </summary>
    private static async Task BreakdownAsync(
        IServiceProvider services, Guid schemeId, EvaluationPeriod period, List<Guid> staff, Guid runId, TextWriter output, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<EvaluationDbContext>();
        var org = sp.GetRequiredService<IOrgDirectory>();
        var parts = new List<(string Name, double Ms)>();
        var watch = Stopwatch.StartNew();

        void Lap(string name)
        {
            parts.Add((name, watch.Elapsed.TotalMilliseconds));
            watch.Restart();
        }

        var record = await db.Schemes.AsNoTracking().SingleAsync(s => s.Id == schemeId, ct);
        var scheme = SchemeJson.Deserialize(record.Definition);
        Lap("scheme: load and parse");
        _ = await org.StaffAsync(ct);
        _ = await org.UnitsAsync(ct);
        Lap("org: staff and units (reference cache)");
        _ = await org.StaffPositionsAsync(ct);
        Lap("org: staff positions (query)");
        _ = await db.FieldChecks.AsNoTracking().Where(f => f.SchemeId == schemeId && f.PeriodCode == period.Code).ToListAsync(ct);
        Lap("entry: field checks");
        _ = await db.ManualScores.AsNoTracking().Where(m => m.SchemeId == schemeId && m.PeriodCode == period.Code && m.SubjectKind == FigureSubjectKind.Staff).ToListAsync(ct);
        _ = await db.Figures.AsNoTracking().Where(f => f.SchemeId == schemeId && f.PeriodCode == period.Code && f.SubjectKind == FigureSubjectKind.Staff).ToListAsync(ct);
        Lap("entry: manual scores and figures");
        var from = TimeZoneInfo.ConvertTimeToUtc(period.Start.ToDateTime(TimeOnly.MinValue), OrgTime.Zone);
        var to = TimeZoneInfo.ConvertTimeToUtc(period.End.ToDateTime(TimeOnly.MinValue), OrgTime.Zone);
        var subjects = staff.Select(id => new MetricSubject(MetricSubjectKind.Staff, id)).ToList();
        var sources = sp.GetServices<IEvaluationMetricSource>().ToList();
        foreach (var key in CaseKeys)
        {
            var source = sources.First(s => s.Sources.Any(x => x.Key == key));
            _ = await source.ReadAsync(key, from, to, subjects, ct);
            Lap($"metric {key}");
        }

        var run = await db.Runs.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        Lap("run: read back (inputs + result JSON)");
        var inputs = JsonSerializer.Deserialize<EvaluationInputs>(run.InputsJson, SchemeService.JsonOptions)!;
        Lap("run: inputs JSON → objects");
        var result = SchemeEngine.Compute(scheme, inputs);
        Lap("engine: SchemeEngine.Compute");
        var inputsJson = JsonSerializer.Serialize(inputs, SchemeService.JsonOptions);
        var resultJson = JsonSerializer.Serialize(result, SchemeService.JsonOptions);
        Lap("JSON: serialize inputs + result");
        _ = JsonSerializer.Deserialize<EvaluationResult>(resultJson, SchemeService.JsonOptions);
        Lap("JSON: result → objects (GetAsync reads it back)");
        var copy = new EvaluationRun
        {
            Id = Guid.CreateVersion7(), SchemeId = run.SchemeId, SchemeNumber = run.SchemeNumber, PeriodCode = run.PeriodCode, Status = RunStatus.Draft,
            InputsJson = inputsJson, ResultJson = resultJson, ComputedAt = run.ComputedAt, ComputedBy = run.ComputedBy,
        };
        db.Runs.Add(copy);
        var events = AuditCollector.Collect(db.ChangeTracker, new Dictionary<Type, string> { [typeof(EvaluationRun)] = "evaluation_run" });
        db.ChangeTracker.Clear();
        Lap($"audit: the run's audit event ({events.Sum(e => e.Details.Length):N0} chars)");
        await BulkInsert.RunAsync(db, [copy], ct);
        Lap("save: the run row alone (no audit)");
        await db.Runs.Where(r => r.Id == copy.Id).ExecuteDeleteAsync(ct);

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Breakdown (one pass, measured beside the runs; inputs JSON {inputsJson.Length / 1e6:F1} M chars, result JSON {resultJson.Length / 1e6:F1} M chars):"));
        foreach (var (name, ms) in parts)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name,-48} {ms,8:F0} ms"));
        }
    }

    private static async Task<Guid> EnsureSchemeAsync(EvaluationDbContext db, CancellationToken ct)
    {
        if (await db.Schemes.Where(s => s.Code == SchemeCode && s.Status == SchemeStatus.Active).Select(s => (Guid?)s.Id).FirstOrDefaultAsync(ct) is { } id)
        {
            return id;
        }

        var parsed = SchemeJson.Parse(SchemeText());
        if (!parsed.Succeeded)
        {
            throw new InvalidOperationException("The bench scheme does not parse: " + string.Join("; ", parsed.Problems.Select(p => $"{p.Path} {p.Message}")));
        }

        var validation = SchemeValidator.Validate(parsed.Scheme);
        if (!validation.CanPublish)
        {
            throw new InvalidOperationException("The bench scheme has errors: " + string.Join("; ", validation.Problems.Select(p => $"{p.Path} {p.Message}")));
        }

        var now = DateTime.UtcNow;
        var record = new EvaluationSchemeRecord
        {
            Id = Guid.CreateVersion7(), Code = SchemeCode, Number = await db.Schemes.CountAsync(s => s.Code == SchemeCode, ct) + 1, Label = parsed.Scheme.Version,
            Name = parsed.Scheme.Name, Status = SchemeStatus.Draft, Definition = SchemeJson.Serialize(parsed.Scheme), CanPublish = true,
            ProblemsJson = JsonSerializer.Serialize(validation.Problems.Select(p => new SchemeProblemDto(p.Code, p.Severity, p.Path, p.Message)), SchemeService.JsonOptions),
            CreatedAt = now, CreatedBy = AuditActor.System.Name,
        };
        record.Activate(now, AuditActor.System.Name);
        db.AuditActor = AuditActor.System;
        db.Schemes.Add(record);
        await db.SaveChangesAsync(ct);
        return record.Id;
    }

    /// <summary>The generated scheme: 30 indicators, 100 points, half-yearly, one position.</summary>
    public static string SchemeText()
    {
        static JsonObject Indicator(string key, string name, decimal max, string source, JsonObject rule) =>
            new() { ["key"] = key, ["name"] = name, ["max"] = max, ["source"] = source, ["rule"] = rule };

        var fieldChecks = new JsonArray();
        foreach (var (key, perHousehold, items) in Checks)
        {
            var rule = new JsonObject { ["kind"] = "deduction", ["points"] = 1 };
            if (perHousehold)
            {
                rule["perHousehold"] = true;
            }

            if (items is not null)
            {
                rule["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["key"] = i, ["name"] = $"检查项 {i}" }).ToArray());
            }

            fieldChecks.Add(Indicator(key, $"实地检查 {key}", 3, "field-check", rule));
        }

        static JsonObject Rate(string numerator, string? denominator, decimal target, decimal points, string direction = "atLeast")
        {
            var rule = new JsonObject { ["kind"] = "rate", ["numerator"] = numerator, ["target"] = target, ["points"] = points };
            if (denominator is not null)
            {
                rule["denominator"] = denominator;
            }

            if (direction != "atLeast")
            {
                rule["direction"] = direction;
            }

            return rule;
        }

        var cases = new JsonArray(
            Indicator("c-received", "受理量", 2, "cases.received", new JsonObject { ["kind"] = "band", ["numerator"] = "count", ["lower"] = 20, ["points"] = 0.1m }),
            Indicator("c-handled", "办结量", 2, "cases.handled", new JsonObject { ["kind"] = "band", ["numerator"] = "count", ["lower"] = 20, ["points"] = 0.1m }),
            Indicator("c-completion", "办结率", 4, "cases.completion", Rate("completed", "received", 95, 0.5m)),
            Indicator("c-on-time", "承诺兑现率", 4, "cases.on-time", Rate("met", "due", 90, 0.2m)),
            Indicator("c-first-response", "首次响应及时率", 3, "cases.on-time.first-response", Rate("met", "due", 90, 0.1m)),
            Indicator("c-arrival", "到场及时率", 3, "cases.on-time.arrival", Rate("met", "due", 90, 0.1m)),
            Indicator("c-reply", "答复及时率", 2, "cases.on-time.reply", Rate("met", "due", 90, 0.1m)),
            Indicator("c-resolution", "办结及时率", 4, "cases.on-time.resolution", Rate("met", "due", 95, 0.2m)),
            Indicator("c-reopen", "重开率", 3, "cases.reopen", Rate("reopened", "closed", 2, 1, "atMost")),
            Indicator("c-breached", "超时承诺数", 3, "cases.breached", new JsonObject { ["kind"] = "perEvent", ["points"] = 0.01m }));
        var imports = new JsonArray(
            Indicator("i-coverage", "经营指导面", 5, "import", Rate("coverage", null, 95, 1)),
            Indicator("i-coverage-min", "经营指导面(底线)", 3, "import", new JsonObject
            {
                ["kind"] = "rate", ["numerator"] = "coverage", ["target"] = 80, ["points"] = 1, ["shortfall"] = "startedPoint",
            }),
            Indicator("i-stock", "片区存销比", 5, "import", new JsonObject
            {
                ["kind"] = "band", ["numerator"] = "stockRatio", ["lower"] = 0.8m, ["upper"] = 1.2m, ["step"] = 0.1m, ["points"] = 1,
            }),
            Indicator("i-stock-cap", "存销比上限", 3, "import", new JsonObject { ["kind"] = "band", ["numerator"] = "stockRatio", ["upper"] = 1.5m, ["step"] = 0.1m, ["points"] = 1 }));
        var manual = new JsonArray(ManualKeys.Select(k => (JsonNode)Indicator(k, $"评议 {k}", 4, "manual", new JsonObject { ["kind"] = "manual" })).ToArray());

        static JsonObject Section(string key, string name, decimal max, JsonArray indicators) =>
            new() { ["key"] = key, ["name"] = name, ["max"] = max, ["indicators"] = indicators };

        var scheme = new JsonObject
        {
            ["format"] = "norma-evaluation-scheme/1", ["code"] = SchemeCode, ["name"] = "基准测试方案(bench-evaluation 生成)", ["version"] = "bench/1",
            ["description"] = "bench-evaluation 生成的 30 项指标方案:实地检查 10 项、工单指标 10 项(全部 cases.* 数据源)、导入数据 4 项、评议 6 项。",
            ["period"] = "halfYear",
            ["sampling"] = new JsonObject { ["percent"] = 5, ["minimum"] = 1, ["population"] = "片区零售客户" },
            ["grades"] = new JsonArray(
                new JsonObject { ["name"] = "优秀", ["min"] = 90 }, new JsonObject { ["name"] = "合格", ["min"] = 70, ["below"] = 90 },
                new JsonObject { ["name"] = "不合格", ["below"] = 70 }),
            ["positions"] = new JsonArray(new JsonObject
            {
                ["key"] = PositionCode, ["name"] = PositionName,
                ["sections"] = new JsonArray(
                    Section("field", "实地检查", 30, fieldChecks), Section("cases", "工单指标", 30, cases),
                    Section("business", "经营指标", 16, imports), Section("review", "评议", 24, manual)),
            }),
        };
        return scheme.ToJsonString();
    }

    /// <summary>
    /// Field checks (<paramref name="checkCount"/>, spread over the staff and the 10 field-check indicators, each in a
    /// household), 2 imported figures and 6 manual scores per person — regenerated only when the counts differ.
    /// </summary>
    private static async Task EnsureDataAsync(
        EvaluationDbContext db, Guid schemeId, string period, List<Guid> staff, int checkCount, TextWriter output, CancellationToken ct)
    {
        var checks = db.FieldChecks.Where(f => f.SchemeId == schemeId && f.PeriodCode == period);
        var figures = db.Figures.Where(f => f.SchemeId == schemeId && f.PeriodCode == period);
        var manual = db.ManualScores.Where(f => f.SchemeId == schemeId && f.PeriodCode == period);
        if (await checks.CountAsync(ct) == checkCount && await figures.CountAsync(ct) == 2 * staff.Count && await manual.CountAsync(ct) == ManualKeys.Length * staff.Count)
        {
            await output.WriteLineAsync("Reusing the bench scheme's field checks, figures and manual scores.");
        }
        else
        {
            var watch = Stopwatch.StartNew();
            await checks.ExecuteDeleteAsync(ct);
            await figures.ExecuteDeleteAsync(ct);
            await manual.ExecuteDeleteAsync(ct);
            var random = new Random(5);
            var now = DateTime.UtcNow;
            var rows = Enumerable.Range(0, checkCount).Select(i =>
            {
                var (s, k) = (i % staff.Count, i / staff.Count);
                var (key, _, items) = Checks[k % Checks.Length];
                return new FieldCheck
                {
                    Id = Guid.CreateVersion7(), SchemeId = schemeId, PeriodCode = period, SubjectKind = FigureSubjectKind.Staff, SubjectId = staff[s], IndicatorKey = key,
                    Household = string.Create(CultureInfo.InvariantCulture, $"H{(k / Checks.Length) + 1:D2}-{s % 500:D3}"),
                    Count = items is null ? random.Next(0, 3) : null,
                    ItemCountsJson = items is null ? null : JsonSerializer.Serialize(items.ToDictionary(x => x, _ => random.Next(0, 100) < 80 ? 0 : 1)),
                    CheckedAt = now, CheckedBy = "bench", Version = 1,
                };
            });
            await BulkInsert.RunAsync(db, rows, ct);
            var batch = Guid.CreateVersion7();
            await BulkInsert.RunAsync(db, staff.SelectMany(id => new[]
            {
                Figure(id, "coverage", 80 + (random.Next(0, 2001) / 100m)), Figure(id, "stockRatio", 0.6m + (random.Next(0, 101) / 100m)),
            }), ct);
            await BulkInsert.RunAsync(db, staff.SelectMany(id => ManualKeys.Select(k => new ManualScore
            {
                Id = Guid.CreateVersion7(), SchemeId = schemeId, PeriodCode = period, SubjectKind = FigureSubjectKind.Staff, SubjectId = id, IndicatorKey = k,
                Score = random.Next(25, 41) / 10m, Note = "基准测试评议", At = now, By = "bench", Version = 1,
            })), ct);
            if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE eval_field_checks; ANALYZE eval_imported_figures; ANALYZE eval_manual_scores", ct);
            }

            await output.WriteLineAsync($"Wrote {checkCount:N0} field checks, {2 * staff.Count:N0} figures, {ManualKeys.Length * staff.Count:N0} manual scores in {watch.Elapsed.TotalSeconds:F1} s.");

            ImportedFigure Figure(Guid id, string name, decimal value) => new()
            {
                Id = Guid.CreateVersion7(), SchemeId = schemeId, PeriodCode = period, SubjectKind = FigureSubjectKind.Staff, SubjectId = id, Name = name, Value = value,
                ImportBatchId = batch, ImportedAt = now, ImportedBy = "bench",
            };
        }

        // Earlier invocations' runs of the bench scheme go: each holds two large JSON documents.
        var old = await db.Runs.Where(r => r.SchemeId == schemeId).Select(r => r.Id).ToListAsync(ct);
        await db.RunEvents.Where(e => old.Contains(e.RunId)).ExecuteDeleteAsync(ct);
        await db.Runs.Where(r => r.SchemeId == schemeId).ExecuteDeleteAsync(ct);
    }
}
