using System.Globalization;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// The registry's side of the mobility views: registered movers counted per area, month of move and population
/// type, with the key-informant estimate for the same area and month beside them (two sources, never merged).
/// </summary>
public static class RegistrySide
{
    public static IReadOnlyList<RegistryMonth> Summarise(
        IEnumerable<RegisteredMover> movers, IReadOnlyList<(AssessmentTotalRow Row, string Area)> assessments, AreaLevels areas, int level)
    {
        var counts = new Dictionary<(string Area, PopulationType Type, string Month), long>();
        foreach (var m in movers)
        {
            if (m.PopulationType is not { } type)
                continue;
            var area = areas.AncestorAt(m.AreaPcode, level) ?? m.AreaPcode;
            var key = (area, type, m.MoveMonth);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        if (counts.Count == 0)
            return [];

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
            long toDate = 0;
            foreach (var (key, n) in series.OrderBy(kv => kv.Key.Month, StringComparer.Ordinal))
            {
                toDate += n;
                var (estimate, source) = Estimate(estimates.GetValueOrDefault(key));
                result.Add(new RegistryMonth(key.Area, areas.NameOf(key.Area), key.Month, key.Type, n, toDate, estimate, source));
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
            if (r.Series == best.Series && r.Round == best.Round && r.ReportingDate == best.ReportingDate)
                sum = checked(sum + (r.Individuals ?? 0));
        }
        var type = best.Assessment == AssessmentType.BaselineArea ? "" : $" {MobilityCodes.AssessmentType[best.Assessment]}";
        return (sum, $"{best.Dataset}/{best.Operation} round {best.Round}{type} (adm{best.AdminLevel})");
    }
}
