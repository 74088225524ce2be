using Norma.Modules.Standards.Contracts;
using Norma.Modules.Standards.Features.Attachments;
using Norma.Modules.Standards.Features.Excel;
using Norma.Modules.Standards.Features.Traceability;
using Norma.Modules.Standards.Features.Records;
using Norma.Modules.Standards.Features.Tree;
using Norma.Shared.Access;

namespace Norma.Modules.Standards;

/// <summary>The standards library (标准体系): the GB/T 24421 tree, standard records, versions and their lifecycle.</summary>
internal static class StandardsModule
{
    public static IServiceCollection AddStandards(this IServiceCollection services) => services
        .AddScoped<TreeService>()
        .AddScoped<StandardService>()
        .AddScoped<StandardsExcelService>()
        .AddScoped<TraceabilityService>()
        .AddScoped<IStandardCitations>(sp => sp.GetRequiredService<TraceabilityService>())
        .AddScoped<AttachmentService>();

    /// <summary>The browser's download of the workbook (cookie sign-in); the API's is under /api/v1/standards/export.xlsx.</summary>
    public static void MapStandardsPages(this WebApplication app)
    {
        app.MapGet("/standards/export.xlsx", async (Actor actor, StandardsExcelService s, CancellationToken ct) => ExcelFile(await s.ExportAsync(actor, ct)))
            .RequireAuthorization().ExcludeFromDescription();
        app.MapGet("/standards/attachments/{id:guid}", async (Guid id, Actor actor, AttachmentService s, CancellationToken ct) => Download(await s.DownloadAsync(actor, id, ct)))
            .RequireAuthorization().ExcludeFromDescription();
    }

    /// <summary>Always a download with the stored type; nosniff is set for every response.</summary>
    private static IResult Download(AttachmentFile f) => TypedResults.File(f.Content, f.ContentType, f.FileName);

    private static IResult ExcelFile(byte[] content) =>
        TypedResults.File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"标准明细表-{DateTime.UtcNow:yyyyMMdd}.xlsx");

    public static void MapStandards(this RouteGroupBuilder api)
    {
        var nodes = api.MapGroup("/standards/nodes").WithTags("Standards: tree");
        nodes.MapGet("/", async (Actor actor, TreeService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)));
        nodes.MapPost("/", async (SaveNodeRequest body, Actor actor, TreeService s, CancellationToken ct) =>
        {
            var node = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/standards/nodes/{node.Id}", node);
        });
        nodes.MapPut("/{id:guid}", async (Guid id, SaveNodeRequest body, Actor actor, TreeService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct))).WithSummary("Rename, renumber, reorder, retire or restore a node");

        var g = api.MapGroup("/standards").WithTags("Standards");
        g.MapGet("/", async (Guid? nodeId, string? search, string? filter, Domain.StandardLevel? level, DateOnly? onDate, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, new StandardQuery(nodeId, search, filter, level, onDate), ct)))
            .WithSummary("Standards; filter = all | inforce | drafts | reviewdue | abolished; onDate = in force on that date");
        g.MapGet("/export.xlsx", async (Actor actor, StandardsExcelService s, CancellationToken ct) => ExcelFile(await s.ExportAsync(actor, ct)))
            .WithSummary("标准明细表 and 标准体系表 as one Excel workbook");
        g.MapPost("/import", async (IFormFile file, Actor actor, StandardsExcelService s, CancellationToken ct) =>
        {
            s.CheckUpload(file.FileName, file.Length);
            await using var stream = file.OpenReadStream();
            var result = await s.ImportAsync(actor, stream, ct);
            return result.Rejected.Count > 0 ? Results.UnprocessableEntity(result) : Results.Ok(result);
        }).DisableAntiforgery().WithSummary("Import a 标准明细表 (xlsx); all rows or none, with the reasons per rejected row (422)");
        g.MapGet("/search", async (string? q, Actor actor, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.SearchClausesAsync(actor, q, ct)))
            .WithSummary("Clauses whose heading or text contains the words");
        g.MapGet("/{id:guid}/diff", async (Guid id, Guid from, Guid to, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.DiffAsync(actor, id, from, to, ct))).WithSummary("Line differences between two versions");
        g.MapGet("/{id:guid}/citations", async (Guid id, Actor actor, TraceabilityService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, id, ct)))
            .WithSummary("Records that implement this standard (traceability)");
        g.MapPut("/citations", async (SetCitationsRequest body, Actor actor, TraceabilityService s, CancellationToken ct) =>
        {
            await s.SetAsync(actor, body, ct);
            return TypedResults.NoContent();
        }).WithSummary("Replace what one source record (service item, process step, checklist item, indicator …) cites");
        g.MapGet("/{id:guid}/attachments", async (Guid id, Actor actor, AttachmentService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, id, ct)));
        g.MapPost("/versions/{versionId:guid}/attachments", async (Guid versionId, IFormFile file, Actor actor, AttachmentService s, CancellationToken ct) =>
        {
            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadAsync(actor, versionId, file.FileName, stream, file.Length, ct));
        }).DisableAntiforgery().WithSummary("Attach an original document (pdf, doc(x), xls(x), png, jpg; up to 20 MB) to an unpublished version");
        g.MapGet("/attachments/{id:guid}", async (Guid id, Actor actor, AttachmentService s, CancellationToken ct) => Download(await s.DownloadAsync(actor, id, ct)));
        g.MapDelete("/attachments/{id:guid}", async (Guid id, Actor actor, AttachmentService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        });
        g.MapGet("/{id:guid}", async (Guid id, Actor actor, StandardService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)));
        g.MapPost("/", async (CreateStandardRequest body, Actor actor, StandardService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/standards/{created.Id}", created);
        }).WithSummary("Record a standard: creates it with a first draft version A/0");
        g.MapPut("/{id:guid}", async (Guid id, UpdateStandardRequest body, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        g.MapPost("/{id:guid}/revise", async (Guid id, ReviseRequest body, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ReviseAsync(actor, id, body, ct))).WithSummary("Start the next version (A/1 amendment or B/0 revision) from the published one");
        g.MapPut("/versions/{versionId:guid}", async (Guid versionId, UpdateVersionRequest body, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateVersionAsync(actor, versionId, body, ct))).WithSummary("Edit a draft version's text and metadata");
        g.MapPost("/versions/{versionId:guid}/transition", async (Guid versionId, TransitionRequest body, Actor actor, StandardService s, CancellationToken ct) =>
            TypedResults.Ok(await s.TransitionAsync(actor, versionId, body, ct))).WithSummary("A lifecycle step: StartConsultation, PassReview, Approve, Publish, ReturnToDraft, Abolish, ConfirmReview");
    }
}
