using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// A disaggregated table after disclosure control: every combination of categories and totals of the requested
/// dimensions, with the rule applied stated in words. Writers in <c>Tabulation.Output</c> render it.
/// </summary>
public sealed record TabulationResult
{
    public required IndicatorDefinition Indicator { get; init; }

    public required IReadOnlyList<TableDimension> Dimensions { get; init; }

    /// <summary>Cells in row-major order of the dimensions; in each dimension the total comes last.</summary>
    public required IReadOnlyList<TableCell> Cells { get; init; }

    public string? AreaPcode { get; init; }

    public string? AreaName { get; init; }

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

    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>Other tables of the same publication this table was protected with as one set (0 = protected alone).</summary>
    public int LinkedTables { get; init; }

    /// <summary>Tables published earlier from the same database (its publication log) this table was protected against.</summary>
    public int EarlierTables { get; init; }

    /// <summary>Logged tables of the same indicator not linked because the registry changed since they were published.</summary>
    public int EarlierTablesChanged { get; init; }

    /// <summary>Cells suppressed only because of the linked tables (inside Mosaic only).</summary>
    public int LinkedCells { get; init; }

    public bool IsShare => Indicator.Measure.Kind == MeasureKind.Share;

    /// <summary>The grand-total cell.</summary>
    public TableCell GrandTotal => Cells[^1];
}
