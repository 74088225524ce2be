using Norma.Modules.Cases.Features.Escalations;
using Norma.Modules.Cases.Features.Timers;

namespace Norma.Modules.Cases;

/// <summary>Cases (工单/办件): intake, first responsibility, dispatch and field work, live commitment clocks, escalation, lists and daily reports.</summary>
internal static class CasesModule
{
    public static IServiceCollection AddCases(this IServiceCollection services) => services
        .AddCaseTimers();

    /// <summary>Browser-only routes (cookie sign-in): printable sheets and downloads.</summary>
    public static void MapCasesPages(this WebApplication app)
    {
    }

    public static void MapCases(this RouteGroupBuilder api)
    {
        api.MapCaseEscalations();
    }
}
