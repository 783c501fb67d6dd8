namespace Mosaic.Core.Disclosure;

/// <summary>
/// Tables of one publication protected as one set. Each table is first protected on its own; then, until an intruder
/// who combines every published cell of every table (<see cref="JointAudit"/>) can narrow no suppressed cell below its
/// protection level:
/// <list type="number">
/// <item>a figure that appears in several tables (the same atoms, e.g. a village's total in a table by sex and in one by
/// age) is suppressed in all of them once it is suppressed in one, with a valid box in each;</item>
/// <item>a cell still too narrow gets its all-totals box in its own table; when that box is already suppressed, every
/// cell of every table that shares one of its atoms is suppressed with its all-totals box (then none of its atoms is in
/// a published equation, so it is unbounded: the loop always ends).</item>
/// </list>
/// A member published earlier (<see cref="TableProtection.IsFrozen"/>) keeps its pattern: only the other tables are
/// suppressed further. What the earlier tables give away on their own is public already: a cell (or small derived
/// group) they narrow below its level must keep the range they leave it, no narrower; one they pin exactly is not
/// audited. When a cell's own atoms are isolated and it is still too narrow, the new cells sharing atoms with the
/// earlier tables' finest published cells around it are suppressed; if that is not enough, every cell of the new
/// tables linked to it through the earlier tables' equations: then its range is the earlier tables' alone, which
/// passes, so the loop ends here too.
/// </summary>
internal static class LinkedProtection
{
    /// <summary>Protects the members jointly; returns the rounds of "joint audit, then suppress more" (0 = the first joint audit passed).</summary>
    /// <param name="members">The tables.</param>
    /// <param name="atoms">Number of atoms.</param>
    /// <param name="derived">Cells of 1 to K-1 units that no table publishes but combining them could give (atom lists).</param>
    /// <param name="k">The protection level of a derived cell.</param>
    public static int Run(IReadOnlyList<PublicationMember> members, int atoms, IReadOnlyList<int[]> derived, int k)
    {
        var active = members.Where(m => m.Protection.IsActive).ToList();
        if (active.Count < 2 || atoms == 0)
            return 0;
        var shared = SharedFigures(active);
        var passed = new HashSet<(int, int, int)>();
        var earlier = EarlierRanges(active, atoms, derived, k);
        var rounds = 0;
        while (true)
        {
            Align(active, shared);
            var (narrow, _) = JointAudit.Run(active, atoms, derived, k, passed, already: earlier);
            if (narrow.Count == 0)
            {
                // The joint programme holds every table's own equations, so each table passes its own audit in the
                // layers they share; a table's own audit can still suppress more in a layer the others do not have
                // (e.g. households of a person table linked with one without the household rule): then the shared
                // figures are aligned and the set audited again.
                var before = active.Sum(Suppressed);
                foreach (var member in active)
                    member.Protection.AuditUntilSafe();
                if (active.Sum(Suppressed) == before)
                    return rounds;
                rounds++;
                continue;
            }
            rounds++;
            var failing = narrow.Where(f => f.Member >= 0).Select(f => (f.Member, f.Cell)).Distinct().ToList();
            var small = narrow.Where(f => f.Member < 0).Select(f => derived[f.Cell]).Distinct().ToList();
            var added = 0;
            foreach (var (m, cell) in failing)
                added += active[m].Protection.SuppressWithoutBound(cell);
            // A small derived cell: the published cells that contain part of it become hidden, each with a valid box.
            foreach (var atomsOfCell in small)
                added += SuppressContaining(active, atomsOfCell);
            if (added == 0)
            {
                foreach (var (m, cell) in failing)
                    added += IsolateAtoms(active, active[m].CellAtoms[cell]);
                foreach (var atomsOfCell in small)
                    added += IsolateAtoms(active, atomsOfCell);
            }
            // Still too narrow with its own atoms isolated: an earlier table's equations tie it to new cells elsewhere.
            // First the new cells that share atoms with the earlier tables' finest published cells around it; when
            // that is not enough, every new cell tied to it through the earlier tables' equations.
            if (added == 0 && earlier is not null)
            {
                foreach (var (m, cell) in failing)
                    added += IsolateAtoms(active, FrozenInnerCellsAround(active, active[m].CellAtoms[cell]));
                foreach (var atomsOfCell in small)
                    added += IsolateAtoms(active, FrozenInnerCellsAround(active, atomsOfCell));
            }
            if (added == 0 && earlier is not null)
            {
                foreach (var (m, cell) in failing)
                    added += IsolateAtoms(active, LinkedThroughFrozen(active, atoms, active[m].CellAtoms[cell]));
                foreach (var atomsOfCell in small)
                    added += IsolateAtoms(active, LinkedThroughFrozen(active, atoms, atomsOfCell));
            }
            if (added == 0)
            {
                var first = narrow[0];
                throw new InvalidOperationException(
                    $"publication audit: cell {first.Cell} of {(first.Member < 0 ? "the derived cells" : $"table {first.Member + 1}")} stays in [{first.Min}, {first.Max}] after suppressing every cell that shares its units");
            }
        }
    }

    private static int Suppressed(PublicationMember member) => member.Protection.Status.Count(s => s != CellStatus.Published);

    /// <summary>
    /// The width of every range the members published earlier (frozen) already narrow below its level on their own,
    /// per (member, cell, layer); null when no member is frozen.
    /// </summary>
    private static Dictionary<(int Member, int Cell, int Layer), double>? EarlierRanges(List<PublicationMember> members, int atoms, IReadOnlyList<int[]> derived, int k)
    {
        if (!members.Any(m => m.Protection.IsFrozen))
            return null;
        var (narrow, _) = JointAudit.Run(members, atoms, derived, k, [], m => members[m].Protection.IsFrozen);
        var ranges = new Dictionary<(int, int, int), double>();
        foreach (var finding in narrow)
            ranges[(finding.Member, finding.Cell, finding.LayerIndex)] = Math.Max(0, finding.Max - finding.Min);
        return ranges;
    }

    /// <summary>The atoms of the frozen members' published inner cells that hold one of <paramref name="start"/> (and those atoms themselves).</summary>
    private static int[] FrozenInnerCellsAround(List<PublicationMember> members, int[] start)
    {
        var around = new HashSet<int>(start);
        foreach (var member in members.Where(m => m.Protection.IsFrozen))
        {
            foreach (var atom in start)
            {
                var cell = member.AtomCell[atom];
                if (cell >= 0 && member.Protection.Status[cell] == CellStatus.Published)
                    around.UnionWith(member.CellAtoms[cell]);
            }
        }
        return [.. around.Order()];
    }

    /// <summary>The atoms linked to <paramref name="start"/> through the published cells of the frozen members (and the atoms themselves).</summary>
    private static int[] LinkedThroughFrozen(List<PublicationMember> members, int atoms, int[] start)
    {
        var parent = Enumerable.Range(0, atoms).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
                x = parent[x] = parent[parent[x]];
            return x;
        }
        foreach (var member in members.Where(m => m.Protection.IsFrozen))
        {
            for (var cell = 0; cell < member.CellAtoms.Length; cell++)
            {
                var list = member.CellAtoms[cell];
                if (member.Protection.Status[cell] != CellStatus.Published)
                    continue;
                for (var i = 1; i < list.Length; i++)
                    parent[Find(list[i])] = Find(list[0]);
            }
        }
        var roots = start.Select(Find).ToHashSet();
        return [.. Enumerable.Range(0, atoms).Where(a => roots.Contains(Find(a)))];
    }

    /// <summary>Groups of (member, cell) that sum exactly the same atoms: the same figure published in several tables.</summary>
    private static List<List<(int Member, int Cell)>> SharedFigures(List<PublicationMember> members)
    {
        var groups = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
        for (var m = 0; m < members.Count; m++)
        {
            var cells = members[m].CellAtoms;
            for (var cell = 0; cell < cells.Length; cell++)
            {
                if (cells[cell].Length == 0)
                    continue;
                var key = string.Join(',', cells[cell]);
                if (!groups.TryGetValue(key, out var list))
                    groups[key] = list = [];
                list.Add((m, cell));
            }
        }
        return [.. groups.Values.Where(g => g.Select(x => x.Item1).Distinct().Count() > 1)];
    }

    /// <summary>Suppresses a shared figure everywhere once it is suppressed somewhere (each with a valid box in its table).</summary>
    private static void Align(List<PublicationMember> members, List<List<(int Member, int Cell)>> shared)
    {
        while (true)
        {
            var added = 0;
            foreach (var group in shared)
            {
                if (!group.Any(x => members[x.Member].Protection.Status[x.Cell] != CellStatus.Published))
                    continue;
                foreach (var (m, cell) in group)
                    added += members[m].Protection.Suppress(cell);
            }
            if (added == 0)
                return;
        }
    }

    /// <summary>Suppresses, in every table, each published inner cell sharing an atom with <paramref name="atoms"/>, with a valid box.</summary>
    private static int SuppressContaining(List<PublicationMember> members, int[] atoms)
    {
        var added = 0;
        foreach (var member in members)
        {
            var cells = new HashSet<int>();
            foreach (var atom in atoms)
            {
                if (member.AtomCell[atom] >= 0)
                    cells.Add(member.AtomCell[atom]);
            }
            foreach (var cell in cells)
                added += member.Protection.Suppress(cell);
        }
        return added;
    }

    /// <summary>Suppresses, in every table, each inner cell sharing an atom with <paramref name="atoms"/> and its all-totals box.</summary>
    private static int IsolateAtoms(List<PublicationMember> members, int[] atoms)
    {
        var added = 0;
        foreach (var member in members)
        {
            var cells = new HashSet<int>();
            foreach (var atom in atoms)
            {
                if (member.AtomCell[atom] >= 0)
                    cells.Add(member.AtomCell[atom]);
            }
            foreach (var cell in cells)
                added += member.Protection.SuppressWithoutBound(cell);
        }
        return added;
    }
}
