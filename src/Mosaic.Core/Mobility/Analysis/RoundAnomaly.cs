namespace Mosaic.Core.Mobility.Analysis;

/// <summary>An anomaly in the round numbering of a series, between two of its rounds (earlier first).</summary>
public sealed record RoundAnomaly(SeriesKey Series, RoundAnomalyKind Kind, RoundOccurrence Earlier, RoundOccurrence Later)
{
    /// <summary>Wire code: <c>duplicate_round</c> or <c>renumbered</c>.</summary>
    public string Code => Kind == RoundAnomalyKind.DuplicateRound ? "duplicate_round" : "renumbered";

    /// <summary>What a reader needs to know, in words.</summary>
    public string Description => Kind == RoundAnomalyKind.DuplicateRound
        ? $"round {Earlier.Round} is reported at two dates ({Earlier.Date:yyyy-MM-dd} and {Later.Date:yyyy-MM-dd}): shown apart, never added"
        : $"round numbers go back from {Earlier} to {Later}: the numbering restarted or a round is mistyped";

    /// <summary>
    /// The anomalies among the rounds of one series: each round number at more than one date (consecutive dates
    /// paired), and each round whose number is below that of the round just before it in time.
    /// </summary>
    public static List<RoundAnomaly> Find(SeriesKey series, IEnumerable<RoundOccurrence> occurrences)
    {
        var sorted = occurrences.Distinct().Order().ToList();
        var result = new List<RoundAnomaly>();
        var lastByRound = new Dictionary<int, RoundOccurrence>();
        for (var i = 0; i < sorted.Count; i++)
        {
            var o = sorted[i];
            if (i > 0 && o.Round < sorted[i - 1].Round)
                result.Add(new RoundAnomaly(series, RoundAnomalyKind.Renumbered, sorted[i - 1], o));
            if (lastByRound.TryGetValue(o.Round, out var previous))
                result.Add(new RoundAnomaly(series, RoundAnomalyKind.DuplicateRound, previous, o));
            lastByRound[o.Round] = o;
        }
        return result;
    }
}
