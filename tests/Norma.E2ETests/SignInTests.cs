using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Norma.E2ETests.Infrastructure;
using Norma.Modules.Organization.Domain;

namespace Norma.E2ETests;

/// <summary>
/// Journey 2: failed sign-ins show one neutral message; five failures lock the account for 15 minutes, so the sixth
/// attempt is refused with the lockout message even with the right password. (ASP.NET Core Identity already answers
/// the fifth, locking attempt with "locked out".)
/// </summary>
public sealed class SignInTests(E2EFixture fixture) : BrowserTest(fixture)
{
    // The journeys share one app: the account is unlocked again at the end (as an administrator would), for the
    // evaluation journey that signs in with it later.
    private const string Victim = "zhijian";

    private const string Failed = "用户名或密码不正确。";
    private const string LockedOut = "登录失败次数过多,账号已被锁定 15 分钟。请稍后再试,或联系管理员解锁。";
    private static readonly Regex LoginPage = new("/account/login");

    [Fact]
    public Task Wrong_password_is_refused_and_the_sixth_attempt_meets_the_lockout() => JourneyAsync(async () =>
    {
        await Page.GotoAsync("/account/login");
        await Expect(Page.Locator("#login-error")).ToHaveCountAsync(0);
        await ShotAsync("login");

        var error = Page.Locator("#login-error");
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            await SubmitLoginAsync(Victim, $"wrong-pass-{attempt}0000");
            await Expect(error).ToHaveTextAsync(Failed);
            await Expect(Page).ToHaveURLAsync(LoginPage);
            if (attempt == 1)
            {
                await ShotAsync("wrong-password");
            }
        }

        // The fifth failure is the one that locks the account; Identity reports it as locked out right away.
        await SubmitLoginAsync(Victim, "wrong-pass-50000");
        await Expect(error).ToHaveTextAsync(LockedOut);
        await ShotAsync("fifth-failure-locks");

        // Locked now: even the right password is refused, with the lockout message instead of the generic one.
        await SubmitLoginAsync(Victim, NormaAppFactory.DemoPassword);
        await Expect(error).ToContainTextAsync("锁定");
        await Expect(error).ToHaveTextAsync(LockedOut);
        await Expect(Page).ToHaveURLAsync(LoginPage);
        await Expect(Page.Locator("#username")).ToBeVisibleAsync();
        await ShotAsync("locked-out");

        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
        var account = await users.FindByNameAsync(Victim);
        Assert.NotNull(account);
        Assert.True((await users.SetLockoutEndDateAsync(account, null)).Succeeded);
        Assert.True((await users.ResetAccessFailedCountAsync(account)).Succeeded);
    });

    [Fact]
    public Task Unknown_user_gets_the_same_message_as_a_wrong_password() => JourneyAsync(async () =>
    {
        await SubmitLoginAsync("nobody-here", "some-pass-12345");
        await Expect(Page.Locator("#login-error")).ToHaveTextAsync(Failed);
        await Expect(Page).ToHaveURLAsync(LoginPage);
        await ShotAsync("unknown-user");
    });
}
