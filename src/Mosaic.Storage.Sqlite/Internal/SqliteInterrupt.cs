using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Cancellation inside one statement. A token checked between rows cannot stop a statement that returns its first row
/// only at the end (a count or an aggregate over millions of rows, a <c>CREATE INDEX</c>): while a registration is
/// held, cancelling the token calls <c>sqlite3_interrupt</c> on the connection, and the statement ends at once with
/// <c>SQLITE_INTERRUPT</c>, which the boundary (<see cref="SqliteErrors.Translator"/>) reports as an
/// <see cref="OperationCanceledException"/>. The connection stays open and answers the next statement (an interrupted
/// write inside an explicit transaction rolls that transaction back).
/// </summary>
internal static class SqliteInterrupt
{
    /// <summary>
    /// Interrupts the statements of <paramref name="connection"/> when <paramref name="cancellationToken"/> is cancelled,
    /// until the registration is disposed: hold it exactly while the statement runs (<c>using</c>), so that a later
    /// cancellation cannot reach a statement of another call.
    /// </summary>
    public static CancellationTokenRegistration On(SqliteConnection connection, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // sqlite3_interrupt is safe from any thread, and a no-op when no statement is running.
        return cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static c => raw.sqlite3_interrupt(((SqliteConnection)c!).Handle), connection)
            : default;
    }
}
