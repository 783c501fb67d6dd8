using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// A publication: several tables protected as one set, so that no combination of them recovers a suppressed cell.
public sealed partial class Tabulator
{
    /// <summary>
    /// Tabulates every request and protects together (<see cref="LinkedProtection"/>) the tables of unweighted count
    /// indicators, whatever the indicator and the unit (e.g. <c>population</c>, <c>returnees</c>,
    /// <c>children_under_5</c> and <c>households</c>, a household counted on its head), and the tables of any other
    /// indicator with those of the same indicator: an intruder
    /// who combines all of their published cells, knowing they add up, counts are never negative and each indicator's
    /// definition, narrows no suppressed cell below its protection level. Perturbed tables are protected on their own.
    /// Results are in the order of the requests.
    /// </summary>
    /// <param name="requests">The tables of this publication.</param>
    /// <param name="earlier">
    /// Tables published earlier from the same registry (<see cref="PublicationHistory"/>): each one linked with some
    /// request (the same indicator, or an unweighted count) is tabulated again and, when the registry has not
    /// changed under it (every cell it published has the same value now), linked with the new tables with its
    /// published pattern fixed; the new tables are suppressed further where needed, never the earlier ones.
    /// </param>
    public IReadOnlyList<TabulationResult> TabulatePublication(IReadOnlyList<TabulationRequest> requests, IReadOnlyList<LoggedTable>? earlier = null)
    {
        var staged = new StagedTable?[requests.Count];
        var results = new TabulationResult?[requests.Count];
        for (var i = 0; i < requests.Count; i++)
        {
            try
            {
                staged[i] = Stage(catalogue.Get(requests[i].IndicatorId), requests[i], out results[i]);
            }
            catch (TabulationException ex)
            {
                throw new TabulationException($"table {i + 1} ({requests[i].IndicatorId} by {string.Join(",", requests[i].By)}): {ex.Message}", ex);
            }
        }
        var groups = staged.Where(s => s is not null && s.Protection.IsActive).GroupBy(s => LinkKey(s!.Indicator), StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var members = group.Select(s => s!).ToList();
            var (fixedTables, changed) = Earlier(group.Key, earlier ?? []);
            foreach (var s in members)
            {
                s.EarlierTables = fixedTables.Count;
                s.EarlierTablesChanged = changed;
            }
            members.AddRange(fixedTables);
            var indicators = string.Join(", ", members.Select(m => m.Indicator.Id).Distinct(StringComparer.Ordinal));
            foreach (var s in group)
                s!.LinkedIndicators = indicators;
            if (members.Count < 2)
                continue;
            var counts = group.Key == UnweightedCounts
                ? [.. members.SelectMany(CountsOfTheTable)]
                : members.Select(m => (Table: m, Layer: (int?)null)).ToList();
            var (atoms, atomCell, derived) = PublicationAtoms.Build(snapshot, [.. counts.Select(c => c.Table)]);
            var k = members.Max(m => m.Rule.MinimumContributors);
            var weighted = members[0].Indicator.Weight is not null;
            try
            {
                LinkedProtection.Run([.. counts.Select((c, j) => new PublicationMember(c.Table.Protection, atomCell[j], c.Layer))], atoms, weighted ? [] : derived, k);
            }
            catch (InvalidOperationException ex) when (fixedTables.Count > 0)
            {
                throw new TabulationException(
                    $"{indicators}: the {fixedTables.Count} table(s) published earlier from this database (publication log) already narrow a cell " +
                    $"of the new table(s) below {k}, and suppressing more in the new tables cannot widen it ({ex.Message}): publish the new " +
                    "table(s) at a level or grouping the earlier tables do not determine", ex);
            }
            foreach (var s in group)
                s!.LinkedTables = group.Count() - 1;
        }
        for (var i = 0; i < requests.Count; i++)
            results[i] ??= Finish(staged[i]!);
        return results!;
    }

    /// <summary>
    /// Which tables are linked: unweighted counts and shares whatever the indicator and the unit, since their
    /// populations overlap (returnees are persons of the population, children under 5 its persons aged 0-4, a share
    /// publishes the counts of its denominator and numerator: disability prevalence's numerator is the persons with a
    /// disability) and an intruder can subtract one from another, and every household has one head (the persons by
    /// relation = head are the households, by sex the households by head_sex: <see cref="PublicationUnits"/>); every
    /// other indicator (sums, means, weighted counts and shares) only with tables of itself.
    /// </summary>
    private static string LinkKey(IndicatorDefinition indicator) =>
        indicator.Measure.Kind is MeasureKind.Count or MeasureKind.Share && indicator.Weight is null
            ? UnweightedCounts
            : $"indicator {indicator.Id}";

    private const string UnweightedCounts = "unweighted counts";

    /// <summary>
    /// The counts a linked table publishes, each with the layer of its protection it stands for: a count table itself
    /// (all its layers); a share as the counts of its denominator, its numerator and the rest (its published share
    /// times its denominator, and the difference), each an indicator of its own whose population is the units it
    /// counts, so that the publication's atoms tell them apart as they tell returnees from the population.
    /// </summary>
    private IEnumerable<(StagedTable Table, int? Layer)> CountsOfTheTable(StagedTable table)
    {
        if (table.Indicator.Measure.Kind != MeasureKind.Share)
        {
            yield return (table, null);
            yield break;
        }
        var indicator = table.Indicator;
        var numerator = indicator.Measure.Numerator!;
        var inNumerator = Cached(new ExpressionEvaluator(table.Fields), table.Unit, numerator);
        var counts = new (string Name, string Condition, Bitmap? Units)[]
        {
            ("denominator", "", null),
            ("numerator", $"({numerator})", inNumerator),
            ("complement", $"not ({numerator})", inNumerator.Not()),
        };
        for (var layer = 0; layer < counts.Length; layer++)
        {
            var (name, condition, units) = counts[layer];
            var filter = (indicator.Filter, condition) switch
            {
                (null, "") => null,
                (null, _) => condition,
                (var f, "") => f,
                (var f, _) => $"({f}) and {condition}",
            };
            yield return (table with
            {
                Indicator = indicator with { Id = $"{indicator.Id} ({name})", Filter = filter, Measure = new IndicatorMeasure(MeasureKind.Count) },
                Population = units is null ? table.Population : table.Population.And(units),
                IndicatorPopulation = units is null ? table.IndicatorPopulation : table.IndicatorPopulation.And(units),
            }, layer);
        }
    }

    /// <summary>The logged tables linked with the group <paramref name="key"/> (<see cref="LinkKey"/>), tabulated again with their published pattern fixed; and how many are not linked because the registry changed under them.</summary>
    private (List<StagedTable> Fixed, int Changed) Earlier(string key, IReadOnlyList<LoggedTable> earlier)
    {
        var result = new List<StagedTable>();
        var changed = 0;
        // A logged table whose indicator this catalogue does not hold (a catalogue of one's own, not given now) cannot
        // be tabulated again: it is not linked (see the user guide's Limits).
        foreach (var logged in earlier.Where(e => catalogue.Find(e.Indicator) is { } d && string.Equals(LinkKey(d), key, StringComparison.Ordinal)))
        {
            StagedTable? table;
            TabulationResult? alone;
            try
            {
                var request = PublicationHistory.Request(logged);
                table = Stage(catalogue.Get(request.IndicatorId), request, out alone);
            }
            catch (Exception ex) when (ex is TabulationException or Indicators.IndicatorCatalogueException)
            {
                // Its dimensions or area no longer exist in this registry: it describes another registry.
                changed++;
                continue;
            }
            var cells = PublicationHistory.Cells(logged);
            if (table is null || alone is not null || !table.Protection.IsActive || !PublicationHistory.Unchanged(cells, Finish(table)))
            {
                changed++;
                continue;
            }
            table.Protection.Freeze([.. cells.Select(c => c is null)]);
            result.Add(table);
        }
        return (result, changed);
    }
}
