using System.Globalization;
using Mosaic.Core.Storage;
using Mosaic.Storage.Postgres.Internal;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// Sets up a registry spread over several stock PostgreSQL servers (docs/scale-out.md): the coordinator database
/// holds everything but the registry rows, and its household, person and movement tables are partitioned by
/// admin-1 P-code, each partition a <c>postgres_fdw</c> foreign table on a shard. Nobody writes the DDL by hand.
/// </summary>
public static class PostgresScaleOut
{
    /// <summary>
    /// Prepares each shard (the registry tables with their keys) and the coordinator (schema, foreign servers, user
    /// mappings and foreign partitions). The coordinator must be empty, or a coordinator already set up with these
    /// shards (then nothing changes) or some of them (the others are attached). Needs a role allowed to create
    /// extensions and foreign servers on the coordinator, and to create tables on the shards.
    /// </summary>
    /// <returns>One line per shard saying what it holds.</returns>
    /// <exception cref="StoreException">A database cannot be reached, or the description is inconsistent.</exception>
    /// <param name="coordinator">The coordinator database (a connection string or a <c>postgres://</c> URI).</param>
    /// <param name="shards">The shards and the admin-1 areas each holds.</param>
    /// <param name="cancellationToken">Stops the set-up between two steps or inside a statement (each step commits on its own).</param>
    public static async Task<IReadOnlyList<string>> InitializeAsync(string coordinator, IReadOnlyList<ShardSpec> shards,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shards);
        Validate(shards);
        using var database = PostgresDatabase.Open(coordinator);
        return await database.GuardAsync(async () =>
        {
            await using (var probe = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
            {
                var (version, _, layout) = await PostgresSchema.ReadAsync(probe, cancellationToken).ConfigureAwait(false);
                if (version > 0 && layout != RegistryLayout.Partitioned)
                {
                    throw new StoreException(StoreFailure.Conflict,
                        $"{database.Description} already holds a single-server registry: set up a cluster on an empty coordinator database");
                }
            }
            foreach (var shard in shards)
                await PrepareShardAsync(shard, cancellationToken).ConfigureAwait(false);
            await database.MigrateAsync(RegistryLayout.Partitioned, cancellationToken).ConfigureAwait(false);
            await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("CREATE EXTENSION IF NOT EXISTS postgres_fdw", tx, cancellationToken).ConfigureAwait(false);
            var lines = new List<string>();
            foreach (var shard in shards)
                lines.Add(await AttachAsync(connection, tx, shard, cancellationToken).ConfigureAwait(false));
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string>)lines;
        }).ConfigureAwait(false);
    }

    private static void Validate(IReadOnlyList<ShardSpec> shards)
    {
        if (shards.Count == 0)
            throw new StoreException(StoreFailure.Conflict, "a cluster needs at least one shard");
        if (shards.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new StoreException(StoreFailure.Conflict, $"shard '{twice.Key}' is given twice");
        if (shards.Count(s => s.IsDefault) > 1)
            throw new StoreException(StoreFailure.Conflict, "only one shard may take the unlisted admin-1 areas (the others list theirs after '@')");
        var placed = shards.SelectMany(s => s.Adm1Pcodes.Select(p => (Code: p, Shard: s.Name))).GroupBy(p => p.Code, StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (placed is not null)
            throw new StoreException(StoreFailure.Conflict, $"admin-1 area {placed.Key} is placed on two shards ({string.Join(", ", placed.Select(p => p.Shard))})");
    }

    /// <summary>Creates the registry tables on a shard unless they exist.</summary>
    private static async Task PrepareShardAsync(ShardSpec shard, CancellationToken cancellationToken)
    {
        using var shardDatabase = PostgresDatabase.Open(shard.Location);
        try
        {
            await using var connection = await shardDatabase.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            if (await connection.ScalarAsync("SELECT to_regclass('household') IS NOT NULL", null, cancellationToken).ConfigureAwait(false) is true)
                return;
            await using var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync(RegistryTables.Create("", "", keys: true), tx, cancellationToken).ConfigureAwait(false);
            await connection.ExecuteAsync("CREATE TABLE mosaic_shard (name text PRIMARY KEY); INSERT INTO mosaic_shard VALUES (@n)", tx, cancellationToken,
                ("n", shard.Name)).ConfigureAwait(false);
            await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresErrors.Translate(ex, $"shard {shard.Name}, {shardDatabase.Description}");
        }
    }

    /// <summary>The foreign server, user mapping and partitions of one shard on the coordinator (skipped when present).</summary>
    private static async Task<string> AttachAsync(NpgsqlConnection connection, NpgsqlTransaction tx, ShardSpec shard, CancellationToken cancellationToken)
    {
        var server = "shard_" + shard.Name;
        var placement = shard.IsDefault ? "every other admin-1 area" : string.Join(", ", shard.Adm1Pcodes);
        var target = PostgresConnectionString.Parse(shard.Location);
        if (await connection.ScalarAsync("SELECT EXISTS (SELECT 1 FROM pg_foreign_server WHERE srvname = @s)", tx, cancellationToken, ("s", server))
            .ConfigureAwait(false) is true)
        {
            return $"shard {shard.Name} ({PostgresConnectionString.Describe(target)}): already attached";
        }
        var port = target.Port.ToString(CultureInfo.InvariantCulture);
        // async_capable lets one query scan every shard at once; use_remote_estimate plans joins with the shards' statistics.
        await connection.ExecuteAsync($"CREATE SERVER {server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS (host {Quote(target.Host!)}, port {Quote(port)}, " +
                                      $"dbname {Quote(target.Database ?? "postgres")}, use_remote_estimate 'true', async_capable 'true', fetch_size '20000', batch_size '1000')",
            tx, cancellationToken).ConfigureAwait(false);
        var user = target.Username ?? Environment.UserName;
        await connection.ExecuteAsync($"CREATE USER MAPPING FOR PUBLIC SERVER {server} OPTIONS (user {Quote(user)}" +
                                      (target.Password is { Length: > 0 } pw ? $", password {Quote(pw)}" : "") + ")", tx, cancellationToken).ConfigureAwait(false);
        var bounds = shard.IsDefault ? "DEFAULT" : $"FOR VALUES IN ({string.Join(", ", shard.Adm1Pcodes.Select(Quote))})";
        foreach (var table in new[] { "household", "person", "movement" })
        {
            await connection.ExecuteAsync($"CREATE FOREIGN TABLE {table}_{shard.Name} PARTITION OF {table} {bounds} " +
                                          $"SERVER {server} OPTIONS (schema_name 'public', table_name '{table}')", tx, cancellationToken).ConfigureAwait(false);
        }
        return $"shard {shard.Name} ({PostgresConnectionString.Describe(target)}): {placement}";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
