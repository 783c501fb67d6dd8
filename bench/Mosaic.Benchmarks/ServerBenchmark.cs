using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mosaic.Benchmarks;

/// <summary>
/// Issue 12: <c>mosaic serve</c> as a child process on a demo database. Measures (1) the time from starting the
/// process to the first tabulation answered; (2) <c>wrk</c> against the tabulation endpoint (a viewer's API token,
/// 32 connections, 30 s) and against <c>/health</c> in the same run (the server's own ceiling); (3) the dashboard's
/// first load in headless Chromium (every request until the map is drawn, fresh browser cache each time); (4) the time
/// from the end of an upload import to a tabulation showing the new households.
/// </summary>
public sealed partial class ServerBenchmark : IBenchmark
{
    private const string Tabulation = "/api/tabulations?indicator=population&by=adm4,sex";

    public string Name => "server";

    public string Description =>
        "mosaic serve: start to first table, wrk tabulation vs /health, dashboard first load, import to new figures; options: --households N --runs R --duration S --connections C --mosaic PATH";

    public int Run(string[] args)
    {
        var households = IntOption(args, "--households", 20_000);
        var runs = IntOption(args, "--runs", 2);
        var duration = IntOption(args, "--duration", 30);
        var connections = IntOption(args, "--connections", 32);
        var mosaic = Option(args, "--mosaic") ?? Path.GetFullPath("src/Mosaic.Cli/bin/Release/net10.0/mosaic.dll");
        if (!File.Exists(mosaic))
        {
            Console.Error.WriteLine($"build the CLI first: dotnet build -c Release src/Mosaic.Cli ({mosaic} not found)");
            return 2;
        }
        Console.WriteLine($"machine: {Harness.Machine()}");
        Console.WriteLine($"load before: {File.ReadAllText("/proc/loadavg").Trim()}");
        var work = Path.Combine(Path.GetTempPath(), "mosaic-bench-server", households.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(work);
        var db = Path.Combine(work, "demo.db");
        var accounts = Path.Combine(work, "accounts.json");
        if (!File.Exists(accounts))
        {
            Console.WriteLine($"generating the demo with {households:N0} households …");
            foreach (var f in new[] { db, db + "-wal", db + "-shm" })
                File.Delete(f);
            ChildProcess.Run("dotnet", mosaic, "demo", "--no-serve", "--households", households.ToString(CultureInfo.InvariantCulture), "--db", db);
            var viewer = Account(mosaic, db, "bench-viewer", "viewer");
            var admin = Account(mosaic, db, "bench-admin", "admin");
            File.WriteAllText(accounts, JsonSerializer.Serialize(new[] { viewer.Token, viewer.Password, admin.Token }));
        }
        var saved = JsonSerializer.Deserialize<string[]>(File.ReadAllText(accounts))!;
        var (viewerToken, viewerPassword, adminToken) = (saved[0], saved[1], saved[2]);

        var url = $"http://127.0.0.1:{FreePort()}";
        var start = Stopwatch.StartNew();
        using var server = Serve(mosaic, db, url);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(10) };
            var healthy = WaitUntil(() => Get(http, "/health", null).IsSuccessStatusCode, TimeSpan.FromMinutes(10));
            using (var first = Get(http, Tabulation, viewerToken))
                first.EnsureSuccessStatusCode();
            var firstTable = start.Elapsed;
            server.Refresh();
            Console.WriteLine();
            Console.WriteLine($"households {households:N0}: start → /health answers {healthy.TotalSeconds:F2} s; start → first tabulation {firstTable.TotalSeconds:F2} s " +
                $"(server CPU {server.TotalProcessorTime.TotalSeconds:F2} s)");

            var tab = new List<Wrk>();
            var health = new List<Wrk>();
            for (var r = 0; r < runs; r++)
            {
                tab.Add(RunWrk(server, url + Tabulation, viewerToken, connections, duration));
                health.Add(RunWrk(server, url + "/health", null, connections, duration));
            }
            Console.WriteLine($"load during wrk: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.WriteLine($"| endpoint ({connections} connections, {duration} s, {runs} runs) | requests/s (median) | p50 | p99 | server CPU per request |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            Row("tabulation (viewer, population by adm4 × sex)", tab);
            Row("/health", health);
            Console.WriteLine($"ratio tabulation / health: {Median(tab, w => w.RequestsPerSecond) / Median(health, w => w.RequestsPerSecond):F2}");

            FirstLoad(url, "bench-viewer", viewerPassword, Math.Max(3, runs * 2));
            ImportToFigures(mosaic, http, work, adminToken);
        }
        finally
        {
            if (!server.HasExited)
                server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }
        return 0;
    }

    private static (string Token, string Password) Account(string mosaic, string db, string name, string role)
    {
        var added = JsonDocument.Parse(ChildProcess.Measure("dotnet", mosaic, "users", "add", name, "--role", role, "--db", db, "--json").Output).RootElement;
        var token = JsonDocument.Parse(ChildProcess.Measure("dotnet", mosaic, "users", "token", name, "--name", "bench", "--db", db, "--json").Output).RootElement;
        return (token.GetProperty("token").GetString()!, added.GetProperty("generated_password").GetString()!);
    }

    private static Process Serve(string mosaic, string db, string url)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { mosaic, "serve", "--db", db, "--urls", url })
            info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
                Console.Error.WriteLine("server: " + line);
        };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Dashboard first load: a signed-in browser with an empty cache opens / until the map's first area is drawn.</summary>
    private static void FirstLoad(string url, string user, string password, int runs)
    {
        using var playwright = Playwright.CreateAsync().GetAwaiter().GetResult();
        var browser = playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        }).GetAwaiter().GetResult();
        try
        {
            var signIn = browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = url }).GetAwaiter().GetResult();
            var page = signIn.NewPageAsync().GetAwaiter().GetResult();
            page.GotoAsync("/").GetAwaiter().GetResult();
            page.GetByLabel("User name").FillAsync(user).GetAwaiter().GetResult();
            page.GetByLabel("Password").FillAsync(password).GetAwaiter().GetResult();
            page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync().GetAwaiter().GetResult();
            page.Locator("svg.map path[data-pcode]").First.WaitForAsync().GetAwaiter().GetResult();
            var state = signIn.StorageStateAsync().GetAwaiter().GetResult();
            signIn.CloseAsync().GetAwaiter().GetResult();

            var times = new List<TimeSpan>();
            var requests = 0;
            for (var r = 0; r < runs + 1; r++)
            {
                var context = browser.NewContextAsync(new BrowserNewContextOptions
                {
                    BaseURL = url,
                    StorageState = state,
                    ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
                }).GetAwaiter().GetResult();
                var p = context.NewPageAsync().GetAwaiter().GetResult();
                var count = 0;
                p.Request += (_, _) => Interlocked.Increment(ref count);
                var sw = Stopwatch.StartNew();
                p.GotoAsync("/").GetAwaiter().GetResult();
                p.Locator("svg.map path[data-pcode]").First.WaitForAsync().GetAwaiter().GetResult();
                var elapsed = sw.Elapsed;
                if (r > 0) // the first load warms the server's table cache for this view; then every load is a new browser
                {
                    times.Add(elapsed);
                    requests = Volatile.Read(ref count);
                }
                context.CloseAsync().GetAwaiter().GetResult();
            }
            Console.WriteLine($"dashboard first load (viewer, empty browser cache, {runs} runs): median {Harness.Median(times).TotalMilliseconds:F0} ms, " +
                $"max {times.Max().TotalMilliseconds:F0} ms, {requests} requests until the map is drawn");
        }
        finally
        {
            browser.CloseAsync().GetAwaiter().GetResult();
        }
    }

    /// <summary>Uploads 50 new demo households (another seed; the few in villages this database lacks are skipped) as the administrator; time from the import's end to a table that counts them.</summary>
    private static void ImportToFigures(string mosaic, HttpClient http, string work, string adminToken)
    {
        var export = Path.Combine(work, "upload-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(export);
        var seed = Random.Shared.Next(1000, 1_000_000).ToString(CultureInfo.InvariantCulture);
        ChildProcess.Run("dotnet", mosaic, "demo", "--no-serve", "--households", "50", "--seed", seed,
            "--db", Path.Combine(export, "upload.db"), "--export-kobo", export);
        var before = HouseholdsTotal(http, adminToken);
        using var form = new MultipartFormDataContent
        {
            { new StringContent("registrations"), "kind" },
            // Another seed's villages are not all in this database: those households are skipped and reported.
            { new StringContent("true"), "skip_invalid" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(export, "households.csv"))), "file", "households.csv" },
            { new ByteArrayContent(File.ReadAllBytes(Path.Combine(export, "members.csv"))), "members", "members.csv" },
        };
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/api/imports") { Content = form };
        upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var accepted = http.Send(upload);
        accepted.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(accepted.Content.ReadAsStream()).RootElement.GetProperty("id").GetString();
        string? state = null;
        WaitUntil(() =>
        {
            using var r = Get(http, $"/api/imports/{id}", adminToken);
            state = JsonDocument.Parse(r.Content.ReadAsStream()).RootElement.GetProperty("state").GetString();
            return state is not ("queued" or "running");
        }, TimeSpan.FromMinutes(10));
        var done = Stopwatch.StartNew();
        if (state != "succeeded")
            throw new InvalidOperationException($"the upload import ended {state}");
        long after = 0;
        WaitUntil(() => (after = HouseholdsTotal(http, adminToken)) != before, TimeSpan.FromMinutes(10));
        Console.WriteLine($"import of 50 households → a table counting them: {done.Elapsed.TotalSeconds:F2} s (households {before:N0} → {after:N0})");
    }

    private static long HouseholdsTotal(HttpClient http, string token)
    {
        using var r = Get(http, "/api/tabulations?indicator=households&by=adm4", token);
        r.EnsureSuccessStatusCode();
        var rows = JsonDocument.Parse(r.Content.ReadAsStream()).RootElement.GetProperty("rows");
        return (long)rows.EnumerateArray().Single(x => x.GetProperty("adm4").GetString() == "_total").GetProperty("value").GetDouble();
    }

    private sealed record Wrk(double RequestsPerSecond, double P50Ms, double P99Ms, long Non2xx, double CpuMicroseconds);

    /// <summary>One wrk run; also the server's own CPU time per request (independent of what else the machine runs).</summary>
    private static Wrk RunWrk(Process server, string url, string? token, int connections, int seconds)
    {
        server.Refresh();
        var cpu = server.TotalProcessorTime;
        List<string> args = ["-t2", $"-c{connections}", $"-d{seconds}s", "--latency"];
        if (token is not null)
            args.AddRange(["-H", "Authorization: Bearer " + token]);
        args.Add(url);
        var output = ChildProcess.Measure("wrk", [.. args]).Output;
        server.Refresh();
        var used = server.TotalProcessorTime - cpu;
        var requests = long.Parse(RequestCountLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var rps = double.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonSuccessLine().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        if (non2xx > 0)
            throw new InvalidOperationException($"wrk saw {non2xx} non-2xx answers from {url}:\n{output}");
        return new Wrk(rps, Percentile(output, "50%"), Percentile(output, "99%"), non2xx, used.TotalMicroseconds / requests);
    }

    /// <summary>A latency percentile line of wrk's <c>--latency</c> table (e.g. <c>99%   12.34ms</c>), in ms.</summary>
    private static double Percentile(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
    }

    private static void Row(string name, List<Wrk> runs) =>
        Console.WriteLine($"| {name} | {Median(runs, w => w.RequestsPerSecond):N0} | {Median(runs, w => w.P50Ms):F2} ms | {Median(runs, w => w.P99Ms):F2} ms | {Median(runs, w => w.CpuMicroseconds):F0} µs |");

    private static double Median(List<Wrk> runs, Func<Wrk, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static HttpResponseMessage Get(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        try
        {
            return http.Send(request);
        }
        catch (HttpRequestException)
        {
            return new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        }
    }

    private static TimeSpan WaitUntil(Func<bool> condition, TimeSpan guard)
    {
        var sw = Stopwatch.StartNew();
        while (!condition())
        {
            if (sw.Elapsed > guard)
                throw new TimeoutException("gave up waiting");
            Thread.Sleep(20);
        }
        return sw.Elapsed;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static int IntOption(string[] args, string name, int fallback) =>
        Option(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"(\d+) requests in ")]
    private static partial Regex RequestCountLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();
}
