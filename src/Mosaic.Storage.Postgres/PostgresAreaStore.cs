using System.Security.Cryptography;
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
        // A boundary is known by the SHA-256 of its WKB: the same boundary again (a re-import of the same file) is
        // unchanged, not updated, as on SQLite.
        var stored = new Dictionary<string, (string Name, int Level, string? Parent, string? Country, DateOnly? ValidFrom)>(StringComparer.Ordinal);
        var boundaries = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var cmd = connection.Command(
            $"SELECT pcode, name, level, parent_pcode, country_code, valid_from, encode(sha256({geometry.ToWkb("boundary")}), 'hex') FROM area", tx))
        await using (var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored[r.GetString(0)] = (r.GetString(1), r.GetInt32(2), r.GetNullableString(3), r.GetNullableString(4), r.GetNullableDate(5));
                if (r.GetNullableString(6) is { } hash)
                    boundaries[r.GetString(0)] = hash;
            }
        }
        var insertSql = $"INSERT INTO area ({Columns}, boundary) SELECT p, n, l, parent, c, v, {geometry.FromWkb("b")} " +
                        $"FROM {Unnest}";
        var updateSql = $"UPDATE area SET name = t.n, level = t.l, parent_pcode = t.parent, country_code = t.c, valid_from = t.v, " +
                        $"boundary = coalesce({geometry.FromWkb("t.b")}, area.boundary) FROM {Unnest} WHERE area.pcode = t.p";
        var boundarySql = $"UPDATE area SET boundary = {geometry.FromWkb("t.b")} FROM {Unnest} WHERE area.pcode = t.p";
        // Rows go in groups of one kind (new areas, changed areas, new boundaries only), each group one statement over
        // arrays, all in the input's order: a group ends when the kind changes or, for updates, when a P-code comes
        // again (one UPDATE changes a row once). Row by row, the global P-code table (33,519 areas) took 39-53 s on a
        // loaded machine: each statement fired the statement trigger that bumps registry_version, and 33,519 updates of
        // that one row in one transaction are quadratic.
        await using var batch = new NpgsqlBatch(connection, tx);
        var pending = new List<(Area Area, byte[]? Boundary)>();
        var pendingPcodes = new HashSet<string>(StringComparer.Ordinal);
        string? pendingSql = null;
        async Task AddAsync(string sql, Area area, byte[]? boundary)
        {
            if (pendingSql != sql || pendingPcodes.Contains(area.Pcode) || pending.Count >= BatchSize)
            {
                AddPending();
                if (batch.BatchCommands.Count >= BatchSize / 10)
                    await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            pendingSql = sql;
            pending.Add((area, boundary));
            pendingPcodes.Add(area.Pcode);
        }
        void AddPending()
        {
            if (pending.Count > 0)
                batch.BatchCommands.Add(Rows(pendingSql!, pending));
            pending.Clear();
            pendingPcodes.Clear();
        }
        foreach (var area in areas)
        {
            var boundary = area.Boundary is null ? null : writer.Write(area.Boundary);
            var hash = boundary is null ? null : Convert.ToHexStringLower(SHA256.HashData(boundary));
            if (!stored.TryGetValue(area.Pcode, out var s))
            {
                await AddAsync(insertSql, area, boundary).ConfigureAwait(false);
                stored[area.Pcode] = (area.Name, area.Level, area.ParentPcode, area.CountryCode, area.ValidFrom);
                inserted++;
            }
            else
            {
                var same = s.Name == area.Name && s.Level == area.Level && s.Parent == area.ParentPcode &&
                           s.Country == area.CountryCode && s.ValidFrom == area.ValidFrom;
                if (mode == AreaUpsertMode.BoundariesOnly || same)
                {
                    if (hash is null || (boundaries.TryGetValue(area.Pcode, out var had) && had == hash))
                    {
                        unchanged++;
                        continue;
                    }
                    await AddAsync(boundarySql, area, boundary).ConfigureAwait(false);
                    updated++;
                }
                else
                {
                    await AddAsync(updateSql, area, boundary).ConfigureAwait(false);
                    stored[area.Pcode] = (area.Name, area.Level, area.ParentPcode, area.CountryCode, area.ValidFrom);
                    updated++;
                }
            }
            if (hash is not null)
                boundaries[area.Pcode] = hash;
        }
        AddPending();
        await FlushAsync(batch, cancellationToken).ConfigureAwait(false);
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new AreaUpsertResult(inserted, updated, unchanged);
    }

    /// <summary>Areas per statement of <see cref="UpsertAsync"/>.</summary>
    private const int BatchSize = 500;

    /// <summary>The rows of <see cref="Rows"/> as a table <c>t</c>.</summary>
    private const string Unnest = "unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::date[], $7::bytea[]) AS t (p, n, l, parent, c, v, b)";

    private static async Task FlushAsync(NpgsqlBatch batch, CancellationToken cancellationToken)
    {
        if (batch.BatchCommands.Count == 0)
            return;
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        batch.BatchCommands.Clear();
    }

    /// <summary>One statement over areas: P-code, name, level, parent, country, valid from and boundary (WKB), each an array with one element per area.</summary>
    private static NpgsqlBatchCommand Rows(string sql, List<(Area Area, byte[]? Boundary)> rows)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Area.Pcode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Area.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = rows.Select(r => r.Area.Level).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Area.ParentPcode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Area.CountryCode).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = rows.Select(r => r.Area.ValidFrom).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = rows.Select(r => r.Boundary).ToArray() });
        return command;
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
