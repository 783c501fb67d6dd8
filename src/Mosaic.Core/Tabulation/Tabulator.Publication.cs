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
    public IReadOnlyList<TabulationResult> TabulatePublication(IReadOnlyList<TabulationRequest> requests)
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
            if (members.Count < 2)
                continue;
            var (atoms, atomCell, derived) = PublicationAtoms.Build(snapshot, members);
            var k = members.Max(m => m.Rule.MinimumContributors);
            var weighted = members[0].Indicator.Weight is not null;
            LinkedProtection.Run([.. members.Select((s, j) => new PublicationMember(s.Protection, atomCell[j]))], atoms, weighted ? [] : derived, k);
            foreach (var s in members)
                s.LinkedTables = members.Count - 1;
        }
        for (var i = 0; i < requests.Count; i++)
            results[i] ??= Finish(staged[i]!);
        return results!;
    }
}
