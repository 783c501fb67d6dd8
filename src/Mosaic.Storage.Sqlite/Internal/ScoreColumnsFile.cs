using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Storage;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// A scoring run's stored columns (<see cref="ScoreColumnsLayout"/>), read in place through incremental blob I/O:
/// a column in bulk, or one household's values at their offsets, never the whole run.
/// </summary>
internal sealed class ScoreColumnsFile : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly long[] _partIds;
    private readonly long[] _partStarts;
    private readonly SqliteBlob?[] _open;
    private readonly Window?[] _windows = new Window?[ScoreColumnsLayout.V2Sections];
    private string[]? _strings;
    private string[][]? _chains;
    private double[]? _exposureTable;
    private long[]? _explanationEnds;
    private string?[]? _explanations;

    private ScoreColumnsFile(SqliteConnection connection, long[] partIds, long[] partStarts)
    {
        _connection = connection;
        _partIds = partIds;
        _partStarts = partStarts;
        _open = new SqliteBlob?[partIds.Length];
        Layout = null!;
    }

    public ScoreColumnsLayout Layout { get; private set; }

    public int Count => Layout.Households;

    public long RunId { get; private init; }

    /// <summary>The columns of the latest run, or null when it has none (a database scored before migration 13 keeps rows).</summary>
    public static ScoreColumnsFile? OpenLatest(SqliteConnection connection)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("stored score columns are read on little-endian machines only");
        var ids = new List<long>();
        var starts = new List<long> { 0 };
        long runId = 0;
        using (var cmd = connection.CreateCommand(
            "SELECT c.part, length(c.data), c.run_id FROM score_columns c WHERE c.run_id = (SELECT max(id) FROM score_run) ORDER BY c.part", null))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                ids.Add(r.GetInt64(0));
                starts.Add(starts[^1] + r.GetInt64(1));
                runId = r.GetInt64(2);
            }
        }
        if (ids.Count == 0)
            return null;
        var file = new ScoreColumnsFile(connection, [.. ids], [.. starts]) { RunId = runId };
        var total = starts[^1];
        var tail = new byte[Math.Min(total, ScoreColumnsLayout.MaxTrailerBytes)];
        if (tail.Length < ScoreColumnsLayout.V1TrailerBytes)
            throw Damaged(runId);
        file.Read(total - tail.Length, tail);
        file.Layout = ScoreColumnsLayout.Parse(tail, total) ?? throw Damaged(runId);
        return file;
    }

    private static StoreException Damaged(long runId) =>
        new(StoreFailure.Corrupt, $"the stored scores of scoring run {runId} are damaged: run mosaic score again");

    public long[] ReadIds() => ReadColumn<long>(ScoreColumnsLayout.Ids, Count);

    public double[] ReadOverall() => ReadColumn<double>(ScoreColumnsLayout.Overall, Count);

    public int[] ReadRanks() => ReadColumn<int>(ScoreColumnsLayout.Ranks, Count);

    public VulnerabilityClass[] ReadClasses()
    {
        var bytes = ReadColumn<byte>(ScoreColumnsLayout.Classes, Count);
        var classes = new VulnerabilityClass[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (VulnerabilityClass)bytes[i];
            if (!Enum.IsDefined(c))
                throw new StoreException(StoreFailure.Corrupt, $"household at position {i} of scoring run {RunId} has an unknown score class: run mosaic score again");
            classes[i] = c;
        }
        return classes;
    }

    /// <summary>Values of slices read at a time by the streaming reads (<see cref="VisitRanks"/>, <see cref="PositionsOf"/>, <see cref="CountAreaRanksOf"/>).</summary>
    private const int Slice = 8192;

    /// <summary>The id, rank and class columns in slices of <see cref="Slice"/> households: never held whole.</summary>
    public void VisitRanks(ScoreRankSlice visit, CancellationToken cancellationToken)
    {
        var ids = new long[Slice];
        var ranks = new int[Slice];
        var bytes = new byte[Slice];
        var classes = new VulnerabilityClass[Slice];
        for (var at = 0; at < Count; at += Slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var take = Math.Min(Slice, Count - at);
            ReadSlice(ScoreColumnsLayout.Ids, at, ids.AsSpan(0, take));
            ReadSlice(ScoreColumnsLayout.Ranks, at, ranks.AsSpan(0, take));
            ReadSlice(ScoreColumnsLayout.Classes, at, bytes.AsSpan(0, take));
            for (var i = 0; i < take; i++)
            {
                var c = (VulnerabilityClass)bytes[i];
                if (!Enum.IsDefined(c))
                    throw new StoreException(StoreFailure.Corrupt, $"household at position {at + i} of scoring run {RunId} has an unknown score class: run mosaic score again");
                classes[i] = c;
            }
            visit(ids.AsSpan(0, take), ranks.AsSpan(0, take), classes.AsSpan(0, take));
        }
    }

    /// <summary>The positions of <paramref name="sortedIds"/> (ascending, distinct) that the run scored, ascending: the id column streamed once.</summary>
    public List<int> PositionsOf(IReadOnlyList<long> sortedIds)
    {
        var result = new List<int>(sortedIds.Count);
        var ids = new long[Slice];
        var w = 0;
        for (var at = 0; at < Count && w < sortedIds.Count; at += Slice)
        {
            var take = Math.Min(Slice, Count - at);
            ReadSlice(ScoreColumnsLayout.Ids, at, ids.AsSpan(0, take));
            if (ids[take - 1] < sortedIds[w])
                continue;
            for (var i = 0; i < take && w < sortedIds.Count; i++)
            {
                while (w < sortedIds.Count && sortedIds[w] < ids[i])
                    w++;
                if (w < sortedIds.Count && sortedIds[w] == ids[i])
                {
                    result.Add(at + i);
                    w++;
                }
            }
        }
        return result;
    }

    /// <summary>
    /// <see cref="CountAreaRanks"/> for the households at <paramref name="positions"/> (ascending, distinct) without
    /// holding any whole column: each area's asked households are sorted by rank, and the rank and chain columns,
    /// streamed in slices, add each household to the counts of the asked ones at or below its rank in each area of
    /// its chain. The same counts; null when the run stores its area ranks.
    /// </summary>
    public int[]? CountAreaRanksOf(IReadOnlyList<int> positions, CancellationToken cancellationToken)
    {
        if (Layout.StoresAreaRanks)
            return null;
        var n = Count;
        var stride = Layout.Stride;
        var chains = Chains();
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var slots = new int[chains.Length][];
        for (var c = 0; c < chains.Length; c++)
        {
            if (chains[c].Length > stride)
                throw Damaged(RunId);
            slots[c] = new int[chains[c].Length];
            for (var k = 0; k < chains[c].Length; k++)
            {
                if (!slotOf.TryGetValue(chains[c][k], out var slot))
                    slotOf[chains[c][k]] = slot = slotOf.Count;
                slots[c][k] = slot;
            }
        }
        // Each area's asked households: (rank, where its count goes), sorted by rank.
        var asked = new List<(int Rank, int Entry)>[slotOf.Count];
        for (var s = 0; s < asked.Length; s++)
            asked[s] = [];
        for (var w = 0; w < positions.Count; w++)
        {
            var p = positions[w];
            var rank = One<int>(ScoreColumnsLayout.Ranks, Checked(p));
            var chain = One<int>(ScoreColumnsLayout.Chains, p);
            if ((uint)chain >= (uint)chains.Length)
                throw Damaged(RunId);
            for (var k = 0; k < slots[chain].Length; k++)
                asked[slots[chain][k]].Add((rank, w * stride + k));
        }
        var askedRanks = new int[asked.Length][];
        var counts = new int[asked.Length][];
        for (var s = 0; s < asked.Length; s++)
        {
            asked[s].Sort((x, y) => x.Rank.CompareTo(y.Rank));
            askedRanks[s] = [.. asked[s].Select(a => a.Rank)];
            counts[s] = new int[askedRanks[s].Length + 1];
        }
        // The stored ranks must be a permutation of 1..n (one bit per rank).
        var seen = new ulong[(n + 63) / 64];
        var ranks = new int[Slice];
        var chainOf = new int[Slice];
        for (var at = 0; at < n; at += Slice)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var take = Math.Min(Slice, n - at);
            ReadSlice(ScoreColumnsLayout.Ranks, at, ranks.AsSpan(0, take));
            ReadSlice(ScoreColumnsLayout.Chains, at, chainOf.AsSpan(0, take));
            for (var i = 0; i < take; i++)
            {
                var r = ranks[i] - 1;
                if ((uint)r >= (uint)n || (seen[r >> 6] & (1UL << r)) != 0 || (uint)chainOf[i] >= (uint)chains.Length)
                    throw Damaged(RunId);
                seen[r >> 6] |= 1UL << r;
                foreach (var s in slots[chainOf[i]])
                {
                    var list = askedRanks[s];
                    if (list.Length == 0 || list[^1] < ranks[i])
                        continue;
                    // The first asked household at or below this rank, and so every one after it, counts this one.
                    var j = Array.BinarySearch(list, ranks[i]);
                    counts[s][j < 0 ? ~j : j]++;
                }
            }
        }
        var result = new int[positions.Count * stride];
        for (var s = 0; s < asked.Length; s++)
        {
            var sum = 0;
            for (var j = 0; j < asked[s].Count; j++)
            {
                sum += counts[s][j];
                result[asked[s][j].Entry] = sum;
            }
        }
        return result;
    }

    private void ReadSlice<T>(int section, int at, Span<T> into) where T : unmanaged =>
        Read(Layout.Starts[section] + (long)at * Marshal.SizeOf<T>(), MemoryMarshal.AsBytes(into));

    /// <summary>The id of the household at <paramref name="index"/> (read through the section's window).</summary>
    public long Id(int index) => One<long>(ScoreColumnsLayout.Ids, Checked(index));

    /// <summary>The overall score of the household at <paramref name="index"/> (read through the section's window).</summary>
    public double Overall(int index) => One<double>(ScoreColumnsLayout.Overall, Checked(index));

    /// <summary>The overall rank of the household at <paramref name="index"/>.</summary>
    public int Rank(int index) => One<int>(ScoreColumnsLayout.Ranks, Checked(index));

    /// <summary>The class of the household at <paramref name="index"/>.</summary>
    public VulnerabilityClass Class(int index)
    {
        var c = (VulnerabilityClass)One<byte>(ScoreColumnsLayout.Classes, Checked(index));
        if (!Enum.IsDefined(c))
            throw new StoreException(StoreFailure.Corrupt, $"household at position {index} of scoring run {RunId} has an unknown score class: run mosaic score again");
        return c;
    }

    private int Checked(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The highest known exposure of each household (NaN when none is known), read in slices.</summary>
    public double[] ReadMaxExposure()
    {
        if (Layout.Version >= 2)
            return ReadMaxExposureV2();
        var h = Layout.HazardTypes;
        var max = new double[Count];
        var slice = new double[Math.Max(h, 1) * 8192];
        for (var at = 0; at < Count; at += 8192)
        {
            var take = Math.Min(8192, Count - at);
            var span = slice.AsSpan(0, take * h);
            Read(Layout.Starts[ScoreColumnsLayout.Exposure] + at * 8L * h, MemoryMarshal.AsBytes(span));
            for (var i = 0; i < take; i++)
            {
                var m = double.NaN;
                foreach (var v in span.Slice(i * h, h))
                {
                    if (!double.IsNaN(v) && (double.IsNaN(m) || v > m))
                        m = v;
                }
                max[at + i] = m;
            }
        }
        return max;
    }

    private double[] ReadMaxExposureV2()
    {
        var h = Layout.HazardTypes;
        var table = ExposureTable();
        var maxOf = new double[Layout.Exposures];
        for (var e = 0; e < maxOf.Length; e++)
            maxOf[e] = Max(table.AsSpan(e * h, h));
        var index = ReadColumn<int>(ScoreColumnsLayout.Exposure, Count);
        var max = new double[Count];
        for (var i = 0; i < max.Length; i++)
            max[i] = (uint)index[i] < (uint)maxOf.Length ? maxOf[index[i]] : throw Damaged(RunId);
        return max;
    }

    private static double Max(ReadOnlySpan<double> values)
    {
        var m = double.NaN;
        foreach (var v in values)
        {
            if (!double.IsNaN(v) && (double.IsNaN(m) || v > m))
                m = v;
        }
        return m;
    }

    /// <summary>The distinct exposures of a version 2 run, hazard types × doubles each.</summary>
    private double[] ExposureTable() =>
        _exposureTable ??= ReadColumn<double>(ScoreColumnsLayout.ExposureTable, Layout.Exposures * Layout.HazardTypes);

    /// <summary>A version 2 run's distinct explanation <paramref name="number"/> (each decoded once).</summary>
    private string Explanation(int number)
    {
        var ends = _explanationEnds ??= ReadColumn<long>(ScoreColumnsLayout.ExplanationEnds, Layout.Explanations);
        var texts = _explanations ??= new string?[ends.Length];
        if ((uint)number >= (uint)ends.Length)
            throw Damaged(RunId);
        if (texts[number] is { } known)
            return known;
        var start = number == 0 ? 0 : ends[number - 1];
        var room = Layout.Starts[ScoreColumnsLayout.ExplanationEnds] - Layout.Starts[ScoreColumnsLayout.ExplanationTexts];
        if (start < 0 || ends[number] < start || ends[number] > room)
            throw Damaged(RunId);
        var bytes = new byte[ends[number] - start];
        Read(Layout.Starts[ScoreColumnsLayout.ExplanationTexts] + start, bytes);
        return texts[number] = Encoding.UTF8.GetString(bytes);
    }

    /// <summary>The whole stored score of the household at <paramref name="index"/> (position in ascending id).</summary>
    /// <param name="index">The household's position (ascending id).</param>
    /// <param name="householdId">Its id.</param>
    /// <param name="overall">Its overall score.</param>
    /// <param name="cls">Its class.</param>
    /// <param name="rank">Its overall rank.</param>
    /// <param name="counted">
    /// Its area ranks from <see cref="CountAreaRanks"/> (stride values) when the run does not store them, else empty.
    /// </param>
    public StoredScore Score(int index, long householdId, double overall, VulnerabilityClass cls, int rank, ReadOnlySpan<int> counted = default)
    {
        var l = Layout;
        var dims = new double[l.Dimensions];
        Near(ScoreColumnsLayout.DimensionScores, l.Starts[ScoreColumnsLayout.DimensionScores] + index * 8L * l.Dimensions, MemoryMarshal.AsBytes(dims.AsSpan()));
        var chainIndex = One<int>(ScoreColumnsLayout.Chains, index);
        var chains = Chains();
        if ((uint)chainIndex >= (uint)chains.Length || chains[chainIndex].Length > l.Stride)
            throw Damaged(RunId);
        var chain = chains[chainIndex];
        var ranks = new int[l.Stride];
        if (l.StoresAreaRanks)
            Near(ScoreColumnsLayout.AreaRanks, l.Starts[ScoreColumnsLayout.AreaRanks] + index * 4L * l.Stride, MemoryMarshal.AsBytes(ranks.AsSpan()));
        else if (counted.Length == l.Stride)
            counted.CopyTo(ranks);
        else
            throw new ArgumentException("a run without stored area ranks needs the counted ones (CountAreaRanks)", nameof(counted));
        var areaRanks = new AreaRank[chain.Length];
        for (var k = 0; k < chain.Length; k++)
            areaRanks[k] = new AreaRank(chain[k], ranks[k]);
        var method = (ExposureMethod)One<byte>(ScoreColumnsLayout.Methods, index);
        var methodCode = method switch
        {
            ExposureMethod.Gps => "gps",
            ExposureMethod.AreaShare => "area:" + String(One<int>(ScoreColumnsLayout.ExposureAreas, index)),
            _ => "none",
        };
        var exposure = new double[l.HazardTypes];
        string explanation;
        if (l.Version >= 2)
        {
            var tuple = One<int>(ScoreColumnsLayout.Exposure, index);
            if ((uint)tuple >= (uint)l.Exposures)
                throw Damaged(RunId);
            ExposureTable().AsSpan(tuple * l.HazardTypes, l.HazardTypes).CopyTo(exposure);
            explanation = Explanation(One<int>(ScoreColumnsLayout.ExplanationIndex, index));
        }
        else
        {
            Near(ScoreColumnsLayout.Exposure, l.Starts[ScoreColumnsLayout.Exposure] + index * 8L * l.HazardTypes, MemoryMarshal.AsBytes(exposure.AsSpan()));
            var end = One<long>(ScoreColumnsLayout.V1ExplanationEnds, index);
            var start = index == 0 ? 0 : One<long>(ScoreColumnsLayout.V1ExplanationEnds, index - 1);
            var room = l.Starts[ScoreColumnsLayout.V1ExplanationEnds] - l.Starts[ScoreColumnsLayout.V1Explanations];
            if (start < 0 || end < start || end > room)
                throw Damaged(RunId);
            var text = new byte[end - start];
            Near(ScoreColumnsLayout.V1Explanations, l.Starts[ScoreColumnsLayout.V1Explanations] + start, text);
            explanation = Encoding.UTF8.GetString(text);
        }
        return new StoredScore(householdId, overall, cls, rank, dims, areaRanks, methodCode, exposure, explanation);
    }

    /// <summary>
    /// For a run that does not store its area ranks (version 3): those of the households at <paramref name="positions"/>
    /// (ascending, distinct; null = every household), <see cref="ScoreColumnsLayout.Stride"/> values each in that order,
    /// counted as the scoring run ranked them: in rank order, one counter per area of the chains (by P-code). Null when
    /// the run stores them. <paramref name="ranks"/>: the rank column when already read.
    /// </summary>
    public int[]? CountAreaRanks(IReadOnlyList<int>? positions, int[]? ranks = null)
    {
        if (Layout.StoresAreaRanks)
            return null;
        var n = Count;
        var stride = Layout.Stride;
        ranks ??= ReadRanks();
        var chainOf = ReadColumn<int>(ScoreColumnsLayout.Chains, n);
        var chains = Chains();
        var slotOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var slots = new int[chains.Length][];
        for (var c = 0; c < chains.Length; c++)
        {
            if (chains[c].Length > stride)
                throw Damaged(RunId);
            slots[c] = new int[chains[c].Length];
            for (var k = 0; k < chains[c].Length; k++)
            {
                if (!slotOf.TryGetValue(chains[c][k], out var slot))
                    slotOf[chains[c][k]] = slot = slotOf.Count;
                slots[c][k] = slot;
            }
        }
        // Positions by rank: the stored ranks must be a permutation of 1..n.
        var byRank = new int[n];
        byRank.AsSpan().Fill(-1);
        for (var i = 0; i < n; i++)
        {
            var r = ranks[i] - 1;
            if ((uint)r >= (uint)n || byRank[r] >= 0 || (uint)chainOf[i] >= (uint)chains.Length)
                throw Damaged(RunId);
            byRank[r] = i;
        }
        List<int>? wanted = positions is null ? null : [.. positions];
        bool[]? asked = null;
        if (wanted is not null)
        {
            asked = new bool[n];
            foreach (var p in wanted)
                asked[p] = true;
        }
        var result = new int[(wanted?.Count ?? n) * stride];
        var counts = new int[slotOf.Count];
        foreach (var i in byRank)
        {
            var chain = slots[chainOf[i]];
            var at = asked is null ? i : asked[i] ? wanted!.BinarySearch(i) : -1;
            for (var k = 0; k < chain.Length; k++)
            {
                var count = ++counts[chain[k]];
                if (at >= 0)
                    result[at * stride + k] = count;
            }
        }
        return result;
    }

    private string String(int index)
    {
        var strings = Strings();
        return (uint)index < (uint)strings.Length ? strings[index] : throw Damaged(RunId);
    }

    private string[] Strings()
    {
        if (_strings is not null)
            return _strings;
        var at = Layout.Starts[Layout.Strings];
        var count = Int(ref at);
        if (count < 0 || count > Layout.Starts[Layout.ChainTable] - at)
            throw Damaged(RunId);
        var strings = new string[count];
        for (var i = 0; i < count; i++)
        {
            var length = Int(ref at);
            if (length < 0 || at + length > Layout.Starts[Layout.ChainTable])
                throw Damaged(RunId);
            var bytes = new byte[length];
            Read(at, bytes);
            at += length;
            strings[i] = Encoding.UTF8.GetString(bytes);
        }
        return _strings = strings;
    }

    private string[][] Chains()
    {
        if (_chains is not null)
            return _chains;
        var strings = Strings();
        var at = Layout.Starts[Layout.ChainTable];
        var end = _partStarts[^1] - Layout.TrailerBytes;
        var count = Int(ref at);
        if (count < 0 || count > end - at)
            throw Damaged(RunId);
        var chains = new string[count][];
        for (var c = 0; c < count; c++)
        {
            var length = Int(ref at);
            if (length < 0 || at + length * 4L > end)
                throw Damaged(RunId);
            var indices = new int[length];
            Read(at, MemoryMarshal.AsBytes(indices.AsSpan()));
            at += length * 4L;
            chains[c] = [.. indices.Select(i => (uint)i < (uint)strings.Length ? strings[i] : throw Damaged(RunId))];
        }
        return _chains = chains;
    }

    private int Int(ref long at)
    {
        Span<int> one = stackalloc int[1];
        Read(at, MemoryMarshal.AsBytes(one));
        at += 4;
        return one[0];
    }

    private T One<T>(int section, int index) where T : unmanaged
    {
        Span<T> one = stackalloc T[1];
        Near(section, Layout.Starts[section] + (long)index * Marshal.SizeOf<T>(), MemoryMarshal.AsBytes(one));
        return one[0];
    }

    /// <summary>
    /// <see cref="Read"/> through a window of the section's bytes around <paramref name="offset"/>: the households of
    /// a list are read in ascending position, so one blob read serves the neighbours too (a target list's 50,000
    /// households of 1 M took ~8 blob reads each, 1.4 s of CPU; now a few thousand reads in all).
    /// </summary>
    private void Near(int section, long offset, Span<byte> into)
    {
        if (into.Length > Window.Bytes)
        {
            Read(offset, into);
            return;
        }
        var w = _windows[section] ??= new Window();
        if (offset < w.Start || offset + into.Length > w.Start + w.Length)
        {
            var length = (int)Math.Min(Window.Bytes, _partStarts[^1] - offset);
            if (length < into.Length)
                throw Damaged(RunId);
            Read(offset, w.Data.AsSpan(0, length));
            (w.Start, w.Length) = (offset, length);
        }
        w.Data.AsSpan((int)(offset - w.Start), into.Length).CopyTo(into);
    }

    /// <summary>The stored bytes from <see cref="Start"/>, <see cref="Length"/> of them (none yet: Start = -1).</summary>
    private sealed class Window
    {
        public const int Bytes = 16 << 10;

        public byte[] Data { get; } = new byte[Bytes];

        public long Start { get; set; } = -1;

        public int Length { get; set; }
    }

    private T[] ReadColumn<T>(int section, int count) where T : unmanaged
    {
        var values = new T[count];
        Read(Layout.Starts[section], MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    /// <summary>Reads the stored bytes at <paramref name="offset"/> (across parts as needed).</summary>
    private void Read(long offset, Span<byte> into)
    {
        while (into.Length > 0)
        {
            if (offset < 0 || offset >= _partStarts[^1])
                throw Damaged(RunId);
            var part = Array.BinarySearch(_partStarts, offset);
            if (part < 0)
                part = ~part - 1;
            var blob = _open[part] ??= new SqliteBlob(_connection, "score_columns", "data", _partIds[part], readOnly: true);
            var within = offset - _partStarts[part];
            var take = (int)Math.Min(into.Length, _partStarts[part + 1] - offset);
            blob.Position = within;
            var done = 0;
            while (done < take)
            {
                var read = blob.Read(into.Slice(done, take - done));
                if (read <= 0)
                    throw Damaged(RunId);
                done += read;
            }
            into = into[take..];
            offset += take;
        }
    }

    public void Dispose()
    {
        foreach (var blob in _open)
            blob?.Dispose();
    }
}
