using System.Text.RegularExpressions;
using Mosaic.Core.Indicators;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>
/// Docs as tests (as nietras/Sep runs its README): every <c>mosaic …</c> line of the README, the user guides and
/// every command's <c>--help</c> runs, in order, through the real executable, in a fresh folder laid out like a
/// clone. A command that does not run as written fails the test unless it is listed in
/// <c>known-failures.txt</c> with the document it belongs to; a listed command that now runs fails it too, so
/// the list only shrinks.
/// </summary>
public sealed partial class DocsAsTests
{
    public static TheoryData<string> Documents() => [.. DocSources.Documents()];

    public static TheoryData<string> HelpCommands() => [.. DocSources.HelpExamples().Select(h => h.Command)];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Document_EveryCommandRunsAsWritten(string document)
    {
        // The guides follow the README's quickstart: ./mosaic.db holds the demo (here a small one, with its Kobo export).
        using var runner = new DocRunner();
        DemoFolder.CopyInto(runner.Folder);
        var failures = await runner.RunAsync(DocSources.Commands(document), TestContext.Current.CancellationToken);
        AssertAsKnown(document, failures);
    }

    [Theory]
    [MemberData(nameof(HelpCommands))]
    public async Task HelpExamples_RunAsWritten(string command)
    {
        // Help examples assume a database is there, as after `mosaic demo`: the demo's database and its Kobo export.
        using var runner = new DocRunner();
        DemoFolder.CopyInto(runner.Folder);
        var examples = DocSources.HelpExamples().Single(h => h.Command == command).Examples;
        var failures = await runner.RunAsync(examples, TestContext.Current.CancellationToken);
        AssertAsKnown(command + " --help", failures);
    }

    [Fact]
    public void IndicatorsGuide_CountsTheShippedCatalogue()
    {
        var guide = File.ReadAllText(Path.Combine(DocSources.RepositoryRoot, "docs", "user-guide", "indicators.md"));
        var stated = int.Parse(CatalogueSize().Match(guide).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(IndicatorCatalogue.Shipped.Indicators.Count, stated);
    }

    private static void AssertAsKnown(string group, IReadOnlyList<string> failures)
    {
        var known = KnownFailures.For(group);
        var failing = failures.Select(f => f[..f.IndexOf("  →  ", StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal);
        var newlyBroken = failures.Where(f => !known.Contains(f[..f.IndexOf("  →  ", StringComparison.Ordinal)])).ToList();
        var nowRunning = known.Where(k => !failing.Contains(k)).ToList();
        Assert.True(newlyBroken.Count == 0 && nowRunning.Count == 0,
            $"{group}:\n" +
            (newlyBroken.Count > 0 ? "does not run as written (fix the docs or the command):\n  " + string.Join("\n  ", newlyBroken) + "\n" : "") +
            (nowRunning.Count > 0 ? "runs now: remove from known-failures.txt:\n  " + string.Join("\n  ", nowRunning) + "\n" : ""));
    }

    [GeneratedRegex(@"shipped catalogue \((\d+) indicators\)")]
    private static partial Regex CatalogueSize();
}
