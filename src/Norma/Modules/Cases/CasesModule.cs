using Norma.Modules.Cases.Features.Lists;

namespace Norma.Modules.Cases;

/// <summary>Cases (工单/办件): intake, first responsibility, dispatch and field work, live commitment clocks, escalation, lists and daily reports.</summary>
internal static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services
        .AddCaseLists();

    /// <summary>Browser-only routes (cookie sign-in): printable sheets and downloads.</summary>
    public static void MapCasesPages(this WebApplication app)
    {
        app.MapCaseListPages();
    }

    public static void MapCases(this RouteGroupBuilder api)
    {
        api.MapCaseLists();
    }
}
