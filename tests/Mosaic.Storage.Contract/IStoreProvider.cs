using Mosaic.Core.Storage;

namespace Mosaic.Storage.Contract;

/// <summary>
/// One throwaway database of a provider (a temp SQLite file, a scratch PostgreSQL database). The contract suites
/// take one per test: each <see cref="Open"/> opens the same database, so a second call proves durability.
/// Disposing removes the database.
/// </summary>
public interface IStoreProvider : IDisposable
{
    IMosaicStore Open();

    /// <summary>The database object of the test's database, before any migration (call it before <see cref="Open"/>).</summary>
    IMosaicDatabase OpenUnmigrated();
}
