namespace Mosaic.Core.Disclosure;

/// <summary>
/// A table as an intruder sees it: read back from a file Mosaic wrote (CSV, HXL or JSON), with what it publishes
/// and what it hides. Suppressed cells carry no value.
/// </summary>
/// <param name="File">File name, for messages.</param>
/// <param name="Dimensions">Dimension names in column order.</param>
/// <param name="CategoryCodes">Per dimension, the category codes in table order (the total excluded).</param>
/// <param name="Table">Shape: the categories found per dimension, totals last.</param>
/// <param name="Suppressed">Per cell of <paramref name="Table"/>.</param>
/// <param name="Layers">The additive quantities the file gives away: <c>count</c>, or a share's <c>numerator</c> (value × denominator) and <c>denominator</c>.</param>
/// <param name="Measure">count, share, sum or mean (from the metadata; CSV: share when a denominator column exists, else count).</param>
/// <param name="MinimumCellSize">K from the metadata, when the file states it.</param>
public sealed record PublishedTable(
    string File, IReadOnlyList<string> Dimensions, IReadOnlyList<IReadOnlyList<string>> CategoryCodes, LinkedTable Table, bool[] Suppressed,
    IReadOnlyList<(string Name, double[] Values)> Layers, string Measure, int? MinimumCellSize)
{
    /// <summary>Runs the intruder's LP on the published cells: every suppressed cell's interval against <paramref name="k"/>.</summary>
    public AuditReport Audit(int k) => DisclosureControl.Audit(Table, Suppressed, Layers, k);
}
