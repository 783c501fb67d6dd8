using System.CommandLine;
using System.Text.RegularExpressions;

namespace Mosaic.Cli.Tests.Docs;

/// <summary>Extracts every documented command: fenced code blocks of the README and the user guides, and --help examples.</summary>
internal static partial class DocSources
{
    /// <summary>The repository root (the folder holding Mosaic.slnx), found from the test binaries upwards.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The documents whose commands run, in reading order: README first, then the guides.</summary>
    public static IReadOnlyList<string> Documents() =>
        ["README.md", .. Directory.GetFiles(Path.Combine(RepositoryRoot, "docs", "user-guide"), "*.md")
            .Select(f => Path.GetRelativePath(RepositoryRoot, f).Replace('\\', '/')).Order(StringComparer.Ordinal)];

    /// <summary>The commands of one document, in order. <c>dotnet run --project src/Mosaic.Cli --</c> counts as <c>mosaic</c>.</summary>
    public static IReadOnlyList<DocCommand> Commands(string document)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot, document));
        var commands = new List<DocCommand>();
        var inBlock = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock)
                continue;
            var transcript = line.StartsWith("$ ", StringComparison.Ordinal);
            var text = transcript ? line[2..] : line;
            text = DotnetRun().Replace(text, "mosaic ");
            if (text.StartsWith("mosaic ", StringComparison.Ordinal) || text.StartsWith("export MOSAIC_DB=", StringComparison.Ordinal))
            {
                var expectsError = transcript && i + 1 < lines.Length && lines[i + 1].TrimStart().StartsWith("error:", StringComparison.Ordinal);
                commands.Add(new DocCommand($"{document}:{i + 1}", text, expectsError));
            }
        }
        return commands;
    }

    /// <summary>Every command's help examples, as (command path, example lines).</summary>
    public static IReadOnlyList<(string Command, IReadOnlyList<DocCommand> Examples)> HelpExamples()
    {
        var result = new List<(string, IReadOnlyList<DocCommand>)>();
        Walk(MosaicCli.Build(), "mosaic", result);
        return result;
    }

    private static void Walk(Command command, string path, List<(string, IReadOnlyList<DocCommand>)> result)
    {
        var examples = new List<DocCommand>();
        var inExamples = false;
        foreach (var raw in (command.Description ?? "").Split('\n'))
        {
            var line = raw.Trim();
            if (line == "Examples:")
            {
                inExamples = true;
                continue;
            }
            if (inExamples && line.StartsWith("mosaic ", StringComparison.Ordinal))
                examples.Add(new DocCommand($"{path} --help", line));
        }
        if (examples.Count > 0)
            result.Add((path, examples));
        foreach (var sub in command.Subcommands)
            Walk(sub, path + " " + sub.Name, result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mosaic.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("Mosaic.slnx not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^dotnet run --project src/Mosaic\.Cli --\s+")]
    private static partial Regex DotnetRun();
}
