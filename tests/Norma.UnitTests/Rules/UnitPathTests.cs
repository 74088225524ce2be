using Norma.Rules.Access;

namespace Norma.UnitTests.Rules;

public class UnitPathTests
{
    [Fact]
    public void Paths_nest_and_count_depth_from_zero()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();
        var root = UnitPath.Root(a);
        var child = UnitPath.Child(root, b);
        root.ShouldBe($"/{a:N}/");
        child.ShouldBe($"/{a:N}/{b:N}/");
        UnitPath.Depth(root).ShouldBe(0);
        UnitPath.Depth(child).ShouldBe(1);
    }

    [Fact]
    public void Rebase_moves_a_descendant_with_its_subtree()
    {
        // Move d (under c) to under s: t below d follows.
        var c = UnitPath.Root(Guid.NewGuid());
        var s = UnitPath.Child(c, Guid.NewGuid());
        var dId = Guid.NewGuid();
        var d = UnitPath.Child(c, dId);
        var t = UnitPath.Child(d, Guid.NewGuid());
        var newD = UnitPath.Child(s, dId);

        var moved = UnitPath.Rebase(t, d, newD);

        moved.ShouldStartWith(newD);
        UnitPath.IsWithin(moved, s).ShouldBeTrue();
        UnitPath.Depth(moved).ShouldBe(3);
    }

    [Fact]
    public void Rebase_refuses_a_path_outside_the_moved_subtree()
    {
        var c = UnitPath.Root(Guid.NewGuid());
        Should.Throw<ArgumentException>(() => UnitPath.Rebase(c, UnitPath.Child(c, Guid.NewGuid()), "/x/"));
    }
}
