using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Norma.Modules.Platform.Audit;
using Norma.Modules.Platform.Tokens;
using Norma.Shared.Access;

namespace Norma.Modules.Platform;

public sealed record MeDto(Guid Id, string UserName, string FullName, Guid? UnitId, IReadOnlyDictionary<string, Rules.Access.DataScope> Grants);

internal static class PlatformEndpoints
{
    public static readonly string[] Cultures = ["zh-CN", "en-US"];

    public static void MapPlatformApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/me").WithTags("Me");
        me.MapGet("/", (Actor actor) => TypedResults.Ok(new MeDto(actor.AccountId, actor.UserName, actor.DisplayName, actor.UnitId, actor.Grants)));
        me.MapGet("/tokens", async (Actor actor, TokenService s, CancellationToken ct) => TypedResults.Ok(await s.ListAsync(actor, ct)));
        me.MapPost("/tokens", async (CreateTokenRequest body, Actor actor, TokenService s, CancellationToken ct) =>
            TypedResults.Ok(await s.CreateAsync(actor, body, ct))).WithSummary("Create a personal API token; the secret is shown only in this response");
        me.MapDelete("/tokens/{id:guid}", async (Guid id, Actor actor, TokenService s, CancellationToken ct) =>
        {
            await s.RevokeAsync(actor, id, ct);
            return TypedResults.NoContent();
        });

        var audit = api.MapGroup("/audit").WithTags("Audit log");
        audit.MapGet("/", async (string? action, string? actorName, DateTime? from, DateTime? to, int? page, int? pageSize,
                Actor actor, AuditService s, CancellationToken ct) =>
            TypedResults.Ok(await s.ListAsync(actor, new AuditQuery(action, actorName, from, to, page ?? 1, pageSize ?? 50), ct)));
        audit.MapGet("/verify", async (Actor actor, AuditService s, CancellationToken ct) => TypedResults.Ok(await s.VerifyAsync(actor, ct)))
            .WithSummary("Walk the hash chain and report the first broken link");
    }

    /// <summary>Browser-only endpoints: language switch and sign-out (a POST with antiforgery).</summary>
    public static void MapPlatformPages(this WebApplication app)
    {
        app.MapGet("/culture", (string? c, string? returnUrl, HttpContext http) =>
        {
            var culture = Cultures.Contains(c) ? c! : Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(Shared.LocalUrl.IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();

        app.MapPost("/account/logout", async (HttpContext http, SignInManager<Organization.Domain.StaffAccount> signIn) =>
        {
            await signIn.SignOutAsync();
            return Results.LocalRedirect("/account/login");
        }).ExcludeFromDescription();
    }

    public static CultureInfo DefaultCulture => CultureInfo.GetCultureInfo(Cultures[0]);
}
