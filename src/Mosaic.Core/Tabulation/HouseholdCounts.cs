using Mosaic.Core.Disclosure;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// For the household rule: in how many distinct households the persons of each cell (totals included) live. A
/// household's members are contiguous, so one pass stamps every cell a household reaches, each at most once.
/// </summary>
internal static class HouseholdCounts
{
    public static long[] Count(RegistrySnapshot snapshot, IReadOnlyList<CompiledDimension> dims, Bitmap population,
        int[][] maps, LinkedTable table)
    {
        var n = dims.Count;
        var counts = new long[table.Size];
        var stamp = new int[table.Size];
        var coords = new int[n];
        var up = new int[n];
        var start = snapshot.PersonStart;
        for (var h = 0; h < snapshot.HouseholdCount; h++)
        {
            for (var p = start[h]; p < start[h + 1]; p++)
            {
                if (!population[p])
                    continue;
                for (var d = 0; d < n; d++)
                {
                    var dim = dims[d];
                    var key = dim.KeyAt(dim.Column.Level == FieldLevel.Household ? h : p) / dim.Stride;
                    coords[d] = maps[d][key];
                }
                // Every cell above the person's inner cell: each subset of coordinates replaced by the total.
                for (var mask = 0; mask < 1 << n; mask++)
                {
                    for (var d = 0; d < n; d++)
                        up[d] = (mask >> d & 1) == 1 ? table.Categories[d] : coords[d];
                    var cell = table.Index(up);
                    if (stamp[cell] == h + 1)
                        continue;
                    stamp[cell] = h + 1;
                    counts[cell]++;
                }
            }
        }
        return counts;
    }
}
