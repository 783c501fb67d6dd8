using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Tabulation;

/// <summary>
/// The engine against an independent oracle: the same questions asked as SQL GROUP BY over the SQLite file the
/// snapshot was read from (no suppression, so every number must match exactly).
/// </summary>
public sealed class SnapshotAgainstSqlTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _path;
    private readonly RegistrySnapshot _snapshot;

    // SQL for each dimension, over person p joined to household h (the area column is the household's own area).
    private static readonly Dictionary<string, string> s_personSql = new()
    {
        ["sex"] = "p.sex",
        ["migratory_status"] = "p.mig_status",
        ["age_group"] = "CASE WHEN p.age IS NULL THEN NULL WHEN p.age <= 4 THEN '0-4' WHEN p.age <= 17 THEN '5-17' WHEN p.age <= 59 THEN '18-59' ELSE '60+' END",
        ["disability"] = "CASE p.disability WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END",
        ["area"] = "h.area_pcode",
        ["dwelling"] = "h.dwelling",
        ["prev_country"] = "p.prev_country",
    };

    public SnapshotAgainstSqlTests()
    {
        _path = _dir.File("registry.db");
        using var store = SqliteMosaicStore.Open(_path);
        // A constructor cannot await; SQLite completes its calls at once.
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 800, seed: 11);
        _snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Snapshot_ReadsEveryHouseholdAndPerson()
    {
        Assert.Equal(800, _snapshot.HouseholdCount);
        using var store = SqliteMosaicStore.Open(_path);
        Assert.Equal(await store.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken), _snapshot.PersonCount);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomQuery_GivesTheSameCountsAsSqlGroupBy(int seed)
    {
        var rng = new Random(seed);
        var names = s_personSql.Keys.OrderBy(_ => rng.Next()).Take(1 + rng.Next(3)).ToList();
        var (indicator, filter) = rng.Next(3) switch
        {
            0 => ("population", "p.mig_status <> 'emigrant'"),
            1 => ("returnees", "p.mig_status = 'returnee'"),
            _ => ("persons_with_disability", "p.mig_status <> 'emigrant' AND p.disability = 1"),
        };
        var result = new Tabulator(_snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest(indicator, names) { MinimumCellSize = 1 });

        var ours = new Dictionary<string, double>();
        foreach (var cell in result.Cells)
        {
            if (cell.Categories.Any(c => c == TableDimension.Total) || cell.Value is not > 0)
                continue;
            var key = string.Join("|", cell.Categories.Select((c, d) => result.Dimensions[d].Codes[c]));
            ours[key] = cell.Value.Value;
        }

        var columns = names.Select(n => $"coalesce({s_personSql[n]}, '{TableDimension.MissingCode}')").ToList();
        var sql = $"SELECT {string.Join(", ", columns)}, count(*) FROM person p JOIN household h ON h.id = p.household_id " +
                  $"WHERE {filter} GROUP BY {string.Join(", ", Enumerable.Range(1, names.Count))}";
        var theirs = new Dictionary<string, double>();
        using (var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            using var r = cmd.ExecuteReader();
            while (r.Read())
            {
                var key = string.Join("|", Enumerable.Range(0, names.Count).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)));
                theirs[key] = r.GetInt64(names.Count);
            }
        }
        Assert.Equal(theirs.OrderBy(p => p.Key, StringComparer.Ordinal), ours.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void HouseholdShare_MatchesSql()
    {
        var result = new Tabulator(_snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("hh_remittances_fell", ["area"]) { MinimumCellSize = 1 });
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT area_pcode, count(*), sum(remittance_change IN ('decreased','stopped')) FROM household " +
                          "WHERE remittances = 1 AND remittance_change IS NOT NULL GROUP BY area_pcode";
        using var r = cmd.ExecuteReader();
        var area = result.Dimensions[0];
        var rows = 0;
        while (r.Read())
        {
            var cell = result.Cells.Single(c => c.Categories[0] != TableDimension.Total && area.Codes[c.Categories[0]] == r.GetString(0));
            Assert.Equal(r.GetInt64(1), cell.Denominator);
            Assert.Equal(r.GetDouble(2) / r.GetInt64(1), cell.Value!.Value, 9);
            rows++;
        }
        Assert.Equal(area.Codes.Count, rows);
    }
}
