using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Platform.Setup;

public enum AdminVerb
{
    Serve,
    Demo,
    Migrate,
    SeedDemo,
    CreateAdmin,
    VerifyAudit,
    CreateToken,
    GenerateCases,
    BenchCases,
    BenchCaseMetrics,
    BenchEvaluation,
    Help,
    Unknown,
}

/// <summary>The app's administrative verbs. Options after the verb are its own; the rest goes to the host (e.g. --urls).</summary>
public sealed class AdminCli
{
    public const string DefaultDemoUrl = "http://127.0.0.1:5080";

    public const string HelpText = """
        Norma — service standardization platform (服务标准化管理平台)

        Usage: Norma [verb] [options] [host options such as --urls http://127.0.0.1:5080]

        Verbs:
          (none) | serve          Run the web app (migrates on start unless Database:MigrateOnStartup=false).
          demo                    Migrate, seed the demo organization if the database has none, print the URL and
                                  demo logins, then serve. Listens on http://127.0.0.1:5080 unless --urls is given.
          migrate                 Apply pending database migrations and exit.
          seed-demo [--password P]
                                  Seed the demo organization (idempotent) and print its logins. Without --password
                                  a random one is generated and kept in <data folder>/demo-logins.txt.
          create-admin --user NAME --name FULL_NAME [--password P]
                                  Create an administrator account (a password is generated when not given).
          verify-audit            Walk the audit log's hash chain; exit 1 and name the first broken entry if any.
          create-token --user NAME [--name LABEL] [--days N]
                                  Issue a personal API token for an active account and print only its secret
                                  (for scripts and load tests; shown once, stored hashed, default 30 days).
          generate-cases --count N [--days D] [--seed S]
                                  Write N generated test cases (numbers GEN-…) over the last D days (365), straight
                                  into the database (no audit, no events). Needs seed-demo first.
          bench-cases [--iterations N]
                                  Time each case list/search shape N times (200); prints p50/p95/p99.
          bench-case-metrics [--staff N] [--days D]
                                  Time every case figure key of quality evaluation for N staff (10000) and all
                                  units over the last D days (182), as an evaluation run reads them.
          bench-evaluation --bench-database [--staff N] [--cases N] [--checks N] [--iterations N]
                                  Time a whole evaluation run (RunService) of the last complete half-year: N staff
                                  (10000, accounts BENCH-… that cannot sign in) × a generated 30-indicator scheme
                                  over N generated cases (1000000, with clocks and events) and N field checks
                                  (100000); one warm-up and N timed runs (3), then a breakdown. Reuses what an
                                  earlier call generated. Needs seed-demo first. Only on a benchmark database:
                                  --bench-database confirms it (the generated cases go to every active account).
          help | --help | -h      Show this text.

        Configuration (appsettings.json or environment variables, e.g. Database__Provider=PostgreSql):
          Database:Provider        Sqlite (default) | PostgreSql
          Database:ConnectionString  Empty for SQLite means <DataFolder>/norma.db
          Database:MigrateOnStartup  true (default) | false
          DataFolder               data (default), relative to the content root
        """;

    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    public AdminVerb Verb { get; private set; } = AdminVerb.Serve;
    public string? Error { get; private set; }
    public string[] HostArgs { get; private set; } = [];

    public static AdminCli Parse(string[] args)
    {
        var cli = new AdminCli();
        var rest = new List<string>();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            cli.Verb = args[0] switch
            {
                "serve" => AdminVerb.Serve,
                "demo" => AdminVerb.Demo,
                "migrate" => AdminVerb.Migrate,
                "seed-demo" => AdminVerb.SeedDemo,
                "create-admin" => AdminVerb.CreateAdmin,
                "verify-audit" => AdminVerb.VerifyAudit,
                "create-token" => AdminVerb.CreateToken,
                "generate-cases" => AdminVerb.GenerateCases,
                "bench-cases" => AdminVerb.BenchCases,
                "bench-case-metrics" => AdminVerb.BenchCaseMetrics,
                "bench-evaluation" => AdminVerb.BenchEvaluation,
                "help" => AdminVerb.Help,
                _ => AdminVerb.Unknown,
            };
            if (cli.Verb == AdminVerb.Unknown)
            {
                cli.Error = $"Unknown verb '{args[0]}'.";
            }

            i = 1;
        }

        string[] own = ["--user", "--name", "--password", "--count", "--days", "--seed", "--iterations", "--staff", "--cases", "--checks"];
        for (; i < args.Length; i++)
        {
            if (args[i] is "--help" or "-h")
            {
                cli.Verb = AdminVerb.Help;
            }
            else if (own.Contains(args[i]) && i + 1 < args.Length)
            {
                cli.options[args[i]] = args[++i];
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        if (cli.Verb == AdminVerb.CreateAdmin && (!cli.options.ContainsKey("--user") || !cli.options.ContainsKey("--name")))
        {
            cli.Verb = AdminVerb.Unknown;
            cli.Error = "create-admin needs --user and --name.";
        }

        if (cli.Verb == AdminVerb.CreateToken && (!cli.options.ContainsKey("--user")
                                                   || (cli.options.TryGetValue("--days", out var days) && !int.TryParse(days, out _))))
        {
            cli.Verb = AdminVerb.Unknown;
            cli.Error = "create-token needs --user (and --days, when given, is a number).";
        }

        // It writes 10,000 accounts and a million cases given to every active account: never by accident on real data.
        if (cli.Verb == AdminVerb.BenchEvaluation && !rest.Remove("--bench-database"))
        {
            cli.Verb = AdminVerb.Unknown;
            cli.Error = "bench-evaluation writes generated staff, cases and a scheme into the database: give --bench-database to confirm it is a benchmark database.";
        }

        if (cli.Verb == AdminVerb.BenchEvaluation && !(Positive("--iterations") && Positive("--staff") && Positive("--cases") && Positive("--checks")))
        {
            cli.Verb = AdminVerb.Unknown;
            cli.Error = "bench-evaluation: --staff, --cases, --checks and --iterations, when given, are numbers above 0.";
        }

        bool Positive(string option) => !cli.options.TryGetValue(option, out var v) || (int.TryParse(v, out var x) && x > 0);

        if (cli.Verb == AdminVerb.GenerateCases && !(cli.options.TryGetValue("--count", out var n) && int.TryParse(n, out var count) && count > 0))
        {
            cli.Verb = AdminVerb.Unknown;
            cli.Error = "generate-cases needs --count N (N > 0).";
        }

        if (cli.Verb == AdminVerb.Demo && !rest.Contains("--urls") && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            rest.AddRange(["--urls", DefaultDemoUrl]);
        }

        cli.HostArgs = [.. rest];
        return cli;
    }

    public async Task<int> RunAsync(WebApplication app)
    {
        var exit = await RunVerbAsync(app);
        if (Verb is not (AdminVerb.Serve or AdminVerb.Demo) && exit is 0 or 1)
        {
            // A verb runs without the background chainer: what it wrote goes into the audit chain before it exits. The
            // verb's own work is done either way; a failure here leaves the events pending for the app to chain.
            try
            {
                await Audit.AuditChainer.ChainAllAsync(app.Services);
            }
            catch (Exception ex)
            {
                await Console.Error.WriteLineAsync($"Note: pending audit events were not chained now ({ex.GetType().Name}); the running app chains them.");
            }
        }

        return exit;
    }

    private async Task<int> RunVerbAsync(WebApplication app)
    {
        switch (Verb)
        {
            case AdminVerb.Serve:
                await app.RunAsync();
                return 0;
            case AdminVerb.Migrate:
                await MigrateAsync(app);
                Console.WriteLine("Migrations applied.");
                return 0;
            case AdminVerb.SeedDemo:
                await MigrateAsync(app);
                await SeedDemoAsync(app, printAlways: true);
                return 0;
            case AdminVerb.CreateAdmin:
                await MigrateAsync(app);
                return await CreateAdminAsync(app);
            case AdminVerb.VerifyAudit:
                return await VerifyAuditAsync(app);
            case AdminVerb.CreateToken:
                return await CreateTokenAsync(app);
            case AdminVerb.GenerateCases:
                await MigrateAsync(app);
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    return await scope.ServiceProvider.GetRequiredService<Cases.Features.Generator.CaseGenerator>()
                        .RunAsync(IntOption("--count", 0), IntOption("--days", 365), IntOption("--seed", 1), Console.Out);
                }

            case AdminVerb.BenchCases:
                return await Cases.Features.Generator.CaseBench.RunAsync(app.Services, IntOption("--iterations", 200), Console.Out);
            case AdminVerb.BenchCaseMetrics:
                return await Cases.Features.Metrics.CaseMetricBench.RunAsync(app.Services, IntOption("--staff", 10_000), IntOption("--days", 182), Console.Out);
            case AdminVerb.BenchEvaluation:
                await MigrateAsync(app);
                return await BenchEvaluationAsync(app);
            case AdminVerb.Demo:
                await MigrateAsync(app);
                await app.StartAsync();
                var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? DefaultDemoUrl;
                Console.WriteLine();
                Console.WriteLine($"Norma is running: {url}");
                await SeedDemoAsync(app, printAlways: true);
                Console.WriteLine("Press Ctrl+C to stop.");
                await app.WaitForShutdownAsync();
                return 0;
            default:
                return 2;
        }
    }

    private int IntOption(string name, int fallback) =>
        options.TryGetValue(name, out var v) && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static Task MigrateAsync(WebApplication app) => Shared.Persistence.PersistenceSetup.PrepareAsync(app.Services, migrate: true);

    private async Task SeedDemoAsync(WebApplication app, bool printAlways)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
        var file = Path.Combine(Path.GetFullPath(app.Configuration["DataFolder"] ?? "data", app.Environment.ContentRootPath), "demo-logins.txt");
        string? password;
        if (await seeder.IsSeededAsync())
        {
            password = File.Exists(file) ? (await File.ReadAllTextAsync(file)).Trim() : null;
            Console.WriteLine("The demo organization is already in the database.");
        }
        else
        {
            password = options.GetValueOrDefault("--password") ?? app.Configuration["Demo:Password"] ?? DemoSeeder.GeneratePassword();
            await seeder.SeedAsync(password);
            await File.WriteAllTextAsync(file, password + Environment.NewLine);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            Console.WriteLine("Seeded the demo organization 诺玛服务有限公司.");
        }

        if (!printAlways)
        {
            return;
        }

        Console.WriteLine();
        Console.WriteLine("Demo logins (演示账号)" + (password is null ? " — password unknown: it was set when this database was seeded" : $", password for all: {password}"));
        foreach (var login in DemoSeeder.Logins())
        {
            Console.WriteLine($"  {login.UserName,-10} {login.RoleKey,-18} {login.FullName} ({login.UnitName})");
        }

        Console.WriteLine();
    }

    /// <summary>
    /// bench-evaluation: the staff, cases (with clocks and events) and evaluation data it needs, generated when missing,
    /// then the timed runs (Evaluation's RunBench). Figures in docs/evaluation.md.
    /// </summary>
    private async Task<int> BenchEvaluationAsync(WebApplication app)
    {
        var (staffCount, caseCount) = (IntOption("--staff", 10_000), IntOption("--cases", 1_000_000));
        string caseSummary;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var added = await sp.GetRequiredService<Organization.Features.Staff.BenchStaffGenerator>()
                .EnsureAsync(staffCount, Evaluation.Features.Runs.RunBench.PositionCode, Evaluation.Features.Runs.RunBench.PositionName);
            Console.WriteLine(added > 0 ? $"Added {added:N0} benchmark staff." : "Reusing the benchmark staff.");
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            var cases = sp.GetRequiredService<Cases.Data.CasesDbContext>();
            var existing = await cases.Cases.CountAsync(c => c.Number.StartsWith(Cases.Features.Generator.CaseGenerator.NumberPrefix));
            if (existing < caseCount
                && await sp.GetRequiredService<Cases.Features.Generator.CaseGenerator>().RunAsync(caseCount - existing, 365, IntOption("--seed", 1), Console.Out) != 0)
            {
                return 1;
            }
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var sp = scope.ServiceProvider;
            await sp.GetRequiredService<Cases.Features.Generator.CaseClockGenerator>().RunAsync(Console.Out);
            var cases = sp.GetRequiredService<Cases.Data.CasesDbContext>();
            caseSummary = $"{await cases.Cases.CountAsync():N0} cases, {await cases.Clocks.CountAsync():N0} clocks, {await cases.Events.CountAsync():N0} case events";
        }

        return await Evaluation.Features.Runs.RunBench.RunAsync(app.Services, IntOption("--checks", 100_000), IntOption("--iterations", 3), caseSummary, Console.Out);
    }

    private async Task<int> CreateAdminAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var password = options.GetValueOrDefault("--password") ?? DemoSeeder.GeneratePassword();
        var topUnit = await db.Units.Where(u => u.ParentId == null).OrderBy(u => u.SortOrder).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(),
            UserName = options["--user"],
            FullName = options["--name"],
            UnitId = topUnit,
            IsActive = true,
            LockoutEnabled = true,
            CreatedAt = DateTime.UtcNow,
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(account, password);
        if (!result.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
            return 1;
        }

        var role = await db.Roles.FirstAsync(r => r.SystemKey == SystemRoles.Administrator);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = account.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        Console.WriteLine($"Administrator '{account.UserName}' created." + (options.ContainsKey("--password") ? "" : $" Password: {password}"));
        return 0;
    }

    private async Task<int> CreateTokenAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var userName = options["--user"];
        var id = await db.Users.Where(u => u.UserName == userName && u.IsActive).Select(u => (Guid?)u.Id).FirstOrDefaultAsync();
        if (id is null)
        {
            await Console.Error.WriteLineAsync($"No active account '{userName}'.");
            return 1;
        }

        var principal = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
            [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, id.Value.ToString())], "cli"));
        var actor = await scope.ServiceProvider.GetRequiredService<Shared.Access.ActorResolver>().RequireAsync(principal);
        var days = options.TryGetValue("--days", out var d) ? int.Parse(d, System.Globalization.CultureInfo.InvariantCulture) : 30;
        var created = await scope.ServiceProvider.GetRequiredService<Tokens.TokenService>()
            .CreateAsync(actor, new Tokens.CreateTokenRequest(options.GetValueOrDefault("--name") ?? "cli", days));
        Console.WriteLine(created.Secret);
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(WebApplication app)
    {
        // What is committed but not yet chained is chained first (as the app's readers do), unless that is impossible
        // here (a read-only role or standby): then the chain as it stands is verified.
        try
        {
            await AuditChainer.ChainAllAsync(app.Services);
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"Note: pending audit events could not be chained ({ex.GetType().Name}); verifying the chain as it stands.");
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PlatformDbContext>();
        var result = await AuditService.VerifyChainAsync(db, CancellationToken.None);
        if (result.Intact)
        {
            Console.WriteLine($"Audit chain intact: {result.Checked} entries verified.");
            return 0;
        }

        Console.WriteLine($"Audit chain BROKEN at entry {result.BrokenAt}: {result.Reason}. {result.Checked} entries before it verified.");
        return 1;
    }
}
