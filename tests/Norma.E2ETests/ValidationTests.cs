using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Norma.E2ETests.Infrastructure;

namespace Norma.E2ETests;

/// <summary>Journey 3: invalid unit input shows the Chinese validation messages on the form, never a raw exception.</summary>
public sealed class ValidationTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public Task Unit_form_shows_Chinese_validation_messages() => JourneyAsync(async () =>
    {
        await SignInAsync("admin", NormaAppFactory.DemoPassword, "您好,王敏");
        await Page.GotoAsync("/org/units");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("组织单位");
        await WaitForInteractiveAsync();

        await Page.Locator("[data-unit='ENG']").ClickAsync();
        await Page.Locator("#unit-new-child").ClickAsync();
        await Expect(Page.GetByText("在“工程部”下新建单位")).ToBeVisibleAsync();

        // A fresh code but no name: Validation.Required for 名称, shown under the field.
        await FillFieldAsync(Page.Locator("#unit-code"), "ENG-EMPTY");
        await Page.Locator("#unit-save").ClickAsync();
        var nameError = FieldError("unit-name");
        await Expect(nameError).ToHaveTextAsync("请填写名称。");
        await Expect(Page.Locator("#unit-name")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("[data-unit='ENG-EMPTY']")).ToHaveCountAsync(0);
        await ExpectNoRawErrorAsync();
        await ShotAsync("name-required");

        // A code another unit already uses: Unit.CodeTaken, shown under the code field.
        await FillFieldAsync(Page.Locator("#unit-code"), "ENG");
        await FillFieldAsync(Page.Locator("#unit-name"), "重复编码测试");
        await Page.Locator("#unit-save").ClickAsync();
        await Expect(FieldError("unit-code")).ToHaveTextAsync("编码“ENG”已被其他单位使用。");
        await Expect(Page.Locator("#unit-code")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(nameError).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-unit]").Filter(new() { HasText = "重复编码测试" })).ToHaveCountAsync(0);
        await ExpectNoRawErrorAsync();
        await ShotAsync("code-taken");

        // Still a working page: correcting the input saves.
        await FillFieldAsync(Page.Locator("#unit-code"), "ENG-OK");
        await Page.Locator("#unit-save").ClickAsync();
        await Expect(Page.Locator("[data-unit='ENG-OK']")).ToContainTextAsync("重复编码测试");
        await ShotAsync("corrected");
    });

    /// <summary>The error text MudBlazor shows under an input (its helper line in error state).</summary>
    private ILocator FieldError(string inputId) =>
        Page.Locator(".mud-input-control").Filter(new() { Has = Page.Locator($"#{inputId}") }).Locator(".mud-input-helper-text.mud-input-error");

    private async Task ExpectNoRawErrorAsync()
    {
        var body = Page.Locator("body");
        await Expect(body).Not.ToContainTextAsync(new Regex("Exception|Stack ?trace|at Norma\\.", RegexOptions.IgnoreCase));
        // The generic failure message appears as a snackbar; the hidden #blazor-error-ui holds the same words, so look at snackbars only.
        await Expect(Page.Locator(".mud-snackbar").Filter(new() { HasText = "处理请求时出错" })).ToHaveCountAsync(0);
        await Expect(body).Not.ToContainTextAsync("Validation.");
        await Expect(Page.Locator("#blazor-error-ui")).Not.ToBeVisibleAsync();
        await Expect(Page.Locator("#components-reconnect-modal")).Not.ToBeVisibleAsync();
    }
}
