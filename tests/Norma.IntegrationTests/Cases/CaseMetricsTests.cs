using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Evaluation.Contracts;
using Norma.Rules.Cases;
using Case = Norma.Modules.Cases.Domain.Case;

namespace Norma.IntegrationTests.Cases;

/// <summary>
/// The case figures of quality evaluation (docs/cases.md, "Figures for quality evaluation") on a real database: a
/// handful of cases with known people, units and clock outcomes, and every figure per subject computed by hand.
/// Subjects are fresh ids, so the seeded demo data never counts.
/// </summary>
public sealed class CaseMetricsTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    // March 2025 (UTC).
    private static readonly DateTime From = new(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime To = new(2025, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    private static DateTime At(int month, int day, int hour = 9) => new(2025, month, day, hour, 0, 0, DateTimeKind.Utc);

    private static Case NewCase(Guid createdBy, Guid owner, Guid? assignee, Guid unit, DateTime createdAt, CaseStatus status = CaseStatus.Open, DateTime? closedAt = null) => new()
    {
        Id = Guid.CreateVersion7(), Number = $"MT{Guid.NewGuid():N}"[..20], ItemId = Guid.CreateVersion7(), ItemCode = "TEST", ItemName = "测试事项",
        Handling = HandlingKind.Promised, Channel = CaseChannel.Phone, Title = "测试工单", Priority = Priority.Normal, Status = status,
        UnitId = unit, UnitPath = $"/{unit:N}", OwnerId = owner, OwnerName = "负责人", AssigneeId = assignee, AssigneeName = assignee is null ? null : "技术员",
        CreatedById = createdBy, CreatedByName = "受理人", CreatedAt = createdAt, UpdatedAt = closedAt ?? createdAt, ClosedAt = closedAt,
    };

    private static CaseCommitment Clock(Case c, ClockMetric metric, DateTime due, DateTime? met, bool active = true) => new()
    {
        Id = Guid.CreateVersion7(), CaseId = c.Id, CommitmentId = Guid.CreateVersion7(), Name = metric.ToString(), Metric = metric, Limit = "1d",
        WarnAtPercent = 80, CalendarId = Guid.CreateVersion7(), CalendarVersion = 1, StartedAt = c.CreatedAt, DueAt = due, MetAt = met,
        State = met is null ? ClockState.Breached : met <= due ? ClockState.Met : ClockState.MetLate, IsActive = active,
    };

    private static CaseEvent Event(Case c, string type, DateTime at) => new() { Id = Guid.CreateVersion7(), CaseId = c.Id, At = at, ActorName = "测试", Type = type };

    private async Task InsertAsync(IEnumerable<Case> cases, IEnumerable<CaseCommitment> clocks, IEnumerable<CaseEvent> events)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CasesDbContext>();
        db.Cases.AddRange(cases);
        await db.SaveChangesAsync();
        db.Clocks.AddRange(clocks);
        db.Events.AddRange(events);
        await db.SaveChangesAsync();
    }

    private async Task<IReadOnlyDictionary<MetricSubject, IReadOnlyDictionary<string, decimal>>> ReadAsync(string key, DateTime from, DateTime to, params MetricSubject[] subjects)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IEvaluationMetricSource>().Single(s => s.Sources.Any(i => i.Key == key));
        var figures = await source.ReadAsync(key, from, to, subjects, CancellationToken.None);

        // Every subject asked for gets every figure of the key, zeros included.
        var names = source.Sources.Single(i => i.Key == key).Figures.Select(f => f.Name).Order().ToList();
        figures.Keys.ShouldBe(subjects.Distinct(), ignoreOrder: true);
        figures.Values.ShouldAllBe(f => f.Keys.Order().SequenceEqual(names));
        return figures;
    }

    private static string Show(IReadOnlyDictionary<string, decimal> figures) => string.Join(" ", figures.OrderBy(f => f.Key).Select(f => $"{f.Key}={f.Value:0}"));

    [Fact]
    public async Task Every_figure_per_staff_member_and_unit_over_a_month()
    {
        Guid a = Guid.NewGuid(), t = Guid.NewGuid(), o = Guid.NewGuid(), z = Guid.NewGuid();     // intake clerk, technician, another owner, nobody
        Guid u1 = Guid.NewGuid(), u2 = Guid.NewGuid(), u3 = Guid.NewGuid();                      // the unit, an unrelated unit, an empty unit

        // c1: received by A 03-05 in U1, dispatched to T, closed 03-10. Arrival met on time; resolution due 03-08, met 03-10 (late: breached at 03-08).
        var c1 = NewCase(a, a, t, u1, At(3, 5), CaseStatus.Closed, At(3, 10));
        // c2: received by A 03-12, still open with A. First response met on time; resolution due 03-20, never met (breached).
        var c2 = NewCase(a, a, null, u1, At(3, 12));
        // c3: received by A 03-20, T; closed exactly at the period end (04-01 00:00, not in March). Resolution met 03-31 23:00, due 04-02: met in March.
        var c3 = NewCase(a, a, t, u1, At(3, 20), CaseStatus.Closed, To);
        // c4: received by A in February; closed 03-05, reopened 03-14, closed again 03-15 by T. Its arrival clock was met in February.
        var c4 = NewCase(a, a, t, u1, At(2, 20), CaseStatus.Closed, At(3, 15));
        // c5: received by A 03-07 for the unrelated unit U2, owned by O, closed 03-08. No clocks.
        var c5 = NewCase(a, o, null, u2, At(3, 7), CaseStatus.Closed, At(3, 8));
        // c6: received by A 03-09 in U1, cancelled: not received, not anything.
        var c6 = NewCase(a, a, null, u1, At(3, 9), CaseStatus.Cancelled);
        // c7: received by A 03-22 in U1, closed by A 03-25. A breached clock retargeted away (inactive: not counted); resolution met 03-25, due 03-28.
        var c7 = NewCase(a, a, null, u1, At(3, 22), CaseStatus.Closed, At(3, 25));
        // c8: someone else's case in U2 closed 03-05 and reopened then (still open): neither handled nor reopened in March.
        var c8 = NewCase(o, o, null, u2, At(3, 1), CaseStatus.Open);

        await InsertAsync(
            [c1, c2, c3, c4, c5, c6, c7, c8],
            [
                Clock(c1, ClockMetric.Arrival, At(3, 6), At(3, 5, 12)),
                Clock(c1, ClockMetric.Resolution, At(3, 8), At(3, 10)),
                Clock(c2, ClockMetric.FirstResponse, At(3, 12, 10), At(3, 12, 9)),
                Clock(c2, ClockMetric.Resolution, At(3, 20), null),
                Clock(c3, ClockMetric.Resolution, At(4, 2), At(3, 31, 23)),
                Clock(c4, ClockMetric.Arrival, At(2, 21), At(2, 21, 8)),
                Clock(c7, ClockMetric.Resolution, At(3, 23), null, active: false),
                Clock(c7, ClockMetric.Resolution, At(3, 28), At(3, 25)),
            ],
            [
                Event(c4, CaseEvents.Closed, At(3, 5)), Event(c4, CaseEvents.Reopened, At(3, 14)), Event(c4, CaseEvents.Closed, At(3, 15)),
                Event(c8, CaseEvents.Closed, At(3, 5)), Event(c8, CaseEvents.Reopened, At(3, 5, 10)),
            ]);

        MetricSubject A = new(MetricSubjectKind.Staff, a), T = new(MetricSubjectKind.Staff, t), O = new(MetricSubjectKind.Staff, o), Z = new(MetricSubjectKind.Staff, z);
        MetricSubject U1 = new(MetricSubjectKind.Unit, u1), U2 = new(MetricSubjectKind.Unit, u2), U3 = new(MetricSubjectKind.Unit, u3);
        MetricSubject[] all = [A, T, O, Z, U1, U2, U3];

        async Task Expect(string key, params (MetricSubject Subject, string Figures)[] expected)
        {
            var figures = await ReadAsync(key, From, To, all);
            foreach (var (subject, text) in expected)
            {
                Show(figures[subject]).ShouldBe(text, $"{key} {subject}");
            }
        }

        // Received, by intake person / unit: A received c1, c2, c3, c5, c7 in March (c4 in February, c6 cancelled); O received c8.
        // U1: c1, c2, c3, c7; U2: c5, c8.
        await Expect("cases.received", (A, "count=5"), (T, "count=0"), (O, "count=1"), (Z, "count=0"), (U1, "count=4"), (U2, "count=2"), (U3, "count=0"));

        // Completion: of those, closed before 04-01 — A: c1, c5, c7 (c3 closed at 04-01 00:00, c2 open); U1: c1, c7; U2: c5 (c8 open).
        await Expect("cases.completion",
            (A, "completed=3 received=5"), (T, "completed=0 received=0"), (O, "completed=0 received=1"), (Z, "completed=0 received=0"),
            (U1, "completed=2 received=4"), (U2, "completed=1 received=2"), (U3, "completed=0 received=0"));

        // Handled (办结), by assignee else owner: T closed c1, c4; O c5; A c7. c3 closed at the period end is April's.
        await Expect("cases.handled", (A, "count=1"), (T, "count=2"), (O, "count=1"), (Z, "count=0"), (U1, "count=3"), (U2, "count=1"), (U3, "count=0"));

        // Reopen: of those closed in March, c4 had been reopened (c8 was reopened but is not closed).
        await Expect("cases.reopen",
            (A, "closed=1 reopened=0"), (T, "closed=2 reopened=1"), (O, "closed=1 reopened=0"), (Z, "closed=0 reopened=0"),
            (U1, "closed=3 reopened=1"), (U2, "closed=1 reopened=0"));

        // On time, all metrics, by assignee else owner. A: c2 first response met, c7 resolution met; c2 resolution breached.
        // T: c1 arrival met, c3 resolution met (met in March, due in April); c1 resolution breached (due 03-08, met late). c4's clock is February's.
        await Expect("cases.on-time",
            (A, "breached=1 due=3 met=2"), (T, "breached=1 due=3 met=2"), (O, "breached=0 due=0 met=0"), (Z, "breached=0 due=0 met=0"),
            (U1, "breached=2 due=6 met=4"), (U2, "breached=0 due=0 met=0"), (U3, "breached=0 due=0 met=0"));
        await Expect("cases.on-time.resolution", (A, "breached=1 due=2 met=1"), (T, "breached=1 due=2 met=1"), (U1, "breached=2 due=4 met=2"));
        await Expect("cases.on-time.arrival", (A, "breached=0 due=0 met=0"), (T, "breached=0 due=1 met=1"), (U1, "breached=0 due=1 met=1"));
        await Expect("cases.on-time.first-response", (A, "breached=0 due=1 met=1"), (T, "breached=0 due=0 met=0"), (U1, "breached=0 due=1 met=1"));
        await Expect("cases.on-time.reply", (A, "breached=0 due=0 met=0"), (U1, "breached=0 due=0 met=0"));
        await Expect("cases.breached", (A, "count=1"), (T, "count=1"), (O, "count=0"), (U1, "count=2"), (U2, "count=0"));

        // February holds only c4 (received by A, closed in March) and its arrival clock met on time in February.
        var february = await ReadAsync("cases.on-time", At(2, 1, 0), From, A, T, U1);
        Show(february[T]).ShouldBe("breached=0 due=1 met=1");
        Show(february[A]).ShouldBe("breached=0 due=0 met=0");
        (await ReadAsync("cases.received", At(2, 1, 0), From, A, U1))[U1]["count"].ShouldBe(1);

        // A run reads every key in one scope, and keys sharing a query share its result: the same figures as read alone.
        await using var scope = app.Services.CreateAsyncScope();
        var source = scope.ServiceProvider.GetServices<IEvaluationMetricSource>().Single(s => s.Sources.Any(i => i.Key == "cases.received"));
        foreach (var key in source.Sources.Select(i => i.Key))
        {
            var together = await source.ReadAsync(key, From, To, all, CancellationToken.None);
            var alone = await ReadAsync(key, From, To, all);
            foreach (var subject in all)
            {
                Show(together[subject]).ShouldBe(Show(alone[subject]), $"{key} {subject}");
            }
        }
    }

    [Fact]
    public async Task A_running_clock_is_not_counted_before_it_is_due_and_a_large_run_reads_the_period_once()
    {
        var now = DateTime.UtcNow;
        Guid t = Guid.NewGuid(), u = Guid.NewGuid();
        var c = NewCase(t, t, t, u, now.AddDays(-2));
        var running = Clock(c, ClockMetric.Arrival, now.AddDays(2), null);
        running.State = ClockState.Running;
        // Due an hour ago and not met: breached even though the timer has not recorded it yet (its state still says running).
        var overdue = Clock(c, ClockMetric.Resolution, now.AddHours(-1), null);
        overdue.State = ClockState.Running;
        await InsertAsync([c], [running, overdue], []);

        MetricSubject T = new(MetricSubjectKind.Staff, t), U = new(MetricSubjectKind.Unit, u);
        var from = now.AddDays(-3);
        var to = now.AddDays(10);
        Show((await ReadAsync("cases.on-time", from, to, T, U))[T]).ShouldBe("breached=1 due=1 met=0");

        // More subjects than the IN-list limit: one grouped query over the period, same figures, zeros for the rest.
        var many = Enumerable.Range(0, 1200).Select(_ => new MetricSubject(MetricSubjectKind.Staff, Guid.NewGuid())).Append(T).Append(U).ToArray();
        var figures = await ReadAsync("cases.on-time", from, to, many);
        Show(figures[T]).ShouldBe("breached=1 due=1 met=0");
        Show(figures[U]).ShouldBe("breached=1 due=1 met=0");
        figures.Where(f => f.Key != T && f.Key != U).ShouldAllBe(f => f.Value.Values.All(v => v == 0));
        (await ReadAsync("cases.received", from, to, many))[T]["count"].ShouldBe(1);
    }

    [Fact]
    public async Task The_real_workflow_writes_what_the_figures_read_intake_close_reopen_close()
    {
        // Through the API: 客服 receives a home repair, closes it with a resolution, reopens it, closes it again.
        var kefu = await app.ClientAsAsync("kefu");
        var itemId = (await (await kefu.GetAsync("/api/v1/catalog/items/by-code/HOME-REPAIR")).ReadAsync<Norma.Modules.Catalog.Features.Items.ItemDto>()).Id;
        var from = DateTime.UtcNow.AddHours(-1);
        var to = DateTime.UtcNow.AddHours(1);
        var kefuId = await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "kefu").Id));
        MetricSubject K = new(MetricSubjectKind.Staff, kefuId);

        async Task<Dictionary<string, string>> Snapshot(MetricSubject unit)
        {
            var keys = new[] { "cases.received", "cases.completion", "cases.handled", "cases.reopen", "cases.on-time" };
            var result = new Dictionary<string, string>();
            foreach (var key in keys)
            {
                var figures = await ReadAsync(key, from, to, K, unit);
                result[$"{key} staff"] = Show(figures[K]);
                result[$"{key} unit"] = Show(figures[unit]);
            }

            return result;
        }

        var created = await kefu.PostJsonAsync("/api/v1/cases", new Norma.Modules.Cases.Features.Intake.CreateCaseRequest(itemId, CaseChannel.Phone, "热水器不出热水", Area: "市区", CallerPhone: "13700002222"));
        created.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.ReadAsync<Norma.Modules.Cases.Features.Intake.CreatedCase>()).Id;
        async Task<Norma.Modules.Cases.Features.Reading.CaseDto> Act(string action, object body)
        {
            var response = await kefu.PostJsonAsync($"/api/v1/cases/{id}/{action}", body);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await response.ReadAsync<Norma.Modules.Cases.Features.Reading.CaseDto>();
        }

        var c = await (await kefu.GetAsync($"/api/v1/cases/{id}")).ReadAsync<Norma.Modules.Cases.Features.Reading.CaseDto>();
        MetricSubject U = new(MetricSubjectKind.Unit, c.UnitId);
        c.AssigneeId.ShouldBeNull();
        c.Clocks.ShouldNotBeEmpty();
        c = await Act("close", new Norma.Modules.Cases.Features.Handling.CloseRequest("电话指导复位后恢复", c.Version));
        c = await Act("reopen", new Norma.Modules.Cases.Features.Handling.CaseNoteRequest("用户反映又不出热水", c.Version));
        c.ClosedAt.ShouldBeNull();
        var reopened = await Snapshot(U);
        c = await Act("close", new Norma.Modules.Cases.Features.Handling.CloseRequest("更换温控器", c.Version));
        c.Status.ShouldBe(CaseStatus.Closed);
        var closed = await Snapshot(U);

        // Whatever else the seeded data holds in this window, this case adds exactly: while reopened, received 1 and
        // nothing closed; closed again, completed 1, handled 1, reopened 1 of 1 (kefu owns it, no technician, its unit is
        // the item's).
        static int Figure(string shown, string name) => int.Parse(shown.Split(' ').Single(f => f.StartsWith(name + "=")).Split('=')[1]);
        foreach (var who in new[] { "staff", "unit" })
        {
            Figure(closed[$"cases.received {who}"], "count").ShouldBe(Figure(reopened[$"cases.received {who}"], "count"));
            Figure(closed[$"cases.completion {who}"], "completed").ShouldBe(Figure(reopened[$"cases.completion {who}"], "completed") + 1);
            Figure(closed[$"cases.handled {who}"], "count").ShouldBe(Figure(reopened[$"cases.handled {who}"], "count") + 1);
            Figure(closed[$"cases.reopen {who}"], "closed").ShouldBe(Figure(reopened[$"cases.reopen {who}"], "closed") + 1);
            Figure(closed[$"cases.reopen {who}"], "reopened").ShouldBe(Figure(reopened[$"cases.reopen {who}"], "reopened") + 1);
            Figure(reopened[$"cases.received {who}"], "count").ShouldBeGreaterThanOrEqualTo(1);
        }
    }
}
