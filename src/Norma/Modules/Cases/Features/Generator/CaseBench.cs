using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Features.Lists;
using Norma.Modules.Organization.Contracts;
using Norma.Modules.Platform.Data;
using Norma.Rules.Cases;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Generator;

/// <summary>
/// The admin verb bench-cases: each list/search shape N times through <see cref="CaseListService"/> (a DI scope per call,
/// like a request) against the configured database, printing p50/p95/p99. Needs the demo organization and generated cases.
/// Not part of the test run; figures in docs/cases-performance.md.
/// </summary>
public static class CaseBench
{
    public static async Task<int> RunAsync(IServiceProvider services, int iterations, TextWriter output, CancellationToken ct = default)
    {
        Actor admin, zhuren, jishu;
        Guid r1, eng;
        string phone, dayPrefix;
        await using (var scope = services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            admin = await ActorAsync(sp, "admin");
            zhuren = await ActorAsync(sp, "zhuren");
            jishu = await ActorAsync(sp, "jishu");
            var units = await sp.GetRequiredService<IOrgDirectory>().UnitsAsync(ct);
            r1 = units.Single(u => u.Code == "ENG-R1").Id;
            eng = units.Single(u => u.Code == "ENG").Id;
            var db = sp.GetRequiredService<CasesDbContext>();
            var total = await db.Cases.CountAsync(ct);
            var sample = await db.Cases.AsNoTracking().OrderByDescending(c => c.CreatedAt).Skip(5000).Select(c => new { c.CallerPhone, c.Number }).FirstAsync(ct);
            phone = sample.CallerPhone!;
            dayPrefix = sample.Number[..(CaseGenerator.NumberPrefix.Length + 8)];
            await output.WriteLineAsync($"{total:N0} cases; {iterations} runs per shape; provider {db.Database.ProviderName}");
        }

        string? page49 = null;
        await using (var scope = services.CreateAsyncScope())
        {
            var lists = scope.ServiceProvider.GetRequiredService<CaseListService>();
            for (var i = 0; i < 49; i++)
            {
                page49 = (await lists.ListAsync(admin, new CaseQuery(Cursor: page49), ct)).NextCursor;
            }
        }

        var shapes = new (string Name, Actor Actor, CaseQuery Query)[]
        {
            ("newest, first page (all)", admin, new CaseQuery()),
            ("newest, page 50 by cursor", admin, new CaseQuery(Cursor: page49)),
            ("oldest, first page", admin, new CaseQuery(Sort: CaseSort.Oldest)),
            ("status Dispatched+Accepted, unit ENG-R1", admin, new CaseQuery(Statuses: [CaseStatus.Dispatched, CaseStatus.Accepted], UnitId: r1)),
            ("unit ENG subtree, open", admin, new CaseQuery(UnitId: eng, IncludeSubunits: true, OpenOnly: true)),
            ("FieldStaff ENG-R1 (own unit scope)", jishu, new CaseQuery()),
            ("FieldStaff, mine + open", jishu, new CaseQuery(Mine: true, OpenOnly: true)),
            ("Supervisor ENG (subtree scope)", zhuren, new CaseQuery()),
            ("Supervisor, breached + open", zhuren, new CaseQuery(Clock: CaseClockFilter.Breached, OpenOnly: true)),
            ("due soonest sort", admin, new CaseQuery(Sort: CaseSort.DueSoonest)),
            ("due soon filter (4 h)", admin, new CaseQuery(Clock: CaseClockFilter.DueSoon, Sort: CaseSort.DueSoonest)),
            ("breached filter", admin, new CaseQuery(Clock: CaseClockFilter.Breached)),
            ($"text: number prefix {dayPrefix}", admin, new CaseQuery(Text: dayPrefix)),
            ("text: title word 漏气", admin, new CaseQuery(Text: "漏气")),
            ("text: title word 漏气, FieldStaff", jishu, new CaseQuery(Text: "漏气")),
            ("text: phone exact", admin, new CaseQuery(Text: phone)),
            ("text: phone exact, FieldStaff", jishu, new CaseQuery(Text: phone)),
            ("created on one day", admin, new CaseQuery(CreatedFrom: OrgTime.Today(TimeProvider.System).AddDays(-30), CreatedTo: OrgTime.Today(TimeProvider.System).AddDays(-30))),
        };

        await output.WriteLineAsync($"{"shape",-44} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"rows",5}");
        var worst = 0.0;
        foreach (var (name, actor, query) in shapes)
        {
            var times = new List<double>(iterations);
            var rows = 0;
            for (var i = 0; i < iterations + 5; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var lists = scope.ServiceProvider.GetRequiredService<CaseListService>();
                var watch = Stopwatch.StartNew();
                var page = await lists.ListAsync(actor, query, ct);
                watch.Stop();
                rows = page.Rows.Count;
                if (i >= 5)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);   // the first five warm the plan cache and the pool
                }
            }

            times.Sort();
            double P(double p) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(p * times.Count) - 1)];
            worst = Math.Max(worst, P(0.95));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {P(0.50),8:F1} {P(0.95),8:F1} {P(0.99),8:F1} {rows,5}"));
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"worst p95: {worst:F1} ms"));
        return 0;
    }

    private static async Task<Actor> ActorAsync(IServiceProvider sp, string userName)
    {
        var id = await sp.GetRequiredService<PlatformDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString())], "bench"));
        return await sp.GetRequiredService<ActorResolver>().ResolveAsync(principal)
            ?? throw new InvalidOperationException($"{userName} is not an active account");
    }
}
