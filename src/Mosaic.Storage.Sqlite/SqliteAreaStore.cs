using Microsoft.Data.Sqlite;
using Mosaic.Core.Areas;
using Mosaic.Core.Storage;
using Mosaic.Storage.Sqlite.Internal;
using NetTopologySuite.IO;

namespace Mosaic.Storage.Sqlite;

// SQLite runs in-process: each call does its work on the caller's thread and returns a completed task, checking the
// token before it starts and, in a long loop, every few thousand rows.
internal sealed class SqliteAreaStore(SqliteConnection connection) : IAreaStore
{
    private const string Columns = "pcode, name, level, parent_pcode, country_code, valid_from";

    public Task<AreaUpsertResult> UpsertAsync(IEnumerable<Area> areas, AreaUpsertMode mode = AreaUpsertMode.Full, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Upsert(areas, mode, cancellationToken));
    }

    private AreaUpsertResult Upsert(IEnumerable<Area> areas, AreaUpsertMode mode, CancellationToken cancellationToken)
    {
        int inserted = 0, updated = 0, unchanged = 0;
        var writer = new WKBWriter();
        using var tx = connection.BeginTransaction();
        using var find = connection.CreateCommand("SELECT name, level, parent_pcode, country_code, valid_from, boundary FROM area WHERE pcode = $p", tx, ("$p", ""));
        using var insert = connection.CreateCommand(
            $"INSERT INTO area ({Columns}, boundary) VALUES ($p, $n, $l, $parent, $c, $v, $b)", tx,
            ("$p", ""), ("$n", ""), ("$l", 0), ("$parent", null), ("$c", null), ("$v", null), ("$b", null));
        using var update = connection.CreateCommand(
            "UPDATE area SET name = $n, level = $l, parent_pcode = $parent, country_code = $c, valid_from = $v, boundary = coalesce($b, boundary) WHERE pcode = $p", tx,
            ("$p", ""), ("$n", ""), ("$l", 0), ("$parent", null), ("$c", null), ("$v", null), ("$b", null));
        using var updateBoundary = connection.CreateCommand("UPDATE area SET boundary = $b WHERE pcode = $p", tx, ("$p", ""), ("$b", null));

        foreach (var area in areas)
        {
            if (((inserted + updated + unchanged) & 0x3ff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var boundary = area.Boundary is null ? null : writer.Write(area.Boundary);
            find.Parameters["$p"].Value = area.Pcode;
            using (var r = find.ExecuteReader())
            {
                if (!r.Read())
                {
                    Bind(insert, area, boundary);
                    insert.ExecuteNonQuery();
                    inserted++;
                    continue;
                }
                var same = r.GetString(0) == area.Name && r.GetInt32(1) == area.Level &&
                           r.GetNullableString(2) == area.ParentPcode && r.GetNullableString(3) == area.CountryCode &&
                           r.GetNullableString(4) == area.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                if (mode == AreaUpsertMode.BoundariesOnly || same)
                {
                    // The same boundary again (a re-import of the same file) is unchanged, not updated.
                    if (boundary is null || (!r.IsDBNull(5) && ((byte[])r.GetValue(5)).AsSpan().SequenceEqual(boundary)))
                    {
                        unchanged++;
                        continue;
                    }
                    updateBoundary.Parameters["$p"].Value = area.Pcode;
                    updateBoundary.Parameters["$b"].Value = boundary;
                    updateBoundary.ExecuteNonQuery();
                    updated++;
                    continue;
                }
            }
            Bind(update, area, boundary);
            update.ExecuteNonQuery();
            updated++;
        }
        // Cancelled before the commit, the transaction rolls back when disposed: nothing is written.
        cancellationToken.ThrowIfCancellationRequested();
        tx.Commit();
        return new AreaUpsertResult(inserted, updated, unchanged);
    }

    private static void Bind(SqliteCommand cmd, Area area, byte[]? boundary)
    {
        cmd.Parameters["$p"].Value = area.Pcode;
        cmd.Parameters["$n"].Value = area.Name;
        cmd.Parameters["$l"].Value = area.Level;
        cmd.Parameters["$parent"].Value = area.ParentPcode.Db();
        cmd.Parameters["$c"].Value = area.CountryCode.Db();
        cmd.Parameters["$v"].Value = area.ValidFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).Db() ?? DBNull.Value;
        cmd.Parameters["$b"].Value = (object?)boundary ?? DBNull.Value;
    }

    public Task<Area?> GetAsync(string pcode, CancellationToken cancellationToken = default) =>
        Task.FromResult(Query($"SELECT {Columns}, boundary FROM area WHERE pcode = $p", true, cancellationToken, ("$p", pcode)).FirstOrDefault());

    public Task<IReadOnlyList<Area>> AllAsync(bool withBoundaries = false, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Area>>(
            Query($"SELECT {Columns}, {(withBoundaries ? "boundary" : "NULL")} FROM area ORDER BY level, pcode", withBoundaries, cancellationToken));

    public Task<IReadOnlyList<Area>> SubtreeAsync(string pcode, bool withBoundaries = false, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Area>>(Query($"""
            WITH RECURSIVE sub(pcode) AS (
                SELECT pcode FROM area WHERE pcode = $p
                UNION ALL SELECT a.pcode FROM area a JOIN sub ON a.parent_pcode = sub.pcode)
            SELECT {Columns}, {(withBoundaries ? "boundary" : "NULL")} FROM area WHERE pcode IN (SELECT pcode FROM sub)
            ORDER BY level, pcode
            """, withBoundaries, cancellationToken, ("$p", pcode)));

    public Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Convert.ToInt32(connection.ExecuteScalar("SELECT count(*) FROM area"), System.Globalization.CultureInfo.InvariantCulture));
    }

    private List<Area> Query(string sql, bool withBoundaries, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var reader = new WKBReader();
        var list = new List<Area>();
        using var cmd = connection.CreateCommand(sql, null, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            if ((list.Count & 0x3ff) == 0)
                cancellationToken.ThrowIfCancellationRequested();
            var validFrom = r.GetNullableString(5);
            list.Add(new Area(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetNullableString(3),
                withBoundaries && !r.IsDBNull(6) ? reader.Read((byte[])r.GetValue(6)) : null)
            {
                CountryCode = r.GetNullableString(4),
                ValidFrom = validFrom is null ? null : DateOnly.ParseExact(validFrom, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        return list;
    }
}
