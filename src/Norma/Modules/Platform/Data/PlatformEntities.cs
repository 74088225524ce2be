namespace Norma.Modules.Platform.Data;

/// <summary>One link of the append-only, hash-chained audit log. Never updated or deleted by the application.</summary>
public sealed class AuditEntry
{
    public long Sequence { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }

    /// <summary>JSON of what changed; values of secrets and personal data are replaced by "***".</summary>
    public string Details { get; set; } = "{}";
    public string PreviousHash { get; set; } = "";
    public string Hash { get; set; } = "";
}

/// <summary>
/// An audit event written in the transaction of its change but not yet in the hash chain: appenders never wait for
/// one another; <see cref="Audit.AuditChainer"/> moves these rows into <see cref="AuditEntry"/> in order, shortly after.
/// </summary>
public sealed class PendingAuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string Details { get; set; } = "{}";
}

/// <summary>A personal API token. Only its SHA-256 is stored; the token itself is shown once at creation.</summary>
public sealed class ApiToken
{
    public Guid Id { get; set; }
    public Guid AccountId { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the token, to recognise it in a list.</summary>
    public string Prefix { get; set; } = "";
    public string TokenHash { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
}
