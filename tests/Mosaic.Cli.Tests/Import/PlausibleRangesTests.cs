using System.Text;
using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>Plausible ranges have defaults and a mapping's <c>ranges</c> section narrows or widens them for one survey.</summary>
public sealed class PlausibleRangesTests : IDisposable
{
    private const string MemberHeader = "_parent_index,sex,age,relation,mig_status,move_date\n";

    private readonly TempDirectory _dir = new();
    private readonly string _db;

    public PlausibleRangesTests()
    {
        _db = TestDb.At(_dir.File("mosaic.db"));
        using var store = TestDb.Open(_db);
        store.Areas.UpsertAsync(Fixtures.Areas).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    private CliRun Import(string households, string members, string? mapping)
    {
        File.WriteAllText(_dir.File("hh.csv"), households);
        File.WriteAllText(_dir.File("members.csv"), members);
        List<string> args = ["import", "registrations", _dir.File("hh.csv"), "--members", _dir.File("members.csv"), "--db", _db, "--json", "--skip-invalid"];
        if (mapping is not null)
        {
            File.WriteAllText(_dir.File("map.json"), mapping);
            args.AddRange(["--mapping", _dir.File("map.json")]);
        }
        return CliRun.Invoke([.. args]);
    }

    private string[] Report() => File.ReadAllLines(_dir.File("hh.csv") + ".errors.csv");

    [Fact]
    public async Task RangesInTheMapping_ReplaceTheDefaults_ForEachFieldNamed()
    {
        // A survey in a currency of large numbers, of a displacement that began on 2020-01-01, with small households.
        var run = Import(
            "_index,_uuid,consent,adm_pcode,income_now\n" +
            "1,u1,yes,BD55490917,5000000000000\n" + // 5e12: above the default 1e12, within this survey's 1e15
            "2,u2,yes,BD55490917,100\n" +
            "3,u3,yes,BD55490917,100\n" +
            "4,u4,yes,BD55490917,100\n" +
            "5,u5,yes,BD55490917,100\n",
            MemberHeader +
            "1,female,60,head,idp,2021-03-01\n" +
            "2,female,100,head,idp,2021-03-01\n" + // 100: accepted by the default, above this survey's 99
            "3,male,40,head,idp,2019-12-31\n" + // before the displacement began
            "4,male,40,head,non_migrant,\n4,female,38,spouse,non_migrant,\n4,male,9,child,non_migrant,\n4,male,7,child,non_migrant,\n" +
            "5,female,50,head,idp,2020-01-01\n",
            """
            { "ranges": {
                "age": { "max": 99 },
                "income_now": { "max": 1e15 },
                "move_date": { "min": "2020-01-01" },
                "household_size": { "max": 3 } } }
            """);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(
            [
                "file,sheet,row,column,value,reason",
                "hh.csv,,5,_index,4,household has 4 members: a plausible household has 1 to 3 (ranges.household_size in the mapping)",
                "members.csv,,3,age,100,age must be between 0 and 99",
                "members.csv,,4,move_date,2019-12-31,date 2019-12-31 is before 2020-01-01: a typing error?",
            ],
            Report());
        Assert.Equal(["u1|1|60", "u5|1|50"], RegistryFileQuery.Persons(_db, "p.age"));
        Assert.Equal(5_000_000_000_000, RegistryFileQuery.Count(_db, "SELECT income_now FROM household WHERE submission_id = 'u1'"));
    }

    [Fact]
    public async Task WithoutAMapping_TheDefaultRangesHold_IncludingAtMost50Members()
    {
        var members = new StringBuilder(MemberHeader).Append("1,female,40,head,non_migrant,\n");
        for (var i = 0; i < 50; i++)
            members.Append("1,male,10,child,non_migrant,\n");
        members.Append("2,female,40,head,non_migrant,\n");
        var run = Import(
            "_index,_uuid,consent,adm_pcode,income_now\n1,u1,yes,BD55490917,100\n2,u2,yes,BD55490917,5000000000000\n",
            members.ToString(), null);

        Assert.True(run.ExitCode == ExitCodes.Success, run.Error);
        Assert.Equal(
            [
                "file,sheet,row,column,value,reason",
                "hh.csv,,2,_index,1,household has 51 members: a plausible household has 1 to 50 (ranges.household_size in the mapping)",
                "hh.csv,,3,income_now,5000000000000,\"implausibly large (above 1,000,000,000,000): a typing error?\"",
            ],
            Report());
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
    }

    [Fact]
    public async Task InvalidRanges_AreAllReportedBeforeAnyRowIsRead()
    {
        var run = Import("_index,_uuid,consent,adm_pcode\n1,u1,yes,BD55490917\n", MemberHeader + "1,female,40,head,non_migrant,\n",
            """
            { "ranges": {
                "age": { "min": 30, "max": 20 },
                "move_date": { "max": "2999-01-01" },
                "income_now": { "max": "lots" },
                "household_size": { "most": 9 },
                "weight": { "max": 3 } } }
            """);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        Assert.Contains("ranges.age: min 30 is above max 20", run.Error, StringComparison.Ordinal);
        Assert.Contains("ranges.move_date.max: 2999-01-01 is in the future", run.Error, StringComparison.Ordinal);
        Assert.Contains("ranges.income_now.max: expected a number", run.Error, StringComparison.Ordinal);
        Assert.Contains("ranges.household_size: unknown bound 'most'", run.Error, StringComparison.Ordinal);
        Assert.Contains("ranges: unknown field 'weight'", run.Error, StringComparison.Ordinal);
        Assert.Equal(0, RegistryFileQuery.Count(_db, "SELECT count(*) FROM household"));
    }
}
