namespace Mosaic.Core.Disclosure;

/// <summary>
/// Record and cell keys of the cell-key method. Every person and household gets a random record key once, when it
/// is stored, uniform over 32-bit fractions of [0, 1). A cell's key is the sum of the record keys of the units it
/// counts, modulo 1 — with 32-bit fractions simply the wrapping sum of the integers — so it depends only on which
/// units are in the cell: the same cell has the same key, and so the same noise, in every table and request.
/// </summary>
internal static class CellKey
{
    /// <summary>The cell key of a set of record keys (their sum modulo 1).</summary>
    public static uint Of(ReadOnlySpan<uint> recordKeys)
    {
        uint key = 0;
        foreach (var k in recordKeys)
            key = unchecked(key + k);
        return key;
    }

    /// <summary>A key as the fraction of [0, 1) it stands for.</summary>
    public static double AsFraction(uint key) => key / 4294967296.0;
}
