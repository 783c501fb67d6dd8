namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// A round as it occurs in a series: its number and reporting date. A series normally has one date per round
/// number; a round number at two dates is an anomaly (a mistyped round or date) and the two are never added.
/// </summary>
public readonly record struct RoundOccurrence(int Round, DateOnly Date) : IComparable<RoundOccurrence>
{
    /// <summary>Time order: by date, then by round number.</summary>
    public int CompareTo(RoundOccurrence other) => Date != other.Date ? Date.CompareTo(other.Date) : Round.CompareTo(other.Round);

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/>.</summary>
    public static bool operator <(RoundOccurrence a, RoundOccurrence b) => a.CompareTo(b) < 0;

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/>.</summary>
    public static bool operator >(RoundOccurrence a, RoundOccurrence b) => a.CompareTo(b) > 0;

    /// <summary>Whether <paramref name="a"/> comes before <paramref name="b"/> or is the same occurrence.</summary>
    public static bool operator <=(RoundOccurrence a, RoundOccurrence b) => a.CompareTo(b) <= 0;

    /// <summary>Whether <paramref name="a"/> comes after <paramref name="b"/> or is the same occurrence.</summary>
    public static bool operator >=(RoundOccurrence a, RoundOccurrence b) => a.CompareTo(b) >= 0;

    /// <summary><c>round N (yyyy-MM-dd)</c>, as messages name it.</summary>
    public override string ToString() => $"round {Round} ({Date:yyyy-MM-dd})";
}
