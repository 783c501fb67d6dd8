using System.Globalization;
using System.Text;
using Mosaic.Core.Indicators.Expressions;
using Mosaic.Core.Registry;
using Mosaic.Core.Tabulation;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Translates indicator fields and expressions to SQL over <c>household h</c>, <c>person p</c> (person-unit queries)
/// and <c>household_score s</c>, with the in-memory engine's semantics: a condition is two-valued (a comparison with
/// a missing value is false, so every comparison is wrapped in <c>coalesce(…, false)</c>), a number is NULL where
/// the engine has NaN (missing, division by zero), and numbers the snapshot keeps as 32-bit floats are rounded the
/// same way (<c>::real</c>). Categories are their wire codes as text, NULL when missing. Expressions were validated by
/// Core first, so only valid ones arrive here.
/// </summary>
internal sealed class PushdownSql(AgeBands ageBands, IReadOnlySet<string> extraNumbers)
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    /// <summary>Whether an expression reads the latest scores (a join with <c>household_score</c>).</summary>
    public bool UsesScores { get; private set; }

    /// <summary>The category code of a field as text (NULL = missing), reading persons through <paramref name="p"/>.</summary>
    public string Code(string name, string p = "p") => name switch
    {
        "sex" => $"{p}.sex",
        "mig_status" or "migratory_status" => $"{p}.mig_status",
        "relation" => $"{p}.relation",
        "move_reason" => $"{p}.move_reason",
        "prev_country" => $"{p}.prev_country",
        "dwelling" => "h.dwelling",
        "remittance_change" => "h.remittance_change",
        "disability" or "in_school" or "employed_before" or "employed_now" => YesNo($"{p}.{name}"),
        "remittances" or "debt" or "savings" or "assistance_received" => YesNo($"h.{name}"),
        "age_group" => AgeGroup($"{p}.age"),
        "move_month" => $"CASE WHEN {p}.move_date >= DATE '{SnapshotCodes.FirstMoveYear}-01-01' THEN to_char({p}.move_date, 'YYYY-MM') END",
        "move_year" => $"CASE WHEN {p}.move_date >= DATE '{SnapshotCodes.FirstMoveYear}-01-01' THEN to_char({p}.move_date, 'YYYY') END",
        "head_sex" => "(SELECT CASE WHEN count(*) = 1 THEN min(hd.sex) END FROM person hd " +
                      "WHERE hd.household_id = h.id AND hd.adm1_pcode = h.adm1_pcode AND hd.relation = 'head')",
        _ when name.StartsWith("shock_", StringComparison.Ordinal) && Codes.Shock.TryParse(name["shock_".Length..], out var shock) =>
            $"CASE WHEN (h.shocks & {((int)shock).ToString(s_inv)}) <> 0 THEN 'yes' ELSE 'no' END",
        _ => throw new PushdownNotSupportedException($"field '{name}' is not counted by PostgreSQL"),
    };

    private static string YesNo(string column) => $"CASE {column} WHEN true THEN 'yes' WHEN false THEN 'no' END";

    private string AgeGroup(string age)
    {
        var sql = new StringBuilder("CASE");
        for (var b = 0; b < ageBands.Bands.Count; b++)
        {
            var (from, to) = ageBands.Bands[b];
            sql.Append(s_inv, $" WHEN {age} >= {from} AND {age} <= {Math.Min(to, 254)} THEN '{ageBands.Label(b).Replace("'", "''", StringComparison.Ordinal)}'");
        }
        return sql.Append(" END").ToString();
    }

    /// <summary>Whether a field is a number (as opposed to a category).</summary>
    private bool IsNumber(string name) =>
        name is "age" or "income_before" or "income_now" or "remittance_amount" or "members" or "hazard_exposure" or "vulnerability" ||
        extraNumbers.Contains(name);

    /// <summary>A number (NULL = missing).</summary>
    public string Number(Expr e, string p = "p") => e switch
    {
        NumberLiteral n => $"({n.Value.ToString("R", s_inv)})::double precision",
        FieldRef f => NumberField(f.Name, p),
        UnaryExpr { Op: "-" } u => $"(-{Number(u.Operand, p)})",
        BinaryExpr { Op: "/" } b => $"(CASE WHEN {Number(b.Right, p)} = 0 THEN NULL ELSE {Number(b.Left, p)} / {Number(b.Right, p)} END)",
        BinaryExpr { Op: "+" or "-" or "*" } b => $"({Number(b.Left, p)} {b.Op} {Number(b.Right, p)})",
        CallExpr { Function: "count" } c =>
            $"(SELECT count(*) FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode AND {Condition(c.Argument, "m")})::double precision",
        _ => throw new PushdownNotSupportedException("expression is not a number PostgreSQL counts"),
    };

    private string NumberField(string name, string p)
    {
        switch (name)
        {
            case "age":
                return $"(CASE WHEN {p}.age BETWEEN 0 AND 254 THEN {p}.age END)::double precision";
            case "income_before" or "income_now" or "remittance_amount":
                return $"(h.{name})::real::double precision";
            case "members":
                return "(SELECT count(*) FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode)::double precision";
            case "hazard_exposure" when !extraNumbers.Contains(name):
                UsesScores = true;
                return "(s.max_exposure)::real::double precision";
            case "vulnerability" when !extraNumbers.Contains(name):
                UsesScores = true;
                return "(s.score)::real::double precision";
        }
        if (extraNumbers.Contains(name))
            return $"(h.\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\")::real::double precision";
        throw new PushdownNotSupportedException($"'{name}' is not a number PostgreSQL counts");
    }

    /// <summary>A two-valued condition.</summary>
    public string Condition(Expr e, string p = "p") => e switch
    {
        BoolLiteral b => b.Value ? "true" : "false",
        FieldRef f => $"coalesce({Code(f.Name, p)} = 'yes', false)",
        UnaryExpr { Op: "not" } u => $"(NOT {Condition(u.Operand, p)})",
        BinaryExpr { Op: "and" } b => $"({Condition(b.Left, p)} AND {Condition(b.Right, p)})",
        BinaryExpr { Op: "or" } b => $"({Condition(b.Left, p)} OR {Condition(b.Right, p)})",
        BinaryExpr { Op: "=" or "!=" } b when b.Left is FieldRef f && !IsNumber(f.Name) =>
            $"coalesce({Code(f.Name, p)} {(b.Op == "=" ? "=" : "<>")} {Literal(b.Right)}, false)",
        BinaryExpr { Op: "=" or "!=" or "<" or "<=" or ">" or ">=" } b =>
            $"coalesce({Number(b.Left, p)} {(b.Op == "!=" ? "<>" : b.Op)} {Number(b.Right, p)}, false)",
        InExpr { Value: FieldRef f } i =>
            $"coalesce({Code(f.Name, p)} {(i.Negated ? "NOT IN" : "IN")} ({string.Join(", ", i.Items.Select(Literal))}), false)",
        IsNullExpr { Value: FieldRef f } n when !IsNumber(f.Name) => $"({Code(f.Name, p)} IS {(n.Negated ? "NOT " : "")}NULL)",
        IsNullExpr n => $"({Number(n.Value, p)} IS {(n.Negated ? "NOT " : "")}NULL)",
        CallExpr { Function: "any" } c =>
            $"EXISTS (SELECT 1 FROM person m WHERE m.household_id = h.id AND m.adm1_pcode = h.adm1_pcode AND {Condition(c.Argument, "m")})",
        _ => throw new PushdownNotSupportedException("condition is not counted by PostgreSQL"),
    };

    private static string Literal(Expr e) => e switch
    {
        StringLiteral s => $"'{s.Value.Replace("'", "''", StringComparison.Ordinal)}'",
        BoolLiteral b => b.Value ? "'yes'" : "'no'",
        _ => throw new PushdownNotSupportedException("categories are compared with codes"),
    };
}
