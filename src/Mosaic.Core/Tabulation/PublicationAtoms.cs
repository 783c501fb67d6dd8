using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The atoms of a publication: the finest cells its tables describe together. Each dimension belongs to a variable
/// (every area level and the area a table is restricted to are one variable, <c>area</c>; every grouping of ages is
/// <c>age</c>; any other dimension is its own variable); a variable's values are the combinations of its tables'
/// categories that occur in the registry (e.g. adm4 A with village A-1, or age 0-14 with age 5-9), and the atoms are
/// every combination of one value of each variable, occurring or not, since the intruder does not know which are empty.
/// Tables of several indicators add one more variable, <c>membership</c>: which of their populations the unit is in,
/// joined with every variable their filters read, its values again only the combinations that occur (the definitions
/// are public). Every cell of every table is the sum of the atoms below it.
/// </summary>
internal static class PublicationAtoms
{
    /// <summary>Most atoms a publication may have before it is refused as too large to audit together.</summary>
    public const int MaximumAtoms = 400_000;

    /// <summary>The joint variable of the indicators' bits and the variables their filters read.</summary>
    private const string Membership = "membership";

    /// <summary>An atom in a member's area whose category of one of its dimensions is none of the table's.</summary>
    private const int OutsideCategories = -2;

    /// <summary>The part of a variable's tuple that is an indicator's bit (not a dimension).</summary>
    private const int Bit = -2;

    /// <summary>The fields an expression reads.</summary>
    private static IEnumerable<string> FieldsOf(Expr expr) => expr switch
    {
        FieldRef f => [f.Name],
        UnaryExpr u => FieldsOf(u.Operand),
        BinaryExpr b => FieldsOf(b.Left).Concat(FieldsOf(b.Right)),
        InExpr i => FieldsOf(i.Value).Concat(i.Items.SelectMany(FieldsOf)),
        IsNullExpr n => FieldsOf(n.Value),
        CallExpr c => FieldsOf(c.Argument),
        _ => [],
    };

    /// <summary>
    /// The variables joined with the indicators' bits into <see cref="Membership"/>: with several indicators, every
    /// variable their filters read. A household field that copies the head's (<see cref="SnapshotFields.HeadFields"/>:
    /// head_sex is the head's sex) is one value with that person field on the head: when a table reads one (and whenever
    /// persons and households are linked, a household being counted on its head, <see cref="PublicationUnits"/>), the
    /// relation, those household fields and their person fields are joined too, so that the heads of one sex are, in
    /// the atoms, the households (or the persons of households) of that head's sex.
    /// </summary>
    private static HashSet<string> JointVariables(IReadOnlyList<StagedTable> members, bool mixed, bool linked)
    {
        var read = new HashSet<string>(StringComparer.Ordinal);
        var fields = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            fields.UnionWith(m.Request.By);
            if (m.Indicator.Filter is { } filter)
            {
                var filterFields = FieldsOf(ExpressionParser.Parse(filter)).ToList();
                fields.UnionWith(filterFields);
                if (linked)
                    read.UnionWith(filterFields.Select(VariableOf));
            }
        }
        if (mixed || SnapshotFields.HeadFields.Keys.Any(fields.Contains))
        {
            read.Add(VariableOf("relation"));
            foreach (var (household, head) in SnapshotFields.HeadFields)
            {
                read.Add(VariableOf(household));
                read.Add(VariableOf(head));
            }
        }
        return read;
    }

    private static string VariableOf(string dimension) => dimension switch
    {
        "adm1" or "adm2" or "adm3" or "adm4" or "adm5" or "village" or "area" => "area",
        "age_group" or "age" => "age",
        "mig_status" => "migratory_status",
        _ => dimension,
    };

    /// <summary>
    /// The number of atoms; per member, the inner cell each atom is counted in (-1: in none); and the atoms of every
    /// small derived cell: a cell of one of the tables at the finer categories the tables define together (e.g. the
    /// base band 5-9 that a table by 0-4,5-17,… and one by 0-9,10-17,… define, or a village inside an adm4 table) that
    /// holds 1 to K-1 units. Combining the tables must not narrow these either.
    /// </summary>
    public static (int Atoms, int[][] AtomCell, List<int[]> SmallDerived) Build(RegistrySnapshot snapshot, IReadOnlyList<StagedTable> members)
    {
        var units = new PublicationUnits(snapshot, members);
        var rows = units.Rows;
        var union = new bool[rows];
        for (var row = 0; row < rows; row++)
        {
            foreach (var m in members)
                union[row] |= units.Counts(m, row);
        }

        // Tables of several indicators (counts of one unit): which of their populations a unit is in is part of its
        // atom, one bit per indicator, so that a cell of indicator X sums only atoms inside X's population. The
        // definitions are public, so the intruder knows which combinations cannot occur (a returnee outside the
        // population, a child under 5 aged 5-9): the bits and every variable a filter reads (migratory status, age,
        // …) are one joint variable whose values are the combinations that occur in the registry, and combinations
        // that do not occur are no atoms. That can only tell the intruder more than the definitions do (a
        // combination that could occur but does not is also known empty), so the protection errs on the safe side.
        var indicators = members.Select(m => m.Indicator.Id).Distinct(StringComparer.Ordinal).ToList();
        var linked = indicators.Count > 1;
        var read = JointVariables(members, units.Mixed, linked);
        string Joint(string variable) => read.Contains(variable) ? Membership : variable;

        // Variables and, per member and dimension, where its category sits in the variable's tuple.
        var names = new List<string>();
        var parts = new List<List<(int Member, int Dimension)>>();
        var place = members.Select(m => new (int Variable, int Position)[m.Columns.Count]).ToArray();
        int VariableIndex(string name)
        {
            var v = names.IndexOf(name);
            if (v >= 0)
                return v;
            names.Add(name);
            parts.Add([]);
            return names.Count - 1;
        }
        for (var m = 0; m < members.Count; m++)
        {
            for (var d = 0; d < members[m].Columns.Count; d++)
            {
                var v = VariableIndex(Joint(VariableOf(members[m].Request.By[d])));
                place[m][d] = (v, parts[v].Count);
                parts[v].Add((m, d));
            }
        }
        // A table restricted to an area: whether a unit is inside is part of its area.
        var areaVariable = -1;
        var scope = new int[members.Count];
        for (var m = 0; m < members.Count; m++)
        {
            scope[m] = -1;
            if (members[m].Request.AreaPcode is null)
                continue;
            var v = areaVariable = VariableIndex(Joint("area"));
            scope[m] = parts[v].Count;
            parts[v].Add((m, -1));
        }
        // Per member, where its indicator's bit sits in the joint variable (-1: one indicator, no bits).
        var membership = -1;
        var bit = new int[members.Count];
        Array.Fill(bit, -1);
        if (linked)
        {
            membership = VariableIndex(Membership);
            foreach (var id in indicators)
            {
                var first = members.Select((m, i) => (m, i)).First(x => string.Equals(x.m.Indicator.Id, id, StringComparison.Ordinal)).i;
                var position = parts[membership].Count;
                parts[membership].Add((first, Bit));
                for (var m = 0; m < members.Count; m++)
                {
                    if (string.Equals(members[m].Indicator.Id, id, StringComparison.Ordinal))
                        bit[m] = position;
                }
            }
        }

        var steps = parts.Select(p => new Dictionary<(int, int), int>()).ToArray();
        var valueOf = parts.Select(_ => new Dictionary<int, int>()).ToArray();
        var tuples = parts.Select(_ => new List<int[]>()).ToArray();
        for (var row = 0; row < rows; row++)
        {
            if (!union[row])
                continue;
            for (var v = 0; v < parts.Count; v++)
            {
                var node = 0;
                foreach (var (m, d) in parts[v])
                {
                    var element = Element(units, members[m], d, row);
                    if (!steps[v].TryGetValue((node, element), out var next))
                        steps[v][(node, element)] = next = steps[v].Count + 1;
                    node = next;
                }
                if (valueOf[v].ContainsKey(node))
                    continue;
                valueOf[v][node] = tuples[v].Count;
                tuples[v].Add([.. parts[v].Select(p => Element(units, members[p.Member], p.Dimension, row))]);
            }
        }

        long count = 1;
        foreach (var t in tuples)
        {
            count *= t.Count;
            if (count > MaximumAtoms)
            {
                throw new TabulationException(
                    $"the tables of this publication combine into more than {MaximumAtoms:N0} finest cells ({string.Join(" × ", tuples.Select(x => x.Count))}), " +
                    "too many to audit together: publish fewer or coarser tables in one set");
            }
        }
        var atoms = (int)count;

        var counted = new long[atoms];
        for (var row = 0; row < rows; row++)
        {
            if (!union[row])
                continue;
            var atom = 0;
            for (var v = 0; v < parts.Count; v++)
            {
                var node = 0;
                foreach (var (m, d) in parts[v])
                    node = steps[v][(node, Element(units, members[m], d, row))];
                atom = atom * tuples[v].Count + valueOf[v][node];
            }
            counted[atom]++;
        }
        var atomCell = members.Select(_ => new int[atoms]).ToArray();
        var value = new int[parts.Count];
        for (var atom = 0; atom < atoms; atom++)
        {
            var rest = atom;
            for (var v = parts.Count - 1; v >= 0; v--)
            {
                value[v] = rest % tuples[v].Count;
                rest /= tuples[v].Count;
            }
            var impossible = false;
            for (var m = 0; m < members.Count; m++)
            {
                var cell = bit[m] >= 0 && tuples[membership][value[membership]][bit[m]] == 0
                    ? -1
                    : Cell(members[m], place[m], areaVariable, scope[m], tuples, value);
                // In the member's population (and area) but in none of its categories: no unit can be there (a child
                // under 5 of a sex the children's table does not have, combined from an adult's sex; a household of the
                // union a table is restricted to with a dwelling that table does not list, combined from a table of
                // the whole registry): the table's categories are those its units have and its total counts every unit
                // of its population, so the intruder knows the atom is empty, and it is in no equation of any table.
                if (cell == OutsideCategories)
                {
                    impossible = true;
                    cell = -1;
                }
                atomCell[m][atom] = cell;
            }
            if (impossible)
            {
                for (var m = 0; m < members.Count; m++)
                    atomCell[m][atom] = -1;
            }
        }
        var k = members.Max(m => m.Rule.MinimumContributors);
        // Every member's cells depend on the joint variable (its indicator's bit): a group it defines there (persons of
        // the population but not aged 16 or more, of one village) is checked as one of its own cells.
        var variablesOf = members.Select((m, i) => place[i].Select(p => p.Variable)
            .Concat(scope[i] >= 0 ? [areaVariable] : [])
            .Concat(membership >= 0 ? [membership] : [])
            .ToHashSet()).ToList();
        return (atoms, atomCell, SmallDerived([.. tuples.Select(t => t.Count)], counted, variablesOf, k));
    }

    /// <summary>
    /// Cells of the cover table (every variable's values, with totals) restricted to one member's variables (the others
    /// at their total) that hold 1 to K-1 units, as lists of atoms.
    /// </summary>
    private static List<int[]> SmallDerived(int[] sizes, long[] units, List<HashSet<int>> variablesOf, int k)
    {
        var cover = new Disclosure.LinkedTable(sizes);
        var counts = new long[cover.Size];
        var coords = new int[sizes.Length];
        for (var atom = 0; atom < units.Length; atom++)
        {
            Decode(atom, sizes, coords);
            counts[cover.Index(coords)] = units[atom];
        }
        cover.FillTotals(counts);
        var derived = new List<int[]>();
        for (var cell = 0; cell < cover.Size; cell++)
        {
            if (counts[cell] <= 0 || counts[cell] >= k)
                continue;
            cover.Coords(cell, coords);
            if (!variablesOf.Any(vars => Enumerable.Range(0, sizes.Length).All(v => vars.Contains(v) || cover.IsTotal(v, coords[v]))))
                continue;
            var list = new List<int>();
            Atoms(cover, coords, sizes, 0, 0, list);
            derived.Add([.. list]);
        }
        return derived;
    }

    /// <summary>The atoms below a cover cell, ascending: every value of a variable at its total, the fixed value otherwise.</summary>
    private static void Atoms(Disclosure.LinkedTable cover, int[] coords, int[] sizes, int v, int prefix, List<int> list)
    {
        if (v == sizes.Length)
        {
            list.Add(prefix);
            return;
        }
        if (!cover.IsTotal(v, coords[v]))
        {
            Atoms(cover, coords, sizes, v + 1, prefix * sizes[v] + coords[v], list);
            return;
        }
        for (var value = 0; value < sizes[v]; value++)
            Atoms(cover, coords, sizes, v + 1, prefix * sizes[v] + value, list);
    }

    private static void Decode(int atom, int[] sizes, int[] coords)
    {
        for (var v = sizes.Length - 1; v >= 0; v--)
        {
            coords[v] = atom % sizes[v];
            atom /= sizes[v];
        }
    }

    /// <summary>
    /// The unit's category (position in the member's table, -1 if not in it); for d = -1 whether it is in the member's
    /// area; for d = <see cref="Bit"/> whether it is in the member's indicator's population.
    /// </summary>
    private static int Element(PublicationUnits units, StagedTable member, int d, int row)
    {
        if (d == Bit)
            return units.InIndicator(member, row) ? 1 : 0;
        if (d < 0)
            return units.InArea(member, row) ? 1 : 0;
        var code = units.CodeAt(member.Columns[d], row);
        return code < 0 ? -1 : member.Maps[d][code];
    }

    private static int Cell(StagedTable member, (int Variable, int Position)[] place, int areaVariable, int scope, List<int[]>[] tuples, int[] value)
    {
        var table = member.Protection.Table;
        if (scope >= 0 && tuples[areaVariable][value[areaVariable]][scope] == 0)
            return -1;
        var index = 0;
        for (var d = 0; d < place.Length; d++)
        {
            var (v, position) = place[d];
            var coord = tuples[v][value[v]][position];
            if (coord < 0)
                return OutsideCategories;
            index += coord * table.Strides[d];
        }
        return index;
    }
}
