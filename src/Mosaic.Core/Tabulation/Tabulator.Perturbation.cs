using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// The cell-key perturbation path (DisclosureMethod.Perturbation): counts and cell keys per cell, all totals, each
// cell published as its count plus the noise its key picks from the perturbation table.
public sealed partial class Tabulator
{
    private TabulationResult TabulatePerturbed(IndicatorDefinition indicator, TabulationRequest request, SnapshotFields fields,
        ExpressionEvaluator eval, FieldLevel unit, List<CategoricalColumn> columns, List<CompiledDimension> dims, int size, Bitmap population)
    {
        var kind = indicator.Measure.Kind;
        if (indicator.Weight is not null || kind is not (MeasureKind.Count or MeasureKind.Share))
        {
            var what = indicator.Weight is not null ? "a weighted estimate" : "a " + kind.ToString().ToLowerInvariant();
            throw new TabulationException(
                $"perturbation protects counts and shares of persons or households, and '{indicator.Id}' is {what}: tabulate it with suppression (the default method)");
        }
        if (!snapshot.HasRecordKeys)
        {
            throw new TabulationException(
                "this registry has no record keys, which perturbation needs (a store without them, or a snapshot built from domain objects): use suppression");
        }
        var perturbation = request.Perturbation ?? PerturbationTable.Default;
        var numerator = kind == MeasureKind.Share ? Cached(eval, unit, indicator.Measure.Numerator!) : null;
        var counts = new CellKeyAccumulator(snapshot, unit, dims, size, population, numerator).Run();

        // All totals over every code of every dimension: a category left out of the output still counts in the totals.
        var n = columns.Count;
        var full = new LinkedTable([.. columns.Select(c => c.Cardinality)]);
        var cells = new PerturbedCells(full, numerator is not null);
        var coords = new int[n];
        for (var i = 0; i < size; i++)
        {
            if (counts.Counts[i] == 0)
                continue;
            for (var d = 0; d < n; d++)
                coords[d] = i / dims[d].Stride % columns[d].Cardinality;
            cells.Set(full.Index(coords), counts, i);
        }
        cells.Complete(perturbation);

        // A category is shown when its own total is published above 0, so that a category held by one or two units
        // does not reveal itself by appearing in the table.
        var dimensions = new List<TableDimension>(n);
        var kept = new List<int>[n];
        for (var d = 0; d < n; d++)
        {
            var c = columns[d];
            kept[d] = [];
            for (var k = 0; k < n; k++)
                coords[k] = full.Categories[k];
            foreach (var code in Enumerable.Range(1, c.Cardinality - 1).Append(0))
            {
                coords[d] = code;
                if (cells.PublishedDenominator(full.Index(coords)) > 0)
                    kept[d].Add(code);
            }
            var codes = kept[d].Select(code => code == 0 ? TableDimension.MissingCode : c.Codes[code]).ToList();
            var labels = kept[d].Select(code => c.Labels[code]).ToList();
            var hasLabels = codes.Zip(labels).Any(p => !string.Equals(p.First, p.Second, StringComparison.Ordinal));
            dimensions.Add(new TableDimension(request.By[d], codes, labels, hasLabels));
        }

        var output = new LinkedTable([.. kept.Select(k => k.Count)]);
        var result = new TableCell[output.Size];
        var at = new int[n];
        for (var i = 0; i < output.Size; i++)
        {
            output.Coords(i, at);
            var categories = new int[n];
            for (var d = 0; d < n; d++)
            {
                var total = output.IsTotal(d, at[d]);
                categories[d] = total ? TableDimension.Total : at[d];
                coords[d] = total ? full.Categories[d] : kept[d][at[d]];
            }
            var f = full.Index(coords);
            result[i] = cells.Cell(f, categories);
        }
        var unitName = indicator.Unit == IndicatorUnit.Person ? "person" : "household";
        return new TabulationResult
        {
            Indicator = indicator,
            Dimensions = dimensions,
            Cells = result,
            AreaPcode = request.AreaPcode,
            AreaName = request.AreaPcode is { } a ? fields.Snapshot.Areas.NameOf(a) : null,
            Rule = new DisclosureRule(0, unitName),
            RuleText = PerturbationRule.Describe(perturbation.Parameters, unitName, kind == MeasureKind.Share),
            Method = DisclosureMethod.Perturbation,
            Perturbation = perturbation,
            TotalContributors = cells.PublishedDenominator(full.Size - 1),
            // Nothing is suppressed; the true total stays inside Mosaic.
            InformationLoss = new InformationLoss(result.Length, 0, 0, 0, TotalPublished: false),
            AgeBands = request.AgeBands,
        };
    }
}
