using Mosaic.Core.Areas;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Builds a <see cref="RegistrySnapshot"/> from households streamed in order, each followed by its members.
/// Stores call it from their own fast read path (<see cref="IRegistrySnapshotSource"/>); anything else can feed
/// domain objects through <see cref="Add(Household, ReadOnlySpan{double})"/>.
/// </summary>
public sealed class RegistrySnapshotBuilder
{
    private readonly SnapshotAreas _areas;
    private readonly string[] _extraNames;
    private readonly GrowableArray<int> _personStart;
    private readonly GrowableArray<int> _area;
    private readonly GrowableArray<byte> _dwelling, _remittanceChange, _householdFlags, _shocks, _headSex;
    private readonly GrowableArray<float> _incomeBefore, _incomeNow, _remittanceAmount;
    private readonly GrowableArray<float>[] _extras;
    private readonly GrowableArray<byte> _sex, _age, _relation, _status, _moveReason, _personFlags;
    private readonly GrowableArray<ushort> _country, _moveMonth;
    private readonly GrowableArray<uint> _householdKey, _personKey;
    private readonly GrowableArray<long> _householdId;
    private readonly GrowableArray<double> _welfare;
    private readonly ScoringColumnsBuilder _scoring;
    private bool _missingKey;
    private readonly Dictionary<string, ushort> _countryIndex = new(StringComparer.Ordinal);
    private readonly List<string> _countries = [""];
    private static readonly byte s_headCode = SnapshotCodes.Of(Codes.Relation, Relation.Head);
    private const byte SeveralHeads = 255;

    /// <param name="areas">The P-code tree (for area dimensions at any level).</param>
    /// <param name="optionalHouseholdNumbers">Names of optional numeric household fields the caller will supply, in order.</param>
    /// <param name="expectedHouseholds">Capacity hint.</param>
    public RegistrySnapshotBuilder(IEnumerable<Area> areas, IReadOnlyList<string>? optionalHouseholdNumbers = null, int expectedHouseholds = 1024)
    {
        _areas = new SnapshotAreas(areas);
        _extraNames = [.. optionalHouseholdNumbers ?? []];
        var h = Math.Max(expectedHouseholds, 16);
        var p = h * 5;
        _personStart = new(h);
        _area = new(h);
        (_dwelling, _remittanceChange, _householdFlags, _shocks, _headSex) = (new(h), new(h), new(h), new(h), new(h));
        (_incomeBefore, _incomeNow, _remittanceAmount) = (new(h), new(h), new(h));
        _extras = [.. _extraNames.Select(_ => new GrowableArray<float>(h))];
        (_sex, _age, _relation, _status, _moveReason, _personFlags) = (new(p), new(p), new(p), new(p), new(p), new(p));
        _country = new(p);
        _moveMonth = new(p);
        _householdKey = new(h);
        _personKey = new(p);
        _householdId = new(h);
        _welfare = new(h);
        _scoring = new ScoringColumnsBuilder(h);
    }

    /// <summary>
    /// A builder that continues <paramref name="snapshot"/>: its households come first, and households added next are
    /// appended after them (an import of new households without a full rebuild). The snapshot is consumed: its area
    /// dictionary is taken over, so do not use it afterwards.
    /// </summary>
    /// <param name="snapshot">The snapshot to continue.</param>
    /// <param name="expectedMoreHouseholds">Capacity hint for the households to append.</param>
    public static RegistrySnapshotBuilder Continuing(RegistrySnapshot snapshot, int expectedMoreHouseholds = 1024)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return new RegistrySnapshotBuilder(snapshot, expectedMoreHouseholds);
    }

    private RegistrySnapshotBuilder(RegistrySnapshot s, int more)
    {
        var p = more * 5;
        _areas = s.Areas;
        _extraNames = [.. s.ExtraNumbers.Keys];
        // Build() appended the closing person start; drop it so the next household's start takes its place.
        _personStart = GrowableArray<int>.Continuing(s.PersonStart[..^1], more);
        _area = GrowableArray<int>.Continuing(s.Area, more);
        _dwelling = GrowableArray<byte>.Continuing(s.Dwelling, more);
        _remittanceChange = GrowableArray<byte>.Continuing(s.RemittanceChange, more);
        _householdFlags = GrowableArray<byte>.Continuing(s.HouseholdFlags, more);
        _shocks = GrowableArray<byte>.Continuing(s.Shocks, more);
        _headSex = GrowableArray<byte>.Continuing(s.HeadSex, more);
        _incomeBefore = GrowableArray<float>.Continuing(s.IncomeBefore, more);
        _incomeNow = GrowableArray<float>.Continuing(s.IncomeNow, more);
        _remittanceAmount = GrowableArray<float>.Continuing(s.RemittanceAmount, more);
        _extras = [.. _extraNames.Select(n => GrowableArray<float>.Continuing(s.ExtraNumbers[n], more))];
        _sex = GrowableArray<byte>.Continuing(s.Sex, p);
        _age = GrowableArray<byte>.Continuing(s.Age, p);
        _relation = GrowableArray<byte>.Continuing(s.Relation, p);
        _status = GrowableArray<byte>.Continuing(s.MigratoryStatus, p);
        _moveReason = GrowableArray<byte>.Continuing(s.MoveReason, p);
        _personFlags = GrowableArray<byte>.Continuing(s.PersonFlags, p);
        _country = GrowableArray<ushort>.Continuing(s.PreviousCountry, p);
        _moveMonth = GrowableArray<ushort>.Continuing(s.MoveMonth, p);
        _householdKey = GrowableArray<uint>.Continuing(s.HouseholdKey, more);
        _personKey = GrowableArray<uint>.Continuing(s.PersonKey, p);
        _householdId = GrowableArray<long>.Continuing(s.HouseholdId, more);
        _welfare = GrowableArray<double>.Continuing(s.ReferenceWelfare, more);
        if (s.Scoring is not { } scoring || !scoring.Fits(s.HouseholdCount))
            throw new InvalidOperationException("a snapshot read without its scoring columns cannot be continued");
        _scoring = new ScoringColumnsBuilder(scoring, more);
        _missingKey = !s.HasRecordKeys;
        _countries = [.. s.Countries];
        for (var i = 1; i < _countries.Count; i++)
            _countryIndex[_countries[i]] = (ushort)i;
    }

    /// <summary>Households added so far.</summary>
    public int Households => _area.Count;

    /// <summary>Persons added so far.</summary>
    public int Persons => _sex.Count;

    /// <summary>Starts a household; the persons added next belong to it.</summary>
    /// <param name="optionalNumbers">Values of the optional fields named in the constructor (NaN = missing).</param>
    public void AddHousehold(in SnapshotHousehold h, ReadOnlySpan<double> optionalNumbers = default)
    {
        _personStart.Add(_sex.Count);
        _area.Add(_areas.Intern(h.AreaPcode));
        _dwelling.Add(h.Dwelling);
        _remittanceChange.Add(h.RemittanceChange);
        _householdFlags.Add((byte)(h.Remittances | (h.Debt << 2) | (h.Savings << 4) | (h.AssistanceReceived << 6)));
        _shocks.Add(h.Shocks);
        _headSex.Add(0);
        _incomeBefore.Add(ToFloat(h.IncomeBefore));
        _incomeNow.Add(ToFloat(h.IncomeNow));
        _remittanceAmount.Add(ToFloat(h.RemittanceAmount));
        for (var i = 0; i < _extras.Length; i++)
            _extras[i].Add(i < optionalNumbers.Length ? (float)optionalNumbers[i] : float.NaN);
        _householdKey.Add(h.RecordKey);
        _missingKey |= h.RecordKey == 0;
        _householdId.Add(h.Id);
        _welfare.Add(h.ReferenceWelfare ?? double.NaN);
        _scoring.Add(in h);
    }

    /// <summary>Adds a member of the household added last.</summary>
    public void AddPerson(in SnapshotPerson p)
    {
        if (_area.Count == 0)
            throw new InvalidOperationException("a person was added before any household");
        _sex.Add(p.Sex);
        _age.Add(p.Age is >= 0 and < RegistrySnapshot.MissingAge ? (byte)p.Age.Value : RegistrySnapshot.MissingAge);
        _relation.Add(p.Relation);
        _status.Add(p.MigratoryStatus);
        _moveReason.Add(p.MoveReason);
        _personFlags.Add((byte)(p.Disability | (p.InSchool << 2) | (p.EmployedBefore << 4) | (p.EmployedNow << 6)));
        _country.Add(CountryCode(p.PreviousCountry));
        _moveMonth.Add(p.MoveMonth);
        _personKey.Add(p.RecordKey);
        _missingKey |= p.RecordKey == 0;
        if (p.Relation == s_headCode)
        {
            // The head's sex describes the household only when the roster has exactly one head.
            var last = _headSex.Count - 1;
            _headSex[last] = _headSex[last] == 0 ? p.Sex : SeveralHeads;
        }
    }

    /// <summary>Adds a domain household with its members.</summary>
    public void Add(Household household, ReadOnlySpan<double> optionalNumbers = default)
    {
        AddHousehold(SnapshotCodes.Of(household), optionalNumbers);
        foreach (var m in household.Members)
            AddPerson(SnapshotCodes.Of(m));
    }

    /// <summary>The snapshot of everything added so far.</summary>
    public RegistrySnapshot Build()
    {
        _personStart.Add(_sex.Count);
        var headSex = _headSex.ToArray();
        for (var i = 0; i < headSex.Length; i++)
        {
            if (headSex[i] == SeveralHeads)
                headSex[i] = 0;
        }
        var extras = new Dictionary<string, float[]>(StringComparer.Ordinal);
        for (var i = 0; i < _extras.Length; i++)
            extras[_extraNames[i]] = _extras[i].ToArray();
        return new RegistrySnapshot(_areas, _area.Count, _sex.Count)
        {
            PersonStart = _personStart.ToArray(),
            Area = _area.ToArray(),
            Dwelling = _dwelling.ToArray(),
            RemittanceChange = _remittanceChange.ToArray(),
            HouseholdFlags = _householdFlags.ToArray(),
            Shocks = _shocks.ToArray(),
            HeadSex = headSex,
            IncomeBefore = _incomeBefore.ToArray(),
            IncomeNow = _incomeNow.ToArray(),
            RemittanceAmount = _remittanceAmount.ToArray(),
            ExtraNumbers = extras,
            Sex = _sex.ToArray(),
            Age = _age.ToArray(),
            Relation = _relation.ToArray(),
            MigratoryStatus = _status.ToArray(),
            MoveReason = _moveReason.ToArray(),
            PersonFlags = _personFlags.ToArray(),
            PreviousCountry = _country.ToArray(),
            MoveMonth = _moveMonth.ToArray(),
            Countries = [.. _countries],
            HouseholdKey = _householdKey.ToArray(),
            HouseholdId = _householdId.ToArray(),
            ReferenceWelfare = _welfare.ToArray(),
            Scoring = _scoring.Build(),
            PersonKey = _personKey.ToArray(),
            HasRecordKeys = !_missingKey,
        };
    }

    private ushort CountryCode(string? iso3)
    {
        if (string.IsNullOrEmpty(iso3))
            return 0;
        if (_countryIndex.TryGetValue(iso3, out var code))
            return code;
        if (_countries.Count == ushort.MaxValue)
            throw new InvalidOperationException("more than 65,534 distinct countries of previous residence");
        code = (ushort)_countries.Count;
        _countries.Add(iso3);
        _countryIndex.Add(iso3, code);
        return code;
    }

    private static float ToFloat(double? v) => v is { } d ? (float)d : float.NaN;
}
