namespace Norma.Rules.Processes;

/// <summary>
/// The "next" edges of a definition by step index, tolerant of broken definitions: a key that occurs twice
/// resolves to its first step, unknown next keys and self-loops are left out, a repeated next key counts once.
/// </summary>
public sealed class ProcessGraph
{
    private readonly Dictionary<string, int> indexByKey = new(StringComparer.Ordinal);

    public ProcessGraph(ProcessDefinition definition)
    {
        Steps = definition.Steps ?? [];
        var count = Steps.Count;
        for (var i = 0; i < count; i++)
        {
            if (Steps[i]?.Key is { } key)
            {
                indexByKey.TryAdd(key, i);
            }
        }

        var next = new List<int>[count];
        var previous = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            next[i] = [];
            previous[i] = [];
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var key in Steps[i]?.Next ?? [])
            {
                if (key is not null && indexByKey.TryGetValue(key, out var to) && to != i && !next[i].Contains(to))
                {
                    next[i].Add(to);
                    previous[to].Add(i);
                }
            }
        }

        Next = next;
        Previous = previous;
    }

    public IReadOnlyList<ProcessStep> Steps { get; }

    /// <summary>Per step index, the indexes of its next steps (in the step's order).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Next { get; }

    /// <summary>Per step index, the indexes of the steps leading to it (in definition order).</summary>
    public IReadOnlyList<IReadOnlyList<int>> Previous { get; }

    public int IndexOf(string key) => indexByKey.TryGetValue(key, out var i) ? i : -1;

    /// <summary>The steps reachable from <paramref name="from"/> by next edges, including itself.</summary>
    public bool[] ReachableFrom(int from)
    {
        var seen = new bool[Steps.Count];
        if (from < 0 || from >= Steps.Count)
        {
            return seen;
        }

        var stack = new Stack<int>();
        stack.Push(from);
        seen[from] = true;
        while (stack.Count > 0)
        {
            foreach (var n in Next[stack.Pop()])
            {
                if (!seen[n])
                {
                    seen[n] = true;
                    stack.Push(n);
                }
            }
        }

        return seen;
    }

    /// <summary>
    /// The strongly connected components with more than one step (the cycles), each as step indexes in
    /// definition order, ordered by their first step. Iterative, so deep chains cannot overflow the stack.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> Cycles()
    {
        var count = Steps.Count;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<IReadOnlyList<int>>();
        var counter = 0;
        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
            {
                continue;
            }

            var work = new Stack<(int Node, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge < Next[node].Count)
                {
                    work.Push((node, edge + 1));
                    var to = Next[node][edge];
                    if (index[to] < 0)
                    {
                        index[to] = low[to] = counter++;
                        stack.Push(to);
                        onStack[to] = true;
                        work.Push((to, 0));
                    }
                    else if (onStack[to])
                    {
                        low[node] = Math.Min(low[node], index[to]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] == index[node])
                {
                    var component = new List<int>();
                    int member;
                    do
                    {
                        member = stack.Pop();
                        onStack[member] = false;
                        component.Add(member);
                    }
                    while (member != node);

                    if (component.Count > 1)
                    {
                        component.Sort();
                        result.Add(component);
                    }
                }
            }
        }

        result.Sort((a, b) => a[0].CompareTo(b[0]));
        return result;
    }
}
