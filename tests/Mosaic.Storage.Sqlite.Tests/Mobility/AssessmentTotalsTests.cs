using Microsoft.Data.Sqlite;
using Mosaic.Core.Demo;
using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Mobility;

/// <summary>
/// The summary reads assessment totals from a compact table written beside the assessments: it must always
/// say exactly what the stored assessments say, after updates and after upgrading an older database.
/// </summary>
public sealed class AssessmentTotalsTests
{
    [Fact]
    public void Totals_AfterReimportWithChangedRoundsNamesAndCounts_FollowTheStoredAssessments()
    {
        using var dir = new TempDirectory();
        using var store = SqliteMosaicStore.Open(dir.File("mosaic.db"));
        store.Areas.Upsert(MobilityDemo.Areas());
        var original = MobilityDemo.Assessments();
        store.Mobility.UpsertAssessments([.. original, NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null)]);

        // Same record ids, other content: moved to a later round, renamed, recounted, unlinked.
        var changed = original.Take(4).Select((a, i) => a with
        {
            Round = a.Round + 10,
            Location = a.Location with { LocalName = $"Renamed {i}" },
            AreaPcode = i == 3 ? null : a.AreaPcode,
            Counts = [new PopulationCount(PopulationType.Refugee, 7 + i, 2)],
        }).ToList();
        var result = store.Mobility.UpsertAssessments(changed);
        Assert.Equal(4, result.Updated);

        Assert.Equal(Expected(store), Sorted(store.Mobility.ReadAssessmentTotals()));
        Assert.Equal(Expected(store).Where(r => r.Round == 11).ToList(), Sorted(store.Mobility.ReadAssessmentTotals([11])));
        var renamed = Assert.Single(store.Mobility.ReadAssessmentTotals([11]), r => r.LocationName == "Renamed 0");
        Assert.Equal(PopulationType.Refugee, renamed.Type);
        Assert.Equal(7, renamed.Individuals);
    }

    [Fact]
    public void Open_DatabaseFromBeforeTheTotalsTable_FillsItFromTheStoredAssessments()
    {
        using var dir = new TempDirectory();
        var path = dir.File("mosaic.db");
        List<AssessmentTotalRow> before;
        using (var store = SqliteMosaicStore.Open(path))
        {
            store.Areas.Upsert(MobilityDemo.Areas());
            store.Mobility.UpsertAssessments([.. MobilityDemo.Assessments(), NameOnly("n1", 1, "Char Bhangni"), NameOnly("n2", 2, null)]);
            before = Sorted(store.Mobility.ReadAssessmentTotals());
        }
        // Put the file back in the state schema version 4 left it: no totals tables.
        using (var raw = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            raw.Open();
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TABLE mobility_total; DROP TABLE mobility_location; DROP TABLE mobility_series; PRAGMA user_version = 4;";
            cmd.ExecuteNonQuery();
        }
        using (var store = SqliteMosaicStore.Open(path))
        {
            Assert.Equal(before, Sorted(store.Mobility.ReadAssessmentTotals()));
            Assert.Equal(Expected(store), before);
        }
    }

    private static LocationAssessment NameOnly(string id, int round, string? name) => new()
    {
        RecordId = id,
        Dataset = "names",
        Round = round,
        ReportingDate = new DateOnly(2024, 3, round),
        Location = new AssessmentLocation(3, "BGD", "Bangladesh") { LocalName = name },
        Counts = [new PopulationCount(PopulationType.Idp, null, 4), new PopulationCount(PopulationType.Returnee, 12)],
    };

    // What the totals must be: derived from the full assessments, the way the old summary query did.
    private static List<AssessmentTotalRow> Expected(SqliteMosaicStore store) => Sorted(
        store.Mobility.ReadAssessments().SelectMany(a => a.Counts.Select(c => new AssessmentTotalRow(
            a.Dataset, a.Operation, a.Location.AdminLevel, a.Round, a.ReportingDate,
            $"{a.Location.AdminLevel}:{a.Location.Pcode ?? "name:" + a.Location.Name}", a.Location.Name, a.AreaPcode,
            a.Location.Admin0Pcode, a.Location.Admin1Pcode, a.Location.Admin2Pcode, c.Type, c.Individuals, c.Households))));

    private static List<AssessmentTotalRow> Sorted(IEnumerable<AssessmentTotalRow> rows) =>
        [.. rows.OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Round).ThenBy(r => r.LocationKey, StringComparer.Ordinal).ThenBy(r => r.Type)];
}
