using System.Globalization;
using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// The registry's side of the mobility views: registered movers counted per area, month of move and population
/// type, with the key-informant estimate for the same area and month beside them (two sources, never merged).
/// These counts describe persons in the registry, so they leave through disclosure control: each figure (movers in
/// the month, movers to date) is published by cell-key perturbation (<see cref="PerturbationTable"/>, the method
/// of open queries), so no count of 1–2 is shown and the same persons always give the same figure, in this view and
/// in any table. A month whose published count is 0 is left out (still counted in the later months' totals).
/// </summary>
internal static class RegistrySide
{
    /// <summary>The note stated with every summary that has a registry side.</summary>
    public static string ProtectionNote(PerturbationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var p = table.Parameters;
        return $"registered movers are perturbed (cell-key method): each figure is its true count give or take at most {p.MaximumNoise}, " +
               $"no count from 1 to {p.BlockedUpTo} is shown, and months published as 0 are left out";
    }

    /// <param name="notes">Receives the protection note, or why the registry side is withheld.</param>
    /// <param name="perturbation">The perturbation table (null = <see cref="PerturbationTable.Default"/>).</param>
    public static IReadOnlyList<RegistryMonth> Summarise(
        IEnumerable<RegisteredMover> movers, IReadOnlyList<(AssessmentTotalRow Row, string Area)> assessments, AreaLevels areas, int level,
        ICollection<string> notes, PerturbationTable? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(movers);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(notes);
        var table = perturbation ?? PerturbationTable.Default;
        var counts = new Dictionary<(string Area, PopulationType Type, string Month), (long Count, uint Key)>();
        foreach (var m in movers)
        {
            if (m.PopulationType is not { } type)
                continue;
            if (m.RecordKey == 0)
            {
                notes.Add("registered movers withheld: this store keeps no record keys, which their disclosure control needs");
                return [];
            }
            var area = areas.AncestorAt(m.AreaPcode, level) ?? m.AreaPcode;
            var key = (area, type, m.MoveMonth);
            var (n, cellKey) = counts.GetValueOrDefault(key);
            counts[key] = (n + 1, unchecked(cellKey + m.RecordKey));
        }
        if (counts.Count == 0)
            return [];
        notes.Add(ProtectionNote(table));

        var estimates = new Dictionary<(string, PopulationType, string), List<AssessmentTotalRow>>();
        foreach (var (row, area) in assessments)
        {
            var key = (area, row.Type, row.ReportingDate.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            if (!counts.ContainsKey(key))
                continue;
            if (!estimates.TryGetValue(key, out var list))
                estimates[key] = list = [];
            list.Add(row);
        }

        var result = new List<RegistryMonth>(counts.Count);
        foreach (var series in counts.GroupBy(kv => (kv.Key.Area, kv.Key.Type)).OrderBy(g => g.Key.Area, StringComparer.Ordinal).ThenBy(g => g.Key.Type))
        {
            // "To date" is the set of the area's movers of this type up to the month: its own cell, with its own key.
            long toDate = 0;
            uint toDateKey = 0;
            foreach (var (key, (n, cellKey)) in series.OrderBy(kv => kv.Key.Month, StringComparer.Ordinal))
            {
                toDate += n;
                toDateKey = unchecked(toDateKey + cellKey);
                var inMonth = table.Publish(n, cellKey);
                if (inMonth == 0)
                    continue;
                var (estimate, source) = Estimate(estimates.GetValueOrDefault(key));
                result.Add(new RegistryMonth(key.Area, areas.NameOf(key.Area), key.Month, key.Type, inMonth, table.Publish(toDate, toDateKey), estimate, source));
            }
        }
        return result;
    }

    // The finest reporting level wins (it covers the most locations); then the baseline before other assessment
    // types; within that series the latest round of the month. Only that one series and round is summed.
    private static (long?, string?) Estimate(List<AssessmentTotalRow>? rows)
    {
        if (rows is null || rows.Count == 0)
            return (null, null);
        var best = rows.OrderByDescending(r => r.AdminLevel).ThenBy(r => r.Dataset, StringComparer.Ordinal)
            .ThenBy(r => r.Operation, StringComparer.Ordinal).ThenBy(r => r.Assessment)
            .ThenByDescending(r => r.ReportingDate).ThenByDescending(r => r.Round).First();
        long sum = 0;
        foreach (var r in rows)
        {
            if (r.Series.Equals(best.Series) && r.Round == best.Round && r.ReportingDate == best.ReportingDate)
                sum = checked(sum + (r.Individuals ?? 0));
        }
        var type = best.Assessment == AssessmentType.BaselineArea ? "" : $" {MobilityCodes.AssessmentType[best.Assessment]}";
        return (sum, $"{best.Dataset}/{best.Operation} round {best.Round}{type} (adm{best.AdminLevel})");
    }
}
