using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Platform.Health;

/// <summary>
/// /readyz: the database answers, and on PostgreSQL the settings that make an acknowledged commit durable
/// (fsync, synchronous_commit, full_page_writes) are on.
/// </summary>
internal sealed class DatabaseReadyCheck(PlatformDbContext db) : IHealthCheck
{
    private static readonly string[] DurabilitySettings = ["fsync", "synchronous_commit", "full_page_writes"];

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            if (db.IsPostgres)
            {
                foreach (var setting in DurabilitySettings)
                {
                    var value = await db.Database.SqlQuery<string>($"SELECT current_setting({setting}) AS \"Value\"").SingleAsync(cancellationToken);
                    if (value is "off" or "local")
                    {
                        return HealthCheckResult.Unhealthy($"{setting} is {value}: acknowledged commits are not durable");
                    }
                }
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("database check failed");
        }
    }
}
