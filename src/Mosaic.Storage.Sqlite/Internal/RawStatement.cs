using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// A prepared statement bound by index, for the import hot path: one statement per household and one per
/// person, around ADO.NET's parameter objects, with binds and steps going straight to SQLite
/// (<see cref="NativeSqlite"/>). It runs on the connection's own handle, so it takes part in the open transaction.
/// </summary>
internal sealed unsafe class RawStatement : IDisposable
{
    private static readonly byte[] s_empty = [0];

    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;
    private readonly nint _handle;
    private readonly bool _clearsBindings;
    private byte[] _utf8 = new byte[256];

    // With clearsBindings: text and blobs are copied here and bound without SQLite copying them again (SQLITE_STATIC);
    // the space is reused after each execution, when the bindings that point into it are cleared.
    private const int ArenaBytes = 1 << 16;
    private byte* _arena;
    private int _arenaUsed;

    // Wire codes and P-codes repeat on every row: keep their UTF-8 bytes instead of re-encoding each time.
    private readonly Dictionary<string, byte[]> _utf8Codes = new(StringComparer.Ordinal);

    /// <param name="connection">The open connection the statement runs on.</param>
    /// <param name="sql">One SQL statement.</param>
    /// <param name="clearsBindings">
    /// Every parameter goes back to NULL after each <see cref="Execute"/>, so a NULL needs no bind call of its own
    /// (a bulk insert binds only the values present). Each parameter must then be bound at most once per execution.
    /// </param>
    public RawStatement(SqliteConnection connection, string sql, bool clearsBindings = false)
    {
        _clearsBindings = clearsBindings;
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        // NativeSqlite calls e_sqlite3 directly: the connection's handle must come from that same library.
        if (raw.GetNativeLibraryName() != "e_sqlite3")
            throw new InvalidOperationException($"Mosaic needs the e_sqlite3 SQLite bundle, not '{raw.GetNativeLibraryName()}'");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
        _handle = _stmt.DangerousGetHandle();
        if (clearsBindings)
            _arena = (byte*)System.Runtime.InteropServices.NativeMemory.Alloc(ArenaBytes);
    }

    /// <summary>Row id of the last row inserted on this connection.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    /// <summary>Rows the connection's last INSERT, UPDATE or DELETE changed (0 when an insert skipped its row).</summary>
    public int Changes => NativeSqlite.Changes(_db.DangerousGetHandle());

    public void Null(int index)
    {
        if (!_clearsBindings)
            Bound(NativeSqlite.BindNull(_handle, index));
    }

    public void Long(int index, long value) => Bound(NativeSqlite.BindInt64(_handle, index, value));

    public void Long(int index, long? value)
    {
        if (value is { } v)
            Bound(NativeSqlite.BindInt64(_handle, index, v));
        else
            Null(index);
    }

    public void Bool(int index, bool? value) => Long(index, value is { } b ? (b ? 1L : 0L) : null);

    public void Double(int index, double? value)
    {
        if (value is { } v)
            Bound(NativeSqlite.BindDouble(_handle, index, v));
        else
            Null(index);
    }

    public void Text(int index, string? value)
    {
        if (value is null)
        {
            Null(index);
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > _utf8.Length)
            _utf8 = new byte[Math.Max(max, _utf8.Length * 2)];
        var length = Encoding.UTF8.GetBytes(value, _utf8);
        Bytes(index, _utf8.AsSpan(0, length));
    }

    /// <summary>Binds a value formatted as UTF-8 text (a date or timestamp) without making a string of it.</summary>
    public void Formatted<T>(int index, T? value, string format)
        where T : struct, IUtf8SpanFormattable
    {
        if (value is not { } v)
        {
            Null(index);
            return;
        }
        Span<byte> text = stackalloc byte[64];
        if (!v.TryFormat(text, out var length, format, System.Globalization.CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"a {typeof(T).Name} longer than 64 bytes in format {format}");
        Bytes(index, text[..length]);
    }

    /// <summary>Binds text given as UTF-8 bytes (copied by SQLite: the buffer may be reused at once).</summary>
    public void Utf8(int index, ReadOnlySpan<byte> utf8) => Bytes(index, utf8);

    private void Bytes(int index, ReadOnlySpan<byte> utf8)
    {
        // An empty span pins to a null pointer, which SQLite would store as NULL: bind "" from a real address.
        if (utf8.IsEmpty)
            utf8 = s_empty.AsSpan(0, 0);
        var copy = Reserve(utf8);
        if (copy != null)
        {
            Bound(NativeSqlite.BindText(_handle, index, copy, utf8.Length, NativeSqlite.Static));
            return;
        }
        fixed (byte* p = &System.Runtime.InteropServices.MemoryMarshal.GetReference(utf8))
            Bound(NativeSqlite.BindText(_handle, index, p, utf8.Length, NativeSqlite.Transient));
    }

    /// <summary>A copy of the bytes in the arena, valid until the next execution; null without room (or arena).</summary>
    private byte* Reserve(ReadOnlySpan<byte> bytes)
    {
        if (_arena is null || _arenaUsed + bytes.Length > ArenaBytes)
            return null;
        var at = _arena + _arenaUsed;
        bytes.CopyTo(new Span<byte>(at, bytes.Length));
        _arenaUsed += bytes.Length;
        return at;
    }

    /// <summary>Binds one of a small set of repeated values (a wire code), cached as UTF-8.</summary>
    public void Code(int index, string? code)
    {
        if (code is null)
        {
            Null(index);
            return;
        }
        if (!_utf8Codes.TryGetValue(code, out var bytes))
            _utf8Codes[code] = bytes = Encoding.UTF8.GetBytes(code);
        Bytes(index, bytes);
    }

    public void Blob(int index, ReadOnlySpan<byte> value)
    {
        var copy = value.IsEmpty ? null : Reserve(value);
        if (copy != null)
        {
            Bound(NativeSqlite.BindBlob(_handle, index, copy, value.Length, NativeSqlite.Static));
            return;
        }
        fixed (byte* p = value)
            Bound(NativeSqlite.BindBlob(_handle, index, p, value.Length, NativeSqlite.Transient));
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        var rc = NativeSqlite.Step(_handle);
        // Reset repeats the step's error code, already in rc.
        _ = NativeSqlite.Reset(_handle);
        if (_clearsBindings)
        {
            _ = NativeSqlite.ClearBindings(_handle);
            _arenaUsed = 0;
        }
        if (rc != raw.SQLITE_DONE && rc != raw.SQLITE_ROW)
            Check(rc);
    }

    /// <summary>Runs a query and returns the first column of its first row as bytes, or null when there is no row.</summary>
    public byte[]? QueryBlob()
    {
        try
        {
            var rc = raw.sqlite3_step(_stmt);
            if (rc == raw.SQLITE_ROW)
                return raw.sqlite3_column_blob(_stmt, 0).ToArray();
            if (rc != raw.SQLITE_DONE)
                Check(rc);
            return null;
        }
        finally
        {
            raw.sqlite3_reset(_stmt);
        }
    }

    /// <summary>
    /// Steps a query to its next row: true while there is one; at the end the statement is reset for the next use.
    /// Reading columns this way skips the data reader's per-value checks (summaries read tens of thousands of rows).
    /// </summary>
    public bool Next()
    {
        var rc = NativeSqlite.Step(_handle);
        if (rc == raw.SQLITE_ROW)
            return true;
        _ = NativeSqlite.Reset(_handle);
        if (rc != raw.SQLITE_DONE)
            Check(rc);
        return false;
    }

    /// <summary>Ends a query early (before <see cref="Next"/> returned false), ready for the next use.</summary>
    public void Reset() => _ = NativeSqlite.Reset(_handle);

    /// <summary>A blob column of the current row, valid until the next step or reset.</summary>
    public ReadOnlySpan<byte> GetBlob(int column)
    {
        var data = NativeSqlite.ColumnBlob(_handle, column);
        return data is null ? [] : new ReadOnlySpan<byte>(data, NativeSqlite.ColumnBytes(_handle, column));
    }

    /// <summary>An integer column of the current row (0 for NULL).</summary>
    public long GetLong(int column) => NativeSqlite.ColumnInt64(_handle, column);

    public long? GetNullableLong(int column) =>
        NativeSqlite.ColumnType(_handle, column) == raw.SQLITE_NULL ? null : NativeSqlite.ColumnInt64(_handle, column);

    public bool IsNull(int column) => NativeSqlite.ColumnType(_handle, column) == raw.SQLITE_NULL;

    public double? GetNullableDouble(int column) =>
        NativeSqlite.ColumnType(_handle, column) == raw.SQLITE_NULL ? null : NativeSqlite.ColumnDouble(_handle, column);

    public bool? GetNullableBool(int column) =>
        NativeSqlite.ColumnType(_handle, column) == raw.SQLITE_NULL ? null : NativeSqlite.ColumnInt64(_handle, column) != 0;

    /// <summary>A text column of the current row; NULL reads as an error, as the data reader's GetString does.</summary>
    public string GetText(int column) =>
        GetNullableText(column) ?? throw new InvalidOperationException($"column {column} is NULL where text was expected");

    public string? GetNullableText(int column)
    {
        var text = NativeSqlite.ColumnText(_handle, column);
        return text is null ? null : Encoding.UTF8.GetString(text, NativeSqlite.ColumnBytes(_handle, column));
    }

    /// <summary>A bind fails only for a wrong index (a bug) or out of memory.</summary>
    private void Bound(int rc)
    {
        if (rc != raw.SQLITE_OK)
            Check(rc);
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException($"SQLite Error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    public void Dispose()
    {
        _stmt.Dispose();
        // After the statement: nothing points into the arena any more.
        System.Runtime.InteropServices.NativeMemory.Free(_arena);
        _arena = null;
    }
}
