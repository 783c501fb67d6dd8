using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Mosaic.Core.Access;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Registry;

namespace Mosaic.Storage.Postgres.Tests.Cli;

/// <summary>
/// <c>mosaic serve --db postgres://…</c> as a user starts it (the real executable, a child process) on the demo
/// database: it answers, and its tables count what the registry holds.
/// </summary>
public sealed class PostgresServeTests(PostgresServer server, CliSideBySide sides) : IClassFixture<CliSideBySide>
{
    [Fact]
    public async Task Serve_OnPostgres_AnswersHealthAndTabulatesTheRegistry()
    {
        server.RequireServer();
        Assert.Equal(0, sides.Demos[0].ExitCode);
        string viewer, manager;
        long residents;
        using (var store = await PostgresMosaicStore.OpenAsync(sides.Postgres, TestContext.Current.CancellationToken))
        {
            viewer = await TokenAsync(store, "serve-viewer", Role.Viewer);
            manager = await TokenAsync(store, "serve-manager", Role.Manager);
            // Oracle: residents counted from the households themselves.
            residents = (await store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Sum(h => h.Members.Count(m => m.MigratoryStatus != MigratoryStatus.Emigrant));
        }
        using var process = Start("serve", "--db", sides.Postgres, "--urls", "http://127.0.0.1:0");
        try
        {
            var url = await ListeningUrl(process);
            using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(2) };
            var ct = TestContext.Current.CancellationToken;
            Assert.True((await client.GetAsync("/health", ct)).IsSuccessStatusCode);
            // A manager's table is exact (suppression never hides the total); a viewer's is perturbed by the cell-key
            // method (record keys are random at import, so the noise differs from one demo to the next), within D.
            Assert.Equal(residents, await TotalAsync(client, manager, ct));
            Assert.InRange(await TotalAsync(client, viewer, ct) - residents, -PerturbationParameters.Default.MaximumNoise, PerturbationParameters.Default.MaximumNoise);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private static async Task<string> TokenAsync(PostgresMosaicStore store, string name, Role role)
    {
        await UserAdministration.AddAsync(store, new NewUser(name, role, null, "a long enough password"), cancellationToken: TestContext.Current.CancellationToken);
        return (await UserAdministration.IssueTokenAsync(store, name, "test", cancellationToken: TestContext.Current.CancellationToken)).Secret;
    }

    /// <summary>The total of population by sex as the API serves it to the bearer of <paramref name="token"/>.</summary>
    private static async Task<double> TotalAsync(HttpClient client, string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/tabulations?indicator=population&by=sex");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var table = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return table.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("sex").GetString() == "_total").GetProperty("value").GetDouble();
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "mosaic.dll"));
        foreach (var a in args)
            start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    /// <summary>The URL from the "Mosaic dashboard: URL/" line the command prints once it listens.</summary>
    private static async Task<string> ListeningUrl(Process process)
    {
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            seen.Add(line);
            const string marker = "Mosaic dashboard: ";
            if (line.Contains(marker, StringComparison.Ordinal))
                return line[(line.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..].TrimEnd('/');
        }
        throw new InvalidOperationException("mosaic serve ended without listening: " + string.Join("\n", seen) + await process.StandardError.ReadToEndAsync());
    }
}
