using Mosaic.Core.Storage;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests;

/// <summary>What opening a PostgreSQL store does beyond the contract: versions, PostGIS, clear refusals.</summary>
public sealed class PostgresStoreTests(PostgresServer server) : IDisposable
{
    private readonly PostgresTestDatabase _database = new(server);

    [Fact]
    public async Task Open_DatabaseFromANewerMosaic_IsRefusedWithAClearMessage()
    {
        var cancel = TestContext.Current.CancellationToken;
        using (var store = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(), cancel))
        {
        }
        using (var raw = new NpgsqlConnection(_database.ConnectionString()))
        {
            raw.Open();
            using var cmd = new NpgsqlCommand("INSERT INTO mosaic_schema (version, name) VALUES (999, 'from the future')", raw);
            cmd.ExecuteNonQuery();
        }
        var ex = await Assert.ThrowsAsync<StoreException>(() => PostgresMosaicStore.OpenAsync(_database.ConnectionString(), cancel));
        Assert.Equal(StoreFailure.NewerSchema, ex.Failure);
        Assert.Contains("newer than this Mosaic", ex.Message, StringComparison.Ordinal);
        using var database = PostgresDatabase.Open(_database.ConnectionString());
        Assert.Equal(StoreFailure.NewerSchema, (await Assert.ThrowsAsync<StoreException>(() => database.OpenStoreAsync(cancel))).Failure);
    }

    [Fact]
    public async Task Open_WithPostGisInstalled_StoresBoundariesAsGeometries()
    {
        using var store = await PostgresMosaicStore.OpenAsync(_database.ConnectionString(), TestContext.Current.CancellationToken);
        Assert.True(store.UsesPostGis);
        using var raw = new NpgsqlConnection(_database.ConnectionString());
        raw.Open();
        using var cmd = new NpgsqlCommand("SELECT udt_name FROM information_schema.columns WHERE table_name = 'area' AND column_name = 'boundary'", raw);
        Assert.Equal("geometry", cmd.ExecuteScalar());
    }

    [Fact]
    public async Task Open_AnUnknownDatabase_SaysWhichOneWithoutThePassword()
    {
        server.RequireServer();
        var missing = new NpgsqlConnectionStringBuilder(server.ConnectionString("no_such_database")) { Password = "s3cret" };
        var ex = await Assert.ThrowsAsync<StoreException>(() => PostgresMosaicStore.OpenAsync(missing.ConnectionString, TestContext.Current.CancellationToken));
        Assert.Equal(StoreFailure.Unavailable, ex.Failure);
        Assert.Contains("no_such_database", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenStore_OnAnEmptyDatabase_AsksForMigrationFirst()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var database = PostgresDatabase.Open(server.ConnectionString(server.CreateDatabase(migrated: false)));
        Assert.Equal(0, await database.ReadSchemaVersionAsync(cancel));
        Assert.Equal(StoreFailure.OutdatedSchema, (await Assert.ThrowsAsync<StoreException>(() => database.OpenStoreAsync(cancel))).Failure);
        Assert.Equal(database.LatestSchemaVersion, await database.MigrateAsync(cancel));
        using var store = await database.OpenStoreAsync(cancel);
        Assert.Equal(database.LatestSchemaVersion, store.SchemaVersion);
    }

    [Fact]
    public async Task AServerThatIsDown_IsAStoreFailureNamingIt()
    {
        server.RequireServer();
        var builder = new NpgsqlConnectionStringBuilder(server.Admin) { Port = 1, Database = "mosaic", Timeout = 3 };
        using var database = PostgresDatabase.Open(builder.ConnectionString);
        var ex = await Assert.ThrowsAsync<StoreException>(() => database.MigrateAsync(TestContext.Current.CancellationToken));
        Assert.Equal(StoreFailure.Unavailable, ex.Failure);
        Assert.Contains("127.0.0.1:1/mosaic", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://alice:pw@db.example.org:6543/mosaic?sslmode=require", "db.example.org", 6543, "mosaic", "alice")]
    [InlineData("postgresql://db.example.org/national", "db.example.org", 5432, "national", null)]
    [InlineData("Host=10.0.0.5;Port=5433;Database=registry;Username=bob", "10.0.0.5", 5433, "registry", "bob")]
    public void ConnectionString_BothSpellingsParse(string db, string host, int port, string database, string? user)
    {
        Assert.True(PostgresConnectionString.Matches(db));
        var b = PostgresConnectionString.Parse(db);
        Assert.Equal((host, port, database, user), (b.Host, b.Port, b.Database, b.Username));
        Assert.DoesNotContain("pw", PostgresConnectionString.Describe(b), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mosaic.db")]
    [InlineData("/data/national.db")]
    public void ConnectionString_AFilePathIsNotPostgres(string db) => Assert.False(PostgresConnectionString.Matches(db));

    public void Dispose() => _database.Dispose();
}
