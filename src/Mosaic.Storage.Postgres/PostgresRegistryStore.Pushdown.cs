using System.Globalization;
using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

// Tabulation pushdown: one query counts the population per group of dimension keys. The inner GROUP BY includes
// the partition key (adm1_pcode), so on a partitioned registry each partition is aggregated whole — on its shard,
// for postgres_fdw partitions — and only the groups travel; the outer GROUPING SETS adds the grand total.
internal sealed partial class PostgresRegistryStore : ITabulationPushdown
{
    public PushdownCounts Count(PushdownQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var indicator = query.Indicator;
        var extras = OptionalHouseholdNumbers().ToHashSet(StringComparer.Ordinal);
        var sql = new PushdownSql(query.AgeBands, extras);
        var person = indicator.Unit == IndicatorUnit.Person;
        var keys = query.Dimensions.Select(d => d.IsArea ? "h.area_pcode" : sql.Code(d.Name)).ToList();
        var filter = indicator.Filter is { } f ? sql.Condition(Parse(f)) : "true";
        var weight = indicator.Weight is { } w ? sql.Number(Parse(w)) : "1.0::double precision";
        var measure = indicator.Measure;
        // Per unit, as CellAccumulator: which units count, and what they add to the numerator and denominator.
        var (counts, numerator, denominator) = measure.Kind switch
        {
            MeasureKind.Count when indicator.Weight is null => ("true", "1.0::double precision", "0.0::double precision"),
            MeasureKind.Count => ($"{weight} IS NOT NULL", weight, "0.0::double precision"),
            MeasureKind.Sum or MeasureKind.Mean => Valued(weight, sql.Number(Parse(measure.Value!))),
            MeasureKind.Share => ($"{weight} IS NOT NULL", $"CASE WHEN {sql.Condition(Parse(measure.Numerator!))} THEN {weight} ELSE 0 END", weight),
            _ => throw new PushdownNotSupportedException($"measure {measure.Kind} is not counted by PostgreSQL"),
        };
        var from = person
            ? "person p JOIN household h ON h.id = p.household_id AND h.adm1_pcode = p.adm1_pcode"
            : "household h";
        if (sql.UsesScores)
            from += " LEFT JOIN household_score s ON s.household_id = h.id";
        var scope = query.AreaPcode is null ? "" : " AND h.area_pcode = ANY(@areas)";
        var k = keys.Count;
        var inner = string.Join(", ", keys.Select((key, i) => $"{key} AS k{i.ToString(CultureInfo.InvariantCulture)}"));
        var names = string.Join(", ", Enumerable.Range(0, k).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)));
        var text = $"""
            WITH cells AS (
                SELECT h.adm1_pcode{(k > 0 ? ", " + inner : "")}, count(*) AS c, sum({numerator}) AS n, sum({denominator}) AS d
                FROM {from}
                WHERE {filter} AND {counts}{scope}
                GROUP BY h.adm1_pcode{(k > 0 ? ", " + names : "")})
            SELECT {(k > 0 ? names + ", " : "")}sum(c)::bigint, coalesce(sum(n), 0)::double precision, coalesce(sum(d), 0)::double precision,
                   {(k > 0 ? $"GROUPING({names})" : "0")}
            FROM cells GROUP BY GROUPING SETS (({names}), ())
            """;
        using var connection = dataSource.OpenConnection();
        using var tx = connection.BeginTransaction();
        connection.Execute("SET LOCAL enable_partitionwise_aggregate = on; SET LOCAL enable_partitionwise_join = on", tx);
        string[]? areas = null;
        if (query.AreaPcode is { } a)
            areas = [.. Strings(connection, tx, RegistrySql.SubtreePcodes("@area"), ("area", a))];
        var rows = new List<PushdownRow>();
        PushdownRow? total = null;
        using (var cmd = connection.Command(text, tx, ("areas", areas)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var keyValues = new string?[k];
                for (var i = 0; i < k; i++)
                    keyValues[i] = r.GetNullableString(i);
                var row = new PushdownRow(keyValues, r.IsDBNull(k) ? 0 : r.GetInt64(k), r.GetDouble(k + 1), r.GetDouble(k + 2));
                // GROUPING() has a bit set per key left out: all set (or no keys at all and a second row) is the grand total.
                var grouping = r.GetInt32(k + 3);
                if (k > 0 ? grouping == (1 << k) - 1 : total is null && rows.Count == 1)
                    total = row;
                else
                    rows.Add(row);
            }
        }
        tx.Commit();
        return new PushdownCounts(rows, total ?? new PushdownRow([.. new string?[k]], 0, 0, 0));
    }

    private static (string Counts, string Numerator, string Denominator) Valued(string weight, string value) =>
        ($"{weight} IS NOT NULL AND {value} IS NOT NULL", $"{weight} * {value}", weight);

    private static Expr Parse(string text)
    {
        try
        {
            return ExpressionParser.Parse(text);
        }
        catch (ExpressionException ex)
        {
            throw new PushdownNotSupportedException(ex.Message, ex);
        }
    }

    public IReadOnlyList<string> PreviousCountries()
    {
        using var connection = dataSource.OpenConnection();
        return Strings(connection, null,
            "SELECT prev_country FROM person WHERE prev_country IS NOT NULL AND prev_country <> '' GROUP BY prev_country " +
            "ORDER BY min(ARRAY[household_id, line::bigint])");
    }

    private static List<string> Strings(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, params (string, object?)[] parameters)
    {
        var result = new List<string>();
        using var cmd = connection.Command(sql, tx, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
            result.Add(r.GetString(0));
        return result;
    }
}
