using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// Second half of the engine: from dense per-cell sums to the published table (observed categories only, all
// totals, disclosure control, values per measure).
public sealed partial class Tabulator
{
    private static TabulationResult Assemble(IndicatorDefinition indicator, TabulationRequest request, SnapshotFields fields,
        List<CategoricalColumn> columns, int[] strides, long[] contributors, double[] num, double[] den)
    {
        var n = columns.Count;
        // Keep the categories that occur in this population; missing goes last.
        var observed = columns.Select(c => new bool[c.Cardinality]).ToArray();
        for (var i = 0; i < contributors.Length; i++)
        {
            if (contributors[i] == 0)
                continue;
            for (var d = 0; d < n; d++)
                observed[d][i / strides[d] % columns[d].Cardinality] = true;
        }
        var maps = new int[n][];
        var dimensions = new List<TableDimension>(n);
        for (var d = 0; d < n; d++)
        {
            var c = columns[d];
            var order = Enumerable.Range(1, c.Cardinality - 1).Append(0).Where(code => observed[d][code]).ToList();
            maps[d] = Enumerable.Repeat(-1, c.Cardinality).ToArray();
            for (var k = 0; k < order.Count; k++)
                maps[d][order[k]] = k;
            var codes = order.Select(code => code == 0 ? TableDimension.MissingCode : c.Codes[code]).ToList();
            var labels = order.Select(code => c.Labels[code]).ToList();
            var hasLabels = codes.Zip(labels).Any(p => !string.Equals(p.First, p.Second, StringComparison.Ordinal));
            dimensions.Add(new TableDimension(request.By[d], codes, labels, hasLabels));
        }

        var table = new LinkedTable([.. dimensions.Select(d => d.Codes.Count)]);
        var cellContributors = new long[table.Size];
        var cellNum = new double[table.Size];
        var cellDen = new double[table.Size];
        var target = new int[n];
        for (var i = 0; i < contributors.Length; i++)
        {
            if (contributors[i] == 0)
                continue;
            for (var d = 0; d < n; d++)
                target[d] = maps[d][i / strides[d] % columns[d].Cardinality];
            var t = table.Index(target);
            cellContributors[t] = contributors[i];
            cellNum[t] = num[i];
            cellDen[t] = den[i];
        }
        table.FillTotals(cellContributors);
        table.FillTotals(cellNum);
        table.FillTotals(cellDen);

        var unitName = indicator.Unit == IndicatorUnit.Person ? "person" : "household";
        var rule = new DisclosureRule(request.MinimumCellSize, unitName);
        var outcome = DisclosureControl.Protect(table, cellContributors, request.MinimumCellSize);

        var cells = new TableCell[table.Size];
        var coords = new int[n];
        var kind = indicator.Measure.Kind;
        var weighted = indicator.Weight is not null;
        for (var i = 0; i < table.Size; i++)
        {
            table.Coords(i, coords);
            var categories = new int[n];
            for (var d = 0; d < n; d++)
                categories[d] = table.IsTotal(d, coords[d]) ? TableDimension.Total : coords[d];
            var status = outcome.Status[i];
            double? value = null, denominator = null;
            if (status == CellStatus.Published)
            {
                value = kind switch
                {
                    MeasureKind.Count => weighted ? cellNum[i] : cellContributors[i],
                    MeasureKind.Sum => cellNum[i],
                    _ => cellDen[i] > 0 ? cellNum[i] / cellDen[i] : null,
                };
                denominator = kind == MeasureKind.Share ? cellDen[i] : null;
            }
            cells[i] = new TableCell(categories, value, denominator, status) { Contributors = cellContributors[i] };
        }
        return new TabulationResult
        {
            Indicator = indicator,
            Dimensions = dimensions,
            Cells = cells,
            AreaPcode = request.AreaPcode,
            AreaName = request.AreaPcode is { } a ? fields.Snapshot.Areas.NameOf(a) : null,
            Rule = rule,
            RuleText = rule.Describe(kind == MeasureKind.Share),
            PrimarySuppressedCells = outcome.PrimaryCells,
            SecondarySuppressedCells = outcome.SecondaryCells,
            SuppressedContributors = outcome.SuppressedContributors,
            TotalContributors = outcome.TotalContributors,
            AgeBands = request.AgeBands,
        };
    }
}
