using Microsoft.Data.Sqlite;
using Mosaic.Core.Demo;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Storage.Contract;
using static Mosaic.Storage.Contract.MobilityFixtures;

namespace Mosaic.Storage.Sqlite.Tests.Mobility;

/// <summary>
/// The summary reads assessment totals from a compact table written beside the assessments: after upgrading an
/// older database it must say exactly what the stored assessments say (after updates: see the contract suite).
/// </summary>
public sealed class AssessmentTotalsTests
{
    [Fact]
    public async Task Open_DatabaseFromBeforeTheTotalsTable_FillsItFromTheStoredAssessments()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mosaic.db");
        List<AssessmentTotalRow> before;
        using (var store = SqliteMosaicStore.Open(path))
        {
            await store.Areas.UpsertAsync(MobilityDemo.Areas(), cancellationToken: TestContext.Current.CancellationToken);
            // A baseline and a site record of one operation and round: after the upgrade they are two series.
            await store.Mobility.UpsertAssessmentsAsync([.. MobilityDemo.Assessments(), NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null),
                Village("v-ba") with { Type = Core.Mobility.AssessmentType.BaselineArea }, Village("v-sa") with { Type = Core.Mobility.AssessmentType.Site }], TestContext.Current.CancellationToken);
            before = SortTotals(await store.Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestContext.Current.CancellationToken));
        }
        // Put the file back in the state schema version 4 left it: no totals tables, no record keys (migration 9).
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE mobility_total; DROP TABLE mobility_location; DROP TABLE mobility_series; " +
                              "DROP TRIGGER household_record_key_fixed; DROP TRIGGER person_record_key_fixed; " +
                              "ALTER TABLE household DROP COLUMN record_key; ALTER TABLE person DROP COLUMN record_key; PRAGMA user_version = 4;";
            cmd.ExecuteNonQuery();
        }
        using (var store = SqliteMosaicStore.Open(path))
        {
            Assert.Equal(before, SortTotals(await store.Mobility.ReadAssessmentTotalsAsync(cancellationToken: TestContext.Current.CancellationToken)));
            Assert.Equal(await ExpectedTotals(store.Mobility), before);
            Assert.Equal(2, before.Where(r => r.Operation == "Chilmari floods").Select(r => r.Assessment).Distinct().Count());
        }
    }
}
