using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>
/// The JSON page of the user guide is the schema of <c>--json</c>: every command it shows runs, and the keys of
/// what it printed are exactly the keys the page's table lists for it, no more and no fewer.
/// </summary>
public sealed partial class JsonDocsTests
{
    private const string Page = "docs/user-guide/json.md";

    [Fact]
    public async Task EveryDocumentedCommand_PrintsExactlyTheKeysItsTableLists()
    {
        var documented = DocumentedKeys();
        Assert.True(documented.Count >= 20, $"{documented.Count} documented reports");

        using var runner = new DocRunner();
        DemoFolder.CopyInto(runner.Folder);
        var failures = await runner.RunAsync(DocSources.Commands(Page), TestContext.Current.CancellationToken);
        Assert.Empty(failures);

        foreach (var (file, keys) in documented)
        {
            var path = Path.Combine(runner.Folder, file);
            Assert.True(File.Exists(path), $"{file} was not written");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var printed = json.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            Assert.True(keys.Order(StringComparer.Ordinal).SequenceEqual(printed),
                $"{file}: the page lists [{string.Join(", ", keys.Order(StringComparer.Ordinal))}], the command printed [{string.Join(", ", printed)}]");
        }
    }

    /// <summary>The page's (output file, keys) pairs: each table belongs to the next command shown that writes a JSON file.</summary>
    private static List<(string File, List<string> Keys)> DocumentedKeys()
    {
        var pending = new Queue<string>();
        var result = new List<(string, List<string>)>();
        List<string>? table = null;
        var inBlock = false;
        foreach (var raw in File.ReadAllLines(Path.Combine(DocSources.RepositoryRoot, Page)))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }
            if (inBlock && Redirect().Match(line) is { Success: true } m)
                pending.Enqueue(m.Groups[1].Value);
            var row = !inBlock && line.StartsWith("| `", StringComparison.Ordinal);
            if (row)
            {
                table ??= [];
                table.AddRange(Key().Matches(line.Split('|')[1]).Select(k => k.Groups[1].Value));
            }
            else if (table is not null)
            {
                result.Add((pending.Dequeue(), table));
                table = null;
            }
        }
        Assert.Empty(pending);
        return result;
    }

    [GeneratedRegex(@"^(?:\$ )?mosaic .*> (\S+\.json)$")]
    private static partial Regex Redirect();

    [GeneratedRegex(@"`([a-z_0-9]+)`")]
    private static partial Regex Key();
}
