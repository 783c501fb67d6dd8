using Mosaic.Core.Storage;

namespace Mosaic.Storage.Postgres;

/// <summary>The PostgreSQL provider: opens <c>postgres://…</c> URIs and <c>Host=…</c> connection strings.</summary>
public sealed class PostgresStoreProvider : IMosaicStoreProvider
{
    /// <summary>The provider's name.</summary>
    public const string ProviderName = "postgres";

    /// <inheritdoc/>
    public string Name => ProviderName;

    /// <inheritdoc/>
    public bool Claims(string location) => StoreResolver.IsPostgres(location);

    /// <inheritdoc/>
    public IMosaicDatabase Open(string location) => PostgresDatabase.Open(location);
}
