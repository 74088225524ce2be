using Norma.Rules.Standards;

namespace Norma.UnitTests.Standards;

public class ClauseTests
{
    private const string Body = """
        前言文字不是条款。
        ## 1 范围
        本标准规定了投诉处理。
        ## 4 处理时限
        ### 4.1 受理
        投诉应当场登记。
        ### 4.2. 答复
        投诉应在 48 小时内答复。
        第二段。
        ## 附录
        表格
        """;

    [Fact]
    public void Headings_become_numbered_clauses_with_their_text()
    {
        var clauses = Clauses.Parse(Body);
        clauses.Select(c => c.Number).ShouldBe(["1", "4", "4.1", "4.2", "5"]);
        clauses.Select(c => c.Heading).ShouldBe(["范围", "处理时限", "受理", "答复", "附录"]);
        clauses[3].Text.ShouldBe("投诉应在 48 小时内答复。\n第二段。");
        clauses[2].Level.ShouldBe(3);
        clauses[1].Text.ShouldBe("");
        clauses[3].Anchor.ShouldBe("clause-4-2");
    }

    [Fact]
    public void Empty_text_has_no_clauses() => Clauses.Parse(null).ShouldBeEmpty();
}

public class TextDiffTests
{
    [Fact]
    public void Changed_lines_show_as_removed_then_added_between_unchanged_ones()
    {
        var diff = TextDiff.Lines("a\nb\nc\nd", "a\nB\nc\nd\ne");
        diff.ShouldBe(
        [
            new DiffLine(DiffKind.Same, "a"),
            new DiffLine(DiffKind.Removed, "b"),
            new DiffLine(DiffKind.Added, "B"),
            new DiffLine(DiffKind.Same, "c"),
            new DiffLine(DiffKind.Same, "d"),
            new DiffLine(DiffKind.Added, "e"),
        ]);
    }

    [Fact]
    public void Identical_texts_and_empty_sides()
    {
        TextDiff.Lines("x\ny", "x\ny").ShouldAllBe(l => l.Kind == DiffKind.Same);
        TextDiff.Lines("", "new").ShouldBe([new DiffLine(DiffKind.Added, "new")]);
        TextDiff.Lines("old", null).ShouldBe([new DiffLine(DiffKind.Removed, "old")]);
    }

    [Fact]
    public void Applying_the_diff_gives_back_both_texts()
    {
        const string before = "## 4 时限\n投诉应在 48 小时内答复。\n回访在 3 天内完成。\n结束";
        const string after = "## 4 时限\n投诉应在 24 小时内答复。\n结束\n附录";
        var diff = TextDiff.Lines(before, after);
        string.Join('\n', diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text)).ShouldBe(before);
        string.Join('\n', diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text)).ShouldBe(after);
    }
}
