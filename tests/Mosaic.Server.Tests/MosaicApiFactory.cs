using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Mosaic.Core.Access;
using Mosaic.Server.Infrastructure;

namespace Mosaic.Server.Tests;

/// <summary>
/// The real server (every middleware, a real SQLite file or PostgreSQL database) in memory, on the shared demo database. The type argument only
/// names the server's assembly, whose entry point the factory runs (its <c>Program</c> is internal).
/// </summary>
public sealed class MosaicApiFactory(DemoDatabase database) : WebApplicationFactory<ServerOptions>
{
    public DemoDatabase Database => database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Mosaic:Db", database.Db);
    }

    /// <summary>A client that sends a fixture account's API token.</summary>
    public HttpClient ClientFor(Role role, bool scoped)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", database.Token(role, scoped));
        return client;
    }

    /// <summary>A client with a cookie jar (like a browser): fetches the anti-forgery token, keeps it as a default header.</summary>
    public async Task<HttpClient> BrowserClientAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await RefreshAntiforgeryAsync(client);
        return client;
    }

    /// <summary>Signs a cookie client in (and refreshes its anti-forgery token, which is bound to the user).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/auth/sign-in", new { user_name = userName, password });
        if (response.IsSuccessStatusCode)
            await RefreshAntiforgeryAsync(client);
        return response;
    }

    private static async Task RefreshAntiforgeryAsync(HttpClient client)
    {
        var token = await client.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/auth/antiforgery");
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token.GetProperty("token").GetString());
    }
}
