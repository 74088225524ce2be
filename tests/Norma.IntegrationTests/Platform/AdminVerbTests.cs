using Microsoft.EntityFrameworkCore;
using Norma.Modules.Organization.Domain;

namespace Norma.IntegrationTests.Platform;

/// <summary>The executable's administrative verbs, run as a separate process against the test database.</summary>
public sealed class AdminVerbTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    [Fact]
    public async Task Help_lists_the_verbs_and_an_unknown_verb_fails()
    {
        var (exit, output) = await app.RunVerbAsync("--help");
        exit.ShouldBe(0);
        foreach (var verb in new[] { "demo", "migrate", "seed-demo", "create-admin", "verify-audit" })
        {
            output.ShouldContain(verb);
        }

        (await app.RunVerbAsync("explode")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Migrate_and_seed_demo_are_idempotent()
    {
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        (await app.RunVerbAsync("migrate")).ExitCode.ShouldBe(0);
        var (exit, output) = await app.RunVerbAsync("seed-demo");
        exit.ShouldBe(0);
        output.ShouldContain("already");
        (await app.WithDbAsync(db => db.Users.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Create_admin_makes_an_administrator_and_refuses_a_weak_password()
    {
        var (exit, output) = await app.RunVerbAsync("create-admin", "--user", "ops", "--name", "运维管理员");
        exit.ShouldBe(0, output);
        output.ShouldContain("Password:");
        var roles = await app.WithDbAsync(db => (from u in db.Users
                                                  join ur in db.UserRoles on u.Id equals ur.UserId
                                                  join r in db.Roles on ur.RoleId equals r.Id
                                                  where u.UserName == "ops"
                                                  select r.SystemKey).ToListAsync());
        roles.ShouldBe([SystemRoles.Administrator]);

        var weak = await app.RunVerbAsync("create-admin", "--user", "ops2", "--name", "弱", "--password", "abc");
        weak.ExitCode.ShouldBe(1);
        (await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "ops2"))).ShouldBeFalse();
    }
}
