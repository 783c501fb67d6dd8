using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Core.Areas.Import;
using Mosaic.Core.Demo;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Registry.Export;
using Mosaic.Storage.Contract;

namespace Mosaic.Core.Tests.Registry.Export;

public sealed class KoboExportWriterTests : IDisposable
{
    private static readonly string[] s_householdColumns =
    [
        "_index", "_uuid", "_submission_time", "consent", "hh_id", "adm_pcode", "gps", "dwelling", "income_before", "income_now",
        "remittances", "remittance_amount", "remittance_change", "debt", "savings", "assistance_received", "shocks", "ref_welfare",
    ];

    private static readonly string[] s_memberColumns =
    [
        "_index", "_parent_index", "_parent_table_name", "name", "phone", "sex", "age", "relation", "mig_status", "prev_country",
        "prev_pcode", "move_date", "move_reason", "wg_seeing", "wg_hearing", "wg_walking", "wg_remembering", "wg_selfcare",
        "wg_communicating", "in_school", "employed_before", "employed_now",
    ];

    private readonly TempDirectory _dir = new();
    private readonly DemoGenerator _demo = new(new DemoOptions { Households = 200, Seed = 5 });

    [Fact]
    public void Export_Csvs_HaveExactlyTheStandardColumnsAndOneRowPerHouseholdAndPerson()
    {
        var result = KoboExportWriter.Write(_dir.Path, _demo.Households());
        var persons = _demo.Households().Sum(h => h.Members.Count);
        Assert.Equal((200L, (long)persons), (result.Households, result.Persons));

        var households = ReadCsv(_dir.File("households.csv"));
        var members = ReadCsv(_dir.File("members.csv"));
        Assert.Equal(s_householdColumns, households[0]);
        Assert.Equal(s_memberColumns, members[0]);
        Assert.Equal(200, households.Count - 1);
        Assert.Equal(persons, members.Count - 1);
        Assert.All(households.Skip(1), r => Assert.Equal(s_householdColumns.Length, r.Length));
        Assert.All(members.Skip(1), r => Assert.Equal(s_memberColumns.Length, r.Length));
        // Members link to their household's _index.
        var first = _demo.Household(0);
        Assert.Equal(first.Members.Count, members.Skip(1).Count(r => r[1] == "1"));
        Assert.Equal(first.SubmissionId, households[1][1]);
    }

    [Fact]
    public void Export_Csvs_AreUtf8WithoutBom_WithFormCodesAndIsoDates()
    {
        KoboExportWriter.Write(_dir.Path, _demo.Households());
        var bytes = File.ReadAllBytes(_dir.File("households.csv"));
        Assert.NotEqual(0xEF, bytes[0]);
        var households = ReadCsv(_dir.File("households.csv")).Skip(1).ToList();
        Assert.All(households, r => Assert.Equal("yes", r[3]));
        Assert.All(households, r => Assert.Matches(@"^2026-\d\d-\d\dT\d\d:\d\d:\d\d$", r[2]));
        Assert.All(households.Where(r => r[6].Length > 0), r => Assert.Matches(@"^25\.\d+ 89\.\d+ \d+(\.\d)? \d+(\.\d)?$", r[6]));
        Assert.All(households.Where(r => r[16].Length > 0), r => Assert.All(r[16].Split(' '),
            s => Assert.Contains(s, new[] { "flood", "erosion", "cyclone", "drought", "job_loss", "illness", "death", "conflict" })));
        var members = ReadCsv(_dir.File("members.csv")).Skip(1).ToList();
        Assert.All(members.Where(r => r[11].Length > 0), r => Assert.Matches(@"^\d{4}-\d\d-\d\d$", r[11]));
        Assert.All(members, r => Assert.Contains(r[19], new[] { "", "yes", "no" }));
        Assert.Contains(members, r => r[13].Length == 0);
    }

    [Fact]
    public void CsvTableWriter_QuotesFieldsWithCommasQuotesAndNewlines()
    {
        var path = _dir.File("q.csv");
        using (var w = new CsvTableWriter(path))
            w.WriteRow([(ExportCell)"Rahim, Jr.", (ExportCell)"say \"hi\"", (ExportCell)"two\nlines", ExportCell.Of(1.5), ExportCell.Empty]);
        Assert.Equal("\"Rahim, Jr.\",\"say \"\"hi\"\"\",\"two\nlines\",1.5,\n", File.ReadAllText(path));
    }

    [Fact]
    public void Export_Xlsx_HasTheKoboSheets_NumericCellsForNumbers_AndTheSameRowsAsTheCsvs()
    {
        KoboExportWriter.Write(_dir.Path, _demo.Households());
        using var doc = SpreadsheetDocument.Open(_dir.File("registrations.xlsx"), false);
        var wb = doc.WorkbookPart!;
        var sheets = wb.Workbook.Sheets!.Elements<Sheet>().ToList();
        Assert.Equal(["household-registration", "members"], sheets.Select(s => s.Name!.Value));
        var hRows = Rows(wb, sheets[0]);
        var mRows = Rows(wb, sheets[1]);
        Assert.Equal(s_householdColumns, hRows[0].Select(c => c.Value));
        Assert.Equal(s_memberColumns, mRows[0].Select(c => c.Value));
        Assert.Equal(ReadCsv(_dir.File("households.csv")).Count, hRows.Count);
        Assert.Equal(ReadCsv(_dir.File("members.csv")).Count, mRows.Count);

        var row = hRows[1];
        Assert.Equal(("A2", true, "1"), (row[0].Reference, row[0].Numeric, row[0].Value));
        Assert.False(row.Single(c => c.Reference == "F2").Numeric);
        var income = row.FirstOrDefault(c => c.Reference == "I2");
        Assert.True(income.Value is null || income.Numeric);
        Assert.True(mRows[1].Single(c => c.Reference == "G2").Numeric, "age is a numeric cell");
    }

    [Fact]
    public void AreaExport_ReadsBackWithTheAreaImporterReaders()
    {
        var files = AreaExportWriter.Write(_dir.Path, _demo.Areas());
        var table = PcodeTableReader.Read(ImportSource.FromFile(files[0]));
        Assert.Empty(table.Issues);
        Assert.Equal(_demo.Areas().Select(a => (a.Pcode, a.Name, a.Level, a.ParentPcode)),
            table.Areas.Select(a => (a.Area.Pcode, a.Area.Name, a.Area.Level, a.Area.ParentPcode)));
        var boundaries = BoundaryReader.Read(ImportSource.FromFile(files[1]));
        Assert.Empty(boundaries.Issues);
        Assert.Equal(_demo.Areas().Count(a => a.Boundary is not null), boundaries.Areas.Count);
        Assert.All(boundaries.Areas, a => Assert.Equal(_demo.Areas().Single(x => x.Pcode == a.Area.Pcode).Level, a.Area.Level));
    }

    private static List<string[]> ReadCsv(string path)
    {
        using var csv = CsvReader.Open(path, ',');
        var rows = new List<string[]>();
        while (csv.Read())
            rows.Add([.. csv.Fields]);
        return rows;
    }

    private static List<List<(string Reference, bool Numeric, string? Value)>> Rows(WorkbookPart wb, Sheet sheet)
    {
        var part = (WorksheetPart)wb.GetPartById(sheet.Id!);
        return [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c =>
            (c.CellReference!.Value!, c.DataType is null, c.DataType is null ? c.CellValue?.Text : c.InlineString?.InnerText)).ToList())];
    }

    public void Dispose() => _dir.Dispose();
}
