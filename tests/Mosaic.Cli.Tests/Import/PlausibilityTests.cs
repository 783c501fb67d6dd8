using Mosaic.Cli.Infrastructure;
using Mosaic.Storage.Contract;

namespace Mosaic.Cli.Tests.Import;

/// <summary>Values that parse but cannot be true are rejected with their row, column and value.</summary>
public sealed class PlausibilityTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ImplausibleIncomeAgeAndDates_AreRejectedWithTheirCells()
    {
        var db = TestDb.At(_dir.File("mosaic.db"));
        using (var store = TestDb.Open(db))
            await store.Areas.UpsertAsync(Fixtures.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var hh = _dir.File("hh.csv");
        var members = _dir.File("members.csv");
        File.WriteAllText(hh,
            "_index,_uuid,_submission_time,consent,adm_pcode,income_now\n" +
            "1,u1,2026-09-14T10:30:00,yes,BD55490917,1e308\n" +
            "2,u2,2099-01-01T00:00:00,yes,BD55490917,5000\n" +
            "3,u3,2026-09-14T10:30:00,yes,BD55490917,5000\n");
        File.WriteAllText(members,
            "_parent_index,sex,age,relation,mig_status,move_date\n" +
            "1,female,30,head,non_migrant,\n" +
            "2,female,30,head,non_migrant,\n" +
            "3,male,1e1,head,returnee,0001-01-01\n" +
            "3,female,30,spouse,returnee,2099-05-01\n");

        var run = CliRun.Invoke("import", "registrations", hh, "--members", members, "--db", db);

        Assert.Equal(ExitCodes.InputRejected, run.ExitCode);
        var report = File.ReadAllText(hh + ".errors.csv");
        Assert.Contains("hh.csv,,2,income_now,1e308,\"implausibly large (above 1,000,000,000,000)", report, StringComparison.Ordinal);
        Assert.Contains("hh.csv,,3,_submission_time,2099-01-01T00:00:00,date 2099-01-01 is in the future", report, StringComparison.Ordinal);
        Assert.Contains("members.csv,,4,age,1e1,age must be a whole number of years", report, StringComparison.Ordinal);
        Assert.Contains("members.csv,,4,move_date,0001-01-01,date 0001-01-01 is before 1900-01-01", report, StringComparison.Ordinal);
        Assert.Contains("members.csv,,5,move_date,2099-05-01,date 2099-05-01 is in the future", report, StringComparison.Ordinal);
        using var after = TestDb.Open(db);
        Assert.Equal(0, await after.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
