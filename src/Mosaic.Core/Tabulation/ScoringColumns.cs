using System.Text;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The household columns only scoring reads, kept beside a <see cref="RegistrySnapshot"/> in their own section of
/// the image so a tabulation or a target list never loads them: the GPS point (exposure), the incomes exactly as
/// stored (the tabulation columns hold them as float) and the submission id (the ranking's tie-breaker), as UTF-8
/// bytes back to back. All aligned with the snapshot's households; NaN = missing.
/// </summary>
internal sealed class ScoringColumns
{
    public required double[] Latitude { get; init; }

    public required double[] Longitude { get; init; }

    public required double[] IncomeBefore { get; init; }

    public required double[] IncomeNow { get; init; }

    /// <summary>Where household i's submission id starts in <see cref="SubmissionBytes"/> (one more entry than households).</summary>
    public required int[] SubmissionStart { get; init; }

    public required byte[] SubmissionBytes { get; init; }

    public int Count => Latitude.Length;

    public long MemoryBytes => Count * 36L + SubmissionBytes.Length + 4;

    /// <summary>Household i's submission id.</summary>
    public string SubmissionId(int i) =>
        Encoding.UTF8.GetString(SubmissionBytes, SubmissionStart[i], SubmissionStart[i + 1] - SubmissionStart[i]);

    /// <summary>Whether the columns line up with <paramref name="households"/> households.</summary>
    public bool Fits(int households) =>
        Latitude.Length == households && Longitude.Length == households && IncomeBefore.Length == households &&
        IncomeNow.Length == households && SubmissionStart.Length == households + 1 &&
        SubmissionStart[0] == 0 && SubmissionStart[^1] == SubmissionBytes.Length;
}

/// <summary>Appends to <see cref="ScoringColumns"/> household by household.</summary>
internal sealed class ScoringColumnsBuilder
{
    private readonly GrowableArray<double> _lat, _lon, _before, _now;
    private readonly GrowableArray<int> _start;
    private byte[] _bytes;
    private int _used;

    public ScoringColumnsBuilder(int households)
    {
        (_lat, _lon, _before, _now) = (new(households), new(households), new(households), new(households));
        _start = new(households + 1);
        _start.Add(0);
        _bytes = new byte[(int)Math.Clamp(households * 36L, 1024, 1 << 26)];
    }

    public ScoringColumnsBuilder(ScoringColumns s, int more)
    {
        _lat = GrowableArray<double>.Continuing(s.Latitude, more);
        _lon = GrowableArray<double>.Continuing(s.Longitude, more);
        _before = GrowableArray<double>.Continuing(s.IncomeBefore, more);
        _now = GrowableArray<double>.Continuing(s.IncomeNow, more);
        _start = GrowableArray<int>.Continuing(s.SubmissionStart, more);
        _bytes = new byte[s.SubmissionBytes.Length + (int)Math.Clamp(more * 36L, 1024, 1 << 26)];
        s.SubmissionBytes.CopyTo(_bytes, 0);
        _used = s.SubmissionBytes.Length;
    }

    public void Add(in SnapshotHousehold h)
    {
        var gps = h.Latitude is { } la && h.Longitude is { } lo;
        _lat.Add(gps ? h.Latitude!.Value : double.NaN);
        _lon.Add(gps ? h.Longitude!.Value : double.NaN);
        _before.Add(h.IncomeBefore ?? double.NaN);
        _now.Add(h.IncomeNow ?? double.NaN);
        var id = h.SubmissionId ?? "";
        var max = Encoding.UTF8.GetMaxByteCount(id.Length);
        if (_used + (long)max > _bytes.Length)
        {
            var size = Math.Max(_used + (long)max, Math.Min(Array.MaxLength, _bytes.Length * 2L));
            if (size > Array.MaxLength)
                throw new InvalidOperationException("the submission ids of the registry exceed 2 GB");
            Array.Resize(ref _bytes, (int)size);
        }
        _used += Encoding.UTF8.GetBytes(id, _bytes.AsSpan(_used));
        _start.Add(_used);
    }

    public ScoringColumns Build() => new()
    {
        Latitude = _lat.ToArray(),
        Longitude = _lon.ToArray(),
        IncomeBefore = _before.ToArray(),
        IncomeNow = _now.ToArray(),
        SubmissionStart = _start.ToArray(),
        SubmissionBytes = _bytes.AsSpan(0, _used).ToArray(),
    };
}
