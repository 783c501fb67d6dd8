using Mosaic.Cli.Infrastructure;
using Mosaic.Core.Registry;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>Mapping files that say what they mean: named columns exist, lists coalesce per row, choices may mean "missing".</summary>
public sealed class MappingFeatureTests : IDisposable
{
    private const string Members = "_parent_index,members/sex,members/age,members/relation,members/mig_status\n";

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public MappingFeatureTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string households, string members, string mapping)
    {
        var hh = _dir.File("hh.csv");
        var m = _dir.File("members.csv");
        var map = _dir.File("map.json");
        File.WriteAllText(hh, households);
        File.WriteAllText(m, members);
        File.WriteAllText(map, mapping);
        return CliRun.Invoke("import", "registrations", hh, "--members", m, "--mapping", map, "--db", _db, "--json");
    }

    private async Task<Dictionary<string, Household>> Stored()
    {
        using var store = TestDb.Open(_db);
        return (await store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).ToDictionary(h => h.SubmissionId);
    }

    [Fact]
    public async Task MappedColumnMissingFromTheFile_IsRefusedBeforeAnyRow_WithCloseNames()
    {
        var run = Import(
            "_index,_uuid,consent,village_pcode\n1,u1,yes,BD55490917\n",
            Members + "1,female,30,head,idp\n",
            """{ "household": { "adm_pcode": "vilage_pcode" }, "members": { "age": "age_yrs" } }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("household.adm_pcode names column 'vilage_pcode', which hh.csv does not have (close: village_pcode)", run.Error, StringComparison.Ordinal);
        Assert.Contains("members.age names column 'age_yrs', which members.csv does not have (close: members/age)", run.Error, StringComparison.Ordinal);
        Assert.Empty(await Stored());
    }

    [Fact]
    public async Task ListOfColumns_TakesTheFirstNonEmptyInEachRow()
    {
        // Consent asked in two branches of the form: each submission answered one of them.
        var run = Import(
            "_index,_uuid,adm_pcode,grp_adult/consent_adult,grp_proxy/consent_proxy\n" +
            "1,u1,BD55490917,yes,\n" +
            "2,u2,BD55490917,,yes\n" +
            "3,u3,BD55490917,,no\n",
            Members + "1,female,30,head,idp\n2,male,70,head,returnee\n3,male,50,head,non_migrant\n",
            """{ "household": { "consent": ["consent_adult", "consent_proxy"] } }""");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(2, run.Json.GetProperty("households_imported").GetInt64());
        Assert.Equal(1, run.Json.GetProperty("households_declined").GetInt64());
        Assert.Equal(["u1", "u2"], (await Stored()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ChoicesMappedToNull_AreMissingAnswers_AndDroppedSelectMultipleTokens()
    {
        var run = Import(
            "_index,_uuid,consent,adm_pcode,debt,shocks\n" +
            "1,u1,yes,BD55490917,dont_know,flood none\n" +
            "2,u2,yes,BD55490917,yes,none\n",
            Members + "1,female,30,head,idp\n2,male,41,head,returnee\n",
            """{ "choices": { "debt": { "dont_know": null }, "shocks": { "none": null } } }""");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var stored = await Stored();
        Assert.Null(stored["u1"].Debt);
        Assert.Equal(Shocks.Flood, stored["u1"].Shocks);
        Assert.True(stored["u2"].Debt);
        Assert.Equal(Shocks.None, stored["u2"].Shocks);
    }

    [Fact]
    public async Task StandardFormsNoneShock_IsNoShock_AndWithAShockIsARejectedCell()
    {
        // The standard form's "none of these": no mapping needed.
        var run = Import(
            "_index,_uuid,consent,adm_pcode,shocks\n" +
            "1,u1,yes,BD55490917,none\n" +
            "2,u2,yes,BD55490917,flood none\n",
            Members + "1,female,30,head,idp\n2,male,41,head,returnee\n",
            """{ "description": "no field mapped" }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Equal(
            ["file,sheet,row,column,value,reason", "hh.csv,,3,shocks,flood none,'none' (no shock) cannot be combined with a shock"],
            File.ReadAllLines(_dir.File("hh.csv") + ".errors.csv"));
        var ok = Import("_index,_uuid,consent,adm_pcode,shocks\n1,u1,yes,BD55490917,none\n", Members + "1,female,30,head,idp\n",
            """{ "description": "no field mapped" }""");
        Assert.True(ok.ExitCode == ExitCodes.Success, ok.Error);
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT shocks FROM household WHERE submission_id = 'u1'"));
    }

    [Fact]
    public async Task ConsentChoiceMappedToNull_IsRefused()
    {
        var run = Import("_index,_uuid,consent,adm_pcode\n1,u1,yes,BD55490917\n", Members + "1,female,30,head,idp\n",
            """{ "choices": { "consent": { "refused": null } } }""");

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("choices.consent: 'refused' cannot map to null", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SplitSelectMultipleColumn_NeverShadowsAFieldOfTheSameName()
    {
        // Kobo splits the select_multiple hh/coping into 0/1 columns; hh/coping/savings is an option, not the savings question.
        var run = Import(
            "_index,_uuid,consent,adm_pcode,hh/coping,hh/coping/savings,hh/coping/debt\n" +
            "1,u1,yes,BD55490917,savings debt,1,1\n",
            Members + "1,female,30,head,idp\n",
            """{ "description": "no field mapped" }""");

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        var h = (await Stored())["u1"];
        Assert.Null(h.Savings);
        Assert.Null(h.Debt);
    }
}
