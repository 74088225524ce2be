using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Norma.Modules.Platform.Data;

namespace Norma.Modules.Platform.Tokens;

/// <summary>Authenticates "Authorization: Bearer nrm_…" personal API tokens against their stored SHA-256.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformDbContext db,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(TokenService.TokenPrefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return AuthenticateResult.Fail("malformed token");
        }

        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now))
            .Join(db.Users.Where(u => u.IsActive), t => t.AccountId, u => u.Id, (t, u) => new { TokenId = t.Id, AccountId = u.Id, u.UserName, t.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null)
        {
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        }

        // Bookkeeping only: a direct update, outside the audited change tracker, at most once a minute — a busy
        // integration would otherwise write (and lock) the token's row on every request.
        if (found.LastUsedAt is null || found.LastUsedAt < now.AddMinutes(-1))
        {
            await db.ApiTokens.Where(t => t.Id == found.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.AccountId.ToString()), new Claim(ClaimTypes.Name, found.UserName ?? "")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
