namespace Norma.Rules.Access;

/// <summary>
/// A unit's materialized path: the ids of its ancestors and itself, each followed by '/', starting with '/'.
/// "/a/b/c/" is unit c under b under a. Subtree tests become prefix tests, which every database indexes.
/// </summary>
public static class UnitPath
{
    public static string Root(Guid unitId) => $"/{unitId:N}/";

    public static string Child(string parentPath, Guid unitId) => $"{parentPath}{unitId:N}/";

    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);

    /// <summary>0 for a top-level unit, 1 for its children, …</summary>
    public static int Depth(string path) => path.Count(c => c == '/') - 2;

    /// <summary>Rewrites a descendant's path after its subtree root moved from oldRoot to newRoot.</summary>
    public static string Rebase(string path, string oldRootPath, string newRootPath)
    {
        if (!IsWithin(path, oldRootPath))
        {
            throw new ArgumentException($"'{path}' is not within '{oldRootPath}'.", nameof(path));
        }

        return string.Concat(newRootPath, path.AsSpan(oldRootPath.Length));
    }
}
