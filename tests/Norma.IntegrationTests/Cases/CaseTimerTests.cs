using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Cases.Data;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Escalations;
using Norma.Modules.Cases.Features.Timers;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Catalog.Domain;
using Norma.Modules.Organization.Contracts;
using Norma.Rules.Calendars;
using Norma.Rules.Cases;
using Case = Norma.Modules.Cases.Domain.Case;

namespace Norma.IntegrationTests.Cases;

/// <summary>
/// The case timer through the real host on a real database (SQLite, or PostgreSQL with NORMA_TEST_DB=postgres). The
/// background driver is off in tests (NormaFactory): each test calls <see cref="CaseTimer.RunOnceAsync"/> at the instants it
/// names. Clocks of other tests in this class share the database, so every assertion is about the test's own cases.
/// </summary>
public sealed class CaseTimerTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    // Mon 2026-03-02 09:00 Shanghai. A 2h natural limit with an 80 % warning: warn at 10:36, due at 11:00 (local).
    private static readonly DateTime Start = new(2026, 3, 2, 1, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime WarnAt = Start.AddMinutes(96);
    private static readonly DateTime DueAt = Start.AddHours(2);

    // Cases:SecondEscalationAfter's default.
    private static readonly TimeSpan SecondLevelAfter = TimeSpan.FromHours(4);

    private async Task<Guid> NewCaseAsync(string unitCode = "ENG-R1", string owner = "kefu", DateTime? start = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var org = sp.GetRequiredService<IOrgDirectory>();
        var unit = (await org.UnitsAsync()).Single(u => u.Code == unitCode);
        var person = (await org.StaffAsync()).Single(s => s.UserName == owner);
        var db = sp.GetRequiredService<CasesDbContext>();
        var clocks = sp.GetRequiredService<CaseClocks>();
        var at = start ?? Start;
        var c = new Case
        {
            Id = Guid.CreateVersion7(),
            Number = $"TT{Guid.NewGuid():N}"[..20],
            ItemId = Guid.CreateVersion7(),
            ItemCode = "GAS-REPAIR",
            ItemName = "燃气维修",
            Handling = HandlingKind.Promised,
            Channel = CaseChannel.Phone,
            Title = "灶具打不着火",
            Priority = Priority.Normal,
            Status = CaseStatus.Open,
            UnitId = unit.Id,
            UnitPath = unit.Path,
            OwnerId = person.Id,
            OwnerName = person.FullName,
            CreatedById = person.Id,
            CreatedByName = person.FullName,
            CreatedAt = at,
            UpdatedAt = at,
        };
        TimeLimit.TryParse("2h", out var limit).ShouldBeTrue();
        var commitment = new CommitmentInfo(Guid.CreateVersion7(), "到场", CommitmentMetric.Arrival, null, limit, null, [], null, 80);
        var created = await clocks.CreateAsync(c, [commitment], CancellationToken.None);
        await clocks.RefreshAsync(c, created, [], at, CancellationToken.None);
        db.Cases.Add(c);
        db.Clocks.AddRange(created);
        await db.SaveChangesAsync();
        return c.Id;
    }

    private async Task<TimerRun> RunAsync(DateTime now)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaseTimer>().RunOnceAsync(now, CancellationToken.None);
    }

    private async Task<T> WithCasesAsync<T>(Func<CasesDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CasesDbContext>());
    }

    private Task<CaseCommitment> ClockAsync(Guid caseId) =>
        WithCasesAsync(db => db.Clocks.AsNoTracking().SingleAsync(k => k.CaseId == caseId));

    private Task<List<string>> EventTypesAsync(Guid caseId) =>
        WithCasesAsync(db => db.Events.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.At).ThenBy(e => e.Id).Select(e => e.Type).ToListAsync());

    private Task<List<CaseEscalation>> EscalationsAsync(Guid caseId) =>
        WithCasesAsync(db => db.Escalations.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.Level).ToListAsync());

    private async Task<StaffInfo> StaffAsync(string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().StaffAsync()).Single(s => s.UserName == userName);
    }

    private async Task<Guid> UnitIdAsync(string code)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IOrgDirectory>().UnitsAsync()).Single(u => u.Code == code).Id;
    }

    private static DateTime Utc(DateTime? value) => DateTime.SpecifyKind(value!.Value, DateTimeKind.Utc);

    [Fact]
    public async Task The_warning_the_breach_and_both_escalation_levels_each_happen_once_at_their_instants()
    {
        var id = await NewCaseAsync();
        var created = await ClockAsync(id);
        Utc(created.WarnAt).ShouldBe(WarnAt);
        Utc(created.DueAt).ShouldBe(DueAt);
        Utc(created.NextCheckAt).ShouldBe(WarnAt);

        // A tick before the warning: nothing.
        await RunAsync(WarnAt.AddTicks(-1));
        (await EventTypesAsync(id)).ShouldBeEmpty();

        // Exactly at the warning instant: one warning, the next look is the due instant.
        await RunAsync(WarnAt);
        await RunAsync(WarnAt);
        (await EventTypesAsync(id)).ShouldBe([CaseEvents.ClockWarning]);
        var warned = await ClockAsync(id);
        Utc(warned.WarnedAt).ShouldBe(WarnAt);
        warned.State.ShouldBe(ClockState.Warning);
        Utc(warned.NextCheckAt).ShouldBe(DueAt);
        var c = await WithCasesAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == id));
        c.ClockFlag.ShouldBe(2);

        // At the due instant: breached at the due instant, 督办 level 1 to the supervisor of the nearest unit that has one (ENG: 陈刚).
        await RunAsync(DueAt);
        await RunAsync(DueAt.AddMinutes(1));
        var breached = await ClockAsync(id);
        breached.State.ShouldBe(ClockState.Breached);
        Utc(breached.BreachedAt).ShouldBe(DueAt);
        breached.EscalationLevel.ShouldBe(1);
        Utc(breached.NextCheckAt).ShouldBe(DueAt + SecondLevelAfter);
        var zhuren = await StaffAsync("zhuren");
        var first = (await EscalationsAsync(id)).ShouldHaveSingleItem();
        first.Level.ShouldBe(1);
        first.TargetIds.ShouldBe(zhuren.Id.ToString("D"));
        first.TargetNames.ShouldBe("陈刚");
        first.UnitId.ShouldBe(await UnitIdAsync("ENG"));
        c = await WithCasesAsync(db => db.Cases.AsNoTracking().SingleAsync(x => x.Id == id));
        c.ClockFlag.ShouldBe(3);
        Utc(c.NextDueAt).ShouldBe(DueAt);
        (await EventTypesAsync(id)).ShouldBe([CaseEvents.ClockWarning, CaseEvents.ClockBreached, CaseEvents.Escalated]);

        // Not yet the second level a tick before; then the unit head: no supervisor above ENG, so ENG's 分管领导,
        // the 副总经理 钱文 (not every executive).
        await RunAsync(DueAt + SecondLevelAfter - TimeSpan.FromTicks(1));
        (await EscalationsAsync(id)).Count.ShouldBe(1);
        await RunAsync(DueAt + SecondLevelAfter);
        await RunAsync(DueAt + SecondLevelAfter + TimeSpan.FromHours(1));
        var escalations = await EscalationsAsync(id);
        escalations.Select(e => e.Level).ShouldBe([1, 2]);
        escalations[1].TargetIds.ShouldBe((await StaffAsync("fuzong1")).Id.ToString("D"));
        escalations[1].TargetNames.ShouldBe("钱文");
        escalations[1].UnitId.ShouldBe(await UnitIdAsync("ENG"));
        var done = await ClockAsync(id);
        done.EscalationLevel.ShouldBe(2);
        done.NextCheckAt.ShouldBeNull();
        (await EventTypesAsync(id)).ShouldBe([CaseEvents.ClockWarning, CaseEvents.ClockBreached, CaseEvents.Escalated, CaseEvents.Escalated]);

        var system = await WithCasesAsync(db => db.Events.AsNoTracking().Where(e => e.CaseId == id).ToListAsync());
        system.ShouldAllBe(e => e.ActorId == null);
        system.First(e => e.Type == CaseEvents.ClockBreached).Data!.ShouldContain("到场");
    }

    [Fact]
    public async Task Two_workers_at_once_raise_each_action_exactly_once()
    {
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add(await NewCaseAsync());
        }

        // Three instances at the same instant, twice: on PostgreSQL the losers of each claim see zero rows and skip.
        var now = DueAt + SecondLevelAfter + TimeSpan.FromMinutes(5);
        var first = await Task.WhenAll(RunAsync(now), RunAsync(now), RunAsync(now));
        first.Sum(r => r.Breached).ShouldBeGreaterThanOrEqualTo(ids.Count);
        await Task.WhenAll(RunAsync(now), RunAsync(now), RunAsync(now));

        foreach (var id in ids)
        {
            (await EscalationsAsync(id)).Select(e => e.Level).ShouldBe([1, 2]);
            var types = await EventTypesAsync(id);
            types.Count(t => t == CaseEvents.ClockWarning).ShouldBe(1);
            types.Count(t => t == CaseEvents.ClockBreached).ShouldBe(1);
            types.Count(t => t == CaseEvents.Escalated).ShouldBe(2);
            var clock = await ClockAsync(id);
            Utc(clock.BreachedAt).ShouldBe(DueAt);
            clock.NextCheckAt.ShouldBeNull();
        }
    }

    [Fact]
    public async Task After_downtime_one_pass_catches_up_with_the_true_due_instant()
    {
        // Down from before the warning until an hour after due: warning, breach (at the true due instant) and level 1 at once.
        var recent = await NewCaseAsync();
        await RunAsync(DueAt.AddHours(1));
        (await EventTypesAsync(recent)).ShouldBe([CaseEvents.ClockWarning, CaseEvents.ClockBreached, CaseEvents.Escalated]);
        var clock = await ClockAsync(recent);
        Utc(clock.BreachedAt).ShouldBe(DueAt);
        clock.EscalationLevel.ShouldBe(1);
        Utc(clock.NextCheckAt).ShouldBe(DueAt + SecondLevelAfter);

        // Due days ago: the second level too, since breach + 4h has long passed.
        var old = await NewCaseAsync();
        await RunAsync(Start.AddDays(3));
        (await EventTypesAsync(old)).ShouldBe([CaseEvents.ClockWarning, CaseEvents.ClockBreached, CaseEvents.Escalated, CaseEvents.Escalated]);
        clock = await ClockAsync(old);
        Utc(clock.BreachedAt).ShouldBe(DueAt);
        clock.EscalationLevel.ShouldBe(2);
        clock.NextCheckAt.ShouldBeNull();
        (await EscalationsAsync(old)).Select(e => e.Level).ShouldBe([1, 2]);
    }

    [Fact]
    public async Task A_paused_clock_is_not_breached_and_a_met_clock_or_a_closed_case_never_escalates()
    {
        var paused = await NewCaseAsync();
        var met = await NewCaseAsync();
        var closed = await NewCaseAsync();
        await WithCasesAsync(async db =>
        {
            // Recorded without refreshing the clocks: the timer must re-read with the pauses, not trust the stored instants.
            db.Pauses.Add(new CasePause { Id = Guid.CreateVersion7(), CaseId = paused, Reason = PauseReason.WaitingForCustomer, From = Start.AddMinutes(30), StartedBy = "张丽" });
            var metClock = await db.Clocks.SingleAsync(k => k.CaseId == met);
            metClock.MetAt = Start.AddMinutes(50);
            var closedCase = await db.Cases.SingleAsync(c => c.Id == closed);
            closedCase.Status = CaseStatus.Closed;
            closedCase.ClosedAt = Start.AddMinutes(40);
            return await db.SaveChangesAsync();
        });

        await RunAsync(Start.AddDays(2));
        foreach (var id in new[] { paused, met, closed })
        {
            (await EventTypesAsync(id)).ShouldBeEmpty();
            (await EscalationsAsync(id)).ShouldBeEmpty();
            var clock = await ClockAsync(id);
            clock.BreachedAt.ShouldBeNull();
            clock.NextCheckAt.ShouldBeNull();
        }

        (await ClockAsync(paused)).State.ShouldBe(ClockState.Paused);
    }

    [Fact]
    public async Task The_escalations_api_is_scoped_and_acknowledged_once_by_a_target()
    {
        var own = await NewCaseAsync("ENG-R1", "kefu");
        var canary = await NewCaseAsync("ENG-R2", "huanglei");
        await RunAsync(DueAt.AddMinutes(10));
        var ownEscalation = (await EscalationsAsync(own)).ShouldHaveSingleItem();
        var canaryEscalation = (await EscalationsAsync(canary)).ShouldHaveSingleItem();

        // 赵强 (ENG-R1, reads his own unit) sees his unit's escalation, none of ENG-R2's, and none targets him.
        var jishu = await app.ClientAsAsync("jishu");
        var all = await (await jishu.GetAsync("/api/v1/cases/escalations")).ReadAsync<List<EscalationDto>>();
        all.ShouldContain(e => e.Id == ownEscalation.Id);
        all.ShouldNotContain(e => e.CaseId == canary);
        (await (await jishu.GetAsync("/api/v1/cases/escalations?mine=true")).ReadAsync<List<EscalationDto>>()).ShouldBeEmpty();
        (await jishu.GetAsync($"/api/v1/cases/{canary}/escalations")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await jishu.GetAsync("/api/v1/cases/escalations/count")).ReadAsync<EscalationCountDto>()).Open.ShouldBe(0);

        // Not a target and no dispatch right: 403 on his unit's case, 404 on the other unit's.
        (await jishu.PostAsync($"/api/v1/cases/escalations/{ownEscalation.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await jishu.PostAsync($"/api/v1/cases/escalations/{canaryEscalation.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // 陈刚 (ENG supervisor) is the target of both.
        var zhuren = await app.ClientAsAsync("zhuren");
        var mine = await (await zhuren.GetAsync("/api/v1/cases/escalations?mine=true&open=true")).ReadAsync<List<EscalationDto>>();
        mine.ShouldContain(e => e.Id == ownEscalation.Id && e.IsTarget && e.Level == 1 && e.ClockName == "到场");
        mine.ShouldContain(e => e.Id == canaryEscalation.Id);
        var before = (await (await zhuren.GetAsync("/api/v1/cases/escalations/count")).ReadAsync<EscalationCountDto>()).Open;

        var ack = await zhuren.PostAsync($"/api/v1/cases/escalations/{ownEscalation.Id}/acknowledge", null);
        ack.StatusCode.ShouldBe(HttpStatusCode.OK);
        var acknowledged = await ack.ReadAsync<EscalationDto>();
        acknowledged.AcknowledgedBy.ShouldBe("陈刚");
        acknowledged.AcknowledgedAt.ShouldNotBeNull();
        (await zhuren.PostAsync($"/api/v1/cases/escalations/{ownEscalation.Id}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await zhuren.GetAsync("/api/v1/cases/escalations/count")).ReadAsync<EscalationCountDto>()).Open.ShouldBe(before - 1);
        (await (await zhuren.GetAsync("/api/v1/cases/escalations?mine=true&open=true")).ReadAsync<List<EscalationDto>>())
            .ShouldNotContain(e => e.Id == ownEscalation.Id);
        (await EventTypesAsync(own)).ShouldContain(CaseEvents.EscalationAcknowledged);

        var onCase = await (await zhuren.GetAsync($"/api/v1/cases/{own}/escalations")).ReadAsync<List<EscalationDto>>();
        onCase.ShouldHaveSingleItem().AcknowledgedBy.ShouldBe("陈刚");
    }

    [Fact]
    public async Task The_unique_level_index_is_the_last_guard()
    {
        // A level-1 row the clock does not know of (only a bug could leave one): the pass rolls the clock back rather than duplicate it.
        var id = await NewCaseAsync();
        var clockId = (await ClockAsync(id)).Id;
        await WithCasesAsync(db =>
        {
            db.Escalations.Add(new CaseEscalation { Id = Guid.CreateVersion7(), CaseId = id, CaseCommitmentId = clockId, Level = 1, At = DueAt });
            return db.SaveChangesAsync();
        });

        var run = await RunAsync(DueAt.AddMinutes(1));
        run.Skipped.ShouldBeGreaterThanOrEqualTo(1);
        (await EscalationsAsync(id)).ShouldHaveSingleItem();
        (await EventTypesAsync(id)).ShouldBeEmpty();
        var clock = await ClockAsync(id);
        clock.BreachedAt.ShouldBeNull();
        clock.WarnedAt.ShouldBeNull();
        clock.EscalationLevel.ShouldBe(0);
    }

    [Fact]
    public async Task Overdue_steps_are_handed_to_the_registered_step_deadlines_oldest_first()
    {
        var id = await NewCaseAsync();
        var overdue = new CaseStep { Id = Guid.CreateVersion7(), CaseId = id, StepKey = "approve", Name = "审批", ActivatedAt = Start, DueAt = Start.AddHours(1) };
        var older = new CaseStep { Id = Guid.CreateVersion7(), CaseId = id, StepKey = "check", Name = "核查", ActivatedAt = Start, DueAt = Start.AddMinutes(30) };
        var notYet = new CaseStep { Id = Guid.CreateVersion7(), CaseId = id, StepKey = "sign", Name = "签发", ActivatedAt = Start, DueAt = Start.AddHours(5) };
        var ended = new CaseStep { Id = Guid.CreateVersion7(), CaseId = id, StepKey = "done", Name = "受理", ActivatedAt = Start, DueAt = Start.AddMinutes(10), Outcome = "completed" };
        await WithCasesAsync(db =>
        {
            db.Steps.AddRange(overdue, older, notYet, ended);
            return db.SaveChangesAsync();
        });

        // Without a registration (this host) step deadlines are left alone.
        (await RunAsync(Start.AddHours(2))).StepsDeemed.ShouldBe(0);

        var deemed = new FakeStepDeadlines();
        await using var withEngine = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStepDeadlines>(deemed)));
        await using (var scope = withEngine.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<CaseTimer>().RunOnceAsync(Start.AddHours(2), CancellationToken.None);
            run.StepsDeemed.ShouldBeGreaterThanOrEqualTo(2);
        }

        var ours = deemed.Calls.Where(x => x == overdue.Id || x == older.Id || x == notYet.Id || x == ended.Id).ToList();
        ours.ShouldBe([older.Id, overdue.Id]);
    }

    private sealed class FakeStepDeadlines : IStepDeadlines
    {
        public List<Guid> Calls { get; } = [];

        public Task<bool> DeemStepAsync(Guid caseStepId, DateTime nowUtc, CancellationToken ct)
        {
            lock (Calls)
            {
                Calls.Add(caseStepId);
            }

            return Task.FromResult(true);
        }
    }

    [Fact]
    public async Task The_background_service_runs_passes_at_the_injected_clock()
    {
        var id = await NewCaseAsync();
        await using var running = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Cases:Timer:Enabled", "true");
            b.UseSetting("Cases:Timer:Interval", "00:00:00.2");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(new StoppedClock(new DateTimeOffset(DueAt.AddHours(1)))));
        });
        _ = running.Server;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await EscalationsAsync(id)).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        (await EscalationsAsync(id)).ShouldHaveSingleItem().Level.ShouldBe(1);
        Utc((await ClockAsync(id)).BreachedAt).ShouldBe(DueAt);
    }

    /// <summary>Real timers, a fixed "now": the passes tick every interval and all see the same instant.</summary>
    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

}
