using System.Globalization;
using Google.OrTools.LinearSolver;
using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>
/// The intruder of issue 15 against tables of several indicators, written without Mosaic's atoms or audit. Besides
/// every published cell, that the tables add up and that counts are never negative, it knows each indicator's
/// definition (they are public): which persons each table counts, as a condition on a person's type given by the
/// test (e.g. "status is returnee", "age below 5"). Its unknowns are the persons of every type (every combination of
/// one value per variable the test names — village, sex, status, age interval — occurring or not); a published cell
/// of a table is the sum of the types that its indicator counts and that lie in the cell's categories. For every
/// suppressed cell and every given group it solves (HiGHS) for a smallest and a largest feasible value, checks both
/// solutions itself, and reports the figures whose two values are less than K apart.
/// </summary>
internal sealed class DefinitionIntruder
{
    private const double Tolerance = 1e-6;

    private readonly List<string> _variables;
    private readonly List<string[]> _values;
    private readonly IReadOnlyList<(TabulationResult Table, Func<Func<string, string>, bool> Counts)> _tables;
    private readonly List<int[]> _types = [];

    /// <param name="variables">The type's variables and their values; <c>age</c> holds the lower bound of an age interval (or <c>_missing</c>).</param>
    /// <param name="tables">Each published table, with the condition on a type (read by variable name) for being counted by its indicator.</param>
    public DefinitionIntruder(IReadOnlyList<(string Name, string[] Values)> variables, IReadOnlyList<(TabulationResult Table, Func<Func<string, string>, bool> Counts)> tables)
    {
        _variables = [.. variables.Select(v => v.Name)];
        _values = [.. variables.Select(v => v.Values)];
        _tables = tables;
        Enumerate(0, new int[_variables.Count]);
    }

    public int Types => _types.Count;

    private void Enumerate(int v, int[] tuple)
    {
        if (v == _variables.Count)
        {
            _types.Add([.. tuple]);
            return;
        }
        for (var i = 0; i < _values[v].Length; i++)
        {
            tuple[v] = i;
            Enumerate(v + 1, tuple);
        }
    }

    private Func<string, string> Reader(int type) => name => _values[_variables.IndexOf(name)][_types[type][_variables.IndexOf(name)]];

    /// <summary>Whether a type's value of a variable lies in a table's category code (age: its interval's lower bound in the band).</summary>
    private static bool Matches(string variable, string value, string code)
    {
        if (variable != "age" || code == TableDimension.MissingCode || value == TableDimension.MissingCode)
            return value == code;
        var age = int.Parse(value, CultureInfo.InvariantCulture);
        if (code.EndsWith('+'))
            return age >= int.Parse(code[..^1], CultureInfo.InvariantCulture);
        var parts = code.Split('-');
        return age >= int.Parse(parts[0], CultureInfo.InvariantCulture) && age <= int.Parse(parts[1], CultureInfo.InvariantCulture);
    }

    private int[] TypesOf(int t, TableCell cell)
    {
        var (table, counts) = _tables[t];
        var index = table.Dimensions.Select(d => _variables.IndexOf(d.Name == "age_group" ? "age" : d.Name)).ToArray();
        if (index.Contains(-1))
            throw new InvalidOperationException($"table {t + 1}: a dimension is not one of the intruder's variables");
        var list = new List<int>();
        for (var a = 0; a < _types.Count; a++)
        {
            if (!counts(Reader(a)))
                continue;
            var inside = true;
            for (var d = 0; d < table.Dimensions.Count && inside; d++)
            {
                var category = cell.Categories[d];
                if (category == TableDimension.Total)
                    continue;
                var v = index[d];
                inside = Matches(_variables[v], _values[v][_types[a][v]], table.Dimensions[d].Codes[category]);
            }
            if (inside)
                list.Add(a);
        }
        return [.. list];
    }

    /// <summary>A hidden figure and its checked feasible range: a suppressed cell, or a given group.</summary>
    public sealed record Interval(string Key, double Low, double High)
    {
        public double Width => High - Low;

        public override string ToString() => $"{Key} lies in [{Low}, {High}]";
    }

    /// <summary>Every suppressed cell and given group whose checked feasible range is narrower than <paramref name="k"/>.</summary>
    public List<string> NarrowerThan(double k, IReadOnlyList<(string Name, Func<Func<string, string>, bool> Member)>? groups = null) =>
        [.. Intervals(k, groups).Where(i => i.Width < k - Tolerance).Select(i => i.ToString())];

    /// <summary>The checked feasible range of every suppressed cell and given group, followed up to K + 1 above its low end.</summary>
    public List<Interval> Intervals(double k, IReadOnlyList<(string Name, Func<Func<string, string>, bool> Member)>? groups = null)
    {
        var equations = new List<(int[] Types, double Value)>();
        var hidden = new List<(string Key, int[] Types)>();
        for (var t = 0; t < _tables.Count; t++)
        {
            var table = _tables[t].Table;
            for (var c = 0; c < table.Cells.Count; c++)
            {
                var cell = table.Cells[c];
                var types = TypesOf(t, cell);
                if (cell.Suppressed)
                    hidden.Add(($"table {t + 1} ({table.Indicator.Id}) cell {c}", types));
                else
                    equations.Add((types, cell.Value!.Value));
            }
        }
        foreach (var (name, member) in groups ?? [])
            hidden.Add(($"the group {name}", [.. Enumerable.Range(0, _types.Count).Where(a => member(Reader(a)))]));

        var intervals = new List<Interval>();
        using var solver = Solver.CreateSolver("HIGHS") ?? throw new InvalidOperationException("HiGHS is not available");
        var x = _types.Select((_, a) => solver.MakeNumVar(0, double.PositiveInfinity, "t" + a)).ToArray();
        foreach (var (types, value) in equations)
        {
            var row = solver.MakeConstraint(value, value);
            foreach (var a in types)
                row.SetCoefficient(x[a], 1);
        }
        var cap = solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity);
        foreach (var (key, types) in hidden)
        {
            var objective = solver.Objective();
            objective.Clear();
            foreach (var a in types)
                objective.SetCoefficient(x[a], 1);
            objective.SetMinimization();
            var low = Solve(solver, x, equations, key, types);
            foreach (var a in types)
                cap.SetCoefficient(x[a], 1);
            cap.SetBounds(double.NegativeInfinity, low + k + 1);
            objective.SetMaximization();
            var high = Solve(solver, x, equations, key, types);
            foreach (var a in types)
                cap.SetCoefficient(x[a], 0);
            cap.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
            intervals.Add(new Interval(key, low, high));
        }
        return intervals;
    }

    /// <summary>Solves, checks the solution against every published cell and non-negativity, and returns the figure's value in it.</summary>
    private static double Solve(Solver solver, Variable[] x, List<(int[] Types, double Value)> equations, string key, int[] figure)
    {
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the intruder's programme for {key} ended {status}");
        var point = x.Select(v => v.SolutionValue()).ToArray();
        if (point.Any(v => v < -Tolerance))
            throw new InvalidOperationException($"the intruder's solution for {key} has a negative count");
        foreach (var (types, value) in equations)
        {
            if (Math.Abs(types.Sum(a => point[a]) - value) > Tolerance * Math.Max(1, value))
                throw new InvalidOperationException($"the intruder's solution for {key} breaks a published cell");
        }
        return figure.Sum(a => point[a]);
    }
}
