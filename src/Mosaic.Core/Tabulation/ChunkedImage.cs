using System.Runtime.InteropServices;
using System.Text;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// A checked image (<see cref="SnapshotImage.TryOpenChunked"/>) read by household range: each range comes back as a
/// small snapshot of its own households (with their members and the <see cref="ScoringColumns"/>), so a command that
/// visits every household once never holds a national registry's columns. Only what scoring reads is read.
/// </summary>
internal sealed class ChunkedImage
{
    private readonly IRandomAccessImage _image;
    private readonly Dictionary<string, (long Offset, int Count)> _columns;

    internal ChunkedImage(IRandomAccessImage image, SnapshotAreas areas, int households, int persons, SnapshotCoverage coverage,
        Dictionary<string, (long Offset, int Count)> columns)
    {
        _image = image;
        Areas = areas;
        HouseholdCount = households;
        PersonCount = persons;
        Coverage = coverage;
        _columns = columns;
    }

    public SnapshotAreas Areas { get; }

    public int HouseholdCount { get; }

    public int PersonCount { get; }

    /// <summary>What the image covers (its own stamp; a score section is not applied).</summary>
    public SnapshotCoverage Coverage { get; }

    /// <summary>Whether the located columns line up (the submission ids' starts begin at 0 and end at their bytes' length).</summary>
    internal bool Fits()
    {
        string[] needed = [nameof(RegistrySnapshot.PersonStart), nameof(RegistrySnapshot.Area), nameof(RegistrySnapshot.HouseholdId),
            nameof(RegistrySnapshot.Sex), "Latitude", "SubmissionStart", "SubmissionBytes"];
        if (!needed.All(_columns.ContainsKey))
            return false;
        Span<int> ends = stackalloc int[1];
        var starts = _columns["SubmissionStart"];
        _image.ReadAt(starts.Offset, MemoryMarshal.AsBytes(ends));
        var first = ends[0];
        _image.ReadAt(starts.Offset + (starts.Count - 1) * 4L, MemoryMarshal.AsBytes(ends));
        return first == 0 && ends[0] == _columns["SubmissionBytes"].Count;
    }

    /// <summary>
    /// Households <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1 as a partial
    /// snapshot of their own (household 0 of it is household <paramref name="first"/>), with their scoring columns;
    /// valid until the next call (its arrays are reused, and may be longer than the range).
    /// </summary>
    public RegistrySnapshot Read(int first, int count)
    {
        if (first < 0 || count < 0 || first + (long)count > HouseholdCount)
            throw new ArgumentOutOfRangeException(nameof(count));
        var personStart = Column<int>(nameof(RegistrySnapshot.PersonStart), first, count + 1);
        var p0 = personStart[0];
        for (var k = 0; k <= count; k++)
        {
            personStart[k] -= p0;
            if (personStart[k] < 0 || (k > 0 && personStart[k] < personStart[k - 1]) || p0 + (long)personStart[k] > PersonCount)
                throw new InvalidOperationException("the image's members do not line up with its households");
        }
        var persons = personStart[count];
        var submissionStart = Column<int>("SubmissionStart", first, count + 1);
        var s0 = submissionStart[0];
        for (var k = 0; k <= count; k++)
        {
            submissionStart[k] -= s0;
            if (submissionStart[k] < 0 || (k > 0 && submissionStart[k] < submissionStart[k - 1]))
                throw new InvalidOperationException("the image's submission ids do not line up with its households");
        }
        var area = Column<int>(nameof(RegistrySnapshot.Area), first, count);
        foreach (var a in area.AsSpan(0, count))
        {
            if ((uint)a >= (uint)Areas.Pcodes.Count)
                throw new InvalidOperationException("the image names an area it does not hold");
        }
        return new RegistrySnapshot(Areas, count, persons)
        {
            PersonStart = personStart,
            Area = area,
            Dwelling = Column<byte>(nameof(RegistrySnapshot.Dwelling), first, count),
            RemittanceChange = Column<byte>(nameof(RegistrySnapshot.RemittanceChange), first, count),
            HouseholdFlags = Column<byte>(nameof(RegistrySnapshot.HouseholdFlags), first, count),
            Shocks = Column<byte>(nameof(RegistrySnapshot.Shocks), first, count),
            HouseholdId = Column<long>(nameof(RegistrySnapshot.HouseholdId), first, count),
            Sex = Column<byte>(nameof(RegistrySnapshot.Sex), p0, persons),
            Age = Column<byte>(nameof(RegistrySnapshot.Age), p0, persons),
            Relation = Column<byte>(nameof(RegistrySnapshot.Relation), p0, persons),
            MigratoryStatus = Column<byte>(nameof(RegistrySnapshot.MigratoryStatus), p0, persons),
            PersonFlags = Column<byte>(nameof(RegistrySnapshot.PersonFlags), p0, persons),
            IsPartial = true,
            Scoring = new ScoringColumns
            {
                Latitude = Column<double>("Latitude", first, count),
                Longitude = Column<double>("Longitude", first, count),
                IncomeBefore = Column<double>("ScoringIncomeBefore", first, count),
                IncomeNow = Column<double>("ScoringIncomeNow", first, count),
                SubmissionStart = submissionStart,
                SubmissionBytes = Column<byte>("SubmissionBytes", s0, submissionStart[count]),
            },
        };
    }

    /// <summary>
    /// Households <paramref name="first"/> … <paramref name="first"/> + <paramref name="count"/> − 1: their area (an index
    /// into <see cref="Areas"/>) and GPS point only, what their exposure needs; valid until the next read (the arrays
    /// are <see cref="Read"/>'s, and may be longer than the range).
    /// </summary>
    public (int[] Area, double[] Longitude, double[] Latitude) ReadLocations(int first, int count)
    {
        if (first < 0 || count < 0 || first + (long)count > HouseholdCount)
            throw new ArgumentOutOfRangeException(nameof(count));
        var area = Column<int>(nameof(RegistrySnapshot.Area), first, count);
        foreach (var a in area.AsSpan(0, count))
        {
            if ((uint)a >= (uint)Areas.Pcodes.Count)
                throw new InvalidOperationException("the image names an area it does not hold");
        }
        return (area, Column<double>("Longitude", first, count), Column<double>("Latitude", first, count));
    }

    /// <summary>Household <paramref name="household"/>'s submission id, read from the image (for the ranking's ties).</summary>
    public string SubmissionId(int household)
    {
        if ((uint)household >= (uint)HouseholdCount)
            throw new ArgumentOutOfRangeException(nameof(household));
        Span<int> ends = stackalloc int[2];
        _image.ReadAt(_columns["SubmissionStart"].Offset + household * 4L, MemoryMarshal.AsBytes(ends));
        var (start, end) = (ends[0], ends[1]);
        var bytes = _columns["SubmissionBytes"];
        if (start < 0 || end < start || end > bytes.Count)
            throw new InvalidOperationException("the image's submission ids do not line up with its households");
        var length = end - start;
        Span<byte> text = length <= 256 ? stackalloc byte[length] : new byte[length];
        _image.ReadAt(bytes.Offset + start, text);
        return Encoding.UTF8.GetString(text);
    }

    /// <summary>Per column, the array the last range was read into: reused by the next range (at least as long as asked).</summary>
    private readonly Dictionary<string, Array> _buffers = new(StringComparer.Ordinal);

    /// <summary>
    /// The column's values from <paramref name="first"/>, in an array reused by the next <see cref="Read"/> (so a range's
    /// snapshot is valid until the next range is read; the array may be longer than <paramref name="count"/>).
    /// </summary>
    private T[] Column<T>(string name, int first, int count) where T : unmanaged
    {
        var (offset, total) = _columns[name];
        if (first < 0 || count < 0 || first + (long)count > total)
            throw new InvalidOperationException($"the image's column {name} is shorter than its households");
        if (!_buffers.TryGetValue(name, out var kept) || kept.Length < count)
            _buffers[name] = kept = new T[Math.Max(count, kept is null ? 0 : kept.Length + kept.Length / 4)];
        var values = (T[])kept;
        if (count > 0)
            _image.ReadAt(offset + (long)first * Marshal.SizeOf<T>(), MemoryMarshal.AsBytes(values.AsSpan(0, count)));
        return values;
    }
}
