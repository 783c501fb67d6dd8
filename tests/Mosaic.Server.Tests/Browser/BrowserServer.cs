using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Mosaic.Core.Access;
using Mosaic.Core.Demo;
using Mosaic.Storage.Contract;

namespace Mosaic.Server.Tests.Browser;

/// <summary>
/// A real Mosaic server on 127.0.0.1 (a free port) over its own demo database, and headless Debian Chromium driven
/// by Playwright (browsers cannot be downloaded here: the system's <c>/usr/bin/chromium</c> is launched).
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    public const string AdminName = "officer";
    public const string AdminPassword = "dashboard test password";

    private readonly TempDirectory _directory = new();
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where screenshots go (kept as test artifacts).</summary>
    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    private TestStore? _store;

    public async ValueTask InitializeAsync()
    {
        _store = new TestStore(_directory, "dashboard");
        using (var store = _store.Open())
        {
            await DemoDataset.RunAsync(new DemoRun(new DemoGenerator(new DemoOptions { Households = 800 }), store), cancellationToken: TestContext.Current.CancellationToken);
            await UserAdministration.AddAsync(store, new NewUser(AdminName, Role.Admin, null, AdminPassword), cancellationToken: TestContext.Current.CancellationToken);
        }
        _app = MosaicServer.Create(["--urls", "http://127.0.0.1:0", "--Mosaic:Db", _store.Db]);
        await _app.StartAsync();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh browser context at 1366×768, the laptop the dashboard is designed for.</summary>
    public Task<IBrowserContext> NewContextAsync(bool bypassCsp = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        AcceptDownloads = true,
        BypassCSP = bypassCsp,
        Locale = "en-GB",
    });

    /// <summary>A page signed in as the administrator.</summary>
    public static async Task<IPage> SignedInPageAsync(IBrowserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync(AdminName);
        await page.GetByLabel("Password").FillAsync(AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.Locator("nav").WaitForAsync();
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        _store?.Dispose();
        _directory.Dispose();
    }
}
