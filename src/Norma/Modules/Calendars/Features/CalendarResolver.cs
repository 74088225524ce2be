using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Modules.Calendars.Features.Units;
using Norma.Shared.Errors;

namespace Norma.Modules.Calendars.Features;

/// <summary>Finds the calendar and version a question needs and hands it out compiled (from <see cref="CompiledCalendars"/>).</summary>
public sealed class CalendarResolver(
    CalendarsDbContext db, OrgUnits units, CompiledCalendars cache, IStringLocalizer<SharedResource> text, TimeProvider clock,
    Shared.Persistence.ReferenceCache references) : ICalendars
{
    private static readonly Type[] DependsOn = [typeof(CalendarsDbContext), typeof(Modules.Platform.Data.PlatformDbContext)];

    public async Task<IReadOnlyList<CalendarSummary>> ListAsync(CancellationToken ct = default) =>
        await db.Calendars.AsNoTracking().OrderByDescending(c => c.IsDefault).ThenBy(c => c.Code)
            .Select(c => new CalendarSummary(c.Id, c.Code, c.Name, c.IsDefault)).ToListAsync(ct);

    public Task<CalendarHandle> ForUnitAsync(Guid unitId, CancellationToken ct = default) => ForUnitAsync(unitId, clock.GetUtcNow(), ct);

    /// <summary>Cached per unit and quarter hour (the version in force changes only at local midnight).</summary>
    public Task<CalendarHandle> ForUnitAsync(Guid unitId, DateTimeOffset at, CancellationToken ct = default) =>
        references.GetAsync("calendars.unit", (unitId, Shared.Persistence.ReferenceCache.Slot(at)), DependsOn, () => LoadForUnitAsync(unitId, at, ct));

    private async Task<CalendarHandle> LoadForUnitAsync(Guid unitId, DateTimeOffset at, CancellationToken ct)
    {
        var unit = await units.FindAsync(unitId, ct) ?? throw new NotFoundException(text["Unit.NotFound"]);
        var calendarId = await CalendarIdForAsync(unit, ct);
        return await GetAsync(calendarId, null, at, ct);
    }

    public async Task<CalendarHandle> DefaultAsync(DateTimeOffset at, CancellationToken ct = default) =>
        await GetAsync(await DefaultIdAsync(ct), null, at, ct);

    public async Task<CalendarHandle> GetAsync(Guid calendarId, int? versionNumber, DateTimeOffset at, CancellationToken ct = default)
    {
        var calendar = await db.Calendars.AsNoTracking().Where(c => c.Id == calendarId)
            .Select(c => new { c.Id, c.Code, c.Name, c.UtcOffsetMinutes }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(text["Calendars.NotFound"]);
        var number = versionNumber ?? await InForceAsync(calendarId, LocalDate(at, calendar.UtcOffsetMinutes), ct);
        if (!cache.TryGet(calendarId, number, out var compiled))
        {
            var json = await db.Versions.AsNoTracking().Where(v => v.CalendarId == calendarId && v.Number == number)
                .Select(v => v.DefinitionJson).FirstOrDefaultAsync(ct)
                ?? throw new NotFoundException(text["Calendars.VersionNotFound", number]);
            compiled = cache.Add(calendarId, number, StoredDefinition.FromJson(json).ToEngine());
        }

        return new CalendarHandle(calendar.Id, calendar.Code, calendar.Name, number, compiled);
    }

    /// <summary>The calendar's fixed UTC offset, for reading local times given to it.</summary>
    public async Task<TimeSpan> OffsetAsync(Guid calendarId, CancellationToken ct) =>
        TimeSpan.FromMinutes(await db.Calendars.AsNoTracking().Where(c => c.Id == calendarId).Select(c => (int?)c.UtcOffsetMinutes).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(text["Calendars.NotFound"]));

    /// <summary>The unit's own calendar, else the nearest ancestor's, else the default.</summary>
    public async Task<Guid> CalendarIdForAsync(OrgUnit unit, CancellationToken ct)
    {
        var chain = unit.SelfAndAncestors().ToList();
        var assigned = await db.UnitCalendars.AsNoTracking().Where(u => chain.Contains(u.UnitId)).ToDictionaryAsync(u => u.UnitId, u => u.CalendarId, ct);
        foreach (var id in chain)
        {
            if (assigned.TryGetValue(id, out var calendarId))
            {
                return calendarId;
            }
        }

        return await DefaultIdAsync(ct);
    }

    public async Task<Guid> DefaultIdAsync(CancellationToken ct) =>
        await db.Calendars.AsNoTracking().Where(c => c.IsDefault).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
        ?? throw new NotFoundException(text["Calendars.NoDefault"]);

    public async Task<int> InForceAsync(Guid calendarId, DateOnly localDate, CancellationToken ct)
    {
        var keys = await db.Versions.AsNoTracking().Where(v => v.CalendarId == calendarId)
            .Select(v => new VersionKey(v.Number, v.EffectiveFrom)).ToListAsync(ct);
        return VersionSelection.InForce(keys, localDate) ?? throw new NotFoundException(text["Calendars.NotFound"]);
    }

    public static DateOnly LocalDate(DateTimeOffset at, int utcOffsetMinutes) =>
        DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromMinutes(utcOffsetMinutes)).DateTime);
}
