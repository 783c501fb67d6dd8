namespace Mosaic.Core.Mobility.Analysis;

/// <summary>What <c>mosaic mobility summary</c> was asked for.</summary>
/// <param name="Round">Only this round (and <see cref="Compare"/>); null for every round.</param>
/// <param name="Compare">Compare <see cref="Round"/> (or, without it, each operation's previous round) with this round.</param>
/// <param name="Level">Admin level the totals are broken down by (0 = country).</param>
/// <param name="SplitDate">Flows: compare daily averages before this date with those from it on (e.g. a border closure).</param>
/// <param name="From">Flows: first day considered.</param>
/// <param name="To">Flows: last day considered.</param>
public sealed record SummaryOptions(int? Round = null, int? Compare = null, int Level = 0, DateOnly? SplitDate = null, DateOnly? From = null, DateOnly? To = null)
{
    /// <summary>Only records of this dataset (<c>dtm</c>, <c>hdx-hapi</c>, <c>demo</c>, …).</summary>
    public string? Dataset { get; init; }

    /// <summary>Only records of this operation.</summary>
    public string? Operation { get; init; }
}
