using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// A prepared statement driven through SQLitePCLRaw directly, binding by index. The import hot path runs one
/// statement per household and one per person; going around ADO.NET's parameter objects roughly halves the
/// cost per row. It runs on the connection's own handle, so it takes part in the open transaction.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _stmt;

    // Wire codes and P-codes repeat on every row: keep their UTF-8 bytes instead of re-encoding each time.
    private readonly Dictionary<string, byte[]> _utf8Codes = new(StringComparer.Ordinal);

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the connection is not open");
        Check(raw.sqlite3_prepare_v2(_db, sql, out _stmt));
    }

    /// <summary>Row id of the last row inserted on this connection.</summary>
    public long LastInsertRowId => raw.sqlite3_last_insert_rowid(_db);

    public void Null(int index) => raw.sqlite3_bind_null(_stmt, index);

    public void Long(int index, long value) => raw.sqlite3_bind_int64(_stmt, index, value);

    public void Long(int index, long? value)
    {
        if (value is { } v)
            raw.sqlite3_bind_int64(_stmt, index, v);
        else
            raw.sqlite3_bind_null(_stmt, index);
    }

    public void Bool(int index, bool? value) => Long(index, value is { } b ? (b ? 1L : 0L) : null);

    public void Double(int index, double? value)
    {
        if (value is { } v)
            raw.sqlite3_bind_double(_stmt, index, v);
        else
            raw.sqlite3_bind_null(_stmt, index);
    }

    public void Text(int index, string? value)
    {
        if (value is null)
            raw.sqlite3_bind_null(_stmt, index);
        else
            raw.sqlite3_bind_text(_stmt, index, value);
    }

    /// <summary>Binds one of a small set of repeated values (a wire code), cached as UTF-8.</summary>
    public void Code(int index, string? code)
    {
        if (code is null)
        {
            raw.sqlite3_bind_null(_stmt, index);
            return;
        }
        if (!_utf8Codes.TryGetValue(code, out var bytes))
            _utf8Codes[code] = bytes = Encoding.UTF8.GetBytes(code);
        raw.sqlite3_bind_text(_stmt, index, bytes);
    }

    public void Blob(int index, ReadOnlySpan<byte> value) => raw.sqlite3_bind_blob(_stmt, index, value);

    /// <summary>Runs a statement that returns no rows, then resets it for the next use.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_stmt);
        raw.sqlite3_reset(_stmt);
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

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
            throw new SqliteException($"SQLite Error {rc}: {raw.sqlite3_errmsg(_db).utf8_to_string()}", rc);
    }

    public void Dispose() => _stmt.Dispose();
}
