using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Mobility;

/// <summary><c>mosaic import flows</c> on a real XLSX workbook with the documented columns (docs/examples/flows-example.csv).</summary>
public sealed class FlowXlsxTests
{
    private static string ExampleFile => Path.Combine(AppContext.BaseDirectory, "docs", "examples", "flows-example.csv");

    [Fact]
    public async Task ImportFlows_XlsxWithTheDocumentedColumns_StoresWhatTheCsvExampleStores()
    {
        var (csvJson, csvRows) = await ImportThroughCli("flows.csv", path => File.Copy(ExampleFile, path));
        var (xlsxJson, xlsxRows) = await ImportThroughCli("flows.xlsx", path => XlsxTestFile.Write(path, ("flows", ExampleAsCells())));

        foreach (var field in new[] { "committed", "points", "observations_read", "inserted", "rows_rejected", "observations_total" })
            Assert.Equal(csvJson.GetProperty(field).ToString(), xlsxJson.GetProperty(field).ToString());
        Assert.Equal(12, xlsxJson.GetProperty("inserted").GetInt32());
        Assert.Equal(csvRows, xlsxRows);
    }

    [Fact]
    public async Task ImportFlows_XlsxWithDatesAsSpreadsheetDates_ReadsTheCalendarDays()
    {
        var (csvJson, csvRows) = await ImportThroughCli("flows.csv", path => File.Copy(ExampleFile, path));
        var (xlsxJson, xlsxRows) = await ImportThroughCli("flows.xlsx", path =>
        {
            // What a spreadsheet program saves for a typed date: a day serial number with a date format.
            var rows = ExampleAsCells();
            var dateColumn = Array.IndexOf(rows[0], "date");
            foreach (var row in rows.Skip(1))
                row[dateColumn] = DateOnly.ParseExact((string)row[dateColumn]!, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(TimeOnly.MinValue).ToOADate();
            XlsxTestFile.Write(path, ("flows", rows));
            StyleColumnAsDate(path, dateColumn);
        });
        Assert.Equal(csvJson.GetProperty("inserted").ToString(), xlsxJson.GetProperty("inserted").ToString());
        Assert.Equal(0, xlsxJson.GetProperty("rows_rejected").GetInt32());
        Assert.Equal(csvRows, xlsxRows);
    }

    /// <summary>The example's cells, numbers as numeric cells and empty cells left out, as a spreadsheet saves them.</summary>
    private static object?[][] ExampleAsCells() =>
        [.. File.ReadAllLines(ExampleFile).Where(l => l.Length > 0).Select(line => line.Split(',').Select(object? (cell) =>
            cell.Length == 0 ? null
            : double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
            : cell).ToArray())];

    private static async Task<(JsonElement Json, List<string> Rows)> ImportThroughCli(string name, Action<string> write)
    {
        using var t = new MobilityTestStore();
        t.Store.Dispose();
        var path = t.File(name);
        write(path);
        var run = CliRun.Invoke("import", "flows", path, "--db", t.DbPath, "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        t.Reopen();
        // Everything stored about each observation except where it came from.
        var rows = (await t.Store.Mobility.ReadFlowObservationsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Select(o => (o with { Provenance = null }).ToString()).ToList();
        rows.AddRange((await t.Store.Mobility.ReadFlowPointsAsync(TestContext.Current.CancellationToken)).Select(p => $"{p.Code} {p.Name} {p.Type} {p.AreaPcode} {p.Location} {string.Join(' ', p.Countries)}"));
        return (run.Json.Clone(), rows);
    }

    private static void StyleColumnAsDate(string path, int column)
    {
        using var document = SpreadsheetDocument.Open(path, true);
        var workbook = document.WorkbookPart!;
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        // Format 0 is General; format 1 uses the built-in short date (number format id 14).
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()) { Count = 1 },
            new Fills(new Fill()) { Count = 1 },
            new Borders(new Border()) { Count = 1 },
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true }) { Count = 2 });
        var letter = ((char)('A' + column)).ToString();
        foreach (var part in workbook.WorksheetParts)
        {
            foreach (var cell in part.Worksheet.Descendants<Cell>().Where(c => c.CellReference!.Value!.StartsWith(letter, StringComparison.Ordinal) && char.IsAsciiDigit(c.CellReference.Value[1]) && c.DataType is null))
                cell.StyleIndex = 1;
            part.Worksheet.Save();
        }
    }
}
