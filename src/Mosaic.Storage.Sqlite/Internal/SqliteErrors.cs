using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Turns SQLite's errors into Core's <see cref="StoreException"/> at the provider's boundary.</summary>
internal static class SqliteErrors
{
    // Primary result codes (https://sqlite.org/rescode.html); extended codes keep the primary code in the low byte.
    private const int Error = 1, Perm = 3, Busy = 5, Locked = 6, ReadOnly = 8, Interrupt = 9, IoErr = 10, Corrupt = 11, Full = 13,
        CantOpen = 14, Constraint = 19, Auth = 23, NotADb = 26;

    /// <summary>
    /// The boundary's translator (<see cref="StoreBoundary{T}"/>): SQLite failures only. A statement stopped by
    /// <see cref="SqliteInterrupt"/> (a cancelled token) is a cancellation, never a store failure.
    /// </summary>
    public static readonly StoreErrorTranslator Translator = (error, description) => error switch
    {
        SqliteException ex when (ex.SqliteErrorCode & 0xff) == Interrupt =>
            new OperationCanceledException($"the statement was stopped ({description})", ex),
        SqliteException ex => Translate(ex, description),
        _ => null,
    };

    public static StoreException Translate(SqliteException ex, string description)
    {
        var (failure, what) = (ex.SqliteErrorCode & 0xff) switch
        {
            Busy or Locked => (StoreFailure.Busy, "the database is busy (another process is writing); try again"),
            Corrupt or NotADb => (StoreFailure.Corrupt, "the file is damaged or is not a Mosaic database"),
            CantOpen or Perm or Auth => (StoreFailure.Unavailable, "the database cannot be opened"),
            IoErr => (StoreFailure.Unavailable, "the database file cannot be read or written"),
            ReadOnly => (StoreFailure.ReadOnly, "the database is read-only"),
            Full => (StoreFailure.Full, "the disk is full"),
            Constraint => (StoreFailure.Conflict, "the change conflicts with stored data"),
            // A table or column the schema promises is missing: the schema was altered outside Mosaic.
            Error when ex.Message.Contains("no such", StringComparison.Ordinal) => (StoreFailure.Corrupt, "the database's schema is damaged"),
            _ => (StoreFailure.Failed, "the database reported an error"),
        };
        return new StoreException(failure, $"{what} ({description}): {Detail(ex)}", ex);
    }

    /// <summary>SQLite's own text without the driver's "SQLite Error 19: " prefix.</summary>
    private static string Detail(SqliteException ex)
    {
        var message = ex.Message;
        var colon = message.StartsWith("SQLite Error", StringComparison.Ordinal) ? message.IndexOf(": ", StringComparison.Ordinal) : -1;
        return colon < 0 ? message : message[(colon + 2)..].TrimEnd('.');
    }
}
