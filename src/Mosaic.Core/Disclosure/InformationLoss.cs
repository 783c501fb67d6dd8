using System.Globalization;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// How much a table lost to suppression: the share of cells and, when the grand total is published (so the figure
/// gives nothing away), the share of units whose inner cell is hidden.
/// </summary>
public sealed record InformationLoss(int Cells, int SuppressedCells, long HiddenContributors, long TotalContributors, bool TotalPublished)
{
    /// <summary><see cref="SuppressedCells"/> ÷ <see cref="Cells"/>, from 0 to 1 (0 for an empty table).</summary>
    public double CellShare => Cells == 0 ? 0 : (double)SuppressedCells / Cells;

    /// <summary>Null when the share is not stated (grand total suppressed, or units not published by this measure).</summary>
    public double? HiddenShare => TotalPublished && TotalContributors > 0 ? (double)HiddenContributors / TotalContributors : null;

    /// <summary>The loss in words, e.g. <c>12 of 96 cells suppressed (12.5%); 3.1% of persons are in suppressed
    /// cells</c>, for a contributor <paramref name="unit"/> such as <c>person</c>.</summary>
    public string Describe(string unit)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{SuppressedCells} of {Cells} cells suppressed ({CellShare * 100:0.0}%)");
        return HiddenShare is { } h
            ? text + string.Create(CultureInfo.InvariantCulture, $"; {h * 100:0.0}% of {unit}s are in suppressed cells")
            : text;
    }
}
