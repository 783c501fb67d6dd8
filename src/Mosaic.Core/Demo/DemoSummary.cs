using Mosaic.Core.Registry;

namespace Mosaic.Core.Demo;

/// <summary>
/// Counts of a generated dataset, accumulated while households stream past: households and persons by migratory
/// status, persons by sex and default age group, and households and persons per union.
/// </summary>
public sealed class DemoSummary
{
    /// <summary>The default age bands of DESIGN §2.</summary>
    public static IReadOnlyList<string> AgeGroups { get; } = ["0-4", "5-17", "18-59", "60+"];

    private readonly long[] _personsByStatus = new long[Codes.MigratoryStatus.Entries.Count];
    private readonly long[] _householdsByStatus = new long[Codes.MigratoryStatus.Entries.Count];
    private readonly bool[] _seen = new bool[Codes.MigratoryStatus.Entries.Count];
    private readonly Dictionary<Sex, long> _bySex = [];
    private readonly long[] _byAgeGroup = new long[AgeGroups.Count];
    private readonly SortedDictionary<string, (long Households, long Persons)> _byUnion = new(StringComparer.Ordinal);

    /// <summary>Households counted.</summary>
    public long Households { get; private set; }

    /// <summary>Persons counted, over all rosters.</summary>
    public long Persons { get; private set; }

    /// <summary>Persons with a disability by the WG-SS (age 5+).</summary>
    public long PersonsWithDisability { get; private set; }

    /// <summary>Counts a household and its members.</summary>
    public void Add(Household household)
    {
        Households++;
        Persons += household.Members.Count;
        Array.Clear(_seen);
        foreach (var p in household.Members)
        {
            var s = StatusIndex(p.MigratoryStatus);
            _personsByStatus[s]++;
            if (!_seen[s])
            {
                _seen[s] = true;
                _householdsByStatus[s]++;
            }
            _bySex[p.Sex] = _bySex.GetValueOrDefault(p.Sex) + 1;
            if (p.Age is { } age)
                _byAgeGroup[age < 5 ? 0 : age < 18 ? 1 : age < 60 ? 2 : 3]++;
            if (p.Disability == true)
                PersonsWithDisability++;
        }
        // Villages are coded under their union: the union is the village code's first ten characters.
        var union = household.AreaPcode.Length >= 10 ? household.AreaPcode[..10] : household.AreaPcode;
        var (h, n) = _byUnion.GetValueOrDefault(union);
        _byUnion[union] = (h + 1, n + household.Members.Count);
    }

    /// <summary>Persons by migratory status code, in code-list order, zeros included.</summary>
    public IReadOnlyList<(string Status, long Persons, long Households)> ByStatus() =>
        [.. Codes.MigratoryStatus.Entries.Select(e => (e.Code, _personsByStatus[StatusIndex(e.Value)], _householdsByStatus[StatusIndex(e.Value)]))];

    /// <summary>Persons per sex code.</summary>
    public IReadOnlyList<(string Sex, long Persons)> BySex() =>
        [.. Codes.Sex.Entries.Select(e => (e.Code, _bySex.GetValueOrDefault(e.Value))).Where(e => e.Item2 > 0)];

    /// <summary>Persons per default age group code.</summary>
    public IReadOnlyList<(string AgeGroup, long Persons)> ByAgeGroup() =>
        [.. AgeGroups.Select((g, i) => (g, _byAgeGroup[i]))];

    /// <summary>Households and persons per union (the parent area of the villages).</summary>
    public IReadOnlyList<(string UnionPcode, long Households, long Persons)> ByUnion() =>
        [.. _byUnion.Select(e => (e.Key, e.Value.Households, e.Value.Persons))];

    private static int StatusIndex(MigratoryStatus status)
    {
        var entries = Codes.MigratoryStatus.Entries;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i].Value == status)
                return i;
        }
        throw new ArgumentOutOfRangeException(nameof(status));
    }
}
