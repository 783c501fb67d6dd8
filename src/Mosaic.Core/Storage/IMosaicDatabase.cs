namespace Mosaic.Core.Storage;

/// <summary>
/// One Mosaic database (an SQLite file, a PostgreSQL database): a long-lived, thread-safe object, like
/// <c>NpgsqlDataSource</c>, that hands out short-lived units of work (<see cref="OpenStoreAsync"/>), one per command or
/// request. A host creates it once (the CLI per process, the server at start) and disposes it at the end.
/// </summary>
/// <remarks>
/// Migrations are explicit: <see cref="MigrateAsync"/> is called by <c>mosaic init</c>, by CLI commands before they
/// work, and by the server once at start; <see cref="OpenStoreAsync"/> never changes the schema and refuses a database
/// whose schema is not the current one. Every failure is a <see cref="StoreException"/>. Every member that reaches the
/// database is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled migration leaves the
/// schema at the last migration committed (each runs in its own transaction), and the database answers the next call.
/// The members may be called from any thread, concurrently.
/// </remarks>
public interface IMosaicDatabase : IDisposable
{
    /// <summary>Human-readable location, e.g. the file path or host and database name (never a password).</summary>
    string Description { get; }

    /// <summary>The provider's name, e.g. <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>The schema version this build writes.</summary>
    int LatestSchemaVersion { get; }

    /// <summary>The stored schema version (0 for an empty database).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<int> ReadSchemaVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Creates the database if needed and applies pending migrations, each in its own transaction.
    /// Safe to call when the schema is current (it then changes nothing).
    /// </summary>
    /// <param name="cancellationToken">
    /// Stops the migrations, also inside a long statement: the migration running then is rolled back, those before it stay.
    /// </param>
    /// <returns>The schema version after migrating.</returns>
    /// <exception cref="StoreException"><see cref="StoreFailure.NewerSchema"/> for a database from a newer Mosaic.</exception>
    Task<int> MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A unit of work: its own connection, for one command or request. It is not thread-safe; dispose it when done.
    /// </summary>
    /// <exception cref="StoreException">
    /// <see cref="StoreFailure.NewerSchema"/> or <see cref="StoreFailure.OutdatedSchema"/> when the schema is not current.
    /// </exception>
    /// <param name="cancellationToken">Stops the connection and the schema check: then no unit of work is left open.</param>
    Task<IMosaicStore> OpenStoreAsync(CancellationToken cancellationToken = default);
}
