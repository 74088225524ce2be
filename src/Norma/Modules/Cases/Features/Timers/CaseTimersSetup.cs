using Microsoft.Extensions.DependencyInjection.Extensions;
using Norma.Modules.Cases.Features.Clocks;
using Norma.Modules.Cases.Features.Escalations;

namespace Norma.Modules.Cases.Features.Timers;

public static class CaseTimersSetup
{
    /// <summary>The timer (one pass), its background driver, and the escalations (督办) it raises.</summary>
    public static IServiceCollection AddCaseTimers(this IServiceCollection s)
    {
        s.TryAddScoped<CaseClocks>();
        s.AddScoped<CaseTimer>();
        s.AddScoped<EscalationService>();
        s.AddHostedService<CaseTimerService>();
        return s;
    }
}
