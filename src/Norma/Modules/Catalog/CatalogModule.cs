using Norma.Modules.Catalog.Domain;
using Norma.Modules.Catalog.Features;
using Norma.Modules.Catalog.Features.Items;
using Norma.Modules.Catalog.Features.Processes;
using Norma.Rules.Processes;
using Norma.Shared.Access;

namespace Norma.Modules.Catalog;

/// <summary>The service catalog (服务事项): items with their 材料清单, commitments (服务承诺) and process templates (流程模板).</summary>
internal static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services
        .AddScoped<ItemService>()
        .AddScoped<CommitmentService>()
        .AddScoped<CalendarCheck>()
        .AddScoped<ProcessTemplateService>()
        .AddScoped<Contracts.IServiceCatalog, Contracts.ServiceCatalog>();

    /// <summary>The browser's view of a template diagram (cookie sign-in); the API's is under /api/v1/catalog/processes.</summary>
    public static void MapCatalogPages(this WebApplication app) =>
        app.MapGet("/catalog/processes/versions/{id:guid}/diagram.svg", async (Guid id, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            Svg(await s.DiagramAsync(actor, id, ct))).RequireAuthorization().ExcludeFromDescription();

    private static IResult Svg(string svg) => TypedResults.Text(svg, "image/svg+xml; charset=utf-8");

    public static void MapCatalog(this RouteGroupBuilder api)
    {
        var items = api.MapGroup("/catalog/items").WithTags("Catalog: service items");
        items.MapGet("/", async (string? search, ItemCategory? category, Guid? unitId, bool? includeRetired, Actor actor, ItemService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, new ItemQuery(search, category, unitId, includeRetired ?? false), ct)))
            .WithSummary("Service items (服务事项), by code; retired ones only with includeRetired=true");
        items.MapGet("/{id:guid}", async (Guid id, Actor actor, ItemService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)))
            .WithSummary("One item with its materials (材料清单), commitments, legal basis citations and a numbering example");
        items.MapGet("/by-code/{code}", async (string code, Actor actor, ItemService s, CancellationToken ct) => TypedResults.Ok(await s.GetByCodeAsync(actor, code, ct)));
        items.MapPost("/", async (SaveItemRequest body, Actor actor, ItemService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/catalog/items/{created.Id}", created);
        }).WithSummary("Record a service item; time limits in the compact form (\"20wd\" = 20 working days, \"48h\" = 48 hours)");
        items.MapPut("/{id:guid}", async (Guid id, SaveItemRequest body, Actor actor, ItemService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct))).WithSummary("Replace an item's fields and its whole materials list (send Version to detect concurrent edits)");
        items.MapPut("/{id:guid}/citations", async (Guid id, SetItemCitationsRequest body, Actor actor, ItemService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetCitationsAsync(actor, id, body, ct))).WithSummary("设定依据: the standards and clauses the item implements");
        items.MapGet("/{id:guid}/commitments", async (Guid id, Actor actor, CommitmentService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, id, ct)));
        items.MapPost("/{id:guid}/commitments", async (Guid id, SaveCommitmentRequest body, Actor actor, CommitmentService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, id, body, ct);
            return TypedResults.Created($"/api/v1/catalog/commitments/{created.Id}", created);
        }).WithSummary("Add a commitment (服务承诺): metric, limit, calendar, condition (priorities, area) and warning threshold");

        var commitments = api.MapGroup("/catalog/commitments").WithTags("Catalog: service items");
        commitments.MapPut("/{id:guid}", async (Guid id, SaveCommitmentRequest body, Actor actor, CommitmentService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        commitments.MapDelete("/{id:guid}", async (Guid id, Actor actor, CommitmentService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        });

        var processes = api.MapGroup("/catalog/processes").WithTags("Catalog: process templates");
        processes.MapGet("/", async (bool? includeRetired, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, includeRetired ?? false, ct)));
        processes.MapGet("/{id:guid}", async (Guid id, Actor actor, ProcessTemplateService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)))
            .WithSummary("A template with its versions (newest first) and the items that use it");
        processes.MapPost("/", async (CreateTemplateRequest body, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/catalog/processes/{created.Id}", created);
        }).WithSummary("Create a template; its first version is a draft (with the given definition or a single 受理 step)");
        processes.MapPut("/{id:guid}", async (Guid id, UpdateTemplateRequest body, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        processes.MapPost("/{id:guid}/drafts", async (Guid id, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.NewDraftAsync(actor, id, ct))).WithSummary("Start the next version as a draft copy of the newest version");
        processes.MapPost("/validate", async (ProcessDefinition body, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CheckAsync(actor, body, ct))).WithSummary("Check a definition without saving it: unreachable steps, joins without branches, unknown roles …");
        processes.MapGet("/versions/{versionId:guid}", async (Guid versionId, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetVersionAsync(actor, versionId, ct))).WithSummary("A version's steps, and for a draft its current problems");
        processes.MapGet("/versions/{versionId:guid}/diagram.svg", async (Guid versionId, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            Svg(await s.DiagramAsync(actor, versionId, ct))).WithSummary("The version drawn as an SVG diagram (steps, parallel branches, returns)");
        processes.MapPut("/versions/{versionId:guid}", async (Guid versionId, SaveDraftRequest body, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SaveDraftAsync(actor, versionId, body, ct))).WithSummary("Save a draft's steps (problems are returned, not refused)");
        processes.MapPost("/versions/{versionId:guid}/publish", async (Guid versionId, PublishRequest body, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
            TypedResults.Ok(await s.PublishAsync(actor, versionId, body, ct))).WithSummary("Publish a draft without problems (400 lists them otherwise); the previous version is superseded");
        processes.MapDelete("/versions/{versionId:guid}", async (Guid versionId, Actor actor, ProcessTemplateService s, CancellationToken ct) =>
        {
            await s.DiscardDraftAsync(actor, versionId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Discard a draft that is not the template's only version");
    }
}
