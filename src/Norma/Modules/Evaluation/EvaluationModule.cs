using System.Text;
using Microsoft.Extensions.Localization;
using Norma.Modules.Evaluation.Features.Entry;
using Norma.Modules.Evaluation.Features.Runs;
using Norma.Modules.Evaluation.Features.Schemes;
using Norma.Shared.Access;

namespace Norma.Modules.Evaluation;

/// <summary>Quality evaluation (服务质量测评): schemes as versioned files, data entry, runs and their publication.</summary>
internal static class EvaluationModule
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services) => services
        .AddScoped<SchemeService>()
        .AddScoped<EntryContext>()
        .AddScoped<FieldCheckService>()
        .AddScoped<ManualScoreService>()
        .AddScoped<FigureImportService>()
        .AddScoped<RunService>()
        .AddScoped<Setup.DemoEvaluationSeeder>()
        .AddScoped<Setup.DemoEvaluationData>();

    public static void MapEvaluation(this RouteGroupBuilder api)
    {
        var schemes = api.MapGroup("/evaluation/schemes").WithTags("Evaluation: schemes");
        schemes.MapGet("/", async (Actor actor, SchemeService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)))
            .WithSummary("Every imported scheme version, by code, newest version first");
        schemes.MapGet("/{id:guid}", async (Guid id, Actor actor, SchemeService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)))
            .WithSummary("One scheme version with the validator's problems (errors block activation, warnings do not)");
        schemes.MapPost("/import", async (HttpRequest request, Actor actor, SchemeService s, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        {
            var outcome = await s.ImportAsync(actor, await ReadFileTextAsync(request, ct), ct);
            return outcome.Scheme is { } created
                ? Results.Created($"/api/v1/evaluation/schemes/{created.Id}", created)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: text["Eval.SchemeUnreadable"],
                    detail: string.Join("\n", outcome.FileProblems.Select(p => $"{p.Path} (第 {p.Line} 行第 {p.Column} 列): {p.Message}")),
                    extensions: new Dictionary<string, object?> { ["problems"] = outcome.FileProblems });
        }).DisableAntiforgery()
            .WithSummary("Import a scheme file (the JSON as the body, or a multipart upload): 201 with the stored draft and its problems; 422 listing every place the file does not parse");
        schemes.MapGet("/{id:guid}/export", async (Guid id, Actor actor, SchemeService s, CancellationToken ct) =>
        {
            var (name, content) = await s.ExportAsync(actor, id, ct);
            return TypedResults.File(Encoding.UTF8.GetBytes(content), "application/json", name);
        }).WithSummary("The scheme file as stored (application/json attachment)");
        schemes.MapPost("/{id:guid}/activate", async (Guid id, Actor actor, SchemeService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ActivateAsync(actor, id, ct)))
            .WithSummary("Put a draft without errors into force (409 otherwise); the code's previous active version is retired");

        var period = schemes.MapGroup("/{id:guid}/periods/{period}").WithTags("Evaluation: data entry");
        period.MapGet("/field-checks", async (Guid id, string period, Guid? subjectId, Guid? staffId, Actor actor, FieldCheckService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, id, period, subjectId ?? staffId, ct)))
            .WithSummary("Field checks of an active scheme in a period (optionally of one person or unit: subjectId, or staffId)");
        period.MapPost("/field-checks", async (Guid id, string period, RecordFieldCheckRequest body, Actor actor, FieldCheckService s, CancellationToken ct) =>
        {
            var created = await s.RecordAsync(actor, id, period, body, ct);
            return TypedResults.Created($"/api/v1/evaluation/schemes/{id}/periods/{created.PeriodCode}/field-checks/{created.Id}", created);
        }).WithSummary("Record one sampled household visit for a \"field-check\" indicator: a count or counts per check item (deduction), or observed and conforming (rate)");
        period.MapDelete("/field-checks/{checkId:guid}", async (Guid id, string period, Guid checkId, Actor actor, FieldCheckService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, period, checkId, ct);
            return TypedResults.NoContent();
        });
        period.MapGet("/manual-scores", async (Guid id, string period, Actor actor, ManualScoreService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, id, period, ct)));
        period.MapPut("/manual-scores", async (Guid id, string period, SetManualScoreRequest body, Actor actor, ManualScoreService s, CancellationToken ct) =>
            TypedResults.Ok(await s.SetAsync(actor, id, period, body, ct)))
            .WithSummary("Set a person's score for a \"manual\" indicator (replaces the previous one); the note is mandatory (400 without)");
        period.MapGet("/figures", async (Guid id, string period, Actor actor, FigureImportService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, id, period, ct)));
        period.MapPost("/figures/import", async (Guid id, string period, HttpRequest request, Actor actor, FigureImportService s, IStringLocalizer<SharedResource> text, CancellationToken ct) =>
        {
            var result = await s.ImportAsync(actor, id, period, await ReadFileBytesAsync(request, ct), ct);
            return result.Succeeded
                ? Results.Ok(result)
                : TypedResults.Problem(
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: text["Eval.FigureFileRejected", result.Problems.Select(p => p.Row).Distinct().Count()],
                    detail: string.Join("\n", result.Problems.Select(p => $"{p.Row} {p.Column}: {p.Message}")),
                    extensions: new Dictionary<string, object?> { ["rows"] = result.Problems });
        }).DisableAntiforgery()
            .WithSummary("Import figures from CSV (UTF-8; header: subject code, figure, value) or Excel (.xlsx): 422 with a row-by-row report and nothing saved if any row is bad");
        MapRuns(api, period);
    }

    private static void MapRuns(RouteGroupBuilder api, RouteGroupBuilder period)
    {
        period.MapGet("/runs", async (Guid id, string period, Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, id, period, ct)))
            .WithTags("Evaluation: runs");
        period.MapPost("/runs", async (Guid id, string period, ComputeRunRequest? body, Actor actor, RunService s, CancellationToken ct) =>
        {
            var run = await s.ComputeAsync(actor, id, period, body?.UnitIds, ct);
            return TypedResults.Created($"/api/v1/evaluation/runs/{run.Run.Id}", run);
        }).WithTags("Evaluation: runs").WithSummary("Compute the active scheme for the period into a confidential draft run (inputs snapshot and result); a scheme that scores units takes the units to score (default: those with data entered)");
        var runs = api.MapGroup("/evaluation/runs").WithTags("Evaluation: runs");
        runs.MapGet("/{runId:guid}", async (Guid runId, Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, runId, ct)))
            .WithSummary("A run with its result and events (evaluation.read, .run or .publish)");
        runs.MapPost("/{runId:guid}/publish", async (Guid runId, Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.PublishAsync(actor, runId, ct)))
            .WithSummary("Publish a draft whose result has no errors (evaluation.publish); it is frozen from then on");
        runs.MapGet("/{runId:guid}/comparison", async (Guid runId, Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.CompareAsync(actor, runId, ct)))
            .WithSummary("Per person: total in the latest published run of the same scheme and period, and in this run");
        api.MapGet("/evaluation/my-results", async (Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.MineAsync(actor, ct)))
            .WithTags("Evaluation: runs").WithSummary("The caller's own published results, with explanations");
        api.MapGet("/evaluation/team-results", async (Actor actor, RunService s, CancellationToken ct) => TypedResults.Ok(await s.TeamAsync(actor, ct)))
            .WithTags("Evaluation: runs").WithSummary("Published results of the people the caller's evaluation.read scope reaches (a unit head: their unit)");
    }

    /// <summary>The request's file as bytes: the first uploaded file of a multipart form, else the body itself.</summary>
    private static async Task<byte[]> ReadFileBytesAsync(HttpRequest request, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count > 0)
            {
                await form.Files[0].CopyToAsync(copy, ct);
            }
        }
        else
        {
            await request.Body.CopyToAsync(copy, ct);
        }

        return copy.ToArray();
    }

    /// <summary>The request's file as text: the first uploaded file of a multipart form, else the body itself (UTF-8).</summary>
    private static async Task<string> ReadFileTextAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count == 0)
            {
                return "";
            }

            using var reader = new StreamReader(form.Files[0].OpenReadStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync(ct);
        }

        using var body = new StreamReader(request.Body, Encoding.UTF8);
        return await body.ReadToEndAsync(ct);
    }
}
