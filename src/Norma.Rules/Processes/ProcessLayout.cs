using System.Text;

namespace Norma.Rules.Processes;

/// <summary>Sizes (in SVG user units, i.e. CSS pixels) for <see cref="ProcessLayout.Compute"/>.</summary>
public sealed record ProcessLayoutOptions(int BoxWidth = 220, int BoxHeight = 84, int LayerGap = 56, int LaneGap = 40, int Margin = 24)
{
    public static ProcessLayoutOptions Default { get; } = new();
}

/// <summary>
/// A step's box. <see cref="Layer"/> (the chart's "column" in a left-to-right reading; drawn top to bottom here) is
/// the longest path from a start step; <see cref="Lane"/> (the "row") puts parallel steps side by side.
/// </summary>
public sealed record LayoutNode(string Key, int StepIndex, int Layer, int Lane, int X, int Y, int Width, int Height)
{
    public int CenterX => X + (Width / 2);

    public int Bottom => Y + Height;
}

public enum LayoutEdgeKind
{
    /// <summary>A "next" edge, drawn solid downwards.</summary>
    Next = 1,

    /// <summary>A return (退回) allowed by <see cref="StepOptions.ReturnTo"/>, drawn dashed up the right-hand side.</summary>
    Return = 2,

    /// <summary>A "next" edge that closes a cycle (only in invalid definitions), drawn like a return but solid.</summary>
    Back = 3,
}

public readonly record struct LayoutPoint(int X, int Y);

/// <summary>An edge as an orthogonal polyline from the source box to the target box (the arrow head is at the end).</summary>
public sealed record LayoutEdge(string From, string To, LayoutEdgeKind Kind, IReadOnlyList<LayoutPoint> Points);

public sealed record ProcessLayoutResult(
    IReadOnlyList<LayoutNode> Nodes,
    IReadOnlyList<LayoutEdge> Edges,
    int Width,
    int Height,
    int LayerCount,
    int LaneCount);

/// <summary>
/// A layered layout of a process for a flow chart (流程图), top to bottom. Pure and deterministic, and total: it lays
/// out broken definitions too (unknown next keys are skipped, edges closing a cycle become <see cref="LayoutEdgeKind.Back"/>).
/// <list type="number">
/// <item>Layer = the longest path from a step without predecessors, so every next edge points to a later layer.</item>
/// <item>An edge that spans several layers gets a placeholder in each layer it crosses, so it keeps a lane of its own
/// and never runs through a box.</item>
/// <item>Lanes are given layer by layer: a step keeps its predecessor's lane, the i-th branch of a split asks for
/// the split's lane + i, a join asks for its leftmost branch's lane; collisions push to the right.</item>
/// <item>Next edges leave a box at the bottom centre and enter at the top centre, turning in the gaps between
/// layers; returns run up a channel to the right of the chart.</item>
/// </list>
/// </summary>
public static class ProcessLayout
{
    public static ProcessLayoutResult Compute(ProcessDefinition definition, ProcessLayoutOptions? options = null)
    {
        var o = options ?? ProcessLayoutOptions.Default;
        var graph = new ProcessGraph(definition);
        var steps = graph.Steps;
        var count = steps.Count;
        if (count == 0)
        {
            return new ProcessLayoutResult([], [], 2 * o.Margin, 2 * o.Margin, 0, 0);
        }

        var (forward, back) = SplitBackEdges(graph);
        var layer = Layers(count, forward);

        // Items per layer: steps (index < count) and placeholders for long edges (index >= count), linked hop by hop
        // in each step's written next order.
        var itemLayer = new List<int>(layer);
        var itemPrevious = new List<List<int>>();
        var itemNext = new List<List<int>>();
        var chains = new Dictionary<(int From, int To), List<int>>();
        for (var i = 0; i < count; i++)
        {
            itemPrevious.Add([]);
            itemNext.Add([]);
        }

        for (var from = 0; from < count; from++)
        {
            foreach (var to in forward[from])
            {
                var chain = new List<int>();
                var previous = from;
                for (var l = layer[from] + 1; l <= layer[to]; l++)
                {
                    var hop = to;
                    if (l < layer[to])
                    {
                        hop = itemLayer.Count;
                        itemLayer.Add(l);
                        itemPrevious.Add([]);
                        itemNext.Add([]);
                        chain.Add(hop);
                    }

                    itemNext[previous].Add(hop);
                    itemPrevious[hop].Add(previous);
                    previous = hop;
                }

                chains[(from, to)] = chain;
            }
        }

        var lane = AssignLanes(itemLayer, itemPrevious, itemNext, out var laneCount);
        var layerCount = layer.Max() + 1;

        int X(int l) => o.Margin + (l * (o.BoxWidth + o.LaneGap));
        int Y(int l) => o.Margin + (l * (o.BoxHeight + o.LayerGap));
        var nodes = new List<LayoutNode>(count);
        for (var i = 0; i < count; i++)
        {
            nodes.Add(new LayoutNode(steps[i].Key ?? "", i, layer[i], lane[i], X(lane[i]), Y(layer[i]), o.BoxWidth, o.BoxHeight));
        }

        var chartRight = X(laneCount) - o.LaneGap;
        var edges = new List<LayoutEdge>();
        for (var from = 0; from < count; from++)
        {
            foreach (var to in forward[from])
            {
                var points = new List<LayoutPoint> { new(nodes[from].CenterX, nodes[from].Bottom) };
                foreach (var via in chains[(from, to)].Append(to))
                {
                    var x = X(lane[via]) + (o.BoxWidth / 2);
                    var turnY = Y(itemLayer[via]) - (o.LayerGap / 2);
                    if (x != points[^1].X)
                    {
                        points.Add(new(points[^1].X, turnY));
                        points.Add(new(x, turnY));
                    }
                }

                points.Add(new(nodes[to].CenterX, nodes[to].Y));
                edges.Add(new LayoutEdge(nodes[from].Key, nodes[to].Key, LayoutEdgeKind.Next, points));
            }
        }

        // Returns and back edges: down out of the source's bottom right, along the gap below it to a channel of their
        // own right of the chart, up, and along the gap above the target into its top right.
        var upward = new List<(int From, int To, LayoutEdgeKind Kind)>();
        for (var from = 0; from < count; from++)
        {
            upward.AddRange(back[from].Select(to => (from, to, LayoutEdgeKind.Back)));
            foreach (var target in steps[from].Options?.ReturnTo ?? [])
            {
                var to = target is null ? -1 : graph.IndexOf(target);
                if (to >= 0 && to != from)
                {
                    upward.Add((from, to, LayoutEdgeKind.Return));
                }
            }
        }

        for (var k = 0; k < upward.Count; k++)
        {
            var (from, to, kind) = upward[k];
            var s = nodes[from];
            var t = nodes[to];
            var channel = chartRight + 16 + (k * 10);
            var below = s.Bottom + 8 + (k % 3 * 5);
            var above = t.Y - 8 - (k % 3 * 5);
            var sx = s.X + s.Width - 16 - (k % 3 * 6);
            var tx = t.X + t.Width - 16 - (k % 3 * 6);
            edges.Add(new LayoutEdge(s.Key, t.Key, kind, [new(sx, s.Bottom), new(sx, below), new(channel, below), new(channel, above), new(tx, above), new(tx, t.Y)]));
        }

        var width = Math.Max(chartRight + o.Margin, chartRight + 16 + (upward.Count * 10) + o.Margin);
        var height = Y(layerCount) - o.LayerGap + o.Margin;
        return new ProcessLayoutResult(nodes, edges, width, height, layerCount, laneCount);
    }

    /// <summary>
    /// A standalone SVG flow chart: a box per step with its name, assignee, time limit and markers (汇合, 否定报备 …),
    /// arrows for next edges and dashed arrows for returns. All text is XML-escaped; long text is shortened with "…"
    /// (the full name is the box's tooltip). <paramref name="assigneeLabel"/> turns role keys and unit codes into
    /// display names; by default the codes are shown.
    /// </summary>
    public static string ToSvg(ProcessDefinition definition, ProcessLayoutResult layout, Func<StepAssignee, string>? assigneeLabel = null)
    {
        var steps = definition.Steps ?? [];
        var describe = assigneeLabel ?? ProcessText.Assignee;
        var svg = new StringBuilder();
        svg.Append($"""<svg xmlns="http://www.w3.org/2000/svg" width="{layout.Width}" height="{layout.Height}" viewBox="0 0 {layout.Width} {layout.Height}" font-family="'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif" font-size="12">""").Append('\n');
        svg.Append("<title>流程图</title>\n");
        svg.Append("<defs>");
        svg.Append("""<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#4a5568"/></marker>""");
        svg.Append("""<marker id="arrow-return" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#c05621"/></marker>""");
        svg.Append("</defs>\n");
        svg.Append($"""<rect width="{layout.Width}" height="{layout.Height}" fill="#ffffff"/>""").Append('\n');

        svg.Append("<g class=\"edges\" fill=\"none\" stroke-width=\"1.5\">\n");
        foreach (var edge in layout.Edges)
        {
            var points = string.Join(" ", edge.Points.Select(p => $"{p.X},{p.Y}"));
            var style = edge.Kind switch
            {
                LayoutEdgeKind.Return => """stroke="#c05621" stroke-dasharray="6 4" marker-end="url(#arrow-return)" """,
                LayoutEdgeKind.Back => """stroke="#c53030" marker-end="url(#arrow-return)" """,
                _ => """stroke="#4a5568" marker-end="url(#arrow)" """,
            };
            svg.Append($"""<polyline class="edge-{edge.Kind.ToString().ToLowerInvariant()}" points="{points}" {style}/>""").Append('\n');
        }

        svg.Append("</g>\n");

        foreach (var node in layout.Nodes)
        {
            if (node.StepIndex >= steps.Count)
            {
                continue;
            }

            var step = steps[node.StepIndex];
            var isStart = node.StepIndex == 0;
            var isEnd = step.Next is not { Count: > 0 };
            var textWidth = node.Width - 16;
            var x = node.X + 8;
            svg.Append($"""<g class="step" data-key="{Escape(node.Key)}">""");
            svg.Append($"<title>{Escape(step.Name ?? "")}</title>");
            svg.Append($"""<rect x="{node.X}" y="{node.Y}" width="{node.Width}" height="{node.Height}" rx="6" fill="{(step.Join ? "#ebf8ff" : "#f7fafc")}" stroke="{(isStart || isEnd ? "#2b6cb0" : "#718096")}" stroke-width="{(isStart || isEnd ? 2.5 : 1.2)}"/>""");
            var lines = new List<(string Text, string Attributes)>
            {
                (step.Name ?? "", """font-size="14" font-weight="bold" fill="#1a202c" """),
                (step.Assignee is null ? "未指定办理人" : describe(step.Assignee), """fill="#2d3748" """),
                (step.TimeLimit is { } limit ? "时限 " + ProcessText.Limit(limit) : "不限时", """fill="#2d3748" """),
            };
            var markers = ProcessText.Markers(step);
            if (markers.Count > 0)
            {
                lines.Add((string.Join(" · ", markers), """fill="#c05621" """));
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var (text, attributes) = lines[i];
                var size = i == 0 ? 14 : 12;
                svg.Append($"""<text x="{x}" y="{node.Y + 20 + (i * 19)}" {attributes}>{Escape(Fit(text, textWidth, size))}</text>""");
            }

            svg.Append("</g>\n");
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>Next edges that keep the graph acyclic, and those that close a cycle (found by depth-first search from the first step).</summary>
    private static (List<int>[] Forward, List<int>[] Back) SplitBackEdges(ProcessGraph graph)
    {
        var count = graph.Steps.Count;
        var forward = new List<int>[count];
        var back = new List<int>[count];
        for (var i = 0; i < count; i++)
        {
            forward[i] = [];
            back[i] = [];
        }

        var state = new int[count]; // 0 new, 1 on the stack, 2 done
        for (var root = 0; root < count; root++)
        {
            if (state[root] != 0)
            {
                continue;
            }

            var work = new Stack<(int Node, int Edge)>();
            work.Push((root, 0));
            state[root] = 1;
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                if (edge >= graph.Next[node].Count)
                {
                    state[node] = 2;
                    continue;
                }

                work.Push((node, edge + 1));
                var to = graph.Next[node][edge];
                if (state[to] == 1)
                {
                    back[node].Add(to);
                    continue;
                }

                forward[node].Add(to);
                if (state[to] == 0)
                {
                    state[to] = 1;
                    work.Push((to, 0));
                }
            }
        }

        // Keep each step's next order as written.
        for (var i = 0; i < count; i++)
        {
            var order = graph.Next[i];
            forward[i].Sort((a, b) => IndexIn(order, a).CompareTo(IndexIn(order, b)));
        }

        return (forward, back);
    }

    private static int IndexIn(IReadOnlyList<int> list, int value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Longest path from any step without (forward) predecessors, in topological order.</summary>
    private static int[] Layers(int count, List<int>[] forward)
    {
        var inDegree = new int[count];
        foreach (var next in forward)
        {
            foreach (var to in next)
            {
                inDegree[to]++;
            }
        }

        var layer = new int[count];
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (inDegree[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        while (ready.TryDequeue(out var node, out _))
        {
            foreach (var to in forward[node])
            {
                layer[to] = Math.Max(layer[to], layer[node] + 1);
                if (--inDegree[to] == 0)
                {
                    ready.Enqueue(to, to);
                }
            }
        }

        return layer;
    }

    private static int[] AssignLanes(List<int> itemLayer, List<List<int>> previous, List<List<int>> next, out int laneCount)
    {
        var lane = new int[itemLayer.Count];
        var byLayer = Enumerable.Range(0, itemLayer.Count).GroupBy(i => itemLayer[i]).OrderBy(g => g.Key);
        laneCount = 1;
        foreach (var group in byLayer)
        {
            var wishes = group.Select(i => (Item: i, Wish: Wish(i))).OrderBy(w => w.Wish).ThenBy(w => w.Item).ToList();
            var last = -1;
            foreach (var (item, wish) in wishes)
            {
                lane[item] = Math.Max(wish, last + 1);
                last = lane[item];
            }

            laneCount = Math.Max(laneCount, last + 1);
        }

        return lane;

        int Wish(int item)
        {
            var from = previous[item];
            if (from.Count == 0)
            {
                return 0;
            }

            if (from.Count > 1)
            {
                return from.Min(p => lane[p]);
            }

            var parent = from[0];
            return lane[parent] + Math.Max(0, next[parent].IndexOf(item));
        }
    }

    /// <summary>Shortens text to about <paramref name="width"/> units: CJK characters count one font size, others about 0.6.</summary>
    private static string Fit(string text, int width, int fontSize)
    {
        double used = 0;
        for (var i = 0; i < text.Length; i++)
        {
            used += (text[i] < 0x2E80 ? 0.6 : 1.0) * fontSize;
            if (used > width - fontSize)
            {
                var rest = text[(i + 1)..].Sum(c => (c < 0x2E80 ? 0.6 : 1.0) * fontSize);
                if (used + rest <= width)
                {
                    return text;
                }

                return text[..i] + "…";
            }
        }

        return text;
    }

    /// <summary>XML-escapes text for element content and attribute values, dropping characters XML cannot hold.</summary>
    private static string Escape(string text)
    {
        var s = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '<': s.Append("&lt;"); break;
                case '>': s.Append("&gt;"); break;
                case '&': s.Append("&amp;"); break;
                case '"': s.Append("&quot;"); break;
                case '\'': s.Append("&apos;"); break;
                case < ' ' and not ('\t' or '\n' or '\r'):
                case '\uFFFE' or '\uFFFF':
                    s.Append(' ');
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        s.Append(c).Append(text[++i]);
                    }
                    else
                    {
                        s.Append(char.IsSurrogate(c) ? ' ' : c);
                    }

                    break;
            }
        }

        return s.ToString();
    }
}
