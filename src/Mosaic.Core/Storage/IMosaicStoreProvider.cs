namespace Mosaic.Core.Storage;

/// <summary>
/// A storage provider (SQLite, PostgreSQL): recognises the locations it opens and opens them. Hosts pass their
/// providers to <see cref="StoreResolver"/>; adding a provider touches no command or endpoint.
/// </summary>
public interface IMosaicStoreProvider
{
    /// <summary>Short name, e.g. <c>sqlite</c>.</summary>
    string Name { get; }

    /// <summary>Whether this provider opens the location (a file path, a <c>postgres://</c> URL, a <c>Host=…</c> string).</summary>
    bool Claims(string location);

    /// <summary>Opens the database object (no connection needs to stay open, and the schema is not touched).</summary>
    IMosaicDatabase Open(string location);
}
