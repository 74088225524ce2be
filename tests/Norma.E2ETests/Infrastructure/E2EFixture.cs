using Microsoft.Playwright;

namespace Norma.E2ETests.Infrastructure;

/// <summary>One running app and one headless Chromium, shared by every browser test (they run one after another).</summary>
public sealed class E2EFixture : IAsyncLifetime
{
    /// <summary>Expectations and actions wait at most this long.</summary>
    public const float Timeout = 15_000;

    private IPlaywright? playwright;

    public NormaAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await App.StartAsync();
        Assertions.SetDefaultExpectTimeout(Timeout);
        playwright = await Playwright.CreateAsync();
        // Debian's Chromium from apt; Playwright never downloads a browser here.
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class E2ECollection : ICollectionFixture<E2EFixture>
{
    public const string Name = "e2e";
}
