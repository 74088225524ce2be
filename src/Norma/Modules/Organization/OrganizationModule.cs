using Norma.Modules.Organization.Features.Positions;
using Norma.Modules.Organization.Features.Roles;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Organization.Features.Units;

namespace Norma.Modules.Organization;

/// <summary>Units, positions, staff accounts and roles.</summary>
internal static class OrganizationModule
{
    public static IServiceCollection AddOrganization(this IServiceCollection services) => services
        .AddScoped<UnitService>()
        .AddScoped<PositionService>()
        .AddScoped<StaffService>()
        .AddScoped<RoleService>()
        .AddScoped<BenchStaffGenerator>()
        .AddScoped<Contracts.IOrgDirectory, Contracts.OrgDirectory>();

    public static void MapOrganization(this RouteGroupBuilder api)
    {
        UnitEndpoints.Map(api);
        PositionEndpoints.Map(api);
        StaffEndpoints.Map(api);
        RoleEndpoints.Map(api);
    }
}
