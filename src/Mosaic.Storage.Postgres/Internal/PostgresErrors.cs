using Mosaic.Core.Storage;
using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Turns Npgsql's and PostgreSQL's errors into Core's <see cref="StoreException"/> at the provider's boundary.</summary>
internal static class PostgresErrors
{
    /// <summary>The boundary's translator (<see cref="StoreBoundary{T}"/>): Npgsql failures only.</summary>
    public static readonly StoreErrorTranslator Translator = (error, description) => error is NpgsqlException ex ? Translate(ex, description) : null;

    public static StoreException Translate(NpgsqlException ex, string description)
    {
        if (ex is not PostgresException pg)
        {
            // No answer from the server: refused, timed out, or the connection dropped mid-query.
            return new StoreException(StoreFailure.Unavailable, $"the PostgreSQL server cannot be reached ({description}): {ex.Message}", ex);
        }
        var (failure, what) = pg.SqlState switch
        {
            // postgres_fdw reports an unreachable shard with the foreign server's name in the message.
            PostgresErrorCodes.SqlClientUnableToEstablishSqlConnection or PostgresErrorCodes.ConnectionFailure or
                PostgresErrorCodes.ConnectionException or PostgresErrorCodes.ConnectionDoesNotExist or PostgresErrorCodes.AdminShutdown or
                PostgresErrorCodes.CannotConnectNow =>
                (StoreFailure.Unavailable, pg.MessageText.Contains("server \"", StringComparison.Ordinal)
                    ? "a shard of the registry is unreachable, so no partial result is given"
                    : "the PostgreSQL server is unavailable"),
            PostgresErrorCodes.InvalidCatalogName or PostgresErrorCodes.InvalidAuthorizationSpecification or PostgresErrorCodes.InvalidPassword =>
                (StoreFailure.Unavailable, "the PostgreSQL database cannot be opened"),
            PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation or PostgresErrorCodes.CheckViolation or
                PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
                (StoreFailure.Conflict, "the change conflicts with stored data or another writer"),
            PostgresErrorCodes.InsufficientPrivilege => (StoreFailure.Conflict, "the database refused the change (privileges or an append-only rule)"),
            PostgresErrorCodes.ReadOnlySqlTransaction => (StoreFailure.ReadOnly, "the database is read-only"),
            PostgresErrorCodes.DiskFull or PostgresErrorCodes.OutOfMemory => (StoreFailure.Full, "the database server is out of space"),
            PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.UndefinedColumn => (StoreFailure.Corrupt, "the database's schema is damaged"),
            PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.QueryCanceled => (StoreFailure.Busy, "the database is busy; try again"),
            _ => (StoreFailure.Failed, "the database reported an error"),
        };
        return new StoreException(failure, $"{what} ({description}): {pg.MessageText}", ex);
    }
}
