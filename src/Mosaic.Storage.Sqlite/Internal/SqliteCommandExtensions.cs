using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Mosaic.Storage.Sqlite.Internal;

internal static class SqliteCommandExtensions
{
    /// <summary>The transaction a connection's commands join when given none (<see cref="Within"/>).</summary>
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteTransaction> s_ambient = [];

    /// <summary>
    /// Until disposed, the connection's commands made here without a transaction join <paramref name="tx"/>: the other
    /// stores of a unit of work can then read while a streamed scoring run holds the connection's transaction open.
    /// </summary>
    public static IDisposable Within(this SqliteConnection connection, SqliteTransaction tx)
    {
        s_ambient.AddOrUpdate(connection, tx);
        return new Leave(connection);
    }

    private sealed class Leave(SqliteConnection connection) : IDisposable
    {
        public void Dispose() => s_ambient.Remove(connection);
    }

    public static int Execute(this SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand(sql, tx, parameters);
        return cmd.ExecuteNonQuery();
    }

    public static object? ExecuteScalar(this SqliteConnection connection, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = connection.CreateCommand(sql, tx, parameters);
        return cmd.ExecuteScalar();
    }

    public static SqliteCommand CreateCommand(this SqliteConnection connection, string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx ?? (s_ambient.TryGetValue(connection, out var ambient) ? ambient : null);
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public static string? GetNullableString(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static double? GetNullableDouble(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static int? GetNullableInt(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static bool? GetNullableBool(this SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i) != 0;

    public static object Db(this bool? value) => value is null ? DBNull.Value : value.Value ? 1L : 0L;

    public static object Db<T>(this T? value) where T : struct => value is null ? DBNull.Value : value.Value;

    public static object Db(this string? value) => value is null ? DBNull.Value : value;
}
