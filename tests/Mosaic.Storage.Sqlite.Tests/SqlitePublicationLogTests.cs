using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>The publication log in the SQLite file (issue 15): what is logged reads back as written, in order, and the log is append-only.</summary>
public sealed class SqlitePublicationLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static readonly LoggedTable[] s_tables =
    [
        new(new DateTimeOffset(2026, 11, 30, 9, 15, 0, TimeSpan.FromHours(6)), "population", """{"indicator":"population","by":["village","sex"]}""", "[[12,null],null,[40,null]]"),
        new(new DateTimeOffset(2026, 12, 1, 3, 0, 0, TimeSpan.Zero), "returnees", """{"indicator":"returnees","by":["sex"]}""", "[null,[7,null]]"),
    ];

    [Fact]
    public async Task LoggedTables_ReadBackAsWritten_OldestFirst_InAnotherUnitOfWork()
    {
        var path = _dir.File("log.db");
        using (var store = SqliteMosaicStore.Open(path))
        {
            var log = PublicationLogs.Of(store);
            Assert.Empty(await log.ReadPublicationsAsync(cancellationToken: TestContext.Current.CancellationToken));
            await log.LogPublicationsAsync([s_tables[0]], cancellationToken: TestContext.Current.CancellationToken);
            await log.LogPublicationsAsync([s_tables[1]], cancellationToken: TestContext.Current.CancellationToken);
        }
        using (var store = SqliteMosaicStore.Open(path))
        {
            var read = (await PublicationLogs.Of(store).ReadPublicationsAsync(cancellationToken: TestContext.Current.CancellationToken));
            Assert.Equal(2, read.Count);
            for (var i = 0; i < 2; i++)
            {
                Assert.Equal(s_tables[i].PublishedAt.UtcDateTime, read[i].PublishedAt.UtcDateTime);
                Assert.Equal(TimeSpan.Zero, read[i].PublishedAt.Offset);
                Assert.Equal(s_tables[i] with { PublishedAt = read[i].PublishedAt }, read[i]);
            }
        }
        // The rows themselves, read with plain SQL.
        using var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "SELECT published_at, indicator FROM publication_log ORDER BY id";
        using var reader = cmd.ExecuteReader();
        Assert.True(reader.Read());
        Assert.Equal("2026-11-30T03:15:00.0000000+00:00", reader.GetString(0));
        Assert.Equal("population", reader.GetString(1));
        Assert.True(reader.Read());
        Assert.Equal("returnees", reader.GetString(1));
        Assert.False(reader.Read());
    }

    [Theory]
    [InlineData("UPDATE publication_log SET cells = '[]'")]
    [InlineData("DELETE FROM publication_log")]
    public async Task TheLog_CannotBeChangedOrEmptied(string sql)
    {
        var path = _dir.File("log.db");
        using (var store = SqliteMosaicStore.Open(path))
            await PublicationLogs.Of(store).LogPublicationsAsync(s_tables, cancellationToken: TestContext.Current.CancellationToken);
        using var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        var ex = Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery());
        Assert.Contains("append-only", ex.Message, StringComparison.Ordinal);
        cmd.CommandText = "SELECT count(*) FROM publication_log";
        Assert.Equal(2L, Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture));
    }
}
