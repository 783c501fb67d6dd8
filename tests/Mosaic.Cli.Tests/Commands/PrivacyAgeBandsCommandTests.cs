using System.Globalization;
using System.Text.Json;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic privacy age-bands</c>: a base set on a new database before its first import governs every suppressed
/// table and microdata file after it; on a registry with households only groups of the current base are accepted.
/// </summary>
public sealed class PrivacyAgeBandsCommandTests : IDisposable
{
    private const string SchoolAges = "0-5,6-11,12-17,18-59,60+";
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PrivacyAgeBandsCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private void ImportHouseholds()
    {
        using var store = TestDb.Open(_db);
        RandomRegistry.Import(store, 200, seed: 11);
    }

    /// <summary>The table's (category, value) rows from its CSV, without the total (persons of unknown age are <c>_missing</c>).</summary>
    private static Dictionary<string, long?> Cells(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(l => l.TrimEnd('\r').Split(','))
            .Where(f => f[0] != "_total")
            .ToDictionary(f => f[0], f => f[2].Length == 0 ? (long?)null : long.Parse(f[2], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    [Fact]
    public void WithoutASetting_TheBuiltInBaseIsShown()
    {
        var run = CliRun.Invoke("privacy", "age-bands", "--db", _db, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.False(json.RootElement.GetProperty("configured").GetBoolean());
        Assert.StartsWith("0-4,5-9,10-14,15-17,18-19,", json.RootElement.GetProperty("base_age_bands").GetString(), StringComparison.Ordinal);
        Assert.Equal("0-4,5-17,18-59,60+", json.RootElement.GetProperty("default_age_bands").GetString());
    }

    [Fact]
    public void ABaseSetBeforeTheFirstImport_GovernsTheTablesAfterIt()
    {
        var set = CliRun.Invoke("privacy", "age-bands", "--db", _db, "--set", SchoolAges);
        Assert.Equal(0, set.ExitCode);
        Assert.Contains($"now set for this database): {SchoolAges}", set.Out + set.Error, StringComparison.Ordinal);
        ImportHouseholds();

        // Without --age-bands the table is by the base itself (DESIGN's default is not a grouping of it).
        var byDefault = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "age_group", "--format", "csv");
        Assert.Equal(0, byDefault.ExitCode);
        Assert.Equal(["0-5", "6-11", "12-17", "18-59", "60+"], Cells(byDefault.Out).Keys.Where(k => k != "_missing"));

        // A grouping of the new base that the built-in base refuses (12 is not a five-year boundary).
        var grouped = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "age_group", "--age-bands", "0-11,12+", "--format", "csv");
        Assert.Equal(0, grouped.ExitCode);
        var cells = Cells(grouped.Out);
        Assert.Equal(["0-11", "12+"], cells.Keys.Where(k => k != "_missing"));
        var bySex = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "csv");
        var total = bySex.Out.Split('\n').Single(l => l.StartsWith("_total,", StringComparison.Ordinal)).Split(',')[2];
        Assert.Equal(long.Parse(total, CultureInfo.InvariantCulture), cells["0-11"] + cells["12+"] + cells.GetValueOrDefault("_missing", 0));

        // DESIGN's default bands are not groups of the school-age base: refused, naming the base.
        var refused = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "sex,age_group", "--age-bands", "0-4,5-17,18-59,60+");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"not groups of the base bands ({SchoolAges})", refused.Error, StringComparison.Ordinal);

        // The same rule for a record-level file with age_group; perturbation still takes any bands.
        var export = CliRun.Invoke("export", "registrations", "--db", _db, "--out", _dir.File("persons.csv"), "--age-bands", "0-4,5-17,18+");
        Assert.Equal(2, export.ExitCode);
        Assert.False(File.Exists(_dir.File("persons.csv")));
        Assert.Equal(0, CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "age_group", "--age-bands", "0-4,5-17,18+",
            "--method", "perturbation").ExitCode);
    }

    [Fact]
    public void OnARegistryWithHouseholds_OnlyGroupsOfTheCurrentBase_AreAccepted_AndARefusalChangesNothing()
    {
        ImportHouseholds();

        var shifted = CliRun.Invoke("privacy", "age-bands", "--db", _db, "--set", SchoolAges);
        Assert.Equal(2, shifted.ExitCode);
        Assert.Contains("already holds households", shifted.Error, StringComparison.Ordinal);
        Assert.Contains("\"configured\": false", CliRun.Invoke("privacy", "age-bands", "--db", _db, "--json").Out, StringComparison.Ordinal);

        Assert.Equal(0, CliRun.Invoke("privacy", "age-bands", "--db", _db, "--set", "0-17,18-59,60+").ExitCode);
        // The tabulation by bands finer than the new base is now refused, though the built-in base allowed it.
        var refused = CliRun.Invoke("tabulate", "--db", _db, "-i", "population", "--by", "age_group", "--age-bands", "0-4,5-17,18-59,60+");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("not groups of the base bands (0-17,18-59,60+)", refused.Error, StringComparison.Ordinal);
    }
}
