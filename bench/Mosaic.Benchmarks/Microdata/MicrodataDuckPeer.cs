using System.Diagnostics;
using System.Globalization;
using DuckDB.NET.Data;
using Mosaic.Benchmarks.Tabulation;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Benchmarks.Microdata;

/// <summary>
/// DuckDB in memory on the same persons (household, union index, sex, status and age codes, loaded through its
/// appender from the snapshot): the risk of <c>privacy kanon</c> over adm4, sex, age_group, migratory_status as one
/// query, as <see cref="MicrodataSql.Risk"/> asks it of SQLite.
/// </summary>
internal static class MicrodataDuckPeer
{
    public sealed record Result(double LoadSeconds, double QueryMs, MicrodataSql.Figures Figures);

    public static Result Run(string db, int runs)
    {
        RegistrySnapshot s;
        using (var store = SqliteMosaicStore.Open(db))
            s = RegistrySnapshotLoader.LoadAsync(store).GetAwaiter().GetResult();
        var union = s.Areas.Pcodes.Select(p => s.Areas.AncestorAt(p, 4)).ToList();
        var unionIndex = union.OfType<string>().Distinct(StringComparer.Ordinal).Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);

        var load = Stopwatch.StartNew();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE persons (hh INTEGER, adm4 INTEGER, sex UTINYINT, mig UTINYINT, age UTINYINT)";
            create.ExecuteNonQuery();
        }
        using (var appender = connection.CreateAppender("persons"))
        {
            for (var h = 0; h < s.HouseholdCount; h++)
            {
                var adm4 = union[s.Area[h]] is { } u ? unionIndex[u] : -1;
                for (var p = s.PersonStart[h]; p < s.PersonStart[h + 1]; p++)
                {
                    var row = appender.CreateRow().AppendValue(h).AppendValue(adm4).AppendValue(s.Sex[p]).AppendValue(s.MigratoryStatus[p]);
                    if (s.Age[p] == 255)
                        row.AppendNullValue();
                    else
                        row.AppendValue(s.Age[p]);
                    row.EndRow();
                }
            }
        }
        load.Stop();

        const string Sql = """
            WITH r AS (SELECT hh, count(*) OVER (PARTITION BY adm4, sex, mig,
                CASE WHEN age IS NULL THEN NULL WHEN age <= 4 THEN 0 WHEN age <= 17 THEN 1 WHEN age <= 59 THEN 2 ELSE 3 END) AS n FROM persons),
            hr AS (SELECT count(*) AS members, CASE WHEN min(n) = 1 THEN 1.0 ELSE 1 - exp(sum(ln(CASE WHEN n > 1 THEN 1 - 1.0 / n ELSE 1 END))) END AS risk FROM r GROUP BY hh)
            SELECT (SELECT count(*) FROM r), (SELECT sum(1.0 / n) FROM r), (SELECT sum(CASE WHEN n = 1 THEN 1 ELSE 0 END) FROM r),
              (SELECT count(*) FROM hr), (SELECT sum(risk) FROM hr), (SELECT sum(members * risk) FROM hr)
            """;
        var (median, _, line) = Stats.Time(runs, () =>
        {
            using var cmd = connection.CreateCommand();
            cmd.CommandText = Sql;
            using var r = cmd.ExecuteReader();
            r.Read();
            return string.Join(',', Enumerable.Range(0, 6).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture)));
        });
        return new Result(load.Elapsed.TotalSeconds, median, MicrodataSql.Figures.Parse(line));
    }
}
