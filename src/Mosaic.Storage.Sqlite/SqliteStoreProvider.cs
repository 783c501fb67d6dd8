using Mosaic.Core.Storage;

namespace Mosaic.Storage.Sqlite;

/// <summary>The SQLite provider: opens every location that is not a server connection string, as a file path.</summary>
public sealed class SqliteStoreProvider(Action<string>? waiting = null, bool pooled = false) : IMosaicStoreProvider
{
    /// <summary>The provider's name.</summary>
    public const string ProviderName = "sqlite";

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public bool Claims(string location) => !StoreResolver.IsPostgres(location);

    /// <inheritdoc/>
    /// <remarks>A write that waits for another writer tells the <c>waiting</c> callback given to the constructor.</remarks>
    public IMosaicDatabase Open(string location) => SqliteDatabase.Open(location, waiting, pooled);
}
