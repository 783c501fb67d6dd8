using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

internal sealed class SqliteScoreStore(SqliteConnection connection) : ISqliteScores
{
    // SQLite runs in-process: each call does its work on the caller's thread and returns a completed task. The token
    // is checked before each step (a bulk column read is one step, never a row at a time).

    public Task<long> SaveRunAsync(VulnerabilityModel model, IReadOnlyList<ScoredHousehold> scores, DateTimeOffset scoredAt,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // The run's columns (~220 MB at 1 M households) pass through SQLite once: a small page cache for them.
        using var cache = PageCacheLimit.Lower(connection);
        using var tx = connection.BeginTransaction();
        var runId = InsertRun(connection, tx, model, scores.Count, scoredAt);
        var rows = ScoreColumnRows.Of(scores);
        cancellationToken.ThrowIfCancellationRequested();
        ScoreColumnsWriter.Write(connection, runId, rows);
        // The last point of no return: cancelled before it, the transaction rolls back and the previous run stays.
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return Task.FromResult(runId);
    }

    public Task<IScoreRunWriter> BeginRunAsync(VulnerabilityModel model, DateTimeOffset scoredAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult<IScoreRunWriter>(new RunWriter(connection, model, scoredAt));
    }

    /// <summary>
    /// A run written in one transaction as it is scored (<see cref="ScoreColumnsStreamWriter"/>): disposed before its
    /// commit, the transaction rolls back and the previous run stays the latest.
    /// </summary>
    private sealed class RunWriter : IScoreRunWriter
    {
        private readonly PageCacheLimit _cache;
        private readonly SqliteTransaction _tx;
        private readonly ScoreColumnsStreamWriter _columns;
        private readonly SqliteConnection _connection;
        private readonly IDisposable _within;
        private readonly long _runId;
        private bool _done;

        public RunWriter(SqliteConnection connection, VulnerabilityModel model, DateTimeOffset scoredAt)
        {
            // The run's columns pass through SQLite once: a small page cache for them.
            _cache = PageCacheLimit.Lower(connection);
            try
            {
                _connection = connection;
                _tx = connection.BeginTransaction();
                _within = connection.Within(_tx);
                // The household count is set at the commit (the same transaction: a reader never sees the 0).
                _runId = InsertRun(connection, _tx, model, 0, scoredAt);
                _columns = new ScoreColumnsStreamWriter(connection, _runId, model.Dimensions.Count);
            }
            catch
            {
                _within?.Dispose();
                _tx?.Dispose();
                _cache.Dispose();
                throw;
            }
        }

        public Task AppendAsync(ScoringResult chunk, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(chunk);
            ObjectDisposedException.ThrowIf(_done, this);
            cancellationToken.ThrowIfCancellationRequested();
            _columns.Append(chunk);
            return Task.CompletedTask;
        }

        public Task<long> CommitAsync(int[] ranks, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(ranks);
            ObjectDisposedException.ThrowIf(_done, this);
            cancellationToken.ThrowIfCancellationRequested();
            _columns.Finish(ranks);
            _connection.Execute("UPDATE score_run SET households = $n WHERE id = $id", _tx, ("$n", ranks.Length), ("$id", _runId));
            // The last point of no return: cancelled before it, the transaction rolls back and the previous run stays.
            cancellationToken.ThrowIfCancellationRequested();
            _tx.Commit();
            _within.Dispose();
            _done = true;
            return Task.FromResult(_runId);
        }

        public void Dispose()
        {
            _done = true;
            _columns.Dispose();
            _within.Dispose();
            _tx.Dispose(); // rolls back when not committed
            _cache.Dispose();
        }
    }

    /// <summary>Records a run and removes the previous run's scores (inside <paramref name="tx"/>); returns the run id.</summary>
    private static long InsertRun(SqliteConnection connection, SqliteTransaction tx, VulnerabilityModel model, int households, DateTimeOffset scoredAt)
    {
        var runId = (long)connection.ExecuteScalar(
            "INSERT INTO score_run (model_id, model_version, model_json, dimensions, scored_at, households) VALUES ($i, $v, $j, $d, $at, $n) RETURNING id", tx,
            ("$i", model.Id), ("$v", model.Version), ("$j", model.SourceJson ?? ""), ("$d", string.Join(' ', model.Dimensions.Select(d => d.Id))),
            ("$at", scoredAt.ToString("O", CultureInfo.InvariantCulture)), ("$n", households))!;
        // A run's results are columns (ScoreColumnsLayout), not a row per household: only the latest run is kept.
        // household_score holds rows only in a database scored before migration 13 (read until the next run).
        connection.Execute("DELETE FROM household_score", tx);
        connection.Execute("DELETE FROM score_columns", tx);
        return runId;
    }

    public Task<ScoreRunInfo?> LatestRunAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(LatestRun());
    }

    private ScoreRunInfo? LatestRun()
    {
        using var cmd = connection.CreateCommand(
            // A run and its scores are saved in one transaction, so the newest run is the one whose scores are
            // stored — also when it scored no household at all.
            "SELECT id, model_id, model_version, model_json, scored_at, households, dimensions FROM score_run " +
            "ORDER BY id DESC LIMIT 1", null);
        using var r = cmd.ExecuteReader();
        if (!r.Read())
            return null;
        return new ScoreRunInfo(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3),
            DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture), r.GetInt64(5),
            r.GetString(6).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    public Task<IReadOnlyList<StoredScore>> ReadScoresAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var columns = ScoreColumnsFile.OpenLatest(connection);
        if (columns is null)
            return Task.FromResult<IReadOnlyList<StoredScore>>(ReadRows("", [], cancellationToken));
        return Task.FromResult<IReadOnlyList<StoredScore>>(FromColumns(columns, null, cancellationToken));
    }

    public Task<IReadOnlyList<StoredScore>> ReadScoresAsync(IReadOnlyList<long> householdIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(householdIds);
        cancellationToken.ThrowIfCancellationRequested();
        if (householdIds.Count == 0)
            return Task.FromResult<IReadOnlyList<StoredScore>>([]);
        using var cache = PageCacheLimit.Lower(connection);
        using var columns = ScoreColumnsFile.OpenLatest(connection);
        if (columns is null)
        {
            var ids = "[" + string.Join(',', householdIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
            return Task.FromResult<IReadOnlyList<StoredScore>>(ReadRows(" WHERE household_id IN (SELECT value FROM json_each($ids))", [("$ids", ids)], cancellationToken));
        }
        return Task.FromResult<IReadOnlyList<StoredScore>>(FromColumns(columns, householdIds, cancellationToken));
    }

    /// <summary>The stored scores of <paramref name="householdIds"/> (null = all) from the run's columns, in rank order.</summary>
    private static List<StoredScore> FromColumns(ScoreColumnsFile columns, IReadOnlyList<long>? householdIds, CancellationToken cancellationToken)
    {
        List<StoredScore> result;
        if (householdIds is null)
        {
            var ids = columns.ReadIds();
            var overall = columns.ReadOverall();
            var classes = columns.ReadClasses();
            var ranks = columns.ReadRanks();
            var counted = columns.CountAreaRanks(null, ranks);
            var stride = columns.Layout.Stride;
            result = new List<StoredScore>(ids.Length);
            for (var i = 0; i < ids.Length; i++)
            {
                if ((i & 0xfff) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                result.Add(columns.Score(i, ids[i], overall[i], classes[i], ranks[i], counted is null ? default : counted.AsSpan(i * stride, stride)));
            }
        }
        else
        {
            // The asked households' positions from the id column streamed once, their area ranks counted from the
            // rank and chain columns streamed once, their values read in stored order through each section's window
            // (ascending offsets serve the neighbours): no whole column of the run is held for a list.
            long[] sorted = [.. householdIds.Distinct()];
            Array.Sort(sorted);
            cancellationToken.ThrowIfCancellationRequested();
            var wanted = columns.PositionsOf(sorted);
            var counted = columns.CountAreaRanksOf(wanted, cancellationToken);
            var stride = columns.Layout.Stride;
            result = new List<StoredScore>(wanted.Count);
            for (var n = 0; n < wanted.Count; n++)
            {
                if ((n & 0xfff) == 0)
                    cancellationToken.ThrowIfCancellationRequested();
                var i = wanted[n];
                result.Add(columns.Score(i, columns.Id(i), columns.Overall(i), columns.Class(i), columns.Rank(i),
                    counted is null ? default : counted.AsSpan(n * stride, stride)));
            }
        }
        // Hand out in rank order as the rows did.
        result.Sort((x, y) => x.Rank.CompareTo(y.Rank));
        return result;
    }

    public Task<ScoreRanks> ReadRanksAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(ReadRanks(cancellationToken));
    }

    public Task<int> VisitRanksAsync(ScoreRankSlice visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(visit);
        cancellationToken.ThrowIfCancellationRequested();
        using var cache = PageCacheLimit.Lower(connection);
        using (var columns = ScoreColumnsFile.OpenLatest(connection))
        {
            if (columns is not null)
            {
                columns.VisitRanks(visit, cancellationToken);
                return Task.FromResult(columns.Count);
            }
        }
        // Rows of a database scored before migration 13: read as before.
        var ranks = ReadRanks(cancellationToken);
        visit(ranks.HouseholdIds, ranks.Ranks, ranks.Classes);
        return Task.FromResult(ranks.HouseholdIds.Length);
    }

    private ScoreRanks ReadRanks(CancellationToken cancellationToken)
    {
        // The run's columns pass through SQLite once: a small page cache for them.
        using var cache = PageCacheLimit.Lower(connection);
        using (var columns = ScoreColumnsFile.OpenLatest(connection))
        {
            if (columns is not null)
            {
                return new ScoreRanks(columns.ReadIds(), columns.ReadRanks(), columns.ReadClasses());
            }
        }
        var expected = Convert.ToInt32(connection.ExecuteScalar("SELECT count(*) FROM household_score", null), CultureInfo.InvariantCulture);
        var ids = new List<long>(expected);
        var ranks = new List<int>(expected);
        var classes = new List<VulnerabilityClass>(expected);
        var sql = new StringBuilder("SELECT household_id, rank, CASE class");
        foreach (var (value, code) in VulnerabilityClasses.Codes.Entries)
            sql.Append(" WHEN '").Append(code).Append("' THEN ").Append((int)value);
        sql.Append(" ELSE -1 END FROM household_score ORDER BY household_id");
        // Straight from SQLite's columns (RawStatement): no ADO.NET value boxing for a million rows.
        using var select = new RawStatement(connection, sql.ToString());
        while (select.Next())
        {
            if ((ids.Count & 0xffff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var cls = select.GetLong(2);
            if (cls < 0)
                throw new InvalidOperationException($"household {select.GetLong(0)} has an unknown score class");
            ids.Add(select.GetLong(0));
            ranks.Add(checked((int)select.GetLong(1)));
            classes.Add((VulnerabilityClass)cls);
        }
        return new ScoreRanks([.. ids], [.. ranks], [.. classes]);
    }

    /// <summary>Stored scores from the rows of a database scored before migration 13.</summary>
    private List<StoredScore> ReadRows(string where, (string, object?)[] parameters, CancellationToken cancellationToken)
    {
        var result = new List<StoredScore>();
        using var cmd = connection.CreateCommand(
            "SELECT household_id, score, class, rank, dimensions, area_ranks, exposure_method, exposure, explanation FROM household_score" + where +
            " ORDER BY rank", null, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if ((result.Count & 0xfff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
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

    private static double[] ParseNumbers(string s) =>
        [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture))];

}
