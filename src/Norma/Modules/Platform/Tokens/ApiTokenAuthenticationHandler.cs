using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Norma.Modules.Platform.Data;
using Norma.Shared.Persistence;

namespace Norma.Modules.Platform.Tokens;

/// <summary>Authenticates "Authorization: Bearer nrm_…" personal API tokens against their stored SHA-256.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PlatformDbContext db,
    ReferenceCache cache,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    /// <summary>
    /// How long another app node may still accept a token revoked (or an account deactivated) elsewhere. On the node
    /// where it happened the save drops the cached answer at once.
    /// </summary>
    internal static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    /// <summary>When this process last recorded each token's use: the row is written at most once a minute.</summary>
    private static readonly ConcurrentDictionary<Guid, DateTime> LastRecorded = new();

    private sealed record TokenOwner(Guid TokenId, Guid AccountId, string UserName, DateTime? ExpiresAt, DateTime? LastUsedAt);

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
        // Cached briefly: a busy integration would otherwise pay a database round trip per call just to be recognized.
        var found = await cache.GetAsync("api-token", hash, [typeof(PlatformDbContext)], () => db.ApiTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(db.Users.Where(u => u.IsActive), t => t.AccountId, u => u.Id,
                (t, u) => new TokenOwner(t.Id, u.Id, u.UserName ?? "", t.ExpiresAt, t.LastUsedAt))
            .FirstOrDefaultAsync(Context.RequestAborted), CacheFor, cacheMisses: false);
        if (found is null || found.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("unknown, revoked or expired token");
        }

        // Bookkeeping only: a direct update, outside the audited change tracker, at most once a minute — a busy
        // integration would otherwise write (and lock) the token's row on every request.
        var recorded = LastRecorded.TryGetValue(found.TokenId, out var r) ? r : found.LastUsedAt;
        if (recorded is null || recorded < now.AddMinutes(-1))
        {
            LastRecorded[found.TokenId] = now;
            await db.ApiTokens.Where(t => t.Id == found.TokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, found.AccountId.ToString()), new Claim(ClaimTypes.Name, found.UserName ?? "")],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
