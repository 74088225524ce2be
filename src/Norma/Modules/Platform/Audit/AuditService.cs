using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Features.Staff;
using Norma.Modules.Platform.Data;
using Norma.Rules.Access;
using Norma.Rules.Audit;
using Norma.Shared.Access;

namespace Norma.Modules.Platform.Audit;

public sealed record AuditEntryDto(long Sequence, DateTime At, string ActorName, string Action, string EntityType, string? EntityId, string Details);

public sealed record AuditQuery(string? Action = null, string? Actor = null, DateTime? From = null, DateTime? To = null, int Page = 1, int PageSize = 50);

public sealed record AuditVerification(bool Intact, long Checked, long? BrokenAt, string? Reason);

/// <summary>Reading and verifying the audit log. Only auditors with scope "all" see everyone's entries; others see their own.</summary>
public sealed class AuditService(PlatformDbContext db, IServiceProvider services, ILogger<AuditService> logger)
{
    public async Task<Paged<AuditEntryDto>> ListAsync(Actor actor, AuditQuery query, CancellationToken ct = default)
    {
        var scope = actor.Require(Permissions.AuditRead);
        // Changes committed a moment ago may still wait for the chain: the reader sees them all.
        await AuditChainer.TryChainAllAsync(services, logger, ct);
        var q = db.AuditEntries.AsNoTracking();
        if (scope != DataScope.All)
        {
            q = q.Where(a => a.ActorId == actor.AccountId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            q = q.Where(a => a.Action.StartsWith(query.Action.Trim()));
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            q = q.Where(a => a.ActorName.Contains(query.Actor.Trim()));
        }

        if (query.From is { } from)
        {
            q = q.Where(a => a.At >= from.ToUniversalTime());
        }

        if (query.To is { } to)
        {
            q = q.Where(a => a.At < to.ToUniversalTime());
        }

        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        var total = await q.CountAsync(ct);
        var items = await q.OrderByDescending(a => a.Sequence).Skip((page - 1) * pageSize).Take(pageSize)
            .Select(a => new AuditEntryDto(a.Sequence, a.At, a.ActorName, a.Action, a.EntityType, a.EntityId, a.Details))
            .ToListAsync(ct);
        return new Paged<AuditEntryDto>(items.Select(i => i with { At = DateTime.SpecifyKind(i.At, DateTimeKind.Utc) }).ToList(), total, page, pageSize);
    }

    public async Task<AuditVerification> VerifyAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.ScopeOf(Permissions.AuditRead) != DataScope.All)
        {
            throw new Shared.Errors.ForbiddenException(Permissions.AuditRead);
        }

        await AuditChainer.TryChainAllAsync(services, logger, ct);
        return await VerifyChainAsync(db, ct);
    }

    /// <summary>Also used by the "verify-audit" admin verb (which chains pending events first), without a signed-in actor.</summary>
    internal static async Task<AuditVerification> VerifyChainAsync(PlatformDbContext db, CancellationToken ct)
    {
        var (count, broken) = await AuditLog.VerifyAsync(db, ct);
        return broken is null
            ? new AuditVerification(true, count, null, null)
            : new AuditVerification(false, count, broken.Sequence, broken.Reason);
    }
}
