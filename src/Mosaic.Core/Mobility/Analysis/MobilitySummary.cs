using Mosaic.Core.Storage;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// <c>mosaic mobility summary</c>: totals per round and population type by area level, change between rounds,
/// locations new or not assessed, round anomalies, the registry's movers next to the key-informant estimates, and
/// flows. Figures of different series (dataset, operation, reporting level, assessment type) are never added
/// together, nor are the two dates of a duplicated round.
/// </summary>
public static class MobilitySummary
{
    /// <summary>Reads what the options ask for from the store and summarises it.</summary>
    /// <param name="store">The unit of work.</param>
    /// <param name="options">What to summarise.</param>
    /// <param name="cancellationToken">Passed to the store's reads.</param>
    public static async Task<SummaryReport> RunAsync(IMosaicStore store, SummaryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        int[]? rounds = options.Compare is { } c && options.Round is { } r ? [r, c] : null;
        var rows = await store.Mobility.ReadAssessmentTotalsAsync(rounds, cancellationToken);
        var areas = new AreaLevels(await store.Areas.AllAsync(cancellationToken: cancellationToken));
        // Movers are folded as they stream (never held in memory), before the next call on the unit of work.
        var movers = new MoverCounts(areas, options.Level);
        await movers.AddAsync(store.Mobility.ReadRegisteredMoversAsync(cancellationToken: cancellationToken), cancellationToken);
        var flows = await store.Mobility.ReadFlowTotalsAsync(options.From, options.To, options.SplitDate, cancellationToken);
        var points = await store.Mobility.ReadFlowPointsAsync(cancellationToken);
        return Summarise(rows, areas, movers, flows, points, options);
    }

    /// <summary>Summarises assessment totals, registered movers (counted at <see cref="SummaryOptions.Level"/>) and flow totals already read from a store.</summary>
    internal static SummaryReport Summarise(
        IReadOnlyList<AssessmentTotalRow> rows, AreaLevels areas, MoverCounts movers,
        FlowTotals flows, IReadOnlyList<FlowMonitoringPoint> points, SummaryOptions options)
    {
        var level = options.Level;
        var notes = new List<string>();
        var selected = new List<AssessmentTotalRow>(rows.Count);
        var selectedSeries = new List<SeriesKey>(rows.Count);
        var interner = new SeriesInterner();
        foreach (var row in rows)
        {
            if ((options.Dataset is null || row.Dataset == options.Dataset) && (options.Operation is null || row.Operation == options.Operation))
            {
                selected.Add(row);
                selectedSeries.Add(interner.Of(row));
            }
        }
        // The series of filtered[i] is series[i]: computed once per row, shared by every grouping below.
        var filtered = new List<(AssessmentTotalRow Row, string Area)>(selected.Count);
        var series = new List<SeriesKey>(selected.Count);
        var names = new AreaNames(areas);
        long aboveLevel = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            var row = selected[i];
            var area = AreaAt(row, level, areas);
            if (area is null)
            {
                aboveLevel++;
                continue;
            }
            names.Offer(area, row.AdminName(level));
            filtered.Add((row, area));
            series.Add(selectedSeries[i]);
        }
        SummaryNotes.AboutSelection(rows, selected, filtered.Count, options, notes);

        var occurrences = SeriesRounds.Of(selected, selectedSeries);
        var anomalies = occurrences.SelectMany(s => RoundAnomaly.Find(s.Key, s.Value))
            .OrderBy(a => a.Series.Dataset, StringComparer.Ordinal).ThenBy(a => a.Series.Operation, StringComparer.Ordinal)
            .ThenBy(a => a.Series.ReportingLevel).ThenBy(a => a.Series.Assessment).ThenBy(a => a.Later).ToList();
        var totals = RoundTotals(filtered, series, names, anomalies, options);
        var (changes, locationChanges) = options.Compare is { } to
            ? RoundComparison.Compare(filtered, series, occurrences, names, options.Round, to, notes)
            : ([], []);
        var registry = RegistrySide.Summarise(movers, filtered, areas, notes);
        var flowSummaries = FlowSummary.Summarise(flows, points, options);
        return new SummaryReport(level, totals, changes, locationChanges, registry, flowSummaries)
        {
            RecordsAboveLevel = aboveLevel,
            Anomalies = anomalies,
            Notes = notes,
        };
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

    private static List<RoundTotal> RoundTotals(
        List<(AssessmentTotalRow Row, string Area)> rows, List<SeriesKey> series, AreaNames names, List<RoundAnomaly> anomalies, SummaryOptions options)
    {
        var marks = new Dictionary<(SeriesKey, RoundOccurrence), SortedSet<string>>();
        foreach (var a in anomalies)
        {
            foreach (var o in new[] { a.Earlier, a.Later })
            {
                if (!marks.TryGetValue((a.Series, o), out var set))
                    marks[(a.Series, o)] = set = new SortedSet<string>(StringComparer.Ordinal);
                set.Add(a.Code);
            }
        }
        // The reporting date is part of the key: the two dates of a duplicated round are never added.
        var groups = new Dictionary<(SeriesKey, RoundOccurrence, string, PopulationType), Accumulator>();
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, area) = rows[i];
            if (options.Round is { } only && row.Round != only && row.Round != options.Compare)
                continue;
            var key = (series[i], new RoundOccurrence(row.Round, row.ReportingDate), area, row.Type);
            if (!groups.TryGetValue(key, out var acc))
                groups[key] = acc = new Accumulator();
            acc.Add(row);
        }
        return [.. groups
            .Select(g =>
            {
                var (s, round, area, type) = g.Key;
                var acc = g.Value;
                return new RoundTotal(s.Dataset, s.Operation, s.ReportingLevel, round.Round, round.Date, area, names.NameOf(area),
                    type, acc.Individuals, acc.Households, acc.Locations.Count, acc.Records)
                {
                    Assessment = s.Assessment,
                    Anomaly = marks.TryGetValue((s, round), out var m) ? string.Join(';', m) : null,
                };
            })
            .OrderBy(t => t.Dataset, StringComparer.Ordinal).ThenBy(t => t.Operation, StringComparer.Ordinal)
            .ThenBy(t => t.ReportingLevel).ThenBy(t => t.Assessment).ThenBy(t => t.ReportingDate).ThenBy(t => t.Round)
            .ThenBy(t => t.AreaPcode, StringComparer.Ordinal).ThenBy(t => t.Type)];
    }

    private sealed class Accumulator
    {
        public long Individuals;
        public long? Households;
        public int Records;
        public HashSet<string> Locations { get; } = new(StringComparer.Ordinal);

        public void Add(AssessmentTotalRow row)
        {
            // Checked: a sum of counts must never wrap around (the importer bounds each count).
            Individuals = checked(Individuals + (row.Individuals ?? 0));
            if (row.Households is { } h)
                Households = checked((Households ?? 0) + h);
            Records++;
            Locations.Add(row.LocationKey);
        }
    }
}
