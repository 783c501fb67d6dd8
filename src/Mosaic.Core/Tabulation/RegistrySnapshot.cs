namespace Mosaic.Core.Tabulation;

/// <summary>
/// An in-memory, columnar copy of the registry for tabulation. Persons are stored contiguously by household
/// (<see cref="PersonStart"/>), so household attributes never need a per-person copy. Categorical columns are
/// one byte (code positions, see <see cref="SnapshotCodes"/>); yes/no answers are packed two bits each. Built
/// by <see cref="RegistrySnapshotBuilder"/>; immutable afterwards (rebuild when the registry changes).
/// </summary>
public sealed class RegistrySnapshot
{
    private readonly Dictionary<string, Bitmap> _filterCache = new(StringComparer.Ordinal);
    private readonly Lock _cacheLock = new();
    private int[]? _householdOfPerson;

    // The columns' values: set when built or read whole, else read from the image on first use (Deferred).
    private int[]? _personStart;
    private int[]? _area;
    private byte[]? _dwelling;
    private byte[]? _remittanceChange;
    private byte[]? _householdFlags;
    private byte[]? _shocks;
    private byte[]? _headSex;
    private float[]? _incomeBefore;
    private float[]? _incomeNow;
    private float[]? _remittanceAmount;
    private uint[]? _householdKey;
    private long[]? _householdId;
    private double[]? _referenceWelfare;
    private byte[]? _sex;
    private byte[]? _age;
    private byte[]? _relation;
    private byte[]? _migratoryStatus;
    private byte[]? _moveReason;
    private byte[]? _personFlags;
    private ushort[]? _previousCountry;
    private ushort[]? _moveMonth;
    private uint[]? _personKey;

    internal RegistrySnapshot(SnapshotAreas areas, int households, int persons)
    {
        Areas = areas;
        HouseholdCount = households;
        PersonCount = persons;
    }

    /// <summary>The area tree the snapshot was built against (households are coded by their position in it).</summary>
    public SnapshotAreas Areas { get; }

    /// <summary>Households in the snapshot.</summary>
    public int HouseholdCount { get; }

    /// <summary>Persons in the snapshot, over all households.</summary>
    public int PersonCount { get; }

    // Household columns (length HouseholdCount; PersonStart has one more).
    internal int[] PersonStart { get => _personStart ??= FromImage<int>(nameof(PersonStart)); init => _personStart = value; }
    internal int[] Area { get => _area ??= FromImage<int>(nameof(Area)); init => _area = value; }
    internal byte[] Dwelling { get => _dwelling ??= FromImage<byte>(nameof(Dwelling)); init => _dwelling = value; }
    internal byte[] RemittanceChange { get => _remittanceChange ??= FromImage<byte>(nameof(RemittanceChange)); init => _remittanceChange = value; }
    internal byte[] HouseholdFlags { get => _householdFlags ??= FromImage<byte>(nameof(HouseholdFlags)); init => _householdFlags = value; }
    internal byte[] Shocks { get => _shocks ??= FromImage<byte>(nameof(Shocks)); init => _shocks = value; }
    internal byte[] HeadSex { get => _headSex ??= FromImage<byte>(nameof(HeadSex)); init => _headSex = value; }
    internal float[] IncomeBefore { get => _incomeBefore ??= FromImage<float>(nameof(IncomeBefore)); init => _incomeBefore = value; }
    internal float[] IncomeNow { get => _incomeNow ??= FromImage<float>(nameof(IncomeNow)); init => _incomeNow = value; }
    internal float[] RemittanceAmount { get => _remittanceAmount ??= FromImage<float>(nameof(RemittanceAmount)); init => _remittanceAmount = value; }
    internal IReadOnlyDictionary<string, float[]> ExtraNumbers { get; init; } = new Dictionary<string, float[]>();
    internal uint[] HouseholdKey { get => _householdKey ??= FromImage<uint>(nameof(HouseholdKey)); init => _householdKey = value; }

    /// <summary>Store id of each household (0 when the snapshot was fed without ids), ascending as the store streams them.</summary>
    internal long[] HouseholdId { get => _householdId ??= FromImage<long>(nameof(HouseholdId)); init => _householdId = value; }

    /// <summary>Reference welfare of each household (NaN = missing), exact: targeting measures its errors against it.</summary>
    internal double[] ReferenceWelfare { get => _referenceWelfare ??= FromImage<double>(nameof(ReferenceWelfare)); init => _referenceWelfare = value; }

    /// <summary>
    /// The columns only scoring reads (GPS point, exact incomes, submission ids), or null when this snapshot was
    /// read from an image without them (<see cref="PersistedSnapshots.LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Areas.Area}, bool, CancellationToken)"/>).
    /// </summary>
    internal ScoringColumns? Scoring { get; init; }

    // Person columns (length PersonCount).
    internal byte[] Sex { get => _sex ??= FromImage<byte>(nameof(Sex)); init => _sex = value; }
    internal byte[] Age { get => _age ??= FromImage<byte>(nameof(Age)); init => _age = value; }
    internal byte[] Relation { get => _relation ??= FromImage<byte>(nameof(Relation)); init => _relation = value; }
    internal byte[] MigratoryStatus { get => _migratoryStatus ??= FromImage<byte>(nameof(MigratoryStatus)); init => _migratoryStatus = value; }
    internal byte[] MoveReason { get => _moveReason ??= FromImage<byte>(nameof(MoveReason)); init => _moveReason = value; }
    internal byte[] PersonFlags { get => _personFlags ??= FromImage<byte>(nameof(PersonFlags)); init => _personFlags = value; }
    internal ushort[] PreviousCountry { get => _previousCountry ??= FromImage<ushort>(nameof(PreviousCountry)); init => _previousCountry = value; }
    internal ushort[] MoveMonth { get => _moveMonth ??= FromImage<ushort>(nameof(MoveMonth)); init => _moveMonth = value; }
    internal string[] Countries { get; init; } = [""];
    internal uint[] PersonKey { get => _personKey ??= FromImage<uint>(nameof(PersonKey)); init => _personKey = value; }

    /// <summary>
    /// Whether every record has a record key for cell-key perturbation (<see cref="Disclosure.CellKey"/>). A snapshot
    /// built from domain objects, or from a store without keys, has none, and perturbation refuses to run on it.
    /// </summary>
    public bool HasRecordKeys { get; init; }

    /// <summary>
    /// Whether only some columns were read (<see cref="SnapshotProjection"/>): the others are empty, and the snapshot
    /// is never saved as an image, extended or tabulated.
    /// </summary>
    internal bool IsPartial { get; init; }

    /// <summary>
    /// Where the columns not yet used are read from (<see cref="SnapshotImage.TryOpenDeferred"/>), or null when every
    /// column was given at construction (an absent one is then empty).
    /// </summary>
    internal DeferredColumns? Deferred { get; init; }

    private T[] FromImage<T>(string column) where T : unmanaged => Deferred?.Load<T>(column) ?? [];

    /// <summary>Marker for a missing age in <see cref="Age"/>.</summary>
    internal const byte MissingAge = 255;

    /// <summary>Names of the optional household number columns present (e.g. <c>hazard_exposure</c> once scored).</summary>
    public IEnumerable<string> OptionalHouseholdFields => ExtraNumbers.Keys;

    /// <summary>Bytes held by the columns (the figure the benchmark reports per person).</summary>
    public long MemoryBytes
    {
        get
        {
            // The columns held now: a column of a deferred snapshot not used yet holds nothing.
            long bytes = ((_personStart?.Length ?? 0) + (_area?.Length ?? 0)) * 4L
                + (_dwelling?.Length ?? 0) + (_remittanceChange?.Length ?? 0) + (_householdFlags?.Length ?? 0) + (_shocks?.Length ?? 0) + (_headSex?.Length ?? 0)
                + ((_incomeBefore?.Length ?? 0) + (_incomeNow?.Length ?? 0) + (_remittanceAmount?.Length ?? 0)) * 4L
                + (_sex?.Length ?? 0) + (_age?.Length ?? 0) + (_relation?.Length ?? 0) + (_migratoryStatus?.Length ?? 0) + (_moveReason?.Length ?? 0)
                + (_personFlags?.Length ?? 0) + ((_previousCountry?.Length ?? 0) + (_moveMonth?.Length ?? 0)) * 2L
                + ((_householdKey?.Length ?? 0) + (_personKey?.Length ?? 0)) * 4L
                + ((_householdId?.Length ?? 0) + (_referenceWelfare?.Length ?? 0)) * 8L + (Scoring?.MemoryBytes ?? 0);
            foreach (var c in ExtraNumbers.Values)
                bytes += c.Length * 4L;
            return bytes;
        }
    }

    /// <summary>The same rows with other optional household numbers (e.g. after a new scoring run); columns are shared.</summary>
    internal RegistrySnapshot WithExtraNumbers(IReadOnlyDictionary<string, float[]> extraNumbers) => With(extraNumbers, Scoring);

    /// <summary>This snapshot with its scoring columns.</summary>
    internal RegistrySnapshot WithScoring(ScoringColumns scoring) => With(ExtraNumbers, scoring);

    private RegistrySnapshot With(IReadOnlyDictionary<string, float[]> extraNumbers, ScoringColumns? scoring) =>
        // The column fields, not the properties: a deferred snapshot's unused columns stay unread in the copy too.
        new(Areas, HouseholdCount, PersonCount)
        {
            ExtraNumbers = extraNumbers,
            Scoring = scoring,
            Countries = Countries,
            HasRecordKeys = HasRecordKeys,
            IsPartial = IsPartial,
            Deferred = Deferred,
            _personStart = _personStart, _area = _area, _dwelling = _dwelling, _remittanceChange = _remittanceChange,
            _householdFlags = _householdFlags, _shocks = _shocks, _headSex = _headSex, _incomeBefore = _incomeBefore,
            _incomeNow = _incomeNow, _remittanceAmount = _remittanceAmount, _householdKey = _householdKey, _householdId = _householdId,
            _referenceWelfare = _referenceWelfare, _sex = _sex, _age = _age, _relation = _relation, _migratoryStatus = _migratoryStatus,
            _moveReason = _moveReason, _personFlags = _personFlags, _previousCountry = _previousCountry, _moveMonth = _moveMonth,
            _personKey = _personKey,
        };

    /// <summary>Household index of each person; built on first use (only mixed person/household arithmetic needs it).</summary>
    internal int[] HouseholdOfPerson
    {
        get
        {
            if (_householdOfPerson is { } cached)
                return cached;
            var map = new int[PersonCount];
            for (var h = 0; h < HouseholdCount; h++)
                map.AsSpan(PersonStart[h], PersonStart[h + 1] - PersonStart[h]).Fill(h);
            return _householdOfPerson = map;
        }
    }

    /// <summary>Households recorded in <paramref name="areaPcode"/> or below it; fails on an area neither the tree nor the data knows.</summary>
    internal Bitmap HouseholdsWithin(string areaPcode)
    {
        var inside = new bool[Areas.Pcodes.Count];
        for (var i = 0; i < inside.Length; i++)
            inside[i] = Areas.IsWithin(Areas.Pcodes[i], areaPcode);
        if (!inside.Any(x => x) && Areas.Find(areaPcode) is null)
            throw new TabulationException($"unknown area '{areaPcode}'");
        var households = new Bitmap(HouseholdCount);
        for (var h = 0; h < HouseholdCount; h++)
        {
            if (inside[Area[h]])
                households.Set(h);
        }
        return households;
    }

    /// <summary>Compiled filters are cached by their canonical text: the same population is reused across queries.</summary>
    internal Bitmap CachedFilter(string key, Func<Bitmap> compute)
    {
        lock (_cacheLock)
        {
            if (_filterCache.TryGetValue(key, out var hit))
                return hit;
        }
        var bitmap = compute();
        lock (_cacheLock)
            _filterCache[key] = bitmap;
        return bitmap;
    }

    /// <summary>Tri-state answer packed at <paramref name="shift"/>: 0 missing, 1 no, 2 yes.</summary>
    internal static int Tri(byte packed, int shift) => (packed >> shift) & 3;

    internal const int DisabilityShift = 0;
    internal const int InSchoolShift = 2;
    internal const int EmployedBeforeShift = 4;
    internal const int EmployedNowShift = 6;
    internal const int RemittancesShift = 0;
    internal const int DebtShift = 2;
    internal const int SavingsShift = 4;
    internal const int AssistanceShift = 6;
}
