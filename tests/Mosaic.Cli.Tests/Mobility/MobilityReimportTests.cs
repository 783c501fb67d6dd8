using System.Text.Json;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary>
/// Issue 11, build 6, through the CLI on the shipped files: importing the same DTM or flows file again says
/// <c>unchanged</c> and writes nothing; a flows file that renames or moves a stored point says so by name, and the
/// database holds the new description (read back with plain SQL).
/// </summary>
public sealed class MobilityReimportTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MobilityReimportTests()
    {
        _db = TestDb.At(_dir.File("mobility.db"));
        Assert.Equal(0, CliRun.Invoke("init", "--db", _db).ExitCode);
    }

    public void Dispose() => _dir.Dispose();

    private string Copy(string source, string name)
    {
        var path = _dir.File(name);
        File.Copy(source, path);
        return path;
    }

    private static string FlowsExample => Path.Combine(AppContext.BaseDirectory, "docs", "examples", "flows-example.csv");

    private string Sql(string query)
    {
        using var connection = TestDb.OpenSql(_db, readOnly: true);
        using var cmd = connection.CreateCommand();
        cmd.CommandText = query;
        return Convert.ToString(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    [Fact]
    public void Flows_SameFileAgain_ReportsEverythingUnchanged()
    {
        var file = Copy(FlowsExample, "flows.csv");
        var first = CliRun.Invoke("import", "flows", file, "--db", _db);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("1 new", first.Out, StringComparison.Ordinal);
        var rows = Sql("SELECT count(*) FROM flow_observation");

        var again = CliRun.Invoke("import", "flows", file, "--db", _db, "--json");
        Assert.Equal(0, again.ExitCode);
        var json = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(0, json.GetProperty("inserted").GetInt32());
        Assert.Equal(0, json.GetProperty("updated").GetInt32());
        Assert.Equal(12, json.GetProperty("unchanged").GetInt32());
        Assert.Equal(1, json.GetProperty("points_unchanged").GetInt32());
        Assert.Equal(0, json.GetProperty("points_changed").GetInt32());
        Assert.Equal(0, json.GetProperty("warnings").GetInt32());
        Assert.Equal(rows, Sql("SELECT count(*) FROM flow_observation"));
        Assert.False(File.Exists(file + ".errors.csv"));

        var text = CliRun.Invoke("import", "flows", file, "--db", _db);
        Assert.Contains("(0 new, 0 changed, 1 unchanged); 0 observations inserted, 0 updated, 12 unchanged", text.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", text.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Flows_PointRenamedAndMoved_IsReportedByName()
    {
        Assert.Equal(0, CliRun.Invoke("import", "flows", Copy(FlowsExample, "flows.csv"), "--db", _db).ExitCode);
        var renamed = _dir.File("flows-renamed.csv");
        File.WriteAllText(renamed, File.ReadAllText(FlowsExample)
            .Replace("Chilmari river ghat,river_border,BD55490931,25.548,89.728", "Chilmari ghat (Brahmaputra),river_border,BD55490931,25.551,89.731", StringComparison.Ordinal));

        var run = CliRun.Invoke("import", "flows", renamed, "--db", _db);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("(0 new, 1 changed, 0 unchanged)", run.Out, StringComparison.Ordinal);
        Assert.Contains("row 2, column 'point_name': warning: point BGD-FMP-CHL-01 renamed from 'Chilmari river ghat' to 'Chilmari ghat (Brahmaputra)'", run.Error, StringComparison.Ordinal);
        Assert.Contains("warning: point BGD-FMP-CHL-01 ('Chilmari ghat (Brahmaputra)') moves from 25.548 89.728 to 25.551 89.731", run.Error, StringComparison.Ordinal);
        Assert.Contains("0 rejected row(s), 2 warning(s) written to", run.Error, StringComparison.Ordinal);
        // Warnings alone go to a warnings file: an "errors" file would say rows were left out.
        Assert.False(File.Exists(renamed + ".errors.csv"));
        var report = File.ReadAllLines(renamed + ".warnings.csv");
        Assert.Equal("file,sheet,row,column,value,reason", report[0]);
        Assert.Contains(report, l => l.StartsWith("flows-renamed.csv,,2,point_name,Chilmari ghat (Brahmaputra),warning: point BGD-FMP-CHL-01 renamed", StringComparison.Ordinal));
        Assert.Equal("Chilmari ghat (Brahmaputra)", Sql("SELECT name FROM flow_point WHERE code = 'BGD-FMP-CHL-01'"));
        Assert.Equal("1", Sql("SELECT count(*) FROM flow_point"));
        // The observations were already stored: nothing else changed.
        Assert.Contains("0 observations inserted, 0 updated, 12 unchanged", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Dtm_SameFileAgain_ReportsEveryRecordUnchanged()
    {
        var file = Copy(TestData.Path("dtm", "displacement-admin2-admin0pcode-tcd.json"), "tcd.json");
        var first = CliRun.Invoke("import", "dtm", file, "--db", _db, "--json");
        Assert.Equal(0, first.ExitCode);
        var read = JsonDocument.Parse(first.Out).RootElement.GetProperty("records_read").GetInt32();
        Assert.Equal(read, JsonDocument.Parse(first.Out).RootElement.GetProperty("inserted").GetInt32());
        var stored = Sql("SELECT count(*) FROM mobility_assessment");
        var counts = Sql("SELECT count(*) || '/' || sum(individuals) FROM mobility_count");

        var again = CliRun.Invoke("import", "dtm", file, "--db", _db, "--json");
        Assert.Equal(0, again.ExitCode);
        var json = JsonDocument.Parse(again.Out).RootElement;
        Assert.Equal(0, json.GetProperty("inserted").GetInt32());
        Assert.Equal(0, json.GetProperty("updated").GetInt32());
        Assert.Equal(read, json.GetProperty("unchanged").GetInt32());
        Assert.Equal(stored, Sql("SELECT count(*) FROM mobility_assessment"));
        Assert.Equal(counts, Sql("SELECT count(*) || '/' || sum(individuals) FROM mobility_count"));

        var text = CliRun.Invoke("import", "dtm", file, "--db", _db);
        Assert.Contains($"0 inserted, 0 updated, {read} unchanged", text.Out, StringComparison.Ordinal);
    }
}
