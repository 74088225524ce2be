namespace Norma.Modules.Platform.Audit;

/// <summary>Who an audit entry is attributed to.</summary>
public sealed record AuditActor(Guid? AccountId, string Name)
{
    public static readonly AuditActor System = new(null, "system");
}

/// <summary>Something to write to the audit log. Details is a JSON object without secrets or raw personal data.</summary>
public sealed record AuditEvent(string Action, string EntityType, string? EntityId, string Details = "{}");
