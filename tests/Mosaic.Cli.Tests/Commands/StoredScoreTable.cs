using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Sqlite;

namespace Mosaic.Cli.Tests.Commands;

/// <summary>
/// Scores as rows of the table a database scored before migration 13 held (<c>household_score</c>: one row per
/// household, numbers as round-trip text, area ranks as <c>pcode:rank</c> pairs), formatted here, not by the store,
/// so SQL can serve as the oracle over a file whose scores are stored as columns: the table is created as a TEMP
/// table of the test's own connection, where it hides the file's (empty) one.
/// </summary>
internal static class StoredScoreTable
{
    public const string Columns =
        "household_id INTEGER PRIMARY KEY, run_id INTEGER, score REAL, class TEXT, rank INTEGER, dimensions TEXT, area_ranks TEXT, " +
        "exposure_method TEXT, exposure TEXT, explanation TEXT";

    /// <summary>One row of the old table.</summary>
    public sealed record Row(long HouseholdId, double Score, string Class, int Rank, string Dimensions, string AreaRanks,
        string ExposureMethod, string Exposure, string Explanation);

    /// <summary>The rows of the scores the store at <paramref name="db"/> hands out.</summary>
    public static List<Row> FromStore(string db)
    {
        using var store = SqliteMosaicStore.Open(db);
        // For the synchronous SQL helpers: SQLite completes its calls at once.
        return [.. store.Scores.ReadScoresAsync().GetAwaiter().GetResult().Select(FromStored)];
    }

    public static Row FromStored(StoredScore s) => new(s.HouseholdId, s.Score, ClassCode(s.Class), s.Rank, Numbers(s.Dimensions),
        AreaRanks(s.AreaRanks), s.ExposureMethod, Numbers(s.Exposure), s.Explanation);

    /// <summary>The row the old per-row writer stored for a scored household object.</summary>
    public static Row FromObject(ScoredHousehold s) => new(s.HouseholdId, s.Score.Overall, ClassCode(s.Score.Class), s.Rank,
        Numbers(s.Score.Dimensions), AreaRanks(s.AreaRanks), MethodCode(s), Numbers(s.Exposure.Values), s.Explanation);

    /// <summary>Creates <c>temp.household_score</c> on <paramref name="connection"/> with <paramref name="rows"/>.</summary>
    public static void CreateTemp(SqliteConnection connection, IEnumerable<Row> rows) => Create(connection, "temp.household_score", rows, runId: 0);

    /// <summary>Fills <paramref name="table"/> (created when missing) with <paramref name="rows"/>.</summary>
    public static void Create(SqliteConnection connection, string table, IEnumerable<Row> rows, long runId)
    {
        using (var create = connection.CreateCommand())
        {
            create.CommandText = $"CREATE TABLE IF NOT EXISTS {table} ({Columns})";
            create.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = $"INSERT INTO {table} VALUES ($id, $run, $score, $class, $rank, $dims, $areas, $method, $exposure, $explanation)";
        foreach (var r in rows)
        {
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$id", r.HouseholdId);
            insert.Parameters.AddWithValue("$run", runId);
            insert.Parameters.AddWithValue("$score", r.Score);
            insert.Parameters.AddWithValue("$class", r.Class);
            insert.Parameters.AddWithValue("$rank", r.Rank);
            insert.Parameters.AddWithValue("$dims", r.Dimensions);
            insert.Parameters.AddWithValue("$areas", r.AreaRanks);
            insert.Parameters.AddWithValue("$method", r.ExposureMethod);
            insert.Parameters.AddWithValue("$exposure", r.Exposure);
            insert.Parameters.AddWithValue("$explanation", r.Explanation);
            insert.ExecuteNonQuery();
        }
        tx.Commit();
    }

    private static string ClassCode(VulnerabilityClass c) => c switch
    {
        VulnerabilityClass.Low => "low",
        VulnerabilityClass.Moderate => "moderate",
        VulnerabilityClass.High => "high",
        VulnerabilityClass.Extreme => "extreme",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    private static string MethodCode(ScoredHousehold s) => s.Exposure.Method switch
    {
        Core.Hazards.ExposureMethod.Gps => "gps",
        Core.Hazards.ExposureMethod.AreaShare => "area:" + s.Exposure.AreaPcode,
        _ => "none",
    };

    private static string Numbers(IEnumerable<double> values) => string.Join(' ', values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));

    private static string AreaRanks(IEnumerable<AreaRank> ranks) => string.Join(' ', ranks.Select(a => a.Pcode + ":" + a.Rank.ToString(CultureInfo.InvariantCulture)));
}
