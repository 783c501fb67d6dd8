using Mosaic.Core.Areas;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres;

internal sealed class PostgresAreaStore(NpgsqlDataSource source, PostgresGeometry geometry) : IAreaStore
{
    private const string Columns = "pcode, name, level, parent_pcode, country_code, valid_from";

    public AreaUpsertResult Upsert(IEnumerable<Area> areas, AreaUpsertMode mode = AreaUpsertMode.Full)
    {
        ArgumentNullException.ThrowIfNull(areas);
        int inserted = 0, updated = 0, unchanged = 0;
        var writer = new WKBWriter();
        using var connection = source.OpenConnection();
        using var tx = connection.BeginTransaction();
        // The stored tree is read once (tens of thousands of rows at most); only changed areas are written.
        var stored = new Dictionary<string, (string Name, int Level, string? Parent, string? Country, DateOnly? ValidFrom)>(StringComparer.Ordinal);
        using (var cmd = connection.Command("SELECT pcode, name, level, parent_pcode, country_code, valid_from FROM area", tx))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
                stored[r.GetString(0)] = (r.GetString(1), r.GetInt32(2), r.GetNullableString(3), r.GetNullableString(4), r.GetNullableDate(5));
        }
        using var insert = Prepared(connection, tx,
            $"INSERT INTO area ({Columns}, boundary) VALUES (@p, @n, @l, @parent, @c, @v, {geometry.FromWkb("@b")})");
        using var update = Prepared(connection, tx,
            $"UPDATE area SET name = @n, level = @l, parent_pcode = @parent, country_code = @c, valid_from = @v, " +
            $"boundary = coalesce({geometry.FromWkb("@b")}, boundary) WHERE pcode = @p");
        using var updateBoundary = connection.Command($"UPDATE area SET boundary = {geometry.FromWkb("@b")} WHERE pcode = @p", tx,
            ("p", ""), ("b", new TypedNull(NpgsqlDbType.Bytea)));
        foreach (var area in areas)
        {
            var boundary = area.Boundary is null ? null : writer.Write(area.Boundary);
            if (!stored.TryGetValue(area.Pcode, out var s))
            {
                Run(insert, area, boundary);
                stored[area.Pcode] = (area.Name, area.Level, area.ParentPcode, area.CountryCode, area.ValidFrom);
                inserted++;
                continue;
            }
            var same = s.Name == area.Name && s.Level == area.Level && s.Parent == area.ParentPcode &&
                       s.Country == area.CountryCode && s.ValidFrom == area.ValidFrom;
            if (mode == AreaUpsertMode.BoundariesOnly || same)
            {
                if (boundary is null)
                {
                    unchanged++;
                    continue;
                }
                updateBoundary.Parameters["p"].Value = area.Pcode;
                updateBoundary.Parameters["b"].Value = boundary;
                updateBoundary.ExecuteNonQuery();
                updated++;
                continue;
            }
            Run(update, area, boundary);
            stored[area.Pcode] = (area.Name, area.Level, area.ParentPcode, area.CountryCode, area.ValidFrom);
            updated++;
        }
        tx.Commit();
        return new AreaUpsertResult(inserted, updated, unchanged);
    }

    private static NpgsqlCommand Prepared(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        var cmd = connection.Command(sql, tx);
        cmd.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text));
        cmd.Parameters.Add(new NpgsqlParameter("n", NpgsqlDbType.Text));
        cmd.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Integer));
        cmd.Parameters.Add(new NpgsqlParameter("parent", NpgsqlDbType.Text));
        cmd.Parameters.Add(new NpgsqlParameter("c", NpgsqlDbType.Text));
        cmd.Parameters.Add(new NpgsqlParameter("v", NpgsqlDbType.Date));
        cmd.Parameters.Add(new NpgsqlParameter("b", NpgsqlDbType.Bytea));
        return cmd;
    }

    private static void Run(NpgsqlCommand cmd, Area area, byte[]? boundary)
    {
        cmd.Parameters["p"].Value = area.Pcode;
        cmd.Parameters["n"].Value = area.Name;
        cmd.Parameters["l"].Value = area.Level;
        cmd.Parameters["parent"].Value = (object?)area.ParentPcode ?? DBNull.Value;
        cmd.Parameters["c"].Value = (object?)area.CountryCode ?? DBNull.Value;
        cmd.Parameters["v"].Value = area.ValidFrom is { } v ? v : DBNull.Value;
        cmd.Parameters["b"].Value = (object?)boundary ?? DBNull.Value;
        cmd.ExecuteNonQuery();
    }

    public Area? Get(string pcode) =>
        Query($"SELECT {Columns}, {geometry.ToWkb("boundary")} FROM area WHERE pcode = @p", true, ("p", pcode)).FirstOrDefault();

    public IReadOnlyList<Area> All(bool withBoundaries = false) =>
        Query($"SELECT {Columns}, {Boundary(withBoundaries)} FROM area ORDER BY level, pcode", withBoundaries);

    public IReadOnlyList<Area> Subtree(string pcode, bool withBoundaries = false) =>
        Query($"SELECT {Columns}, {Boundary(withBoundaries)} FROM area WHERE pcode IN ({RegistrySql.SubtreePcodes("@p")}) ORDER BY level, pcode",
            withBoundaries, ("p", pcode));

    public int Count()
    {
        using var connection = source.OpenConnection();
        return Convert.ToInt32(connection.Scalar("SELECT count(*) FROM area"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Boundary(bool withBoundaries) => withBoundaries ? geometry.ToWkb("boundary") : "NULL::bytea";

    private List<Area> Query(string sql, bool withBoundaries, params (string, object?)[] parameters)
    {
        var reader = new WKBReader();
        var list = new List<Area>();
        using var connection = source.OpenConnection();
        using var cmd = connection.Command(sql, null, parameters);
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            list.Add(new Area(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetNullableString(3),
                withBoundaries && !r.IsDBNull(6) ? reader.Read(r.GetFieldValue<byte[]>(6)) : null)
            {
                CountryCode = r.GetNullableString(4),
                ValidFrom = r.GetNullableDate(5),
            });
        }
        return list;
    }
}
