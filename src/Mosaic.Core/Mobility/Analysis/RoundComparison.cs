using System.Globalization;

namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// Change between two rounds of each series, always from the earlier round to the later one (DTM's "change since
/// the previous round"). An area none of whose locations was assessed in a round is "not assessed" there, not
/// zero; beside the raw change, the like-for-like change counts only the locations assessed in both rounds.
/// </summary>
internal static class RoundComparison
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public static (List<RoundChange>, List<LocationChange>) Compare(
        List<(AssessmentTotalRow Row, string Area)> rows, List<SeriesKey> seriesOf, Dictionary<SeriesKey, SortedSet<RoundOccurrence>> occurrences,
        AreaNames names, int? from, int to, List<string> notes)
    {
        var pairs = Pairs(occurrences, from, to, notes);
        if (pairs.Count == 0)
            return ([], []);

        // Pass 1: which locations (per series and area) were assessed in which of the two rounds. Each location
        // gets a slot, so pass 2 reads its coverage without another lookup.
        var matched = new List<Matched>();
        var slots = new Dictionary<(SeriesKey, string Area, string Location), int>();
        var seen = new List<Seen>();
        SeriesKey? lastSeries = null;
        (RoundOccurrence Earlier, RoundOccurrence Later) pair = default;
        for (var i = 0; i < rows.Count; i++)
        {
            var (row, area) = rows[i];
            var series = seriesOf[i];
            if (!ReferenceEquals(series, lastSeries))
            {
                if (!pairs.TryGetValue(series, out pair))
                {
                    lastSeries = null;
                    continue;
                }
                lastSeries = series;
            }
            var o = new RoundOccurrence(row.Round, row.ReportingDate);
            var side = o == pair.Earlier ? Seen.Earlier : o == pair.Later ? Seen.Later : Seen.None;
            if (side == Seen.None)
                continue;
            var key = (series, area, row.LocationKey);
            if (!slots.TryGetValue(key, out var slot))
            {
                slots[key] = slot = seen.Count;
                seen.Add(Seen.None);
            }
            seen[slot] |= side;
            matched.Add(new Matched(row, area, series, side, slot));
        }

        // Pass 2: raw and like-for-like sums per series, area and population type.
        var values = new Dictionary<(SeriesKey, string Area, PopulationType), Sums>();
        foreach (var (row, area, series, side, slot) in matched)
        {
            var key = (series, area, row.Type);
            if (!values.TryGetValue(key, out var sums))
                values[key] = sums = new Sums();
            var n = row.Individuals ?? 0;
            var both = seen[slot] == Seen.Both;
            if (side == Seen.Earlier)
            {
                sums.From = checked(sums.From + n);
                if (both)
                    sums.LikeFrom = checked(sums.LikeFrom + n);
            }
            else
            {
                sums.To = checked(sums.To + n);
                if (both)
                    sums.LikeTo = checked(sums.LikeTo + n);
            }
        }
        var coverage = new Dictionary<(SeriesKey, string Area), (int Both, int EarlierOnly, int LaterOnly)>();
        foreach (var ((series, area, _), slot) in slots)
        {
            var c = coverage.GetValueOrDefault((series, area));
            coverage[(series, area)] = seen[slot] switch
            {
                Seen.Both => (c.Both + 1, c.EarlierOnly, c.LaterOnly),
                Seen.Earlier => (c.Both, c.EarlierOnly + 1, c.LaterOnly),
                _ => (c.Both, c.EarlierOnly, c.LaterOnly + 1),
            };
        }

        var changes = new List<RoundChange>(values.Count);
        foreach (var ((series, area, type), s) in values)
        {
            var p = pairs[series];
            var c = coverage[(series, area)];
            long? fromValue = c.Both + c.EarlierOnly > 0 ? s.From : null;
            long? toValue = c.Both + c.LaterOnly > 0 ? s.To : null;
            long? change = fromValue is { } f && toValue is { } t ? t - f : null;
            changes.Add(new RoundChange(series.Dataset, series.Operation, series.ReportingLevel, area, names.NameOf(area), type,
                p.Earlier.Round, p.Later.Round, fromValue, toValue, change, Percent(change, fromValue))
            {
                Assessment = series.Assessment,
                FromDate = p.Earlier.Date,
                ToDate = p.Later.Date,
                LikeForLikeFrom = s.LikeFrom,
                LikeForLikeTo = s.LikeTo,
                LikeForLikePercent = c.Both > 0 ? Percent(s.LikeTo - s.LikeFrom, s.LikeFrom) : null,
                LocationsInBoth = c.Both,
                LocationsNew = c.LaterOnly,
                LocationsNotAssessed = c.EarlierOnly,
            });
        }
        changes.Sort((a, b) =>
        {
            var k = string.CompareOrdinal(a.Dataset, b.Dataset);
            if (k == 0) k = string.CompareOrdinal(a.Operation, b.Operation);
            if (k == 0) k = a.ReportingLevel.CompareTo(b.ReportingLevel);
            if (k == 0) k = a.Assessment.CompareTo(b.Assessment);
            if (k == 0) k = string.CompareOrdinal(a.AreaPcode, b.AreaPcode);
            return k != 0 ? k : a.Type.CompareTo(b.Type);
        });
        return (changes, LocationChanges(matched, seen, pairs));
    }

    /// <summary>The earlier and later round each series is compared on; notes why a series that has the round is not.</summary>
    private static Dictionary<SeriesKey, (RoundOccurrence Earlier, RoundOccurrence Later)> Pairs(
        Dictionary<SeriesKey, SortedSet<RoundOccurrence>> occurrences, int? from, int to, List<string> notes)
    {
        var pairs = new Dictionary<SeriesKey, (RoundOccurrence, RoundOccurrence)>();
        foreach (var (series, set) in occurrences.OrderBy(s => s.Key.ToString(), StringComparer.Ordinal))
        {
            if (from == to)
            {
                notes.Add($"the round and the round to compare with are both {to.ToString(s_inv)}: nothing to compare");
                break;
            }
            var target = set.Where(o => o.Round == to).ToList();
            if (target.Count == 0)
                continue;
            if (target.Count > 1)
            {
                notes.Add(Ambiguous(series, target));
                continue;
            }
            RoundOccurrence other;
            if (from is { } f)
            {
                var candidates = set.Where(o => o.Round == f).ToList();
                if (candidates.Count == 0)
                    continue;
                if (candidates.Count > 1)
                {
                    notes.Add(Ambiguous(series, candidates));
                    continue;
                }
                other = candidates[0];
            }
            else
            {
                // The previous round in time, whatever its number (a renumbered series restarts at 1).
                var earlier = set.GetViewBetween(set.Min, target[0]).Where(o => o < target[0]).ToList();
                if (earlier.Count == 0)
                    continue;
                other = earlier[^1];
            }
            pairs[series] = other < target[0] ? (other, target[0]) : (target[0], other);
        }
        if (pairs.Count == 0 && notes.Count == 0)
        {
            notes.Add(from is { } f2
                ? $"no series has both round {f2.ToString(s_inv)} and round {to.ToString(s_inv)}: no change to show"
                : $"no series has a round before round {to.ToString(s_inv)}: no change to show");
        }
        return pairs;
    }

    private static string Ambiguous(SeriesKey series, List<RoundOccurrence> dates) =>
        $"round {dates[0].Round.ToString(s_inv)} of {series} is reported at {dates.Count.ToString(s_inv)} dates " +
        $"({string.Join(", ", dates.Select(d => d.Date.ToString("yyyy-MM-dd", s_inv)))}): it is not compared, since which one is meant cannot be told";

    private static double? Percent(long? change, long? from) =>
        change is { } c && from is { } f && f != 0 ? Math.Round(100.0 * c / f, 1) : null;

    private static List<LocationChange> LocationChanges(
        List<Matched> matched, List<Seen> seen, Dictionary<SeriesKey, (RoundOccurrence Earlier, RoundOccurrence Later)> pairs)
    {
        var byLocation = new Dictionary<(SeriesKey, string Location), (string? Name, Seen Seen)>();
        var done = new HashSet<int>();
        foreach (var m in matched)
        {
            if (!done.Add(m.Slot))
                continue;
            var key = (m.Series, m.Row.LocationKey);
            byLocation[key] = (m.Row.LocationName, byLocation.GetValueOrDefault(key).Seen | seen[m.Slot]);
        }
        return [.. byLocation
            .Where(l => l.Value.Seen != Seen.Both)
            .Select(l =>
            {
                var (series, location) = l.Key;
                var pair = pairs[series];
                return new LocationChange(series.Dataset, series.Operation, series.ReportingLevel, pair.Earlier.Round, pair.Later.Round,
                    l.Value.Seen == Seen.Later ? "new" : "not_assessed", location[(location.IndexOf(':', StringComparison.Ordinal) + 1)..], l.Value.Name)
                {
                    Assessment = series.Assessment,
                };
            })
            .OrderBy(l => l.Dataset, StringComparer.Ordinal).ThenBy(l => l.Operation, StringComparer.Ordinal).ThenBy(l => l.ReportingLevel)
            .ThenBy(l => l.Assessment).ThenBy(l => l.Kind, StringComparer.Ordinal).ThenBy(l => l.Location, StringComparer.Ordinal)];
    }

    private readonly record struct Matched(AssessmentTotalRow Row, string Area, SeriesKey Series, Seen Side, int Slot);

    [Flags]
    private enum Seen
    {
        None = 0,
        Earlier = 1,
        Later = 2,
        Both = Earlier | Later,
    }

    private sealed class Sums
    {
        public long From;
        public long To;
        public long LikeFrom;
        public long LikeTo;
    }
}
