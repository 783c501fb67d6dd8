using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mosaic.Core.Access;

namespace Mosaic.Server.Tests.Apis;

/// <summary>Cookie sign-in, anti-forgery, throttling, tokens and disabled accounts, through the real middleware.</summary>
public sealed class AuthApiTests(MosaicApiFactory factory, DemoDatabase database) : IClassFixture<MosaicApiFactory>
{
    private readonly MosaicApiFactory _factory = factory;

    [Fact]
    public async Task Health_AnswersWithoutCredentials()
    {
        using var client = _factory.CreateClient();
        var health = await client.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        Assert.Equal("ok", health.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/areas")]
    [InlineData("/api/tabulations?indicator=population&by=adm4")]
    [InlineData("/api/users")]
    [InlineData("/api/audit")]
    [InlineData("/api/auth/me")]
    public async Task DataEndpoint_WithoutCredentials_Is401Problem(string path)
    {
        using var client = _factory.CreateClient();
        await ProblemAssert.IsProblem(await client.GetAsync(path, TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_WithRightPassword_OpensTheApiWithTheSessionCookie()
    {
        using var client = await _factory.BrowserClientAsync();
        var response = await MosaicApiFactory.SignInAsync(client, DemoDatabase.UserName(Role.Analyst, scoped: true), DemoDatabase.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("mosaic.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me", TestContext.Current.CancellationToken);
        Assert.Equal("analyst", me.GetProperty("role").GetString());
        Assert.Equal(DemoDatabase.InScope, me.GetProperty("scope").GetString());
        Assert.DoesNotContain("read_personal_data", me.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task SignIn_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = _factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/sign-in",
            new { user_name = DemoDatabase.UserName(Role.Viewer, false), password = DemoDatabase.Password }, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("mosaic.auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CookieSession_PostWithoutAntiforgeryToken_IsRefused()
    {
        using var client = await _factory.BrowserClientAsync();
        await MosaicApiFactory.SignInAsync(client, DemoDatabase.UserName(Role.Admin, false), DemoDatabase.Password);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        var response = await client.PostAsJsonAsync("/api/users", new { user_name = "csrf-victim", role = "admin" }, TestContext.Current.CancellationToken);
        await ProblemAssert.IsProblem(response, HttpStatusCode.BadRequest);
        using var store = database.OpenStore();
        Assert.Null(await store.Users.FindAsync("csrf-victim", cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_Is401AndSetsNoCookie()
    {
        using var client = await _factory.BrowserClientAsync();
        var response = await MosaicApiFactory.SignInAsync(client, DemoDatabase.UserName(Role.Viewer, false), "wrong password!");
        await ProblemAssert.IsProblem(response, HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await client.GetAsync("/api/auth/me", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task SignIn_AfterFiveFailures_Is429EvenWithTheRightPassword()
    {
        using (var store = database.OpenStore())
            await UserAdministration.AddAsync(store, new NewUser("throttled", Role.Viewer, null, DemoDatabase.Password), cancellationToken: TestContext.Current.CancellationToken);
        using var client = await _factory.BrowserClientAsync();
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await MosaicApiFactory.SignInAsync(client, "throttled", "guess number " + i)).StatusCode);
        var locked = await MosaicApiFactory.SignInAsync(client, "throttled", DemoDatabase.Password);
        await ProblemAssert.IsProblem(locked, HttpStatusCode.TooManyRequests);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task DisabledAccount_LosesItsSessionAndItsTokens()
    {
        string token;
        using (var store = database.OpenStore())
        {
            await UserAdministration.AddAsync(store, new NewUser("leaver", Role.Analyst, null, DemoDatabase.Password), cancellationToken: TestContext.Current.CancellationToken);
            token = (await UserAdministration.IssueTokenAsync(store, "leaver", "script", cancellationToken: TestContext.Current.CancellationToken)).Secret;
        }
        using var browser = await _factory.BrowserClientAsync();
        await MosaicApiFactory.SignInAsync(browser, "leaver", DemoDatabase.Password);
        using var script = _factory.CreateClient();
        script.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/areas", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/areas", TestContext.Current.CancellationToken)).StatusCode);

        using (var store = database.OpenStore())
            await UserAdministration.SetDisabledAsync(store, "leaver", true, cancellationToken: TestContext.Current.CancellationToken);

        await ProblemAssert.IsProblem(await browser.GetAsync("/api/areas", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsProblem(await script.GetAsync("/api/areas", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
        using var again = await _factory.BrowserClientAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await MosaicApiFactory.SignInAsync(again, "leaver", DemoDatabase.Password)).StatusCode);
    }

    [Fact]
    public async Task Token_ThatWasNeverIssued_Is401()
    {
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiTokens.NewSecret());
        await ProblemAssert.IsProblem(await client.GetAsync("/api/areas", TestContext.Current.CancellationToken), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        using var client = _factory.CreateClient();
        foreach (var path in new[] { "/health", "/", "/api/areas" })
        {
            var response = await client.GetAsync(path, TestContext.Current.CancellationToken);
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        }
    }
}
