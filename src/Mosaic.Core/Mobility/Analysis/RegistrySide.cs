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
        ArgumentNullException.ThrowIfNull(areas);
        var counts = new MoverCounts(areas, level);
        foreach (var m in movers)
        {
            if (!counts.Add(m))
                break;
        }
        return Summarise(counts, assessments, areas, notes, perturbation);
    }

    /// <summary>As the overload on a list of movers, with the movers counted already (e.g. from a store's stream).</summary>
    /// <param name="movers">The movers counted at the level of the summary.</param>
    /// <param name="notes">Receives the protection note, or why the registry side is withheld.</param>
    /// <param name="perturbation">The perturbation table (null = <see cref="PerturbationTable.Default"/>).</param>
    public static IReadOnlyList<RegistryMonth> Summarise(
        MoverCounts movers, IReadOnlyList<(AssessmentTotalRow Row, string Area)> assessments, AreaLevels areas,
        ICollection<string> notes, PerturbationTable? perturbation = null)
    {
        ArgumentNullException.ThrowIfNull(movers);
        ArgumentNullException.ThrowIfNull(assessments);
        ArgumentNullException.ThrowIfNull(areas);
        ArgumentNullException.ThrowIfNull(notes);
        var table = perturbation ?? PerturbationTable.Default;
        if (movers.Withheld)
        {
            notes.Add("registered movers withheld: this store keeps no record keys, which their disclosure control needs");
            return [];
        }
        var counts = movers.Cells;
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

/// <summary>
/// Registered movers counted per area (at the summary's level), population type and month of move, with the sum of
/// their record keys (the cell key of disclosure control): what <see cref="RegistrySide"/> needs of them, folded one
/// mover at a time so that a store's stream is never held in memory.
/// </summary>
/// <param name="areas">The area tree the movers' areas roll up in.</param>
/// <param name="level">The level counted at.</param>
internal sealed class MoverCounts(AreaLevels areas, int level)
{
    /// <summary>Movers and the sum of their record keys per (area, population type, month of move).</summary>
    public Dictionary<(string Area, PopulationType Type, string Month), (long Count, uint Key)> Cells { get; } = [];

    /// <summary>A mover of a counted type came without a record key: the registry side is withheld.</summary>
    public bool Withheld { get; private set; }

    /// <summary>Counts a mover; false (and nothing more is counted) once a mover without a record key is met.</summary>
    public bool Add(RegisteredMover mover)
    {
        ArgumentNullException.ThrowIfNull(mover);
        if (Withheld)
            return false;
        if (mover.PopulationType is not { } type)
            return true;
        if (mover.RecordKey == 0)
        {
            Withheld = true;
            Cells.Clear();
            return false;
        }
        var area = areas.AncestorAt(mover.AreaPcode, level) ?? mover.AreaPcode;
        var key = (area, type, mover.MoveMonth);
        var (n, cellKey) = Cells.GetValueOrDefault(key);
        Cells[key] = (n + 1, unchecked(cellKey + mover.RecordKey));
        return true;
    }

    /// <summary>Counts a store's stream of movers, stopping it (disposed) at a mover without a record key.</summary>
    /// <param name="movers">The stream.</param>
    /// <param name="cancellationToken">Stops the enumeration.</param>
    public async Task AddAsync(IAsyncEnumerable<RegisteredMover> movers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(movers);
        await foreach (var m in movers.WithCancellation(cancellationToken))
        {
            if (!Add(m))
                break;
        }
    }
}
