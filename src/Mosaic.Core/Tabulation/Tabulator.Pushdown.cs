using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// Entry point for counts made elsewhere (PushdownTabulator): the same assembly, totals and disclosure control.
public sealed partial class Tabulator
{
    /// <remarks>Counts made elsewhere carry no distinct households per cell: PushdownTabulator leaves tables under the household rule to the in-memory engine.</remarks>
    internal static TabulationResult AssembleCounted(IndicatorDefinition indicator, TabulationRequest request, SnapshotFields fields,
        List<CategoricalColumn> columns, int[] strides, CellSums sums) =>
        Finish(Stage(indicator, request, fields, columns, strides, sums, households: null));
}
