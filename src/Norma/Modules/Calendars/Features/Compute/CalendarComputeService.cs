using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Calendars.Domain;
using Norma.Rules.Calendars;
using Norma.Shared;
using Norma.Shared.Errors;
using Norma.Shared.Access;

namespace Norma.Modules.Calendars.Features.Compute;

/// <summary>A paused stretch (挂起); <see cref="To"/> empty means still paused. Same formats as the start.</summary>
public sealed record PauseInput(string? From, string? To);

/// <summary>
/// start: local date-time of the calendar ("2025-09-30T17:00") or an instant with offset; limit: "3wd" or
/// {amount, unit, basis}; version: pin a calendar version (default: the one in force at the start).
/// </summary>
public sealed record DeadlineRequest(string? Start, LimitSpec? Limit, IReadOnlyList<PauseInput>? Pauses = null, int? Version = null);

/// <summary><see cref="Due"/> is in the calendar's offset; null when a pause still open (no "to") is reached before the limit runs out.</summary>
public sealed record DeadlineResult(
    Guid CalendarId, string CalendarCode, int VersionNumber, DateTimeOffset Start, string Limit, DateTimeOffset? Due, string Explanation);

public sealed record ElapsedRequest(string? From, string? To, TimeBasis Basis = TimeBasis.Working, IReadOnlyList<PauseInput>? Pauses = null, int? Version = null);

public sealed record ElapsedResult(
    Guid CalendarId, string CalendarCode, int VersionNumber, DateTimeOffset From, DateTimeOffset To, TimeBasis Basis, double Minutes, string Duration, string Explanation);

/// <summary>The calculator: deadlines and elapsed time on a calendar version, with the version used and a short explanation.</summary>
public sealed class CalendarComputeService(CalendarResolver calendars, IStringLocalizer<SharedResource> text)
{
    /// <summary>A case pauses a handful of times; a bound keeps one request from buying unbounded work.</summary>
    public const int MaxPauses = 500;

    /// <summary>Any signed-in actor may compute; the actor parameter keeps the call shape of every service.</summary>
    public async Task<DeadlineResult> DeadlineAsync(Actor actor, Guid calendarId, DeadlineRequest r, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var offset = await calendars.OffsetAsync(calendarId, ct);
        var v = new Validation(text);
        var start = Instant(v, "Start", r.Start, offset, required: true);
        TimeLimit limit = default;
        v.Check(r.Limit is not null && r.Limit.TryGet(out limit), "Limit", text["Calendars.Validation.Limit"]);
        var pauses = Pauses(v, r.Pauses, offset);
        CheckVersion(v, r.Version);
        v.ThrowIfAny();

        var handle = await calendars.GetAsync(calendarId, r.Version, start!.Value, ct);
        var due = handle.Compiled.Deadline(start.Value, limit, pauses);
        if (due != DateTimeOffset.MaxValue && due.UtcDateTime.Year > 2199 || due == DateTimeOffset.MaxValue && pauses.All(p => p.To is not null))
        {
            throw ValidationFailedException.For("Limit", text["Calendars.Validation.LimitTooLong"]);
        }

        if (due == DateTimeOffset.MaxValue)
        {
            // The engine's answer when the clock stops at an open pause before the limit is used up.
            return new DeadlineResult(handle.CalendarId, handle.Code, handle.VersionNumber, start.Value.ToOffset(handle.UtcOffset), limit.ToString(), null,
                text["Calendars.Explain.Unknown"]);
        }

        var local = due.ToOffset(handle.UtcOffset);
        return new DeadlineResult(handle.CalendarId, handle.Code, handle.VersionNumber, start.Value.ToOffset(handle.UtcOffset), limit.ToString(), local,
            Explain(handle, start.Value, local, limit.Basis, pauses.Count));
    }

    public async Task<ElapsedResult> ElapsedAsync(Actor actor, Guid calendarId, ElapsedRequest r, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var offset = await calendars.OffsetAsync(calendarId, ct);
        var v = new Validation(text);
        var from = Instant(v, "From", r.From, offset, required: true);
        var to = Instant(v, "To", r.To, offset, required: true);
        v.Check(Enum.IsDefined(r.Basis), "Basis", text["Calendars.Validation.Basis"]);
        v.Check(from is null || to is null || to >= from, "To", text["Calendars.Validation.ToBeforeFrom"]);
        var pauses = Pauses(v, r.Pauses, offset);
        CheckVersion(v, r.Version);
        v.ThrowIfAny();

        var handle = await calendars.GetAsync(calendarId, r.Version, from!.Value, ct);
        var elapsed = handle.Compiled.Elapsed(from.Value, to!.Value, r.Basis, pauses);
        return new ElapsedResult(handle.CalendarId, handle.Code, handle.VersionNumber, from.Value.ToOffset(handle.UtcOffset), to.Value.ToOffset(handle.UtcOffset),
            r.Basis, Math.Round(elapsed.TotalMinutes, 2), Duration(elapsed), Explain(handle, from.Value, to.Value, r.Basis, pauses.Count));
    }

    /// <summary>"跨越 国庆节、中秋节 8 天、调休上班 1 天" — what the calendar skipped or added between the two instants.</summary>
    private string Explain(CalendarHandle handle, DateTimeOffset from, DateTimeOffset to, TimeBasis basis, int pauses)
    {
        var parts = new List<string>();
        if (handle.Compiled.Definition.AlwaysOpen)
        {
            parts.Add(text["Calendars.Explain.AlwaysOpen"]);
        }
        else if (basis == TimeBasis.Natural)
        {
            parts.Add(text["Calendars.Explain.Natural"]);
        }
        else
        {
            var span = SpanSummary.Between(handle.Compiled.Definition,
                DateOnly.FromDateTime(from.ToOffset(handle.UtcOffset).DateTime), DateOnly.FromDateTime(to.ToOffset(handle.UtcOffset).DateTime));
            if (span.IsEmpty)
            {
                parts.Add(text["Calendars.Explain.None"]);
            }
            else
            {
                var items = span.Holidays.Select(h => text["Calendars.Explain.Holiday", h.Name, h.Days].Value).ToList();
                if (span.AdjustedWorkdays > 0)
                {
                    items.Add(text["Calendars.Explain.Workdays", span.AdjustedWorkdays]);
                }

                parts.Add(text["Calendars.Explain.Spans", string.Join(text["Calendars.Explain.Separator"], items)]);
            }
        }

        if (pauses > 0)
        {
            parts.Add(text["Calendars.Explain.Pauses", pauses]);
        }

        parts.Add(text["Calendars.Explain.Version", handle.VersionNumber]);
        return string.Join(text["Calendars.Explain.Join"], parts);
    }

    private string Duration(TimeSpan t)
    {
        var minutes = (long)Math.Floor(t.TotalMinutes);
        return text["Calendars.Duration", minutes / 60, minutes % 60];
    }

    private DateTimeOffset? Instant(Validation v, string field, string? value, TimeSpan offset, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            v.Check(!required, field, text["Calendars.Validation.Instant"]);
            return null;
        }

        if (LocalInstant.TryParse(value, offset, out var instant) && instant.Year is >= 1900 and <= 2199)
        {
            return instant;
        }

        v.Add(field, text["Calendars.Validation.Instant"]);
        return null;
    }

    private List<Pause> Pauses(Validation v, IReadOnlyList<PauseInput>? input, TimeSpan offset)
    {
        var pauses = new List<Pause>();
        if (input is { Count: > MaxPauses })
        {
            v.Add("Pauses", text["Calendars.Validation.TooManyPauses", MaxPauses]);
            return pauses;
        }

        foreach (var (p, i) in (input ?? []).Select((p, i) => (p, i)))
        {
            if (p is null)
            {
                v.Add($"Pauses[{i}].From", text["Calendars.Validation.Instant"]);
                continue;
            }

            var from = Instant(v, $"Pauses[{i}].From", p.From, offset, required: true);
            var to = Instant(v, $"Pauses[{i}].To", p.To, offset, required: false);
            if (from is { } f)
            {
                v.Check(to is null || to >= f, $"Pauses[{i}].To", text["Calendars.Validation.ToBeforeFrom"]);
                pauses.Add(new Pause(f, to));
            }
        }

        return pauses;
    }

    private void CheckVersion(Validation v, int? version) =>
        v.Check(version is null or > 0, "Version", text["Calendars.Validation.VersionNumber"]);
}
