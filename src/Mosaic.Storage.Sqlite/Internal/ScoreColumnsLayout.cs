using System.Buffers.Binary;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// The layout of a scoring run's stored columns (migration 13's <c>score_columns</c> parts, read back to back). Every
/// household column is in ascending household id, little-endian, one section after the other:
/// ids (long), overall score (double), class (byte), rank (int), dimension scores (double × dimensions), area chain
/// (int: index into the chain table), area ranks (int × stride, root first, zero-padded), exposure method (byte),
/// exposure area (int: string index, -1 = none), then
/// <list type="bullet">
/// <item>version 1 (<c>MSC1</c>, written before issue 14's scale9): exposure (double × hazard types), explanations
/// (UTF-8 back to back), explanation ends (long, relative to the explanations' start);</item>
/// <item>version 2 (<c>MSC2</c>): exposure (int: index into the exposure table), explanation (int: index into the
/// explanation table), the exposure table (double × hazard types per distinct exposure), the distinct explanations
/// (UTF-8 back to back) and their ends (long, relative to the texts' start). A national registry has ~100 distinct
/// exposures and ~24,000 distinct explanations for a million households: 4 + 4 bytes a household instead of ~124;</item>
/// </list>
/// then the string table (count, then length + UTF-8 each) and the chain table (count, then length + string indices
/// each). A fixed trailer at the very end gives the counts and where each section starts; a reader checks it against
/// the stored length before using any section.
/// </summary>
internal sealed record ScoreColumnsLayout(int Version, int Households, int Dimensions, int HazardTypes, int Stride, long[] Starts,
    int Exposures = 0, int Explanations = 0)
{
    // Sections of both versions.
    public const int Ids = 0, Overall = 1, Classes = 2, Ranks = 3, DimensionScores = 4, Chains = 5, AreaRanks = 6, Methods = 7,
        ExposureAreas = 8, Exposure = 9;

    // Version 1: Exposure holds the values; the explanations are stored per household.
    public const int V1Explanations = 10, V1ExplanationEnds = 11, V1Strings = 12, V1ChainTable = 13, V1Sections = 14;

    // Version 2: Exposure holds an index; the tables after the household columns.
    public const int ExplanationIndex = 10, ExposureTable = 11, ExplanationTexts = 12, ExplanationEnds = 13, V2Strings = 14,
        V2ChainTable = 15, V2Sections = 16;

    public const int V1TrailerBytes = 4 + 4 * 4 + V1Sections * 8;

    public const int V2TrailerBytes = 4 + 6 * 4 + V2Sections * 8;

    /// <summary>The longest trailer: a reader reads this many bytes from the end (or all of them when fewer).</summary>
    public const int MaxTrailerBytes = V2TrailerBytes;

    private static ReadOnlySpan<byte> V1Magic => "MSC1"u8;

    private static ReadOnlySpan<byte> V2Magic => "MSC2"u8;

    public int Strings => Version == 1 ? V1Strings : V2Strings;

    public int ChainTable => Version == 1 ? V1ChainTable : V2ChainTable;

    public int TrailerBytes => Version == 1 ? V1TrailerBytes : V2TrailerBytes;

    /// <summary>A version 2 trailer (the writer writes no other).</summary>
    public static ScoreColumnsLayout V2(int households, int dimensions, int hazardTypes, int stride, long[] starts, int exposures, int explanations) =>
        new(2, households, dimensions, hazardTypes, stride, starts, exposures, explanations);

    public byte[] ToBytes()
    {
        if (Version != 2)
            throw new InvalidOperationException("only version 2 score columns are written");
        var bytes = new byte[V2TrailerBytes];
        V2Magic.CopyTo(bytes);
        int[] counts = [Households, Dimensions, HazardTypes, Stride, Exposures, Explanations];
        for (var k = 0; k < counts.Length; k++)
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 + k * 4), counts[k]);
        for (var s = 0; s < V2Sections; s++)
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(4 + counts.Length * 4 + s * 8), Starts[s]);
        return bytes;
    }

    /// <summary>
    /// The layout of <paramref name="total"/> stored bytes from their last bytes (<paramref name="tail"/>, up to
    /// <see cref="MaxTrailerBytes"/>), or null when no trailer there describes them.
    /// </summary>
    public static ScoreColumnsLayout? Parse(ReadOnlySpan<byte> tail, long total)
    {
        if (tail.Length >= V2TrailerBytes && tail[^V2TrailerBytes..][..4].SequenceEqual(V2Magic))
            return ParseV2(tail[^V2TrailerBytes..], total);
        if (tail.Length >= V1TrailerBytes && tail[^V1TrailerBytes..][..4].SequenceEqual(V1Magic))
            return ParseV1(tail[^V1TrailerBytes..], total);
        return null;
    }

    private static ScoreColumnsLayout? ParseV1(ReadOnlySpan<byte> trailer, long total)
    {
        var n = BinaryPrimitives.ReadInt32LittleEndian(trailer[4..]);
        var dims = BinaryPrimitives.ReadInt32LittleEndian(trailer[8..]);
        var hazards = BinaryPrimitives.ReadInt32LittleEndian(trailer[12..]);
        var stride = BinaryPrimitives.ReadInt32LittleEndian(trailer[16..]);
        if (n < 0 || dims < 0 || hazards < 0 || stride < 0)
            return null;
        var starts = new long[V1Sections];
        for (var s = 0; s < V1Sections; s++)
            starts[s] = BinaryPrimitives.ReadInt64LittleEndian(trailer[(20 + s * 8)..]);
        // Fixed-size sections must be exactly as long as the counts say; the variable ones must fit before the trailer.
        long N = n;
        if (!Fixed(starts, [.. HouseholdSizes(N, dims, stride), N * hazards * 8]))
            return null;
        var end = total - V1TrailerBytes;
        if (starts[V1ExplanationEnds] < starts[V1Explanations] || end - starts[V1ExplanationEnds] < N * 8 ||
            starts[V1Strings] != starts[V1ExplanationEnds] + N * 8 || starts[V1ChainTable] < starts[V1Strings] || starts[V1ChainTable] > end)
            return null;
        return new ScoreColumnsLayout(1, n, dims, hazards, stride, starts);
    }

    private static ScoreColumnsLayout? ParseV2(ReadOnlySpan<byte> trailer, long total)
    {
        var counts = new int[6];
        for (var k = 0; k < counts.Length; k++)
            counts[k] = BinaryPrimitives.ReadInt32LittleEndian(trailer[(4 + k * 4)..]);
        if (counts.Any(c => c < 0))
            return null;
        var (n, dims, hazards, stride, exposures, explanations) = (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
        var starts = new long[V2Sections];
        for (var s = 0; s < V2Sections; s++)
            starts[s] = BinaryPrimitives.ReadInt64LittleEndian(trailer[(4 + counts.Length * 4 + s * 8)..]);
        long N = n;
        if (!Fixed(starts, [.. HouseholdSizes(N, dims, stride), N * 4, N * 4, (long)exposures * hazards * 8]))
            return null;
        var end = total - V2TrailerBytes;
        if (starts[ExplanationEnds] < starts[ExplanationTexts] || starts[V2Strings] != starts[ExplanationEnds] + explanations * 8L ||
            starts[V2ChainTable] < starts[V2Strings] || starts[V2ChainTable] > end)
            return null;
        return new ScoreColumnsLayout(2, n, dims, hazards, stride, starts, exposures, explanations);
    }

    /// <summary>Sizes of the sections both versions share, Ids to ExposureAreas.</summary>
    private static long[] HouseholdSizes(long n, int dims, int stride) => [n * 8, n * 8, n, n * 4, n * dims * 8, n * 4, n * stride * 4, n, n * 4];

    private static bool Fixed(long[] starts, long[] sizes)
    {
        if (starts[0] != 0)
            return false;
        for (var s = 0; s < sizes.Length; s++)
        {
            if (starts[s + 1] - starts[s] != sizes[s])
                return false;
        }
        return true;
    }
}
