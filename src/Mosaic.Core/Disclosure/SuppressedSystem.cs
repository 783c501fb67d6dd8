namespace Mosaic.Core.Disclosure;

/// <summary>
/// The structure of the intruder's equations for one suppression pattern (shared by every layer): the suppressed
/// inner cells (the unknowns), which unknowns lie below each cell, the published totals that give equations, and
/// the independent components those equations link the unknowns into.
/// </summary>
internal sealed class SuppressedSystem
{
    private readonly LinkedTable _table;
    private readonly CellStatus[] _status;
    private readonly Dictionary<int, List<int>> _below = [];
    private readonly Dictionary<int, int> _parent = [];
    private readonly Dictionary<int, List<int>> _members = [];
    private readonly Dictionary<int, List<int>> _equations = [];

    public SuppressedSystem(LinkedTable table, CellStatus[] status)
    {
        _table = table;
        _status = status;
        var n = table.Dimensions;
        var coords = new int[n];
        var up = new int[n];
        for (var i = 0; i < status.Length; i++)
        {
            if (status[i] == CellStatus.Published || table.TotalCount(i) != 0)
                continue;
            _parent[i] = i;
            table.Coords(i, coords);
            // The 2^n cells above an inner cell: each subset of its coordinates replaced by the total.
            for (var mask = 0; mask < 1 << n; mask++)
            {
                for (var d = 0; d < n; d++)
                    up[d] = (mask >> d & 1) == 1 ? table.Categories[d] : coords[d];
                var cell = table.Index(up);
                if (!_below.TryGetValue(cell, out var list))
                    _below[cell] = list = [];
                list.Add(i);
            }
        }
        foreach (var (cell, unknowns) in _below)
        {
            if (status[cell] != CellStatus.Published)
                continue;
            for (var k = 1; k < unknowns.Count; k++)
                Union(unknowns[0], unknowns[k]);
        }
        foreach (var u in _parent.Keys.ToList())
        {
            var root = Find(u);
            if (!_members.TryGetValue(root, out var list))
                _members[root] = list = [];
            list.Add(u);
        }
        foreach (var (cell, unknowns) in _below)
        {
            if (status[cell] != CellStatus.Published)
                continue;
            var root = Find(unknowns[0]);
            if (!_equations.TryGetValue(root, out var list))
                _equations[root] = list = [];
            list.Add(cell);
        }
    }

    /// <summary>Per cell, the sum of its published inner cells in <paramref name="values"/> (a right-hand side or a constant).</summary>
    public double[] PublishedSums(double[] values)
    {
        var sums = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            if (_table.TotalCount(i) == 0 && _status[i] == CellStatus.Published)
                sums[i] = values[i];
        }
        _table.FillTotals(sums);
        return sums;
    }

    /// <summary>The components (each named by one of its unknowns).</summary>
    public IEnumerable<int> Components => _members.Keys;

    public IReadOnlyList<int> Members(int component) => _members[component];

    /// <summary>Published totals whose equations involve the component.</summary>
    public IReadOnlyList<int> Equations(int component) => _equations.GetValueOrDefault(component) ?? [];

    /// <summary>The unknowns below a cell (itself, when it is a suppressed inner cell).</summary>
    public IReadOnlyList<int> UnknownInner(int cell) => _below.GetValueOrDefault(cell) ?? [];

    public IEnumerable<(int Component, List<int> Unknowns)> UnknownsByComponent(int cell)
    {
        var groups = new Dictionary<int, List<int>>();
        foreach (var u in UnknownInner(cell))
        {
            var root = Find(u);
            if (!groups.TryGetValue(root, out var list))
                groups[root] = list = [];
            list.Add(u);
        }
        return groups.Select(g => (g.Key, g.Value));
    }

    private int Find(int x)
    {
        while (_parent[x] != x)
        {
            _parent[x] = _parent[_parent[x]];
            x = _parent[x];
        }
        return x;
    }

    private void Union(int a, int b)
    {
        a = Find(a);
        b = Find(b);
        if (a != b)
            _parent[a] = b;
    }
}
