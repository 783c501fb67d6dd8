using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Postgres.Tests.Cli;

/// <summary>
/// The same demo (same seed and size) made by <c>mosaic demo</c> twice: into a PostgreSQL database given as
/// <c>postgres://…</c>, and into an SQLite file. Each side has its own working folder with the same layout, so one
/// command line runs on both and their outputs can be compared once the folder and the database are masked.
/// </summary>
public sealed class CliSideBySide : IDisposable
{
    public const int Households = 400;

    private readonly PostgresServer _server;
    private readonly string? _database;

    public CliSideBySide(PostgresServer server)
    {
        _server = server;
        server.RequireServerOrNothing(out var available);
        if (!available)
            return;
        _database = server.CreateDatabase(migrated: false);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString(_database));
        var login = string.IsNullOrEmpty(builder.Password) ? builder.Username : $"{builder.Username}:{Uri.EscapeDataString(builder.Password)}";
        Postgres = $"postgres://{login}@{builder.Host}:{builder.Port}/{builder.Database}";
        Sqlite = SqliteFolder.File("mosaic.db");
        foreach (var (db, folder) in Sides)
        {
            Directory.CreateDirectory(Path.Combine(folder, "kobo"));
            Demos.Add(CliRun.Invoke("demo", "--households", Households.ToString(System.Globalization.CultureInfo.InvariantCulture), "--seed", "7",
                "--no-serve", "--export-kobo", Path.Combine(folder, "kobo"), "--db", db));
        }
    }

    public TempDirectory PostgresFolder { get; } = new();

    public TempDirectory SqliteFolder { get; } = new();

    /// <summary>The PostgreSQL database as a user types it (the throwaway cluster trusts loopback, so usually without a password).</summary>
    public string Postgres { get; } = "";

    public string Sqlite { get; } = "";

    /// <summary>PostgreSQL first, then SQLite: (database, working folder).</summary>
    public IEnumerable<(string Db, string Folder)> Sides => [(Postgres, PostgresFolder.Path), (Sqlite, SqliteFolder.Path)];

    /// <summary>The two <c>mosaic demo</c> runs, PostgreSQL first.</summary>
    public List<CliRun> Demos { get; } = [];

    public void Dispose()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        if (_database is not null)
            _server.DropDatabase(_database);
        PostgresFolder.Dispose();
        SqliteFolder.Dispose();
    }
}
