using Norma.Shared.Persistence;

namespace Norma.Modules.Platform.Setup;

/// <summary>Before the web server listens: apply migrations (unless disabled) and make sure the built-in roles exist.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await PersistenceSetup.PrepareAsync(services, options.MigrateOnStartup, cancellationToken);
        logger.LogInformation("Database ready ({Provider})", options.Provider);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
