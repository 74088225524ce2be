namespace Norma.Components.Shared;

/// <summary>Depth-first order of a parent/child list for indented trees. Siblings keep the order they come in.</summary>
public static class TreeWalk
{
    /// <summary>Items whose parent is missing from the list (e.g. outside the actor's scope) are shown as roots.</summary>
    public static IEnumerable<(T Item, int Level)> DepthFirst<T>(IEnumerable<T> items, Func<T, Guid> id, Func<T, Guid?> parent)
    {
        var list = items.ToList();
        var ids = list.Select(id).ToHashSet();
        var children = list.Where(x => parent(x) is { } p && ids.Contains(p)).ToLookup(x => parent(x)!.Value);
        IEnumerable<(T, int)> Walk(T item, int level) => new[] { (item, level) }.Concat(children[id(item)].SelectMany(c => Walk(c, level + 1)));
        return list.Where(x => parent(x) is not { } p || !ids.Contains(p)).SelectMany(r => Walk(r, 0));
    }
}
