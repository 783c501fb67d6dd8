using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Mosaic.Core.Access;
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
        string token;
        long residents;
        using (var store = await PostgresMosaicStore.OpenAsync(sides.Postgres, TestContext.Current.CancellationToken))
        {
            await UserAdministration.AddAsync(store, new NewUser("serve-viewer", Role.Viewer, null, "a long enough password"), cancellationToken: TestContext.Current.CancellationToken);
            token = (await UserAdministration.IssueTokenAsync(store, "serve-viewer", "test", cancellationToken: TestContext.Current.CancellationToken)).Secret;
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
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var table = JsonDocument.Parse(await client.GetStringAsync("/api/tabulations?indicator=population&by=sex", ct));
            var total = table.RootElement.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("sex").GetString() == "_total");
            Assert.Equal(residents, total.GetProperty("value").GetDouble());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
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
