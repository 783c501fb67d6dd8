using System.CommandLine;
using System.Text.Json;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Infrastructure;

/// <summary>
/// Issue 11 over the whole command tree (every leaf command, found from the tree itself, so a new command is
/// swept too): <c>--json</c> always prints one JSON document on stdout — the result, or <c>{"error", "exit_code"}</c>
/// when the command fails or its command line does not parse — and no command creates a database except
/// <c>init</c>, <c>demo</c> and the imports.
/// </summary>
public sealed class EveryCommandSweepTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A command line that gets past parsing for each leaf command ({dir} is the test's folder).</summary>
    private static readonly Dictionary<string, string[]> s_valid = new(StringComparer.Ordinal)
    {
        ["demo"] = ["--households", "30", "--no-serve"],
        ["init"] = [],
        ["import areas"] = ["{examples}/areas.csv"],
        ["import registrations"] = ["{examples}/registrations.xlsx"],
        ["import dtm"] = ["{data}/dtm/displacement-admin2-admin0pcode-tcd.json"],
        ["import flows"] = ["{examples}/flows-example.csv"],
        ["import hazards"] = ["{examples}/flood.geojson", "--type", "flood"],
        ["export dtm"] = ["--out", "{dir}/dtm.csv"],
        ["export registrations"] = ["--out", "{dir}/persons.csv"],
        ["mobility summary"] = [],
        ["tabulate"] = ["-i", "population", "--by", "sex"],
        ["indicators list"] = [],
        ["indicators show"] = ["population"],
        ["score"] = [],
        ["target"] = ["--count", "5", "--out", "{dir}/list.csv"],
        ["privacy kanon"] = ["-q", "sex"],
        ["privacy audit"] = ["{dir}/table.csv"],
        ["privacy age-bands"] = [],
        ["publish"] = ["{examples}/publication.json", "--out", "{dir}/published"],
        ["audit list"] = [],
        ["audit verify"] = [],
        ["cluster init"] = ["--shard", "a=postgres://nobody@localhost/x"],
        ["users add"] = ["rahima", "--role", "analyst"],
        ["users list"] = [],
        ["users disable"] = ["rahima"],
        ["users token"] = ["rahima", "--name", "laptop"],
        ["serve"] = [],
    };

    private static readonly HashSet<string> s_creators = new(StringComparer.Ordinal)
    {
        "demo", "init", "import areas", "import registrations", "import dtm", "import flows", "import hazards",
    };

    // Commands that never read the database: the shipped catalogue, a table file, a PostgreSQL cluster's set-up.
    private static readonly Dictionary<string, int> s_withoutDatabase = new(StringComparer.Ordinal)
    {
        ["indicators list"] = 0, ["indicators show"] = 0, ["privacy audit"] = 0, ["cluster init"] = 2,
    };

    public static TheoryData<string> LeafCommands()
    {
        var leaves = new List<string>();
        void Walk(Command command, string path)
        {
            if (command.Subcommands.Count == 0)
                leaves.Add(path);
            foreach (var sub in command.Subcommands)
                Walk(sub, path.Length == 0 ? sub.Name : path + " " + sub.Name);
        }
        Walk(MosaicCli.Build(), "");
        return [.. leaves];
    }

    private string[] Args(string command, string db, params string[] extra)
    {
        Assert.True(s_valid.TryGetValue(command, out var args), $"'{command}' is a new command: add a valid command line for it to this sweep");
        File.WriteAllText(Path.Combine(_dir.Path, "table.csv"), "sex,sex_label,value,suppressed\nfemale,Female,10,false\nmale,Male,12,false\n_total,Total,22,false\n");
        var examples = Path.Combine(AppContext.BaseDirectory, "docs", "examples");
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var copied = new List<string>();
        foreach (var a in args)
        {
            var value = a.Replace("{dir}", _dir.Path, StringComparison.Ordinal);
            if (a.StartsWith("{examples}/", StringComparison.Ordinal) || a.StartsWith("{data}/", StringComparison.Ordinal))
            {
                // Imports write their report beside the input: work on a copy, never on the shipped file.
                var source = a.StartsWith("{examples}/", StringComparison.Ordinal) ? Path.Combine(examples, a["{examples}/".Length..]) : Path.Combine(data, a["{data}/".Length..]);
                value = Path.Combine(_dir.Path, Path.GetFileName(source));
                File.Copy(source, value, overwrite: true);
            }
            copied.Add(value);
        }
        return [.. command.Split(' '), .. copied, "--db", db, .. extra];
    }

    private static JsonElement SingleJsonDocument(string stdout, string what)
    {
        try
        {
            using var doc = JsonDocument.Parse(stdout);
            return doc.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            Assert.Fail($"{what}: stdout is not one JSON document ({ex.Message}):\n{stdout}");
            throw;
        }
    }

    [Theory]
    [MemberData(nameof(LeafCommands))]
    public void OnAMissingDatabase_OnlyInitDemoAndImportsCreateOne_AndJsonIsPrinted(string command)
    {
        var folder = Path.Combine(_dir.Path, "typo");
        var db = TestDb.At(Path.Combine(folder, "mosaic.db"));
        var run = CliRun.Invoke(Args(command, db, "--json"));

        var json = SingleJsonDocument(run.Out, command);
        if (s_creators.Contains(command))
        {
            Assert.True(TestDb.Exists(db), $"{command} should create its database: {run.Error}");
            return;
        }
        Assert.False(Directory.Exists(folder), $"{command} created {folder}");
        if (s_withoutDatabase.TryGetValue(command, out var expected))
        {
            // Given a PostgreSQL coordinator, `cluster init` gets past its usage check and fails on the shard that
            // does not answer (on SQLite it refuses the file as a coordinator).
            if (command == "cluster init" && TestDb.UsesPostgres)
                expected = 4;
            Assert.Equal(expected, run.ExitCode);
            if (expected == 0)
                return;
        }
        else
        {
            Assert.True(run.ExitCode == 4, $"{command}: exit {run.ExitCode}, {run.Error}");
            Assert.Contains("no database at " + TestDb.Describe(db) + ": create one with `mosaic init` or `mosaic demo`", run.Error, StringComparison.Ordinal);
        }
        Assert.Equal(run.ExitCode, json.GetProperty("exit_code").GetInt32());
        Assert.False(string.IsNullOrEmpty(json.GetProperty("error").GetString()));
        Assert.Contains("error: ", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LeafCommands))]
    public void ACommandLineThatDoesNotParse_WithJson_PrintsTheErrorAsJsonNotTheHelp(string command)
    {
        var db = TestDb.At(Path.Combine(_dir.Path, "never.db"));
        var run = CliRun.Invoke(Args(command, db, "--no-such-option", "--json"));

        Assert.Equal(1, run.ExitCode);
        var json = SingleJsonDocument(run.Out, command);
        Assert.Contains("--no-such-option", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, json.GetProperty("exit_code").GetInt32());
        Assert.Contains("error: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Usage:", run.Out, StringComparison.Ordinal);
        Assert.False(TestDb.Exists(db));
    }
}
