using Norma.Modules.Organization.Domain;
using Norma.Modules.Platform.Setup;
using Norma.Rules.Access;
using Norma.Shared;
using Norma.Shared.Access;

namespace Norma.UnitTests.Platform;

public class PiiTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0571-8888", "05*****88")]
    [InlineData("8765432", "8*****2")]            // a 7-digit landline: never shown whole
    [InlineData("87654321", "87****21")]
    [InlineData("12345", "***45")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Phones_are_masked(string? phone, string? expected) => Pii.MaskPhone(phone).ShouldBe(expected);

    [Theory]
    [InlineData("zhang.san@example.com", "z***@example.com")]
    [InlineData("nobody", "***")]
    public void Emails_are_masked(string email, string expected) => Pii.MaskEmail(email).ShouldBe(expected);
}

public class AdminCliTests
{
    [Fact]
    public void No_verb_serves_and_passes_host_options_through()
    {
        var cli = AdminCli.Parse(["--urls", "http://127.0.0.1:6000"]);
        cli.Verb.ShouldBe(AdminVerb.Serve);
        cli.HostArgs.ShouldBe(["--urls", "http://127.0.0.1:6000"]);
    }

    [Fact]
    public void Create_admin_takes_its_own_options_and_requires_user_and_name()
    {
        var cli = AdminCli.Parse(["create-admin", "--user", "boss", "--name", "老板", "--password", "secret1234x"]);
        cli.Verb.ShouldBe(AdminVerb.CreateAdmin);
        cli.HostArgs.ShouldBeEmpty();
        AdminCli.Parse(["create-admin", "--user", "boss"]).Verb.ShouldBe(AdminVerb.Unknown);
    }

    [Fact]
    public void Unknown_verbs_and_help_are_recognised()
    {
        AdminCli.Parse(["frobnicate"]).Verb.ShouldBe(AdminVerb.Unknown);
        AdminCli.Parse(["--help"]).Verb.ShouldBe(AdminVerb.Help);
        AdminCli.Parse(["migrate", "-h"]).Verb.ShouldBe(AdminVerb.Help);
        AdminCli.HelpText.ShouldContain("verify-audit");
    }

    [Fact]
    public void Bench_evaluation_takes_its_sizes_and_leaves_the_rest_to_the_host()
    {
        var cli = AdminCli.Parse(["bench-evaluation", "--bench-database", "--staff", "20", "--cases", "200", "--checks", "100", "--urls", "http://127.0.0.1:6000"]);
        cli.Verb.ShouldBe(AdminVerb.BenchEvaluation);
        cli.HostArgs.ShouldBe(["--urls", "http://127.0.0.1:6000"]);
        AdminCli.HelpText.ShouldContain("bench-evaluation --bench-database [--staff N] [--cases N] [--checks N]");

        // Without the confirmation, or with a count of zero, it does not start.
        AdminCli.Parse(["bench-evaluation", "--staff", "20"]).ShouldSatisfyAllConditions(c => c.Verb.ShouldBe(AdminVerb.Unknown), c => c.Error!.ShouldContain("--bench-database"));
        AdminCli.Parse(["bench-evaluation", "--bench-database", "--iterations", "0"]).Verb.ShouldBe(AdminVerb.Unknown);
    }

    [Fact]
    public void Generated_demo_passwords_satisfy_the_policy()
    {
        for (var i = 0; i < 50; i++)
        {
            var p = DemoSeeder.GeneratePassword();
            p.Length.ShouldBeGreaterThanOrEqualTo(10);
            p.Any(char.IsDigit).ShouldBeTrue();
            p.Any(char.IsLower).ShouldBeTrue();
        }
    }
}

public class SystemRoleTests
{
    [Fact]
    public void The_administrator_holds_every_permission_with_scope_all()
    {
        var grants = SystemRoles.DefaultGrants(SystemRoles.Administrator);
        grants.Keys.ShouldBe(Permissions.All, ignoreOrder: true);
        grants.Values.ShouldAllBe(s => s == DataScope.All);
    }

    [Fact]
    public void Every_builtin_role_only_grants_known_permissions_and_reads_the_organization()
    {
        foreach (var role in SystemRoles.All)
        {
            var grants = SystemRoles.DefaultGrants(role);
            grants.Keys.ShouldAllBe(p => Permissions.All.Contains(p));
            grants.ContainsKey(Permissions.OrgRead).ShouldBeTrue(role);
        }
    }

    [Fact]
    public void A_supervisor_can_hand_out_field_staff_but_not_administrator()
    {
        var supervisor = SystemRoles.DefaultGrants(SystemRoles.Supervisor);
        GrantRule.Exceeding(supervisor, SystemRoles.DefaultGrants(SystemRoles.FieldStaff)).ShouldBeEmpty();
        GrantRule.Exceeding(supervisor, SystemRoles.DefaultGrants(SystemRoles.Administrator)).ShouldNotBeEmpty();
    }
}
