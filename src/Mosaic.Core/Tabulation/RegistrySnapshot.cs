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
    internal int[] PersonStart { get; init; } = [];
    internal int[] Area { get; init; } = [];
    internal byte[] Dwelling { get; init; } = [];
    internal byte[] RemittanceChange { get; init; } = [];
    internal byte[] HouseholdFlags { get; init; } = [];
    internal byte[] Shocks { get; init; } = [];
    internal byte[] HeadSex { get; init; } = [];
    internal float[] IncomeBefore { get; init; } = [];
    internal float[] IncomeNow { get; init; } = [];
    internal float[] RemittanceAmount { get; init; } = [];
    internal IReadOnlyDictionary<string, float[]> ExtraNumbers { get; init; } = new Dictionary<string, float[]>();
    internal uint[] HouseholdKey { get; init; } = [];

    /// <summary>Store id of each household (0 when the snapshot was fed without ids), ascending as the store streams them.</summary>
    internal long[] HouseholdId { get; init; } = [];

    /// <summary>Reference welfare of each household (NaN = missing), exact: targeting measures its errors against it.</summary>
    internal double[] ReferenceWelfare { get; init; } = [];

    /// <summary>
    /// The columns only scoring reads (GPS point, exact incomes, submission ids), or null when this snapshot was
    /// read from an image without them (<see cref="PersistedSnapshots.LoadAsync(IPersistedSnapshotSource, IReadOnlyList{Areas.Area}, bool, CancellationToken)"/>).
    /// </summary>
    internal ScoringColumns? Scoring { get; init; }

    // Person columns (length PersonCount).
    internal byte[] Sex { get; init; } = [];
    internal byte[] Age { get; init; } = [];
    internal byte[] Relation { get; init; } = [];
    internal byte[] MigratoryStatus { get; init; } = [];
    internal byte[] MoveReason { get; init; } = [];
    internal byte[] PersonFlags { get; init; } = [];
    internal ushort[] PreviousCountry { get; init; } = [];
    internal ushort[] MoveMonth { get; init; } = [];
    internal string[] Countries { get; init; } = [""];
    internal uint[] PersonKey { get; init; } = [];

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

    /// <summary>Marker for a missing age in <see cref="Age"/>.</summary>
    internal const byte MissingAge = 255;

    /// <summary>Names of the optional household number columns present (e.g. <c>hazard_exposure</c> once scored).</summary>
    public IEnumerable<string> OptionalHouseholdFields => ExtraNumbers.Keys;

    /// <summary>Bytes held by the columns (the figure the benchmark reports per person).</summary>
    public long MemoryBytes
    {
        get
        {
            long bytes = (PersonStart.Length + Area.Length) * 4L
                + Dwelling.Length + RemittanceChange.Length + HouseholdFlags.Length + Shocks.Length + HeadSex.Length
                + (IncomeBefore.Length + IncomeNow.Length + RemittanceAmount.Length) * 4L
                + Sex.Length + Age.Length + Relation.Length + MigratoryStatus.Length + MoveReason.Length + PersonFlags.Length
                + (PreviousCountry.Length + MoveMonth.Length) * 2L + (HouseholdKey.Length + PersonKey.Length) * 4L
                + (HouseholdId.Length + ReferenceWelfare.Length) * 8L + (Scoring?.MemoryBytes ?? 0);
            foreach (var c in ExtraNumbers.Values)
                bytes += c.Length * 4L;
            return bytes;
        }
    }

    /// <summary>The same rows with other optional household numbers (e.g. after a new scoring run); columns are shared.</summary>
    internal RegistrySnapshot WithExtraNumbers(IReadOnlyDictionary<string, float[]> extraNumbers) => With(extraNumbers, Scoring);

    /// <summary>This snapshot with its scoring columns.</summary>
    internal RegistrySnapshot WithScoring(ScoringColumns scoring) => With(ExtraNumbers, scoring);

    private RegistrySnapshot With(IReadOnlyDictionary<string, float[]> extraNumbers, ScoringColumns? scoring) => new(Areas, HouseholdCount, PersonCount)
    {
        PersonStart = PersonStart,
        Area = Area,
        Dwelling = Dwelling,
        RemittanceChange = RemittanceChange,
        HouseholdFlags = HouseholdFlags,
        Shocks = Shocks,
        HeadSex = HeadSex,
        IncomeBefore = IncomeBefore,
        IncomeNow = IncomeNow,
        RemittanceAmount = RemittanceAmount,
        ExtraNumbers = extraNumbers,
        HouseholdKey = HouseholdKey,
        HouseholdId = HouseholdId,
        ReferenceWelfare = ReferenceWelfare,
        Scoring = scoring,
        Sex = Sex,
        Age = Age,
        Relation = Relation,
        MigratoryStatus = MigratoryStatus,
        MoveReason = MoveReason,
        PersonFlags = PersonFlags,
        PreviousCountry = PreviousCountry,
        MoveMonth = MoveMonth,
        Countries = Countries,
        PersonKey = PersonKey,
        HasRecordKeys = HasRecordKeys,
        IsPartial = IsPartial,
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
