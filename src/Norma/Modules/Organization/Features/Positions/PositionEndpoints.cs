using Norma.Shared.Access;

namespace Norma.Modules.Organization.Features.Positions;

internal static class PositionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org/positions").WithTags("Organization: positions");
        g.MapGet("/", async (Guid? unitId, Actor actor, PositionService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, unitId, ct)));
        g.MapPost("/", async (SavePositionRequest body, Actor actor, PositionService s, CancellationToken ct) =>
        {
            var position = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/org/positions/{position.Id}", position);
        });
        g.MapPut("/{id:guid}", async (Guid id, SavePositionRequest body, Actor actor, PositionService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        g.MapDelete("/{id:guid}", async (Guid id, Actor actor, PositionService s, CancellationToken ct) =>
        {
            await s.DeleteAsync(actor, id, ct);
            return TypedResults.NoContent();
        });
    }
}
