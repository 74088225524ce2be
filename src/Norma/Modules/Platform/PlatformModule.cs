using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Norma.Modules.Platform.Accounts;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Data;
using Norma.Modules.Platform.Health;
using Norma.Modules.Platform.Setup;
using Norma.Modules.Platform.Tokens;
using Norma.Shared.Access;
using Norma.Shared.Errors;
using Norma.Shared.Persistence;

namespace Norma.Modules.Platform;

/// <summary>Accounts, sign-in, API tokens, audit log, localization, errors, health and security headers.</summary>
internal static class PlatformModule
{
    public const string ApiPolicy = "api";

    public static WebApplicationBuilder AddPlatform(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var dataFolder = Path.GetFullPath(builder.Configuration["DataFolder"] ?? "data", builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataFolder);

        // Serve package assets (MudBlazor) from the build output in every environment, not only Development;
        // a published app has them in wwwroot and this is then a no-op.
        builder.WebHost.UseStaticWebAssets();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<Shared.Persistence.ReferenceCache>();
        services.AddNormaDatabase(builder.Configuration, dataFolder);
        services.AddHostedService<DatabaseInitializer>();
        services.AddHostedService<Audit.AuditChainService>();
        services.AddScoped<ActorResolver>();
        services.AddScoped<SignInService>();
        services.AddScoped<TokenService>();
        services.AddScoped<AuditService>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<Standards.Setup.DemoStandardsSeeder>();
        services.AddScoped<Catalog.Setup.DemoCatalogSeeder>();

        services.AddNormaIdentity();
        services.AddAuthentication(IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "norma.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName).RequireAuthenticatedUser());

        // Keys in the database: cookies survive restarts and work across several app nodes.
        services.AddDataProtection().SetApplicationName("Norma").PersistKeysToDbContext<PlatformDbContext>();

        services.AddLocalization(); // Resources/SharedResource*.resx embed as Norma.SharedResource, next to the marker type
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(PlatformEndpoints.Cultures[0]).AddSupportedCultures(PlatformEndpoints.Cultures).AddSupportedUICultures(PlatformEndpoints.Cultures);
            // The UI is Chinese unless the person chose English; API clients may also ask with Accept-Language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(async http =>
                    http.Request.Path.StartsWithSegments("/api")
                        ? await new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(http)
                        : null),
            ];
        });
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));

        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Norma API";
            doc.Info.Description = "REST API of Norma. Authenticate with a personal API token: `Authorization: Bearer nrm_…`. Errors are RFC 7807 problem details.";
            return Task.CompletedTask;
        }));

        var loginPerMinute = builder.Configuration.GetValue("RateLimits:SignInPerMinute", 30);
        var apiPerMinute = builder.Configuration.GetValue("RateLimits:ApiPerMinute", 600);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var ip = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(http.Request.Method) && http.Request.Path.StartsWithSegments("/account/login"))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("login:" + ip, _ => new FixedWindowRateLimiterOptions { PermitLimit = loginPerMinute, Window = TimeSpan.FromMinutes(1) });
                }

                return http.Request.Path.StartsWithSegments("/api")
                    ? RateLimitPartition.GetFixedWindowLimiter("api:" + ip, _ => new FixedWindowRateLimiterOptions { PermitLimit = apiPerMinute, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter("none");
            });
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static void UsePlatform(this WebApplication app)
    {
        app.UseExceptionHandler("/Error");
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), a => a.UseStatusCodePages());
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (http, next) =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            // The API explorer page needs its own inline bootstrap script; everything else gets the strict policy.
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/api/docs")
                ? "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'"
                : "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            await next();
        });
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "Norma API v1");
            o.RoutePrefix = "api/docs";
            o.DocumentTitle = "Norma API";
        });
        app.MapPlatformPages();
    }
}
