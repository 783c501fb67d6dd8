using FsCheck;
using FsCheck.Fluent;
using Mosaic.Core.Indicators;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Postgres.Tests.Tabulation;

/// <summary>
/// Tabulation pushdown against the in-memory engine: random requests (indicator, dimensions, area scope, minimum
/// cell size, age bands) counted by PostgreSQL and by the snapshot engine give the same table — categories, every
/// cell and total, values, and which cells are suppressed and why.
/// </summary>
public sealed class PushdownPropertyTests(PostgresServer server, PushdownRegistry registry) : IClassFixture<PushdownRegistry>
{
    private static readonly string[] s_dimensions =
    [
        "adm1", "adm2", "adm4", "village", "area", "migratory_status", "sex", "age_group", "disability", "head_sex", "relation",
        "dwelling", "remittances", "remittance_change", "debt", "in_school", "employed_now", "move_reason", "prev_country",
        "shock_flood", "shock_job_loss",
    ];

    private static readonly string?[] s_scopes = [null, "BD554909", "BD55490959", "BD5527"];

    private static readonly AgeBands[] s_bands = [AgeBands.Default, AgeBands.Parse("0-14,15-64,65+")];

    private static Gen<TabulationRequest> Requests() =>
        from indicator in Gen.Elements(IndicatorCatalogue.Shipped.Indicators.Select(i => i.Id).ToArray())
        from count in Gen.Choose(0, 3)
        from dims in Gen.Shuffle(s_dimensions)
        from scope in Gen.Elements(s_scopes)
        from k in Gen.Elements(1, 3, 5, 10)
        from bands in Gen.Elements(s_bands)
        select new TabulationRequest(indicator, [.. dims.Take(count)]) { AreaPcode = scope, MinimumCellSize = k, AgeBands = bands };

    [Fact]
    public async Task RandomTabulations_PushedDownOrInMemory_GiveTheSameTable()
    {
        server.RequireServer();
        var store = registry.Store!;
        var memory = new Tabulator(await RegistrySnapshotLoader.LoadAsync(store, cancellationToken: TestContext.Current.CancellationToken), IndicatorCatalogue.Shipped);
        // The property runs synchronously (FsCheck), so it waits for the store's own count, on the area tree read once.
        var pushdown = (ITabulationPushdown)store.Registry;
        var areas = await store.Areas.AllAsync(cancellationToken: TestContext.Current.CancellationToken);
        var pushed = 0;
        Prop.ForAll(Requests().ToArbitrary(), request =>
        {
            var (expected, expectedError) = Run(() => memory.Tabulate(request));
            var (actual, actualError) = Run(() => PushdownTabulator.TryTabulateAsync(pushdown, areas, IndicatorCatalogue.Shipped,
                IndicatorCatalogue.Shipped.Get(request.IndicatorId), request).GetAwaiter().GetResult());
            if (expectedError is not null || actualError is not null)
                return expectedError == actualError;
            if (actual is null)
                return true;
            pushed++;
            return TablesEqual(expected!, actual);
        }).QuickCheckThrowOnFailure();
        Assert.True(pushed > 50, $"only {pushed} of the random requests were pushed down");
    }

    [Fact]
    public async Task Pushdown_OfTheResidentPopulationBySexAndUnion_CountsEveryPerson()
    {
        server.RequireServer();
        var store = registry.Store!;
        var result = (await PushdownTabulator.TryTabulateAsync(store, IndicatorCatalogue.Shipped, new TabulationRequest("population", ["adm4", "sex"]) { MinimumCellSize = 1 }, cancellationToken: TestContext.Current.CancellationToken))!;
        var residents = (await store.Registry.ReadHouseholdsAsync(cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken)).SelectMany(h => h.Members).Count(m => m.MigratoryStatus != Core.Registry.MigratoryStatus.Emigrant);
        Assert.Equal(residents, result.GrandTotal.Value);
    }

    private static (TabulationResult? Result, string? Error) Run(Func<TabulationResult?> tabulate)
    {
        try
        {
            return (tabulate(), null);
        }
        catch (TabulationException ex)
        {
            return (null, ex.Message);
        }
    }

    private static bool TablesEqual(TabulationResult a, TabulationResult b)
    {
        if (a.Dimensions.Count != b.Dimensions.Count || a.Cells.Count != b.Cells.Count)
            return false;
        for (var d = 0; d < a.Dimensions.Count; d++)
        {
            if (!a.Dimensions[d].Codes.SequenceEqual(b.Dimensions[d].Codes) || !a.Dimensions[d].Labels.SequenceEqual(b.Dimensions[d].Labels))
                return false;
        }
        for (var i = 0; i < a.Cells.Count; i++)
        {
            var (x, y) = (a.Cells[i], b.Cells[i]);
            if (!x.Categories.SequenceEqual(y.Categories) || x.Status != y.Status || !Close(x.Value, y.Value) || !Close(x.Denominator, y.Denominator))
                return false;
        }
        return (a.PrimarySuppressedCells, a.SecondarySuppressedCells, a.SuppressedContributors, a.TotalContributors, a.RuleText) ==
               (b.PrimarySuppressedCells, b.SecondarySuppressedCells, b.SuppressedContributors, b.TotalContributors, b.RuleText);
    }

    // Counts are exact; sums of money may differ in the last bits with the order of addition.
    private static bool Close(double? x, double? y) =>
        x is null ? y is null : y is not null && (x == y || Math.Abs(x.Value - y.Value) <= 1e-9 * Math.Max(Math.Abs(x.Value), Math.Abs(y.Value)));
}
