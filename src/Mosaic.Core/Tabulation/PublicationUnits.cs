using Mosaic.Core.Registry;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The rows a publication's atoms count. Tables of one unit count its units. Tables of persons and of households
/// together count persons, and each household is counted on one person of its roster: its head (a roster has exactly
/// one, the registry's rule), else its first member; a household without members gets a row of its own that no person
/// table counts. A household table's cell is then the sum of the atoms of the persons it is counted on, so the heads
/// of one sex in a village are, in the atoms, the households of that head's sex (a household field that copies the
/// head's, <see cref="SnapshotFields.HeadFields"/>, has the head's value on that row).
/// </summary>
internal sealed class PublicationUnits
{
    private static readonly byte s_head = SnapshotCodes.Of(Codes.Relation, Relation.Head);

    private readonly RegistrySnapshot _snapshot;
    private readonly int[]? _householdOfPerson;
    private readonly int[]? _carrier;
    private readonly int[]? _emptyHousehold;
    private readonly Dictionary<StagedTable, Bitmap> _householdsInArea = [];

    public PublicationUnits(RegistrySnapshot snapshot, IReadOnlyList<StagedTable> members)
    {
        _snapshot = snapshot;
        Unit = members[0].Unit;
        Mixed = members.Any(m => m.Unit != Unit);
        if (Mixed)
        {
            Unit = FieldLevel.Person;
            (_carrier, _emptyHousehold) = Carriers(snapshot);
        }
        if (Unit == FieldLevel.Person)
            _householdOfPerson = snapshot.HouseholdOfPerson;
        Rows = Unit == FieldLevel.Household ? snapshot.HouseholdCount : snapshot.PersonCount + (_emptyHousehold?.Length ?? 0);
    }

    /// <summary>Whether the members count persons and households (then every row is a person, or a household without members).</summary>
    public bool Mixed { get; }

    /// <summary>The unit of the rows.</summary>
    public FieldLevel Unit { get; }

    /// <summary>Number of rows.</summary>
    public int Rows { get; }

    /// <summary>The household of a row.</summary>
    public int HouseholdOf(int row)
    {
        if (Unit == FieldLevel.Household)
            return row;
        return row < _snapshot.PersonCount ? _householdOfPerson![row] : _emptyHousehold![row - _snapshot.PersonCount];
    }

    /// <summary>Whether the member counts the row (its unit is in the member's population and area).</summary>
    public bool Counts(StagedTable member, int row) => Holds(member, member.Population, row);

    /// <summary>Whether the row's unit is in the member's indicator's population (its filter alone).</summary>
    public bool InIndicator(StagedTable member, int row) => Holds(member, member.IndicatorPopulation, row);

    /// <summary>Whether the row's unit is in the member's area (true when the member is not restricted to one).</summary>
    public bool InArea(StagedTable member, int row)
    {
        if (member.InArea is not { } inArea)
            return true;
        if (!Mixed)
            return inArea[row];
        if (member.Unit == FieldLevel.Household)
            return inArea[HouseholdOf(row)];
        if (row < _snapshot.PersonCount)
            return inArea[row];
        // A household without members, for a person table: where the household is.
        if (!_householdsInArea.TryGetValue(member, out var households))
            _householdsInArea[member] = households = _snapshot.HouseholdsWithin(member.Request.AreaPcode!);
        return households[HouseholdOf(row)];
    }

    /// <summary>The column's raw code for the row (-1: a person field of a household without members).</summary>
    public int CodeAt(CategoricalColumn column, int row)
    {
        if (column.Level == FieldLevel.Household)
            return column.CodeAt(HouseholdOf(row));
        return row < _snapshot.PersonCount ? column.CodeAt(row) : -1;
    }

    private bool Holds(StagedTable member, Bitmap units, int row)
    {
        if (!Mixed)
            return units[row];
        if (member.Unit == FieldLevel.Person)
            return row < _snapshot.PersonCount && units[row];
        var household = HouseholdOf(row);
        return _carrier![household] == row && units[household];
    }

    /// <summary>Per household, the row it is counted on; and the households without members, in the order of their rows.</summary>
    private static (int[] Carrier, int[] Empty) Carriers(RegistrySnapshot snapshot)
    {
        var start = snapshot.PersonStart;
        var relation = snapshot.Relation;
        var carrier = new int[snapshot.HouseholdCount];
        var empty = new List<int>();
        for (var h = 0; h < carrier.Length; h++)
        {
            int heads = 0, head = -1;
            for (var p = start[h]; p < start[h + 1]; p++)
            {
                if (relation[p] == s_head)
                {
                    heads++;
                    head = p;
                }
            }
            if (heads == 1)
            {
                carrier[h] = head;
            }
            else if (start[h + 1] > start[h])
            {
                carrier[h] = start[h];
            }
            else
            {
                carrier[h] = snapshot.PersonCount + empty.Count;
                empty.Add(h);
            }
        }
        return (carrier, [.. empty]);
    }
}
