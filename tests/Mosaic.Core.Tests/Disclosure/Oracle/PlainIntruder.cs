using System.Globalization;
using Google.OrTools.LinearSolver;

namespace Mosaic.Core.Tests.Disclosure.Oracle;

/// <summary>One published cell as a user reads it: a code per dimension (<c>_total</c> for a margin) and the value, null when suppressed.</summary>
internal sealed record PlainCell(IReadOnlyList<string> Codes, double? Value);

/// <summary>
/// A published table as a user reads it, with its indicator's public definition: whether the indicator counts a
/// person of a type (read by variable name), e.g. "status is not emigrant and age below 5".
/// </summary>
internal sealed record PlainTable(string Name, IReadOnlyList<string> Dimensions, IReadOnlyList<PlainCell> Cells, Func<Func<string, string>, bool> Counts);

/// <summary>
/// The intruder of issue 15 against count tables of several indicators, written without any Mosaic type (it reads
/// tables as plain codes and values, so it also attacks the files the CLI writes). It knows every published cell, that
/// the tables add up, that counts are never negative and each indicator's definition. Its unknowns are the persons of
/// every type (one value of each variable the test names: area, sex, age interval, status, …, occurring or not); types
/// that every table and every given group treat alike are merged (that loses the intruder nothing). For every
/// suppressed cell and every given group it solves for a smallest and a largest feasible value (GLOP), checks both
/// solutions itself (every published cell holds, nothing negative), and reports the figures less than K wide.
/// </summary>
internal sealed class PlainIntruder
{
    private const double Tolerance = 1e-6;

    /// <summary>The code of a margin in a <see cref="PlainCell"/>.</summary>
    public const string TotalCode = "_total";

    /// <summary>The code of a missing answer in a <see cref="PlainCell"/>.</summary>
    public const string MissingCode = "_missing";

    /// <summary>
    /// Every age at which an age band of some table starts or ends, with 0 and the ages where the tested indicators'
    /// filters cut (5: disability asked from 5; 16: the 16+ indicator): the intruder's age intervals.
    /// </summary>
    public static SortedSet<int> AgeBoundaries(IEnumerable<PlainTable> tables)
    {
        var bounds = new SortedSet<int> { 0, 5, 16 };
        foreach (var code in tables.SelectMany(t => t.Dimensions.Select((d, i) => (d, i)).Where(x => x.d == "age_group").SelectMany(x => t.Cells.Select(c => c.Codes[x.i]))))
        {
            if (code is MissingCode or TotalCode)
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
        return bounds;
    }

    private readonly List<string> _variables;
    private readonly List<string[]> _values;
    private readonly Func<string, string, Func<string, string>, bool> _lies;
    private readonly IReadOnlyList<PlainTable> _tables;
    private readonly List<int[]> _types = [];

    /// <param name="variables">The type's variables and their values.</param>
    /// <param name="lies">Whether a type lies in a category: (dimension, code, the type's value by variable name).</param>
    /// <param name="tables">Every published table.</param>
    public PlainIntruder(IReadOnlyList<(string Name, string[] Values)> variables, Func<string, string, Func<string, string>, bool> lies, IReadOnlyList<PlainTable> tables)
    {
        _variables = [.. variables.Select(v => v.Name)];
        _values = [.. variables.Select(v => v.Values)];
        _lies = lies;
        _tables = tables;
        Enumerate(0, new int[_variables.Count]);
    }

    /// <summary>How many types the intruder starts from.</summary>
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

    private Func<string, string> Reader(int type) => name =>
    {
        var v = _variables.IndexOf(name);
        if (v < 0)
            throw new InvalidOperationException($"the intruder has no variable {name}");
        return _values[v][_types[type][v]];
    };

    /// <summary>The type of a person given by its values (every variable must have one of the intruder's values).</summary>
    private int TypeOf(IReadOnlyDictionary<string, string> person)
    {
        var index = 0;
        for (var v = 0; v < _variables.Count; v++)
        {
            var i = Array.IndexOf(_values[v], person[_variables[v]]);
            if (i < 0)
                throw new InvalidOperationException($"a person's {_variables[v]} {person[_variables[v]]} is none of the intruder's values");
            index = index * _values[v].Length + i;
        }
        return index;
    }

    /// <summary>Per table and type: whether the table counts it (1 or 0), then per dimension the category it lies in (-1: none).</summary>
    private int[][][] Placement()
    {
        var result = new int[_tables.Count][][];
        for (var t = 0; t < _tables.Count; t++)
        {
            var table = _tables[t];
            var codes = table.Dimensions.Select((d, i) => table.Cells.Select(c => c.Codes[i]).Where(c => c != TotalCode).Distinct().ToArray()).ToArray();
            result[t] = new int[_types.Count][];
            for (var a = 0; a < _types.Count; a++)
            {
                var reader = Reader(a);
                var place = new int[table.Dimensions.Count + 1];
                place[0] = table.Counts(reader) ? 1 : 0;
                for (var d = 0; d < codes.Length; d++)
                {
                    var found = codes[d].Where(c => _lies(table.Dimensions[d], c, reader)).ToList();
                    if (found.Count > 1)
                        throw new InvalidOperationException($"{table.Name}: a type lies in {found.Count} categories of {table.Dimensions[d]}");
                    place[d + 1] = found.Count == 0 ? -1 : Array.IndexOf(codes[d], found[0]);
                }
                result[t][a] = place;
            }
        }
        return result;
    }

    private bool InCell(int t, PlainCell cell, Func<string, string> reader)
    {
        var table = _tables[t];
        if (!table.Counts(reader))
            return false;
        for (var d = 0; d < table.Dimensions.Count; d++)
        {
            if (cell.Codes[d] != TotalCode && !_lies(table.Dimensions[d], cell.Codes[d], reader))
                return false;
        }
        return true;
    }

    /// <summary>
    /// The published cells that the persons' true types do not add up to: the intruder's model of the indicators'
    /// definitions checked against the registry (empty when the model is right).
    /// </summary>
    public List<string> Mismatches(IEnumerable<IReadOnlyDictionary<string, string>> persons)
    {
        var counts = new Dictionary<int, long>();
        foreach (var p in persons)
        {
            var a = TypeOf(p);
            counts[a] = counts.GetValueOrDefault(a) + 1;
        }
        var found = new List<string>();
        for (var t = 0; t < _tables.Count; t++)
        {
            foreach (var cell in _tables[t].Cells.Where(c => c.Value is not null))
            {
                var sum = counts.Where(c => InCell(t, cell, Reader(c.Key))).Sum(c => c.Value);
                if (Math.Abs(sum - cell.Value!.Value) > Tolerance)
                    found.Add($"{_tables[t].Name} [{string.Join(",", cell.Codes)}] = {cell.Value} but the persons' types sum to {sum}");
            }
        }
        return found;
    }

    /// <summary>
    /// Groups of 1 to <paramref name="k"/> - 1 persons: the persons whose type has the same <paramref name="key"/>
    /// (null: in no group), counted over <paramref name="persons"/>.
    /// </summary>
    public static Groups SmallGroups(string name, IEnumerable<IReadOnlyDictionary<string, string>> persons, Func<Func<string, string>, string?> key, int k)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in persons)
        {
            if (key(variable => p[variable]) is { } g)
                counts[g] = counts.GetValueOrDefault(g) + 1;
        }
        return new Groups(name, key, counts.Where(c => c.Value < k).Select(c => c.Key).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// The groups of 1 to <paramref name="k"/> - 1 persons that the tables define together, for each table: its cells at
    /// the finer categories of all tables (a variable's category in every table with a dimension of it, e.g. adm4 and
    /// village, or the age bands of two tables), with any of its variables at the total; the variables the indicators'
    /// filters read count as one, <c>membership</c>: their finer categories and which indicators count the person (e.g.
    /// a village's persons aged 16-17: 5-17 in one table and counted by "aged 16 and over").
    /// </summary>
    /// <param name="persons">The registry's persons, as the intruder's types describe them (for the true size of a group).</param>
    /// <param name="k">The protection level.</param>
    /// <param name="variableOf">The intruder's variable of a dimension.</param>
    /// <param name="filterRead">The variables the indicators' filters read.</param>
    /// <param name="indicators">Each indicator of the tables: whether it counts a type.</param>
    public List<Groups> DerivedGroups(IReadOnlyList<IReadOnlyDictionary<string, string>> persons, int k, Func<string, string> variableOf,
        IReadOnlyCollection<string> filterRead, IReadOnlyList<Func<Func<string, string>, bool>> indicators)
    {
        var codes = _tables.Select(t => t.Dimensions.Select((_, d) => t.Cells.Select(c => c.Codes[d]).Where(c => c != TotalCode).Distinct().ToArray()).ToArray()).ToArray();
        var profiles = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        // Per type (by its values): each variable's finer category, and the membership.
        Dictionary<string, string> Profile(Func<string, string> t)
        {
            var id = string.Join("\u0001", _variables.Select(t));
            if (profiles.TryGetValue(id, out var profile))
                return profile;
            profile = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var variable in _tables.SelectMany(x => x.Dimensions).Select(variableOf).Concat(filterRead).Distinct())
            {
                var finer = new List<string>();
                for (var i = 0; i < _tables.Count; i++)
                {
                    for (var d = 0; d < _tables[i].Dimensions.Count; d++)
                    {
                        if (variableOf(_tables[i].Dimensions[d]) == variable)
                            finer.Add(codes[i][d].FirstOrDefault(c => _lies(_tables[i].Dimensions[d], c, t)) ?? "-");
                    }
                }
                profile[variable] = string.Join("/", finer);
            }
            var counting = string.Concat(indicators.Select(counts => counts(t) ? '1' : '0'));
            profile["membership"] = counting.Contains('1', StringComparison.Ordinal)
                ? string.Join(" ", filterRead.Select(v => $"{v}={profile[v]}")) + " counted by " + counting
                : "";
            profiles[id] = profile;
            return profile;
        }
        var groups = new List<Groups>();
        for (var i = 0; i < _tables.Count; i++)
        {
            List<string> parts = [.. _tables[i].Dimensions.Select(variableOf).Distinct().Where(v => !filterRead.Contains(v)), "membership"];
            for (var mask = 1; mask < 1 << parts.Count; mask++)
            {
                List<string> fixedParts = [.. parts.Where((_, j) => (mask & (1 << j)) != 0)];
                string? Key(Func<string, string> t)
                {
                    var profile = Profile(t);
                    return profile["membership"] == "" ? null : string.Join(" ", fixedParts.Select(v => $"{v}={profile[v]}"));
                }
                if (SmallGroups($"of {_tables[i].Name}", persons, Key, k) is { Small.Count: > 0 } small)
                    groups.Add(small);
            }
        }
        return groups;
    }

    /// <summary>Groups of persons: those of each <paramref name="Small"/> value of <paramref name="Key"/>.</summary>
    public sealed record Groups(string Name, Func<Func<string, string>, string?> Key, IReadOnlySet<string> Small);

    /// <summary>A hidden figure and its checked feasible range: a suppressed cell, or a given group.</summary>
    public sealed record Interval(string Key, double Low, double High)
    {
        public double Width => High - Low;

        public override string ToString() => $"{Key} lies in [{Low}, {High}]";
    }

    /// <summary>Every suppressed cell and given group whose checked feasible range is narrower than <paramref name="k"/>.</summary>
    public List<string> NarrowerThan(double k, IReadOnlyList<Groups>? groups = null) =>
        [.. Intervals(k, groups).Where(i => i.Width < k - Tolerance).Select(i => i.ToString())];

    /// <summary>The checked feasible range of every suppressed cell and given group, followed up to K + 1 above its low end.</summary>
    public List<Interval> Intervals(double k, IReadOnlyList<Groups>? groups = null)
    {
        groups ??= [];
        // Merge types every table and every group treat alike: the same counted flag and category in every table, and
        // the same groups. The intruder's unknowns are these classes.
        var placement = Placement();
        var representative = new List<int>();
        var groupOf = new List<string?[]>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < _types.Count; a++)
        {
            var reader = Reader(a);
            string?[] small = [.. groups.Select(g => g.Key(reader) is { } key && g.Small.Contains(key) ? key : null)];
            var signature = string.Join("|", placement.Select(p => string.Join(",", p[a]))) + "|" + string.Join("|", small);
            if (seen.Add(signature))
            {
                representative.Add(a);
                groupOf.Add(small);
            }
        }

        var equations = new List<(int[] Classes, double Value)>();
        var hidden = new List<(string Key, int[] Classes)>();
        for (var t = 0; t < _tables.Count; t++)
        {
            var table = _tables[t];
            for (var c = 0; c < table.Cells.Count; c++)
            {
                var cell = table.Cells[c];
                int[] classes = [.. representative.Select((a, i) => (a, i)).Where(x => InCell(t, cell, Reader(x.a))).Select(x => x.i)];
                if (cell.Value is { } value)
                    equations.Add((classes, value));
                else
                    hidden.Add(($"{table.Name} [{string.Join(",", cell.Codes)}]", classes));
            }
        }
        for (var g = 0; g < groups.Count; g++)
        {
            foreach (var value in groups[g].Small.Order(StringComparer.Ordinal))
                hidden.Add(($"the group {groups[g].Name} {value}", [.. Enumerable.Range(0, representative.Count).Where(i => groupOf[i][g] == value)]));
        }

        var intervals = new List<Interval>();
        var solved = new Dictionary<string, (double Low, double High)>(StringComparer.Ordinal);
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available");
        var x = representative.Select((_, i) => solver.MakeNumVar(0, double.PositiveInfinity, "c" + i)).ToArray();
        foreach (var (classes, value) in equations)
        {
            var row = solver.MakeConstraint(value, value);
            foreach (var i in classes)
                row.SetCoefficient(x[i], 1);
        }
        var cap = solver.MakeConstraint(double.NegativeInfinity, double.PositiveInfinity);
        foreach (var (key, classes) in hidden)
        {
            // A figure of the same persons as one already solved (a margin shared by two tables) has the same range.
            var id = string.Join(",", classes);
            if (!solved.TryGetValue(id, out var range))
            {
                var objective = solver.Objective();
                objective.Clear();
                foreach (var i in classes)
                    objective.SetCoefficient(x[i], 1);
                objective.SetMinimization();
                var low = Solve(solver, x, equations, key, classes);
                foreach (var i in classes)
                    cap.SetCoefficient(x[i], 1);
                cap.SetBounds(double.NegativeInfinity, low + k + 1);
                objective.SetMaximization();
                var high = Solve(solver, x, equations, key, classes);
                foreach (var i in classes)
                    cap.SetCoefficient(x[i], 0);
                cap.SetBounds(double.NegativeInfinity, double.PositiveInfinity);
                solved[id] = range = (low, high);
            }
            intervals.Add(new Interval(key, range.Low, range.High));
        }
        return intervals;
    }

    /// <summary>Solves, checks the solution against every published cell and non-negativity, and returns the figure's value in it.</summary>
    private static double Solve(Solver solver, Variable[] x, List<(int[] Classes, double Value)> equations, string key, int[] figure)
    {
        var status = solver.Solve();
        if (status != Solver.ResultStatus.OPTIMAL)
            throw new InvalidOperationException($"the intruder's programme for {key} ended {status}");
        var point = x.Select(v => Math.Max(0, v.SolutionValue())).ToArray();
        if (x.Any(v => v.SolutionValue() < -Tolerance))
            throw new InvalidOperationException($"the intruder's solution for {key} has a negative count");
        foreach (var (classes, value) in equations)
        {
            if (Math.Abs(classes.Sum(i => point[i]) - value) > Tolerance * Math.Max(1, value))
                throw new InvalidOperationException($"the intruder's solution for {key} breaks a published cell");
        }
        return figure.Sum(i => point[i]);
    }
}
