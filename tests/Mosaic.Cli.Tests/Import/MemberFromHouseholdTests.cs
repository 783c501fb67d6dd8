using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>A member field may take a household column, copied to every member, when the mapping says so explicitly.</summary>
public sealed class MemberFromHouseholdTests : IDisposable
{
    // A displacement form that asks arrival date, origin and status once per household, not per person.
    private const string Households =
        "_index,_uuid,consent,adm_pcode,hh/arrival_date,hh/origin_pcode,hh/hh_status\n" +
        "1,u1,yes,BD55490917,2024-06-02,BD55490959,idp\n" +
        "2,u2,yes,BD55490917,,,non_migrant\n";

    private const string Members =
        "_parent_index,members/sex,members/age,members/relation\n" +
        "1,female,34,head\n1,male,9,child\n1,female,61,parent\n" +
        "2,male,45,head\n";

    private const string Mapping = """
        { "members": {
            "move_date": { "household": "arrival_date" },
            "prev_pcode": { "household": "origin_pcode" },
            "mig_status": { "household": "hh_status" } } }
        """;

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MemberFromHouseholdTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string households, string members, string mapping)
    {
        File.WriteAllText(_dir.File("hh.csv"), households);
        File.WriteAllText(_dir.File("members.csv"), members);
        File.WriteAllText(_dir.File("map.json"), mapping);
        return CliRun.Invoke("import", "registrations", _dir.File("hh.csv"), "--members", _dir.File("members.csv"),
            "--mapping", _dir.File("map.json"), "--db", _db, "--json");
    }

    [Fact]
    public async Task HouseholdColumn_IsCopiedToEveryMemberOfItsHousehold()
    {
        var run = Import(Households, Members, Mapping);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(4, run.Json.GetProperty("persons_imported").GetInt64());
        Assert.Equal(
            [
                "u1|1|idp|2024-06-02|BD55490959", "u1|2|idp|2024-06-02|BD55490959", "u1|3|idp|2024-06-02|BD55490959",
                "u2|1|non_migrant||",
            ],
            RegistryFileQuery.Persons(_db, "p.mig_status, p.move_date, p.prev_pcode"));
    }

    [Fact]
    public async Task BadHouseholdValue_IsReportedOnceOnTheHouseholdRow_AndNothingIsStored()
    {
        var run = Import(Households.Replace("2024-06-02", "2099-06-02", StringComparison.Ordinal), Members, Mapping);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        var lines = File.ReadAllLines(_dir.File("hh.csv") + ".errors.csv");
        // Three members read the cell; one line names it (header + 1).
        Assert.Equal(
            ["file,sheet,row,column,value,reason", "hh.csv,,2,hh/arrival_date,2099-06-02,date 2099-06-02 is in the future"],
            lines);
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT count(*) FROM person"));
    }

    [Fact]
    public async Task HouseholdColumnNotInTheHouseholdFile_IsRefusedBeforeAnyRow_WithCloseNames()
    {
        var run = Import(Households, Members, """{ "members": { "move_date": { "household": "arival_date" } } }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("the mapping's members.move_date names household column 'arival_date', which hh.csv does not have (close: hh/arrival_date)",
            run.Error, StringComparison.Ordinal);
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
    }

    [Fact]
    public async Task HouseholdColumnNamedWithoutSayingSo_IsLookedForInTheMemberFile()
    {
        // Only { "household": … } reads the household row: a plain name is a roster column, and the roster has none.
        var run = Import(Households, Members, """{ "members": { "move_date": "arrival_date" } }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("the mapping's members.move_date names column 'arrival_date', which members.csv does not have", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MemberLinkFromTheHousehold_OrAMalformedHouseholdEntry_IsRefusedInTheMapping()
    {
        var run = Import(Households, Members,
            """{ "members": { "_parent_index": { "household": "_index" }, "age": { "household": "a", "extra": "b" } } }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("members._parent_index: the member's link to its household is a member column", run.Error, StringComparison.Ordinal);
        Assert.Contains("members.age: expected a column name, a list of column names, or { \"household\": column }", run.Error, StringComparison.Ordinal);
    }
}
