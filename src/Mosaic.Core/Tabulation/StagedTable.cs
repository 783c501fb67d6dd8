using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// A table counted and protected on its own, not yet published: what a publication needs to link it with other
/// tables (its categories per unit, through <see cref="Columns"/> and <see cref="Maps"/>) and to suppress more of it.
/// </summary>
internal sealed record StagedTable(
    IndicatorDefinition Indicator,
    TabulationRequest Request,
    SnapshotFields Fields,
    List<CategoricalColumn> Columns,
    int[] Strides,
    int[][] Maps,
    List<TableDimension> Dimensions,
    TableArrays Cells,
    DisclosureRule Rule,
    TableProtection Protection)
{
    /// <summary>Units counted in the table (persons or households, after the indicator's filter and the area).</summary>
    public Bitmap Population { get; init; } = null!;

    public FieldLevel Unit { get; init; }

    /// <summary>
    /// Units in the indicator's population (its filter alone, without the table's area): which indicators' populations
    /// a unit belongs to is part of a publication's atoms when it links tables of several count indicators.
    /// </summary>
    public Bitmap IndicatorPopulation { get; init; } = null!;

    /// <summary>Units in the table's area whatever the indicator's filter (null: the table is not restricted to an area).</summary>
    public Bitmap? InArea { get; init; }

    /// <summary>The indicators of the tables it was protected with, this one's included (for messages: "population, returnees").</summary>
    public string LinkedIndicators { get; set; } = "";

    /// <summary>Other tables of the publication it was protected with (0 = protected alone).</summary>
    public int LinkedTables { get; set; }

    /// <summary>Tables published earlier from the same database that this one was protected against.</summary>
    public int EarlierTables { get; set; }

    /// <summary>Logged tables of the same indicator not linked because the registry changed under them.</summary>
    public int EarlierTablesChanged { get; set; }
}
