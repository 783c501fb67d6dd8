using System.Globalization;
using Google.OrTools.LinearSolver;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>
/// The intruder of issue 15 against a whole publication, written without Mosaic's atoms or audit: it sees only the
/// published tables (their category codes and values), knows the base age bands (from the user guide), that every
/// cell is a sum of persons and that counts are never negative. Its unknowns are the persons of every combination of
/// one value per variable (area code, sex, status, base age band, …: every combination, since it does not know which
/// are empty); every published cell of every table is one equation. For every suppressed cell it solves (HiGHS) for a
/// smallest and a largest feasible value, checks both solutions itself (every equation holds, nothing negative) and
/// reports the cell when the two are less than K apart.
/// </summary>
internal sealed class PublicationIntruder
{
    private const double Tolerance = 1e-6;

    /// <summary>
    /// Every age at which some table's band starts, read from the codes (a-b starts a and ends before b+1; a+ starts a).
    /// Ages between two of them are in the same cells of every table, so one unknown per interval loses the intruder nothing.
    /// </summary>
    public static int[] AgeBoundaries(IReadOnlyList<TabulationResult> tables)
    {
        var bounds = new SortedSet<int> { 0 };
        foreach (var code in tables.SelectMany(t => t.Dimensions).Where(d => d.Name == "age_group").SelectMany(d => d.Codes))
        {
            if (code == TableDimension.MissingCode)
                continue;
            if (code.EndsWith('+'))
            {
                bounds.Add(int.Parse(code[..^1], CultureInfo.InvariantCulture));
                continue;
            }
            var parts = code.Split('-');
            bounds.Add(int.Parse(parts[0], CultureInfo.InvariantCulture));
            bounds.Add(int.Parse(parts[1], CultureInfo.InvariantCulture) + 1);
        }
        return [.. bounds];
    }

    private readonly IReadOnlyList<TabulationResult> _tables;
    private readonly List<string> _variables;
    private readonly List<string[]> _values;
    private readonly List<int[]> _atoms = [];

    public PublicationIntruder(IReadOnlyList<TabulationResult> tables)
    {
        _tables = tables;
        _variables = [.. tables.SelectMany(t => t.Dimensions.Select(d => d.Name)).Distinct()];
        _values = [.. _variables.Select(v => v == "age_group"
            ? [.. AgeBoundaries(tables).Select(s => s.ToString(CultureInfo.InvariantCulture)), .. tables.SelectMany(t => t.Dimensions).Where(d => d.Name == v).SelectMany(d => d.Codes).Where(c => c == TableDimension.MissingCode).Distinct()]
            : tables.SelectMany(t => t.Dimensions).Where(d => d.Name == v).SelectMany(d => d.Codes).Distinct().ToArray())];
        var tuple = new int[_variables.Count];
        Enumerate(0, tuple);
    }

    public int Atoms => _atoms.Count;

    private void Enumerate(int v, int[] tuple)
    {
        if (v == _variables.Count)
        {
            _atoms.Add([.. tuple]);
            return;
        }
        for (var i = 0; i < _values[v].Length; i++)
        {
            tuple[v] = i;
            Enumerate(v + 1, tuple);
        }
    }

    /// <summary>Whether an atom's value of a variable lies in a table's category code.</summary>
    private static bool Matches(string variable, string value, string code)
    {
        if (variable != "age_group" || code == TableDimension.MissingCode || value == TableDimension.MissingCode)
            return value == code;
        var age = int.Parse(value, CultureInfo.InvariantCulture); // an interval's lower bound
        if (code.EndsWith('+'))
            return age >= int.Parse(code[..^1], CultureInfo.InvariantCulture);
        var parts = code.Split('-');
        return age >= int.Parse(parts[0], CultureInfo.InvariantCulture) && age <= int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private int[] AtomsOf(TabulationResult table, TableCell cell)
    {
        var list = new List<int>();
        var index = table.Dimensions.Select(d => _variables.IndexOf(d.Name)).ToArray();
        for (var a = 0; a < _atoms.Count; a++)
        {
            var inside = true;
            for (var d = 0; d < table.Dimensions.Count && inside; d++)
            {
                var category = cell.Categories[d];
                if (category == TableDimension.Total)
                    continue;
                var v = index[d];
                inside = Matches(_variables[v], _values[v][_atoms[a][v]], table.Dimensions[d].Codes[category]);
            }
            if (inside)
                list.Add(a);
        }
        return [.. list];
    }

    /// <summary>A hidden figure and its checked feasible range: a suppressed cell (Table, Cell), or a given group (Table -1, Group).</summary>
    public sealed record Interval(int Table, int Cell, string? Group, double Low, double High)
    {
        /// <summary>Names the figure the same way in every attack on tables in the same order.</summary>
        public string Key => Group ?? $"table {Table + 1} cell {Cell}";

        public double Width => High - Low;

        public override string ToString() => Group is null ? $"{Key} lies in [{Low}, {High}]" : $"a group of persons ({Group}) lies in [{Low}, {High}]";
    }

    /// <summary>
    /// Every suppressed cell of every table, and every given group of persons (values of some variables, e.g. one adm4,
    /// sex and base age band; an age as the base band's lower bound), whose checked feasible range is narrower than <paramref name="k"/>.
    /// </summary>
    public List<string> NarrowerThan(double k, IReadOnlyList<IReadOnlyDictionary<string, string>>? groups = null) =>
        [.. Intervals(k, groups).Where(i => i.Width < k - Tolerance).Select(i => i.ToString())];

    /// <summary>
    /// The checked feasible range of every suppressed cell of every table and of every given group. A range is only
    /// followed up to <paramref name="k"/> + 1 above its low end: a wider one is reported that wide.
    /// </summary>
    public List<Interval> Intervals(double k, IReadOnlyList<IReadOnlyDictionary<string, string>>? groups = null)
    {
        var equations = new List<(int[] Atoms, double Value)>();
        var hidden = new List<(int Table, int Cell, string? Group, int[] Atoms)>();
        for (var t = 0; t < _tables.Count; t++)
        {
            for (var c = 0; c < _tables[t].Cells.Count; c++)
            {
                var cell = _tables[t].Cells[c];
                var atoms = AtomsOf(_tables[t], cell);
                if (cell.Suppressed)
                    hidden.Add((t, c, null, atoms));
                else
                    equations.Add((atoms, cell.Value!.Value));
            }
        }
        foreach (var group in groups ?? [])
        {
            var name = string.Join(", ", group.Select(g => $"{g.Key}={g.Value}"));
            var atoms = Enumerable.Range(0, _atoms.Count).Where(a => group.All(g => _values[_variables.IndexOf(g.Key)][_atoms[a][_variables.IndexOf(g.Key)]] == g.Value)).ToArray();
            hidden.Add((-1, -1, name, atoms));
        }
        var intervals = new List<Interval>();
        using var solver = Solver.CreateSolver("HIGHS") ?? throw new InvalidOperationException("HiGHS is not available");
        var x = _atoms.Select((_, a) => solver.MakeNumVar(0, double.PositiveInfinity, "a" + a)).ToArray();
        foreach (var (atoms, value) in equations)
        {
            var row = solver.MakeConstraint(value, value);
            foreach (var a in atoms)
                row.SetCoefficient(x[a], 1);
        }
        var cap = solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity);
        foreach (var (t, c, group, atoms) in hidden)
        {
            var objective = solver.Objective();
            objective.Clear();
            foreach (var a in atoms)
                objective.SetCoefficient(x[a], 1);
            objective.SetMinimization();
            var low = Point(solver, x, equations, t, c).Sum(p => atoms.Contains(p.Index) ? p.Value : 0);
            foreach (var a in atoms)
                cap.SetCoefficient(x[a], 1);
            cap.SetBounds(double.NegativeInfinity, low + k + 1);
            objective.SetMaximization();
            var high = Point(solver, x, equations, t, c).Sum(p => atoms.Contains(p.Index) ? p.Value : 0);
            foreach (var a in atoms)
                cap.SetCoefficient(x[a], 0);
            cap.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
            intervals.Add(new Interval(t, c, group, low, high));
        }
        return intervals;
    }

    /// <summary>Solves, then checks the solution is consistent with every published cell of every table.</summary>
    private static IEnumerable<(int Index, double Value)> Point(Solver solver, Variable[] x, List<(int[] Atoms, double Value)> equations, int t, int c)
    {
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the intruder's programme for table {t + 1} cell {c} ended {status}");
        var point = x.Select(v => v.SolutionValue()).ToArray();
        if (point.Any(v => v < -Tolerance))
            throw new InvalidOperationException($"the intruder's solution for table {t + 1} cell {c} has a negative atom");
        foreach (var (atoms, value) in equations)
        {
            if (Math.Abs(atoms.Sum(a => point[a]) - value) > Tolerance * Math.Max(1, value))
                throw new InvalidOperationException($"the intruder's solution for table {t + 1} cell {c} breaks a published cell");
        }
        return point.Select((v, i) => (i, v));
    }
}
