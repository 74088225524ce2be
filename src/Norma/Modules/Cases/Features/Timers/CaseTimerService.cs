namespace Norma.Modules.Cases.Features.Timers;

/// <summary>
/// Drives <see cref="CaseTimer"/>: every <c>Cases:Timer:Interval</c> (default 30 s) on the injected clock, a fresh scope and
/// one pass at the current instant. Every app instance may run it: the timer's claims make each due action happen once.
/// A failing pass is logged (ids and counts only) and the next tick tries again; the host never goes down for it.
/// Off when <c>Cases:Timer:Enabled</c> is false (the integration tests drive time themselves).
/// </summary>
internal sealed class CaseTimerService(IServiceScopeFactory scopes, TimeProvider time, IConfiguration configuration, ILogger<CaseTimerService> log)
    : BackgroundService
{
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Cases:Timer:Enabled", true))
        {
            log.LogInformation("Case timer disabled (Cases:Timer:Enabled = false)");
            return;
        }

        var interval = configuration.GetValue("Cases:Timer:Interval", DefaultInterval);
        if (interval <= TimeSpan.Zero)
        {
            interval = DefaultInterval;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            // The first pass waits one interval: the database is migrated and seeded by then, and a restart catches up at once after.
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await TickAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task TickAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var timer = scope.ServiceProvider.GetRequiredService<CaseTimer>();
            var run = await timer.RunOnceAsync(time.GetUtcNow().UtcDateTime, ct);
            if (run.Warned + run.Breached + run.Escalated + run.StepsDeemed + run.Skipped > 0)
            {
                log.LogInformation(
                    "Case timer: {Warned} warned, {Breached} breached, {Escalated} escalated, {StepsDeemed} steps deemed, {Skipped} skipped",
                    run.Warned, run.Breached, run.Escalated, run.StepsDeemed, run.Skipped);
            }
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            log.LogError(ex, "Case timer pass failed; the next tick retries");
        }
    }
}
