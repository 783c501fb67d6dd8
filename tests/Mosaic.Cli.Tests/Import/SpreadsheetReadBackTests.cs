using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Cli.Infrastructure;
using Mosaic.Cli.Tests.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// Issue 11, "done when": a contact list with formula-shaped names, opened by a real spreadsheet (LibreOffice
/// Calc, formulas evaluated as on a double-click), shows text, not a formula. The oracle is what Calc itself saved
/// (the cells of the XLSX it wrote, read with DocumentFormat.OpenXml), and the same list written with
/// <c>--raw-csv</c> must come back with formulas, so the check can fail.
/// </summary>
public sealed class SpreadsheetReadBackTests : IDisposable
{
    private static readonly string[] s_names = ["=HYPERLINK(\"http://evil.example\",\"open\")", "+cmd|' /C calc'!A0", "@SUM(A1)", "=1+1", "Amina Begum"];
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public SpreadsheetReadBackTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        FormulaShapedRegistry.Create(_db, s_names, "=2+3").GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private string ContactListAsCalcSavedIt(string name, params string[] extra)
    {
        LibreOffice.Require();
        var csv = _dir.File(name + ".csv");
        var run = CliRun.Invoke(["target", "--count", "20", "--quota", "none", "--include-contacts", "--out", csv, "--db", _db, .. extra]);
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var folder = Path.Combine(_dir.Path, name);
        Directory.CreateDirectory(folder);
        return LibreOffice.CsvToXlsx(csv, folder);
    }

    /// <summary>Every cell of the first sheet: its column header, whether Calc made it a formula, and the text it shows.</summary>
    private static List<(string Column, bool Formula, string Shown)> Cells(string xlsx)
    {
        using var doc = SpreadsheetDocument.Open(xlsx, false);
        var workbook = doc.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = sheet.Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText
            : c.CellValue?.Text ?? "";
        static string ColumnOf(Cell c) => new([.. c.CellReference!.Value!.TakeWhile(char.IsLetter)]);
        var headers = rows[0].Elements<Cell>().ToDictionary(ColumnOf, Text);
        return [.. rows.Skip(1).SelectMany(r => r.Elements<Cell>()).Select(c => (headers.GetValueOrDefault(ColumnOf(c)) ?? ColumnOf(c), c.CellFormula is not null, Text(c)))];
    }

    [Fact]
    public void ContactList_OpenedInCalc_ShowsFormulaShapedNamesAsTextAndHasNoFormula()
    {
        var cells = Cells(ContactListAsCalcSavedIt("contacts"));

        Assert.DoesNotContain(cells, c => c.Formula);
        var names = cells.Where(c => c.Column == "head_name").Select(c => c.Shown).ToList();
        var phones = cells.Where(c => c.Column == "phone").Select(c => c.Shown).ToList();
        Assert.Equal(20, names.Count);
        // What the officer reads: the name as registered (Calc may show the guard's apostrophe), never a result.
        Assert.Contains(names, n => n.TrimStart('\'') == "=HYPERLINK(\"http://evil.example\",\"open\")");
        Assert.Contains(names, n => n.TrimStart('\'') == "+cmd|' /C calc'!A0");
        Assert.Contains(names, n => n.TrimStart('\'') == "@SUM(A1)");
        Assert.Contains(names, n => n.TrimStart('\'') == "=1+1");
        Assert.Contains("Amina Begum", names);
        Assert.All(phones, p => Assert.Equal("=2+3", p.TrimStart('\'')));
        Assert.DoesNotContain(cells, c => c.Shown is "2" or "5" && c.Column is "head_name" or "phone");
    }

    [Fact]
    public void ContactList_WithRawCsv_OpenedInCalc_RunsTheFormulas()
    {
        // The control: without the guard Calc evaluates the cells, which is what the guard prevents.
        var cells = Cells(ContactListAsCalcSavedIt("raw", "--raw-csv"));

        Assert.Contains(cells, c => c.Column == "phone" && c.Formula && c.Shown == "5");
        Assert.Contains(cells, c => c.Column == "head_name" && c.Formula && c.Shown == "2");
    }
}
