using Npgsql;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Short forms for the statements the stores run: named parameters given as (name, value) pairs. Asynchronous only, with
/// the caller's token: the provider makes no synchronous round trip.
/// </summary>
internal static class NpgsqlExtensions
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql, NpgsqlTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = new NpgsqlCommand(sql, connection, tx);
        foreach (var (name, value) in parameters)
            cmd.Parameters.Add(Parameter(name, value));
        return cmd;
    }

    public static async Task<int> ExecuteAsync(this NpgsqlConnection connection, string sql, NpgsqlTransaction? tx, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(sql, tx, parameters);
        return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static async Task<object?> ScalarAsync(this NpgsqlConnection connection, string sql, NpgsqlTransaction? tx, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters)
    {
        await using var cmd = connection.Command(sql, tx, parameters);
        var value = await cmd.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }

    /// <summary>A parameter whose null is SQL NULL; a typed null is needed where PostgreSQL cannot infer the type.</summary>
    public static NpgsqlParameter Parameter(string name, object? value) => value switch
    {
        null => new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value },
        TypedNull t => new NpgsqlParameter(name, t.Type) { Value = DBNull.Value },
        _ => new NpgsqlParameter(name, value),
    };

    public static string? GetNullableString(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    public static double? GetNullableDouble(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public static int? GetNullableInt(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt32(i);

    public static long? GetNullableLong(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);

    public static bool? GetNullableBool(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetBoolean(i);

    public static DateOnly? GetNullableDate(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateOnly>(i);

    /// <summary>A <c>timestamptz</c> as an instant in UTC.</summary>
    public static DateTimeOffset GetInstant(this NpgsqlDataReader r, int i) => new(DateTime.SpecifyKind(r.GetDateTime(i), DateTimeKind.Utc));

    public static DateTimeOffset? GetNullableInstant(this NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInstant(i);
}

/// <summary>A null parameter of a given type (e.g. a null <c>bytea</c>).</summary>
internal sealed record TypedNull(NpgsqlTypes.NpgsqlDbType Type);
