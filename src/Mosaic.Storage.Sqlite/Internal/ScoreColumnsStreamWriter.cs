using System.Buffers.Binary;
using System.Text;
using Microsoft.Data.Sqlite;
using Mosaic.Core.Hazards;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Writes a scoring run's columns (<see cref="ScoreColumnsLayout"/> version 3, read back as the same values as
/// <see cref="ScoreColumnsWriter"/> stores for the same run) as the run is scored, chunk by chunk: every household
/// section has its own small buffer and its own range of part numbers, so the parts read back in part order are the
/// sections one after the other, though they were written side by side. The overall ranks, known only once every
/// household is scored, are written last into their own range; area ranks are never stored (version 3: the reader
/// counts them from the ranks and chains). Nothing is held per household.
/// </summary>
internal sealed class ScoreColumnsStreamWriter : IDisposable
{
    /// <summary>Most bytes per stored part of a section.</summary>
    public const int PartBytes = 1 << 20;

    /// <summary>Part numbers of section s are <c>s &lt;&lt; SectionShift</c> onwards (2^40 parts a section).</summary>
    private const int SectionShift = 40;

    /// <summary>The trailer's own range, after every section.</summary>
    private const int TrailerSection = ScoreColumnsLayout.V2Sections;

    private readonly RawStatement _insert;
    private readonly long _runId;
    private readonly int _dims;
    private readonly Section[] _sections = new Section[ScoreColumnsLayout.V2Sections + 1];
    private readonly Dictionary<string, int> _strings = new(StringComparer.Ordinal);
    private readonly List<int[]> _chains = [];
    private readonly Dictionary<object, int> _chainByRef = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, int> _chainByText = new(StringComparer.Ordinal);
    private readonly DistinctBytes _exposures = new();
    private readonly DistinctBytes _explanations = new();
    private readonly byte[] _exposureBytes = new byte[HazardTypes.Count * 8];
    private readonly Contribution[] _top = new Contribution[8];
    private Explanation.Cache? _explanationCache;
    private int _stride;
    private int _appended;
    private long _lastId = long.MinValue;

    public ScoreColumnsStreamWriter(SqliteConnection connection, long runId, int dimensions)
    {
        _insert = new RawStatement(connection, "INSERT INTO score_columns (part, run_id, data) VALUES (?1, ?2, ?3)");
        _runId = runId;
        _dims = dimensions;
        for (var s = 0; s < _sections.Length; s++)
            _sections[s] = new Section(this, s);
    }

    /// <summary>Writes the next households' sections (ids ascending, after the previous chunk's).</summary>
    public void Append(ScoringResult chunk)
    {
        var n = chunk.Count;
        if (_appended + (long)n > Array.MaxLength)
            throw new InvalidOperationException("a run holds at most 2^31 households");
        _explanationCache ??= new Explanation.Cache(chunk.Indicators);
        for (var i = 0; i < n; i++)
        {
            var id = chunk.HouseholdId(i);
            if (id <= _lastId)
                throw new InvalidOperationException($"household {id} was written after household {_lastId}: a streamed run is written in ascending id");
            _lastId = id;
        }
        var ids = _sections[ScoreColumnsLayout.Ids];
        for (var i = 0; i < n; i++)
            BinaryPrimitives.WriteInt64LittleEndian(ids.Reserve(8), chunk.HouseholdId(i));
        var overall = _sections[ScoreColumnsLayout.Overall];
        for (var i = 0; i < n; i++)
            BinaryPrimitives.WriteDoubleLittleEndian(overall.Reserve(8), chunk.Overall(i));
        var classes = _sections[ScoreColumnsLayout.Classes];
        for (var i = 0; i < n; i++)
            classes.Reserve(1)[0] = (byte)chunk.Class(i);
        var dimensions = _sections[ScoreColumnsLayout.DimensionScores];
        for (var i = 0; i < n; i++)
        {
            var values = chunk.Dimensions(i);
            if (values.Length != _dims)
                throw new InvalidOperationException($"household {chunk.HouseholdId(i)} has {values.Length} dimension scores, not {_dims}");
            var span = dimensions.Reserve(values.Length * 8);
            for (var j = 0; j < values.Length; j++)
                BinaryPrimitives.WriteDoubleLittleEndian(span[(j * 8)..], values[j]);
        }
        var chains = _sections[ScoreColumnsLayout.Chains];
        for (var i = 0; i < n; i++)
            BinaryPrimitives.WriteInt32LittleEndian(chains.Reserve(4), ChainIndex(chunk.AreaChain(i)));
        var methods = _sections[ScoreColumnsLayout.Methods];
        for (var i = 0; i < n; i++)
            methods.Reserve(1)[0] = (byte)chunk.Exposures.Method(i);
        var exposureAreas = _sections[ScoreColumnsLayout.ExposureAreas];
        for (var i = 0; i < n; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(exposureAreas.Reserve(4),
                chunk.Exposures.Method(i) == ExposureMethod.AreaShare && chunk.Exposures.AreaPcode(i) is { } area ? Intern(area) : -1);
        }
        var exposure = _sections[ScoreColumnsLayout.Exposure];
        for (var i = 0; i < n; i++)
        {
            var values = chunk.Exposures.Values(i);
            for (var j = 0; j < values.Length; j++)
                BinaryPrimitives.WriteDoubleLittleEndian(_exposureBytes.AsSpan(j * 8), values[j]);
            BinaryPrimitives.WriteInt32LittleEndian(exposure.Reserve(4), _exposures.Number(_exposureBytes));
        }
        var explanation = _sections[ScoreColumnsLayout.ExplanationIndex];
        for (var i = 0; i < n; i++)
        {
            var text = _explanationCache.FormatUtf8(_top.AsSpan(0, chunk.TopContributions(i, _top)));
            BinaryPrimitives.WriteInt32LittleEndian(explanation.Reserve(4), _explanations.Number(text));
        }
        _appended += n;
    }

    /// <summary>Writes the ranks (in household order), the tables and the trailer: the run's bytes are then whole.</summary>
    public void Finish(int[] ranks)
    {
        if (ranks.Length != _appended)
            throw new InvalidOperationException($"{_appended} households were written, {ranks.Length} ranked");
        var section = _sections[ScoreColumnsLayout.Ranks];
        foreach (var rank in ranks)
            BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), rank);
        _sections[ScoreColumnsLayout.ExposureTable].Bytes(_exposures.Bytes);
        _sections[ScoreColumnsLayout.ExplanationTexts].Bytes(_explanations.Bytes);
        section = _sections[ScoreColumnsLayout.ExplanationEnds];
        foreach (var end in _explanations.Ends)
            BinaryPrimitives.WriteInt64LittleEndian(section.Reserve(8), end);
        section = _sections[ScoreColumnsLayout.V2Strings];
        var table = new string[_strings.Count];
        foreach (var (text, index) in _strings)
            table[index] = text;
        BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), table.Length);
        foreach (var text in table)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), bytes.Length);
            section.Bytes(bytes);
        }
        section = _sections[ScoreColumnsLayout.V2ChainTable];
        BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), _chains.Count);
        foreach (var chain in _chains)
        {
            BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), chain.Length);
            foreach (var s in chain)
                BinaryPrimitives.WriteInt32LittleEndian(section.Reserve(4), s);
        }
        // The sections lie one after the other in part order: each starts where the ones before end.
        var starts = new long[ScoreColumnsLayout.V2Sections];
        long at = 0;
        for (var s = 0; s < starts.Length; s++)
        {
            starts[s] = at;
            at += _sections[s].Written;
        }
        var trailer = ScoreColumnsLayout.V2(_appended, _dims, HazardTypes.Count, _stride, starts, _exposures.Count, _explanations.Count, withAreaRanks: false);
        _sections[TrailerSection].Bytes(trailer.ToBytes());
        foreach (var s in _sections)
            s.Flush();
    }

    private int ChainIndex(IReadOnlyList<string> chain)
    {
        if (!_chainByRef.TryGetValue(chain, out var c))
        {
            var text = string.Join('\n', chain);
            if (!_chainByText.TryGetValue(text, out c))
            {
                c = _chainByText[text] = _chains.Count;
                _chains.Add([.. chain.Select(Intern)]);
            }
            _chainByRef[chain] = c;
        }
        _stride = Math.Max(_stride, chain.Count);
        return c;
    }

    private int Intern(string text)
    {
        if (!_strings.TryGetValue(text, out var index))
            _strings[text] = index = _strings.Count;
        return index;
    }

    private void Insert(long part, ReadOnlySpan<byte> data)
    {
        _insert.Long(1, part);
        _insert.Long(2, _runId);
        _insert.Blob(3, data);
        _insert.Execute();
    }

    public void Dispose() => _insert.Dispose();

    /// <summary>One section's buffer and its next part number.</summary>
    private sealed class Section(ScoreColumnsStreamWriter writer, int index)
    {
        private byte[]? _buffer;
        private int _used;
        private long _nextPart = (long)index << SectionShift;

        /// <summary>Bytes of the section so far.</summary>
        public long Written { get; private set; }

        /// <summary>A span of <paramref name="bytes"/> (≤ a part) to fill, counted as written; a value never straddles two parts.</summary>
        public Span<byte> Reserve(int bytes)
        {
            _buffer ??= new byte[PartBytes];
            if (_used + bytes > PartBytes)
                Flush();
            var span = _buffer.AsSpan(_used, bytes);
            _used += bytes;
            Written += bytes;
            return span;
        }

        public void Bytes(ReadOnlySpan<byte> bytes)
        {
            _buffer ??= new byte[PartBytes];
            while (bytes.Length > 0)
            {
                var take = Math.Min(bytes.Length, PartBytes - _used);
                bytes[..take].CopyTo(_buffer.AsSpan(_used));
                _used += take;
                Written += take;
                bytes = bytes[take..];
                if (_used == PartBytes)
                    Flush();
            }
        }

        public void Flush()
        {
            if (_used == 0)
                return;
            writer.Insert(_nextPart++, _buffer.AsSpan(0, _used));
            _used = 0;
        }
    }
}
