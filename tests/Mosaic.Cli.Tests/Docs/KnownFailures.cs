namespace Mosaic.Cli.Tests.Docs;

/// <summary>
/// <c>known-failures.txt</c>: documented commands that do not yet run as written, one per line as
/// <c>GROUP | COMMAND</c> (GROUP is the document path or <c>mosaic VERB --help</c>). Lines starting with # are comments.
/// </summary>
internal static class KnownFailures
{
    private static readonly Lazy<ILookup<string, string>> s_all = new(() =>
        File.ReadAllLines(Path.Combine(DocSources.RepositoryRoot, "tests", "Mosaic.Cli.Tests", "Docs", "known-failures.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(" | ", 2))
            .ToLookup(p => p[0], p => p[1], StringComparer.Ordinal));

    public static IReadOnlySet<string> For(string group) => s_all.Value[group].ToHashSet(StringComparer.Ordinal);
}
