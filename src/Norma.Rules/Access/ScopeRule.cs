namespace Norma.Rules.Access;

/// <summary>Who is asking: the account and the path of the unit it belongs to (null for an account outside any unit).</summary>
public sealed record ScopeSubject(Guid AccountId, Guid? UnitId, string? UnitPath);

/// <summary>What is asked about: its owner (if records have one) and the path of the unit it belongs to.</summary>
public sealed record ScopeTarget(Guid? OwnerId, Guid? UnitId, string? UnitPath);

/// <summary>The one rule deciding whether a scope reaches a record. Query filters in the app express the same rule in SQL.</summary>
public static class ScopeRule
{
    public static bool Reaches(DataScope scope, ScopeSubject subject, ScopeTarget target) => scope switch
    {
        DataScope.All => true,
        DataScope.UnitSubtree => subject.UnitPath is not null && target.UnitPath is not null
                                 && UnitPath.IsWithin(target.UnitPath, subject.UnitPath),
        DataScope.OwnUnit => subject.UnitId is not null && target.UnitId == subject.UnitId,
        DataScope.Own => target.OwnerId == subject.AccountId,
        _ => false,
    };
}
