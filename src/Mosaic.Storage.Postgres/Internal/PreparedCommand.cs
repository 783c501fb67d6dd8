using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>A statement with positional, typed parameters <c>$1…$n</c>, prepared once and run for many rows.</summary>
internal sealed class PreparedCommand : IDisposable
{
    private readonly NpgsqlCommand _cmd;

    public PreparedCommand(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, params NpgsqlDbType[] types)
    {
        _cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var type in types)
            _cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        _cmd.Prepare();
    }

    /// <summary>Sets parameter i (0-based) to a value, or NULL.</summary>
    public PreparedCommand Set(int i, object? value)
    {
        _cmd.Parameters[i].Value = value ?? DBNull.Value;
        return this;
    }

    public PreparedCommand SetAll(ReadOnlySpan<object?> values)
    {
        for (var i = 0; i < values.Length; i++)
            _cmd.Parameters[i].Value = values[i] ?? DBNull.Value;
        return this;
    }

    public int Execute() => _cmd.ExecuteNonQuery();

    public object? Scalar() => _cmd.ExecuteScalar() is var v && v is DBNull ? null : v;

    public NpgsqlDataReader Reader() => _cmd.ExecuteReader();

    public void Dispose() => _cmd.Dispose();
}
