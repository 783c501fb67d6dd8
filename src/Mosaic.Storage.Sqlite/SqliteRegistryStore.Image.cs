using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Sqlite.Internal;

namespace Mosaic.Storage.Sqlite;

// The persisted snapshot (migration 12): the image's bytes in parts of the registry_snapshot table, written in one
// transaction through incremental blob I/O (no copy of the image per part), read back into one array.
internal sealed partial class SqliteRegistryStore : IPersistedSnapshotSource
{
    /// <summary>Bytes per stored part: far below SQLite's blob limit (1e9), large enough that parts are few.</summary>
    private const int PartBytes = 64 << 20;

    public SnapshotCoverage CurrentCoverage()
    {
        using var cmd = connection.CreateCommand(
            "SELECT (SELECT version FROM registry_version WHERE id = 1), (SELECT rewrites FROM registry_rewrites WHERE id = 1), " +
            "coalesce((SELECT max(id) FROM household), 0), coalesce((SELECT max(id) FROM score_run), 0)", null);
        long version, rewrites, lastHousehold, scoreRun;
        using (var r = cmd.ExecuteReader())
        {
            r.Read();
            (version, rewrites, lastHousehold, scoreRun) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        }
        return new SnapshotCoverage(version, rewrites, lastHousehold, scoreRun, OptionalHouseholdNumbers());
    }

    public byte[]? ReadImage()
    {
        var total = Convert.ToInt64(connection.ExecuteScalar("SELECT coalesce(sum(length(data)), -1) FROM registry_snapshot", null), CultureInfo.InvariantCulture);
        if (total < 0)
            return null;
        // Parts that do not add up are a damaged image, not a missing one: an empty image, which no reader accepts.
        if (total > Array.MaxLength)
            return [];
        var image = new byte[total];
        using var cmd = connection.CreateCommand("SELECT data FROM registry_snapshot ORDER BY part", null);
        using var r = cmd.ExecuteReader();
        long at = 0;
        while (r.Read())
        {
            var length = r.GetBytes(0, 0, null, 0, 0);
            if (at + length > total)
                return [];
            r.GetBytes(0, 0, image, (int)at, (int)length);
            at += length;
        }
        return at == total ? image : [];
    }

    public void SaveImage(byte[] image)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var tx = connection.BeginTransaction();
        connection.Execute("DELETE FROM registry_snapshot", tx);
        using var insert = connection.CreateCommand("INSERT INTO registry_snapshot (part, data) VALUES ($p, zeroblob($n))", tx, ("$p", 0L), ("$n", 0L));
        var part = 0L;
        for (var at = 0; at < image.Length || part == 0; at += PartBytes, part++)
        {
            var length = Math.Min(PartBytes, image.Length - at);
            insert.Parameters["$p"].Value = part;
            insert.Parameters["$n"].Value = (long)length;
            insert.ExecuteNonQuery();
            using var blob = new SqliteBlob(connection, "registry_snapshot", "data", part);
            blob.Write(image, at, length);
        }
        tx.Commit();
    }

    public long CountHouseholdsThrough(long lastHouseholdId) =>
        Convert.ToInt64(connection.ExecuteScalar("SELECT count(*) FROM household WHERE id <= $last", null, ("$last", lastHouseholdId)), CultureInfo.InvariantCulture);

    public IReadOnlyDictionary<string, float[]> ReadOptionalNumbers(IReadOnlyList<string> names, long throughHouseholdId)
    {
        ArgumentNullException.ThrowIfNull(names);
        var own = HouseholdNumberColumns();
        var plain = names.Where(own.Contains).ToList();
        var scores = names.Where(s_scoreFields.Contains).ToList();
        if (plain.Count + scores.Count != names.Count)
            throw new ArgumentException($"unknown optional fields: {string.Join(", ", names.Except(plain).Except(scores))}", nameof(names));
        var count = (int)CountHouseholdsThrough(throughHouseholdId);
        var columns = names.ToDictionary(n => n, _ => new float[count], StringComparer.Ordinal);
        var select = string.Concat(plain.Select(n => $", h.\"{n}\""));
        using var cmd = connection.CreateCommand(
            $"SELECT h.id{select}{(scores.Count > 0 ? ", s.exposure, s.score" : "")} FROM household h " +
            $"{(scores.Count > 0 ? "LEFT JOIN household_score s ON s.household_id = h.id " : "")}WHERE h.id <= $last ORDER BY h.id", null,
            ("$last", throughHouseholdId));
        using var r = cmd.ExecuteReader();
        Span<double> scoreValues = stackalloc double[s_scoreFields.Length];
        var row = 0;
        while (r.Read() && row < count)
        {
            for (var i = 0; i < plain.Count; i++)
                columns[plain[i]][row] = r.IsDBNull(1 + i) ? float.NaN : (float)r.GetDouble(1 + i);
            if (scores.Count > 0)
            {
                ReadScoreFields(r, 1 + plain.Count, scoreValues);
                for (var i = 0; i < s_scoreFields.Length; i++)
                {
                    if (columns.TryGetValue(s_scoreFields[i], out var column))
                        column[row] = (float)scoreValues[i];
                }
            }
            row++;
        }
        return columns;
    }
}
