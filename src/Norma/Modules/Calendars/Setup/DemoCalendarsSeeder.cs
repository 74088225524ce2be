using Microsoft.EntityFrameworkCore;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Platform.Audit;

namespace Norma.Modules.Calendars.Setup;

/// <summary>The demo organization's calendar choices: the call centre (呼叫中心, unit CSC-CALL) answers the hotline 7×24; every other unit uses the default.</summary>
public sealed class DemoCalendarsSeeder(CalendarsDbContext db, TimeProvider clock)
{
    public async Task SeedAsync(IReadOnlyDictionary<string, Guid> unitsByCode, CancellationToken ct = default)
    {
        await CalendarSeeder.EnsureAsync(db, clock, ct);
        if (!unitsByCode.TryGetValue("CSC-CALL", out var callCentre) || await db.UnitCalendars.AnyAsync(u => u.UnitId == callCentre, ct))
        {
            return;
        }

        var alwaysOpen = await db.Calendars.Where(c => c.Code == CalendarSeeder.AlwaysOpenCode).Select(c => c.Id).SingleAsync(ct);
        db.AuditActor = AuditActor.System;
        db.UnitCalendars.Add(new UnitCalendar { UnitId = callCentre, CalendarId = alwaysOpen, AssignedAt = clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync(ct);
    }
}
