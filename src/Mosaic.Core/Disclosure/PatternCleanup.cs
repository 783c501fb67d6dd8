using System.Runtime.CompilerServices;

namespace Mosaic.Core.Disclosure;

/// <summary>
/// The cleanup pass of secondary suppression: boxes chosen one sensitive cell at a time overlap, so some secondary
/// cells end up protecting nobody. Each suppressed cell keeps a witness — a valid box of suppressed cells around it
/// (<see cref="HypercubeSearch.SuppressedValidBox"/>), a proof of its interval under non-negativity that needs no LP —
/// and a secondary cell is published again when every cell whose witness used it finds another witness without it.
/// Cells without a witness (proven by the LP audit only) are checked by the audit after each change. The pattern stays
/// safe at every step; the final audit checks it again.
/// </summary>
internal static class PatternCleanup
{
    /// <summary>Largest table cleaned (the pass is linear in the dependents of each candidate, but boxes grow with density).</summary>
    public const int MaximumCells = 20_000;

    /// <summary>Publishes every secondary cell it can, most contributors first; returns the number published again.</summary>
    // Runs once per table: compiled optimised at once rather than starting as unoptimised code (the first table of a process).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Run(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, HypercubeSearch search)
    {
        if (table.Size > MaximumCells)
            return 0;
        var witness = new int[]?[table.Size];
        // Per cell, the cells whose witness used it when it was set; entries whose witness has changed since are
        // dropped when read (Dependents), which costs less than keeping exact sets.
        var dependents = new List<int>?[table.Size];
        var seen = new int[table.Size];
        var round = 0;
        var unproven = new HashSet<int>();
        var secondary = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.Published)
                continue;
            if (status[i] == CellStatus.SecondarySuppressed)
                secondary.Add(i);
            SetWitness(i, search.KnownValidBox(i));
        }
        // Most contributors first: among patterns of as many cells, the one that hides fewer persons.
        secondary.Sort((a, b) =>
        {
            var c = contributors[b].CompareTo(contributors[a]);
            return c != 0 ? c : a.CompareTo(b);
        });
        var removed = 0;
        var affected = new List<int>();
        foreach (var cell in secondary)
        {
            status[cell] = CellStatus.Published;
            Dependents(cell, affected);
            var replacements = new List<(int Cell, int[]? Box)>(affected.Count);
            var safe = true;
            foreach (var j in affected)
            {
                // Any valid box will do: whether the cell can go back depends on the pattern, not on the witnesses.
                var box = search.KnownValidBox(j);
                if (box is null && unproven.Count == 0)
                {
                    safe = false;
                    break;
                }
                replacements.Add((j, box));
            }
            if (safe && (unproven.Count > 0 || replacements.Any(r => r.Box is null)))
            {
                // Some cells are proven only by the LP: the audit decides, taking the witnesses as proofs.
                var proven = new HashSet<int>(replacements.Where(r => r.Box is not null).Select(r => r.Cell));
                var changed = new HashSet<int>(affected);
                safe = Passes(table, status, layers, j => proven.Contains(j) || (witness[j] is not null && !changed.Contains(j)));
            }
            if (!safe)
            {
                status[cell] = CellStatus.SecondarySuppressed;
                continue;
            }
            SetWitness(cell, null);
            unproven.Remove(cell);
            foreach (var (j, box) in replacements)
                SetWitness(j, box);
            search.Protected[cell] = false;
            removed++;
        }
        return removed;

        static bool Passes(LinkedTable table, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers, Func<int, bool> proven)
        {
            try
            {
                return LinearAudit.Run(table, status, layers, proven).Passed;
            }
            catch (Exception e) when (e is InvalidDataException or InvalidOperationException)
            {
                // A solver failure proves nothing: the cell stays suppressed.
                return false;
            }
        }

        void SetWitness(int cell, int[]? box)
        {
            witness[cell] = box;
            if (box is null)
            {
                if (status[cell] != CellStatus.Published)
                    unproven.Add(cell);
                return;
            }
            unproven.Remove(cell);
            foreach (var corner in box)
                (dependents[corner] ??= new List<int>(box.Length)).Add(cell);
        }

        // The cells other than `cell` whose current witness uses it, each once; stale entries are removed from the list.
        void Dependents(int cell, List<int> result)
        {
            result.Clear();
            if (dependents[cell] is not { } list)
                return;
            round++;
            var kept = 0;
            for (var k = 0; k < list.Count; k++)
            {
                var j = list[k];
                if (seen[j] == round || witness[j] is not { } box || Array.IndexOf(box, cell) < 0)
                    continue;
                seen[j] = round;
                list[kept++] = j;
                if (j != cell)
                    result.Add(j);
            }
            list.RemoveRange(kept, list.Count - kept);
        }
    }
}
