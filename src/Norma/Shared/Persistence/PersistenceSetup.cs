using Microsoft.EntityFrameworkCore;
using Norma.Modules.Cases.Data;
using Norma.Modules.Catalog.Data;
using Norma.Modules.Customers.Data;
using Norma.Modules.Evaluation.Data;
using Norma.Modules.Calendars.Data;
using Norma.Modules.Calendars.Setup;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Modules.Platform.Setup;
using Norma.Modules.Standards.Data;
using Norma.Modules.Standards.Setup;

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

            var pg = Tuned(options.ConnectionString);

            Pooled<PlatformDbContext, PostgresPlatformDbContext>(services, o => o.UseNpgsql(pg));
            Pooled<StandardsDbContext, PostgresStandardsDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(StandardsDbContext.HistoryTable)));
            Pooled<CatalogDbContext, PostgresCatalogDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(CatalogDbContext.HistoryTable)));
            Pooled<CalendarsDbContext, PostgresCalendarsDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(CalendarsDbContext.HistoryTable)));
            Pooled<CustomersDbContext, PostgresCustomersDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(CustomersDbContext.HistoryTable)));
            Pooled<CasesDbContext, PostgresCasesDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(CasesDbContext.HistoryTable)));
            Pooled<EvaluationDbContext, PostgresEvaluationDbContext>(services, o =>
                o.UseNpgsql(pg, x => x.MigrationsHistoryTable(EvaluationDbContext.HistoryTable)));
        }
        else
        {
            var connection = string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={Path.Combine(dataFolder, "norma.db")}"
                : options.ConnectionString;
            Pooled<PlatformDbContext, SqlitePlatformDbContext>(services, o => o.UseSqlite(connection).AddInterceptors(new SqlitePragmas()));
            Pooled<StandardsDbContext, SqliteStandardsDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(StandardsDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
            Pooled<CatalogDbContext, SqliteCatalogDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(CatalogDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
            Pooled<CalendarsDbContext, SqliteCalendarsDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(CalendarsDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
            Pooled<CustomersDbContext, SqliteCustomersDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(CustomersDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
            Pooled<CasesDbContext, SqliteCasesDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(CasesDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
            Pooled<EvaluationDbContext, SqliteEvaluationDbContext>(services, o =>
                o.UseSqlite(connection, x => x.MigrationsHistoryTable(EvaluationDbContext.HistoryTable)).AddInterceptors(new SqlitePragmas()));
        }

        return services;
    }

    /// <summary>
    /// A context per request (scope), rented from EF's pool: building a context's options and its internal services
    /// anew for each request was a fifth of the app's CPU per case intake (docs/cases-performance.md). EF resets a
    /// returned context's own state (tracked entities, connection, transaction, settings); the audit state Norma
    /// keeps on it is reset here, on each rent, so no request inherits the previous lease's actor or pending events.
    /// </summary>
    private static void Pooled<TService, TImplementation>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TService : DbContext, IAuditedContext
        where TImplementation : TService
    {
        services.AddPooledDbContextFactory<TImplementation>(configure);
        services.AddScoped<TService>(sp =>
        {
            var db = sp.GetRequiredService<IDbContextFactory<TImplementation>>().CreateDbContext();
            db.AuditActor = AuditActor.System;
            db.PendingAuditEvents.Clear();
            return db;
        });
    }

    /// <summary>
    /// Pooled connections are not reset when returned (Npgsql would otherwise send DISCARD ALL before each reuse): the
    /// app keeps no session state — no SET, no temporary tables, only transaction-scoped advisory locks. An explicit
    /// "No Reset On Close" in the configured connection string wins, as does an explicit "Max Auto Prepare".
    /// </summary>
    internal static string Tuned(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // Npgsql accepts "Max Auto Prepare" and "MaxAutoPrepare" alike: look for the keys without their spaces.
        var given = connectionString.Replace(" ", "", StringComparison.Ordinal);
        if (!given.Contains("ResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        // Statements the app sends again and again (the hot path's inserts and lookups) are prepared once per
        // connection, so PostgreSQL stops parsing and planning them on every call. Set "Max Auto Prepare=0" behind a
        // pooler in transaction mode. A migration that changes a column's type while old nodes still run makes each of
        // their prepared statements fail once ("cached plan must not change result type").
        if (!given.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.MaxAutoPrepare = 100;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Brings the database to what this version of the app expects: migrations (Platform first: it owns the audit
    /// table the other modules append to), the built-in roles, the default standard tree and the shipped calendars.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, bool migrate, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var platform = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var standards = scope.ServiceProvider.GetRequiredService<StandardsDbContext>();
        var calendars = scope.ServiceProvider.GetRequiredService<CalendarsDbContext>();
        if (migrate)
        {
            await platform.Database.MigrateAsync(ct);
            await standards.Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Database.MigrateAsync(ct);
            await calendars.Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<CustomersDbContext>().Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<CasesDbContext>().Database.MigrateAsync(ct);
            await scope.ServiceProvider.GetRequiredService<EvaluationDbContext>().Database.MigrateAsync(ct);
        }

        await SystemRoleSeeder.EnsureAsync(platform, ct);
        await StandardTreeSeeder.EnsureAsync(standards, ct);
        await CalendarSeeder.EnsureAsync(calendars, scope.ServiceProvider.GetRequiredService<TimeProvider>(), ct);
    }
}
