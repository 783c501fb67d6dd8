using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// A disaggregated table after disclosure control: every combination of categories and totals of the requested
/// dimensions, with the rule applied stated in words. Writers in <c>Tabulation.Output</c> render it.
/// </summary>
public sealed record TabulationResult
{
    /// <summary>The indicator tabulated.</summary>
    public required IndicatorDefinition Indicator { get; init; }

    /// <summary>The breakdown dimensions, in the order asked; each lists its categories (the total comes after
    /// them).</summary>
    public required IReadOnlyList<TableDimension> Dimensions { get; init; }

    /// <summary>Cells in row-major order of the dimensions; in each dimension the total comes last.</summary>
    public required IReadOnlyList<TableCell> Cells { get; init; }

    /// <summary>The area the table was limited to (that area and everything below it), or null for the whole
    /// registry.</summary>
    public string? AreaPcode { get; init; }

    /// <summary>The name of <see cref="AreaPcode"/>, or null.</summary>
    public string? AreaName { get; init; }

    /// <summary>The disclosure rule applied.</summary>
    public required DisclosureRule Rule { get; init; }

    /// <summary>The rule in words (for metadata and footers).</summary>
    public required string RuleText { get; init; }

    /// <summary>How the table was protected; with perturbation no cell is suppressed and every value carries noise.</summary>
    public DisclosureMethod Method { get; init; } = DisclosureMethod.Suppression;

    /// <summary>The perturbation table used (perturbed tables only).</summary>
    public PerturbationTable? Perturbation { get; init; }

    /// <summary>Cells sensitive by themselves (inside Mosaic only: never written to an output, since the split narrows intervals).</summary>
    public int PrimarySuppressedCells { get; init; }

    /// <summary>Cells suppressed to protect them (inside Mosaic only).</summary>
    public int SecondarySuppressedCells { get; init; }

    /// <summary>Cells suppressed, primary and secondary (inside Mosaic only).</summary>
    public int SuppressedCells => PrimarySuppressedCells + SecondarySuppressedCells;

    /// <summary>Contributors in suppressed inner cells: the population whose detail is hidden (inside Mosaic only).</summary>
    public long SuppressedContributors { get; init; }

    /// <summary>Contributors in the whole table, the grand total's (inside Mosaic only: the total may be suppressed).</summary>
    public long TotalContributors { get; init; }

    /// <summary>Share of cells suppressed and, when it gives nothing away, of units hidden (stated with every table).</summary>
    public required InformationLoss InformationLoss { get; init; }

    /// <summary>The LP audit every suppressed table passed before leaving (null when disclosure control is off).</summary>
    public AuditReport? Audit { get; init; }

    /// <summary>How the optimal method's search ended (null for the fast method): for benchmarks and tests, never published beyond the rule text.</summary>
    internal OptimalSearch? Optimal { get; init; }

    /// <summary>Published shares of exactly 0 or 1 (flagged as group disclosure).</summary>
    public int GroupDisclosureCells { get; init; }

    /// <summary>The age bands of the <c>age_group</c> dimension.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>Other tables of the same publication this table was protected with as one set (0 = protected alone).</summary>
    public int LinkedTables { get; init; }

    /// <summary>
    /// The indicators of the tables this one was protected with, its own included, comma-separated (e.g.
    /// <c>population, returnees</c>: count indicators of one unit are linked); its own id when protected alone.
    /// </summary>
    public string LinkedIndicators { get; init; } = "";

    /// <summary>Tables published earlier from the same database (its publication log) this table was protected against.</summary>
    public int EarlierTables { get; init; }

    /// <summary>Logged tables of the same indicator not linked because the registry changed since they were published.</summary>
    public int EarlierTablesChanged { get; init; }

    /// <summary>Cells suppressed only because of the linked tables (inside Mosaic only).</summary>
    public int LinkedCells { get; init; }

    /// <summary>Whether the indicator is a share (each cell a value over a denominator) rather than a count.</summary>
    public bool IsShare => Indicator.Measure.Kind == MeasureKind.Share;

    /// <summary>The grand-total cell.</summary>
    public TableCell GrandTotal => Cells[^1];
}
