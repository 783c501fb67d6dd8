using Mosaic.Core.Storage;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// <c>mosaic mobility summary</c>: totals per round and population type by area level, change between rounds,
/// locations new or no longer reporting, the registry's movers next to the key-informant estimates, and flows.
/// Figures of different datasets, operations and reporting levels are never added together.
/// </summary>
public static class MobilitySummary
{
    /// <summary>Reads what the options ask for from the store and summarises it.</summary>
    public static SummaryReport Run(IMosaicStore store, SummaryOptions options)
    {
        int[]? rounds = options.Compare is { } c && options.Round is { } r ? [r, c] : null;
        var rows = store.Mobility.ReadAssessmentTotals(rounds);
        var areas = new AreaLevels(store.Areas.All());
        var movers = store.Mobility.ReadRegisteredMovers();
        var flows = store.Mobility.ReadFlowTotals(options.From, options.To, options.SplitDate);
        var points = store.Mobility.ReadFlowPoints();
        return Summarise(rows, areas, movers, flows, points, options);
    }

    public static SummaryReport Summarise(
        IReadOnlyList<AssessmentTotalRow> rows, AreaLevels areas, IEnumerable<RegisteredMover> movers,
        FlowTotals flows, IReadOnlyList<FlowMonitoringPoint> points, SummaryOptions options)
    {
        var level = options.Level;
        var filtered = new List<(AssessmentTotalRow Row, string Area)>(rows.Count);
        long aboveLevel = 0;
        foreach (var row in rows)
        {
            if ((options.Dataset is not null && row.Dataset != options.Dataset) || (options.Operation is not null && row.Operation != options.Operation))
                continue;
            var area = AreaAt(row, level, areas);
            if (area is null)
            {
                aboveLevel++;
                continue;
            }
            filtered.Add((row, area));
        }

        var totals = RoundTotals(filtered, areas, options);
        var (changes, locationChanges) = options.Compare is { } to
            ? Compare(filtered, areas, options.Round, to)
            : ([], []);
        var registry = RegistrySide.Summarise(movers, filtered, areas, level);
        var flowSummaries = FlowSummary.Summarise(flows, points, options);
        return new SummaryReport(level, totals, changes, locationChanges, registry, flowSummaries) { RecordsAboveLevel = aboveLevel };
    }

    /// <summary>The area a row counts under at a level: the linked area's ancestor, else the source's own admin code.</summary>
    internal static string? AreaAt(AssessmentTotalRow row, int level, AreaLevels areas)
    {
        if (row.AdminLevel < level)
            return null;
        if (row.AreaPcode is { } linked && areas.AncestorAt(linked, level) is { } ancestor)
            return ancestor;
        return level switch
        {
            0 => row.Admin0Pcode,
            1 => row.Admin1Pcode,
            2 => row.Admin2Pcode,
            _ => row.AdminLevel == level ? row.LocationKey[(row.LocationKey.IndexOf(':', StringComparison.Ordinal) + 1)..] : null,
        } ?? "(unknown)";
    }

    private static List<RoundTotal> RoundTotals(List<(AssessmentTotalRow Row, string Area)> rows, AreaLevels areas, SummaryOptions options)
    {
        var groups = new Dictionary<(string, string?, int, int, string, PopulationType), Accumulator>();
        foreach (var (row, area) in rows)
        {
            if (options.Round is { } only && row.Round != only && row.Round != options.Compare)
                continue;
            var key = (row.Dataset, row.Operation, row.AdminLevel, row.Round, area, row.Type);
            if (!groups.TryGetValue(key, out var acc))
                groups[key] = acc = new Accumulator();
            acc.Add(row);
        }
        return [.. groups
            .Select(g => new RoundTotal(g.Key.Item1, g.Key.Item2, g.Key.Item3, g.Key.Item4, g.Value.LatestDate, g.Key.Item5,
                areas.NameOf(g.Key.Item5), g.Key.Item6, g.Value.Individuals, g.Value.Households, g.Value.Locations.Count, g.Value.Records))
            .OrderBy(t => t.Dataset, StringComparer.Ordinal).ThenBy(t => t.Operation, StringComparer.Ordinal)
            .ThenBy(t => t.ReportingLevel).ThenBy(t => t.Round).ThenBy(t => t.AreaPcode, StringComparer.Ordinal).ThenBy(t => t.Type)];
    }

    private static (List<RoundChange>, List<LocationChange>) Compare(List<(AssessmentTotalRow Row, string Area)> rows, AreaLevels areas, int? from, int to)
    {
        // Each series (dataset, operation, reporting level) has its own rounds: without --round, compare with its previous round.
        var seriesRounds = new Dictionary<(string, string?, int), SortedSet<int>>();
        foreach (var (row, _) in rows)
        {
            var s = (row.Dataset, row.Operation, row.AdminLevel);
            if (!seriesRounds.TryGetValue(s, out var set))
                seriesRounds[s] = set = [];
            set.Add(row.Round);
        }
        var baseRound = new Dictionary<(string, string?, int), int>();
        foreach (var (s, set) in seriesRounds)
        {
            if (!set.Contains(to))
                continue;
            var b = from ?? set.GetViewBetween(int.MinValue, to - 1).DefaultIfEmpty(0).Max();
            if (b > 0 && set.Contains(b))
                baseRound[s] = b;
        }

        var values = new Dictionary<(string, string?, int, string, PopulationType), (long From, long To)>();
        var locations = new Dictionary<(string, string?, int), (Dictionary<string, string?> From, Dictionary<string, string?> To)>();
        foreach (var (row, area) in rows)
        {
            var s = (row.Dataset, row.Operation, row.AdminLevel);
            if (!baseRound.TryGetValue(s, out var b) || (row.Round != b && row.Round != to))
                continue;
            var key = (row.Dataset, row.Operation, row.AdminLevel, area, row.Type);
            var v = values.GetValueOrDefault(key);
            var n = row.Individuals ?? 0;
            values[key] = row.Round == to ? (v.From, v.To + n) : (v.From + n, v.To);
            if (!locations.TryGetValue(s, out var l))
                locations[s] = l = ([], []);
            (row.Round == to ? l.To : l.From)[row.LocationKey] = row.LocationName;
        }
        var changes = values
            .Select(kv => new RoundChange(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3, kv.Key.Item4, areas.NameOf(kv.Key.Item4), kv.Key.Item5,
                baseRound[(kv.Key.Item1, kv.Key.Item2, kv.Key.Item3)], to, kv.Value.From, kv.Value.To, kv.Value.To - kv.Value.From,
                kv.Value.From == 0 ? null : Math.Round(100.0 * (kv.Value.To - kv.Value.From) / kv.Value.From, 1)))
            .OrderBy(c => c.Dataset, StringComparer.Ordinal).ThenBy(c => c.Operation, StringComparer.Ordinal).ThenBy(c => c.ReportingLevel)
            .ThenBy(c => c.AreaPcode, StringComparer.Ordinal).ThenBy(c => c.Type).ToList();
        var locationChanges = new List<LocationChange>();
        foreach (var (s, (fromSet, toSet)) in locations.OrderBy(l => l.Key.Item1, StringComparer.Ordinal).ThenBy(l => l.Key.Item2, StringComparer.Ordinal).ThenBy(l => l.Key.Item3))
        {
            var b = baseRound[s];
            foreach (var (key, name) in toSet.Where(l => !fromSet.ContainsKey(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal))
                locationChanges.Add(new LocationChange(s.Item1, s.Item2, s.Item3, b, to, "new", LocationCode(key), name));
            foreach (var (key, name) in fromSet.Where(l => !toSet.ContainsKey(l.Key)).OrderBy(l => l.Key, StringComparer.Ordinal))
                locationChanges.Add(new LocationChange(s.Item1, s.Item2, s.Item3, b, to, "no_longer_reporting", LocationCode(key), name));
        }
        return (changes, locationChanges);
    }

    private static string LocationCode(string key) => key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..];

    private sealed class Accumulator
    {
        public long Individuals;
        public long Households;
        public int Records;
        public DateOnly LatestDate;
        public HashSet<string> Locations { get; } = new(StringComparer.Ordinal);

        public void Add(AssessmentTotalRow row)
        {
            Individuals += row.Individuals ?? 0;
            Households += row.Households ?? 0;
            Records++;
            if (row.ReportingDate > LatestDate)
                LatestDate = row.ReportingDate;
            Locations.Add(row.LocationKey);
        }
    }
}
