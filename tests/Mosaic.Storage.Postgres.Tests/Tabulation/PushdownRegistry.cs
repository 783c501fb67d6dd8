using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests.Tabulation;

/// <summary>One random registry in PostgreSQL shared by the pushdown tests of a class (imported once).</summary>
public sealed class PushdownRegistry : IDisposable
{
    private readonly PostgresTestDatabase _database;

    public PushdownRegistry(PostgresServer server)
    {
        _database = new PostgresTestDatabase(server);
        server.RequireServerOrNothing(out var available);
        if (!available)
            return;
        Store = _database.Open();
        // A fixture constructor cannot await.
        Store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(Store, 700, seed: 23);
    }

    /// <summary>The store, or null when there is no PostgreSQL (the tests skip).</summary>
    public IMosaicStore? Store { get; }

    public void Dispose()
    {
        Store?.Dispose();
        _database.Dispose();
    }
}
