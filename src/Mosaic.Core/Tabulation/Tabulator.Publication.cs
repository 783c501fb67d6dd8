using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tabulation;

// A publication: several tables protected as one set, so that no combination of them recovers a suppressed cell.
public sealed partial class Tabulator
{
    /// <summary>
    /// Tabulates every request and protects the tables of one indicator together (<see cref="LinkedProtection"/>):
    /// an intruder who combines all of their published cells, knowing they add up and counts are never negative,
    /// narrows no suppressed cell below its protection level. Tables of different indicators, and perturbed tables,
    /// are protected on their own. Results are in the order of the requests.
    /// </summary>
    /// <param name="requests">The tables of this publication.</param>
    /// <param name="earlier">
    /// Tables published earlier from the same registry (<see cref="PublicationHistory"/>): each one of an indicator among
    /// the requests is tabulated again and, when the registry has not changed under it (every cell it published has
    /// the same value now), linked with the new tables with its published pattern fixed; the new tables are suppressed
    /// further where needed, never the earlier ones.
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
        var groups = staged.Where(s => s is not null && s.Protection.IsActive).GroupBy(s => s!.Indicator.Id, StringComparer.Ordinal);
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
            if (members.Count < 2)
                continue;
            var (atoms, atomCell, derived) = PublicationAtoms.Build(snapshot, members);
            var k = members.Max(m => m.Rule.MinimumContributors);
            var weighted = members[0].Indicator.Weight is not null;
            try
            {
                LinkedProtection.Run([.. members.Select((s, j) => new PublicationMember(s.Protection, atomCell[j]))], atoms, weighted ? [] : derived, k);
            }
            catch (InvalidOperationException ex) when (fixedTables.Count > 0)
            {
                throw new TabulationException(
                    $"{group.Key}: the {fixedTables.Count} table(s) published earlier from this database (publication log) already narrow a cell " +
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

    /// <summary>The logged tables of one indicator, tabulated again with their published pattern fixed; and how many are not linked because the registry changed under them.</summary>
    private (List<StagedTable> Fixed, int Changed) Earlier(string indicator, IReadOnlyList<LoggedTable> earlier)
    {
        var result = new List<StagedTable>();
        var changed = 0;
        foreach (var logged in earlier.Where(e => string.Equals(e.Indicator, indicator, StringComparison.Ordinal)))
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
