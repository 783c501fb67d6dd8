namespace Mosaic.Core.Indicators.Expressions;

// The expression tree is a small closed hierarchy; its node records are kept together in this file so the
// grammar can be read in one place.

/// <summary>A parsed indicator expression (filter, numerator or measured value).</summary>
public abstract record Expr;

/// <summary>A number, e.g. <c>0.8</c>.</summary>
public sealed record NumberLiteral(double Value) : Expr;

/// <summary>A quoted code, e.g. <c>'returnee'</c>.</summary>
public sealed record StringLiteral(string Value) : Expr;

/// <summary><c>true</c> / <c>false</c> (also <c>yes</c>/<c>no</c> when compared to a yes/no field).</summary>
public sealed record BoolLiteral(bool Value) : Expr;

/// <summary>A field of the household or the person, by its standard-form name.</summary>
public sealed record FieldRef(string Name) : Expr;

/// <summary><c>not x</c> or <c>-x</c>.</summary>
public sealed record UnaryExpr(string Op, Expr Operand) : Expr;

/// <summary><c>and</c>, <c>or</c>, comparisons and arithmetic.</summary>
public sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;

/// <summary><c>x in ('a', 'b')</c> or <c>x not in (…)</c>.</summary>
public sealed record InExpr(Expr Value, IReadOnlyList<Expr> Items, bool Negated) : Expr;

/// <summary><c>x is null</c> / <c>x is not null</c>.</summary>
public sealed record IsNullExpr(Expr Value, bool Negated) : Expr;

/// <summary>A function over a household's members: <c>any(cond)</c>, <c>count(cond)</c>.</summary>
public sealed record CallExpr(string Function, Expr Argument) : Expr;
