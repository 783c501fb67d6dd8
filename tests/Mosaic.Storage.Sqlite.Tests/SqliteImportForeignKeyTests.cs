using System.Globalization;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Storage;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests;

/// <summary>
/// The import transaction pauses SQLite's per-row foreign-key look-ups (its rows only reference rows it wrote): the
/// stored registry must still satisfy every foreign key, and the connection must enforce them again afterwards.
/// </summary>
public sealed class SqliteImportForeignKeyTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<SqliteConnection> Migrated()
    {
        var path = _dir.File("fk.db");
        using (var store = SqliteMosaicStore.Open(path))
            await store.Areas.UpsertAsync(RandomRegistry.Areas, cancellationToken: TestContext.Current.CancellationToken);
        var raw = new SqliteConnection($"Data Source={path};Pooling=false");
        raw.Open();
        Run(raw, "PRAGMA foreign_keys = ON");
        return raw;
    }

    private static long Run(SqliteConnection raw, string sql)
    {
        using var cmd = raw.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(cmd.ExecuteScalar() ?? 0L, CultureInfo.InvariantCulture);
    }

    private static long Violations(SqliteConnection raw)
    {
        using var cmd = raw.CreateCommand();
        cmd.CommandText = "PRAGMA foreign_key_check";
        using var reader = cmd.ExecuteReader();
        var rows = 0L;
        while (reader.Read())
            rows++;
        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AfterAnImport_CommittedOrRolledBack_EveryForeignKeyHolds_AndIsEnforcedAgain(bool commit)
    {
        using var raw = await Migrated();
        var households = RandomRegistry.Households(300, seed: 11);
        using (var batch = new SqliteRegistrationBatch(raw, "fk test"))
        {
            await batch.AddAllAsync(households, TestContext.Current.CancellationToken);
            if (commit)
                await batch.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(commit ? households.Count : 0, Run(raw, "SELECT count(*) FROM household"));
        Assert.Equal(commit ? households.Sum(h => h.Members.Count) : 0, Run(raw, "SELECT count(*) FROM person"));
        Assert.Equal(0, Violations(raw));
        Assert.Equal(1, Run(raw, "PRAGMA foreign_keys"));
        // Enforced again on the same connection: a person of a household that does not exist is refused.
        var ex = Assert.Throws<SqliteException>(() => Run(raw,
            "INSERT INTO person (household_id, line, sex, relation, mig_status) VALUES (999999, 1, 'female', 'head', 'resident')"));
        Assert.Contains("FOREIGN KEY", ex.Message, StringComparison.Ordinal);
    }
}
