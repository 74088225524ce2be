using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Rules.Evaluation;

namespace Norma.IntegrationTests.Evaluation;

/// <summary>The admin verb bench-evaluation with tiny numbers, so that it keeps working (docs/evaluation.md, Benchmark).</summary>
public sealed class EvaluationBenchVerbTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task Bench_evaluation_generates_its_data_once_and_times_real_runs()
    {
        var (exit, output) = await app.RunVerbAsync("bench-evaluation", "--bench-database", "--staff", "20", "--cases", "200", "--checks", "200", "--iterations", "2");
        exit.ShouldBe(0, output);
        output.ShouldContain("Added 20 benchmark staff.");
        output.ShouldContain("20 staff × 30 indicators");
        output.ShouldContain("ComputeAsync over 2 runs");
        output.ShouldContain("engine: SchemeEngine.Compute");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EvaluationDbContext>();
            var scheme = await db.Schemes.SingleAsync(s => s.Code == RunBench.SchemeCode);
            var runs = await db.Runs.Where(r => r.SchemeId == scheme.Id).ToListAsync();
            runs.Count.ShouldBe(3);   // warm-up + 2
            var result = JsonSerializer.Deserialize<EvaluationResult>(runs[0].ResultJson, SchemeService.JsonOptions)!;
            result.Subjects.Count.ShouldBe(20);
            result.Subjects.ShouldAllBe(s => s.Sections.Sum(x => x.Indicators.Count) == 30);
            result.CanPublish.ShouldBeTrue(string.Join("; ", result.InputProblems.Take(5)));
            (await db.FieldChecks.CountAsync(f => f.SchemeId == scheme.Id)).ShouldBe(200);
        }

        (await app.WithCasesAsync(db => db.Clocks.CountAsync())).ShouldBeGreaterThanOrEqualTo(600);

        // The audit entry of a run holds digests of its inputs and result, not copies (they are tens of MB at full size).
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "evaluation_run.created").Select(e => e.Details).ToListAsync());
        audited.Count.ShouldBeGreaterThanOrEqualTo(3);   // the bench runs and the demo's published ones
        audited.ShouldAllBe(d => d.Contains("\"ResultJson\":\"sha256:") && d.Contains("\"InputsJson\":\"sha256:") && !d.Contains("subjects"));

        // A second call reuses everything and only measures (its runs replace the first call's).
        var again = await app.RunVerbAsync("bench-evaluation", "--bench-database", "--staff", "20", "--cases", "200", "--checks", "200", "--iterations", "1");
        again.ExitCode.ShouldBe(0, again.Output);
        again.Output.ShouldContain("Reusing the benchmark staff.");
        again.Output.ShouldContain("Reusing the bench scheme's field checks");
        again.Output.ShouldNotContain("Generated");
        (await app.WithDbAsync(db => db.Users.CountAsync(u => u.UserName!.StartsWith("BENCH-")))).ShouldBe(20);
    }
}
