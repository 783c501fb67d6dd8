namespace Mosaic.Core.Storage;

/// <summary>Why a store operation failed, in terms a front end can act on (an exit code, an HTTP status).</summary>
public enum StoreFailure
{
    /// <summary>The database cannot be reached or opened: a missing directory, no permission, a server that is down.</summary>
    Unavailable,

    /// <summary>The database was written by a newer Mosaic (its schema version is above the one this build knows).</summary>
    NewerSchema,

    /// <summary>The database's schema is older than this build's and must be migrated first (<c>mosaic init</c>).</summary>
    OutdatedSchema,

    /// <summary>The file or database is damaged or not a Mosaic database (or a table the schema promises is missing).</summary>
    Corrupt,

    /// <summary>A write conflicts with stored data (a unique key, a foreign key, an append-only rule).</summary>
    Conflict,

    /// <summary>Another writer held the database for longer than the store waits.</summary>
    Busy,

    /// <summary>The database only allows reading.</summary>
    ReadOnly,

    /// <summary>The disk or the database's quota is full.</summary>
    Full,

    /// <summary>The store does not offer what was asked (e.g. a publication log on PostgreSQL).</summary>
    Unsupported,

    /// <summary>Any other failure reported by the database.</summary>
    Failed,
}
