using System.Globalization;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// <c>mosaic tabulate</c> on the demo, first building the persisted snapshot and then reading it back: both runs
/// print the same table, and every published cell equals SQL's count over the same file — also after more
/// households were imported (the saved snapshot is extended, never shown stale).
/// </summary>
public sealed class TabulatePersistedSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    private static readonly string[] s_tabulate = ["tabulate", "-i", "population", "--by", "adm4,sex,age_group", "--format", "csv"];

    public TabulatePersistedSnapshotTests()
    {
        _db = TestDb.At(_dir.File("demo.db"));
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "1500", "--no-serve").ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Tabulate_FromTheSavedSnapshot_PrintsTheSameTableAndEveryPublishedCellIsSqlsCount()
    {
        var first = CliRun.Invoke([.. s_tabulate, "--db", _db]);
        Assert.Equal(0, first.ExitCode);
        // SQLite saves the snapshot in the file; PostgreSQL keeps none (it counts in the database or reads its tables).
        if (!TestDb.UsesPostgres)
            Assert.Equal(1L, Scalar("SELECT count(*) > 0 FROM registry_snapshot"));
        var second = CliRun.Invoke([.. s_tabulate, "--db", _db]);
        Assert.Equal(first.Out, second.Out);
        AssertCellsAreSqlCounts(second.Out);
    }

    [Fact]
    public void Tabulate_AfterMoreHouseholdsAreImported_CountsThemAsSqlDoes()
    {
        Assert.Equal(0, CliRun.Invoke([.. s_tabulate, "--db", _db]).ExitCode);
        // A second demo seed into the same file stands for an import of new registrations.
        Assert.Equal(0, CliRun.Invoke("demo", "--db", _db, "--households", "300", "--seed", "99", "--add-to-existing", "--no-serve").ExitCode);

        var after = CliRun.Invoke([.. s_tabulate, "--db", _db]);
        Assert.Equal(0, after.ExitCode);
        var total = AssertCellsAreSqlCounts(after.Out);
        Assert.Equal(Scalar("SELECT count(*) FROM person WHERE mig_status <> 'emigrant'"), total);
    }

    /// <summary>Checks every published cell against SQL GROUP BY; returns the published grand total.</summary>
    private long AssertCellsAreSqlCounts(string csv)
    {
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        int adm4 = Array.IndexOf(header, "adm4"), sex = Array.IndexOf(header, "sex"), age = Array.IndexOf(header, "age_group");
        int value = Array.IndexOf(header, "value"), suppressed = Array.IndexOf(header, "suppressed");
        long? grandTotal = null;
        var checkedCells = 0;
        foreach (var line in lines.Skip(1))
        {
            var f = line.TrimEnd('\r').Split(',');
            if (f[suppressed] == "true")
                continue;
            var where = new List<string> { "p.mig_status <> 'emigrant'" };
            if (f[adm4] != "_total")
                where.Add($"(h.area_pcode = '{f[adm4]}' OR a.parent_pcode = '{f[adm4]}')");
            if (f[sex] != "_total")
                where.Add(f[sex] == "_missing" ? "p.sex IS NULL" : $"p.sex = '{f[sex]}'");
            if (f[age] != "_total")
                where.Add(AgeCondition(f[age]));
            var sql = "SELECT count(*) FROM person p JOIN household h ON h.id = p.household_id LEFT JOIN area a ON a.pcode = h.area_pcode " +
                      "WHERE " + string.Join(" AND ", where);
            var ours = long.Parse(f[value], CultureInfo.InvariantCulture);
            Assert.True(Scalar(sql) == ours, $"{line}: SQL counts {Scalar(sql)}");
            if (f[adm4] == "_total" && f[sex] == "_total" && f[age] == "_total")
                grandTotal = ours;
            checkedCells++;
        }
        Assert.True(checkedCells > 20, $"only {checkedCells} cells published");
        return grandTotal ?? throw new InvalidOperationException("no published grand total");
    }

    private static string AgeCondition(string band) => band switch
    {
        "0-4" => "p.age BETWEEN 0 AND 4",
        "5-17" => "p.age BETWEEN 5 AND 17",
        "18-59" => "p.age BETWEEN 18 AND 59",
        "60+" => "p.age >= 60",
        "_missing" => "p.age IS NULL",
        _ => throw new InvalidOperationException($"unexpected age band {band}"),
    };

    private long Scalar(string sql)
    {
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
