namespace Mosaic.Core.Mobility;

/// <summary>
/// Persons in an observed group by sex × default age band (<see cref="AgeGroups"/>), and the total. The total
/// may exceed the sum of the cells when some travellers' sex or age was not recorded, never the reverse.
/// </summary>
public readonly record struct FlowCounts(
    int Male0To4, int Male5To17, int Male18To59, int Male60Plus,
    int Female0To4, int Female5To17, int Female18To59, int Female60Plus,
    int Total)
{
    /// <summary>Sum of the sex × age cells.</summary>
    public int CellSum => Male0To4 + Male5To17 + Male18To59 + Male60Plus + Female0To4 + Female5To17 + Female18To59 + Female60Plus;

    /// <summary>Males over the four age bands (travellers of unrecorded sex or age not included).</summary>
    public int Males => Male0To4 + Male5To17 + Male18To59 + Male60Plus;

    /// <summary>Females over the four age bands (travellers of unrecorded sex or age not included).</summary>
    public int Females => Female0To4 + Female5To17 + Female18To59 + Female60Plus;

    /// <summary>The cells in the order of <see cref="CellNames"/>.</summary>
    public int[] Cells() => [Male0To4, Male5To17, Male18To59, Male60Plus, Female0To4, Female5To17, Female18To59, Female60Plus];

    /// <summary>Column names of the cells in the flows file format.</summary>
    public static IReadOnlyList<string> CellNames { get; } =
        ["m_0_4", "m_5_17", "m_18_59", "m_60plus", "f_0_4", "f_5_17", "f_18_59", "f_60plus"];

    /// <summary>Builds counts from cells in <see cref="CellNames"/> order.</summary>
    public static FlowCounts FromCells(ReadOnlySpan<int> c, int total) => new(c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7], total);
}
