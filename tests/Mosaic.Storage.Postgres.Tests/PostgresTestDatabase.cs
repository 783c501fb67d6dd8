using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>A scratch database of the test run's server, for the contract suites; dropped on dispose.</summary>
public sealed class PostgresTestDatabase(PostgresServer server) : IStoreProvider
{
    private string? _name;

    /// <summary>The database's name (created on first use).</summary>
    public string Name => _name ??= server.CreateDatabase();

    public string ConnectionString(string? user = null) => server.ConnectionString(Name, user);

    /// <summary>The contract suites open their store from a property (<c>Store</c>), which cannot await.</summary>
    public IMosaicStore Open() => PostgresMosaicStore.OpenAsync(ConnectionString()).GetAwaiter().GetResult();

    public void Dispose()
    {
        if (_name is null)
            return;
        NpgsqlConnection.ClearAllPools();
        server.DropDatabase(_name);
    }
}
