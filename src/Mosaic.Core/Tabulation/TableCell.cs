using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// One cell of a result table. <see cref="Value"/> and <see cref="Denominator"/> are null when the cell is
/// suppressed (and the value is null when a share's denominator is empty).
/// </summary>
/// <param name="Categories">Per dimension, the category index or <see cref="TableDimension.Total"/>.</param>
public sealed record TableCell(IReadOnlyList<int> Categories, double? Value, double? Denominator, CellStatus Status)
{
    /// <summary>Whether the cell is suppressed, primary or secondary.</summary>
    public bool Suppressed => Status != CellStatus.Published;

    /// <summary>Contributors (never published: kept for tests and diagnostics inside Mosaic).</summary>
    internal long Contributors { get; init; }

    /// <summary>A published share of exactly 0 or 1: everyone (or no one) in the group has the attribute.</summary>
    public bool GroupDisclosure { get; init; }
}
