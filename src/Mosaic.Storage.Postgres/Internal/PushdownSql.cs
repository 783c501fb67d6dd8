using System.Globalization;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Translates indicator fields and expressions to SQL over <c>household h</c>, <c>person p</c> and
/// <c>household_score s</c>, with the in-memory engine's semantics: a condition is two-valued (a comparison with a
/// missing value is false), a number is NULL where the engine has NaN, and numbers the snapshot keeps as 32-bit
/// floats are rounded the same way (<c>::real</c>). The SQL avoids CASE and COALESCE, which <c>postgres_fdw</c>
/// (PostgreSQL 15) does not send to a shard: a condition is made two-valued with <c>IS NOT NULL</c> guards, and
/// dimension keys are the raw columns, turned into category codes by <see cref="Key"/>'s formatter. Expressions were
/// validated by Core first, so only valid ones arrive here.
/// </summary>
internal sealed class PushdownSql(AgeBands ageBands, IReadOnlySet<string> householdNumbers)
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private static readonly string s_firstMoveDay = $"DATE '{SnapshotCodes.FirstMoveYear.ToString("D4", s_inv)}-01-01'";

    /// <summary>Whether an expression reads the latest scores (a join with <c>household_score</c>).</summary>
    public bool UsesScores { get; private set; }

    private enum Kind
    {
        Text,
        YesNo,
        Shock,
        AgeGroup,
        MoveMonth,
        MoveYear,
    }

    /// <summary>A categorical field: its SQL value and how that value maps to category codes.</summary>
    private static (string Sql, Kind Kind) Field(string name, string p) => name switch
    {
        "sex" or "relation" or "move_reason" or "prev_country" => ($"{p}.{name}", Kind.Text),
        "mig_status" or "migratory_status" => ($"{p}.mig_status", Kind.Text),
        "dwelling" or "remittance_change" => ($"h.{name}", Kind.Text),
        "disability" or "in_school" or "employed_before" or "employed_now" => ($"{p}.{name}", Kind.YesNo),
        "remittances" or "debt" or "savings" or "assistance_received" => ($"h.{name}", Kind.YesNo),
        "age_group" => ($"{p}.age", Kind.AgeGroup),
        "move_month" => ($"{p}.move_date", Kind.MoveMonth),
        "move_year" => ($"{p}.move_date", Kind.MoveYear),
        // The head's sex describes the household only when the roster has exactly one head (as the snapshot).
        "head_sex" => ("(SELECT min(hd.sex) FROM person hd WHERE hd.household_id = h.id AND hd.adm1_pcode = h.adm1_pcode " +
                       "AND hd.relation = 'head' HAVING count(*) = 1)", Kind.Text),
        _ when name.StartsWith("shock_", StringComparison.Ordinal) && Codes.Shock.TryParse(name["shock_".Length..], out var shock) =>
            ($"((h.shocks & {((int)shock).ToString(s_inv)}) <> 0)", Kind.Shock),
        _ => throw new PushdownNotSupportedException($"field '{name}' is not counted by PostgreSQL"),
    };

    /// <summary>A dimension's group key in SQL and the formatter from its value to the category code (null = missing).</summary>
    public (string Sql, Func<object?, string?> Format) Key(string name)
    {
        var (sql, kind) = Field(name, "p");
        return (sql, kind switch
        {
            Kind.Text => v => v as string,
            Kind.YesNo or Kind.Shock => v => v is bool b ? (b ? "yes" : "no") : null,
            Kind.AgeGroup => v => v is int age ? Band(age) : null,
            Kind.MoveMonth => v => Moved(v) is { } d ? d.ToString("yyyy-MM", s_inv) : null,
            _ => v => Moved(v) is { } d ? d.ToString("yyyy", s_inv) : null,
        });
    }

    private string? Band(int age)
    {
        if (age is < 0 or > 254)
            return null;
        for (var b = 0; b < ageBands.Bands.Count; b++)
        {
            if (age >= ageBands.Bands[b].From && age <= ageBands.Bands[b].To)
                return ageBands.Label(b);
        }
        return null;
    }

    private static DateOnly? Moved(object? v)
    {
        var d = v switch { DateOnly x => x, DateTime t => DateOnly.FromDateTime(t), _ => (DateOnly?)null };
        return d is { Year: >= SnapshotCodes.FirstMoveYear } ? d : null;
    }

    /// <summary>SQL true exactly when a categorical field has a value (the engine's non-missing); never NULL.</summary>
    private static string Present(string sql, Kind kind) => kind switch
    {
        Kind.Shock => "true",
        Kind.AgeGroup => $"({sql} IS NOT NULL AND {sql} >= 0 AND {sql} <= 254)",
        Kind.MoveMonth or Kind.MoveYear => $"({sql} IS NOT NULL AND {sql} >= {s_firstMoveDay})",
        _ => $"({sql} IS NOT NULL)",
    };

    /// <summary>SQL that is true when the field has the code, false or NULL otherwise (NULL only when the value is missing).</summary>
    private string Is(string sql, Kind kind, string code)
    {
        switch (kind)
        {
            case Kind.Text:
                return $"({sql} = {Quote(code)})";
            case Kind.YesNo:
                return code switch { "yes" => $"({sql})", "no" => $"(NOT {sql})", _ => "false" };
            case Kind.Shock:
                return code switch { "yes" => sql, "no" => $"(NOT {sql})", _ => "false" };
            case Kind.AgeGroup:
                for (var b = 0; b < ageBands.Bands.Count; b++)
                {
                    if (ageBands.Label(b) == code)
                        return $"({sql} >= {ageBands.Bands[b].From.ToString(s_inv)} AND {sql} <= {Math.Min(ageBands.Bands[b].To, 254).ToString(s_inv)})";
                }
                return "false";
            default:
                var month = kind == Kind.MoveMonth;
                if (!DateOnly.TryParseExact(code + (month ? "-01" : "-01-01"), "yyyy-MM-dd", s_inv, DateTimeStyles.None, out var from))
                    return "false";
                var to = month ? from.AddMonths(1) : from.AddYears(1);
                return $"({sql} >= DATE '{from:yyyy-MM-dd}' AND {sql} < DATE '{to:yyyy-MM-dd}')";
        }
    }

    private bool IsNumber(string name) =>
        name is "age" or "income_before" or "income_now" or "remittance_amount" or "members" or "hazard_exposure" or "vulnerability" ||
        householdNumbers.Contains(name);

    /// <summary>A number (NULL = missing).</summary>
    public string Number(Expr e, string p = "p") => e switch
    {
        NumberLiteral n => $"({n.Value.ToString("R", s_inv)})::double precision",
        FieldRef f => NumberField(f.Name, p),
        UnaryExpr { Op: "-" } u => $"(-{Number(u.Operand, p)})",
        BinaryExpr { Op: "/" } b => $"({Number(b.Left, p)} / NULLIF({Number(b.Right, p)}, 0))",
        BinaryExpr { Op: "+" or "-" or "*" } b => $"({Number(b.Left, p)} {b.Op} {Number(b.Right, p)})",
        CallExpr { Function: "count" } c =>
            $"(SELECT count(*) FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode AND {Condition(c.Argument, "m")})::double precision",
        _ => throw new PushdownNotSupportedException("expression is not a number PostgreSQL counts"),
    };

    private string NumberField(string name, string p)
    {
        if (householdNumbers.Contains(name))
            return $"(h.\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\")::real::double precision";
        switch (name)
        {
            case "age":
                return $"(NULLIF({p}.age, 255))::double precision";
            case "income_before" or "income_now" or "remittance_amount":
                return $"(h.{name})::real::double precision";
            case "members":
                return "(SELECT count(*) FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode)::double precision";
            case "hazard_exposure":
                UsesScores = true;
                return "(s.max_exposure)::real::double precision";
            case "vulnerability":
                UsesScores = true;
                return "(s.score)::real::double precision";
        }
        throw new PushdownNotSupportedException($"'{name}' is not a number PostgreSQL counts");
    }

    /// <summary>A two-valued condition (never NULL).</summary>
    public string Condition(Expr e, string p = "p")
    {
        switch (e)
        {
            case BoolLiteral b:
                return b.Value ? "true" : "false";
            case FieldRef f:
                {
                    var (sql, kind) = Field(f.Name, p);
                    return $"({Is(sql, kind, "yes")} AND {Present(sql, kind)})";
                }
            case UnaryExpr { Op: "not" } u:
                return $"(NOT {Condition(u.Operand, p)})";
            case BinaryExpr { Op: "and" or "or" } b:
                return $"({Condition(b.Left, p)} {b.Op.ToUpperInvariant()} {Condition(b.Right, p)})";
            case BinaryExpr { Op: "=" or "!=", Left: FieldRef f } b when !IsNumber(f.Name):
                {
                    var (sql, kind) = Field(f.Name, p);
                    var match = Is(sql, kind, Literal(b.Right));
                    return $"({(b.Op == "=" ? match : $"NOT {match}")} AND {Present(sql, kind)})";
                }
            case BinaryExpr { Op: "=" or "!=" or "<" or "<=" or ">" or ">=" } b:
                {
                    var (x, y) = (Number(b.Left, p), Number(b.Right, p));
                    return $"({x} {(b.Op == "!=" ? "<>" : b.Op)} {y} AND {x} IS NOT NULL AND {y} IS NOT NULL)";
                }
            case InExpr { Value: FieldRef f } i:
                {
                    var (sql, kind) = Field(f.Name, p);
                    var any = i.Items.Count == 0 ? "false" : "(" + string.Join(" OR ", i.Items.Select(item => Is(sql, kind, Literal(item)))) + ")";
                    return $"({(i.Negated ? $"NOT {any}" : any)} AND {Present(sql, kind)})";
                }
            case IsNullExpr { Value: FieldRef f } n when !IsNumber(f.Name):
                {
                    var (sql, kind) = Field(f.Name, p);
                    var present = Present(sql, kind);
                    return n.Negated ? present : $"(NOT {present})";
                }
            case IsNullExpr n:
                return $"({Number(n.Value, p)} IS {(n.Negated ? "NOT " : "")}NULL)";
            case CallExpr { Function: "any" } c:
                return $"EXISTS (SELECT 1 FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode AND {Condition(c.Argument, "m")})";
            default:
                throw new PushdownNotSupportedException("condition is not counted by PostgreSQL");
        }
    }

    private static string Literal(Expr e) => e switch
    {
        StringLiteral s => s.Value,
        BoolLiteral b => b.Value ? "yes" : "no",
        _ => throw new PushdownNotSupportedException("categories are compared with codes"),
    };

    private static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
