using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Evaluation.Contracts;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Cases.Features.Metrics;

/// <summary>
/// The admin verb bench-case-metrics: every case figure key read the way an evaluation run reads it — once for N staff
/// subjects (the real accounts, padded with fresh ids) and once for all units — over the last D days, after one warm-up
/// pass; prints each read's time and the whole pass's. Figures in docs/cases.md.
/// </summary>
public static class CaseMetricBench
{
    public static async Task<int> RunAsync(IServiceProvider services, int staffCount, int days, TextWriter output, CancellationToken ct = default)
    {
        List<MetricSubject> staff, units;
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var accounts = await sp.GetRequiredService<PlatformDbContext>().Users.AsNoTracking().Select(u => u.Id).ToListAsync(ct);
            staff = accounts.Concat(Enumerable.Range(0, Math.Max(0, staffCount - accounts.Count)).Select(_ => Guid.NewGuid()))
                .Select(id => new MetricSubject(MetricSubjectKind.Staff, id)).ToList();
            units = (await sp.GetRequiredService<IOrgDirectory>().UnitsAsync(ct)).Select(u => new MetricSubject(MetricSubjectKind.Unit, u.Id)).ToList();
            var db = sp.GetRequiredService<CasesDbContext>();
            await output.WriteLineAsync($"{await db.Cases.CountAsync(ct):N0} cases, {await db.Clocks.CountAsync(ct):N0} clocks; {staff.Count:N0} staff subjects, " +
                $"{units.Count} units; last {days} days; provider {db.Database.ProviderName}");
        }

        var to = DateTime.UtcNow.Date;
        var from = to.AddDays(-days);
        IReadOnlyList<string> keys;
        await using (var scope = services.CreateAsyncScope())
        {
            keys = scope.ServiceProvider.GetServices<IEvaluationMetricSource>().OfType<CaseMetricSource>().Single().Sources.Select(s => s.Key).ToList();
        }

        for (var pass = 0; pass < 2; pass++)
        {
            var total = Stopwatch.StartNew();
            if (pass == 1)
            {
                await output.WriteLineAsync($"{"key",-32} {"staff ms",9} {"units ms",9}  staff figures (sum over subjects)");
            }

            // One scope per pass, like an evaluation run: keys sharing a query reuse its result.
            await using var scope = services.CreateAsyncScope();
            var source = scope.ServiceProvider.GetServices<IEvaluationMetricSource>().OfType<CaseMetricSource>().Single();
            foreach (var key in keys)
            {
                var (staffMs, staffFigures) = await TimeAsync(source, key, from, to, staff, ct);
                var (unitMs, _) = await TimeAsync(source, key, from, to, units, ct);
                if (pass == 1)
                {
                    var sums = string.Join(" ", staffFigures.Values.SelectMany(f => f).GroupBy(f => f.Key).Select(g => $"{g.Key}={g.Sum(f => f.Value):0}"));
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{key,-32} {staffMs,9:F0} {unitMs,9:F0}  {sums}"));
                }
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(pass == 0 ? "warm-up pass" : "whole pass")}: {total.Elapsed.TotalSeconds:F2} s for {keys.Count} keys × (staff + units)"));
        }

        return 0;
    }

    private static async Task<(double Ms, IReadOnlyDictionary<MetricSubject, IReadOnlyDictionary<string, decimal>> Figures)> TimeAsync(
        CaseMetricSource source, string key, DateTime from, DateTime to, List<MetricSubject> subjects, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var figures = await source.ReadAsync(key, from, to, subjects, ct);
        return (watch.Elapsed.TotalMilliseconds, figures);
    }
}
