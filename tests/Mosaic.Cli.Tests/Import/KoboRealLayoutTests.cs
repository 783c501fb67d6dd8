using System.Runtime.CompilerServices;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// A KoboToolbox XLSX export in Kobo's own layout (<see cref="KoboReachExport"/>: groups in headers, a repeat sheet
/// with Kobo's metadata columns, split select-multiples, consent in two branches) imports end to end, and every
/// row of the file is accounted for: imported, declined or rejected with its row and reason.
/// </summary>
public sealed class KoboRealLayoutTests : IDisposable
{
    private const string File = "kobo-reach-export.xlsx";

    private readonly TempDirectory _dir = new();
    private readonly string _db;
    private readonly string _xlsx;

    public KoboRealLayoutTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using (var store = TestDb.Open(_db))
            store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
        _xlsx = _dir.File(File);
        // Absent only before the first MOSAIC_UPDATE_TESTDATA run; the other tests then fail on the missing file.
        if (System.IO.File.Exists(TestData.Path("registrations", File)))
            System.IO.File.Copy(TestData.Path("registrations", File), _xlsx);
    }

    public void Dispose() => _dir.Dispose();

    private static string Committed([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "../../data/registrations", File));

    private CliRun Import(params string[] extra) =>
        CliRun.Invoke(["import", "registrations", _xlsx, "--mapping", TestData.Path("registrations", "kobo-reach-mapping.json"), "--db", _db, "--json", .. extra]);

    /// <summary>Cells of each sheet, read with DocumentFormat.OpenXml (not Mosaic's reader): sheet name → rows of text.</summary>
    private static Dictionary<string, List<string[]>> Sheets(string path)
    {
        using var doc = SpreadsheetDocument.Open(path, false);
        var book = doc.WorkbookPart!;
        var shared = book.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToArray() ?? [];
        var result = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        foreach (var sheet in book.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)book.GetPartById(sheet.Id!);
            result[sheet.Name!] = [.. part.Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>()
                .Select(c => $"{c.CellReference}={(c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)] : c.CellValue?.Text)}")
                .ToArray())];
        }
        return result;
    }

    /// <summary>
    /// The committed file is what <see cref="KoboReachExport"/> writes. After changing it, regenerate with
    /// <c>MOSAIC_UPDATE_TESTDATA=1 dotnet test tests/Mosaic.Cli.Tests --filter KoboRealLayoutTests</c>.
    /// </summary>
    [Fact]
    public void CommittedExport_IsWhatTheGeneratorWrites()
    {
        if (Environment.GetEnvironmentVariable("MOSAIC_UPDATE_TESTDATA") == "1")
            KoboReachExport.Write(Committed());
        var generated = _dir.File("generated.xlsx");
        KoboReachExport.Write(generated);

        var expected = Sheets(generated);
        var committed = Sheets(Committed());
        Assert.Equal([KoboReachExport.HouseholdSheet, KoboReachExport.MembersSheet], committed.Keys);
        foreach (var (name, rows) in expected)
            Assert.Equal(rows, committed[name]);
    }

    [Fact]
    public async Task Import_AccountsForEveryRowOfTheFile()
    {
        var sheets = Sheets(_xlsx);
        var householdRows = sheets[KoboReachExport.HouseholdSheet].Count - 1;
        var memberRows = sheets[KoboReachExport.MembersSheet].Count - 1;
        Assert.Equal((12, 29), (householdRows, memberRows));

        var run = Import("--skip-invalid");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var json = run.Json;
        long imported = json.GetProperty("households_imported").GetInt64(), declined = json.GetProperty("households_declined").GetInt64(),
            rejected = json.GetProperty("households_rejected").GetInt64();
        Assert.Equal((7L, 2L, 3L), (imported, declined, rejected));
        Assert.Equal(householdRows, imported + declined + rejected);
        // The rejected households had 2 + 1 + 2 member rows; every other member row is a stored person.
        Assert.Equal(memberRows - 5, json.GetProperty("persons_imported").GetInt64());
        Assert.Equal((householdRows, memberRows), (json.GetProperty("household_rows_read").GetInt64(), json.GetProperty("member_rows_read").GetInt64()));
        Assert.Equal(imported, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
        Assert.Equal(memberRows - 5, RegistryFileQuery.Count(_db, "SELECT count(*) FROM person"));

        Assert.Equal(
            [
                "file,sheet,row,column,value,reason",
                $"{File},{KoboReachExport.HouseholdSheet},7,hh/adm_pcode,BD99999999,unknown P-code: not among the database's areas (import the P-code table first)",
                $"{File},{KoboReachExport.HouseholdSheet},11,_index,10,household has no head (exactly one member must have relation = head)",
                $"{File},{KoboReachExport.MembersSheet},13,members/age,250,age must be between 0 and 120",
            ],
            System.IO.File.ReadAllLines(_xlsx + ".errors.csv"));
    }

    [Fact]
    public async Task Import_ReadsEachKoboFeatureIntoTheRightValue()
    {
        var run = Import("--skip-invalid");
        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);

        long Scalar(string sql) => RegistryFileQuery.Count(_db, sql);
        const string U1 = "submission_id = '3f1c0c52-0001-4a55-9a51-6f0c2d1e0001'";
        // Consent answered by a proxy (the other branch) is consent: stored. Declined submissions are not.
        Assert.Equal(1, Scalar("SELECT count(*) FROM household WHERE submission_id = '3f1c0c52-0002-4a55-9a51-6f0c2d1e0002'"));
        Assert.Equal(0, Scalar("SELECT count(*) FROM household WHERE submission_id IN ('3f1c0c52-0003-4a55-9a51-6f0c2d1e0003', '3f1c0c52-0008-4a55-9a51-6f0c2d1e0008')"));
        // hh/coping/savings = 1 is an option of "coping", not the savings question (answered "no").
        Assert.Equal((0L, 1L), (Scalar($"SELECT savings FROM household WHERE {U1}"), Scalar($"SELECT debt FROM household WHERE {U1}")));
        Assert.Equal((long)(Shocks.Flood | Shocks.Erosion), Scalar($"SELECT shocks FROM household WHERE {U1}"));
        Assert.Equal(0, Scalar("SELECT shocks FROM household WHERE submission_id = '3f1c0c52-0004-4a55-9a51-6f0c2d1e0004'"));
        Assert.Equal(258012, Scalar($"SELECT CAST(round(lat * 10000) AS INTEGER) FROM household WHERE {U1}"));
        // The household's arrival date is every member's move date.
        Assert.Equal(
            ["3f1c0c52-0001-4a55-9a51-6f0c2d1e0001|1|Rahima Khatun|2024-07-15", "3f1c0c52-0001-4a55-9a51-6f0c2d1e0001|2|Karim Mia|2024-07-15",
             "3f1c0c52-0001-4a55-9a51-6f0c2d1e0001|3|Sultana Begum|2024-07-15", "3f1c0c52-0001-4a55-9a51-6f0c2d1e0001|4|Abdul Jalil|2024-07-15",
             "3f1c0c52-0002-4a55-9a51-6f0c2d1e0002|1|Nurul Islam|", "3f1c0c52-0002-4a55-9a51-6f0c2d1e0002|2|Josna Akter|"],
            RegistryFileQuery.Persons(_db, "p.name, p.move_date").Take(6));
        Assert.Equal(1, Scalar("SELECT count(*) FROM person WHERE prev_country = 'SAU' AND age = 41 AND relation = 'head'"));
    }

    [Fact]
    public async Task WithoutSkipInvalid_NothingIsStored_AndReimportingIsIdempotent()
    {
        var strict = Import();
        Assert.Equal(ExitCodes.InputRejected, strict.ExitCode);
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));

        var first = Import("--skip-invalid");
        var second = Import("--skip-invalid");

        Assert.True(first.ExitCode == ExitCodes.Success && second.ExitCode == ExitCodes.Success, second.Error);
        Assert.Equal(0, second.Json.GetProperty("households_imported").GetInt64());
        Assert.Equal(7, second.Json.GetProperty("duplicates_skipped").GetInt64());
        Assert.Equal(2, second.Json.GetProperty("households_declined").GetInt64());
        Assert.Equal(7, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
    }
}
