using System.Buffers.Binary;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// The layout of a scoring run's stored columns (migration 13's <c>score_columns</c> parts, read back to back). Every
/// household column is in ascending household id, little-endian, one section after the other:
/// ids (long), overall score (double), class (byte), rank (int), dimension scores (double × dimensions), area chain
/// (int: index into the chain table), area ranks (int × stride, root first, zero-padded), exposure method (byte),
/// exposure area (int: string index, -1 = none), exposure (double × hazard types), explanations (UTF-8 back to back),
/// explanation ends (long, relative to the explanations' start), the string table (count, then length + UTF-8 each),
/// the chain table (count, then length + string indices each). A fixed trailer at the very end gives the counts and
/// where each section starts; a reader checks it against the stored length before using any section.
/// </summary>
internal sealed record ScoreColumnsLayout(int Households, int Dimensions, int HazardTypes, int Stride, long[] Starts)
{
    public const int Ids = 0, Overall = 1, Classes = 2, Ranks = 3, DimensionScores = 4, Chains = 5, AreaRanks = 6, Methods = 7,
        ExposureAreas = 8, Exposure = 9, Explanations = 10, ExplanationEnds = 11, Strings = 12, ChainTable = 13;

    public const int Sections = 14;

    public const int TrailerBytes = 4 + 4 * 4 + Sections * 8;

    private static ReadOnlySpan<byte> Magic => "MSC1"u8;

    public byte[] ToBytes()
    {
        var bytes = new byte[TrailerBytes];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Households);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), HazardTypes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), Stride);
        for (var s = 0; s < Sections; s++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(20 + s * 8), Starts[s]);
        return bytes;
    }

    /// <summary>The trailer of <paramref name="total"/> stored bytes, or null when it does not describe them.</summary>
    public static ScoreColumnsLayout? Parse(ReadOnlySpan<byte> trailer, long total)
    {
        if (trailer.Length != TrailerBytes || !trailer[..4].SequenceEqual(Magic))
            return null;
        var n = BinaryPrimitives.ReadInt32LittleEndian(trailer[4..]);
        var dims = BinaryPrimitives.ReadInt32LittleEndian(trailer[8..]);
        var hazards = BinaryPrimitives.ReadInt32LittleEndian(trailer[12..]);
        var stride = BinaryPrimitives.ReadInt32LittleEndian(trailer[16..]);
        if (n < 0 || dims < 0 || hazards < 0 || stride < 0)
            return null;
        var starts = new long[Sections];
        for (var s = 0; s < Sections; s++)
            starts[s] = BinaryPrimitives.ReadInt64LittleEndian(trailer[(20 + s * 8)..]);
        var layout = new ScoreColumnsLayout(n, dims, hazards, stride, starts);
        // Fixed-size sections must be exactly as long as the counts say; the variable ones must fit before the trailer.
        long N = n;
        long[] sizes = [N * 8, N * 8, N, N * 4, N * dims * 8, N * 4, N * stride * 4, N, N * 4, N * hazards * 8];
        if (starts[0] != 0)
            return null;
        for (var s = 0; s < sizes.Length; s++)
        {
            if (starts[s + 1] - starts[s] != sizes[s])
                return null;
        }
        var end = total - TrailerBytes;
        if (starts[ExplanationEnds] < starts[Explanations] || end - starts[ExplanationEnds] < N * 8 ||
            starts[Strings] != starts[ExplanationEnds] + N * 8 || starts[ChainTable] < starts[Strings] || starts[ChainTable] > end)
            return null;
        return layout;
    }
}
