using System.IO.Compression;
using System.Text.Json;
using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Commands;

public sealed class ImportRegistrationsCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public ImportRegistrationsCommandTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Copies a fixture into the temp dir (errors files are written next to the input).</summary>
    private string Fixture(string name)
    {
        var path = _dir.File(name);
        File.Copy(Path.Combine("data", "registrations", name), path, overwrite: true);
        return path;
    }

    private (int Exit, string Out, string Err) Run(params string[] args)
    {
        var run = CliRun.Invoke([.. args, "--db", _db]);
        return (run.ExitCode, run.Out, run.Error);
    }

    private JsonElement RunJson(int expectedExit, params string[] args)
    {
        var (exit, stdout, stderr) = Run([.. args, "--json"]);
        Assert.True(expectedExit == exit, $"exit {exit}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement;
    }

    private async Task<(long Households, long Persons)> Counts()
    {
        using var store = TestDb.Open(_db);
        return (await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken), await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_StandardCsvPair_StoresEveryHouseholdAndReimportAddsNothing()
    {
        var households = Fixture("households.csv");
        var members = Fixture("members.csv");
        var first = RunJson(ExitCodes.Success, "import", "registrations", households, "--members", members);
        Assert.Equal(3, first.GetProperty("households_imported").GetInt64());
        Assert.Equal(7, first.GetProperty("persons_imported").GetInt64());
        Assert.Equal(0, first.GetProperty("rows_rejected").GetInt64());
        Assert.True(first.GetProperty("committed").GetBoolean());

        var second = RunJson(ExitCodes.Success, "import", "registrations", households, "--members", members);
        Assert.Equal(0, second.GetProperty("households_imported").GetInt64());
        Assert.Equal(3, second.GetProperty("duplicates_skipped").GetInt64());
        Assert.Equal((3, 7), (await Counts()));

        using var store = TestDb.Open(_db);
        var h = (await store.Registry.ReadHouseholdsAsync(null, HouseholdFields.Location, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).Single(x => x.SubmissionId == "uuid-0001");
        Assert.Equal(new GeoPoint(25.5741, 89.6712, 21, 4.5), h.Gps);
        Assert.Equal(Shocks.Flood | Shocks.JobLoss, h.Shocks);
        Assert.Equal(41.5, h.ReferenceWelfare);
        var head = h.Head!;
        Assert.Equal((MigratoryStatus.Returnee, "SAU", new DateOnly(2026, 5, 2), true), (head.MigratoryStatus, head.PreviousCountry, head.MoveDate, head.Disability));
        Assert.Equal(4, h.Members.Count);
    }

    [Fact]
    public void Import_KoboXlsx_GivesTheSameHouseholdsAsTheCsvs()
    {
        var xlsx = _dir.File("registrations.xlsx");
        var householdRows = XlsxTestFile.FromCsv(Fixture("households.csv"), "hh_id");
        var memberRows = XlsxTestFile.FromCsv(Fixture("members.csv"), "phone");
        // Kobo stores dates as serial numbers when the column is a date: 2026-05-02 = 46144.
        memberRows[1][Array.IndexOf(memberRows[0], "move_date")] = 46144.0;
        XlsxTestFile.Write(xlsx, ("household-registration", householdRows), ("members", memberRows));

        var result = RunJson(ExitCodes.Success, "import", "registrations", xlsx);
        Assert.Equal(3, result.GetProperty("households_imported").GetInt64());
        Assert.Equal(7, result.GetProperty("persons_imported").GetInt64());

        // Same submissions read from the CSVs: identical content, so all are duplicates.
        var csv = RunJson(ExitCodes.Success, "import", "registrations", Fixture("households.csv"), "--members", Fixture("members.csv"));
        Assert.Equal(3, csv.GetProperty("duplicates_skipped").GetInt64());
        Assert.Equal(0, csv.GetProperty("conflicts").GetInt64());
    }

    [Fact]
    public async Task Import_OdkCentralZip_LinksRepeatRowsByParentKey()
    {
        var zip = _dir.File("odk.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            Write(archive, "household_registration.csv",
                "SubmissionDate,consent,hh-adm_pcode,dwelling,meta-instanceID,KEY\n" +
                "2026-09-14T10:30:00.000Z,yes,BD55490917,temporary,uuid:a1,uuid:a1\n" +
                "2026-09-14T11:30:00.000Z,yes,BD55490959,none,uuid:a2,uuid:a2\n");
            Write(archive, "household_registration-members.csv",
                "name,sex,age,relation,mig_status,PARENT_KEY,KEY\n" +
                "Rahim,male,38,head,returnee,uuid:a1,uuid:a1/members[1]\n" +
                "Amina,female,31,spouse,non_migrant,uuid:a1,uuid:a1/members[2]\n" +
                "Jorina,female,45,head,idp,uuid:a2,uuid:a2/members[1]\n");
        }
        var result = RunJson(ExitCodes.Success, "import", "registrations", zip);
        Assert.Equal(2, result.GetProperty("households_imported").GetInt64());
        Assert.Equal(3, result.GetProperty("persons_imported").GetInt64());
        using var store = TestDb.Open(_db);
        Assert.Equal(2, (await store.Registry.GetHouseholdAsync("uuid:a1", cancellationToken: TestContext.Current.CancellationToken))!.Members.Count);
    }

    private static void Write(ZipArchive archive, string name, string text)
    {
        using var w = new StreamWriter(archive.CreateEntry(name).Open());
        w.Write(text);
    }

    [Fact]
    public async Task Import_BadFile_ReportsEveryBadRowAndChangesNothing()
    {
        var households = Fixture("bad-households.csv");
        var (exit, stdout, stderr) = Run("import", "registrations", households, "--members", Fixture("bad-members.csv"));
        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Equal((0, 0), (await Counts()));
        Assert.Contains("database is unchanged", stdout, StringComparison.Ordinal);
        Assert.Contains("bad-members.csv, row 4, column 'age': age must be between 0 and 120 (value '250')", stderr, StringComparison.Ordinal);

        var errors = new List<string>();
        using (var csv = Mosaic.Core.Import.Csv.CsvReader.Open(households + ".errors.csv"))
        {
            while (csv.Read())
                errors.Add(string.Join(',', csv.Fields));
        }
        Assert.Equal("file,sheet,row,column,value,reason", errors[0]);
        string[] expected =
        [
            "bad-households.csv,,3,dwelling,hut,unknown code 'hut'",
            "bad-households.csv,,5,adm_pcode,BD99999999,unknown P-code",
            "bad-households.csv,,6,gps,north 89.6,GPS must be",
            "bad-households.csv,,7,_index,6,household has no members",
            "bad-households.csv,,8,_uuid,uuid-b1,conflict",
            "bad-members.csv,,3,sex,F,unknown code 'F'",
            "bad-members.csv,,4,age,250,age must be between 0 and 120",
        ];
        foreach (var line in expected)
            Assert.Contains(errors, e => e.StartsWith(line, StringComparison.Ordinal));
        Assert.Equal(expected.Length + 1, errors.Count);
        // The household that declined consent is not an error, and nothing of it is echoed: not its members, not its other answers.
        var all = string.Join('\n', errors);
        Assert.DoesNotContain("Secret", all, StringComparison.Ordinal);
        Assert.DoesNotContain("HH-SECRET", all, StringComparison.Ordinal);
        Assert.DoesNotContain("01799999999", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_BadFileWithSkipInvalid_ImportsExactlyTheValidHouseholds()
    {
        var result = RunJson(ExitCodes.Success, "import", "registrations", Fixture("bad-households.csv"),
            "--members", Fixture("bad-members.csv"), "--skip-invalid");
        Assert.Equal(2, result.GetProperty("households_imported").GetInt64());
        Assert.Equal(3, result.GetProperty("persons_imported").GetInt64());
        Assert.Equal(6, result.GetProperty("households_rejected").GetInt64());
        Assert.Equal(1, result.GetProperty("households_declined").GetInt64());
        Assert.Equal(7, result.GetProperty("rows_rejected").GetInt64());
        Assert.Equal(1, result.GetProperty("conflicts").GetInt64());
        using var store = TestDb.Open(_db);
        Assert.Equal("HH-B1", (await store.Registry.GetHouseholdAsync("uuid-b1", cancellationToken: TestContext.Current.CancellationToken))!.HouseholdCode);
        Assert.NotNull(await store.Registry.GetHouseholdAsync("uuid-b9", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Null(await store.Registry.GetHouseholdAsync("uuid-b8", cancellationToken: TestContext.Current.CancellationToken));
        Assert.Equal(2, await store.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_OtherFormWithMapping_RenamesAndRecodes()
    {
        var households = _dir.File("partner.csv");
        var members = _dir.File("partner-members.csv");
        File.WriteAllText(households, "_index;meta/instanceID;agree;hh_number\n1;uuid:p1;1;P-1\n2;uuid:p2;0;P-2\n");
        File.WriteAllText(members, "_parent_index;roster/gender;roster/age_years;roster/rel;roster/status\n1;2;40;1;2\n1;1;35;2;1\n2;1;20;1;1\n");
        var result = RunJson(ExitCodes.Success, "import", "registrations", households, "--members", members,
            "--mapping", Path.Combine("data", "registrations", "other-form-mapping.json"), "--skip-invalid");
        Assert.Equal(1, result.GetProperty("households_imported").GetInt64());
        using var store = TestDb.Open(_db);
        var h = (await store.Registry.GetHouseholdAsync("uuid:p1", cancellationToken: TestContext.Current.CancellationToken))!;
        Assert.Equal("BD55490959", h.AreaPcode);
        Assert.Equal((Sex.Male, Relation.Head, MigratoryStatus.Returnee), (h.Members[0].Sex, h.Members[0].Relation, h.Members[0].MigratoryStatus));
    }

    [Fact]
    public void Import_MembersNotInHouseholdOrder_StillJoinsCorrectly()
    {
        var households = Fixture("households.csv");
        var members = _dir.File("shuffled-members.csv");
        var lines = File.ReadAllLines(Fixture("members.csv"));
        File.WriteAllLines(members, [lines[0], .. lines.Skip(1).Reverse()]);
        var result = RunJson(ExitCodes.Success, "import", "registrations", households, "--members", members);
        Assert.Equal(7, result.GetProperty("persons_imported").GetInt64());
    }

    [Fact]
    public void Import_InvalidMappingOrMissingFile_FailsWithANamedExitCode()
    {
        var mapping = _dir.File("map.json");
        File.WriteAllText(mapping, """{ "members": { "gender": "sex" } }""");
        var (exit, _, stderr) = Run("import", "registrations", Fixture("households.csv"), "--members", Fixture("members.csv"), "--mapping", mapping);
        Assert.Equal(ExitCodes.InputRejected, exit);
        Assert.Contains("unknown Mosaic field 'gender'", stderr, StringComparison.Ordinal);

        Assert.Equal(ExitCodes.FileNotFound, Run("import", "registrations", _dir.File("nope.xlsx")).Exit);
        var csvAlone = Run("import", "registrations", Fixture("households.csv"));
        Assert.Equal(ExitCodes.InputRejected, csvAlone.Exit);
        Assert.Contains("--members", csvAlone.Err, StringComparison.Ordinal);
    }
}
