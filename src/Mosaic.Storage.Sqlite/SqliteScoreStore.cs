using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

internal sealed class SqliteScoreStore(SqliteConnection connection) : ISqliteScores
{
    public long SaveRun(VulnerabilityModel model, IReadOnlyList<ScoredHousehold> scores, DateTimeOffset scoredAt)
    {
        using var tx = connection.BeginTransaction();
        var runId = (long)connection.ExecuteScalar(
            "INSERT INTO score_run (model_id, model_version, model_json, dimensions, scored_at, households) VALUES ($i, $v, $j, $d, $at, $n) RETURNING id", tx,
            ("$i", model.Id), ("$v", model.Version), ("$j", model.SourceJson ?? ""), ("$d", string.Join(' ', model.Dimensions.Select(d => d.Id))),
            ("$at", scoredAt.ToString("O", CultureInfo.InvariantCulture)), ("$n", scores.Count))!;
        connection.Execute("DELETE FROM household_score", tx);
        // Bound by index straight into SQLite (RawStatement): through ADO.NET parameters this loop was most of a
        // scoring run's write time (7.4 s of 1,000,000 rows).
        using (var insert = new RawStatement(connection,
            "INSERT INTO household_score (household_id, run_id, score, class, rank, dimensions, area_ranks, exposure_method, exposure, explanation) " +
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"))
        {
            if (scores is ScoringResult run)
                Insert(insert, runId, run);
            else
                Insert(insert, runId, scores);
        }
        tx.Commit();
        return runId;
    }

    private static void Insert(RawStatement insert, long runId, IReadOnlyList<ScoredHousehold> scores)
    {
        var sb = new StringBuilder();
        foreach (var s in scores)
        {
            insert.Long(1, s.HouseholdId);
            insert.Long(2, runId);
            insert.Double(3, s.Score.Overall);
            insert.Code(4, VulnerabilityClasses.Codes[s.Score.Class]);
            insert.Long(5, s.Rank);
            insert.Text(6, Numbers(sb, s.Score.Dimensions));
            insert.Text(7, AreaRanks(sb, s.AreaRanks));
            insert.Code(8, s.Exposure.MethodCode);
            insert.Text(9, Numbers(sb, s.Exposure.Values));
            insert.Text(10, s.Explanation);
            insert.Execute();
        }
    }

    /// <summary>
    /// The rows of a run's columns, formatted straight into UTF-8 (the same text as <see cref="Insert(RawStatement, long, IReadOnlyList{ScoredHousehold})"/>
    /// stores): no <see cref="ScoredHousehold"/>, number string or explanation per row is made unless it is new.
    /// </summary>
    private static void Insert(RawStatement insert, long runId, ScoringResult run)
    {
        var text = new Utf8Row();
        var explanations = new Explanation.Cache(run.Indicators);
        var areaMethods = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < run.Count; i++)
        {
            insert.Long(1, run.HouseholdId(i));
            insert.Long(2, runId);
            insert.Double(3, run.Overall(i));
            insert.Code(4, VulnerabilityClasses.Codes[run.Class(i)]);
            insert.Long(5, run.Rank(i));
            insert.Utf8(6, text.Numbers(run.Dimensions(i)));
            insert.Utf8(7, text.AreaRanks(run.AreaChain(i), run.AreaRanks(i)));
            insert.Code(8, run.Exposures.Method(i) switch
            {
                ExposureMethod.Gps => "gps",
                ExposureMethod.AreaShare => AreaMethod(areaMethods, run.Exposures.AreaPcode(i)!),
                _ => "none",
            });
            insert.Utf8(9, text.Numbers(run.Exposures.Values(i)));
            insert.Text(10, explanations.Format(run.TopContributions(i)));
            insert.Execute();
        }
    }

    private static string AreaMethod(Dictionary<string, string> codes, string pcode)
    {
        if (!codes.TryGetValue(pcode, out var code))
            codes[pcode] = code = new HouseholdExposure(ExposureMethod.AreaShare, pcode, []).MethodCode;
        return code;
    }

    public ScoreRunInfo? LatestRun()
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

    public IReadOnlyList<StoredScore> ReadScores() => Read("", []);

    public IReadOnlyList<StoredScore> ReadScores(IReadOnlyList<long> householdIds)
    {
        ArgumentNullException.ThrowIfNull(householdIds);
        if (householdIds.Count == 0)
            return [];
        var ids = "[" + string.Join(',', householdIds.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";
        return Read(" WHERE household_id IN (SELECT value FROM json_each($ids))", [("$ids", ids)]);
    }

    public ScoreRanks ReadRanks()
    {
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
            var cls = select.GetLong(2);
            if (cls < 0)
                throw new InvalidOperationException($"household {select.GetLong(0)} has an unknown score class");
            ids.Add(select.GetLong(0));
            ranks.Add(checked((int)select.GetLong(1)));
            classes.Add((VulnerabilityClass)cls);
        }
        return new ScoreRanks([.. ids], [.. ranks], [.. classes]);
    }

    private List<StoredScore> Read(string where, (string, object?)[] parameters)
    {
        var result = new List<StoredScore>();
        using var cmd = connection.CreateCommand(
            "SELECT household_id, score, class, rank, dimensions, area_ranks, exposure_method, exposure, explanation FROM household_score" + where +
            " ORDER BY rank", null, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
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

    /// <summary><c>pcode:rank</c> pairs separated by spaces, as <see cref="ReadScores()"/> parses them.</summary>
    private static string AreaRanks(StringBuilder sb, IEnumerable<AreaRank> ranks)
    {
        sb.Clear();
        foreach (var a in ranks)
        {
            if (sb.Length > 0)
                sb.Append(' ');
            sb.Append(a.Pcode).Append(':').Append(a.Rank.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
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
