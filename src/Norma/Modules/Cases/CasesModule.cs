using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Norma.Modules.Cases.Features;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Handling;
using Norma.Modules.Cases.Features.Escalations;
using Norma.Modules.Cases.Features.Intake;
using Norma.Modules.Cases.Features.Lists;
using Norma.Modules.Cases.Features.Metrics;
using Norma.Modules.Cases.Features.Reading;
using Norma.Modules.Cases.Features.Reports;
using Norma.Modules.Cases.Features.Timers;
using Norma.Modules.Customers.Contracts;
using Norma.Modules.Evaluation.Contracts;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.Modules.Cases;

/// <summary>Cases (工单/办件): intake, first responsibility, dispatch and field work, live commitment clocks, escalation, lists and daily reports.</summary>
internal static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services
        .AddScoped<CaseUnitOfWork>()
        .AddScoped<CaseClocks>()
        .AddScoped<ProcessSteps>()
        .AddScoped<IntakeService>()
        .AddScoped<CaseWorkflow>()
        .AddScoped<CaseReader>()
        .AddCaseReports()
        .AddCaseLists()
        .AddCaseTimers()
        .AddScoped<IEvaluationMetricSource, CaseMetricSource>()
        .AddScoped<IStepDeadlines>(sp => sp.GetRequiredService<CaseWorkflow>());

    /// <summary>Browser-only routes (cookie sign-in): printable sheets and downloads.</summary>
    public static void MapCasesPages(this WebApplication app)
    {
        app.MapGet("/cases/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, Actor actor, CaseReader s, CancellationToken ct) =>
            Download(await s.FileAsync(actor, id, fileId, ct))).RequireAuthorization().ExcludeFromDescription();
        app.MapCaseReportPages();
        app.MapCaseListPages();
    }

    private static IResult Download((byte[] Content, string ContentType, string FileName) f) =>
        TypedResults.File(f.Content, f.ContentType, f.FileName);

    public static void MapCases(this RouteGroupBuilder api)
    {
        api.MapCaseReports();
        api.MapCaseLists();
        api.MapCaseEscalations();
        var g = api.MapGroup("/cases").WithTags("Cases");
        g.MapPost("/", async (CreateCaseRequest body, [FromHeader(Name = "Idempotency-Key")] string? key, HttpContext http, Actor actor, IntakeService s, CancellationToken ct) =>
        {
            var created = await s.CreateAsync(actor, body, key, ct);
            if (created.Replayed)
            {
                http.Response.Headers["Idempotent-Replayed"] = "true";
            }

            return TypedResults.Created($"/api/v1/cases/{created.Id}", created);
        }).WithSummary("Register a case (受理). Send an Idempotency-Key header so that a retried request never creates a second case: the same key with the same body returns the first result (Idempotent-Replayed: true), with another body a 422.");
        g.MapGet("/{id:guid}", async (Guid id, Actor actor, CaseReader s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)))
            .WithSummary("A case with its clocks read now, process position, timeline and the actions the caller may take");
        g.MapGet("/by-number/{number}", async (string number, Actor actor, CaseReader s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(actor, await s.IdByNumberAsync(actor, number, ct), ct)));
        g.MapPost("/{id:guid}/reveal-phone", async (Guid id, Actor actor, CaseReader s, CancellationToken ct) =>
            TypedResults.Ok(new { phone = await s.RevealPhoneAsync(actor, id, ct) })).WithSummary("The caller's whole phone number; the read is audited");
        g.MapGet("/dispatch-choices", async (Actor actor, CaseReader s, CancellationToken ct) => TypedResults.Ok(await s.DispatchChoicesAsync(actor, ct)))
            .WithSummary("Technicians within the caller's dispatch scope with their open load");

        MapAction<DispatchRequest>(g, "dispatch", (w, a, id, r, ct) => w.DispatchAsync(a, id, r, ct), "派工: to a technician (assigneeId) or a unit (unitId)");
        MapAction<CaseNoteRequest>(g, "take", (w, a, id, r, ct) => w.TakeAsync(a, id, r, ct), "接单");
        MapAction<CaseNoteRequest>(g, "decline", (w, a, id, r, ct) => w.DeclineAsync(a, id, r, ct), "退单 with a reason: the case is open again");
        MapAction<CaseNoteRequest>(g, "check-in", (w, a, id, r, ct) => w.CheckInAsync(a, id, r, ct), "到场签到: meets the arrival commitment");
        MapAction<WorkRequest>(g, "work", (w, a, id, r, ct) => w.RecordWorkAsync(a, id, r, ct), "维修记录: minutes, charge type, parts, fee in fen");
        MapAction<CompleteRequest>(g, "complete", (w, a, id, r, ct) => w.CompleteAsync(a, id, r, ct), "完工 with the customer's confirmation (name + PNG signature data URL or code)");
        MapAction<CloseRequest>(g, "close", (w, a, id, r, ct) => w.CloseAsync(a, id, r, ct), "办结");
        MapAction<CaseNoteRequest>(g, "reopen", (w, a, id, r, ct) => w.ReopenAsync(a, id, r, ct), "重新打开 within the reopen window");
        MapAction<CaseNoteRequest>(g, "cancel", (w, a, id, r, ct) => w.CancelAsync(a, id, r, ct), "撤销 with a reason");
        MapAction<PauseRequest>(g, "pause", (w, a, id, r, ct) => w.PauseAsync(a, id, r, ct), "挂起 with a reason code; statutory reasons need the date the applicant was told in writing");
        MapAction<CaseNoteRequest>(g, "resume", (w, a, id, r, ct) => w.ResumeAsync(a, id, r, ct), "恢复");
        MapAction<ExtensionRequest>(g, "extensions", (w, a, id, r, ct) => w.RequestExtensionAsync(a, id, r, ct), "延期 request (e.g. limit \"10wd\")");
        MapAction<TransferRequest>(g, "transfers", (w, a, id, r, ct) => w.TransferAsync(a, id, r, ct), "转办 to a person or unit; ownership moves when accepted");
        MapAction<StepRequest>(g, "steps/complete", (w, a, id, r, ct) => w.CompleteStepAsync(a, id, r, ct), "Complete an active process step with its form values and sign-offs");
        MapAction<ReturnStepRequest>(g, "steps/return", (w, a, id, r, ct) => w.ReturnStepAsync(a, id, r, ct), "退回 an active step to an earlier one with a reason");
        MapAction<RejectStepRequest>(g, "steps/reject", (w, a, id, r, ct) => w.RejectStepAsync(a, id, r, ct), "否定 at an active step (否定报备)");
        MapAction<ChangeCaseRequest>(g, "change", (w, a, id, r, ct) => w.ChangeAsync(a, id, r, ct), "Change item, priority, area or text; commitments are re-targeted with the pauses carried forward");
        MapAction<MergeRequest>(g, "merge", (w, a, id, r, ct) => w.MergeAsync(a, id, r, ct), "Merge this duplicate into another open case");
        MapAction<LinkRequest>(g, "links", (w, a, id, r, ct) => w.LinkAsync(a, id, r, ct), "Link to another case (a complaint to its repair)");
        MapAction<ReplyRequest>(g, "reply", (w, a, id, r, ct) => w.ReplyAsync(a, id, r, ct), "答复 the customer: meets the reply commitment");
        MapAction<MilestoneRequest>(g, "milestones", (w, a, id, r, ct) => w.MilestoneAsync(a, id, r, ct), "Record a custom milestone (e.g. 备件发出)");
        MapAction<CaseNoteRequest>(g, "notes", (w, a, id, r, ct) => w.AddNoteAsync(a, id, r, ct), "A note on the timeline");
        MapAction<GoodsInRequest>(g, "goods", (w, a, id, r, ct) => w.GoodsInAsync(a, id, r, ct), "客户商品进出登记: an article taken in");
        g.MapPost("/{id:guid}/goods/{goodsId:guid}/out", async (Guid id, Guid goodsId, GoodsOutRequest body, Actor actor, CaseWorkflow w, CaseReader s, CancellationToken ct) =>
        {
            await w.GoodsOutAsync(actor, id, goodsId, body, ct);
            return TypedResults.Ok(await s.GetAsync(actor, id, ct));
        }).WithSummary("The article handed back");
        g.MapPost("/{id:guid}/extensions/{extensionId:guid}/decide", async (Guid id, Guid extensionId, ExtensionDecision body, Actor actor, CaseWorkflow w, CaseReader s, CancellationToken ct) =>
        {
            await w.DecideExtensionAsync(actor, id, extensionId, body, ct);
            return TypedResults.Ok(await s.GetAsync(actor, id, ct));
        }).WithSummary("A supervisor approves (with the notice to the customer) or refuses an extension");
        g.MapPost("/{id:guid}/transfers/{transferId:guid}/decide", async (Guid id, Guid transferId, TransferDecision body, Actor actor, CaseWorkflow w, CaseReader s, CancellationToken ct) =>
        {
            await w.DecideTransferAsync(actor, id, transferId, body, ct);
            return await AfterAsync(s, actor, id, ct);
        }).WithSummary("The addressee accepts (becomes the owner) or refuses (with a reason) a transfer");
        g.MapPost("/{id:guid}/files", async (Guid id, IFormFile file, Actor actor, CaseReader s, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        {
            if (file.Length > CaseReader.MaxFileBytes)
            {
                throw Shared.Errors.ValidationFailedException.For("File", text["Cases.FileSize", CaseReader.MaxFileBytes / 1024 / 1024]);
            }

            await using var stream = file.OpenReadStream();
            return TypedResults.Ok(await s.UploadAsync(actor, id, file.FileName, file.ContentType, stream, ct));
        }).DisableAntiforgery().WithSummary("Attach a photo or PDF (≤ 5 MB)");
        g.MapGet("/{id:guid}/files/{fileId:guid}", async (Guid id, Guid fileId, Actor actor, CaseReader s, CancellationToken ct) =>
            Download(await s.FileAsync(actor, id, fileId, ct)));

        api.MapGet("/customers", async (string? search, Actor actor, ICustomers customers, CancellationToken ct) =>
        {
            actor.Require(Permissions.CasesCreate);
            var found = await customers.SearchAsync(search ?? "", 10, ct);
            return TypedResults.Ok(found.Select(c => c with { Phone = Pii.MaskPhone(c.Phone), Address = null }).ToList());
        }).WithTags("Customers").WithSummary("Find a customer at intake by phone (7+ leading digits or the whole number) or name; phones masked, no addresses");
    }

    private static void MapAction<TRequest>(RouteGroupBuilder g, string path, Func<CaseWorkflow, Actor, Guid, TRequest, CancellationToken, Task> act, string summary) =>
        g.MapPost($"/{{id:guid}}/{path}", async (Guid id, TRequest body, Actor actor, CaseWorkflow w, CaseReader s, CancellationToken ct) =>
        {
            await act(w, actor, id, body, ct);
            return await AfterAsync(s, actor, id, ct);
        }).WithSummary(summary);

    /// <summary>The case as it is now, or 204 when the change itself took it out of the caller's reach (a refused transfer, a handed-back dispatch).</summary>
    private static async Task<IResult> AfterAsync(CaseReader s, Actor actor, Guid id, CancellationToken ct)
    {
        try
        {
            return TypedResults.Ok(await s.GetAsync(actor, id, ct));
        }
        catch (Shared.Errors.NotFoundException)
        {
            return TypedResults.NoContent();
        }
    }
}
