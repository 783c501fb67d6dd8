using System.Globalization;
using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// Second half of the engine: from dense per-cell sums to the published table (observed categories only, all
// totals, disclosure control, values per measure).
public sealed partial class Tabulator
{
    private static StagedTable Stage(IndicatorDefinition indicator, TabulationRequest request, SnapshotFields fields,
        List<CategoricalColumn> columns, int[] strides, CellSums sums, Func<int[][], LinkedTable, long[]>? households)
    {
        var n = columns.Count;
        var contributors = sums.Contributors;
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
        var cells = new TableArrays(table, sums);
        var target = new int[n];
        for (var i = 0; i < contributors.Length; i++)
        {
            if (contributors[i] == 0)
                continue;
            for (var d = 0; d < n; d++)
                target[d] = maps[d][i / strides[d] % columns[d].Cardinality];
            cells.Set(table.Index(target), i);
        }
        cells.FillTotals();
        cells.Households = households?.Invoke(maps, table);

        var kind = indicator.Measure.Kind;
        var weighted = indicator.Weight is not null;
        var unitName = indicator.Unit == IndicatorUnit.Person ? "person" : "household";
        var rule = new DisclosureRule(request.MinimumCellSize, unitName)
        {
            MinimumHouseholds = indicator.Unit == IndicatorUnit.Person ? request.MinimumHouseholds : 0,
            Secondary = request.Secondary,
            OptimalTimeLimit = request.OptimalTimeLimit,
        };
        var protection = TableProtection.Start(table, cells.Facts(), cells.Layers(kind, weighted, rule), rule);
        return new StagedTable(indicator, request, fields, columns, strides, maps, dimensions, cells, rule, protection);
    }

    /// <summary>The published table from a staged one, after its protection (alone or with the other tables of a publication).</summary>
    private static TabulationResult Finish(StagedTable staged)
    {
        var (indicator, request, fields, _, _, _, dimensions, cells, rule, protection) = staged;
        var table = protection.Table;
        var n = table.Dimensions;
        var kind = indicator.Measure.Kind;
        var weighted = indicator.Weight is not null;
        var outcome = protection.Outcome();

        var result = new TableCell[table.Size];
        var coords = new int[n];
        var groupDisclosures = 0;
        for (var i = 0; i < table.Size; i++)
        {
            table.Coords(i, coords);
            var categories = new int[n];
            for (var d = 0; d < n; d++)
                categories[d] = table.IsTotal(d, coords[d]) ? TableDimension.Total : coords[d];
            var status = outcome.Status[i];
            double? value = null, denominator = null;
            var group = false;
            if (status == CellStatus.Published)
            {
                value = kind switch
                {
                    MeasureKind.Count => weighted ? cells.Numerator[i] : cells.Contributors[i],
                    MeasureKind.Sum => cells.Numerator[i],
                    _ => cells.Denominator[i] > 0 ? cells.Numerator[i] / cells.Denominator[i] : null,
                };
                denominator = kind == MeasureKind.Share ? cells.Denominator[i] : null;
                // Everyone or no one in a group has the attribute: a fact about each member (group disclosure).
                group = kind == MeasureKind.Share && rule.IsActive && cells.Contributors[i] > 0 &&
                        (cells.NumeratorContributors![i] == 0 || cells.NumeratorContributors[i] == cells.Contributors[i]);
                if (group)
                    groupDisclosures++;
            }
            result[i] = new TableCell(categories, value, denominator, status)
            {
                Contributors = cells.Contributors[i],
                GroupDisclosure = group,
            };
        }
        var grandPublished = outcome.Status[^1] == CellStatus.Published;
        return new TabulationResult
        {
            Indicator = indicator,
            Dimensions = dimensions,
            Cells = result,
            AreaPcode = request.AreaPcode,
            AreaName = request.AreaPcode is { } a ? fields.Snapshot.Areas.NameOf(a) : null,
            Rule = rule,
            RuleText = rule.Describe(kind == MeasureKind.Share, kind is MeasureKind.Sum or MeasureKind.Mean) + OptimalText(rule, outcome.Optimal),
            PrimarySuppressedCells = outcome.PrimaryCells,
            SecondarySuppressedCells = outcome.SecondaryCells,
            SuppressedContributors = outcome.SuppressedContributors,
            TotalContributors = outcome.TotalContributors,
            InformationLoss = new InformationLoss(table.Size, outcome.SuppressedCells, outcome.SuppressedContributors, outcome.TotalContributors,
                grandPublished && (kind is MeasureKind.Count or MeasureKind.Share) && !weighted),
            GroupDisclosureCells = groupDisclosures,
            Audit = outcome.Audit,
            Optimal = outcome.Optimal,
            AgeBands = request.AgeBands,
            LinkedTables = staged.LinkedTables,
            LinkedIndicators = staged.LinkedIndicators.Length > 0 ? staged.LinkedIndicators : staged.Indicator.Id,
            EarlierTables = staged.EarlierTables,
            EarlierTablesChanged = staged.EarlierTablesChanged,
            LinkedCells = protection.LinkedCells,
        };
    }

    /// <summary>
    /// What the optimal method's search ended with, for the rule text: proven optimal, or the best safe pattern found
    /// within the time limit (with the bound it is measured against; cell counts only, no suppressed figure).
    /// </summary>
    private static string OptimalText(DisclosureRule rule, OptimalSearch? search) => search switch
    {
        null => "",
        { Proven: true } => " The optimal method's pattern is proven to suppress the fewest cells.",
        { TimeLimitReached: true } => string.Create(CultureInfo.InvariantCulture,
            $" The optimal method reached its time limit ({rule.OptimalTimeLimit.TotalSeconds:0} s): this is the best safe pattern it found, " +
            $"not proven optimal (no safe pattern has fewer than {search.LowerBound} suppressed cells)."),
        _ => string.Create(CultureInfo.InvariantCulture,
            $" The optimal method ended its search: this is the best safe pattern it found, " +
            $"not proven optimal (no safe pattern has fewer than {search.LowerBound} suppressed cells)."),
    };
}
