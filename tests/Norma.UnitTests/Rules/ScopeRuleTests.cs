using Norma.Rules.Access;

namespace Norma.UnitTests.Rules;

public class ScopeRuleTests
{
    // Company c → department d → team t; sibling department s.
    private static readonly Guid C = Guid.Parse("00000000-0000-0000-0000-00000000000c");
    private static readonly Guid D = Guid.Parse("00000000-0000-0000-0000-00000000000d");
    private static readonly Guid T = Guid.Parse("00000000-0000-0000-0000-00000000000e");
    private static readonly Guid S = Guid.Parse("00000000-0000-0000-0000-00000000000f");
    private static readonly string PathC = UnitPath.Root(C);
    private static readonly string PathD = UnitPath.Child(PathC, D);
    private static readonly string PathT = UnitPath.Child(PathD, T);
    private static readonly string PathS = UnitPath.Child(PathC, S);
    private static readonly Guid Me = Guid.NewGuid();
    private static readonly Guid Colleague = Guid.NewGuid();

    private static readonly ScopeSubject SupervisorOfD = new(Me, D, PathD);

    [Theory]
    [InlineData(DataScope.All, true, true, true, true)]
    [InlineData(DataScope.UnitSubtree, false, true, true, false)]
    [InlineData(DataScope.OwnUnit, false, true, false, false)]
    [InlineData(DataScope.Own, false, false, false, false)]
    public void Scope_reaches_exactly_the_expected_units(DataScope scope, bool company, bool ownUnit, bool childTeam, bool sibling)
    {
        ScopeRule.Reaches(scope, SupervisorOfD, new ScopeTarget(Colleague, C, PathC)).ShouldBe(company);
        ScopeRule.Reaches(scope, SupervisorOfD, new ScopeTarget(Colleague, D, PathD)).ShouldBe(ownUnit);
        ScopeRule.Reaches(scope, SupervisorOfD, new ScopeTarget(Colleague, T, PathT)).ShouldBe(childTeam);
        ScopeRule.Reaches(scope, SupervisorOfD, new ScopeTarget(Colleague, S, PathS)).ShouldBe(sibling);
    }

    [Fact]
    public void Own_scope_reaches_only_records_the_actor_owns_wherever_they_are()
    {
        ScopeRule.Reaches(DataScope.Own, SupervisorOfD, new ScopeTarget(Me, S, PathS)).ShouldBeTrue();
        ScopeRule.Reaches(DataScope.Own, SupervisorOfD, new ScopeTarget(null, D, PathD)).ShouldBeFalse();
    }

    [Fact]
    public void An_account_outside_any_unit_reaches_nothing_by_unit_scopes()
    {
        var homeless = new ScopeSubject(Me, null, null);
        ScopeRule.Reaches(DataScope.UnitSubtree, homeless, new ScopeTarget(null, D, PathD)).ShouldBeFalse();
        ScopeRule.Reaches(DataScope.OwnUnit, homeless, new ScopeTarget(null, null, null)).ShouldBeFalse();
        ScopeRule.Reaches(DataScope.All, homeless, new ScopeTarget(null, D, PathD)).ShouldBeTrue();
    }

    [Fact]
    public void A_unit_whose_id_starts_like_another_is_not_inside_it()
    {
        // Paths end with '/', so "/ab/" is not a prefix of "/abc/".
        var a = UnitPath.Root(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000000"));
        UnitPath.IsWithin("/aaaaaaaa000000000000000000000000x/", a).ShouldBeFalse();
        UnitPath.IsWithin(a, a).ShouldBeTrue();
    }
}
