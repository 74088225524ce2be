using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Platform.Data;
using Norma.Modules.Platform.Setup;

namespace Norma.E2ETests.Infrastructure;

/// <summary>
/// The real Norma app on Kestrel (127.0.0.1, a free port), with its own fresh database: SQLite in a temp folder by
/// default, or a fresh PostgreSQL database when NORMA_TEST_DB=postgres (server from NORMA_TEST_PG).
/// </summary>
public sealed class NormaAppFactory : WebApplicationFactory<Program>
{
    /// <summary>The password of every printed demo account; satisfies the policy (≥10 chars, lowercase + digit, ≥4 unique).</summary>
    public const string DemoPassword = "e2e-demo-pass-2468";

    private readonly string dataFolder = Path.Combine(Path.GetTempPath(), "norma-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly bool postgres;
    private readonly string? connectionString;

    public NormaAppFactory()
    {
        var provider = Environment.GetEnvironmentVariable("NORMA_TEST_DB");
        postgres = string.Equals(provider, "postgres", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "postgresql", StringComparison.OrdinalIgnoreCase);
        if (postgres)
        {
            var server = Environment.GetEnvironmentVariable("NORMA_TEST_PG");
            if (string.IsNullOrWhiteSpace(server))
            {
                throw new InvalidOperationException("NORMA_TEST_DB=postgres needs NORMA_TEST_PG, e.g. \"Host=localhost;Username=postgres;Password=…\".");
            }

            connectionString = $"{server.TrimEnd(';')};Database=norma_e2e_{Guid.NewGuid():N}";
        }

        Directory.CreateDirectory(dataFolder);
        UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>The server's root address, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DataFolder", dataFolder);
        builder.UseSetting("Database:Provider", postgres ? "PostgreSql" : "Sqlite");
        builder.UseSetting("Database:ConnectionString", connectionString ?? "");
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("RateLimits:SignInPerMinute", "1000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
    }

    /// <summary>Starts Kestrel (migrating the database on the way) and seeds the demo organization.</summary>
    public async Task StartAsync()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("Kestrel reported no address.");
        BaseUrl = address.TrimEnd('/');

        await using var scope = Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        await seeder.SeedAsync(DemoPassword);
    }

    public override async ValueTask DisposeAsync()
    {
        if (postgres)
        {
            try
            {
                await using var scope = Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PlatformDbContext>().Database.EnsureDeletedAsync();
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"Could not drop the e2e database: {e.Message}");
            }
        }

        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
