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

    public async Task<AreaUpsertResult> UpsertAsync(IEnumerable<Area> areas, AreaUpsertMode mode = AreaUpsertMode.Full,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(areas);
        int inserted = 0, updated = 0, unchanged = 0;
        var writer = new WKBWriter();
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // The stored tree is read once (tens of thousands of rows at most); only changed areas are written.
        var stored = new Dictionary<string, (string Name, int Level, string? Parent, string? Country, DateOnly? ValidFrom)>(StringComparer.Ordinal);
        await using (var cmd = connection.Command("SELECT pcode, name, level, parent_pcode, country_code, valid_from FROM area", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
                stored[r.GetString(0)] = (r.GetString(1), r.GetInt32(2), r.GetNullableString(3), r.GetNullableString(4), r.GetNullableDate(5));
        }
        await using var insert = Prepared(connection, tx,
            $"INSERT INTO area ({Columns}, boundary) VALUES (@p, @n, @l, @parent, @c, @v, {geometry.FromWkb("@b")})");
        await using var update = Prepared(connection, tx,
            $"UPDATE area SET name = @n, level = @l, parent_pcode = @parent, country_code = @c, valid_from = @v, " +
            $"boundary = coalesce({geometry.FromWkb("@b")}, boundary) WHERE pcode = @p");
        await using var updateBoundary = connection.Command($"UPDATE area SET boundary = {geometry.FromWkb("@b")} WHERE pcode = @p", tx,
            ("p", ""), ("b", new TypedNull(NpgsqlDbType.Bytea)));
        foreach (var area in areas)
        {
            var boundary = area.Boundary is null ? null : writer.Write(area.Boundary);
            if (!stored.TryGetValue(area.Pcode, out var s))
            {
                await RunAsync(insert, area, boundary, cancellationToken).ConfigureAwait(false);
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
                await updateBoundary.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                updated++;
                continue;
            }
            await RunAsync(update, area, boundary, cancellationToken).ConfigureAwait(false);
            stored[area.Pcode] = (area.Name, area.Level, area.ParentPcode, area.CountryCode, area.ValidFrom);
            updated++;
        }
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
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

    private static Task<int> RunAsync(NpgsqlCommand cmd, Area area, byte[]? boundary, CancellationToken cancellationToken)
    {
        cmd.Parameters["p"].Value = area.Pcode;
        cmd.Parameters["n"].Value = area.Name;
        cmd.Parameters["l"].Value = area.Level;
        cmd.Parameters["parent"].Value = (object?)area.ParentPcode ?? DBNull.Value;
        cmd.Parameters["c"].Value = (object?)area.CountryCode ?? DBNull.Value;
        cmd.Parameters["v"].Value = area.ValidFrom is { } v ? v : DBNull.Value;
        cmd.Parameters["b"].Value = (object?)boundary ?? DBNull.Value;
        return cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Area?> GetAsync(string pcode, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns}, {geometry.ToWkb("boundary")} FROM area WHERE pcode = @p", true, cancellationToken, ("p", pcode))
            .ConfigureAwait(false)).FirstOrDefault();

    public async Task<IReadOnlyList<Area>> AllAsync(bool withBoundaries = false, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns}, {Boundary(withBoundaries)} FROM area ORDER BY level, pcode", withBoundaries, cancellationToken).ConfigureAwait(false);

    public async Task<IReadOnlyList<Area>> SubtreeAsync(string pcode, bool withBoundaries = false, CancellationToken cancellationToken = default) =>
        await QueryAsync($"SELECT {Columns}, {Boundary(withBoundaries)} FROM area WHERE pcode IN ({RegistrySql.SubtreePcodes("@p")}) ORDER BY level, pcode",
            withBoundaries, cancellationToken, ("p", pcode)).ConfigureAwait(false);

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return Convert.ToInt32(await connection.ScalarAsync("SELECT count(*) FROM area", null, cancellationToken).ConfigureAwait(false),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    private string Boundary(bool withBoundaries) => withBoundaries ? geometry.ToWkb("boundary") : "NULL::bytea";

    private async Task<List<Area>> QueryAsync(string sql, bool withBoundaries, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        var reader = new WKBReader();
        var list = new List<Area>();
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var cmd = connection.Command(sql, null, parameters);
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
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
