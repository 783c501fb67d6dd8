using Mosaic.Core.Application;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;
using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The tabulation engine: computes an indicator by any set of dimensions, with all totals and subtotals, over a
/// <see cref="RegistrySnapshot"/>, and applies disclosure control. The CLI, the API and the dashboard call this;
/// rendering is left to the writers in <c>Tabulation.Output</c>.
/// </summary>
public sealed partial class Tabulator(RegistrySnapshot snapshot, IndicatorCatalogue catalogue)
{
    /// <summary>Largest table (cells, totals included) the engine builds; a guard against accidental explosions.</summary>
    public const int MaximumCells = 20_000_000;

    /// <summary>The snapshot this engine tabulates.</summary>
    public RegistrySnapshot Snapshot => snapshot;

    /// <summary>Tabulates a catalogue indicator (<see cref="TabulationRequest.IndicatorId"/>) as the request asks, with
    /// disclosure control.</summary>
    public TabulationResult Tabulate(TabulationRequest request)
    {
        var indicator = catalogue.Get(request.IndicatorId);
        return Tabulate(indicator, request);
    }

    /// <summary>Tabulates a definition that need not be in the catalogue (e.g. one being written).</summary>
    public TabulationResult Tabulate(IndicatorDefinition indicator, TabulationRequest request)
    {
        var staged = Stage(indicator, request, out var perturbed);
        return perturbed ?? Finish(staged!);
    }

    /// <summary>Counts and protects one table on its own (or, with perturbation, returns it whole in <paramref name="perturbed"/>).</summary>
    private StagedTable? Stage(IndicatorDefinition indicator, TabulationRequest request, out TabulationResult? perturbed)
    {
        perturbed = null;
        if (request.MinimumCellSize < 0)
            throw new TabulationException("the minimum cell size must be 0 or more");
        if (request.MinimumHouseholds < 0)
            throw new TabulationException("the minimum number of households must be 0 or more");
        var duplicate = request.By.GroupBy(b => b, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new TabulationException($"dimension '{duplicate.Key}' is given twice");
        if (request.Method == DisclosureMethod.Suppression && request.MinimumCellSize > 1 && request.By.Contains("age_group") &&
            !request.AgeBands.IsCoarseningOf(request.BaseAgeBands))
        {
            throw new TabulationException(
                $"age bands {request.AgeBands} are not groups of the base bands ({request.BaseAgeBands}): two suppressed tables by " +
                "different bands could be subtracted to recover persons of one age. Use bands from 0 to an open last band " +
                "whose boundaries are base boundaries (e.g. 0-14,15-64,65+), or the perturbation method", RequestSetting.DisclosureMethod);
        }
        var fields = new SnapshotFields(snapshot, request.AgeBands);
        var eval = new ExpressionEvaluator(fields);
        var unit = indicator.Unit == IndicatorUnit.Person ? FieldLevel.Person : FieldLevel.Household;

        var columns = request.By.Select(fields.ResolveCategorical).ToList();
        foreach (var c in columns)
        {
            if (unit == FieldLevel.Household && c.Level == FieldLevel.Person)
            {
                throw new TabulationException(
                    $"'{c.Name}' describes persons, but indicator '{indicator.Id}' counts households (try head_sex, or a person indicator)");
            }
        }
        var size = 1L;
        var strides = new int[columns.Count];
        for (var d = columns.Count - 1; d >= 0; d--)
        {
            strides[d] = (int)size;
            size *= columns[d].Cardinality;
            if (size > MaximumCells)
                throw new TabulationException($"the table would have more than {MaximumCells:N0} cells: use fewer or coarser dimensions");
        }
        var dims = columns.Select((c, d) => new CompiledDimension(c, strides[d])).ToList();

        var population = Population(indicator, request, eval, unit, out var indicatorPopulation, out var inArea);
        if (request.Method == DisclosureMethod.Perturbation)
        {
            perturbed = TabulatePerturbed(indicator, request, fields, eval, unit, columns, dims, (int)size, population);
            return null;
        }
        Bitmap? numerator = null;
        Func<int, double>? value = null;
        switch (indicator.Measure.Kind)
        {
            case MeasureKind.Share:
                numerator = Cached(eval, unit, indicator.Measure.Numerator!);
                break;
            case MeasureKind.Sum or MeasureKind.Mean:
                value = eval.Number(Parse(indicator, indicator.Measure.Value!), unit);
                break;
        }
        var weight = indicator.Weight is { } w ? eval.Number(Parse(indicator, w), unit) : null;

        var sums = new CellAccumulator(
            snapshot, unit, dims, (int)size, population, indicator.Measure.Kind, numerator, value, weight).Run();
        Func<int[][], LinkedTable, long[]>? households = unit == FieldLevel.Person && request.MinimumHouseholds > 1 && request.MinimumCellSize > 1
            ? (maps, table) => HouseholdCounts.Count(snapshot, dims, population, maps, table)
            : null;
        return Stage(indicator, request, fields, columns, strides, sums, households) with { Population = population, Unit = unit, IndicatorPopulation = indicatorPopulation, InArea = inArea };
    }

    private Bitmap Population(IndicatorDefinition indicator, TabulationRequest request, ExpressionEvaluator eval, FieldLevel unit, out Bitmap indicatorPopulation, out Bitmap? inArea)
    {
        var population = indicator.Filter is { } f ? Cached(eval, unit, f) : Bitmap.All(unit == FieldLevel.Person ? snapshot.PersonCount : snapshot.HouseholdCount);
        indicatorPopulation = population;
        inArea = null;
        if (request.AreaPcode is not { } area)
            return population;
        var households = snapshot.HouseholdsWithin(area);
        inArea = unit == FieldLevel.Person ? eval.Broadcast(households) : households;
        return population.And(inArea);
    }

    private Bitmap Cached(ExpressionEvaluator eval, FieldLevel unit, string text)
    {
        var expr = ExpressionParser.Parse(text);
        return snapshot.CachedFilter($"{unit}:{expr}", () => eval.Condition(expr, unit));
    }

    private static Expr Parse(IndicatorDefinition indicator, string text)
    {
        try
        {
            return ExpressionParser.Parse(text);
        }
        catch (ExpressionException ex)
        {
            throw new TabulationException($"indicator '{indicator.Id}': {ex.Message}", ex);
        }
    }
}
