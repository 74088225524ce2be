using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Norma.Modules.Platform.Data;
using Norma.Shared;
using Norma.Shared.Access;
using Norma.Shared.Errors;

namespace Norma.Modules.Platform.Tokens;

public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

public sealed record TokenDto(Guid Id, string Name, string Prefix, DateTime CreatedAt, DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>The token itself appears only in this response.</summary>
public sealed record CreatedTokenDto(TokenDto Token, string Secret);

/// <summary>Each account manages its own personal API tokens.</summary>
public sealed class TokenService(PlatformDbContext db, IStringLocalizer<SharedResource> text, TimeProvider clock)
{
    public const string TokenPrefix = "nrm_";
    private const int MaxActiveTokens = 20;

    public async Task<IReadOnlyList<TokenDto>> ListAsync(Actor actor, CancellationToken ct = default) =>
        await db.ApiTokens.AsNoTracking()
            .Where(t => t.AccountId == actor.AccountId)
            .OrderByDescending(t => t.CreatedAt)
            .Select(t => new TokenDto(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    public async Task<CreatedTokenDto> CreateAsync(Actor actor, CreateTokenRequest request, CancellationToken ct = default)
    {
        var v = new Validation(text).Required("TokenName", request.Name, 100);
        v.Check(request.ExpiresInDays is null or (>= 1 and <= 3650), "ExpiresInDays", text["Validation.Range", text["Field.ExpiresInDays"], 1, 3650]);
        v.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var active = await db.ApiTokens.CountAsync(t => t.AccountId == actor.AccountId && t.RevokedAt == null, ct);
        if (active >= MaxActiveTokens)
        {
            throw new BusinessRuleException(text["Token.TooMany", MaxActiveTokens]);
        }

        // 32 random bytes = 256 bits; only the hash is kept.
        var secret = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            Id = Guid.CreateVersion7(),
            AccountId = actor.AccountId,
            Name = request.Name!.Trim(),
            Prefix = secret[..10],
            TokenHash = ApiTokenAuthenticationHandler.Hash(secret),
            CreatedAt = now,
            ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedTokenDto(ToDto(token), secret);
    }

    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.AccountId == actor.AccountId, ct)
                    ?? throw new NotFoundException(text["Token.NotFound"]);
        if (token.RevokedAt is null)
        {
            token.RevokedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }
    }

    private static TokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
