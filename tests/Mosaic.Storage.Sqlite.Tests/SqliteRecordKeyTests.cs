using Microsoft.Data.Sqlite;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>How the SQLite file keeps record keys: stored in the rows, given to rows of older files once, never changed.</summary>
public sealed class SqliteRecordKeyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static SqliteConnection Raw(string path)
    {
        var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        return raw;
    }

    private static long Scalar(SqliteConnection raw, string sql)
    {
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> Registry(int households)
    {
        var path = _dir.File("keys.db");
        using var store = SqliteMosaicStore.Open(path);
        await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        RandomRegistry.Import(store, households, seed: 5);
        return path;
    }

    [Fact]
    public async Task Import_GivesEveryPersonAndHouseholdItsOwnNonZeroKey()
    {
        var path = await Registry(500);
        using var raw = Raw(path);
        foreach (var table in new[] { "household", "person" })
        {
            var rows = Scalar(raw, $"SELECT count(*) FROM {table}");
            Assert.Equal(0, Scalar(raw, $"SELECT count(*) FROM {table} WHERE record_key <= 0 OR record_key > 4294967295"));
            // 32-bit random keys: among a few thousand rows a repeated key is rare, and a constant one impossible.
            Assert.InRange(Scalar(raw, $"SELECT count(DISTINCT record_key) FROM {table}"), rows - 2, rows);
        }
    }

    [Fact]
    public async Task RecordKey_CannotBeChanged()
    {
        var path = await Registry(5);
        using var raw = Raw(path);
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "UPDATE person SET record_key = 7";
        var ex = Assert.Throws<SqliteException>(() => cmd.ExecuteNonQuery());
        Assert.Contains("record keys never change", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpeningAFileFromBeforeRecordKeys_GivesItsRowsKeysOnce()
    {
        var path = await Registry(300);
        // Put the file back in the state schema version 8 left it: no record keys.
        using (var raw = Raw(path))
        {
            using var cmd = raw.CreateCommand();
            cmd.CommandText = "DROP TRIGGER household_record_key_fixed; DROP TRIGGER person_record_key_fixed; " +
                              "ALTER TABLE household DROP COLUMN record_key; ALTER TABLE person DROP COLUMN record_key; PRAGMA user_version = 8;";
            cmd.ExecuteNonQuery();
        }
        List<double?> first;
        using (var store = SqliteMosaicStore.Open(path))
        {
            var snapshot = await RegistrySnapshotLoader.LoadAsync(store, cancellationToken: TestContext.Current.CancellationToken);
            Assert.True(snapshot.HasRecordKeys);
            first = Perturbed(snapshot);
        }
        using (var raw = Raw(path))
        {
            Assert.Equal(0, Scalar(raw, "SELECT count(*) FROM person WHERE record_key <= 0 OR record_key > 4294967295"));
            Assert.True(Scalar(raw, "SELECT count(DISTINCT record_key) FROM person") > Scalar(raw, "SELECT count(*) FROM person") - 3);
        }
        using (var store = SqliteMosaicStore.Open(path))
            Assert.Equal(first, Perturbed(await RegistrySnapshotLoader.LoadAsync(store, cancellationToken: TestContext.Current.CancellationToken)));
    }

    private static List<double?> Perturbed(RegistrySnapshot snapshot) =>
        [.. new Tabulator(snapshot, Core.Indicators.IndicatorCatalogue.Shipped).Tabulate(
            new TabulationRequest("population", ["area", "sex"]) { Method = Core.Disclosure.DisclosureMethod.Perturbation }).Cells.Select(c => c.Value)];
}
