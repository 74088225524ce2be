using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Norma.Modules.Platform.Accounts;
using Norma.Modules.Platform.Tokens;
using Norma.Shared.Errors;

namespace Norma.IntegrationTests.Platform;

public sealed class AccountTests(NormaFactory app) : IClassFixture<NormaFactory>
{
    private async Task<SignInOutcome> SignInAsync(string user, string password)
    {
        await using var scope = app.Services.CreateAsyncScope();
        // Sign-in issues a cookie: give it the HTTP context a request would have.
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        return await scope.ServiceProvider.GetRequiredService<SignInService>().PasswordSignInAsync(user, password, false);
    }

    [Fact]
    public async Task Five_failures_lock_the_account_for_fifteen_minutes_even_for_the_right_password()
    {
        (await SignInAsync("lingdao", NormaFactory.DemoPassword)).ShouldBe(SignInOutcome.Succeeded);
        for (var i = 0; i < 4; i++)
        {
            (await SignInAsync("lingdao", "wrong-password")).ShouldBe(SignInOutcome.Failed);
        }

        (await SignInAsync("lingdao", "wrong-password")).ShouldBe(SignInOutcome.LockedOut);
        (await SignInAsync("lingdao", NormaFactory.DemoPassword)).ShouldBe(SignInOutcome.LockedOut);
        var lockoutEnd = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lingdao").Select(u => u.LockoutEnd).SingleAsync());
        lockoutEnd!.Value.ShouldBeInRange(DateTimeOffset.UtcNow.AddMinutes(14), DateTimeOffset.UtcNow.AddMinutes(16));

        // An administrator unlocks it; the right password works again.
        var admin = await app.ClientAsAsync("admin");
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "lingdao").Select(u => u.Id).SingleAsync());
        (await admin.PostAsync($"/api/v1/org/staff/{id}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await SignInAsync("lingdao", NormaFactory.DemoPassword)).ShouldBe(SignInOutcome.Succeeded);
    }

    [Fact]
    public async Task Unknown_users_and_wrong_passwords_fail_alike()
    {
        (await SignInAsync("nobody-here", "whatever-123")).ShouldBe(SignInOutcome.Failed);
        (await SignInAsync("kefu", "whatever-123")).ShouldBe(SignInOutcome.Failed);
        (await SignInAsync("", "")).ShouldBe(SignInOutcome.Failed);
    }

    [Fact]
    public async Task Changing_the_password_checks_the_current_one_and_the_policy()
    {
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "biaozhun").Select(u => u.Id).SingleAsync());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
            var service = scope.ServiceProvider.GetRequiredService<SignInService>();
            var wrong = await Should.ThrowAsync<ValidationFailedException>(() => service.ChangePasswordAsync(id, "not-current-1", "brand-new-pass-1", "brand-new-pass-1"));
            wrong.Errors["CurrentPassword"].ShouldBe(["当前密码不正确。"]);
            var differ = await Should.ThrowAsync<ValidationFailedException>(() => service.ChangePasswordAsync(id, NormaFactory.DemoPassword, "brand-new-pass-1", "other-pass-12"));
            differ.Errors.ShouldContainKey("ConfirmPassword");
        }

        (await SignInAsync("biaozhun", NormaFactory.DemoPassword)).ShouldBe(SignInOutcome.Succeeded);
    }

    [Fact]
    public async Task Tokens_are_shown_once_stored_hashed_and_stop_working_when_revoked()
    {
        var kefu = await app.ClientAsAsync("kefu");
        var created = await (await kefu.PostJsonAsync("/api/v1/me/tokens", new CreateTokenRequest("集成测试", 7))).ReadAsync<CreatedTokenDto>();
        created.Secret.ShouldStartWith("nrm_");
        created.Secret.Length.ShouldBeGreaterThanOrEqualTo(40); // 32 random bytes
        (await app.WithDbAsync(db => db.ApiTokens.AnyAsync(t => t.TokenHash == created.Secret))).ShouldBeFalse();

        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", created.Secret);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var list = await (await kefu.GetAsync("/api/v1/me/tokens")).ReadAsync<List<TokenDto>>();
        list.Single(t => t.Id == created.Token.Id).LastUsedAt.ShouldNotBeNull();
        list.ShouldAllBe(t => t.Prefix.Length == 10);

        // Another account cannot revoke it; the owner can.
        var jishu = await app.ClientAsAsync("jishu");
        (await jishu.DeleteAsync($"/api/v1/me/tokens/{created.Token.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await kefu.DeleteAsync($"/api/v1/me/tokens/{created.Token.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_names_and_lifetimes_are_validated()
    {
        var kefu = await app.ClientAsAsync("kefu");
        var response = await kefu.PostJsonAsync("/api/v1/me/tokens", new CreateTokenRequest("", 99999));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("请填写令牌名称。");
        body.ShouldContain("有效天数必须在 1 到 3650 之间。");
    }
}
