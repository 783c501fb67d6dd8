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
    public async Task<string> ExplainCountAsync(PushdownQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (text, _, _) = await CountSqlAsync(query, cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(PartitionWise, tx, cancellationToken).ConfigureAwait(false);
        var plan = await StringsAsync(connection, tx, "EXPLAIN (VERBOSE) " + text, cancellationToken,
            ("areas", new TypedNull(NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text))).ConfigureAwait(false);
        return string.Join('\n', plan);
    }

    private const string PartitionWise = "SET LOCAL enable_partitionwise_aggregate = on; SET LOCAL enable_partitionwise_join = on";

    /// <remarks>
    /// The token goes to every statement: cancelled, Npgsql cancels the query on the server (on a scaled-out registry the
    /// coordinator then stops its shards' queries), the read-only transaction is rolled back and the connection returns to
    /// the pool usable.
    /// </remarks>
    public async Task<PushdownCounts> CountAsync(PushdownQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (text, k, formats) = await CountSqlAsync(query, cancellationToken).ConfigureAwait(false);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await connection.ExecuteAsync(PartitionWise, tx, cancellationToken).ConfigureAwait(false);
        string[]? areas = null;
        if (query.AreaPcode is { } a)
            areas = [.. await StringsAsync(connection, tx, RegistrySql.SubtreePcodes("@area"), cancellationToken, ("area", a)).ConfigureAwait(false)];
        var rows = new List<PushdownRow>();
        PushdownRow? total = null;
        await using (var cmd = connection.Command(text, tx, ("areas", areas)))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                // Column 0 is the partition key; the keys follow, then the sums. Within one partition a group is whole,
                // so its largest contributions are exact; Core merges groups of several partitions.
                var keyValues = new string?[k];
                for (var i = 0; i < k; i++)
                    keyValues[i] = formats[i](r.IsDBNull(i + 1) ? null : r.GetValue(i + 1));
                var at = k + 1;
                var top = r.IsDBNull(at + 6) ? [] : r.GetFieldValue<double[]>(at + 6);
                var row = new PushdownRow(keyValues, r.IsDBNull(at) ? 0 : r.GetInt64(at), r.GetDouble(at + 1), r.GetDouble(at + 2))
                {
                    NumeratorContributors = r.GetInt64(at + 4),
                    Magnitude = r.GetDouble(at + 5),
                    Largest = top.Length > 0 ? top[0] : 0,
                    SecondLargest = top.Length > 1 ? top[1] : 0,
                };
                // GROUPING() has a bit set per group column left out: all set is the grand total.
                if (r.GetInt32(at + 3) == (1 << (k + 1)) - 1)
                    total = row;
                else
                    rows.Add(row);
            }
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new PushdownCounts(rows, total ?? new PushdownRow([.. new string?[k]], 0, 0, 0));
    }

    /// <summary>The count query, its number of keys and, per key, the formatter of its value to a category code.</summary>
    private async Task<(string Sql, int Keys, List<Func<object?, string?>> Formats)> CountSqlAsync(PushdownQuery query, CancellationToken cancellationToken)
    {
        var indicator = query.Indicator;
        HashSet<string> extras;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            extras = (await HouseholdNumberColumnsAsync(connection, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var sql = new PushdownSql(query.AgeBands, extras);
        var person = indicator.Unit == IndicatorUnit.Person;
        var keyed = query.Dimensions.Select(d => d.IsArea ? ("h.area_pcode", v => v as string) : sql.Key(d.Name)).ToList();
        var keys = keyed.Select(x => x.Item1).ToList();
        var filter = indicator.Filter is { } f ? sql.Condition(Parse(f)) : "true";
        var weight = indicator.Weight is { } w ? sql.Number(Parse(w)) : "1.0::double precision";
        var measure = indicator.Measure;
        // Per unit, as CellAccumulator: which units count, and what they add to the numerator and denominator.
        var share = measure.Kind == MeasureKind.Share;
        var shareCondition = share ? sql.Condition(Parse(measure.Numerator!)) : "";
        // No CASE or COALESCE inside: postgres_fdw would not send the aggregate to the shards.
        var (counts, numerator, denominator, contribution) = measure.Kind switch
        {
            MeasureKind.Count when indicator.Weight is null => ("true", "count(*)::double precision", "0.0::double precision", "0.0::double precision"),
            MeasureKind.Count => ($"{weight} IS NOT NULL", $"sum({weight})", "0.0::double precision", "0.0::double precision"),
            MeasureKind.Sum or MeasureKind.Mean => Valued(weight, sql.Number(Parse(measure.Value!))),
            MeasureKind.Share => ($"{weight} IS NOT NULL", $"sum({weight}) FILTER (WHERE {shareCondition})", $"sum({weight})", "0.0::double precision"),
            _ => throw new PushdownNotSupportedException($"measure {measure.Kind} is not counted by PostgreSQL"),
        };
        var valued = measure.Kind is MeasureKind.Sum or MeasureKind.Mean;
        var from = person
            ? "person p JOIN household h ON h.id = p.household_id AND h.adm1_pcode = p.adm1_pcode"
            : "household h";
        if (sql.UsesScores)
            from += " LEFT JOIN household_score s ON s.household_id = h.id";
        var scope = query.AreaPcode is null ? "" : " AND h.area_pcode = ANY(@areas)";
        var k = keys.Count;
        var inner = string.Join(", ", keys.Select((key, i) => $"{key} AS k{i.ToString(CultureInfo.InvariantCulture)}"));
        var names = string.Join(", ", Enumerable.Range(0, k).Select(i => "k" + i.ToString(CultureInfo.InvariantCulture)));
        var groups = "adm1_pcode" + string.Concat(Enumerable.Range(0, k).Select(i => ", k" + i.ToString(CultureInfo.InvariantCulture)));
        var text = $"""
            WITH cells AS (
                SELECT h.adm1_pcode{(k > 0 ? ", " + inner : "")}, count(*) AS c, {numerator} AS n, {denominator} AS d,
                       {(share ? $"count(*) FILTER (WHERE {shareCondition})" : "0")} AS y,
                       {(valued ? $"(array_agg(abs({contribution}) ORDER BY abs({contribution}) DESC))[1:2]" : "NULL::double precision[]")} AS top,
                       {(valued ? $"sum(abs({contribution}))" : "0.0::double precision")} AS m
                FROM {from}
                WHERE {filter} AND {counts}{scope}
                GROUP BY {groups.Replace("adm1_pcode", "h.adm1_pcode", StringComparison.Ordinal)})
            SELECT {groups}, sum(c)::bigint, coalesce(sum(n), 0)::double precision, coalesce(sum(d), 0)::double precision,
                   GROUPING({groups}), coalesce(sum(y), 0)::bigint, coalesce(sum(m), 0)::double precision,
                   CASE WHEN GROUPING({groups}) = 0 THEN min(top) END
            FROM cells GROUP BY GROUPING SETS (({groups}), ())
            """;
        return (text, k, [.. keyed.Select(x => x.Item2)]);
    }

    private static (string Counts, string Numerator, string Denominator, string Contribution) Valued(string weight, string value) =>
        ($"{weight} IS NOT NULL AND {value} IS NOT NULL", $"sum({weight} * {value})", $"sum({weight})", $"({weight} * {value})");

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

    public async Task<IReadOnlyList<string>> PreviousCountriesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await StringsAsync(connection, null,
            "SELECT prev_country FROM person WHERE prev_country IS NOT NULL AND prev_country <> '' GROUP BY prev_country " +
            "ORDER BY min(ARRAY[household_id, line::bigint])", cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<string>> StringsAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, string sql, CancellationToken cancellationToken,
        params (string, object?)[] parameters)
    {
        var result = new List<string>();
        await using var cmd = connection.Command(sql, tx, parameters);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            result.Add(r.GetString(0));
        return result;
    }
}
