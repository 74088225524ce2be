using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Platform.Data;
using Norma.Modules.Platform.Setup;
using Norma.Modules.Platform.Tokens;
using Norma.Shared.Access;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Norma.IntegrationTests;

/// <summary>
/// The real app on a real database: SQLite in a temp folder, or (NORMA_TEST_DB=postgres) a fresh PostgreSQL database
/// on the server named by NORMA_TEST_PG. Seeded with the demo organization. One per test class.
/// </summary>
public class NormaFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "demo-pass-2026";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly string dataFolder = Directory.CreateTempSubdirectory("norma-it-").FullName;
    private readonly string? pgDatabase = IsPostgres ? $"norma_it_{Guid.NewGuid():N}" : null;
    private readonly Dictionary<string, string> tokens = [];

    public static bool IsPostgres => Environment.GetEnvironmentVariable("NORMA_TEST_DB") == "postgres";

    public string DataFolder => dataFolder;

    public string Provider => IsPostgres ? "PostgreSql" : "Sqlite";

    public string ConnectionString => IsPostgres
        ? $"{Environment.GetEnvironmentVariable("NORMA_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres"};Database={pgDatabase}"
        : $"Data Source={Path.Combine(dataFolder, "norma.db")}";

    /// <summary>Everything the app logged, for tests that plant personal data and search the logs.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        builder.UseEnvironment("Testing");
        builder.UseSetting("DataFolder", dataFolder);
        builder.UseSetting("Database:Provider", Provider);
        builder.UseSetting("Database:ConnectionString", ConnectionString);
        builder.UseSetting("RateLimits:ApiPerMinute", "1000000");
        builder.UseSetting("RateLimits:SignInPerMinute", "1000000");
        builder.UseSetting("Cases:Timer:Enabled", "false");
    }

    public async Task InitializeAsync()
    {
        _ = Server; // starts the host: migrations run before it listens
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(DemoPassword);
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (pgDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var conn = new NpgsqlConnection(Environment.GetEnvironmentVariable("NORMA_TEST_PG") ?? "Host=127.0.0.1;Port=55432;Username=postgres");
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{pgDatabase}\" WITH (FORCE)", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file on some platforms; the temp folder is cleaned by the OS.
        }
    }

    /// <summary>An API client authenticated as the given account through a personal API token.</summary>
    public async Task<HttpClient> ClientAsAsync(string userName)
    {
        if (!tokens.TryGetValue(userName, out var secret))
        {
            await using var scope = Services.CreateAsyncScope();
            var actor = await ActorAsync(scope.ServiceProvider, userName);
            secret = (await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(actor, new CreateTokenRequest("tests", 30))).Secret;
            tokens[userName] = secret;
        }

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<Actor> ActorAsync(IServiceProvider services, string userName)
    {
        var db = services.GetRequiredService<PlatformDbContext>();
        var id = await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id.ToString())], "test"));
        return (await services.GetRequiredService<ActorResolver>().ResolveAsync(principal))!;
    }

    /// <summary>Runs the real executable (an admin verb) against this factory's database.</summary>
    public async Task<(int ExitCode, string Output)> RunVerbAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Norma.dll");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["Database__Provider"] = Provider;
        start.Environment["Database__ConnectionString"] = ConnectionString;
        start.Environment["DataFolder"] = dataFolder;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    public async Task<T> WithStandardsAsync<T>(Func<Norma.Modules.Standards.Data.StandardsDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Norma.Modules.Standards.Data.StandardsDbContext>());
    }

    public async Task<T> WithCasesAsync<T>(Func<Norma.Modules.Cases.Data.CasesDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<Norma.Modules.Cases.Data.CasesDbContext>());
    }

    public async Task<T> WithDbAsync<T>(Func<PlatformDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        // Audit events reach the hash chain just after their change commits: tests read the chain as a reader would.
        await Norma.Modules.Platform.Audit.AuditChainer.ChainAllAsync(db);
        return await work(db);
    }
}

public static class HttpExtensions
{
    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(NormaFactory.Json))!;

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, NormaFactory.Json);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, NormaFactory.Json);
}

public sealed class CapturedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> lines = new();

    public string All => string.Join("\n", lines);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
