using Microsoft.EntityFrameworkCore;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Domain;
using Norma.Modules.Calendars.Features.Definitions;
using Norma.Modules.Platform.Audit;
using Norma.Rules.Calendars;

namespace Norma.Modules.Calendars.Setup;

/// <summary>
/// The calendars every installation ships with, made sure of at every start (by code; an administrator's later
/// versions are left alone): 中国大陆标准工作日历 (CN-STD, the default) with the mainland holidays and 调休 of
/// 2020–2026, and 7×24 全天候 (7X24).
/// </summary>
public static class CalendarSeeder
{
    public const string StandardCode = "CN-STD";
    public const string AlwaysOpenCode = "7X24";
    public const string StandardHours = "08:30-12:00, 14:30-18:00";
    public static readonly DateOnly ShippedFrom = new(2020, 1, 1);

    public static async Task EnsureAsync(CalendarsDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var existing = await db.Calendars.Select(c => c.Code).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AuditActor = AuditActor.System;
        if (!existing.Contains(StandardCode))
        {
            Add(db, StandardCode, "中国大陆标准工作日历", "周一至周五 08:30–12:00、14:30–18:00;法定节假日与调休按国务院办公厅通知。", Standard(), now,
                "随系统提供:2020–2026 年节假日与调休安排");
        }

        if (!existing.Contains(AlwaysOpenCode))
        {
            Add(db, AlwaysOpenCode, "7×24 全天候", "全年无休,每时每刻都计时(如 24 小时热线、抢修)。", AlwaysOpen(), now, "随系统提供");
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance sharing the database seeded them at the same moment (unique codes): theirs stand.
            db.ChangeTracker.Clear();
        }

        if (!await db.Calendars.AnyAsync(c => c.IsDefault, ct))
        {
            var standard = await db.Calendars.SingleAsync(c => c.Code == StandardCode, ct);
            standard.IsDefault = true;
            await db.SaveChangesAsync(ct);
        }
    }

    public static DefinitionDto Standard() => StandardWeek() with
    {
        SpecialDays = ShippedHolidays().Select(d => new SpecialDayDto(d.Date, d.Kind, d.Name)).OrderBy(d => d.Date).ToList(),
    };

    /// <summary>Monday to Friday 08:30–12:00 and 14:30–18:00, 调休 days the same, no special days.</summary>
    public static DefinitionDto StandardWeek() =>
        new(false, WeekHoursDto.From(d => d is DayOfWeek.Saturday or DayOfWeek.Sunday ? "" : StandardHours), StandardHours, []);

    public static DefinitionDto AlwaysOpen() => new(true, WeekHoursDto.From(_ => "00:00-24:00"), "00:00-24:00", []);

    /// <summary>The engine's embedded mainland data (国务院办公厅 notices).</summary>
    public static IReadOnlyList<SpecialDay> ShippedHolidays() => ChinaHolidays.Load();

    private static void Add(CalendarsDbContext db, string code, string name, string description, DefinitionDto definition, DateTime now, string note)
    {
        var offset = TimeSpan.FromHours(8);
        var calendar = new Calendar
        {
            Id = Guid.CreateVersion7(), Code = code, Name = name, Description = description, TimeZoneId = CalendarZone.Default,
            UtcOffsetMinutes = (int)offset.TotalMinutes, Kind = definition.AlwaysOpen ? CalendarKind.AlwaysOpen : CalendarKind.WorkingHours,
            LatestVersionNumber = 1, CreatedAt = now,
        };
        db.Calendars.Add(calendar);
        db.Versions.Add(new CalendarVersion
        {
            Id = Guid.CreateVersion7(), CalendarId = calendar.Id, Number = 1, EffectiveFrom = ShippedFrom, TimeZoneId = CalendarZone.Default,
            DefinitionJson = StoredDefinition.Create(CalendarZone.Default, offset, definition).ToJson(), CreatedByName = "系统", CreatedAt = now, Note = note,
        });
    }
}
