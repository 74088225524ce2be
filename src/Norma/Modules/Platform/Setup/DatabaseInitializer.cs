using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;
using Norma.Shared.Persistence;

namespace Norma.Modules.Platform.Setup;

/// <summary>Before the web server listens: apply migrations (unless disabled) and make sure the built-in roles exist.</summary>
internal sealed class DatabaseInitializer(IServiceProvider services, DatabaseOptions options, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        if (options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrated ({Provider})", options.Provider);
        }

        await SystemRoleSeeder.EnsureAsync(db, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
