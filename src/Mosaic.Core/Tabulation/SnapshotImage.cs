using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using System.Text;
using Mosaic.Core.Areas;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The persisted form of a <see cref="RegistrySnapshot"/>: its columns as raw little-endian arrays after a small
/// header, so reading one back is a few bulk copies, no per-value cost. Layout: <c>MOSAICSN</c>, format number
/// (u32), payload length (u64), XxHash3 of the payload (u64), scoring section length (u64), XxHash3 of the scoring
/// section (u64), payload, scoring section (the <see cref="ScoringColumns"/>). The payload is the small fields and
/// their own XxHash3, then the columns, each as its value count (i32), its values and their XxHash3 (u64): a reader
/// of a few columns (<see cref="TryOpenDeferred"/>) checks what it reads without reading the rest. Every reader checks the total length; a
/// reader that does not score stops before the scoring section and never reads or allocates it. A torn or altered image fails the length or
/// checksum test and is refused (<see cref="TryRead(Stream, IEnumerable{Area}, bool)"/> returns null), so the caller rebuilds. The area tree is not
/// in the image: it is read from the store each time (it is small, and area edits then never invalidate an image).
/// </summary>
internal static partial class SnapshotImage
{
    /// <summary>Receives one slice of a column read by <see cref="HashingReader.Visit"/> and the index of its first value.</summary>
    private delegate void SliceVisitor<T>(ReadOnlySpan<T> values, int at) where T : unmanaged;

    /// <summary>Changes whenever the layout below changes: an image of another format is rebuilt, never misread.</summary>
    public const uint Format = 4;

    private static ReadOnlySpan<byte> Magic => "MOSAICSN"u8;

    private const int HeaderLength = 8 + 4 + 8 + 8 + 8 + 8;

    /// <summary>Whether this machine can read and write images (they are little-endian).</summary>
    public static bool Supported => BitConverter.IsLittleEndian;

    /// <summary>The image of <paramref name="snapshot"/>, stamped with what it covers.</summary>
    public static byte[] Write(RegistrySnapshot snapshot, SnapshotCoverage coverage)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(coverage);
        if (snapshot.Scoring is not { } scoring || !scoring.Fits(snapshot.HouseholdCount) || snapshot.IsPartial)
            throw new InvalidOperationException("a snapshot read without its scoring columns (or some of its columns) cannot be written");
        // The small fields first, then the columns copied straight into the one image array (sized by a counting
        // pass): writing a national registry's image needs its own size in memory once, not twice.
        using var head = new MemoryStream();
        using (var w = new BinaryWriter(head, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(coverage.RegistryVersion);
            w.Write(coverage.Rewrites);
            w.Write(coverage.LastHouseholdId);
            w.Write(coverage.ScoreRunId);
            Strings(w, coverage.OptionalNumbers);
            w.Write(snapshot.HouseholdCount);
            w.Write(snapshot.PersonCount);
            w.Write(snapshot.HasRecordKeys);
            Strings(w, snapshot.Areas.Pcodes);
            Strings(w, snapshot.Countries);
        }
        var small = head.ToArray();
        var counting = new Sink(null, small);
        var mainLength = Columns(counting, snapshot, coverage);
        var sectionLength = ScoringSection(counting, scoring);
        var image = new byte[checked(HeaderLength + mainLength + sectionLength)];
        var sink = new Sink(image, small);
        Columns(sink, snapshot, coverage);
        ScoringSection(sink, scoring);
        var body = image.AsSpan(HeaderLength, (int)mainLength);
        var section = image.AsSpan(HeaderLength + (int)mainLength, (int)sectionLength);
        Magic.CopyTo(image);
        BinaryPrimitives.WriteUInt32LittleEndian(image.AsSpan(8), Format);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(12), (ulong)body.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(20), XxHash3.HashToUInt64(body));
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(28), (ulong)section.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(image.AsSpan(36), XxHash3.HashToUInt64(section));
        return image;
    }

    /// <summary>The payload (small fields, then the columns) into <paramref name="s"/>; returns its length.</summary>
    private static long Columns(Sink s, RegistrySnapshot snapshot, SnapshotCoverage coverage)
    {
        s.Start(HeaderLength);
        s.Head();
        s.Column(snapshot.PersonStart);
        s.Column(snapshot.Area);
        s.Column(snapshot.Dwelling);
        s.Column(snapshot.RemittanceChange);
        s.Column(snapshot.HouseholdFlags);
        s.Column(snapshot.Shocks);
        s.Column(snapshot.HeadSex);
        s.Column(snapshot.IncomeBefore);
        s.Column(snapshot.IncomeNow);
        s.Column(snapshot.RemittanceAmount);
        s.Column(snapshot.HouseholdKey);
        s.Column(snapshot.HouseholdId);
        s.Column(snapshot.ReferenceWelfare);
        s.Column(snapshot.Sex);
        s.Column(snapshot.Age);
        s.Column(snapshot.Relation);
        s.Column(snapshot.MigratoryStatus);
        s.Column(snapshot.MoveReason);
        s.Column(snapshot.PersonFlags);
        s.Column(snapshot.PreviousCountry);
        s.Column(snapshot.MoveMonth);
        s.Column(snapshot.PersonKey);
        foreach (var name in coverage.OptionalNumbers)
            s.Column(snapshot.ExtraNumbers.TryGetValue(name, out var v) ? v : new float[snapshot.HouseholdCount]);
        return s.At - HeaderLength;
    }

    /// <summary>The scoring section into <paramref name="s"/>, after the payload; returns its length.</summary>
    private static long ScoringSection(Sink s, ScoringColumns scoring)
    {
        var start = s.At;
        s.Column(scoring.Latitude);
        s.Column(scoring.Longitude);
        s.Column(scoring.IncomeBefore);
        s.Column(scoring.IncomeNow);
        s.Column(scoring.SubmissionStart);
        s.Column(scoring.SubmissionBytes);
        return s.At - start;
    }

    /// <summary>Counts (no target) or copies (into the image) the payload's bytes in order.</summary>
    private sealed class Sink(byte[]? image, byte[] head)
    {
        public long At { get; private set; }

        public void Start(long at) => At = at;

        public void Head()
        {
            Put(head);
            Hash(head);
        }

        public void Column<T>(T[] values) where T : unmanaged
        {
            Span<byte> length = stackalloc byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(length, values.Length);
            Put(length);
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            Put(bytes);
            Hash(bytes);
        }

        /// <summary>The XxHash3 of <paramref name="bytes"/> (computed only when copying).</summary>
        private void Hash(ReadOnlySpan<byte> bytes)
        {
            Span<byte> hash = stackalloc byte[8];
            if (image is not null)
                BinaryPrimitives.WriteUInt64LittleEndian(hash, XxHash3.HashToUInt64(bytes));
            Put(hash);
        }

        private void Put(ReadOnlySpan<byte> bytes)
        {
            if (image is not null)
                bytes.CopyTo(image.AsSpan(checked((int)At)));
            At += bytes.Length;
        }
    }

    /// <summary>
    /// The snapshot in <paramref name="image"/> with what it covers, or null when the image is not whole (torn,
    /// truncated, altered) or of another format. Never throws on bad bytes.
    /// </summary>
    /// <param name="image">The image bytes.</param>
    /// <param name="tree">The store's current area tree.</param>
    /// <param name="scoring">Also read the scoring section (<see cref="RegistrySnapshot.Scoring"/>; null without it).</param>
    public static (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? TryRead(byte[] image, IEnumerable<Area> tree, bool scoring = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var stream = new MemoryStream(image, writable: false);
        return TryRead(stream, tree, scoring);
    }

    /// <summary>
    /// As <see cref="TryRead(byte[], IEnumerable{Area}, bool)"/>, reading the stream (of known length) straight into the
    /// columns: the image is never held as a whole beside them, so a read needs the memory of the columns only. The
    /// checksum is computed on the way and checked at the end; a mismatch drops the columns read.
    /// </summary>
    /// <param name="image">The image, of known length.</param>
    /// <param name="tree">The store's current area tree.</param>
    /// <param name="scoring">Also read (and check) the scoring section; without it the snapshot's <see cref="RegistrySnapshot.Scoring"/> is null.</param>
    public static (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? TryRead(Stream image, IEnumerable<Area> tree, bool scoring = true) =>
        TryRead(image, tree, scoring, null);

    /// <summary>
    /// As <see cref="TryRead(Stream, IEnumerable{Area}, bool)"/>, keeping only the columns of <paramref name="projection"/>
    /// (null: all): the others are read and checksummed through a small buffer, never allocated, and the snapshot is
    /// then <see cref="RegistrySnapshot.IsPartial"/>.
    /// </summary>
    public static (RegistrySnapshot Snapshot, SnapshotCoverage Coverage)? TryRead(Stream image, IEnumerable<Area> tree, bool scoring, SnapshotProjection? projection)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tree);
        if (ReadHeader(image, image.Length) is not { } header)
            return null;
        try
        {
            using var buffered = new BufferedStream(image, 1 << 16); // small fields; whole columns bypass the buffer
            var reader = new HashingReader(buffered, header.Length);
            var parsed = Parse(reader, tree, projection);
            if (reader.Hash() != header.Hash)
                return null;
            if (!scoring)
                return parsed;
            var tail = new HashingReader(buffered, header.SectionLength);
            var households = parsed.Item1.HouseholdCount;
            var columns = new ScoringColumns
            {
                Latitude = tail.Column<double>(households),
                Longitude = tail.Column<double>(households),
                IncomeBefore = tail.Column<double>(households),
                IncomeNow = tail.Column<double>(households),
                SubmissionStart = tail.Column<int>(households + 1),
                SubmissionBytes = tail.Column<byte>(-1),
            };
            if (!tail.AtEnd || tail.Hash() != header.SectionHash || !columns.Fits(households))
                return null;
            return (parsed.Item1.WithScoring(columns), parsed.Item2);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or EndOfStreamException or InvalidOperationException or OverflowException or IOException)
        {
            // Bytes this reader cannot parse: torn, forged or a bug; either way rebuild.
            return null;
        }
    }

    /// <summary>
    /// The <see cref="Targeting.TargetingColumns"/> of an image with what it covers, read straight from the stream in
    /// slices (no column of the image is allocated: the member statuses become a bit set per household as they pass),
    /// or null when the image is not whole or of another format (as <see cref="TryRead(Stream, IEnumerable{Area}, bool, SnapshotProjection?)"/>),
    /// or holds codes the compact form cannot (<paramref name="fits"/> false: read it through a projection instead).
    /// Every byte of the payload is read and checksummed; the scoring section is not read.
    /// </summary>
    public static (Targeting.TargetingColumns Columns, SnapshotCoverage Coverage)? TryReadTargeting(Stream image, IEnumerable<Area> tree, out bool fits)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tree);
        fits = true;
        if (ReadHeader(image, image.Length) is not { } header)
            return null;
        try
        {
            using var buffered = new BufferedStream(image, 1 << 16);
            var reader = new HashingReader(buffered, header.Length);
            var parsed = ParseTargeting(reader, tree);
            if (reader.Hash() != header.Hash)
                return null;
            if (parsed is null)
                fits = false;
            return parsed;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or EndOfStreamException or InvalidOperationException or OverflowException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// <see cref="Parse"/>'s walk over the same columns in the same order, keeping only what targeting needs as
    /// <see cref="Targeting.TargetingColumns"/>; null (after reading everything) when the image does not fit that form.
    /// </summary>
    private static (Targeting.TargetingColumns, SnapshotCoverage)? ParseTargeting(HashingReader r, IEnumerable<Area> tree)
    {
        var (coverage, households, persons, _, areas, _) = ReadHead(r, tree);
        r.EndOfHead();
        var fits = areas.Pcodes.Count <= Targeting.TargetingColumns.MaxAreas;
        // Persons per household, as the person columns pass: one byte each (larger households apart).
        var size = new byte[households];
        var large = new Dictionary<int, int>();
        var last = 0;
        r.Visit<int>(households + 1, (values, at) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                var h = at + i;
                if (h == 0)
                {
                    if (values[i] != 0)
                        throw new FormatException("persons do not start at 0");
                    continue;
                }
                var n = values[i] - last;
                if (n < 0 || values[i] > persons)
                    throw new FormatException("person starts do not ascend");
                if (n > byte.MaxValue)
                    large[h - 1] = n;
                else
                    size[h - 1] = (byte)n;
                last = values[i];
            }
        });
        if (last != persons)
            throw new FormatException("person starts do not end at the person count");
        var area = new ushort[households];
        var count = areas.Pcodes.Count;
        r.Visit<int>(households, (values, at) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                if ((uint)values[i] >= (uint)count)
                    throw new FormatException("area index out of range");
                area[at + i] = (ushort)values[i];
            }
        });
        r.Skip<byte>(households); // Dwelling
        r.Skip<byte>(households); // RemittanceChange
        var info = new byte[households];
        r.Visit<byte>(households, (values, at) => values.CopyTo(info.AsSpan(at)));
        r.Skip<byte>(households); // Shocks
        r.Visit<byte>(households, (values, at) =>
        {
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] > Targeting.TargetingColumns.MaxHeadSexCode)
                    fits = false;
                else
                    info[at + i] = Targeting.TargetingColumns.PackInfo(info[at + i], values[i]);
            }
        });
        r.Skip<float>(households); // IncomeBefore
        r.Skip<float>(households); // IncomeNow
        r.Skip<float>(households); // RemittanceAmount
        r.Skip<uint>(households); // HouseholdKey
        var ids = new Targeting.HouseholdIdRuns.Builder();
        r.Visit<long>(households, (values, _) =>
        {
            foreach (var id in values)
            {
                if (!ids.TryAdd(id))
                    fits = false;
            }
        });
        var welfare = new Targeting.WelfareColumn.Builder(households);
        r.Visit<double>(households, (values, _) =>
        {
            foreach (var w in values)
                welfare.Add(w);
        });
        r.Skip<byte>(persons); // Sex
        r.Skip<byte>(persons); // Age
        r.Skip<byte>(persons); // Relation
        var statuses = new ushort[households];
        var (household, left) = (0, 0);
        r.Visit<byte>(persons, (values, _) =>
        {
            foreach (var code in values)
            {
                while (left == 0)
                {
                    left = large.TryGetValue(household, out var n) ? n : size[household];
                    if (left == 0)
                        household++;
                    else
                        break;
                }
                if (code > Targeting.TargetingColumns.MaxStatusCode)
                    fits = false;
                else if (code != 0)
                    statuses[household] |= (ushort)(1 << (code - 1));
                if (--left == 0)
                    household++;
            }
        });
        r.Skip<byte>(persons); // MoveReason
        r.Skip<byte>(persons); // PersonFlags
        r.Skip<ushort>(persons); // PreviousCountry
        r.Skip<ushort>(persons); // MoveMonth
        r.Skip<uint>(persons); // PersonKey
        foreach (var _ in coverage.OptionalNumbers)
            r.Skip<float>(households);
        if (!r.AtEnd)
            throw new FormatException("bytes after the last column");
        if (!fits)
            return null;
        return (new Targeting.TargetingColumns(areas, households, area, info, statuses, welfare.Build(), ids.Build()), coverage);
    }

    /// <summary>The small fields at the start of the payload, as <see cref="Write"/> puts them (their hash follows).</summary>
    private static (SnapshotCoverage Coverage, int Households, int Persons, bool HasKeys, SnapshotAreas Areas, string[] Countries) ReadHead(
        HashingReader r, IEnumerable<Area> tree)
    {
        var coverage = new SnapshotCoverage(r.Int64(), r.Int64(), r.Int64(), r.Int64(), r.Strings());
        var households = r.Int32();
        var persons = r.Int32();
        var hasKeys = r.Bool();
        var areas = new SnapshotAreas(tree);
        foreach (var pcode in r.Strings())
            areas.Intern(pcode);
        return (coverage, households, persons, hasKeys, areas, r.Strings());
    }

    private static (RegistrySnapshot, SnapshotCoverage) Parse(HashingReader r, IEnumerable<Area> tree, SnapshotProjection? projection)
    {
        bool Keep(string column) => projection is null || projection.Keeps(column);
        var (coverage, households, persons, hasKeys, areas, countries) = ReadHead(r, tree);
        r.EndOfHead();
        var extras = new Dictionary<string, float[]>(StringComparer.Ordinal);
        var snapshot = new RegistrySnapshot(areas, households, persons)
        {
            PersonStart = r.Column<int>(households + 1, Keep(nameof(RegistrySnapshot.PersonStart)), nameof(RegistrySnapshot.PersonStart)),
            Area = r.Column<int>(households, Keep(nameof(RegistrySnapshot.Area)), nameof(RegistrySnapshot.Area)),
            Dwelling = r.Column<byte>(households, Keep(nameof(RegistrySnapshot.Dwelling)), nameof(RegistrySnapshot.Dwelling)),
            RemittanceChange = r.Column<byte>(households, Keep(nameof(RegistrySnapshot.RemittanceChange)), nameof(RegistrySnapshot.RemittanceChange)),
            HouseholdFlags = r.Column<byte>(households, Keep(nameof(RegistrySnapshot.HouseholdFlags)), nameof(RegistrySnapshot.HouseholdFlags)),
            Shocks = r.Column<byte>(households, Keep(nameof(RegistrySnapshot.Shocks)), nameof(RegistrySnapshot.Shocks)),
            HeadSex = r.Column<byte>(households, Keep(nameof(RegistrySnapshot.HeadSex)), nameof(RegistrySnapshot.HeadSex)),
            IncomeBefore = r.Column<float>(households, Keep(nameof(RegistrySnapshot.IncomeBefore)), nameof(RegistrySnapshot.IncomeBefore)),
            IncomeNow = r.Column<float>(households, Keep(nameof(RegistrySnapshot.IncomeNow)), nameof(RegistrySnapshot.IncomeNow)),
            RemittanceAmount = r.Column<float>(households, Keep(nameof(RegistrySnapshot.RemittanceAmount)), nameof(RegistrySnapshot.RemittanceAmount)),
            HouseholdKey = r.Column<uint>(households, Keep(nameof(RegistrySnapshot.HouseholdKey)), nameof(RegistrySnapshot.HouseholdKey)),
            HouseholdId = r.Column<long>(households, Keep(nameof(RegistrySnapshot.HouseholdId)), nameof(RegistrySnapshot.HouseholdId)),
            ReferenceWelfare = r.Column<double>(households, Keep(nameof(RegistrySnapshot.ReferenceWelfare)), nameof(RegistrySnapshot.ReferenceWelfare)),
            Sex = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.Sex)), nameof(RegistrySnapshot.Sex)),
            Age = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.Age)), nameof(RegistrySnapshot.Age)),
            Relation = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.Relation)), nameof(RegistrySnapshot.Relation)),
            MigratoryStatus = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.MigratoryStatus)), nameof(RegistrySnapshot.MigratoryStatus)),
            MoveReason = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.MoveReason)), nameof(RegistrySnapshot.MoveReason)),
            PersonFlags = r.Column<byte>(persons, Keep(nameof(RegistrySnapshot.PersonFlags)), nameof(RegistrySnapshot.PersonFlags)),
            PreviousCountry = r.Column<ushort>(persons, Keep(nameof(RegistrySnapshot.PreviousCountry)), nameof(RegistrySnapshot.PreviousCountry)),
            MoveMonth = r.Column<ushort>(persons, Keep(nameof(RegistrySnapshot.MoveMonth)), nameof(RegistrySnapshot.MoveMonth)),
            PersonKey = r.Column<uint>(persons, Keep(nameof(RegistrySnapshot.PersonKey)), nameof(RegistrySnapshot.PersonKey)),
            Countries = [.. countries],
            HasRecordKeys = hasKeys,
            ExtraNumbers = extras,
            IsPartial = projection is not null,
        };
        foreach (var name in coverage.OptionalNumbers)
        {
            var column = r.Column<float>(households, projection is null || projection.ExtraNumbers);
            if (projection is null || projection.ExtraNumbers)
                extras[name] = column;
        }
        if (!r.AtEnd)
            throw new FormatException("bytes after the last column");
        return (snapshot, coverage);
    }

    /// <summary>
    /// Checks <paramref name="image"/> whole (length, format, both checksums, as <see cref="TryRead(Stream, IEnumerable{Area}, bool, SnapshotProjection)"/>)
    /// through a small buffer, allocating no column, and returns where its columns lie, for reads by household range;
    /// null when the image is not whole or of another format. The caller keeps the image unchanged while it reads
    /// (a store reads it inside its transaction).
    /// </summary>
    public static ChunkedImage? TryOpenChunked(IRandomAccessImage image, IEnumerable<Area> tree)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(tree);
        try
        {
            using var stream = new BufferedStream(new ImageAtStream(image), 1 << 16);
            if (ReadHeader(stream, image.Length) is not { } header)
                return null;
            var offsets = new Dictionary<string, (long Offset, int Count)>(StringComparer.Ordinal);
            var reader = new HashingReader(stream, header.Length) { Offsets = offsets, Start = HeaderLength };
            var (snapshot, coverage) = Parse(reader, tree, SnapshotProjection.None);
            if (reader.Hash() != header.Hash)
                return null;
            var households = snapshot.HouseholdCount;
            var tail = new HashingReader(stream, header.SectionLength) { Offsets = offsets, Start = HeaderLength + header.Length };
            tail.Column<double>(households, keep: false, "Latitude");
            tail.Column<double>(households, keep: false, "Longitude");
            tail.Column<double>(households, keep: false, "ScoringIncomeBefore");
            tail.Column<double>(households, keep: false, "ScoringIncomeNow");
            tail.Column<int>(households + 1, keep: false, "SubmissionStart");
            tail.Column<byte>(-1, keep: false, "SubmissionBytes");
            if (!tail.AtEnd || tail.Hash() != header.SectionHash)
                return null;
            var chunked = new ChunkedImage(image, snapshot.Areas, households, snapshot.PersonCount, coverage, offsets);
            return chunked.Fits() ? chunked : null;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or EndOfStreamException or InvalidOperationException or OverflowException or IOException)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the header from <paramref name="stream"/> (at the image's start; <paramref name="imageLength"/>: the whole
    /// image's length): null when this machine cannot read images, the image is of another format, or the lengths it
    /// records do not add up to the image's.
    /// </summary>
    private static ImageHeader? ReadHeader(Stream stream, long imageLength)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        if (!Supported || imageLength < HeaderLength || stream.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) != HeaderLength ||
            !header[..8].SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != Format)
            return null;
        var length = BinaryPrimitives.ReadUInt64LittleEndian(header[12..]);
        var sectionLength = BinaryPrimitives.ReadUInt64LittleEndian(header[28..]);
        if (length > (ulong)imageLength || sectionLength > (ulong)imageLength || length + sectionLength != (ulong)(imageLength - HeaderLength))
            return null;
        return new ImageHeader((long)length, BinaryPrimitives.ReadUInt64LittleEndian(header[20..]), (long)sectionLength,
            BinaryPrimitives.ReadUInt64LittleEndian(header[36..]));
    }

    /// <summary>An image's header: the payload's and the scoring section's lengths and checksums.</summary>
    private readonly record struct ImageHeader(long Length, ulong Hash, long SectionLength, ulong SectionHash);

    /// <summary>An <see cref="IRandomAccessImage"/> read from its start, in order.</summary>
    private sealed class ImageAtStream(IRandomAccessImage image) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => image.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var take = (int)Math.Min(buffer.Length, image.Length - _position);
            if (take <= 0)
                return 0;
            image.ReadAt(_position, buffer[..take]);
            _position += take;
            return take;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static void Strings(BinaryWriter w, IReadOnlyCollection<string> values)
    {
        w.Write(values.Count);
        foreach (var v in values)
            w.Write(v);
    }

    /// <summary>
    /// A forward reader over the payload that hashes every byte it reads and fails with <see cref="FormatException"/>
    /// on any overrun. Columns are read straight into their arrays.
    /// </summary>
    private sealed class HashingReader(Stream stream, long length)
    {
        private readonly XxHash3 _hash = new();
        private readonly byte[] _small = new byte[256];
        private readonly long _length = length;
        private long _left = length;

        /// <summary>When set, each named column's (offset in the image, value count) is recorded here.</summary>
        public Dictionary<string, (long Offset, int Count)>? Offsets { get; init; }

        /// <summary>Where the bytes this reader reads start in the image.</summary>
        public long Start { get; init; }

        public bool AtEnd => _left == 0;

        /// <summary>Where the next byte this reader reads lies in the image.</summary>
        public long Position => Start + (_length - _left);

        /// <summary>Reads the small fields' own hash (the whole payload's hash covers them here) and returns it.</summary>
        public ulong EndOfHead() => BinaryPrimitives.ReadUInt64LittleEndian(Small(8));

        public ulong Hash() => _hash.GetCurrentHashAsUInt64();

        public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Small(8));

        public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Small(4));

        public bool Bool() => Small(1)[0] != 0;

        public string[] Strings()
        {
            var count = Int32();
            if (count < 0 || count > _left)
                throw new FormatException("bad string count");
            var values = new string[count];
            for (var i = 0; i < count; i++)
                values[i] = String();
            return values;
        }

        /// <summary>A string as <see cref="BinaryWriter.Write(string)"/> writes it: 7-bit encoded UTF-8 length, bytes.</summary>
        private string String()
        {
            var length = 0;
            for (var shift = 0; ; shift += 7)
            {
                if (shift > 28)
                    throw new FormatException("bad string length");
                var b = Small(1)[0];
                length |= (b & 0x7F) << shift;
                if (b < 0x80)
                    break;
            }
            if (length < 0 || length > _left)
                throw new FormatException("the image ends early");
            if (length <= _small.Length)
                return Encoding.UTF8.GetString(Small(length));
            var bytes = new byte[length];
            Fill(bytes);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <param name="expected">The row count the column must have (-1: any).</param>
        /// <param name="keep">False: the column's bytes are read and hashed through a small buffer, and an empty array is returned.</param>
        /// <param name="name">Recorded in <see cref="Offsets"/> (when kept) with where the column's values start.</param>
        public T[] Column<T>(int expected, bool keep = true, string? name = null) where T : unmanaged
        {
            var count = Int32();
            if ((expected >= 0 && count != expected) || count < 0 || (long)count * Marshal.SizeOf<T>() > _left)
                throw new FormatException("column length does not match the row count");
            if (name is not null && Offsets is { } offsets)
                offsets[name] = (Start + (_length - _left), count);
            if (!keep)
            {
                _skip ??= new byte[1 << 16];
                for (var left = (long)count * Marshal.SizeOf<T>(); left > 0;)
                {
                    var take = (int)Math.Min(left, _skip.Length);
                    Fill(_skip.AsSpan(0, take));
                    left -= take;
                }
                ColumnHash();
                return [];
            }
            var values = new T[count];
            Fill(MemoryMarshal.AsBytes(values.AsSpan()));
            ColumnHash();
            return values;
        }

        /// <summary>Reads the column's own hash: the payload's hash covers the column in a whole read.</summary>
        private void ColumnHash() => Small(8);

        private byte[]? _skip;

        /// <summary>Reads a column of <paramref name="expected"/> values and hashes it, without keeping it.</summary>
        public void Skip<T>(int expected) where T : unmanaged => Column<T>(expected, keep: false);

        /// <summary>
        /// Reads a column of <paramref name="expected"/> values in slices of a small buffer, handing each slice and the
        /// index of its first value to <paramref name="visit"/>: the column is never held whole.
        /// </summary>
        public void Visit<T>(int expected, SliceVisitor<T> visit) where T : unmanaged
        {
            var count = Int32();
            var size = Marshal.SizeOf<T>();
            if (count != expected || count < 0 || (long)count * size > _left)
                throw new FormatException("column length does not match the row count");
            _skip ??= new byte[1 << 16];
            var per = _skip.Length / size;
            for (var at = 0; at < count;)
            {
                var take = Math.Min(per, count - at);
                var bytes = _skip.AsSpan(0, take * size);
                Fill(bytes);
                visit(MemoryMarshal.Cast<byte, T>(bytes), at);
                at += take;
            }
            ColumnHash();
        }

        private ReadOnlySpan<byte> Small(int count)
        {
            var span = _small.AsSpan(0, count);
            Fill(span);
            return span;
        }

        private void Fill(Span<byte> into)
        {
            if (into.Length > _left)
                throw new FormatException("the image ends early");
            stream.ReadExactly(into);
            _hash.Append(into);
            _left -= into.Length;
        }
    }
}
