using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Mosaic.Benchmarks.Tabulation;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// DuckDB in memory on the same persons, in its best layout: one flat table of small integer codes (the union's
/// index, status, sex, age), loaded through its appender; the query is the same 16 grouping sets (GROUP BY CUBE).
/// </summary>
internal static class DuckPeer
{
    public sealed record Result(double LoadSeconds, double QueryMs, long Total);

    public static Result Run(string db, int runs)
    {
        RegistrySnapshot snapshot;
        using (var store = SqliteMosaicStore.Open(db))
            snapshot = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        return Run(snapshot, runs);
    }

    /// <summary>As above, for a snapshot read from any store.</summary>
    /// <param name="by">The dimensions to cube, of adm4, migratory_status, sex, age_group (all four by default).</param>
    public static Result Run(RegistrySnapshot snapshot, int runs, IReadOnlyList<string>? by = null)
    {
        var union = snapshot.Areas.Pcodes.Select(p => snapshot.Areas.AncestorAt(p, 4)).ToList();
        var unionIndex = union.OfType<string>().Distinct(StringComparer.Ordinal).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        var load = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        Execute(connection, "CREATE TABLE persons (adm4 INTEGER, mig UTINYINT, sex UTINYINT, age UTINYINT)");
        using (var appender = connection.CreateAppender("persons"))
        {
            foreach (var p in SnapshotExport.Persons(snapshot))
            {
                var row = appender.CreateRow();
                var adm4 = union[p.Village] is { } u ? unionIndex[u] : -1;
                row.AppendValue(adm4).AppendValue(p.Status).AppendValue(p.Sex);
                if (p.Age is { } age)
                    row.AppendValue(age);
                else
                    row.AppendNullValue();
                row.EndRow();
            }
        }
        load.Stop();
        var emigrant = SnapshotCodes.Of(Core.Registry.Codes.MigratoryStatus, Core.Registry.MigratoryStatus.Emigrant);
        var columns = (by ?? ["adm4", "migratory_status", "sex", "age_group"]).Select(d => d switch
        {
            "adm4" => "adm4",
            "migratory_status" => "mig",
            "sex" => "sex",
            "age_group" => "age_group",
            _ => throw new ArgumentException($"DuckDB peer: no column for dimension {d}"),
        }).ToList();
        var cube = string.Join(", ", columns);
        var sql = $"SELECT {cube}, count(*) FROM (SELECT adm4, mig, sex, " +
                  "CASE WHEN age IS NULL THEN NULL WHEN age <= 4 THEN 0 WHEN age <= 17 THEN 1 WHEN age <= 59 THEN 2 ELSE 3 END AS age_group " +
                  $"FROM persons WHERE mig <> {emigrant}) GROUP BY CUBE ({cube})";
        var query = Stats.Time(runs, () => ReadAll(connection, sql));
        using var total = connection.CreateCommand();
        total.CommandText = $"SELECT count(*) FROM persons WHERE mig <> {emigrant}";
        return new Result(load.Elapsed.TotalSeconds, query.MedianMs, Convert.ToInt64(total.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static long ReadAll(DuckDBConnection connection, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        long rows = 0;
        while (r.Read())
            rows++;
        return rows;
    }
}
