using Norma.Modules.Cases.Features.Escalations;
using Norma.Modules.Organization.Contracts;

namespace Norma.UnitTests.Cases;

/// <summary>督办 targets up a small tree: company → 工程部 → 维修一班.</summary>
public sealed class EscalationTargetTests
{
    private static readonly Guid Company = Guid.NewGuid(), Eng = Guid.NewGuid(), Team = Guid.NewGuid();
    private static readonly StaffInfo Boss = new(Guid.NewGuid(), "boss", "总经理", Company, ["Executive"]);
    private static readonly StaffInfo Vice = new(Guid.NewGuid(), "vice", "副总", Company, ["Executive"]);
    private static readonly StaffInfo Chief = new(Guid.NewGuid(), "chief", "部长", Eng, ["Supervisor"]);
    private static readonly StaffInfo Lead = new(Guid.NewGuid(), "lead", "班长", Team, ["Supervisor"]);

    private static List<UnitInfo> Units(Guid? engOverseer) =>
    [
        new(Company, null, "C", "公司", "/c/"),
        new(Eng, Company, "ENG", "工程部", "/c/eng/", engOverseer),
        new(Team, Eng, "ENG-R1", "维修一班", "/c/eng/r1/"),
    ];

    [Fact]
    public void Level_two_is_the_supervisors_above_the_level_one_unit_when_there_are_any()
    {
        var target = EscalationTargets.Resolve(2, Team, Units(Vice.Id), [Boss, Vice, Chief, Lead]);
        (target.UnitId, target.People.ShouldHaveSingleItem().UserName).ShouldBe((Eng, "chief"));
    }

    [Fact]
    public void Without_supervisors_above_level_two_is_the_overseer_of_the_nearest_unit_that_names_one()
    {
        var target = EscalationTargets.Resolve(2, Team, Units(Vice.Id), [Boss, Vice, Chief]);   // level 1: 部长 of 工程部
        (target.UnitId, target.People.ShouldHaveSingleItem().UserName).ShouldBe((Eng, "vice"));
    }

    [Fact]
    public void Without_an_overseer_or_when_the_overseer_is_no_longer_staff_level_two_is_every_executive()
    {
        EscalationTargets.Resolve(2, Team, Units(null), [Boss, Vice, Chief]).People.Select(p => p.UserName).ShouldBe(["boss", "vice"]);
        EscalationTargets.Resolve(2, Team, Units(Guid.NewGuid()), [Boss, Vice, Chief]).People.Select(p => p.UserName).ShouldBe(["boss", "vice"]);
    }
}
