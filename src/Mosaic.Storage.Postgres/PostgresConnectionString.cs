using System.Globalization;
using Npgsql;

namespace Mosaic.Storage.Postgres;

/// <summary>
/// The two spellings of a PostgreSQL database Mosaic accepts for <c>--db</c> / <c>MOSAIC_DB</c>: an Npgsql
/// connection string (<c>Host=…;Database=…</c>) or a URI (<c>postgres://user:password@host:port/database?sslmode=require</c>).
/// </summary>
public static class PostgresConnectionString
{
    /// <summary>Whether a <c>--db</c> value names a PostgreSQL database rather than a file.</summary>
    public static bool Matches(string db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
               db.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) ||
               db.Contains("Host=", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Parses either spelling; throws <see cref="ArgumentException"/> naming what is wrong. Statements run without a
    /// time limit unless the value sets one (<c>Command Timeout=…</c>, <c>?command_timeout=…</c>): Npgsql's default of
    /// 30 s would cut off the merge of a large import or a tabulation over tens of millions of persons.
    /// </summary>
    public static NpgsqlConnectionStringBuilder Parse(string db)
    {
        var builder = ParseAsGiven(db);
        var text = Uri.UnescapeDataString(db).Replace("_", " ", StringComparison.Ordinal);
        if (!text.Contains("command timeout", StringComparison.OrdinalIgnoreCase) && !text.Contains("commandtimeout", StringComparison.OrdinalIgnoreCase))
        {
            builder.CommandTimeout = 0;
        }
        return builder;
    }

    private static NpgsqlConnectionStringBuilder ParseAsGiven(string db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(db);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"not a valid PostgreSQL connection string: {ex.Message}", nameof(db), ex);
            }
        }
        if (!Uri.TryCreate(db, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || uri.Host.Length == 0)
            throw new ArgumentException("not a valid PostgreSQL URI: expected postgres://user:password@host:port/database", nameof(db));
        var builder = new NpgsqlConnectionStringBuilder { Host = uri.Host };
        if (uri.Port > 0)
            builder.Port = uri.Port;
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0)
            builder.Database = database;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                builder[key.Replace('_', ' ')] = value;
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
            {
                throw new ArgumentException($"not a valid PostgreSQL URI option '{key}': {ex.Message}", nameof(db), ex);
            }
        }
        return builder;
    }

    /// <summary>Host, port, database and user: what a message may show (never the password).</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var port = builder.Port.ToString(CultureInfo.InvariantCulture);
        return $"postgres://{(builder.Username is { Length: > 0 } u ? u + "@" : "")}{builder.Host}:{port}/{builder.Database}";
    }
}
