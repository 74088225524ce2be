namespace Norma.Rules.Access;

/// <summary>
/// Guards against privilege escalation: an actor may hand out a role (or edit a role's grants) only if every
/// permission in it is one the actor holds with at least the same scope.
/// </summary>
public static class GrantRule
{
    public static IReadOnlyList<string> Exceeding(
        IReadOnlyDictionary<string, DataScope> actorGrants,
        IEnumerable<KeyValuePair<string, DataScope>> requested)
    {
        var exceeding = new List<string>();
        foreach (var (permission, scope) in requested)
        {
            if (!actorGrants.TryGetValue(permission, out var held) || held < scope)
            {
                exceeding.Add(permission);
            }
        }

        return exceeding;
    }

    /// <summary>Effective grants of several roles: per permission the widest scope any role gives.</summary>
    public static Dictionary<string, DataScope> Merge(IEnumerable<KeyValuePair<string, DataScope>> grants)
    {
        var merged = new Dictionary<string, DataScope>(StringComparer.Ordinal);
        foreach (var (permission, scope) in grants)
        {
            if (!merged.TryGetValue(permission, out var existing) || existing < scope)
            {
                merged[permission] = scope;
            }
        }

        return merged;
    }
}
