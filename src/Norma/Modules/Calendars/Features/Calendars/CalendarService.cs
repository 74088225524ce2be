using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Modules.Calendars.Features.Units;
using Norma.Rules.Calendars;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Calendars.Features.Calendars;

public sealed record UnitRef(Guid Id, string Name);

public sealed record CalendarSummaryDto(
    Guid Id, string Code, string Name, string? Description, CalendarKind Kind, string TimeZone, int UtcOffsetMinutes, bool IsDefault,
    int CurrentVersionNumber, DateOnly CurrentEffectiveFrom, int LatestVersionNumber, IReadOnlyList<UnitRef> Units, int Version);

/// <summary>A calendar with the definition of the version in force today (<see cref="CurrentVersionNumber"/>).</summary>
public sealed record CalendarDetailDto(
    Guid Id, string Code, string Name, string? Description, CalendarKind Kind, string TimeZone, int UtcOffsetMinutes, bool IsDefault,
    int CurrentVersionNumber, DateOnly CurrentEffectiveFrom, int LatestVersionNumber, DateOnly LatestEffectiveFrom, IReadOnlyList<UnitRef> Units,
    DefinitionDto Definition, bool CanManage, int Version);

public sealed record VersionSummaryDto(
    int Number, DateOnly EffectiveFrom, string TimeZone, CalendarKind Kind, int HolidayCount, int WorkdayCount,
    string CreatedBy, DateTime CreatedAt, string? Note, bool InForce);

public sealed record VersionDetailDto(
    Guid CalendarId, int Number, DateOnly EffectiveFrom, string TimeZone, int UtcOffsetMinutes, DefinitionDto Definition,
    string CreatedBy, DateTime CreatedAt, string? Note);

public sealed record CreateCalendarRequest(
    string? Code, string? Name, string? Description, string? TimeZone, DateOnly? EffectiveFrom, DefinitionDto? Definition, string? Note = null);

/// <summary>Every update adds a version in force from <see cref="EffectiveFrom"/>; <see cref="Version"/> is the calendar's concurrency token.</summary>
public sealed record UpdateCalendarRequest(
    string? Name, string? Description, string? TimeZone, DateOnly? EffectiveFrom, DefinitionDto? Definition, string? Note = null, int? Version = null);

/// <summary>One festival of a year's holiday notice (放假通知): the days off and the adjusted working days (调休) that go with it.</summary>
public sealed record NoticeFestival(string? Name, DateOnly? From, DateOnly? To, IReadOnlyList<DateOnly>? Workdays);

/// <summary>A year's notice entered in one go; replaces that year's special days in one new version.</summary>
public sealed record HolidayNoticeRequest(int Year, IReadOnlyList<NoticeFestival>? Festivals, DateOnly? EffectiveFrom, string? Note = null, int? Version = null);

/// <summary>Working calendars (工作日历): list, read, create, and every edit as a new immutable version.</summary>
public sealed partial class CalendarService(
    CalendarsDbContext db, OrgUnits units, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const int MaxFestivalDays = 31;

    /// <summary>A State Council notice names seven festivals; a bound keeps one request small.</summary>
    public const int MaxFestivals = 30;

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();

    public async Task<IReadOnlyList<CalendarSummaryDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var calendars = await db.Calendars.AsNoTracking().ToListAsync(ct);
        var versions = await db.Versions.AsNoTracking()
            .Select(v => new { v.CalendarId, v.Number, v.EffectiveFrom }).ToListAsync(ct);
        var users = await UnitsByCalendarAsync(actor, ct);
        return calendars
            .OrderByDescending(c => c.IsDefault).ThenBy(c => c.Code, StringComparer.Ordinal)
            .Select(c =>
            {
                var keys = versions.Where(v => v.CalendarId == c.Id).Select(v => new VersionKey(v.Number, v.EffectiveFrom)).ToList();
                var current = keys.Single(k => k.Number == VersionSelection.InForce(keys, Today(c)));
                return new CalendarSummaryDto(c.Id, c.Code, c.Name, c.Description, c.Kind, c.TimeZoneId, c.UtcOffsetMinutes, c.IsDefault,
                    current.Number, current.EffectiveFrom, c.LatestVersionNumber, users.GetValueOrDefault(c.Id, []), c.Version);
            })
            .ToList();
    }

    public async Task<CalendarDetailDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var c = await FindAsync(id, asNoTracking: true, ct);
        var keys = await db.Versions.AsNoTracking().Where(v => v.CalendarId == id).Select(v => new { v.Number, v.EffectiveFrom }).ToListAsync(ct);
        var number = VersionSelection.InForce(keys.Select(v => new VersionKey(v.Number, v.EffectiveFrom)), Today(c));
        var current = await db.Versions.AsNoTracking().SingleAsync(v => v.CalendarId == id && v.Number == number, ct);
        var latest = keys.Single(v => v.Number == c.LatestVersionNumber);
        var users = await UnitsByCalendarAsync(actor, ct);
        return new CalendarDetailDto(c.Id, c.Code, c.Name, c.Description, c.Kind, c.TimeZoneId, c.UtcOffsetMinutes, c.IsDefault,
            current.Number, current.EffectiveFrom, latest.Number, latest.EffectiveFrom, users.GetValueOrDefault(c.Id, []),
            StoredDefinition.FromJson(current.DefinitionJson).Definition, actor.CanManageCalendars(), c.Version);
    }

    public async Task<IReadOnlyList<VersionSummaryDto>> ListVersionsAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var c = await FindAsync(id, asNoTracking: true, ct);
        var versions = await db.Versions.AsNoTracking().Where(v => v.CalendarId == id).ToListAsync(ct);
        var inForce = VersionSelection.InForce(versions.Select(v => new VersionKey(v.Number, v.EffectiveFrom)), Today(c));
        return versions.OrderByDescending(v => v.Number).Select(v =>
        {
            var d = StoredDefinition.FromJson(v.DefinitionJson);
            return new VersionSummaryDto(v.Number, v.EffectiveFrom, v.TimeZoneId, d.AlwaysOpen ? CalendarKind.AlwaysOpen : CalendarKind.WorkingHours,
                d.SpecialDays.Count(s => s.Kind == DayKind.Holiday), d.SpecialDays.Count(s => s.Kind == DayKind.Workday),
                v.CreatedByName, DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc), v.Note, v.Number == inForce);
        }).ToList();
    }

    public async Task<VersionDetailDto> GetVersionAsync(Actor actor, Guid id, int number, CancellationToken ct = default)
    {
        await FindAsync(id, asNoTracking: true, ct);
        var v = await db.Versions.AsNoTracking().FirstOrDefaultAsync(x => x.CalendarId == id && x.Number == number, ct)
                ?? throw new NotFoundException(text["Calendars.VersionNotFound", number]);
        var d = StoredDefinition.FromJson(v.DefinitionJson);
        return new VersionDetailDto(id, v.Number, v.EffectiveFrom, d.TimeZone, d.UtcOffsetMinutes, d.Definition,
            v.CreatedByName, DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc), v.Note);
    }

    /// <summary>The stored definition of a version (for export and the engine).</summary>
    public async Task<(Domain.Calendar Calendar, CalendarVersion Version, StoredDefinition Definition)> LoadVersionAsync(Guid id, int? number, CancellationToken ct = default)
    {
        var c = await FindAsync(id, asNoTracking: true, ct);
        var wanted = number ?? c.LatestVersionNumber;
        var v = await db.Versions.AsNoTracking().FirstOrDefaultAsync(x => x.CalendarId == id && x.Number == wanted, ct)
                ?? throw new NotFoundException(text["Calendars.VersionNotFound", wanted]);
        return (c, v, StoredDefinition.FromJson(v.DefinitionJson));
    }

    public async Task<CalendarDetailDto> CreateAsync(Actor actor, CreateCalendarRequest r, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        db.AuditActor = actor.ForCalendarAudit();
        var v = new Validation(text).Required("Code", r.Code, 32).Pattern("Code", r.Code, CodePattern(), "Validation.Code");
        if (!string.IsNullOrWhiteSpace(r.Code))
        {
            var code = r.Code.Trim();
            v.Check(!await db.Calendars.AnyAsync(c => c.Code == code, ct), "Code", text["Calendars.CodeTaken", code]);
        }

        var (zone, offset, definition) = ValidateContent(v, r.Name, r.Description, r.TimeZone, r.EffectiveFrom, r.Definition, r.Note, null);
        v.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = new Domain.Calendar
        {
            Id = Guid.CreateVersion7(), Code = r.Code!.Trim(), Name = r.Name!.Trim(), Description = Validation.Clean(r.Description),
            TimeZoneId = zone, UtcOffsetMinutes = (int)offset.TotalMinutes, CreatedAt = now,
        };
        db.Calendars.Add(calendar);
        AddVersion(actor, calendar, r.EffectiveFrom!.Value, StoredDefinition.Create(zone, offset, definition), r.Note, now);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, calendar.Id, ct);
    }

    /// <summary>Saves a change as version N+1, in force from the given date. The earlier versions stay as they were.</summary>
    public async Task<CalendarDetailDto> UpdateAsync(Actor actor, Guid id, UpdateCalendarRequest r, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        db.AuditActor = actor.ForCalendarAudit();
        var calendar = await FindAsync(id, asNoTracking: false, ct);
        var latestFrom = await LatestEffectiveFromAsync(calendar, ct);
        var v = new Validation(text);
        // No zone in the request keeps the calendar's (only creation defaults to Asia/Shanghai).
        var (zone, offset, definition) = ValidateContent(
            v, r.Name, r.Description, Validation.Clean(r.TimeZone) ?? calendar.TimeZoneId, r.EffectiveFrom, r.Definition, r.Note, (calendar.LatestVersionNumber, latestFrom));
        v.ThrowIfAny();
        db.ExpectVersion(calendar, r.Version);
        calendar.Name = r.Name!.Trim();
        calendar.Description = Validation.Clean(r.Description);
        calendar.TimeZoneId = zone;
        calendar.UtcOffsetMinutes = (int)offset.TotalMinutes;
        AddVersion(actor, calendar, r.EffectiveFrom!.Value, StoredDefinition.Create(zone, offset, definition), r.Note, clock.GetUtcNow().UtcDateTime);
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>
    /// 节假日通知: the year's festivals with their days off and adjusted working days, saved as one new version based on
    /// the latest. The year's existing special days are replaced (the notice is the whole year).
    /// </summary>
    public async Task<CalendarDetailDto> PublishNoticeAsync(Actor actor, Guid id, HolidayNoticeRequest r, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        var (calendar, _, stored) = await LoadVersionAsync(id, null, ct);
        var v = new Validation(text);
        var days = NoticeDays(v, r);
        v.ThrowIfAny();
        var definition = DefinitionRules.ReplaceYears(stored.Definition, [r.Year], days);
        var note = Validation.Clean(r.Note) ?? text["Calendars.Notice.DefaultNote", r.Year].Value;
        return await ReplaceDefinitionAsync(actor, calendar, stored, definition, r.EffectiveFrom, note, r.Version, ct);
    }

    /// <summary>A new version with another definition and the calendar's name and zone unchanged (holiday notice, import).</summary>
    public async Task<CalendarDetailDto> ReplaceDefinitionAsync(
        Actor actor, Domain.Calendar calendar, StoredDefinition latest, DefinitionDto definition, DateOnly? effectiveFrom, string? note, int? version, CancellationToken ct)
    {
        var from = effectiveFrom ?? await DefaultEffectiveFromAsync(calendar, ct);
        // Built on the definition read with this calendar row: without a version from the client, that read is the expectation,
        // so a version saved in between is a 409, not silently replaced.
        return await UpdateAsync(actor, calendar.Id,
            new UpdateCalendarRequest(calendar.Name, calendar.Description, latest.TimeZone, from, definition, note, version ?? calendar.Version), ct);
    }

    /// <summary>Today in the calendar's zone, or the latest version's effective date if that is later.</summary>
    public async Task<DateOnly> DefaultEffectiveFromAsync(Domain.Calendar calendar, CancellationToken ct)
    {
        var latest = await LatestEffectiveFromAsync(calendar, ct);
        var today = Today(calendar);
        return latest > today ? latest : today;
    }

    /// <summary>Makes this calendar the default: units with no calendar of their own, or of an ancestor, use it.</summary>
    public async Task<CalendarDetailDto> SetDefaultAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        db.AuditActor = actor.ForCalendarAudit();
        var calendar = await FindAsync(id, asNoTracking: false, ct);
        foreach (var other in await db.Calendars.Where(c => c.IsDefault && c.Id != id).ToListAsync(ct))
        {
            other.IsDefault = false;
        }

        calendar.IsDefault = true;
        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, id, ct);
    }

    /// <summary>The special days a notice describes; problems go to "Festivals".</summary>
    private List<SpecialDayDto> NoticeDays(Validation v, HolidayNoticeRequest r)
    {
        var days = new List<SpecialDayDto>();
        if (r.Year is < 1900 or > 2199)
        {
            v.Add("Year", text["Calendars.Validation.Year"]);
            return days;
        }

        if (r.Festivals is not { Count: > 0 } || r.Festivals.Count > MaxFestivals)
        {
            v.Add("Festivals", text["Calendars.Notice.Empty"]);
            return days;
        }

        var seen = new HashSet<DateOnly>();
        foreach (var f in r.Festivals)
        {
            if (f is null || (f.Workdays?.Count ?? 0) > MaxFestivalDays)
            {
                v.Add("Festivals", text["Calendars.Notice.NameRequired", DefinitionRules.MaxDayName]);
                continue;
            }

            var name = Validation.Clean(f.Name);
            if (name is null || name.Length > DefinitionRules.MaxDayName)
            {
                v.Add("Festivals", text["Calendars.Notice.NameRequired", DefinitionRules.MaxDayName]);
                continue;
            }

            if (f.From is not { } from || f.To is not { } to || to < from || to.DayNumber - from.DayNumber >= MaxFestivalDays)
            {
                v.Add("Festivals", text["Calendars.Notice.BadRange", name, MaxFestivalDays]);
                continue;
            }

            // A notice may reach into the neighbouring years (元旦 from 12-31); it must touch its own year.
            if (Math.Abs(from.Year - r.Year) > 1 || Math.Abs(to.Year - r.Year) > 1 || (from.Year != r.Year && to.Year != r.Year))
            {
                v.Add("Festivals", text["Calendars.Notice.OutsideYear", name, r.Year]);
                continue;
            }

            for (var d = from; d <= to; d = d.AddDays(1))
            {
                days.Add(new SpecialDayDto(d, DayKind.Holiday, name));
            }

            foreach (var w in f.Workdays ?? [])
            {
                if (Math.Abs(w.Year - r.Year) > 1)
                {
                    v.Add("Festivals", text["Calendars.Notice.OutsideYear", name, r.Year]);
                    continue;
                }

                days.Add(new SpecialDayDto(w, DayKind.Workday, name));
            }
        }

        foreach (var d in days.Where(d => !seen.Add(d.Date)))
        {
            v.Add("Festivals", text["Calendars.Validation.DuplicateDay", d.Date.ToString("yyyy-MM-dd")]);
        }

        return days;
    }

    private (string Zone, TimeSpan Offset, DefinitionDto Definition) ValidateContent(
        Validation v, string? name, string? description, string? timeZone, DateOnly? effectiveFrom, DefinitionDto? definition, string? note,
        (int Number, DateOnly EffectiveFrom)? latest)
    {
        v.Required("Name", name, 100).Optional("Description", description, 500)
            .Check(note is null || note.Trim().Length <= 500, "Note", text["Calendars.Validation.NoteTooLong", 500]);
        if (effectiveFrom is not { } from)
        {
            v.Add("EffectiveFrom", text["Calendars.Validation.EffectiveFromRequired"]);
        }
        else
        {
            v.Check(from.Year is >= 1900 and <= 2199, "EffectiveFrom", text["Calendars.Validation.Year"]);
            if (latest is { } l)
            {
                // Versions follow each other in time: a new one cannot slip in before one already scheduled.
                v.Check(from >= l.EffectiveFrom, "EffectiveFrom", text["Calendars.Validation.EffectiveBeforeLatest", l.Number, l.EffectiveFrom.ToString("yyyy-MM-dd")]);
            }
        }

        // The zone's offset is checked across the version's first year; an out-of-range year (already an error) uses today's.
        var zoneYear = effectiveFrom is { Year: >= 1900 and <= 2199 } f ? f.Year : OrgTime.Today(clock).Year;
        var (zone, offset) = DefinitionRules.Zone(v, text, timeZone, zoneYear);
        DefinitionRules.Validate(v, text, definition);
        return (zone, offset, definition!);
    }

    private void AddVersion(Actor actor, Domain.Calendar calendar, DateOnly effectiveFrom, StoredDefinition definition, string? note, DateTime now)
    {
        calendar.LatestVersionNumber++;
        calendar.Kind = definition.AlwaysOpen ? CalendarKind.AlwaysOpen : CalendarKind.WorkingHours;
        db.Versions.Add(new CalendarVersion
        {
            Id = Guid.CreateVersion7(), CalendarId = calendar.Id, Number = calendar.LatestVersionNumber, EffectiveFrom = effectiveFrom,
            TimeZoneId = definition.TimeZone, DefinitionJson = definition.ToJson(), CreatedById = actor.AccountId, CreatedByName = actor.DisplayName,
            CreatedAt = now, Note = Validation.Clean(note),
        });
    }

    private async Task<DateOnly> LatestEffectiveFromAsync(Domain.Calendar c, CancellationToken ct) =>
        await db.Versions.Where(v => v.CalendarId == c.Id && v.Number == c.LatestVersionNumber).Select(v => v.EffectiveFrom).SingleAsync(ct);

    private async Task<Domain.Calendar> FindAsync(Guid id, bool asNoTracking, CancellationToken ct)
    {
        var q = asNoTracking ? db.Calendars.AsNoTracking() : db.Calendars;
        return await q.FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException(text["Calendars.NotFound"]);
    }

    /// <summary>The units (visible to the actor) that have a calendar of their own, by calendar.</summary>
    private async Task<Dictionary<Guid, IReadOnlyList<UnitRef>>> UnitsByCalendarAsync(Actor actor, CancellationToken ct)
    {
        var assigned = await db.UnitCalendars.AsNoTracking().ToListAsync(ct);
        if (assigned.Count == 0)
        {
            return [];
        }

        var visible = (await units.VisibleAsync(actor, ct)).ToDictionary(u => u.Id);
        return assigned.Where(a => visible.ContainsKey(a.UnitId))
            .GroupBy(a => a.CalendarId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<UnitRef>)g.Select(a => visible[a.UnitId]).OrderBy(u => u.Path, StringComparer.Ordinal)
                .Select(u => new UnitRef(u.Id, u.Name)).ToList());
    }

    private DateOnly Today(Domain.Calendar c) => CalendarResolver.LocalDate(clock.GetUtcNow(), c.UtcOffsetMinutes);
}
