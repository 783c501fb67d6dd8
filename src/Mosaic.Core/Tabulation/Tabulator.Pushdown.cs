using Mosaic.Core.Indicators;

namespace Mosaic.Core.Tabulation;

// Entry point for counts made elsewhere (PushdownTabulator): the same assembly, totals and disclosure control.
public sealed partial class Tabulator
{
    /// <remarks>Counts made elsewhere carry no distinct households per cell, so the household rule is refused here.</remarks>
    internal static TabulationResult AssembleCounted(IndicatorDefinition indicator, TabulationRequest request, SnapshotFields fields,
        List<CategoricalColumn> columns, int[] strides, CellSums sums)
    {
        if (request.MinimumHouseholds > 1 && request.MinimumCellSize > 1 && indicator.Unit == IndicatorUnit.Person)
            throw new TabulationException("the household rule (--min-households) is not available for counts made in the database yet");
        return Assemble(indicator, request, fields, columns, strides, sums, households: null);
    }
}
