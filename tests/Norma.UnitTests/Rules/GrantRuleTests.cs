using Norma.Rules.Access;

namespace Norma.UnitTests.Rules;

public class GrantRuleTests
{
    private static KeyValuePair<string, DataScope> G(string p, DataScope s) => KeyValuePair.Create(p, s);

    [Fact]
    public void Merge_keeps_the_widest_scope_per_permission()
    {
        var merged = GrantRule.Merge([G("org.read", DataScope.Own), G("org.read", DataScope.UnitSubtree), G("audit.read", DataScope.OwnUnit)]);
        merged.Count.ShouldBe(2);
        merged["org.read"].ShouldBe(DataScope.UnitSubtree);
        merged["audit.read"].ShouldBe(DataScope.OwnUnit);
    }

    [Fact]
    public void An_actor_can_grant_what_it_holds_at_least_as_widely()
    {
        var supervisor = new Dictionary<string, DataScope> { ["org.read"] = DataScope.UnitSubtree, ["org.staff.manage"] = DataScope.UnitSubtree };
        GrantRule.Exceeding(supervisor, [G("org.read", DataScope.Own)]).ShouldBeEmpty();
        GrantRule.Exceeding(supervisor, [G("org.read", DataScope.UnitSubtree)]).ShouldBeEmpty();
    }

    [Fact]
    public void Wider_scopes_and_unheld_permissions_exceed()
    {
        var supervisor = new Dictionary<string, DataScope> { ["org.read"] = DataScope.UnitSubtree };
        GrantRule.Exceeding(supervisor, [G("org.read", DataScope.All), G("org.roles.manage", DataScope.Own), G("org.read", DataScope.OwnUnit)])
            .ShouldBe(["org.read", "org.roles.manage"]);
    }
}
