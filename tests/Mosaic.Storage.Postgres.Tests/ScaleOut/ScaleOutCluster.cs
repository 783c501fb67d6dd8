using Mosaic.Core.Areas;
using Mosaic.Core.Registry;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests.ScaleOut;

/// <summary>
/// A coordinator (a database of the test server) and two shard clusters on loopback, set up by
/// <c>mosaic cluster init</c> and loaded through Mosaic with the demo (division BD55, on shard north) and a random
/// registry in a second division (BD10, on shard south); and a single-server database with the same data.
/// </summary>
public sealed class ScaleOutCluster : IDisposable
{
    private readonly PostgresServer _server;
    private readonly List<string> _databases = [];

    public ScaleOutCluster(PostgresServer server)
    {
        _server = server;
        server.RequireServerOrNothing(out var available);
        if (!available || server.Bins is null)
            return;
        North = PostgresCluster.Create(server.Bins, "north");
        South = PostgresCluster.Create(server.Bins, "south");
        Coordinator = server.ConnectionString(Database(migrated: false));
        Single = server.ConnectionString(Database(migrated: true));
        InitResult = CliRun.Invoke("cluster", "init", "--db", Coordinator,
            "--shard", $"north={North.ConnectionString("postgres")}@BD55", "--shard", $"south={South.ConnectionString("postgres")}");
        foreach (var db in new[] { Coordinator, Single })
        {
            Demo = CliRun.Invoke("demo", "--households", "1200", "--no-serve", "--db", db);
            // A fixture constructor cannot await.
            using var store = PostgresMosaicStore.OpenAsync(db).GetAwaiter().GetResult();
            store.Areas.UpsertAsync(SecondDivision.Areas).GetAwaiter().GetResult();
            store.Registry.ImportAsync("second division", SecondDivision.Households(500)).GetAwaiter().GetResult();
        }
        // As autovacuum would: the shards' statistics let the coordinator plan with remote estimates.
        foreach (var shard in new[] { North, South })
        {
            using var connection = new Npgsql.NpgsqlConnection(shard.ConnectionString());
            connection.Open();
            using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", connection);
            analyze.ExecuteNonQuery();
        }
    }

    private string Database(bool migrated)
    {
        var name = _server.CreateDatabase(migrated);
        _databases.Add(name);
        return name;
    }

    public PostgresCluster? North { get; }

    public PostgresCluster? South { get; }

    /// <summary>The coordinator's connection string.</summary>
    public string Coordinator { get; } = "";

    /// <summary>The single-server database with the same data.</summary>
    public string Single { get; } = "";

    public CliRun? InitResult { get; }

    public CliRun? Demo { get; }

    public async Task<IMosaicStore> OpenCoordinatorAsync() => await PostgresMosaicStore.OpenAsync(Coordinator, TestContext.Current.CancellationToken);

    public async Task<IMosaicStore> OpenSingleAsync() => await PostgresMosaicStore.OpenAsync(Single, TestContext.Current.CancellationToken);

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        foreach (var name in _databases)
            _server.DropDatabase(name);
        North?.Dispose();
        South?.Dispose();
    }

    /// <summary>The random registry's areas and households moved to division BD10 (so they are placed on the other shard).</summary>
    private static class SecondDivision
    {
        private static string Move(string pcode) => pcode.StartsWith("BD55", StringComparison.Ordinal) ? "BD10" + pcode[4..] : pcode;

        public static IReadOnlyList<Area> Areas { get; } =
            [.. RandomRegistry.Areas.Where(a => a.Pcode != "BGD").Select(a => a with
            {
                Pcode = Move(a.Pcode),
                Name = a.Name + " (Barishal)",
                ParentPcode = a.ParentPcode is { } p ? Move(p) : null,
            })];

        public static IEnumerable<Household> Households(int count) =>
            RandomRegistry.Households(count, seed: 31).Select(h => h with { SubmissionId = "bd10-" + h.SubmissionId, AreaPcode = Move(h.AreaPcode) });
    }
}
