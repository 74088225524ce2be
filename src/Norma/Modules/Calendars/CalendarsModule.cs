using Norma.Modules.Calendars.Contracts;
using Norma.Modules.Calendars.Features;
using Norma.Modules.Calendars.Features.Calendars;
using Norma.Modules.Calendars.Features.Compute;
using Norma.Modules.Calendars.Features.Import;
using Norma.Modules.Calendars.Features.Units;
using Norma.Modules.Calendars.Setup;
using Norma.Shared.Access;

namespace Norma.Modules.Calendars;

/// <summary>Working calendars (工作日历): versioned calendars, holiday import/export, unit assignments and the calculator.</summary>
internal static class CalendarsModule
{
    public static IServiceCollection AddCalendars(this IServiceCollection services) => services
        .AddSingleton<CompiledCalendars>()
        .AddScoped<OrgUnits>()
        .AddScoped<CalendarResolver>()
        .AddScoped<ICalendars>(sp => sp.GetRequiredService<CalendarResolver>())
        .AddScoped<CalendarService>()
        .AddScoped<CalendarFileService>()
        .AddScoped<UnitCalendarService>()
        .AddScoped<CalendarComputeService>()
        .AddScoped<DemoCalendarsSeeder>();

    /// <summary>The browser's download of a calendar (cookie sign-in); the API's is /api/v1/calendars/{id}/export.</summary>
    public static void MapCalendarsPages(this WebApplication app) =>
        app.MapGet("/calendars/{id:guid}/export.json", async (Guid id, int? version, Actor actor, CalendarFileService s, CancellationToken ct) =>
            JsonFile(await s.ExportAsync(actor, id, version, ct))).RequireAuthorization().ExcludeFromDescription();

    private static IResult JsonFile(ExportedFile f) => TypedResults.File(f.Content, "application/json", f.FileName);

    public static void MapCalendars(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/calendars").WithTags("Calendars");
        g.MapGet("/", async (Actor actor, CalendarService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)))
            .WithSummary("Working calendars with their kind, time zone, version in force today, default flag and the units that chose them");
        g.MapPost("/", async (CreateCalendarRequest body, Actor actor, CalendarService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/calendars/{created.Id}", created);
        }).WithSummary("Create a calendar with its first version (calendars.manage)");

        var units = g.MapGroup("/units");
        units.MapGet("/", async (Actor actor, UnitCalendarService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)))
            .WithSummary("The calendar each unit you can see works by: its own, inherited from an ancestor, or the default");
        units.MapGet("/{unitId:guid}", async (Guid unitId, Actor actor, UnitCalendarService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, unitId, ct)))
            .WithSummary("The calendar one unit works by");
        units.MapPut("/{unitId:guid}", async (Guid unitId, AssignCalendarRequest body, Actor actor, UnitCalendarService s, CancellationToken ct) =>
            TypedResults.Ok(await s.AssignAsync(actor, unitId, body, ct))).WithSummary("Give a unit its own calendar; calendarId null makes it inherit again (calendars.manage)");

        g.MapGet("/{id:guid}", async (Guid id, Actor actor, CalendarService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)))
            .WithSummary("A calendar with the definition of the version in force today");
        g.MapPut("/{id:guid}", async (Guid id, UpdateCalendarRequest body, Actor actor, CalendarService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)))
            .WithSummary("Save a change as a new version in force from effectiveFrom (not before the latest version's); version = the calendar's concurrency token (409 if stale)");
        g.MapPost("/{id:guid}/default", async (Guid id, Actor actor, CalendarService s, CancellationToken ct) => TypedResults.Ok(await s.SetDefaultAsync(actor, id, ct)))
            .WithSummary("Make this the default calendar (for units with no calendar of their own or of an ancestor)");
        g.MapPost("/{id:guid}/notice", async (Guid id, HolidayNoticeRequest body, Actor actor, CalendarService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PublishNoticeAsync(actor, id, body, ct)))
            .WithSummary("A year's holiday notice (放假通知) in one go: per festival the days off and the adjusted working days (调休); replaces that year's special days in one new version");
        g.MapGet("/{id:guid}/versions", async (Guid id, Actor actor, CalendarService s, CancellationToken ct) => TypedResults.Ok(await s.ListVersionsAsync(actor, id, ct)))
            .WithSummary("Version history: number, effective date, who, when, note; newest first");
        g.MapGet("/{id:guid}/versions/{number:int}", async (Guid id, int number, Actor actor, CalendarService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetVersionAsync(actor, id, number, ct))).WithSummary("One version's full definition");
        g.MapGet("/{id:guid}/export", async (Guid id, int? version, Actor actor, CalendarFileService s, CancellationToken ct) =>
            JsonFile(await s.ExportAsync(actor, id, version, ct))).WithSummary("Download a version (default: the latest) in Norma's calendar JSON format");
        g.MapPost("/{id:guid}/import", async (Guid id, IFormFile file, bool? preview, DateOnly? effectiveFrom, string? note, int? version,
            Actor actor, CalendarFileService s, CancellationToken ct) =>
        {
            s.CheckUpload(actor, file.FileName, file.Length);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            var content = buffer.ToArray();
            var result = preview == true
                ? await s.PreviewAsync(actor, id, file.FileName, content, ct)
                : await s.ApplyAsync(actor, id, file.FileName, content, new ImportOptions(effectiveFrom, note, version), ct);
            return result.Problems.Count > 0 ? Results.UnprocessableEntity(result) : Results.Ok(result);
        }).DisableAntiforgery()
            .WithSummary("Import holidays from a .json file (≤ 1 MB): holiday-cn per-date format or Norma's export. preview=true only checks. "
                         + "Applying replaces the special days of the years the file covers, as one new version; any problem → 422 with the list and nothing saved");
        g.MapPost("/{id:guid}/deadline", async (Guid id, DeadlineRequest body, Actor actor, CalendarComputeService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DeadlineAsync(actor, id, body, ct)))
            .WithSummary("Due instant of a limit (\"3wd\", \"4wh\", \"48h\" or {amount, unit: Minutes|Hours|Days, basis: Working|Natural}) from a start, minus pauses; "
                         + "uses the version in force at the start unless version is given, and says which");
        g.MapPost("/{id:guid}/elapsed", async (Guid id, ElapsedRequest body, Actor actor, CalendarComputeService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ElapsedAsync(actor, id, body, ct)))
            .WithSummary("Working (or natural) minutes between two instants, minus pauses");
    }
}
