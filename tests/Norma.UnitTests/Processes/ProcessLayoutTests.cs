using System.Xml.Linq;
using Norma.Rules.Calendars;
using Norma.Rules.Processes;
using static Norma.UnitTests.Processes.ProcessBuilder;

namespace Norma.UnitTests.Processes;

public class ProcessLayoutTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // 受理 → three approvals in parallel → 出证 (join) → 送达; the first approval may return to 受理.
    private static ProcessDefinition OneWindow() => Flow(
        Step("accept", "a1", "a2", "a3"),
        Step("a1", "issue") with { Options = new StepOptions(AllowReturn: true, ReturnTo: ["accept"]) },
        Step("a2", "issue"),
        Step("a3", "issue"),
        Join("issue", "deliver"),
        Step("deliver"));

    // Branch x has two steps, branch y one: y's edge to the join spans two layers.
    private static ProcessDefinition Uneven() => Flow(
        Step("start", "x", "y"),
        Step("x", "x1", "x2"),
        Step("x1", "xj"),
        Step("x2", "xj"),
        Join("xj", "end"),
        Step("y", "end"),
        Join("end"));

    private static LayoutNode Node(ProcessLayoutResult layout, string key) => layout.Nodes.Single(n => n.Key == key);

    [Fact]
    public void Parallel_branches_share_a_layer_in_different_lanes()
    {
        var layout = ProcessLayout.Compute(OneWindow());
        List<string> keys = ["a1", "a2", "a3"];
        var approvals = keys.Select(k => Node(layout, k)).ToList();
        approvals.Select(n => n.Layer).ShouldBe([1, 1, 1]);
        approvals.Select(n => n.Lane).ShouldBe([0, 1, 2]);
        approvals.Select(n => n.Y).Distinct().Count().ShouldBe(1);
        approvals.Select(n => n.X).ShouldBeInOrder(SortDirection.Ascending);
        Node(layout, "accept").Layer.ShouldBe(0);
        Node(layout, "issue").Layer.ShouldBe(2);
        Node(layout, "issue").Lane.ShouldBe(0);
        Node(layout, "deliver").Layer.ShouldBe(3);
        layout.LayerCount.ShouldBe(4);
        layout.LaneCount.ShouldBe(3);
    }

    [Fact]
    public void Layer_is_the_longest_path_from_the_start()
    {
        var layout = ProcessLayout.Compute(Uneven());
        List<string> keys = ["start", "x", "y", "x1", "x2", "xj", "end"];
        keys.Select(k => Node(layout, k).Layer).ShouldBe([0, 1, 1, 2, 2, 3, 4]);
    }

    [Theory]
    [MemberData(nameof(Flows))]
    public void Next_edges_point_down_boxes_do_not_overlap_and_no_edge_crosses_a_box(string name, ProcessDefinition flow)
    {
        var layout = ProcessLayout.Compute(flow);
        layout.Nodes.Count.ShouldBe(flow.Steps.Count, name);
        foreach (var edge in layout.Edges.Where(e => e.Kind == LayoutEdgeKind.Next))
        {
            Node(layout, edge.To).Layer.ShouldBeGreaterThan(Node(layout, edge.From).Layer, name);
            edge.Points[0].ShouldBe(new LayoutPoint(Node(layout, edge.From).CenterX, Node(layout, edge.From).Bottom));
            edge.Points[^1].ShouldBe(new LayoutPoint(Node(layout, edge.To).CenterX, Node(layout, edge.To).Y));
            foreach (var (a, b) in edge.Points.Zip(edge.Points.Skip(1)))
            {
                (a.X == b.X || a.Y == b.Y).ShouldBeTrue("edges are orthogonal");
                foreach (var box in layout.Nodes.Where(n => n.Key != edge.From && n.Key != edge.To))
                {
                    Crosses(a, b, box).ShouldBeFalse($"{name}: {edge.From}→{edge.To} crosses {box.Key}");
                }
            }
        }

        layout.Nodes.Select(n => (n.Layer, n.Lane)).Distinct().Count().ShouldBe(layout.Nodes.Count);
        foreach (var n in layout.Nodes)
        {
            (n.X + n.Width).ShouldBeLessThanOrEqualTo(layout.Width);
            n.Bottom.ShouldBeLessThanOrEqualTo(layout.Height);
        }
    }

    public static TheoryData<string, ProcessDefinition> Flows() => new()
    {
        { "one-window", OneWindow() },
        { "uneven", Uneven() },
        { "chain-40", Flow([.. Enumerable.Range(0, 40).Select(i => Step($"s{i}", i < 39 ? [$"s{i + 1}"] : []))]) },
        { "wide", Flow([Step("a", [.. Enumerable.Range(0, 10).Select(i => $"b{i}")]), .. Enumerable.Range(0, 10).Select(i => Step($"b{i}", i % 2 == 0 ? ["c"] : [$"b{i}x"])), .. Enumerable.Range(0, 10).Where(i => i % 2 == 1).Select(i => Step($"b{i}x", "c")), Join("c")]) },
        { "shortcut", Flow(Step("a", "b", "d"), Step("b", "c"), Step("c", "d"), Join("d")) },
    };

    [Fact]
    public void Returns_are_dashed_edges_up_a_channel_right_of_the_chart()
    {
        var layout = ProcessLayout.Compute(OneWindow());
        var ret = layout.Edges.Single(e => e.Kind == LayoutEdgeKind.Return);
        (ret.From, ret.To).ShouldBe(("a1", "accept"));
        var right = layout.Nodes.Max(n => n.X + n.Width);
        ret.Points.Max(p => p.X).ShouldBeGreaterThan(right);
        ret.Points[^1].Y.ShouldBe(Node(layout, "accept").Y);
        layout.Edges.Count(e => e.Kind == LayoutEdgeKind.Next).ShouldBe(7);
    }

    [Fact]
    public void Broken_definitions_are_laid_out_too()
    {
        ProcessLayout.Compute(Flow()).Nodes.ShouldBeEmpty();
        var cyclic = ProcessLayout.Compute(Flow(Step("a", "b"), Step("b", "c", "zz"), Step("c", "a", "a"), Step("a")));
        cyclic.Nodes.Count.ShouldBe(4);
        cyclic.Edges.Single(e => e.Kind == LayoutEdgeKind.Back).To.ShouldBe("a");
        ProcessLayout.ToSvg(Flow(Step("a", "b"), Step("b", "a")), ProcessLayout.Compute(Flow(Step("a", "b"), Step("b", "a")))).ShouldContain("edge-back");
    }

    [Fact]
    public void The_svg_is_well_formed_escaped_and_shows_name_assignee_limit_and_markers()
    {
        var flow = Flow(
            Step("a", "b") with { Name = "受理 <&> \"甲\" 'x'\u0001" },
            Step("b") with
            {
                Name = "统一出证并送达申请人所在单位,这个名称很长很长需要截短",
                Assignee = new StepAssignee(AssigneeKind.Unit, "CSC-WIN"),
                TimeLimit = new TimeLimit(3, LimitUnit.Days, TimeBasis.Working),
                Options = new StepOptions(AllowReturn: true, ReturnTo: ["a"], AllowReject: true, CompletionNotice: true),
            });
        var svg = ProcessLayout.ToSvg(flow, ProcessLayout.Compute(flow), a => a.Code == "CSC-WIN" ? "服务窗口" : a.Code);
        svg.ShouldContain("受理 &lt;&amp;&gt; &quot;甲&quot; &apos;x&apos;");

        var doc = XDocument.Parse(svg);
        var root = doc.Root.ShouldNotBeNull();
        root.Name.ShouldBe(Svg + "svg");
        var groups = root.Elements(Svg + "g").Where(g => (string?)g.Attribute("class") == "step").ToList();
        groups.Count.ShouldBe(2);
        var first = groups[0].Elements(Svg + "text").Select(t => t.Value).ToList();
        first[0].ShouldBe("受理 <&> \"甲\" 'x' ");
        first[1].ShouldBe("FrontDesk");
        first[2].ShouldBe("时限 1个工作日");
        var second = groups[1].Elements(Svg + "text").Select(t => t.Value).ToList();
        second[0].ShouldEndWith("…");
        groups[1].Element(Svg + "title")!.Value.ShouldBe("统一出证并送达申请人所在单位,这个名称很长很长需要截短");
        second[1].ShouldBe("服务窗口");
        second[2].ShouldBe("时限 3个工作日");
        second[3].ShouldBe("可退回 · 否定报备 · 办结告知");
        root.Descendants(Svg + "polyline").Count(p => p.Attribute("stroke-dasharray") is not null).ShouldBe(1);
    }

    [Fact]
    public void Default_labels_show_codes_and_limits_read_in_chinese()
    {
        ProcessText.Assignee(new StepAssignee(AssigneeKind.Role, "FrontDesk")).ShouldBe("角色 FrontDesk");
        ProcessText.Assignee(new StepAssignee(AssigneeKind.Unit, "ENG-R1")).ShouldBe("部门 ENG-R1");
        ProcessText.Limit(new TimeLimit(30, LimitUnit.Minutes, TimeBasis.Working)).ShouldBe("30工作分钟");
        ProcessText.Limit(new TimeLimit(8, LimitUnit.Hours, TimeBasis.Working)).ShouldBe("8工作小时");
        ProcessText.Limit(new TimeLimit(2, LimitUnit.Hours, TimeBasis.Natural)).ShouldBe("2小时");
        ProcessText.Limit(new TimeLimit(3, LimitUnit.Days, TimeBasis.Natural)).ShouldBe("3天");
    }

    /// <summary>Whether an axis-parallel segment runs through the inside of a box.</summary>
    private static bool Crosses(LayoutPoint a, LayoutPoint b, LayoutNode box)
    {
        var (x1, x2) = (Math.Min(a.X, b.X), Math.Max(a.X, b.X));
        var (y1, y2) = (Math.Min(a.Y, b.Y), Math.Max(a.Y, b.Y));
        return x1 < box.X + box.Width && x2 > box.X && y1 < box.Bottom && y2 > box.Y;
    }
}
