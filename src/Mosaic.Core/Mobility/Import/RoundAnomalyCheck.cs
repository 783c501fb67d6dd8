using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Looks for round-numbering anomalies (a round at two dates, numbers going back in time) in each series the
/// incoming records touch, against each other and the stored records. Two records that conflict are both kept:
/// which one is wrong is not Mosaic's to guess. Each anomaly is one warning naming a record of each side.
/// </summary>
internal static class RoundAnomalyCheck
{
    public static List<ImportIssue> Check(
        IReadOnlyList<LocationAssessment> incoming, IReadOnlyList<AssessmentKey> stored, string file, string? sheet, string roundColumn)
    {
        var series = new Dictionary<SeriesKey, Dictionary<RoundOccurrence, Side>>();
        Side SideOf(AssessmentKey k)
        {
            var s = AssessmentSeries.Of(k);
            if (!series.TryGetValue(s, out var rounds))
                series[s] = rounds = [];
            var o = new RoundOccurrence(k.Round, k.ReportingDate);
            if (!rounds.TryGetValue(o, out var side))
                rounds[o] = side = new Side();
            return side;
        }
        var incomingIds = new HashSet<string>(incoming.Count, StringComparer.Ordinal);
        foreach (var r in incoming)
        {
            incomingIds.Add(r.RecordId);
            var side = SideOf(AssessmentSeries.KeyOf(r));
            side.Incoming++;
            side.First ??= r;
        }
        // Stored records only matter in series the file touches; records the file rewrites are counted once.
        foreach (var k in stored)
        {
            if (!incomingIds.Contains(k.RecordId) && series.ContainsKey(AssessmentSeries.Of(k)))
            {
                var side = SideOf(k);
                side.Stored++;
                side.StoredId ??= k.RecordId;
            }
        }

        var warnings = new List<ImportIssue>();
        foreach (var (key, rounds) in series)
        {
            if (rounds.Count < 2)
                continue;
            foreach (var a in RoundAnomaly.Find(key, rounds.Keys))
            {
                var earlier = rounds[a.Earlier];
                var later = rounds[a.Later];
                if (earlier.First is null && later.First is null)
                    continue;
                var at = later.First ?? earlier.First!;
                var what = a.Kind == RoundAnomalyKind.DuplicateRound
                    ? $"round {a.Later.Round} is reported at two dates in series {key}"
                    : $"round numbers go back in series {key} (renumbered series, or a mistyped round)";
                warnings.Add(new ImportIssue(file, sheet, at.Provenance?.SourceRow ?? 0, roundColumn, at.Round.ToString(CultureInfo.InvariantCulture),
                    $"{what}: {earlier.Describe(a.Earlier)} and {later.Describe(a.Later)}; both are imported and shown apart"));
            }
        }
        return [.. warnings.OrderBy(w => w.Row)];
    }

    private sealed class Side
    {
        public LocationAssessment? First;
        public string? StoredId;
        public int Incoming;
        public int Stored;

        public string Describe(RoundOccurrence o)
        {
            var who = First is { } r
                ? $"record {r.RecordId} (row {(r.Provenance?.SourceRow ?? 0).ToString(CultureInfo.InvariantCulture)})"
                : $"record {StoredId} (already in the database)";
            var count = Incoming + Stored;
            var others = count > 1 ? $", {count.ToString(CultureInfo.InvariantCulture)} records in all" : "";
            return $"{who} has round {o.Round.ToString(CultureInfo.InvariantCulture)} on {o.Date:yyyy-MM-dd}{others}";
        }
    }
}
