using System.Globalization;
using System.Text;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres;

internal sealed class PostgresScoreStore(NpgsqlDataSource dataSource) : IScoreStore
{
    public async Task<long> SaveRunAsync(VulnerabilityModel model, IReadOnlyList<ScoredHousehold> scores, DateTimeOffset scoredAt,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(scores);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var runId = (long)(await connection.ScalarAsync(
            "INSERT INTO score_run (model_id, model_version, model_json, dimensions, scored_at, households) VALUES (@i, @v, @j, @d, @at, @n) RETURNING id", tx,
            cancellationToken,
            ("i", model.Id), ("v", model.Version), ("j", model.SourceJson ?? ""), ("d", string.Join(' ', model.Dimensions.Select(d => d.Id))),
            ("at", scoredAt.ToUniversalTime()), ("n", (long)scores.Count)).ConfigureAwait(false))!;
        await connection.ExecuteAsync("DELETE FROM household_score", tx, cancellationToken).ConfigureAwait(false);
        var sb = new StringBuilder();
        await using (var w = await connection.BeginBinaryImportAsync(
            "COPY household_score (household_id, run_id, score, class, rank, dimensions, area_ranks, exposure_method, exposure, max_exposure, explanation) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
        {
            // Rows go into Npgsql's buffer with its synchronous writes (an await per value would cost more than the
            // value); the buffer is sent as it fills, and the token is checked every few thousand rows.
            var n = 0;
            foreach (var s in scores)
            {
                if ((++n & 0xfff) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                w.StartRow();
                w.Write(s.HouseholdId, NpgsqlDbType.Bigint);
                w.Write(runId, NpgsqlDbType.Bigint);
                w.Write(s.Score.Overall, NpgsqlDbType.Double);
                w.Write(VulnerabilityClasses.Codes[s.Score.Class], NpgsqlDbType.Text);
                w.Write(s.Rank, NpgsqlDbType.Integer);
                w.Write(Numbers(sb, s.Score.Dimensions), NpgsqlDbType.Text);
                w.Write(string.Join(' ', s.AreaRanks.Select(a => a.Pcode + ":" + a.Rank.ToString(CultureInfo.InvariantCulture))), NpgsqlDbType.Text);
                w.Write(s.Exposure.MethodCode, NpgsqlDbType.Text);
                w.Write(Numbers(sb, s.Exposure.Values), NpgsqlDbType.Text);
                Copy.Value(w, MaxKnown(s.Exposure.Values), NpgsqlDbType.Double);
                w.Write(s.Explanation, NpgsqlDbType.Text);
            }
            await w.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return runId;
    }

    /// <summary>The highest known exposure (NaN = unknown), or null when none is known: the <c>hazard_exposure</c> field.</summary>
    private static double? MaxKnown(double[] values)
    {
        double? max = null;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && (max is null || v > max))
                max = v;
        }
        return max;
    }

    public async Task<ScoreRunInfo?> LatestRunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            // A run and its scores are saved in one transaction, so the newest run is the one whose scores are stored.
            "SELECT id, model_id, model_version, model_json, scored_at, households, dimensions FROM score_run ORDER BY id DESC LIMIT 1", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            return null;
        return new ScoreRunInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetInstant(4), r.GetInt64(5),
            r.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public async Task<IReadOnlyList<StoredScore>> ReadScoresAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<StoredScore>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(
            "SELECT household_id, score, class, rank, dimensions, area_ranks, exposure_method, exposure, explanation FROM household_score ORDER BY rank", null);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var ranks = r.GetString(5).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p =>
            {
                var colon = p.LastIndexOf(':');
                return new AreaRank(p[..colon], int.Parse(p.AsSpan(colon + 1), CultureInfo.InvariantCulture));
            }).ToArray();
            result.Add(new StoredScore(r.GetInt64(0), r.GetDouble(1), VulnerabilityClasses.Codes.Parse(r.GetString(2)), r.GetInt32(3),
                ParseNumbers(r.GetString(4)), ranks, r.GetString(6), ParseNumbers(r.GetString(7)), r.GetString(8)));
        }
        return result;
    }

    private static string Numbers(StringBuilder sb, double[] values)
    {
        sb.Clear();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
                sb.Append(' ');
            sb.Append(values[i].ToString("R", CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }

    private static double[] ParseNumbers(string s) =>
        [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture))];
}
