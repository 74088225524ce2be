using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Norma.E2ETests.Infrastructure;

/// <summary>
/// Base of the browser journeys: a fresh browser context (zh-CN, Asia/Shanghai) per journey, numbered step
/// screenshots under artifacts/screenshots/&lt;test&gt;/, and on failure a last screenshot, the page HTML and a
/// Playwright trace under artifacts/. JavaScript errors and Blazor circuit errors fail the journey.
/// </summary>
[Collection(E2ECollection.Name)]
public abstract class BrowserTest(E2EFixture fixture)
{
    private string screenshots = "";
    private int step;

    protected E2EFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = default!;

    protected static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    protected static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    /// <summary>Runs one journey in its own browser context; the test method's name names its artifacts.</summary>
    protected async Task JourneyAsync(Func<Task> journey, [CallerMemberName] string test = "")
    {
        screenshots = Artifacts.ScreenshotFolder(test);
        step = 0;
        await using var context = await Fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Fixture.App.BaseUrl,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(E2EFixture.Timeout);
        context.SetDefaultNavigationTimeout(E2EFixture.Timeout);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = test });

        var errors = new List<string>();
        Page = await context.NewPageAsync();
        Page.PageError += (_, error) => errors.Add("page error: " + error);
        Page.Console += (_, message) =>
        {
            // Blazor reports circuit failures ("There was an unhandled exception on the current circuit…") as console errors.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add("console error: " + message.Text);
            }
        };

        try
        {
            await journey();
            Assert.True(errors.Count == 0, "The browser reported errors:\n" + string.Join("\n", errors));
            await context.Tracing.StopAsync();
        }
        catch
        {
            var failures = Artifacts.FailureFolder(test);
            try
            {
                await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, "99-failure.png"), FullPage = true });
                await File.WriteAllTextAsync(Path.Combine(failures, "page.html"), await Page.ContentAsync());
                await File.WriteAllTextAsync(Path.Combine(failures, "browser-errors.txt"), string.Join("\n", errors));
                await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(failures, "trace.zip") });
            }
            catch (PlaywrightException)
            {
                // The page may be gone; the original failure matters more.
            }

            throw;
        }
    }

    /// <summary>A path for a file the journey keeps next to its screenshots (e.g. a download): artifacts/screenshots/&lt;test&gt;/&lt;fileName&gt;.</summary>
    protected string ArtifactPath(string fileName) => Path.Combine(screenshots, fileName);

    /// <summary>Saves the page as artifacts/screenshots/&lt;test&gt;/&lt;nn-name&gt;.png.</summary>
    protected async Task ShotAsync(string name)
    {
        step++;
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, $"{step:00}-{name}.png"), FullPage = true });
    }

    /// <summary>
    /// Waits until Blazor's interactive (Server) renderer has rendered the page, so clicks reach the circuit. The
    /// prerendered HTML has no event handlers; the interactive render replaces the prerender markers (&lt;!--Blazor:…--&gt;)
    /// with its own &lt;!--!--&gt; comments.
    /// </summary>
    protected async Task WaitForInteractiveAsync()
    {
        await Page.WaitForFunctionAsync(
            """
            () => {
              if (!window.Blazor) return false;
              const html = document.documentElement.outerHTML;
              return html.includes('<!--!-->') && !html.includes('<!--Blazor:');
            }
            """,
            null,
            new PageWaitForFunctionOptions { Timeout = E2EFixture.Timeout, PollingInterval = 100 });
    }

    /// <summary>Types into a MudBlazor text field and leaves it, so its value binds (MudTextField binds on change).</summary>
    protected static async Task FillFieldAsync(ILocator input, string value)
    {
        await input.FillAsync(value);
        await input.BlurAsync();
        await Expect(input).ToHaveValueAsync(value);
    }

    /// <summary>Signs in on the static login page; does not wait for the outcome.</summary>
    protected async Task SubmitLoginAsync(string userName, string password)
    {
        if (!Page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/account/login");
        }

        await Page.Locator("#username").FillAsync(userName);
        await Page.Locator("#password").FillAsync(password);
        await Page.Locator("#login-submit").ClickAsync();
    }

    /// <summary>Signs in and waits for the interactive home page greeting the person by name.</summary>
    protected async Task SignInAsync(string userName, string password, string greeting)
    {
        await SubmitLoginAsync(userName, password);
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(greeting);
        await WaitForInteractiveAsync();
    }

    protected async Task SignOutAsync()
    {
        await Page.Locator("#user-menu button").First.ClickAsync();
        await Page.Locator("#signout").ClickAsync();
        await Expect(Page).ToHaveURLAsync(Fixture.App.BaseUrl + "/account/login");
        await Expect(Page.Locator("#login-submit")).ToBeVisibleAsync();
    }

    /// <summary>Opens a MudSelect by its label (the first select without one), within a container when given, and picks the option starting with the text.</summary>
    protected async Task ChooseAsync(string? label, string option, ILocator? within = null)
    {
        var scope = within ?? Page.Locator("body");
        var select = label is null ? scope.GetByRole(AriaRole.Combobox).First : scope.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });
        var choice = Page.GetByRole(AriaRole.Option).Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}") }).First;
        // A click that lands while the component re-renders (just after a tab switch, or while the previous list is still
        // closing) can miss the select or leave its list closed: close whatever is open and try again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await select.ClickAsync(new() { Timeout = attempt < 3 ? 5000 : E2EFixture.Timeout });
                await choice.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = attempt < 3 ? 3000 : E2EFixture.Timeout });
                break;
            }
            catch (System.TimeoutException) when (attempt < 3)
            {
                await Page.Keyboard.PressAsync("Escape");
                await Page.WaitForTimeoutAsync(300);
            }
        }

        await choice.ClickAsync();
        await Expect(select).ToContainTextAsync(option);
    }
}
