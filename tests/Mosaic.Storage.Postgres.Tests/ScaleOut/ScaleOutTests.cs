using Mosaic.Core.Indicators;
using Mosaic.Core.Storage;
using Mosaic.Core.Tabulation;
using Npgsql;

namespace Mosaic.Storage.Postgres.Tests.ScaleOut;

/// <summary>
/// The registry spread over two shards behind a coordinator gives the same tables as one server, counts them on the
/// shards, and refuses to answer — naming the shard — when one is down, rather than leaving its rows out.
/// </summary>
public sealed class ScaleOutTests(PostgresServer server, ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    private static readonly string[][] s_dimensions =
    [
        [], ["adm1"], ["adm2", "sex"], ["adm4", "migratory_status"], ["adm1", "age_group", "disability"], ["dwelling", "head_sex"],
        ["village"], ["remittances"], ["shock_flood", "adm1"],
    ];

    private void Require()
    {
        server.RequireServer();
        Assert.NotNull(cluster.North);
        Assert.Equal(0, cluster.InitResult!.ExitCode);
        Assert.Equal(0, cluster.Demo!.ExitCode);
    }

    [Fact]
    public async Task ClusterInit_PlacesEachDivisionOnItsShard()
    {
        Require();
        Assert.Contains("shard north", cluster.InitResult!.Out, StringComparison.Ordinal);
        Assert.Equal((1200L, 500L), (Households(cluster.North!, "BD55"), Households(cluster.South!, "BD10")));
        Assert.Equal(0L, Households(cluster.North!, "BD10") + Households(cluster.South!, "BD55"));
        using var coordinator = await cluster.OpenCoordinatorAsync();
        Assert.Equal(1700, await coordinator.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }

    private static long Households(PostgresCluster shard, string adm1)
    {
        using var connection = new NpgsqlConnection(shard.ConnectionString());
        connection.Open();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM household WHERE adm1_pcode = @a", connection);
        cmd.Parameters.AddWithValue("a", adm1);
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public async Task EveryTabulation_OnTheCluster_EqualsTheSingleServerResult()
    {
        Require();
        using var coordinator = await cluster.OpenCoordinatorAsync();
        using var single = await cluster.OpenSingleAsync();
        var catalogue = IndicatorCatalogue.Shipped;
        var reference = new Tabulator(await RegistrySnapshotLoader.LoadAsync(single, cancellationToken: TestContext.Current.CancellationToken), catalogue);
        var fromShards = new Tabulator(await RegistrySnapshotLoader.LoadAsync(coordinator, cancellationToken: TestContext.Current.CancellationToken), catalogue);
        var compared = 0;
        foreach (var indicator in catalogue.Indicators)
        {
            foreach (var by in s_dimensions)
            {
                var request = new TabulationRequest(indicator.Id, by);
                string? error = null;
                TabulationResult? expected = null;
                try
                {
                    expected = reference.Tabulate(request);
                }
                catch (TabulationException ex)
                {
                    error = ex.Message;
                }
                if (error is not null)
                {
                    Assert.Equal(error, (await Assert.ThrowsAsync<TabulationException>(() => PushdownTabulator.TryTabulateAsync(coordinator, catalogue, request, cancellationToken: TestContext.Current.CancellationToken))).Message);
                    continue;
                }
                var pushed = await PushdownTabulator.TryTabulateAsync(coordinator, catalogue, request, cancellationToken: TestContext.Current.CancellationToken);
                Assert.NotNull(pushed);
                Same(expected!, pushed, $"{indicator.Id} by {string.Join(",", by)} (pushdown)");
                Same(expected!, fromShards.Tabulate(request), $"{indicator.Id} by {string.Join(",", by)} (snapshot through the coordinator)");
                compared++;
            }
        }
        Assert.True(compared > 100, $"only {compared} tables compared");
    }

    private static void Same(TabulationResult expected, TabulationResult actual, string what)
    {
        Assert.True(expected.Dimensions.Select(d => string.Join("|", d.Codes)).SequenceEqual(actual.Dimensions.Select(d => string.Join("|", d.Codes))), what);
        Assert.True(expected.Cells.Count == actual.Cells.Count, what);
        for (var i = 0; i < expected.Cells.Count; i++)
        {
            var (x, y) = (expected.Cells[i], actual.Cells[i]);
            Assert.True(x.Status == y.Status, $"{what}: cell {i} status {x.Status} vs {y.Status}");
            Assert.True(x.Value is null ? y.Value is null : y.Value is not null && Math.Abs(x.Value.Value - y.Value.Value) <= 1e-9 * Math.Max(1, Math.Abs(x.Value.Value)),
                $"{what}: cell {i} value {x.Value} vs {y.Value}");
        }
    }

    [Fact]
    public async Task Tabulation_IsCountedOnTheShards()
    {
        Require();
        using var coordinator = await cluster.OpenCoordinatorAsync();
        var registry = (Internal.IPostgresRegistry)coordinator.Registry;
        var plan = await registry.ExplainCountAsync(new PushdownQuery(IndicatorCatalogue.Shipped.Get("population"),
            [new PushdownDimension("adm4", true), new PushdownDimension("sex", false)], null, AgeBands.Default), TestContext.Current.CancellationToken);
        // postgres_fdw names each aggregate it sends to a shard: "Aggregate on ((public.person_north p) INNER JOIN …)".
        Assert.Contains("Aggregate on ((public.person_north", plan, StringComparison.Ordinal);
        Assert.Contains("Aggregate on ((public.person_south", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AShardStopped_GivesAnErrorNamingIt_NeverAPartialTotal()
    {
        Require();
        using var coordinator = await cluster.OpenCoordinatorAsync();
        cluster.South!.Stop();
        try
        {
            var request = new TabulationRequest("population", ["adm1", "sex"]);
            var pushed = (await Assert.ThrowsAsync<StoreException>(() => PushdownTabulator.TryTabulateAsync(coordinator, IndicatorCatalogue.Shipped, request, cancellationToken: TestContext.Current.CancellationToken)));
            Assert.Equal(StoreFailure.Unavailable, pushed.Failure);
            Assert.Contains("shard_south", pushed.Message, StringComparison.Ordinal);
            Assert.Contains("no partial result", pushed.Message, StringComparison.Ordinal);
            Assert.Contains("shard_south", (await Assert.ThrowsAsync<StoreException>(() => RegistrySnapshotLoader.LoadAsync(coordinator, cancellationToken: TestContext.Current.CancellationToken))).Message, StringComparison.Ordinal);
            Assert.Contains("shard_south", (await Assert.ThrowsAsync<StoreException>(async () => await coordinator.Registry.CountPersonsAsync(cancellationToken: TestContext.Current.CancellationToken))).Message, StringComparison.Ordinal);
            var cli = CliRun.Invoke("tabulate", "--indicator", "population", "--by", "adm1", "--db", cluster.Coordinator);
            Assert.Equal(4, cli.ExitCode);
            Assert.Contains("shard_south", cli.Error, StringComparison.Ordinal);
        }
        finally
        {
            cluster.South.Start();
            NpgsqlConnection.ClearAllPools();
        }
        using var again = await cluster.OpenCoordinatorAsync();
        Assert.Equal(1700, await again.Registry.CountHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken));
    }
}
