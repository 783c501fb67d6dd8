namespace Mosaic.Core.Disclosure;

/// <summary>
/// Disclosure control of one table as a piece of work that can be continued: the primary rules, secondary suppression
/// and the audit run at <see cref="Start"/>; a publication that links this table with others may then suppress more of
/// its cells (<see cref="Suppress"/>, <see cref="SuppressWithoutBound"/>) and audit it again, and
/// <see cref="Outcome"/> gives the final pattern.
/// </summary>
internal sealed class TableProtection
{
    private readonly HypercubeSearch? _search;
    private readonly SuppressionReason[] _reasons;
    private readonly int _primaries;
    private int _rounds;

    private TableProtection(LinkedTable table, long[] contributors, CellStatus[] status, IReadOnlyList<ProtectionLayer> layers,
        HypercubeSearch? search, SuppressionReason[] reasons, int primaries)
    {
        Table = table;
        Contributors = contributors;
        Status = status;
        Layers = layers;
        _search = search;
        _reasons = reasons;
        _primaries = primaries;
    }

    public LinkedTable Table { get; }

    public long[] Contributors { get; }

    public CellStatus[] Status { get; }

    public IReadOnlyList<ProtectionLayer> Layers { get; }

    /// <summary>Whether the table is under suppression at all (K above 1 and at least one dimension).</summary>
    public bool IsActive => _search is not null;

    public AuditReport? Audit { get; private set; }

    /// <summary>Cells suppressed beyond this table's own needs because a linked table required them.</summary>
    public int LinkedCells { get; private set; }

    public static TableProtection Start(LinkedTable table, CellFacts facts, IReadOnlyList<ProtectionLayer> layers, DisclosureRule rule)
    {
        var contributors = facts.Contributors;
        var status = new CellStatus[table.Size];
        if (!rule.IsActive || table.Dimensions == 0)
            return new TableProtection(table, contributors, status, layers, null, [], 0);
        var reasons = PrimarySuppression.Apply(facts, rule, status);
        var primaries = new List<int>();
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.PrimarySuppressed)
                primaries.Add(i);
        }
        // Inner cells first: their boxes tend to cover the small marginal cells too.
        primaries.Sort((a, b) =>
        {
            var c = table.TotalCount(a).CompareTo(table.TotalCount(b));
            return c != 0 ? c : a.CompareTo(b);
        });
        var search = new HypercubeSearch(table, contributors, status, layers);
        search.Run(primaries, DisclosureControl.SearchBudget);
        PatternCleanup.Run(table, contributors, status, layers, search);
        var protection = new TableProtection(table, contributors, status, layers, search, reasons, primaries.Count);
        protection.AuditUntilSafe();
        if (rule.Secondary == SecondaryMethod.Optimal)
        {
            // The fast pattern, audited, is the optimal method's starting incumbent: it never returns more cells.
            protection.Optimal = OptimalSuppression.Run(table, contributors, status, layers, rule.OptimalTimeLimit);
            for (var i = 0; i < status.Length; i++)
            {
                if (status[i] == CellStatus.Published)
                    search.Protected[i] = false;
            }
            protection.AuditUntilSafe();
        }
        return protection;
    }

    /// <summary>How the optimal method's search ended (null for the fast method).</summary>
    public OptimalSearch? Optimal { get; private set; }

    /// <summary>A table published earlier: its pattern is fixed (<see cref="Freeze"/>), nothing more is suppressed in it.</summary>
    public bool IsFrozen { get; private set; }

    /// <summary>Sets the pattern the table was published with and fixes it: later linking can only suppress more in the other tables.</summary>
    public void Freeze(IReadOnlyList<bool> suppressed)
    {
        for (var i = 0; i < Status.Length; i++)
        {
            if (!suppressed[i])
                Status[i] = CellStatus.Published;
            else if (Status[i] == CellStatus.Published)
                Status[i] = CellStatus.SecondarySuppressed;
        }
        IsFrozen = true;
    }

    /// <summary>
    /// Suppresses a published cell because a linked table suppresses the same figure, and gives it a valid box in this
    /// table; returns the cells added. Run <see cref="AuditUntilSafe"/> afterwards.
    /// </summary>
    public int Suppress(int cell)
    {
        if (_search is null || IsFrozen || Status[cell] != CellStatus.Published)
            return 0;
        Status[cell] = CellStatus.SecondarySuppressed;
        var added = 1 + _search.Run([cell], DisclosureControl.SearchBudget);
        LinkedCells += added;
        return added;
    }

    /// <summary>Suppresses the cell (if published) and its all-totals box, which can grow without bound; returns the cells added.</summary>
    public int SuppressWithoutBound(int cell)
    {
        if (_search is null || IsFrozen)
            return 0;
        var added = 0;
        if (Status[cell] == CellStatus.Published)
        {
            Status[cell] = CellStatus.SecondarySuppressed;
            added++;
        }
        added += _search.ProtectWithoutBound(cell);
        LinkedCells += added;
        return added;
    }

    /// <summary>
    /// The built-in audit: an LP for every suppressed cell; a cell whose interval is too narrow gets its all-totals
    /// box suppressed (which can grow without bound), and the audit runs again until every cell passes.
    /// </summary>
    public void AuditUntilSafe()
    {
        if (_search is null || IsFrozen)
            return;
        while (true)
        {
            var audit = ProvenByBoxes(_search) ?? LinearAudit.Run(Table, Status, Layers, _search.HasSuppressedValidBox);
            Audit = audit;
            if (audit.Passed)
                return;
            _rounds++;
            var added = 0;
            foreach (var finding in audit.Narrow.DistinctBy(f => f.Cell))
                added += _search.ProtectWithoutBound(finding.Cell);
            if (added == 0)
                throw new InvalidOperationException($"disclosure audit: cell {audit.Narrow[0].Cell} stays narrower than its protection level after suppressing its totals");
        }
    }

    /// <summary>
    /// The audit's report when every suppressed cell has a valid box of suppressed cells (then no LP is needed and
    /// <see cref="LinearAudit.Run"/> would report exactly this: every cell checked in every layer, all proven by box, no
    /// interval bounded by an LP); null when some cell needs the LP audit.
    /// </summary>
    private AuditReport? ProvenByBoxes(HypercubeSearch search)
    {
        var suppressed = 0;
        for (var i = 0; i < Status.Length; i++)
        {
            if (Status[i] == CellStatus.Published)
                continue;
            if (!search.HasSuppressedValidBox(i))
                return null;
            suppressed++;
        }
        return new AuditReport(suppressed * Layers.Count, 0, [], double.PositiveInfinity) { ProvenByBox = suppressed };
    }

    public DisclosureOutcome Outcome()
    {
        long hidden = 0;
        var suppressed = 0;
        for (var i = 0; i < Status.Length; i++)
        {
            if (Status[i] == CellStatus.Published)
                continue;
            suppressed++;
            if (Table.TotalCount(i) == 0)
                hidden += Contributors[i];
        }
        return new DisclosureOutcome(Status, _primaries, suppressed - _primaries, hidden, Contributors.Length == 0 ? 0 : Contributors[^1])
        {
            Reasons = _reasons,
            Audit = Audit,
            AuditRounds = _rounds,
            Optimal = Optimal,
        };
    }
}
