using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Contracts;
using Norma.Modules.Catalog.Domain;
using Norma.Rules.Calendars;
using Norma.Rules.Cases;

namespace Norma.Modules.Cases.Features.Clocks;

/// <summary>
/// Keeps a case's commitment clocks materialized: due and warning instants, state, and when the timer must look next.
/// Computation is <see cref="CommitmentClock"/> on the calendar version pinned when the clock started (a later holiday
/// notice does not move a running case's promise). Pauses are the case's own records, so a clock created later — after
/// a change of item or priority — is computed from the case's start with every pause so far: nothing is lost.
/// </summary>
public sealed class CaseClocks(ICalendars calendars, IConfiguration configuration, Shared.Persistence.ReferenceCache references)
{
    /// <summary>How long after a breach the unit head is escalated to when the supervisor has not resolved it (督办 level 2).</summary>
    public TimeSpan SecondEscalationAfter { get; } = configuration.GetValue("Cases:SecondEscalationAfter", TimeSpan.FromHours(4));

    /// <summary>Within one operation (scoped), the calendar a unit or a calendar id resolves to is asked for once.</summary>
    private readonly Dictionary<(Guid, bool), CalendarHandle> inForce = [];

    public static ClockMetric Metric(CommitmentMetric metric) => (ClockMetric)(int)metric;

    /// <summary>The unit's calendar in the version in force at <paramref name="at"/> (asked once per operation).</summary>
    public async Task<CalendarHandle> UnitCalendarAsync(Guid unitId, DateTimeOffset at, CancellationToken ct)
    {
        if (!inForce.TryGetValue((unitId, true), out var handle))
        {
            inForce[(unitId, true)] = handle = await calendars.ForUnitAsync(unitId, at, ct);
        }

        return handle;
    }

    private async Task<CalendarHandle> CalendarInForceAsync(Guid calendarId, DateTimeOffset at, CancellationToken ct)
    {
        if (!inForce.TryGetValue((calendarId, false), out var handle))
        {
            inForce[(calendarId, false)] = handle = await calendars.GetAsync(calendarId, null, at, ct);
        }

        return handle;
    }

    /// <summary>A calendar in a given version: a saved version never changes, so it is cached like reference data.</summary>
    public Task<CalendarHandle> PinnedAsync(Guid calendarId, int version, DateTimeOffset at, CancellationToken ct) =>
        references.GetAsync("calendars.pinned", (calendarId, version), [], () => calendars.GetAsync(calendarId, version, at, ct));

    /// <summary>New clocks for the commitments that bind a case of this priority and area, started at the case's start.</summary>
    public async Task<List<CaseCommitment>> CreateAsync(Case c, IReadOnlyList<CommitmentInfo> commitments, CancellationToken ct)
    {
        var start = DateTime.SpecifyKind(c.CreatedAt, DateTimeKind.Utc);
        var clocks = new List<CaseCommitment>();
        foreach (var commitment in commitments.Where(x => x.AppliesTo(c.Priority, c.Area)))
        {
            var handle = commitment.CalendarId is { } id
                ? await CalendarInForceAsync(id, start, ct)
                : await UnitCalendarAsync(c.UnitId, start, ct);
            clocks.Add(new CaseCommitment
            {
                Id = Guid.CreateVersion7(),
                CaseId = c.Id,
                CommitmentId = commitment.Id,
                Name = commitment.Name,
                Metric = Metric(commitment.Metric),
                Milestone = commitment.Milestone,
                Limit = commitment.Limit.ToString(),
                WarnAtPercent = commitment.WarnAtPercent,
                CalendarId = handle.CalendarId,
                CalendarVersion = handle.VersionNumber,
                StartedAt = start,
                State = ClockState.Running,
            });
        }

        return clocks;
    }

    /// <summary>Reads one clock at <paramref name="now"/> with the case's pauses (only those whose reason stops its metric).</summary>
    public async Task<ClockReading> ReadAsync(CaseCommitment clock, IReadOnlyList<CasePause> pauses, DateTime now, CancellationToken ct)
    {
        var handle = await PinnedAsync(clock.CalendarId, clock.CalendarVersion, Utc(clock.StartedAt), ct);
        return Read(handle.Compiled, clock, pauses, now);
    }

    public static ClockReading Read(WorkingCalendar calendar, CaseCommitment clock, IReadOnlyList<CasePause> pauses, DateTime now)
    {
        var limit = TimeLimit.TryParse(clock.Limit, out var parsed) ? parsed : throw new InvalidOperationException($"Clock {clock.Id} has no valid limit.");
        TimeLimit? extension = TimeLimit.TryParse(clock.Extension, out var ext) ? ext : null;
        var stopping = pauses
            .Where(p => PauseRules.Stops(p.Reason, clock.Metric))
            .Select(p => new Pause(Utc(p.From), p.To is { } to ? Utc(to) : null))
            .ToList();
        var input = new ClockInput(Utc(clock.StartedAt), limit, clock.WarnAtPercent, stopping, extension, clock.MetAt is { } met ? Utc(met) : null);
        return CommitmentClock.Read(calendar, input, Utc(now));
    }

    /// <summary>
    /// Recomputes every active clock of the case and the case's own summary columns (NextDueAt, ClockFlag).
    /// Call after anything that changes a clock's inputs: intake, pause/resume, extension, milestones met, re-targeting.
    /// </summary>
    public async Task RefreshAsync(Case c, IReadOnlyList<CaseCommitment> clocks, IReadOnlyList<CasePause> pauses, DateTime now, CancellationToken ct)
    {
        foreach (var clock in clocks.Where(k => k.IsActive))
        {
            var reading = await ReadAsync(clock, pauses, now, ct);
            Apply(clock, reading, SecondEscalationAfter);
        }

        Summarize(c, clocks);
    }

    /// <summary>Writes a reading into the clock's columns and decides when the timer must look next.</summary>
    public static void Apply(CaseCommitment clock, ClockReading reading, TimeSpan secondEscalationAfter)
    {
        clock.State = reading.State;
        clock.DueAt = reading.Due is { } due && due != DateTimeOffset.MaxValue ? due.UtcDateTime : null;

        // An extension approved after a breach lifts it: the clock runs again towards its new due instant, and a second
        // breach escalates from the level already reached (the 督办 already sent stays on record).
        if (clock.BreachedAt is { } breached && reading.State is not (ClockState.Breached or ClockState.MetLate) && clock.DueAt > breached)
        {
            clock.BreachedAt = null;
        }
        clock.WarnAt = reading.WarnAt is { } warn && warn != DateTimeOffset.MaxValue ? warn.UtcDateTime : null;
        clock.NextCheckAt = NextCheck(clock, secondEscalationAfter);
    }

    /// <summary>The timer's next look: the warning (once), the due instant (once), then the second 督办 level.</summary>
    public static DateTime? NextCheck(CaseCommitment clock, TimeSpan secondEscalationAfter)
    {
        if (!clock.IsActive || clock.MetAt is not null || clock.DueAt is not { } due)
        {
            return null;
        }

        if (clock.WarnedAt is null && clock.WarnAt is { } warn && warn < due)
        {
            return warn;
        }

        if (clock.BreachedAt is null)
        {
            return due;
        }

        return clock.EscalationLevel < 2 ? clock.BreachedAt.Value + secondEscalationAfter : null;
    }

    /// <summary>The case's earliest running due instant and its worst clock flag (0 none, 1 on time, 2 预警, 3 超时).</summary>
    public static void Summarize(Case c, IReadOnlyList<CaseCommitment> clocks)
    {
        var active = clocks.Where(k => k.IsActive).ToList();
        c.NextDueAt = active.Where(k => k.MetAt is null && k.DueAt is not null).Select(k => k.DueAt).Min();
        c.ClockFlag = active.Count == 0 ? 0 : active.Max(k => k.State switch
        {
            ClockState.Breached or ClockState.MetLate => 3,
            ClockState.Warning => 2,
            _ => 1,
        });
    }

    /// <summary>Marks the clocks of a metric met (the first time) at <paramref name="at"/>.</summary>
    public static bool Meet(IEnumerable<CaseCommitment> clocks, ClockMetric metric, DateTime at, string? milestone = null)
    {
        var any = false;
        foreach (var clock in clocks.Where(k => k.IsActive && k.MetAt is null && k.Metric == metric
                                                && (metric != ClockMetric.Custom || string.Equals(k.Milestone, milestone, StringComparison.Ordinal))))
        {
            clock.MetAt = at;
            any = true;
        }

        return any;
    }

    public static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
