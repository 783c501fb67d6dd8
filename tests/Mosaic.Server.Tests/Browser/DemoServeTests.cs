using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Mosaic.Storage.Contract;

namespace Mosaic.Server.Tests.Browser;

/// <summary>
/// <c>mosaic demo</c> as a user runs it: the real CLI in its own process builds a demo database and serves the
/// dashboard, printing the address and a sign-in; Chromium signs in with what was printed and sees the map drawn.
/// </summary>
[Collection(nameof(BrowserTests))]
public sealed partial class DemoServeTests(BrowserServer server)
{
    /// <summary>How long the child may take to build and start (a guard against a hang, not a timing assertion).</summary>
    private static readonly TimeSpan s_startGuard = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Demo_ServesTheDashboard_AndThePrintedSignInShowsTheMap()
    {
        using var directory = new TempDirectory();
        using var demo = DemoProcess.Start(directory.File("demo.db"));
        var (url, user, password) = await demo.WaitForSignInAsync(s_startGuard);
        Assert.StartsWith("http://127.0.0.1:", url, StringComparison.Ordinal);

        await using var context = await server.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = url,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("User name").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var areas = page.Locator("svg.map path[data-pcode]");
        await areas.First.WaitForAsync();
        Assert.True(await areas.CountAsync() >= 2, "the map draws one path per area");
        Assert.All(await areas.EvaluateAllAsync<string[]>("ps => ps.map(p => p.getAttribute('d'))"), d => Assert.StartsWith("M", d, StringComparison.Ordinal));
        Assert.Matches(@"\d", await page.Locator(".figure-value").First.TextContentAsync());
        await BrowserServer.ScreenshotAsync(page, "demo-served");
        Assert.False(demo.HasExited, "the demo keeps serving until stopped:\n" + demo.Output);
    }

    /// <summary>The CLI run as <c>dotnet mosaic.dll demo …</c>, its output read line by line as it comes.</summary>
    private sealed partial class DemoProcess : IDisposable
    {
        private readonly Process _process;
        private readonly TaskCompletionSource<(string, string, string)> _signIn = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _lock = new();
        private readonly System.Text.StringBuilder _output = new();
        private string? _user;
        private string? _password;

        private DemoProcess(Process process) => _process = process;

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_lock)
                    return _output.ToString();
            }
        }

        public static DemoProcess Start(string database)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { Cli(), "demo", "--households", "300", "--db", database, "--urls", "http://127.0.0.1:0" })
                info.ArgumentList.Add(a);
            info.Environment.Remove("MOSAIC_DB");
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var demo = new DemoProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
            demo._process.OutputDataReceived += (_, e) => demo.Line(e.Data);
            demo._process.ErrorDataReceived += (_, e) => demo.Line(e.Data);
            demo._process.Exited += (_, _) => demo._signIn.TrySetException(new InvalidOperationException("mosaic demo exited:\n" + demo.Output));
            demo._process.Start();
            demo._process.BeginOutputReadLine();
            demo._process.BeginErrorReadLine();
            return demo;
        }

        public async Task<(string Url, string User, string Password)> WaitForSignInAsync(TimeSpan guard)
        {
            try
            {
                return await _signIn.Task.WaitAsync(guard, TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException("mosaic demo printed no address and sign-in:\n" + Output);
            }
        }

        private void Line(string? line)
        {
            if (line is null)
                return;
            lock (_lock)
            {
                _output.AppendLine(line);
                if (SignInLine().Match(line) is { Success: true } s)
                    (_user, _password) = (s.Groups[1].Value, s.Groups[2].Value);
                if (UrlLine().Match(line) is { Success: true } u && _user is not null)
                    _signIn.TrySetResult((u.Groups[1].Value, _user, _password!));
            }
        }

        /// <summary>mosaic.dll (the CLI), built beside this test project (same configuration).</summary>
        private static string Cli()
        {
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = bin.Name;
            var configuration = bin.Parent!.Name;
            var root = bin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Mosaic.slnx")))
                root = root.Parent;
            var dll = Path.Combine(root!.FullName, "src", "Mosaic.Cli", "bin", configuration, framework, "mosaic.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException("build src/Mosaic.Cli first", dll);
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
            _process.Dispose();
        }

        [GeneratedRegex(@"Sign in as '([^']+)' with password (\S+)")]
        private static partial Regex SignInLine();

        [GeneratedRegex(@"Mosaic dashboard: (\S+?)/?$")]
        private static partial Regex UrlLine();
    }
}
