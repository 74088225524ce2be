using Norma.Shared.Access;

namespace Norma.Modules.Organization.Features.Units;

internal static class UnitEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org/units").WithTags("Organization: units");
        g.MapGet("/", async (Actor actor, UnitService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)))
            .WithSummary("Units in the caller's data scope, parents first");
        g.MapGet("/{id:guid}", async (Guid id, Actor actor, UnitService s, CancellationToken ct) => TypedResults.Ok(await s.GetAsync(actor, id, ct)));
        g.MapPost("/", async (SaveUnitRequest body, Actor actor, UnitService s, CancellationToken ct) =>
        {
            var unit = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/org/units/{unit.Id}", unit);
        });
        g.MapPut("/{id:guid}", async (Guid id, SaveUnitRequest body, Actor actor, UnitService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        g.MapPost("/{id:guid}/move", async (Guid id, MoveUnitRequest body, Actor actor, UnitService s, CancellationToken ct) =>
            TypedResults.Ok(await s.MoveAsync(actor, id, body, ct))).WithSummary("Move a unit with its whole subtree");
        g.MapDelete("/{id:guid}", async (Guid id, Actor actor, UnitService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        });
    }
}
