using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Domain;
using Norma.Rules.Access;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Calendars.Features.Units;

/// <summary>Where a unit's calendar comes from: its own assignment, an ancestor's, or the default calendar.</summary>
public enum CalendarSource
{
    Own = 1,
    Inherited = 2,
    Default = 3,
}

/// <summary>
/// A unit and the calendar it works by. <see cref="InheritedFromUnitId"/>/<see cref="InheritedFromUnitName"/> name the
/// ancestor it inherits from (the name only when the reader may see that unit).
/// </summary>
public sealed record UnitCalendarDto(
    Guid UnitId, Guid? ParentId, string UnitCode, string UnitName, int Depth, Guid? AssignedCalendarId,
    Guid CalendarId, string CalendarCode, string CalendarName, CalendarSource Source, Guid? InheritedFromUnitId, string? InheritedFromUnitName);

/// <summary>Null clears the unit's own calendar: it inherits again.</summary>
public sealed record AssignCalendarRequest(Guid? CalendarId);

/// <summary>Which calendar each unit uses (cal_unit_calendars); units without one inherit their parent's, up to the default.</summary>
public sealed class UnitCalendarService(CalendarsDbContext db, OrgUnits units, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    /// <summary>The units the actor may see (org.read scope), parents before children.</summary>
    public async Task<IReadOnlyList<UnitCalendarDto>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        var visible = await units.VisibleAsync(actor, ct);
        var resolve = await ResolverAsync(visible, ct);
        return visible.OrderBy(u => UnitPath.Depth(u.Path)).ThenBy(u => u.SortOrder).ThenBy(u => u.Code, StringComparer.Ordinal)
            .Select(resolve).ToList();
    }

    public async Task<UnitCalendarDto> GetAsync(Actor actor, Guid unitId, CancellationToken ct = default)
    {
        var visible = await units.VisibleAsync(actor, ct);
        var unit = visible.FirstOrDefault(u => u.Id == unitId) ?? throw new NotFoundException(text["Unit.NotFound"]);
        return (await ResolverAsync(visible, ct))(unit);
    }

    public async Task<UnitCalendarDto> AssignAsync(Actor actor, Guid unitId, AssignCalendarRequest r, CancellationToken ct = default)
    {
        actor.RequireManageCalendars(text);
        db.AuditActor = actor.ForCalendarAudit();
        _ = await units.FindAsync(unitId, ct) ?? throw new NotFoundException(text["Unit.NotFound"]);
        if (r.CalendarId is { } calendarId && !await db.Calendars.AnyAsync(c => c.Id == calendarId, ct))
        {
            throw ValidationFailedException.For("CalendarId", text["Calendars.NotFound"]);
        }

        var row = await db.UnitCalendars.FirstOrDefaultAsync(u => u.UnitId == unitId, ct);
        if (r.CalendarId is null)
        {
            if (row is not null)
            {
                db.UnitCalendars.Remove(row);
            }
        }
        else if (row is null)
        {
            db.UnitCalendars.Add(new UnitCalendar { UnitId = unitId, CalendarId = r.CalendarId.Value, AssignedAt = clock.GetUtcNow().UtcDateTime });
        }
        else if (row.CalendarId != r.CalendarId)
        {
            row.CalendarId = r.CalendarId.Value;
            row.AssignedAt = clock.GetUtcNow().UtcDateTime;
        }

        await db.SaveOrConflictAsync(text, ct);
        return await GetAsync(actor, unitId, ct);
    }

    private async Task<Func<OrgUnit, UnitCalendarDto>> ResolverAsync(IReadOnlyList<OrgUnit> visible, CancellationToken ct)
    {
        var assigned = await db.UnitCalendars.AsNoTracking().ToDictionaryAsync(u => u.UnitId, u => u.CalendarId, ct);
        var calendars = await db.Calendars.AsNoTracking().Select(c => new { c.Id, c.Code, c.Name, c.IsDefault }).ToDictionaryAsync(c => c.Id, ct);
        var fallback = calendars.Values.FirstOrDefault(c => c.IsDefault) ?? throw new NotFoundException(text["Calendars.NoDefault"]);
        var names = visible.ToDictionary(u => u.Id, u => u.Name);
        return unit =>
        {
            var own = assigned.TryGetValue(unit.Id, out var o) ? o : (Guid?)null;
            var from = unit.SelfAndAncestors().FirstOrDefault(assigned.ContainsKey);
            var calendar = from == Guid.Empty ? fallback : calendars[assigned[from]];
            var source = own is not null ? CalendarSource.Own : from != Guid.Empty ? CalendarSource.Inherited : CalendarSource.Default;
            // An ancestor outside the reader's scope stays anonymous: neither its name nor its id.
            Guid? inheritedFrom = source == CalendarSource.Inherited && names.ContainsKey(from) ? from : null;
            return new UnitCalendarDto(unit.Id, unit.ParentId, unit.Code, unit.Name, UnitPath.Depth(unit.Path), own, calendar.Id, calendar.Code, calendar.Name,
                source, inheritedFrom, inheritedFrom is { } f ? names.GetValueOrDefault(f) : null);
        };
    }
}
