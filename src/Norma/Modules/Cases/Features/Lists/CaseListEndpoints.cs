using Microsoft.AspNetCore.Mvc;
using Norma.Modules.Cases.Domain;
using Norma.Modules.Catalog.Domain;
using Norma.Rules.Cases;
using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Lists;

/// <summary>The query string of a case list (GET /api/v1/cases?status=Open&amp;status=Dispatched&amp;unitId=…&amp;sort=DueSoonest&amp;cursor=…).</summary>
public sealed class CaseListParameters
{
    [FromQuery(Name = "status")]
    public CaseStatus[]? Status { get; set; }

    public Guid? ItemId { get; set; }
    public Guid? UnitId { get; set; }
    public bool? IncludeSubunits { get; set; }
    public Guid? OwnerId { get; set; }
    public Guid? AssigneeId { get; set; }
    public bool? Mine { get; set; }
    public CaseChannel? Channel { get; set; }
    public Priority? Priority { get; set; }
    public CaseClockFilter? Clock { get; set; }
    public int? DueWithinHours { get; set; }
    public bool? OpenOnly { get; set; }
    public DateOnly? CreatedFrom { get; set; }
    public DateOnly? CreatedTo { get; set; }
    public string? Text { get; set; }
    public CaseSort? Sort { get; set; }
    public string? Cursor { get; set; }
    public int? PageSize { get; set; }

    /// <summary>A built-in view key (my-open, unit-overdue, due-soon) or a saved view's id: its filters replace the ones above.</summary>
    public string? View { get; set; }

    internal async Task<CaseQuery> ToQueryAsync(Actor actor, CaseViewService views, CancellationToken ct)
    {
        if (View is { Length: > 0 } view)
        {
            return (await views.QueryOfAsync(actor, view, ct)) with { Cursor = Cursor, PageSize = PageSize };
        }

        return new CaseQuery(
            Status, ItemId, UnitId, IncludeSubunits ?? false, OwnerId, AssigneeId, Mine ?? false, Channel, Priority, Clock, DueWithinHours,
            OpenOnly ?? false, CreatedFrom, CreatedTo, Text, Sort ?? CaseSort.Newest, Cursor, PageSize);
    }
}

/// <summary>HTTP of case lists, search, counts, the Excel export and saved views.</summary>
public static class CaseListEndpoints
{
    public const string ExcelType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddCaseLists(this IServiceCollection s) => s
        .AddScoped<CaseListService>()
        .AddScoped<CaseViewService>()
        .AddScoped<CaseExportService>()
        .AddScoped<Generator.CaseGenerator>()
        .AddScoped<Generator.CaseClockGenerator>();

    public static void MapCaseLists(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/cases").WithTags("Cases: lists");
        g.MapGet("/", async ([AsParameters] CaseListParameters p, Actor actor, CaseListService s, CaseViewService views, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, await p.ToQueryAsync(actor, views, ct), ct)))
            .WithSummary("Cases in the caller's data scope: filters, a whitelisted sort and keyset paging (pass nextCursor back as cursor; pageSize 1–100)");
        g.MapGet("/count", async ([AsParameters] CaseListParameters p, Actor actor, CaseListService s, CaseViewService views, CancellationToken ct) =>
            TypedResults.Ok(await s.CountAsync(actor, await p.ToQueryAsync(actor, views, ct), ct)))
            .WithSummary("How many cases match, counted up to 10 000 (isCapped beyond)");
        g.MapGet("/export.xlsx", async ([AsParameters] CaseListParameters p, Actor actor, CaseExportService s, CaseViewService views, CancellationToken ct) =>
            ExcelFile(await s.ExportAsync(actor, await p.ToQueryAsync(actor, views, ct), ct)))
            .WithSummary("The filtered list as an Excel workbook (same filters and scope as the list, at most 50 000 rows)");

        var v = g.MapGroup("/views");
        v.MapGet("/", async (Actor actor, CaseViewService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)))
            .WithSummary("The built-in views (my-open, unit-overdue, due-soon) and the caller's saved views");
        v.MapPost("/", async (SaveCaseViewRequest body, Actor actor, CaseViewService s, CancellationToken ct) =>
        {
            var saved = await s.SaveAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/cases/views/{saved.Id}", saved);
        }).WithSummary("Save a filter under a name (replaces the caller's view of the same name)");
        v.MapDelete("/{id:guid}", async (Guid id, Actor actor, CaseViewService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete one of the caller's saved views");
    }

    /// <summary>The browser's download of the export (cookie sign-in), with the same query string as the API's.</summary>
    public static void MapCaseListPages(this WebApplication app) =>
        app.MapGet("/cases/export.xlsx", async ([AsParameters] CaseListParameters p, Actor actor, CaseExportService s, CaseViewService views, CancellationToken ct) =>
            ExcelFile(await s.ExportAsync(actor, await p.ToQueryAsync(actor, views, ct), ct))).RequireAuthorization().ExcludeFromDescription();

    private static IResult ExcelFile(byte[] content) =>
        TypedResults.File(content, ExcelType, $"工单列表-{DateTime.UtcNow:yyyyMMdd}.xlsx");
}
