using Npgsql;
using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>A statement with positional, typed parameters <c>$1…$n</c>, prepared once and run for many rows.</summary>
internal sealed class PreparedCommand : IDisposable, IAsyncDisposable
{
    private readonly NpgsqlCommand _cmd;

    private PreparedCommand(NpgsqlCommand cmd) => _cmd = cmd;

    /// <summary>The statement with parameters of <paramref name="types"/>, prepared with the driver's asynchronous call.</summary>
    public static async Task<PreparedCommand> PrepareAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken cancellationToken,
        params NpgsqlDbType[] types)
    {
        var cmd = Unprepared(connection, tx, sql, types);
        try
        {
            await cmd.PrepareAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cmd.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new PreparedCommand(cmd);
    }

    private static NpgsqlCommand Unprepared(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, NpgsqlDbType[] types)
    {
        var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var type in types)
            cmd.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = type });
        return cmd;
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

    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => _cmd.ExecuteNonQueryAsync(cancellationToken);

    public async Task<object?> ScalarAsync(CancellationToken cancellationToken) =>
        await _cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is var v && v is DBNull ? null : v;

    public Task<NpgsqlDataReader> ReaderAsync(CancellationToken cancellationToken) => _cmd.ExecuteReaderAsync(cancellationToken);

    public void Dispose() => _cmd.Dispose();

    public ValueTask DisposeAsync() => _cmd.DisposeAsync();
}
