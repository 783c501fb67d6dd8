using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Waits, on one connection, for another writer to finish instead of failing after a fixed timeout, and says so
/// once per wait: several imports into one database then run one after the other, each told why it paused.
/// </summary>
internal sealed unsafe class BusyWaiter
{
    /// <summary>How long a command waits for another writer before giving up with "busy".</summary>
    public static readonly TimeSpan MaximumWait = TimeSpan.FromMinutes(30);

    private readonly string _database;
    private readonly Action<string> _notify;
    private readonly Stopwatch _waiting = new();

    private BusyWaiter(string database, Action<string> notify)
    {
        _database = database;
        _notify = notify;
    }

    /// <summary>Installs the waiter on an open connection; it is released when the connection is disposed.</summary>
    public static void Install(SqliteConnection connection, string database, Action<string> notify)
    {
        // NativeSqlite calls e_sqlite3 directly: the connection's handle must come from that same library.
        if (raw.GetNativeLibraryName() != "e_sqlite3")
            throw new InvalidOperationException($"Mosaic needs the e_sqlite3 SQLite bundle, not '{raw.GetNativeLibraryName()}'");
        var handle = GCHandle.Alloc(new BusyWaiter(database, notify));
        var rc = NativeSqlite.BusyHandler(connection.Handle!.DangerousGetHandle(), &OnBusy, GCHandle.ToIntPtr(handle));
        if (rc != 0)
        {
            handle.Free();
            throw new InvalidOperationException($"sqlite3_busy_handler failed ({rc})");
        }
        // Disposing a connection twice raises Disposed twice: free the handle once.
        var freed = 0;
        connection.Disposed += (_, _) =>
        {
            if (Interlocked.Exchange(ref freed, 1) == 0)
                handle.Free();
        };
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(nint argument, int attempt)
    {
        var waiter = (BusyWaiter)GCHandle.FromIntPtr(argument).Target!;
        return waiter.Wait(attempt) ? 1 : 0;
    }

    // SQLite calls this with attempt 0, 1, 2, … while the lock is held; returning 0 gives up (SQLITE_BUSY).
    private bool Wait(int attempt)
    {
        if (attempt == 0)
        {
            _waiting.Restart();
            _notify($"waiting: another command is writing to {_database}; this one continues when it has finished …");
        }
        if (_waiting.Elapsed >= MaximumWait)
            return false;
        // Short sleeps first (most writes are short), then a steady quarter second.
        Thread.Sleep(Math.Min(5 << Math.Min(attempt, 6), 250));
        return true;
    }
}
