using Norma.Shared.Access;

namespace Norma.Modules.Organization.Features.Staff;

internal static class StaffEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/org/staff").WithTags("Organization: staff");
        g.MapGet("/", async (Guid? unitId, bool? includeSubunits, string? search, bool? active, string? sort, int? page, int? pageSize,
                Actor actor, StaffService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, new StaffQuery(unitId, includeSubunits ?? true, search, active, sort, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Staff in the caller's data scope; phone and e-mail masked");
        g.MapGet("/{id:guid}", async (Guid id, bool? reveal, Actor actor, StaffService s, CancellationToken ct) =>
            TypedResults.Ok(await s.GetAsync(actor, id, reveal ?? false, ct)))
            .WithSummary("One staff member; reveal=true unmasks contact data for managers and is audited");
        g.MapPost("/", async (CreateStaffRequest body, Actor actor, StaffService s, CancellationToken ct) =>
        {
            var staff = await s.CreateAsync(actor, body, ct);
            return TypedResults.Created($"/api/v1/org/staff/{staff.Id}", staff);
        });
        g.MapPut("/{id:guid}", async (Guid id, UpdateStaffRequest body, Actor actor, StaffService s, CancellationToken ct) =>
            TypedResults.Ok(await s.UpdateAsync(actor, id, body, ct)));
        g.MapPost("/{id:guid}/reset-password", async (Guid id, ResetPasswordRequest body, Actor actor, StaffService s, CancellationToken ct) =>
        {
            await s.ResetPasswordAsync(actor, id, body, ct);
            return TypedResults.NoContent();
        });
        g.MapPost("/{id:guid}/unlock", async (Guid id, Actor actor, StaffService s, CancellationToken ct) =>
        {
            await s.UnlockAsync(actor, id, ct);
            return TypedResults.NoContent();
        });
    }
}
