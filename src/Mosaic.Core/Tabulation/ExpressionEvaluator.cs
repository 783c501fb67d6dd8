using Mosaic.Core.Indicators.Expressions;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// Evaluates indicator expressions over a snapshot. Conditions become bitmaps, evaluated at the level of the
/// fields they use and broadcast from households to their members when needed; numbers are read row by row.
/// Comparisons with a missing value are false (as in SQL); <c>is null</c> tests for missing values.
/// </summary>
internal sealed class ExpressionEvaluator(SnapshotFields fields)
{
    private RegistrySnapshot S => fields.Snapshot;

    public FieldLevel LevelOf(Expr e) => e switch
    {
        FieldRef f => fields.Resolve(f.Name) switch { CategoricalColumn c => c.Level, NumericColumn n => n.Level, _ => FieldLevel.Household },
        CallExpr => FieldLevel.Household,
        UnaryExpr u => LevelOf(u.Operand),
        BinaryExpr b => Max(LevelOf(b.Left), LevelOf(b.Right)),
        InExpr i => LevelOf(i.Value),
        IsNullExpr n => LevelOf(n.Value),
        _ => FieldLevel.Household,
    };

    private static FieldLevel Max(FieldLevel a, FieldLevel b) => a > b ? a : b;

    private int RowCount(FieldLevel level) => level == FieldLevel.Person ? S.PersonCount : S.HouseholdCount;

    /// <summary>The rows (at <paramref name="level"/>) where the condition holds.</summary>
    public Bitmap Condition(Expr e, FieldLevel level)
    {
        var natural = LevelOf(e);
        if (natural == FieldLevel.Person && level == FieldLevel.Household)
        {
            throw new TabulationException(
                $"'{Describe(e)}' uses person fields, but the indicator counts households: wrap it in any(...) or count(...)");
        }
        if (natural == FieldLevel.Household && level == FieldLevel.Person)
            return Broadcast(Condition(e, FieldLevel.Household));
        return e switch
        {
            BoolLiteral b => b.Value ? Bitmap.All(RowCount(level)) : new Bitmap(RowCount(level)),
            FieldRef f => YesNoField(f, level),
            UnaryExpr { Op: "not" } u => Condition(u.Operand, level).Not(),
            BinaryExpr { Op: "and" } b => Condition(b.Left, level).And(Condition(b.Right, level)),
            BinaryExpr { Op: "or" } b => Condition(b.Left, level).Or(Condition(b.Right, level)),
            BinaryExpr b => Compare(b, level),
            InExpr i => In(i, level),
            IsNullExpr n => IsNull(n, level),
            CallExpr { Function: "any" } c => Any(c.Argument),
            _ => throw new TabulationException($"'{Describe(e)}' is not a condition"),
        };
    }

    /// <summary>A numeric value per row at <paramref name="level"/> (NaN = missing).</summary>
    public Func<int, double> Number(Expr e, FieldLevel level)
    {
        switch (e)
        {
            case NumberLiteral n:
                var v = n.Value;
                return _ => v;
            case FieldRef f:
                if (fields.Resolve(f.Name) is not NumericColumn col)
                    throw new TabulationException($"'{f.Name}' is a category, not a number");
                if (col.Level == FieldLevel.Household && level == FieldLevel.Person)
                {
                    var map = S.HouseholdOfPerson;
                    var read = col.ValueAt;
                    return r => read(map[r]);
                }
                if (col.Level == FieldLevel.Person && level == FieldLevel.Household)
                    throw new TabulationException($"'{f.Name}' is a person field, but the indicator counts households: use count(...)");
                return col.ValueAt;
            case UnaryExpr { Op: "-" } u:
                var inner = Number(u.Operand, level);
                return r => -inner(r);
            case BinaryExpr { Op: "+" or "-" or "*" or "/" } b:
                var l = Number(b.Left, level);
                var rr = Number(b.Right, level);
                return b.Op switch
                {
                    "+" => r => l(r) + rr(r),
                    "-" => r => l(r) - rr(r),
                    "*" => r => l(r) * rr(r),
                    _ => r => rr(r) == 0 ? double.NaN : l(r) / rr(r),
                };
            case CallExpr { Function: "count" } c:
                var counts = CountMembers(c.Argument);
                if (level == FieldLevel.Person)
                {
                    var map = S.HouseholdOfPerson;
                    return r => counts[map[r]];
                }
                return r => counts[r];
            default:
                throw new TabulationException($"'{Describe(e)}' is not a number");
        }
    }

    private Bitmap YesNoField(FieldRef f, FieldLevel level)
    {
        if (fields.Resolve(f.Name) is not CategoricalColumn { IsYesNo: true } col)
            throw new TabulationException($"'{f.Name}' is not a yes/no field: compare it, e.g. {f.Name} = '…'");
        return Match(col, [false, false, true], level);
    }

    private Bitmap Compare(BinaryExpr b, FieldLevel level)
    {
        if (b.Op is "=" or "!=" && (b.Left is FieldRef fr && fields.Resolve(fr.Name) is CategoricalColumn col))
        {
            var match = CategoryMatch(col, [b.Right]);
            if (b.Op == "!=")
            {
                for (var i = 1; i < match.Length; i++)
                    match[i] = !match[i];
            }
            return Match(col, match, level);
        }
        if (b.Op is not ("=" or "!=" or "<" or "<=" or ">" or ">="))
            throw new TabulationException($"'{Describe(b)}' is not a condition");
        var l = Number(b.Left, level);
        var r = Number(b.Right, level);
        var n = RowCount(level);
        var result = new Bitmap(n);
        for (var i = 0; i < n; i++)
        {
            double x = l(i), y = r(i);
            if (double.IsNaN(x) || double.IsNaN(y))
                continue;
            var ok = b.Op switch
            {
                "=" => x == y,
                "!=" => x != y,
                "<" => x < y,
                "<=" => x <= y,
                ">" => x > y,
                _ => x >= y,
            };
            if (ok)
                result.Set(i);
        }
        return result;
    }

    private Bitmap In(InExpr e, FieldLevel level)
    {
        if (e.Value is not FieldRef f || fields.Resolve(f.Name) is not CategoricalColumn col)
            throw new TabulationException($"'{Describe(e)}': 'in' needs a category field on the left");
        var match = CategoryMatch(col, e.Items);
        if (e.Negated)
        {
            for (var i = 1; i < match.Length; i++)
                match[i] = !match[i];
        }
        return Match(col, match, level);
    }

    private Bitmap IsNull(IsNullExpr e, FieldLevel level)
    {
        Bitmap missing;
        if (e.Value is FieldRef f && fields.Resolve(f.Name) is CategoricalColumn col)
        {
            var match = new bool[col.Cardinality];
            match[0] = true;
            missing = Match(col, match, level);
        }
        else
        {
            var v = Number(e.Value, level);
            var n = RowCount(level);
            missing = new Bitmap(n);
            for (var i = 0; i < n; i++)
            {
                if (double.IsNaN(v(i)))
                    missing.Set(i);
            }
        }
        return e.Negated ? missing.Not() : missing;
    }

    /// <summary>Which categories the literals name (index 0, missing, never matches).</summary>
    private static bool[] CategoryMatch(CategoricalColumn col, IReadOnlyList<Expr> items)
    {
        var match = new bool[col.Cardinality];
        foreach (var item in items)
        {
            var code = item switch
            {
                StringLiteral s => s.Value,
                BoolLiteral b when col.IsYesNo => b.Value ? "yes" : "no",
                _ => throw new TabulationException($"'{col.Name}' is compared with {Describe(item)}: use a quoted code, e.g. '{col.Codes.LastOrDefault()}'"),
            };
            var index = col.IndexOf(code);
            if (index < 0 && !col.IsOpen)
                throw new TabulationException($"'{code}' is not a code of '{col.Name}' (codes: {string.Join(", ", col.Codes.Skip(1))})");
            if (index > 0)
                match[index] = true;
        }
        return match;
    }

    private Bitmap Match(CategoricalColumn col, bool[] match, FieldLevel level)
    {
        var n = RowCount(col.Level);
        var result = new Bitmap(n);
        if (col.Bytes is { } bytes)
        {
            // Fold the category lookup and the match into one 256-entry table: the loop is a load and a test.
            var table = new bool[256];
            for (var raw = 0; raw < 256; raw++)
                table[raw] = raw < col.Lookup.Length && col.Lookup[raw] < match.Length && match[col.Lookup[raw]];
            for (var i = 0; i < n; i++)
            {
                if (table[bytes[i]])
                    result.Set(i);
            }
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                if (match[col.CodeAt(i)])
                    result.Set(i);
            }
        }
        return col.Level == FieldLevel.Household && level == FieldLevel.Person ? Broadcast(result) : result;
    }

    private Bitmap Any(Expr memberCondition)
    {
        var persons = Condition(memberCondition, FieldLevel.Person);
        var result = new Bitmap(S.HouseholdCount);
        var start = S.PersonStart;
        for (var h = 0; h < S.HouseholdCount; h++)
        {
            for (var p = start[h]; p < start[h + 1]; p++)
            {
                if (persons[p])
                {
                    result.Set(h);
                    break;
                }
            }
        }
        return result;
    }

    private int[] CountMembers(Expr memberCondition)
    {
        var persons = Condition(memberCondition, FieldLevel.Person);
        var counts = new int[S.HouseholdCount];
        var start = S.PersonStart;
        for (var h = 0; h < S.HouseholdCount; h++)
        {
            for (var p = start[h]; p < start[h + 1]; p++)
            {
                if (persons[p])
                    counts[h]++;
            }
        }
        return counts;
    }

    /// <summary>Household bitmap → person bitmap (each member inherits its household's bit).</summary>
    public Bitmap Broadcast(Bitmap households)
    {
        var result = new Bitmap(S.PersonCount);
        var start = S.PersonStart;
        for (var h = 0; h < S.HouseholdCount; h++)
        {
            if (households[h])
                result.SetRange(start[h], start[h + 1]);
        }
        return result;
    }

    private static string Describe(Expr e) => e switch
    {
        FieldRef f => f.Name,
        StringLiteral s => $"'{s.Value}'",
        NumberLiteral n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BoolLiteral b => b.Value ? "true" : "false",
        UnaryExpr u => $"{u.Op} {Describe(u.Operand)}",
        BinaryExpr b => $"{Describe(b.Left)} {b.Op} {Describe(b.Right)}",
        InExpr i => $"{Describe(i.Value)} in (…)",
        IsNullExpr n => $"{Describe(n.Value)} is {(n.Negated ? "not " : "")}null",
        CallExpr c => $"{c.Function}({Describe(c.Argument)})",
        _ => e.ToString() ?? "",
    };
}
