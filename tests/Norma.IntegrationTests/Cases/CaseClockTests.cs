using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Cases.Features.Handling;
using Norma.Modules.Cases.Features.Intake;
using Norma.Modules.Cases.Features.Reading;
using Norma.Modules.Catalog.Features.Items;
using Norma.Rules.Cases;

namespace Norma.IntegrationTests.Cases;

/// <summary>The app on a clock the test turns: Friday 2025-09-26 16:00 in Shanghai, before the 2025 National Day holiday.</summary>
public sealed class FixedClockFactory : NormaFactory
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 9, 26, 8, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

/// <summary>Helpers of the fixed-clock case tests: registration by the front desk, reads by <paramref name="reader"/>.</summary>
public abstract class FixedClockTests(FixedClockFactory app, string reader)
{
    protected FixedClockFactory App => app;

    protected static DateTime Local(int month, int day, int hour, int minute) => new DateTime(2025, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    protected async Task<CaseDto> CreateAsync(string item, string? area)
    {
        var client = await app.ClientAsAsync("kefu");
        var itemId = (await (await client.GetAsync($"/api/v1/catalog/items/by-code/{item}")).ReadAsync<ItemDto>()).Id;
        var response = await client.PostJsonAsync("/api/v1/cases", new CreateCaseRequest(itemId, CaseChannel.Phone, "热水器不出热水", Area: area, CallerPhone: "13700001111"));
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await (await client.GetAsync($"/api/v1/cases/{(await response.ReadAsync<CreatedCase>()).Id}")).ReadAsync<CaseDto>();
    }

    protected async Task<CaseDto> GetAsync(Guid id) => await (await (await app.ClientAsAsync(reader)).GetAsync($"/api/v1/cases/{id}")).ReadAsync<CaseDto>();

    protected async Task<CaseDto> ActAsync(string user, Guid id, string action, object body)
    {
        var response = await (await app.ClientAsAsync(user)).PostJsonAsync($"/api/v1/cases/{id}/{action}", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<CaseDto>();
    }
}

/// <summary>
/// Commitment badges against hand-computed deadlines on the real 2025 calendar (中国大陆标准工作日历: Mon–Fri 08:30–12:00
/// and 14:30–18:00; 2025-09-28 Sunday is a 调休 working day, 2025-10-01…08 are off, 2025-10-11 Saturday is a 调休 working day).
/// All times below are Shanghai local; UTC is eight hours earlier.
/// </summary>
public sealed class CaseClockTests(FixedClockFactory fixture) : FixedClockTests(fixture, "zhuren"), IClassFixture<FixedClockFactory>
{
    [Fact]
    public async Task Working_hours_span_the_weekend_and_a_tiaoxiu_day_pauses_shift_the_due_time_and_retargeting_keeps_the_pause()
    {
        App.Clock.SetUtcNow(Local(9, 26, 16, 0));
        var c = await CreateAsync("HOME-REPAIR", "市区");
        var arrival = c.Clocks.Single();
        arrival.Limit.ShouldBe("6wh");

        // Fri 16:00–18:00 = 2 h; Sat off; Sun 9/28 (调休) 08:30–12:00 = 3.5 h → 5.5 h; 14:30 + 0.5 h = 15:00.
        arrival.DueAt.ShouldBe(Local(9, 28, 15, 0));
        // 80 % of 6 h = 4 h 48 min: 2 h on Friday, then Sunday 08:30 + 2 h 48 min = 11:18.
        arrival.WarnAt.ShouldBe(Local(9, 28, 11, 18));
        arrival.State.ShouldBe(ClockState.Running);
        arrival.RemainingMinutes.ShouldBe(360);
        c.NextDueAt.ShouldBe(Local(9, 28, 15, 0));

        // Sunday 09:00: 2.5 h used, 3.5 h left. The customer is not at home: pause.
        App.Clock.SetUtcNow(Local(9, 28, 9, 0));
        (await GetAsync(c.Id)).Clocks.Single().RemainingMinutes.ShouldBe(210);
        c = await ActAsync("zhuren", c.Id, "pause", new PauseRequest(PauseReason.WaitingForCustomer, "用户不在家", Version: c.Version));
        c.IsPaused.ShouldBeTrue();
        c.Clocks.Single().State.ShouldBe(ClockState.Paused);
        c.Clocks.Single().DueAt.ShouldBeNull();
        c.Clocks.Single().RemainingMinutes.ShouldBe(210);
        c.NextDueAt.ShouldBeNull();

        // Monday 09:00: resume; 3.5 h left → 09:00–12:00 and 14:30–15:00.
        App.Clock.SetUtcNow(Local(9, 29, 9, 0));
        c = await ActAsync("zhuren", c.Id, "resume", new CaseNoteRequest(Version: c.Version));
        c.Clocks.Single().State.ShouldBe(ClockState.Running);
        c.Clocks.Single().DueAt.ShouldBe(Local(9, 29, 15, 0));

        // The address is in the suburbs after all: the 7-hour promise applies from the original start, and the
        // pause so far still counts: 2.5 h before it, 4.5 h after Monday 09:00 → 09:00–12:00, 14:30–16:00.
        c = await ActAsync("zhuren", c.Id, "change", new ChangeCaseRequest(Area: "郊区", Version: c.Version));
        var active = c.Clocks.Single(k => k.IsActive);
        active.Limit.ShouldBe("7wh");
        active.StartedAt.ShouldBe(Local(9, 26, 16, 0));
        active.DueAt.ShouldBe(Local(9, 29, 16, 0));
        c.Clocks.Single(k => !k.IsActive).Limit.ShouldBe("6wh");
        c.Timeline.Select(e => e.Type).ShouldContain(CaseEvents.Retargeted);

        // Monday 16:00 exactly: due now and not met → breached, late 0; a minute later, late 1 minute.
        App.Clock.SetUtcNow(Local(9, 29, 16, 0));
        var atDue = (await GetAsync(c.Id)).Clocks.Single(k => k.IsActive);
        atDue.State.ShouldBe(ClockState.Breached);
        atDue.LateMinutes.ShouldBe(0);
        App.Clock.SetUtcNow(Local(9, 29, 16, 1));
        (await GetAsync(c.Id)).Clocks.Single(k => k.IsActive).LateMinutes.ShouldBe(1);
    }
}

/// <summary>延期 under 行政许可法 §42 on the same calendar, on its own clock (a fake clock only moves forward).</summary>
public sealed class CaseExtensionClockTests(FixedClockFactory fixture) : FixedClockTests(fixture, "kefu"), IClassFixture<FixedClockFactory>
{
    [Fact]
    public async Task An_approved_extension_adds_working_days_after_the_promised_day_across_national_day()
    {
        App.Clock.SetUtcNow(Local(9, 26, 16, 0));
        var c = await CreateAsync("LIC-GTH", null);
        var clock = c.Clocks.Single();
        // 1 working day after Friday: the 调休 Sunday 9/28, to its close at 18:00.
        clock.DueAt.ShouldBe(Local(9, 28, 18, 0));

        // A statutory pause needs the date the applicant was told in writing.
        var noDate = await (await App.ClientAsAsync("kefu")).PostJsonAsync($"/api/v1/cases/{c.Id}/pause", new PauseRequest(PauseReason.Supplement, "补正身份证明"));
        noDate.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // Monday 9/29 09:00: the promise has been broken since Sunday 18:00; the timer records the breach and 督办 level 1.
        App.Clock.SetUtcNow(Local(9, 29, 9, 0));
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var run = await scope.ServiceProvider.GetRequiredService<Norma.Modules.Cases.Features.Timers.CaseTimer>().RunOnceAsync(Local(9, 29, 9, 0), default);
            run.Breached.ShouldBe(1);
        }

        c = await GetAsync(c.Id);
        c.Clocks.Single().State.ShouldBe(ClockState.Breached);
        c = await ActAsync("kefu", c.Id, "extensions", new ExtensionRequest("10wd", "需现场核查经营场所", c.Version));
        var ext = c.Extensions.Single();
        ext.Status.ShouldBe(ExtensionStatus.Pending);

        // The front desk cannot approve; approval needs the notice to the applicant.
        (await (await App.ClientAsAsync("kefu")).PostJsonAsync($"/api/v1/cases/{c.Id}/extensions/{ext.Id}/decide", new ExtensionDecision(true, CustomerNotice: "x")))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await App.ClientAsAsync("admin")).PostJsonAsync($"/api/v1/cases/{c.Id}/extensions/{ext.Id}/decide", new ExtensionDecision(true)))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        c = await ActAsync("admin", c.Id, "extensions/" + ext.Id + "/decide", new ExtensionDecision(true, "同意", "已电话并书面告知申请人延长 10 个工作日", c.Version));

        // Ten working days after Sunday 9/28: 9/29, 9/30, (10/1–10/8 off), 10/9, 10/10, 10/11 (调休 Saturday), 10/13 … 10/17.
        clock = c.Clocks.Single();
        clock.Extension.ShouldBe("10wd");
        clock.DueAt.ShouldBe(Local(10, 17, 18, 0));
        clock.State.ShouldBe(ClockState.Running);
        c.Timeline[^1].Type.ShouldBe(CaseEvents.ExtensionApproved);

        // The breach is lifted: the timer's next look is the new due instant, not a past one it would revisit every tick.
        var stored = await App.WithCasesAsync(db => db.Clocks.SingleAsync(k => k.CaseId == c.Id));
        stored.BreachedAt.ShouldBeNull();
        stored.NextCheckAt.ShouldBe(Local(10, 17, 18, 0));
        c.ClockFlag.ShouldBe(1);
    }
}
