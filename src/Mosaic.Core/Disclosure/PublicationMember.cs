namespace Mosaic.Core.Disclosure;

/// <summary>
/// One table of a publication protected as a linked set: its protection and, per atom of the publication, the inner
/// cell of this table the atom's units are counted in (-1: the atom is in no cell of this table, e.g. outside its area).
/// An atom is a combination of one category of every table (the finest cells the tables together describe); every cell
/// of every table is the sum of its atoms, which is how an intruder links the tables. A member may stand for one
/// layer of its table only (e.g. a share's numerator, a count of the units in its numerator,
/// linked with the count tables of that unit); several members then share one protection.
/// </summary>
internal sealed class PublicationMember
{
    public PublicationMember(TableProtection protection, int[] atomCell, int? layer = null)
    {
        Protection = protection;
        AtomCell = atomCell;
        Layers = layer is { } l ? [protection.Layers[l]] : protection.Layers;
        var table = protection.Table;
        var n = table.Dimensions;
        var lists = new List<int>[table.Size];
        var coords = new int[n];
        var up = new int[n];
        for (var atom = 0; atom < atomCell.Length; atom++)
        {
            var inner = atomCell[atom];
            if (inner < 0)
                continue;
            table.Coords(inner, coords);
            // The atom is in its inner cell and in every total above it: each subset of coordinates replaced by the total.
            for (var mask = 0; mask < 1 << n; mask++)
            {
                for (var d = 0; d < n; d++)
                    up[d] = (mask >> d & 1) == 1 ? table.Categories[d] : coords[d];
                var cell = table.Index(up);
                (lists[cell] ??= []).Add(atom);
            }
        }
        CellAtoms = [.. lists.Select(l => l is null ? Array.Empty<int>() : l.ToArray())];
    }

    public TableProtection Protection { get; }

    /// <summary>The layers of the table this member stands for (all of them, or the one it was given).</summary>
    public IReadOnlyList<ProtectionLayer> Layers { get; }

    public int[] AtomCell { get; }

    /// <summary>Per cell (totals included), the atoms it sums, ascending.</summary>
    public int[][] CellAtoms { get; }
}
