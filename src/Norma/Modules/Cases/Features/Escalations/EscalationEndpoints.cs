using Norma.Shared.Access;

namespace Norma.Modules.Cases.Features.Escalations;

public static class EscalationEndpoints
{
    /// <summary>督办: lists (scoped to the cases the caller reads), one case's escalations, the badge count, 签收.</summary>
    public static void MapCaseEscalations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/cases/escalations").WithTags("Cases: escalations");
        group.MapGet("/", async (bool? mine, bool? open, Actor actor, EscalationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ListAsync(actor, mine ?? false, open ?? false, ct)))
            .WithSummary("Escalations (督办) on the cases the caller reads, newest first; mine=true: those targeting the caller; open=true: not yet acknowledged");
        group.MapGet("/count", async (Actor actor, EscalationService s, CancellationToken ct) =>
                TypedResults.Ok(new EscalationCountDto(await s.CountOpenForAsync(actor, ct))))
            .WithSummary("How many open escalations target the caller (the navigation badge)");
        group.MapPost("/{id:guid}/acknowledge", async (Guid id, Actor actor, EscalationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.AcknowledgeAsync(actor, id, ct)))
            .WithSummary("签收: a target of the escalation, or a dispatcher of the case, acknowledges it (once; 409 after)");
        api.MapGet("/cases/{id:guid}/escalations", async (Guid id, Actor actor, EscalationService s, CancellationToken ct) =>
                TypedResults.Ok(await s.ForCaseAsync(actor, id, ct)))
            .WithTags("Cases: escalations")
            .WithSummary("The escalations of one case, in the order they were raised");
    }
}
