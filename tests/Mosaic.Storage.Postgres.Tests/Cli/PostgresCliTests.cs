using System.Text.RegularExpressions;

namespace Mosaic.Storage.Postgres.Tests.Cli;

/// <summary>
/// <c>mosaic demo --db postgres://…</c> and then every command on that database, each compared with the same
/// command on the same demo in an SQLite file: the SQLite provider, an independent implementation of the store
/// contract, is the oracle. Outputs must be equal once the working folder and the database name are masked.
/// </summary>
public sealed partial class PostgresCliTests(PostgresServer server, CliSideBySide sides) : IClassFixture<CliSideBySide>
{
    /// <summary>
    /// Command lines run on both sides; {dir} is the side's working folder. A row may chain commands with " ; " (run
    /// in that order): rows themselves run in no guaranteed order, on the same two databases.
    /// </summary>
    public static TheoryData<string> Commands() =>
    [
        "tabulate -i population --by adm4,migratory_status,sex --format csv",
        "tabulate -i hh_income_fell_20pct --by adm4,head_sex --format csv",
        "tabulate -i returnees --by sex,age_group --area BD554909 --format hxl --out {dir}/returnees.csv",
        "tabulate -i population --by adm1 --format json",
        "score --json",
        "target --count 40 --area BD554909 --out {dir}/targets.csv",
        "target --budget 100000 --transfer 2500 --quota equal --exclude-assisted --out {dir}/budget.csv",
        "privacy kanon --quasi adm4,sex,age_group,migratory_status --json",
        "privacy kanon -q adm4,dwelling,head_sex --unit household",
        "export dtm --dataset demo --format hxl",
        "import registrations {dir}/kobo/households.csv --members {dir}/kobo/members.csv --json",
        "import areas tests/data/cod/global-pcodes-adm-1-2.csv --json",
        "import flows docs/examples/flows-example.csv --json",
        "import dtm tests/data/dtm/displacement-admin2-admin0pcode-tcd.json --json",
        "import hazards {dir}/flood.geojson --type flood --name river-flood --json ; score --json ; target --count 30 --out {dir}/flooded.csv",
        "users add rahima --role manager --scope BD554909 --password-stdin ; users disable rahima ; users list --json",
        "target --count 10 --include-contacts --out {dir}/contacts.csv ; audit list --json ; audit verify --json",
        "publish docs/examples/publication.json --out {dir}/publication --json",
    ];

    [Fact]
    public void MobilitySummary_OnPostgres_GivesWhatItGivesOnSqlite_UpToTheRegistrysPerturbation()
    {
        server.RequireServer();
        var outputs = sides.Sides.Select(side => CliRun.Invoke("mobility", "summary", "--format", "csv", "--db", side.Db)).ToList();
        Assert.All(outputs, o => Assert.Equal(0, o.ExitCode));
        var (pg, sqlite) = (Lines(outputs[0].Out), Lines(outputs[1].Out));
        // Registry counts carry cell-key noise from the record keys each store draws at import (a cell perturbed to
        // nothing is left out): the DTM and flow-monitoring rows must be equal, the registry rows there on both.
        static bool IsRegistry(string line) => line.StartsWith("registry,", StringComparison.Ordinal);
        Assert.Equal(sqlite.Where(l => !IsRegistry(l)), pg.Where(l => !IsRegistry(l)));
        Assert.True(sqlite.Count(l => !IsRegistry(l)) > 10);
        Assert.Contains(sqlite, IsRegistry);
        Assert.Contains(pg, IsRegistry);
    }

    private static List<string> Lines(string csv) => [.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)];

    [Fact]
    public async Task Init_OnAnEmptyPostgresDatabase_CreatesTheSchemaAndSaysSo()
    {
        server.RequireServer();
        var name = server.CreateDatabase(migrated: false);
        try
        {
            var run = CliRun.Invoke("init", "--db", server.ConnectionString(name));
            Assert.True(run.ExitCode == 0, run.Error);
            using var database = PostgresDatabase.Open(server.ConnectionString(name));
            Assert.Equal(database.LatestSchemaVersion, await database.ReadSchemaVersionAsync(TestContext.Current.CancellationToken));
            Assert.Contains($"is ready (schema version {database.LatestSchemaVersion})", run.Error + run.Out, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", run.Error + run.Out, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            server.DropDatabase(name);
        }
    }

    [Fact]
    public void Demo_OnPostgres_ReportsWhatTheSqliteDemoReports()
    {
        server.RequireServer();
        Assert.Equal(2, sides.Demos.Count);
        Assert.Equal(0, sides.Demos[0].ExitCode);
        Assert.Equal(Mask(sides.Demos[1].Out, sides.Sqlite, sides.SqliteFolder.Path), Mask(sides.Demos[0].Out, sides.Postgres, sides.PostgresFolder.Path));
        Assert.Contains(CliSideBySide.Households.ToString(System.Globalization.CultureInfo.InvariantCulture), sides.Demos[0].Out, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Command_OnPostgres_GivesWhatItGivesOnSqlite(string command)
    {
        server.RequireServer();
        foreach (var step in command.Split(" ; "))
        {
            var results = new List<(CliRun Run, string Out, string? File)>();
            foreach (var (db, folder) in sides.Sides)
            {
                File.WriteAllText(Path.Combine(folder, "flood.geojson"), FloodMap);
                var args = Split(step.Replace("{dir}", folder, StringComparison.Ordinal)).Select(a => Repo(a, folder)).Append("--db").Append(db).ToArray();
                var run = step.Contains("--password-stdin", StringComparison.Ordinal) ? WithStdin("a long enough password\n", args) : CliRun.Invoke(args);
                var outFile = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
                results.Add((run, Mask(run.Out + run.Error, db, folder), outFile is null ? null : Mask(ReadOut(outFile), db, folder)));
            }
            var (pg, sqlite) = (results[0], results[1]);
            Assert.True(sqlite.Run.ExitCode == 0, $"{step}: the oracle failed: {sqlite.Out}");
            Assert.True(pg.Run.ExitCode == 0, $"{step}: {pg.Out}");
            // Something to compare: a report, a table, or the file written.
            Assert.False(string.IsNullOrWhiteSpace(sqlite.File ?? sqlite.Out), step);
            Assert.Equal(sqlite.Out, pg.Out);
            Assert.Equal(sqlite.File, pg.File);
        }
    }

    /// <summary>What a command wrote to --out: the file, or every file of the folder (name and content, by name).</summary>
    private static string ReadOut(string path) => Directory.Exists(path)
        ? string.Concat(Directory.GetFiles(path).Order(StringComparer.Ordinal).Select(f => Path.GetFileName(f) + "\n" + File.ReadAllText(f)))
        : File.ReadAllText(path);

    /// <summary>Masks what differs by design: the database's name, the working folder, times, the chain head.</summary>
    private static string Mask(string text, string db, string folder)
    {
        var masked = text.Replace(db, "{db}", StringComparison.Ordinal);
        masked = masked.Replace(folder, "{dir}", StringComparison.Ordinal);
        masked = PostgresDescription().Replace(masked, "{db}");
        masked = Iso8601().Replace(masked, "{time}");
        return Hash().Replace(masked, "{hash}");
    }

    /// <summary>
    /// A copy, in the side's working folder, of a file the repository ships (test data, examples): imports write their
    /// reports beside their input, which must not land in the repository.
    /// </summary>
    private static string Repo(string arg, string folder)
    {
        if (!arg.StartsWith("tests/data/", StringComparison.Ordinal) && !arg.StartsWith("docs/examples/", StringComparison.Ordinal))
            return arg;
        var copy = Path.Combine(folder, "inputs", arg);
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        File.Copy(Path.Combine(RepositoryRoot, arg), copy, overwrite: true);
        return copy;
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mosaic.slnx")))
                    return dir.FullName;
            }
            throw new InvalidOperationException("Mosaic.slnx not found");
        }
    }

    private static string[] Split(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static CliRun WithStdin(string input, string[] args)
    {
        var previous = Console.In;
        Console.SetIn(new StringReader(input));
        try
        {
            return CliRun.Invoke(args);
        }
        finally
        {
            Console.SetIn(previous);
        }
    }

    /// <summary>A flood polygon over the south-west of Chilmari (WGS84 lon/lat).</summary>
    private const string FloodMap = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"severity":0.8},
         "geometry":{"type":"Polygon","coordinates":[[[89.55,25.45],[89.72,25.45],[89.72,25.58],[89.55,25.58],[89.55,25.45]]]}}]}
        """;

    [GeneratedRegex(@"postgres://[^\s""/]+/[A-Za-z0-9_]+")]
    private static partial Regex PostgresDescription();

    [GeneratedRegex(@"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?")]
    private static partial Regex Iso8601();

    [GeneratedRegex(@"\b[0-9a-f]{64}\b")]
    private static partial Regex Hash();
}
