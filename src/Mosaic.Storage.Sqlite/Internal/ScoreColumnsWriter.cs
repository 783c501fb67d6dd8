using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Writes a scoring run's results as columns (<see cref="ScoreColumnsLayout"/>) into parts of the
/// <c>score_columns</c> table, through one reused buffer: no row, text or object per household, and no copy of the
/// whole run in memory.
/// </summary>
internal sealed class ScoreColumnsWriter : IDisposable
{
    /// <summary>Most bytes per stored part (a reader finds an offset's part from the parts' stored lengths).</summary>
    public const int PartBytes = 8 << 20;

    private readonly RawStatement _insert;
    private readonly long _runId;
    private readonly byte[] _buffer = new byte[PartBytes];
    private int _used;
    private long _position;

    private ScoreColumnsWriter(SqliteConnection connection, long runId)
    {
        _insert = new RawStatement(connection, "INSERT INTO score_columns (run_id, data) VALUES (?1, ?2)");
        _runId = runId;
    }

    /// <summary>Writes <paramref name="rows"/> as run <paramref name="runId"/>'s columns, inside the caller's transaction.</summary>
    public static void Write(SqliteConnection connection, long runId, ScoreColumnRows rows)
    {
        using var w = new ScoreColumnsWriter(connection, runId);
        w.WriteRun(rows);
    }

    private void WriteRun(ScoreColumnRows rows)
    {
        var n = rows.Count;
        var dims = rows.Dimensions;
        var order = AscendingIds(rows);
        int At(int k) => order is null ? k : order[k];

        // Area chains and exposure areas by index into one string table.
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var chains = new List<int[]>();
        var chainByRef = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        var chainByText = new Dictionary<string, int>(StringComparer.Ordinal);
        var chainOf = new int[n];
        var stride = 0;
        for (var k = 0; k < n; k++)
        {
            var chain = rows.AreaChain(At(k));
            if (!chainByRef.TryGetValue(chain, out var c))
            {
                var text = string.Join('\n', chain);
                if (!chainByText.TryGetValue(text, out c))
                {
                    c = chainByText[text] = chains.Count;
                    chains.Add([.. chain.Select(p => Intern(strings, p))]);
                }
                chainByRef[chain] = c;
            }
            chainOf[k] = c;
            stride = Math.Max(stride, chain.Count);
        }

        var starts = new long[ScoreColumnsLayout.V2Sections];
        starts[ScoreColumnsLayout.Ids] = _position;
        for (var k = 0; k < n; k++)
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), rows.HouseholdId(At(k)));
        starts[ScoreColumnsLayout.Overall] = _position;
        for (var k = 0; k < n; k++)
            BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), rows.Overall(At(k)));
        starts[ScoreColumnsLayout.Classes] = _position;
        for (var k = 0; k < n; k++)
            Reserve(1)[0] = (byte)rows.Class(At(k));
        starts[ScoreColumnsLayout.Ranks] = _position;
        for (var k = 0; k < n; k++)
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), rows.Rank(At(k)));
        starts[ScoreColumnsLayout.DimensionScores] = _position;
        for (var k = 0; k < n; k++)
        {
            var values = rows.DimensionScores(At(k));
            if (values.Length != dims)
                throw new InvalidOperationException($"household {rows.HouseholdId(At(k))} has {values.Length} dimension scores, not {dims}");
            Doubles(values);
        }
        starts[ScoreColumnsLayout.Chains] = _position;
        Ints(chainOf);
        starts[ScoreColumnsLayout.AreaRanks] = _position;
        var row = new int[stride];
        for (var k = 0; k < n; k++)
        {
            Array.Clear(row);
            rows.AreaRanks(At(k)).CopyTo(row);
            Ints(row);
        }
        starts[ScoreColumnsLayout.Methods] = _position;
        for (var k = 0; k < n; k++)
            Reserve(1)[0] = (byte)rows.Method(At(k));
        starts[ScoreColumnsLayout.ExposureAreas] = _position;
        for (var k = 0; k < n; k++)
        {
            var i = At(k);
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4),
                rows.Method(i) == ExposureMethod.AreaShare && rows.ExposureArea(i) is { } area ? Intern(strings, area) : -1);
        }
        // Exposures and explanations repeat (~100 and ~24,000 distinct values in a million households): each
        // household stores the index of its value, each distinct value is stored once after the columns.
        var exposures = new DistinctBytes();
        var explanations = new DistinctBytes();
        starts[ScoreColumnsLayout.Exposure] = _position;
        for (var k = 0; k < n; k++)
        {
            var values = rows.Exposure(At(k));
            if (values.Length != HazardTypes.Count)
                throw new InvalidOperationException($"household {rows.HouseholdId(At(k))} has {values.Length} exposure values, not {HazardTypes.Count}");
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), exposures.Number(LittleEndian(values)));
        }
        starts[ScoreColumnsLayout.ExplanationIndex] = _position;
        for (var k = 0; k < n; k++)
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), explanations.Number(rows.Explanation(At(k))));
        starts[ScoreColumnsLayout.ExposureTable] = _position;
        Bytes(exposures.Bytes);
        starts[ScoreColumnsLayout.ExplanationTexts] = _position;
        Bytes(explanations.Bytes);
        starts[ScoreColumnsLayout.ExplanationEnds] = _position;
        foreach (var end in explanations.Ends)
            BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), end);
        starts[ScoreColumnsLayout.V2Strings] = _position;
        var table = new string[strings.Count];
        foreach (var (text, index) in strings)
            table[index] = text;
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), table.Length);
        foreach (var text in table)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), bytes.Length);
            Bytes(bytes);
        }
        starts[ScoreColumnsLayout.V2ChainTable] = _position;
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), chains.Count);
        foreach (var chain in chains)
        {
            BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), chain.Length);
            Ints(chain);
        }

        var trailer = ScoreColumnsLayout.V2(n, dims, HazardTypes.Count, stride, starts, exposures.Count, explanations.Count);
        Bytes(trailer.ToBytes());
        Flush();
    }

    private readonly byte[] _exposureBytes = new byte[HazardTypes.Count * 8];

    /// <summary>The values' little-endian bytes (the stored form), in a buffer reused by the next call.</summary>
    private ReadOnlySpan<byte> LittleEndian(ReadOnlySpan<double> values)
    {
        for (var j = 0; j < values.Length; j++)
            BinaryPrimitives.WriteDoubleLittleEndian(_exposureBytes.AsSpan(j * 8), values[j]);
        return _exposureBytes;
    }

    /// <summary>Null when the rows already ascend by household id, else the order that makes them.</summary>
    private static int[]? AscendingIds(ScoreColumnRows rows)
    {
        var sorted = true;
        for (var i = 1; i < rows.Count && sorted; i++)
            sorted = rows.HouseholdId(i - 1) < rows.HouseholdId(i);
        if (sorted)
            return null;
        var ids = new long[rows.Count];
        var order = new int[rows.Count];
        for (var i = 0; i < ids.Length; i++)
            (ids[i], order[i]) = (rows.HouseholdId(i), i);
        Array.Sort(ids, order);
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
                throw new InvalidOperationException($"household {ids[i]} was scored twice in one run");
        }
        return order;
    }

    private static int Intern(Dictionary<string, int> strings, string text)
    {
        if (!strings.TryGetValue(text, out var index))
            strings[text] = index = strings.Count;
        return index;
    }

    private void Doubles(ReadOnlySpan<double> values)
    {
        var span = Reserve(values.Length * 8);
        for (var j = 0; j < values.Length; j++)
            BinaryPrimitives.WriteDoubleLittleEndian(span[(j * 8)..], values[j]);
    }

    private void Ints(ReadOnlySpan<int> values)
    {
        for (var at = 0; at < values.Length;)
        {
            var take = Math.Min(values.Length - at, PartBytes / 4);
            var span = Reserve(take * 4);
            for (var j = 0; j < take; j++)
                BinaryPrimitives.WriteInt32LittleEndian(span[(j * 4)..], values[at + j]);
            at += take;
        }
    }

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var take = Math.Min(bytes.Length, PartBytes - _used);
            bytes[..take].CopyTo(_buffer.AsSpan(_used));
            _used += take;
            _position += take;
            bytes = bytes[take..];
            if (_used == PartBytes)
                Flush();
        }
    }

    /// <summary>
    /// A span of <paramref name="bytes"/> (≤ a part) to fill, counted as written. A value never straddles two parts,
    /// so parts may end short of <see cref="PartBytes"/>: the reader finds parts by their stored lengths.
    /// </summary>
    private Span<byte> Reserve(int bytes)
    {
        if (_used + bytes > PartBytes)
            Flush();
        var span = _buffer.AsSpan(_used, bytes);
        _used += bytes;
        _position += bytes;
        return span;
    }

    private void Unreserve(int bytes)
    {
        _used -= bytes;
        _position -= bytes;
    }

    private void Flush()
    {
        if (_used == 0)
            return;
        _insert.Long(1, _runId);
        _insert.Blob(2, _buffer.AsSpan(0, _used));
        _insert.Execute();
        _used = 0;
    }

    public void Dispose() => _insert.Dispose();
}
