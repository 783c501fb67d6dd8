namespace Mosaic.Core.Disclosure;

/// <summary>Whether a table cell may be published.</summary>
public enum CellStatus : byte
{
    /// <summary>The cell's value is published.</summary>
    Published = 0,

    /// <summary>Fewer than K contributors (or a share's denominator below K).</summary>
    PrimarySuppressed = 1,

    /// <summary>Suppressed so that a primary cell cannot be recomputed from the published cells and totals.</summary>
    SecondarySuppressed = 2,
}
