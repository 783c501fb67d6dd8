using System.Text.Json;
using Microsoft.Playwright;

namespace Mosaic.Server.Tests.Browser;

/// <summary>The dashboard in headless Chromium against a real server: what a district officer does with it.</summary>
[Collection(nameof(BrowserTests))]
public sealed class DashboardTests(BrowserServer server)
{
    private static readonly string[] s_pages = ["overview", "tables", "targeting", "mobility", "data", "indicators", "admin", "api"];

    [Fact]
    public async Task SignIn_ShowsTheMapDrawnAsSvgWithKeyFigures_AndNoContentSecurityViolation()
    {
        await using var context = await server.NewContextAsync();
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, m) =>
        {
            // The 401 of the signed-out first load is expected; a refusal by the page's CSP is not.
            if (m.Type == "error" && (m.Text.Contains("Content Security Policy", StringComparison.Ordinal) || m.Text.Contains("Refused", StringComparison.Ordinal)))
                refused.Add(m.Text);
        };
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync(BrowserServer.AdminName);
        await page.GetByLabel("Password").FillAsync(BrowserServer.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var areas = page.Locator("svg.map path[data-pcode]");
        await areas.First.WaitForAsync();
        Assert.True(await areas.CountAsync() >= 2, "the map draws one path per union");
        Assert.All(await areas.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('d'))"), d => Assert.StartsWith("M", d, StringComparison.Ordinal));
        var population = await page.Locator(".figure-value").First.TextContentAsync();
        Assert.Matches(@"\d", population);
        await BrowserServer.ScreenshotAsync(page, "overview");
        Assert.Empty(refused);
    }

    [Fact]
    public async Task ClickingAnArea_ShowsThatAreasFigures()
    {
        await using var context = await server.NewContextAsync();
        var page = await BrowserServer.SignedInPageAsync(context);
        var figures = page.Locator(".figure-row");
        await page.Locator("svg.map path[data-pcode]").First.WaitForAsync();
        var before = await figures.GetAttributeAsync("data-area");
        var beforePopulation = await page.Locator(".figure-value").First.TextContentAsync();
        var target = page.Locator("svg.map path[data-suppressed=false]").First;
        var pcode = await target.GetAttributeAsync("data-pcode");
        await target.ClickAsync();
        await page.Locator($".figure-row[data-area='{pcode}']").WaitForAsync();
        Assert.NotEqual(before, pcode);
        Assert.NotEqual(beforePopulation, await page.Locator(".figure-value").First.TextContentAsync());
        await BrowserServer.ScreenshotAsync(page, "overview-drilled");
    }

    [Fact]
    public async Task Tables_ShowsTheTable_AndDownloadsItAsCsv()
    {
        await using var context = await server.NewContextAsync();
        var page = await BrowserServer.SignedInPageAsync(context);
        await page.GotoAsync("/#/tables");
        await page.Locator("table.data tbody tr").First.WaitForAsync();
        Assert.True(await page.Locator("table.data tbody tr").CountAsync() > 5);
        await BrowserServer.ScreenshotAsync(page, "tables");
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("a[data-format=csv]").ClickAsync());
        var path = await download.PathAsync();
        var lines = await File.ReadAllLinesAsync(path, TestContext.Current.CancellationToken);
        Assert.Contains("adm4", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 5, "the CSV holds the table's rows");
    }

    [Fact]
    public async Task Upload_AFileWithBadRows_ShowsItsReport_AndTheFiguresIncludeTheNewHouseholds()
    {
        await using var context = await server.NewContextAsync();
        var page = await BrowserServer.SignedInPageAsync(context);
        var populationBefore = await PopulationAsync(page);
        await page.GotoAsync("/#/data");
        await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(Data("dashboard-households.csv"));
        await page.GetByLabel("Members file (CSV pair only)").SetInputFilesAsync(Data("dashboard-members.csv"));
        await page.GetByLabel("Import the valid rows and report the rest").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await page.Locator("[data-state=succeeded]").WaitForAsync();
        var reasons = await page.Locator("table.issues tbody tr").AllTextContentsAsync();
        Assert.Contains(reasons, r => r.Contains("hut", StringComparison.Ordinal));
        Assert.Contains(reasons, r => r.Contains("BD99999999", StringComparison.Ordinal));
        await BrowserServer.ScreenshotAsync(page, "data-import-report");
        // Three valid households with six residents came in: the overview counts them without a restart.
        Assert.Equal(populationBefore + 6, await PopulationAsync(page));
    }


    [Fact]
    public async Task French_TranslatesTheInterface()
    {
        await using var context = await server.NewContextAsync();
        var page = await BrowserServer.SignedInPageAsync(context);
        await page.GetByLabel("Language").SelectOptionAsync("fr");
        await page.GetByRole(AriaRole.Link, new() { Name = "Vue d’ensemble" }).WaitForAsync();
        Assert.Equal("fr", await page.EvaluateAsync<string>("document.documentElement.lang"));
        await page.GetByLabel("Langue").SelectOptionAsync("en");
    }

    [Fact]
    public async Task EveryPage_HasNoSeriousOrCriticalAxeViolation()
    {
        // axe is injected as an inline script, which the dashboard's own CSP forbids: this context bypasses it.
        await using var context = await server.NewContextAsync(bypassCsp: true);
        var page = await BrowserServer.SignedInPageAsync(context);
        var axe = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Browser", "axe.min.js"), TestContext.Current.CancellationToken);
        var problems = new List<string>();
        foreach (var name in s_pages)
        {
            await page.GotoAsync($"/#/{name}");
            await page.Locator("main h1").WaitForAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            await BrowserServer.ScreenshotAsync(page, "page-" + name);
            await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = axe });
            var json = await page.EvaluateAsync<string>(
                "async () => JSON.stringify((await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))");
            problems.AddRange(JsonSerializer.Deserialize<string[]>(json)!.Select(p => $"{name}: {p}"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static async Task<double> PopulationAsync(IPage page)
    {
        await page.GotoAsync("/#/tables");
        await page.GotoAsync("/#/overview");
        var value = page.Locator(".figure-value").First;
        await page.Locator(".figure-row").WaitForAsync();
        var text = await value.TextContentAsync() ?? "";
        return double.Parse(new string([.. text.Where(char.IsDigit)]), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Data(string name) => Path.Combine(AppContext.BaseDirectory, "data", "registrations", name);
}

/// <summary>The browser tests share one server and one Chromium, and run one after another.</summary>
[CollectionDefinition(nameof(BrowserTests))]
public sealed class BrowserTests : ICollectionFixture<BrowserServer>;

// Its own server and database: the upload test adds households that the last scoring run has not scored, and a
// target list refuses unscored households (as `mosaic target` does).
[Collection(nameof(TargetingBrowserTests))]
public sealed class TargetingDashboardTests(BrowserServer server)
{
    [Fact]
    public async Task Targeting_RunsARankedListWithExplanations()
    {
        await using var context = await server.NewContextAsync();
        var page = await BrowserServer.SignedInPageAsync(context);
        await page.GotoAsync("/#/targeting");
        await page.GetByLabel("Households to target").FillAsync("40");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run target list" }).ClickAsync();
        var rows = page.Locator("table.data").Last.Locator("tbody tr");
        await rows.First.WaitForAsync();
        Assert.Equal(40, await rows.CountAsync());
        Assert.Equal("1", (await rows.First.Locator("td").First.TextContentAsync())?.Trim());
        Assert.False(string.IsNullOrWhiteSpace(await rows.First.Locator("td").Last.TextContentAsync()));
        await BrowserServer.ScreenshotAsync(page, "targeting");
    }
}

[CollectionDefinition(nameof(TargetingBrowserTests))]
public sealed class TargetingBrowserTests : ICollectionFixture<BrowserServer>;
