using Mosaic.Cli.Tests.Import.Corpus;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>
/// What keeps the registry whole whatever the store checks itself: the importer refuses a household in an unknown area
/// and a member row of no household (with their rows and columns, nothing stored), and what it stores holds no
/// dangling reference.
/// </summary>
public sealed class ImportIntegrityTests : IDisposable
{
    private const string Members = "_index,_parent_index,_parent_table_name,name,sex,age,relation,mig_status\n";
    private const string Households = "_index,_uuid,_submission_time,consent,hh_id,adm_pcode,dwelling\n";
    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public ImportIntegrityTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string households, string members)
    {
        var hh = _dir.File("households.csv");
        var m = _dir.File("members.csv");
        File.WriteAllText(hh, Households + households);
        File.WriteAllText(m, Members + members);
        return CliRun.Invoke("import", "registrations", hh, "--members", m, "--db", _db);
    }

    [Fact]
    public void HouseholdInAnUnknownArea_AndAMemberOfNoHousehold_AreRefused_AndNothingIsStored()
    {
        var run = Import(
            "1,uuid-a,2026-09-14T10:30:00,yes,HH-A,BD55490917,temporary\n" +
            "2,uuid-b,2026-09-14T11:00:00,yes,HH-B,BD99999999,temporary\n",
            "1,1,household-registration,Rahim,male,38,head,returnee\n" +
            "2,2,household-registration,Jorina,female,45,head,idp\n" +
            "3,7,household-registration,Nobody,female,30,spouse,non_migrant\n");

        CorpusFiles.AssertRefused(run, "households.csv, row 3, column 'adm_pcode'", "unknown P-code",
            "members.csv, row 4, column '_parent_index'", "member row links to no household row");
        Assert.Equal(0, CorpusFiles.Count(_db, "household"));
        Assert.Equal(0, CorpusFiles.Count(_db, "person"));
    }

    [Fact]
    public void ImportedRows_HoldNoDanglingReference()
    {
        var run = Import(
            "1,uuid-a,2026-09-14T10:30:00,yes,HH-A,BD55490917,temporary\n" +
            "2,uuid-b,2026-09-14T11:00:00,yes,HH-B,BD55490959,temporary\n",
            "1,1,household-registration,Rahim,male,38,head,returnee\n" +
            "2,1,household-registration,Amina,female,31,spouse,non_migrant\n" +
            "3,2,household-registration,Jorina,female,45,head,idp\n");

        CorpusFiles.AssertImported(run);
        // SQLite checks foreign keys only when asked; PostgreSQL's constraints refuse a dangling row at once.
        if (!TestDb.UsesPostgres)
            Assert.Empty(CorpusFiles.Rows(_db, "PRAGMA foreign_key_check"));
        Assert.Equal(["uuid-a|2", "uuid-b|1"], CorpusFiles.Rows(_db,
            "SELECT h.submission_id, count(*) FROM person p JOIN household h ON h.id = p.household_id GROUP BY h.submission_id ORDER BY 1"));
        Assert.Equal(["0"], CorpusFiles.Rows(_db,
            "SELECT count(*) FROM person p WHERE NOT EXISTS (SELECT 1 FROM household h WHERE h.id = p.household_id)"));
    }
}
