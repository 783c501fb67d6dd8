using System.CommandLine;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class TabulateCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public TabulateCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 300, seed: 3);
    }

    public void Dispose() => _dir.Dispose();

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var run = CliRun.Invoke(args);
        return (run.ExitCode, run.Out, run.Error);
    }

    [Fact]
    public void Tabulate_AsCsv_HasDimensionCodesLabelsValueAndSuppressedColumns()
    {
        var (exit, output, _) = Run("tabulate", "--db", _db, "--indicator", "population", "--by", "adm4,sex", "--format", "csv");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("adm4,adm4_label,sex,sex_label,value,suppressed", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("BD55490917,Ashtamir Char,female,Female,", StringComparison.Ordinal));
        Assert.EndsWith("_total,Total,_total,Total," + lines[^1].Split(',')[4] + ",false", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tabulate_ToTheProcessStdout_PrintsTheWholeTableInOrder_AsWithARedirectedWriter()
    {
        // The real console gets the table through one buffer flushed at the end (not a write per row): a child
        // process's piped stdout must still hold every line, in order, and the prompt's text after it.
        string[] args = ["tabulate", "--db", _db, "--indicator", "population", "--by", "adm4,migratory_status,sex,age_group", "--format", "csv"];
        var (exit, expected, _) = Run(args);
        Assert.Equal(0, exit);

        using var child = MosaicProcess.Start(args);
        var stdout = child.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await child.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(child.ExitCode == 0, await stderr);
        Assert.True(expected.Split('\n').Length > 100, "the table is long enough to span many writes");
        Assert.Equal(expected.ReplaceLineEndings(), (await stdout).ReplaceLineEndings());
    }

    [Fact]
    public void Tabulate_AsHxl_PutsTheHashtagRowUnderTheHeader()
    {
        var (exit, output, _) = Run("tabulate", "--db", _db, "-i", "hh_income_fell_20pct", "--by", "adm4", "--format", "hxl");
        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Equal("adm4,adm4_label,value,denominator,suppressed", lines[0]);
        Assert.Equal("#adm4+code,#adm4+name,#affected+hh+income_loss+pct,#meta+denominator,#meta+suppressed", lines[1]);
    }

    [Fact]
    public void Tabulate_AsTable_MarksSuppressedCellsWithADot()
    {
        var (exit, output, _) = Run("tabulate", "--db", _db, "-i", "returnees", "--by", "village,sex,age_group");
        Assert.Equal(0, exit);
        Assert.Contains("·", output, StringComparison.Ordinal);
        Assert.Contains("Rule: primary suppression", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tabulate_AsXlsx_WritesTableAndMetadataSheets()
    {
        var file = _dir.File("t.xlsx");
        var (exit, _, _) = Run("tabulate", "--db", _db, "-i", "population", "--by", "sex", "--format", "xlsx", "--out", file);
        Assert.Equal(0, exit);
        using var doc = SpreadsheetDocument.Open(file, false);
        var names = doc.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ToList();
        Assert.Equal(["table", "metadata"], names);
    }

    [Fact]
    public void Tabulate_WithAnUnknownDimension_FailsWithUsageAndNamesIt()
    {
        var (exit, _, error) = Run("tabulate", "--db", _db, "-i", "population", "--by", "colour");
        Assert.Equal(2, exit);
        Assert.Contains("unknown field 'colour'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void IndicatorsList_ShowsTheCatalogue()
    {
        var (exit, output, _) = Run("indicators", "list");
        Assert.Equal(0, exit);
        Assert.Contains("hh_remittances_fell", output, StringComparison.Ordinal);
    }
}
