using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;
using Mosaic.Storage.Contract;

namespace Mosaic.Storage.Sqlite.Tests.Tabulation;

/// <summary>
/// The persisted snapshot image: used as it is only while it covers the rows, extended after an import of new
/// households, rebuilt when torn or when existing rows change. Every table is checked against SQL GROUP BY over
/// the same file, so a stale or misread image shows as wrong counts.
/// </summary>
public sealed class PersistedSnapshotTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly string _path;

    public PersistedSnapshotTests()
    {
        _path = _dir.File("registry.db");
        using var store = SqliteMosaicStore.Open(_path);
        // A constructor cannot await; SQLite completes its calls at once.
        store.Areas.UpsertAsync(RandomRegistry.Areas).GetAwaiter().GetResult();
        RandomRegistry.Import(store, 300, seed: 21);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<SnapshotLoad> Load(bool scoring = false)
    {
        using var store = SqliteMosaicStore.Open(_path);
        return await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry,
            await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken), scoring, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task FirstLoad_BuildsFromTheRows_AndTheNextProcessReadsTheSavedImageWithTheSameCounts()
    {
        var first = await Load();
        Assert.Equal(SnapshotLoadKind.Built, first.Kind);
        Assert.True(ImageBytes() > 0);

        var second = await Load();
        Assert.Equal(SnapshotLoadKind.Current, second.Kind);
        Assert.Equal(SqlPopulation(), Population(second.Snapshot));
        Assert.Equal(SqlPopulation(), Population(first.Snapshot));
        Assert.Equal(300, second.Snapshot.HouseholdCount);
    }

    [Fact]
    public async Task ImportOfNewHouseholds_ExtendsTheImage_AndTheTableCountsThem()
    {
        await Load();
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 40, seed: 22);

        var after = await Load();
        Assert.Equal(SnapshotLoadKind.Extended, after.Kind);
        Assert.Equal(340, after.Snapshot.HouseholdCount);
        Assert.Equal(SqlPopulation(), Population(after.Snapshot));
        // The extended image was saved: the next process uses it as it is.
        var next = await Load();
        Assert.Equal(SnapshotLoadKind.Current, next.Kind);
        Assert.Equal(SqlPopulation(), Population(next.Snapshot));
    }

    [Fact]
    public async Task ExtendedImage_GivesTheSameTableAsOneBuiltFromHouseholdObjects()
    {
        await Load();
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 60, seed: 23);
        var extended = await Load();

        // The slow path through domain objects (ReadHouseholdsAsync), independent of the columnar scan and the image.
        using var store = SqliteMosaicStore.Open(_path);
        var builder = new RegistrySnapshotBuilder(await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken));
        await foreach (var h in store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken))
            builder.Add(h);
        var fromObjects = builder.Build();
        foreach (var (indicator, by) in new[]
        {
            ("population", new[] { "adm4", "migratory_status", "sex", "age_group" }),
            ("households", ["village", "dwelling", "remittances"]),
            ("hh_remittances_fell", ["area"]),
        })
        {
            Assert.Equal(Cells(fromObjects, indicator, by), Cells(extended.Snapshot, indicator, by));
        }
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("one byte changed")]
    [InlineData("a part missing")]
    public async Task TornImage_IsNeverUsed_ButRebuiltFromTheRows(string damage)
    {
        await Load();
        Damage(damage);

        var load = await Load();
        Assert.Equal(SnapshotLoadKind.Rebuilt, load.Kind);
        Assert.Equal(SqlPopulation(), Population(load.Snapshot));
        Assert.Equal(SnapshotLoadKind.Current, (await Load()).Kind);
    }

    [Fact]
    public async Task DamagedScoringSection_IsNeverUsedForScoring_WhileTheColumnsBeforeItStillServeTables()
    {
        await Load();
        // The last byte of the image lies in the scoring section (the submission ids), which only scoring reads.
        using (var connection = new SqliteConnection($"Data Source={_path};Pooling=False"))
        {
            connection.Open();
            var last = Convert.ToInt64(Scalar("SELECT max(part) FROM registry_snapshot"), CultureInfo.InvariantCulture);
            using var blob = new SqliteBlob(connection, "registry_snapshot", "data", last);
            blob.Position = blob.Length - 1;
            var b = blob.ReadByte();
            blob.Position = blob.Length - 1;
            blob.WriteByte((byte)(b ^ 0x20));
        }

        var table = await Load();
        Assert.Equal(SnapshotLoadKind.Current, table.Kind);
        Assert.Equal(SqlPopulation(), Population(table.Snapshot));
        var scoring = await Load(scoring: true);
        Assert.Equal(SnapshotLoadKind.Rebuilt, scoring.Kind);
        Assert.Equal(SqlPopulation(), Population(scoring.Snapshot));
        Assert.Equal(SnapshotLoadKind.Current, (await Load(scoring: true)).Kind);
    }

    [Fact]
    public async Task ProjectedRead_KeepsOnlyItsColumns_EqualToTheWholeRead_AndIsNeverSavedAsTheImage()
    {
        var whole = (await Load()).Snapshot;
        var before = ImageBytes();
        using var store = SqliteMosaicStore.Open(_path);
        var tree = await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken);
        var load = await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry, tree, scoring: false, SnapshotProjection.Targeting, TestContext.Current.CancellationToken);

        Assert.Equal(SnapshotLoadKind.Current, load.Kind);
        var part = load.Snapshot;
        Assert.True(part.IsPartial);
        Assert.Equal(whole.HouseholdId, part.HouseholdId);
        Assert.Equal(whole.Area, part.Area);
        Assert.Equal(whole.PersonStart, part.PersonStart);
        Assert.Equal(whole.MigratoryStatus, part.MigratoryStatus);
        Assert.Equal(whole.ReferenceWelfare, part.ReferenceWelfare);
        // Columns targeting does not read are not held at all.
        Assert.Empty(part.Sex);
        Assert.Empty(part.PersonKey);
        Assert.Empty(part.IncomeNow);
        Assert.Throws<InvalidOperationException>(() => SnapshotImage.Write(part.WithScoring(whole.Scoring ?? EmptyScoring(part)), load.Coverage));
        Assert.Equal(before, ImageBytes());
    }

    [Theory]
    [InlineData("one byte changed")]
    [InlineData("truncated")]
    public async Task ProjectedRead_OfADamagedImage_IsNeverUsed_EvenWhenTheDamageIsInAColumnItSkips(string damage)
    {
        await Load();
        // The middle of part 0 lies in the person columns, most of which targeting skips: a skipped column is still
        // read for the checksum, so damage anywhere makes the image unusable.
        Damage(damage);
        using var store = SqliteMosaicStore.Open(_path);
        var tree = await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken);
        var load = await PersistedSnapshots.LoadAsync((IPersistedSnapshotSource)store.Registry, tree, scoring: false, SnapshotProjection.Targeting, TestContext.Current.CancellationToken);

        Assert.Equal(SnapshotLoadKind.Rebuilt, load.Kind);
        Assert.False(load.Snapshot.IsPartial);
        Assert.Equal(SqlPopulation(), Population(load.Snapshot));
    }

    [Fact]
    public async Task DeferredRead_EveryColumn_EqualsTheWholeRead()
    {
        var whole = (await Load(scoring: true)).Snapshot;
        using var store = SqliteMosaicStore.Open(_path);

        var same = await RegistrySnapshotLoader.UseAsync(store, part =>
        {
            Assert.True(part.IsPartial);
            Assert.Equal(0, part.MemoryBytes - part.ExtraNumbers.Values.Sum(c => c.Length * 4L));
            return whole.PersonStart.SequenceEqual(part.PersonStart) && whole.Area.SequenceEqual(part.Area) && whole.Dwelling.SequenceEqual(part.Dwelling) &&
                whole.RemittanceChange.SequenceEqual(part.RemittanceChange) && whole.HouseholdFlags.SequenceEqual(part.HouseholdFlags) &&
                whole.Shocks.SequenceEqual(part.Shocks) && whole.HeadSex.SequenceEqual(part.HeadSex) && whole.IncomeBefore.SequenceEqual(part.IncomeBefore) &&
                whole.IncomeNow.SequenceEqual(part.IncomeNow) && whole.RemittanceAmount.SequenceEqual(part.RemittanceAmount) &&
                whole.HouseholdKey.SequenceEqual(part.HouseholdKey) && whole.HouseholdId.SequenceEqual(part.HouseholdId) &&
                whole.ReferenceWelfare.SequenceEqual(part.ReferenceWelfare) && whole.Sex.SequenceEqual(part.Sex) && whole.Age.SequenceEqual(part.Age) &&
                whole.Relation.SequenceEqual(part.Relation) && whole.MigratoryStatus.SequenceEqual(part.MigratoryStatus) &&
                whole.MoveReason.SequenceEqual(part.MoveReason) && whole.PersonFlags.SequenceEqual(part.PersonFlags) &&
                whole.PreviousCountry.SequenceEqual(part.PreviousCountry) && whole.MoveMonth.SequenceEqual(part.MoveMonth) &&
                whole.PersonKey.SequenceEqual(part.PersonKey) && whole.Countries.SequenceEqual(part.Countries) && whole.HasRecordKeys == part.HasRecordKeys &&
                whole.ExtraNumbers.Keys.Order().SequenceEqual(part.ExtraNumbers.Keys.Order()) &&
                whole.ExtraNumbers.All(e => e.Value.SequenceEqual(part.ExtraNumbers[e.Key]));
        }, TestContext.Current.CancellationToken);

        Assert.True(same);
        Assert.True(whole.PersonKey.Length > 0 && whole.Sex.Length > 1000);
    }

    [Fact]
    public async Task DeferredRead_OfACurrentImage_CountsWhatSqlCounts_HoldingOnlyTheColumnsTheTableUses()
    {
        var whole = (await Load()).Snapshot;
        var before = ImageBytes();
        using var store = SqliteMosaicStore.Open(_path);

        var (counts, held) = await RegistrySnapshotLoader.UseAsync(store, s => (Population(s), s.MemoryBytes), TestContext.Current.CancellationToken);

        Assert.Equal(SqlPopulation(), counts);
        Assert.True(held < whole.MemoryBytes / 2, $"held {held} bytes of the whole snapshot's {whole.MemoryBytes}");
        Assert.Equal(before, ImageBytes());
    }

    [Theory]
    [InlineData(nameof(RegistrySnapshot.Sex), true)]
    [InlineData(nameof(RegistrySnapshot.MigratoryStatus), true)]
    [InlineData(nameof(RegistrySnapshot.PersonKey), false)]
    public async Task DeferredRead_WithAColumnDamaged_NeverCountsFromIt(string column, bool tableUsesIt)
    {
        var whole = (await Load()).Snapshot;
        // Where the column's values lie in the stored image: found by its bytes (they follow their count).
        var values = column switch
        {
            nameof(RegistrySnapshot.Sex) => whole.Sex,
            nameof(RegistrySnapshot.MigratoryStatus) => whole.MigratoryStatus,
            _ => MemoryMarshal.AsBytes(whole.PersonKey.AsSpan()).ToArray(),
        };
        FlipByteWithin(values);
        using (var store = SqliteMosaicStore.Open(_path))
        {
            var counts = await RegistrySnapshotLoader.UseAsync(store, Population, TestContext.Current.CancellationToken);
            Assert.Equal(SqlPopulation(), counts);
        }

        // A damaged column the table used sent it to a whole read, which rebuilt the image; damage elsewhere is
        // never read by the table, and the next whole read (an import, a score) rebuilds it.
        Assert.Equal(tableUsesIt ? SnapshotLoadKind.Current : SnapshotLoadKind.Rebuilt, (await Load()).Kind);
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("a part missing")]
    public async Task DeferredRead_OfATornImage_CountsFromTheRows(string damage)
    {
        await Load();
        Damage(damage);
        using (var store = SqliteMosaicStore.Open(_path))
            Assert.Equal(SqlPopulation(), await RegistrySnapshotLoader.UseAsync(store, Population, TestContext.Current.CancellationToken));
        Assert.Equal(SnapshotLoadKind.Current, (await Load()).Kind);
    }

    [Fact]
    public async Task DeferredRead_AfterAnImport_CountsTheNewHouseholds()
    {
        await Load();
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 40, seed: 24);
        using var store = SqliteMosaicStore.Open(_path);

        Assert.Equal(SqlPopulation(), await RegistrySnapshotLoader.UseAsync(store, Population, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TargetingColumns_ReadFromTheImageInSlices_HoldWhatTheWholeSnapshotHolds()
    {
        var whole = (await Load()).Snapshot;
        var before = ImageBytes();
        var (columns, snapshot) = await LoadTargeting();

        Assert.Null(snapshot);
        Assert.NotNull(columns);
        Assert.Equal(before, ImageBytes());
        AssertSameAs(whole, columns);
    }

    [Theory]
    [InlineData("one byte changed")]
    [InlineData("truncated")]
    [InlineData("a part missing")]
    public async Task TargetingColumns_OfADamagedImage_AreNeverUsed_TheImageIsRebuiltAndTheyHoldTheRows(string damage)
    {
        await Load();
        // The middle of part 0 lies in the person columns, which the compact read only passes through a buffer.
        Damage(damage);
        var (columns, _) = await LoadTargeting();

        // Rebuilt from the rows and saved again: what the next process reads is the rows' snapshot.
        Assert.Equal(SnapshotLoadKind.Current, (await Load()).Kind);
        var fromRows = (await Load()).Snapshot;
        Assert.Equal(SqlPopulation(), Population(fromRows));
        AssertSameAs(fromRows, columns!);
        AssertSameAs(fromRows, (await LoadTargeting()).Columns!);
    }

    [Fact]
    public async Task TargetingColumns_AfterAnImport_AreExtendedFromTheRows_NeverTheStaleImage()
    {
        await Load();
        using (var importer = SqliteMosaicStore.Open(_path))
            RandomRegistry.Import(importer, 40, seed: 22);

        var (columns, _) = await LoadTargeting();
        Assert.Equal(340, columns!.HouseholdCount);
        var now = await Load();
        Assert.Equal(SnapshotLoadKind.Current, now.Kind);
        AssertSameAs(now.Snapshot, columns);
    }

    private async Task<(Mosaic.Core.Targeting.TargetingColumns? Columns, RegistrySnapshot? Snapshot)> LoadTargeting()
    {
        using var store = SqliteMosaicStore.Open(_path);
        var tree = await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken);
        return await PersistedSnapshots.LoadTargetingAsync((IPersistedSnapshotSource)store.Registry, tree, TestContext.Current.CancellationToken);
    }

    /// <summary>Every household's area, assistance, head's sex, member statuses, welfare and id, from the snapshot's own columns.</summary>
    private static void AssertSameAs(RegistrySnapshot whole, Mosaic.Core.Targeting.TargetingColumns columns)
    {
        Assert.Equal(whole.HouseholdCount, columns.HouseholdCount);
        Assert.Equal(whole.Areas.Pcodes, columns.Areas.Pcodes);
        for (var h = 0; h < whole.HouseholdCount; h++)
        {
            Assert.Equal(whole.Area[h], columns.Area[h]);
            Assert.Equal(whole.HouseholdId[h], columns.Ids[h]);
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.ReferenceWelfare[h]), BitConverter.DoubleToInt64Bits(columns.Welfare[h]));
            Assert.Equal(RegistrySnapshot.Tri(whole.HouseholdFlags[h], RegistrySnapshot.AssistanceShift) == 2, columns.Assisted(h));
            Assert.Equal(whole.HeadSex[h], columns.HeadSex(h));
            var statuses = Enumerable.Range(whole.PersonStart[h], whole.PersonStart[h + 1] - whole.PersonStart[h])
                .Select(p => (int)whole.MigratoryStatus[p]).Where(c => c != 0).Distinct().Order().ToList();
            Assert.Equal(statuses, Enumerable.Range(1, 16).Where(c => (columns.Statuses[h] & (1 << (c - 1))) != 0).ToList());
        }
    }

    private static ScoringColumns EmptyScoring(RegistrySnapshot s) => new()
    {
        Latitude = new double[s.HouseholdCount],
        Longitude = new double[s.HouseholdCount],
        IncomeBefore = new double[s.HouseholdCount],
        IncomeNow = new double[s.HouseholdCount],
        SubmissionStart = new int[s.HouseholdCount + 1],
        SubmissionBytes = [],
    };

    [Fact]
    public async Task ChangedExistingRows_AreNeverHiddenByTheImage()
    {
        await Load();
        Sql("UPDATE person SET sex = CASE sex WHEN 'male' THEN 'female' ELSE 'male' END WHERE household_id % 3 = 0");

        var load = await Load();
        Assert.Equal(SnapshotLoadKind.Rebuilt, load.Kind);
        Assert.Equal(SqlPopulation(), Population(load.Snapshot));
    }

    [Fact]
    public async Task RenamedArea_IsShownFromTheCurrentImageWithItsNewName()
    {
        await Load();
        using (var store = SqliteMosaicStore.Open(_path))
        {
            var village = RandomRegistry.Areas.Single(a => a.Pcode == "BD55490917002");
            await store.Areas.UpsertAsync([village with { Name = "Notun Para" }], cancellationToken: TestContext.Current.CancellationToken);
        }

        var load = await Load();
        Assert.Equal(SnapshotLoadKind.Current, load.Kind);
        var table = new Tabulator(load.Snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("households", ["village"]) { MinimumCellSize = 1 });
        var labels = table.Dimensions[0].Labels;
        Assert.Contains("Notun Para", labels);
        Assert.DoesNotContain("Sabuj Para", labels);
    }

    private long ImageBytes() => Convert.ToInt64(Scalar("SELECT coalesce(sum(length(data)), 0) FROM registry_snapshot"), CultureInfo.InvariantCulture);

    private void Damage(string how)
    {
        switch (how)
        {
            case "truncated":
                Sql("UPDATE registry_snapshot SET data = substr(data, 1, length(data) - 7) WHERE part = (SELECT max(part) FROM registry_snapshot)");
                break;
            case "one byte changed":
                {
                    using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
                    connection.Open();
                    using var blob = new SqliteBlob(connection, "registry_snapshot", "data", 0);
                    blob.Position = blob.Length / 2;
                    var b = blob.ReadByte();
                    blob.Position = blob.Length / 2;
                    blob.WriteByte((byte)(b ^ 0x20));
                    break;
                }
            default:
                // A crash between the parts of a write cannot happen inside one SQLite transaction; a lost part stands
                // for damage from outside (a copied-over file, a disk error).
                Sql("UPDATE registry_snapshot SET part = 1, data = substr(data, 1, 64) WHERE part = 0");
                break;
        }
    }

    /// <summary>Flips one byte in the middle of <paramref name="values"/>' first occurrence in the stored image (part 0).</summary>
    private void FlipByteWithin(byte[] values)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var blob = new SqliteBlob(connection, "registry_snapshot", "data", 0);
        var image = new byte[blob.Length];
        blob.ReadExactly(image);
        var at = image.AsSpan().IndexOf(values);
        Assert.True(at > 0, "the column's values are in part 0");
        blob.Position = at + values.Length / 2;
        blob.WriteByte((byte)(image[at + values.Length / 2] ^ 0x01));
    }

    private object? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_path};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }

    private void Sql(string sql) => Scalar(sql);

    /// <summary>Resident persons by area and sex, as SQL counts them.</summary>
    private SortedDictionary<string, double> SqlPopulation()
    {
        var counts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = $"SELECT h.area_pcode, coalesce(p.sex, '{TableDimension.MissingCode}'), count(*) FROM person p " +
                          "JOIN household h ON h.id = p.household_id WHERE p.mig_status <> 'emigrant' GROUP BY 1, 2";
        using var r = cmd.ExecuteReader();
        while (r.Read())
            counts[r.GetString(0) + "|" + r.GetString(1)] = r.GetInt64(2);
        return counts;
    }

    private static SortedDictionary<string, double> Population(RegistrySnapshot snapshot)
    {
        var counts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var result = new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest("population", ["area", "sex"]) { MinimumCellSize = 1 });
        foreach (var cell in result.Cells)
        {
            if (cell.Categories.Any(c => c == TableDimension.Total) || cell.Value is not > 0)
                continue;
            counts[string.Join("|", cell.Categories.Select((c, d) => result.Dimensions[d].Codes[c]))] = cell.Value.Value;
        }
        return counts;
    }

    private static List<string> Cells(RegistrySnapshot snapshot, string indicator, string[] by)
    {
        var result = new Tabulator(snapshot, IndicatorCatalogue.Shipped).Tabulate(new TabulationRequest(indicator, by));
        return [.. result.Cells.Select(c => string.Join("|", c.Categories.Select((k, d) => k == TableDimension.Total ? "*" : result.Dimensions[d].Codes[k]))
            + "=" + (c.Value?.ToString("R", CultureInfo.InvariantCulture) ?? "suppressed") + "/" + c.Denominator?.ToString("R", CultureInfo.InvariantCulture) + "/" + c.Status)];
    }
}
