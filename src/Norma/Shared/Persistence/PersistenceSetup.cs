using Microsoft.EntityFrameworkCore;
using Norma.Modules.Platform.Data;

namespace Norma.Shared.Persistence;

/// <summary>The one switch between SQLite (default) and PostgreSQL.</summary>
internal static class PersistenceSetup
{
    public static IServiceCollection AddNormaDatabase(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.PostgreSql)
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is PostgreSql.");
            }

            services.AddDbContext<PlatformDbContext, PostgresPlatformDbContext>(o => o.UseNpgsql(options.ConnectionString));
        }
        else
        {
            var connection = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(dataFolder, "norma.db")}"
                : options.ConnectionString;
            services.AddDbContext<PlatformDbContext, SqlitePlatformDbContext>(o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmas()));
        }

        return services;
    }

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        await db.Database.MigrateAsync(ct);
    }
}
