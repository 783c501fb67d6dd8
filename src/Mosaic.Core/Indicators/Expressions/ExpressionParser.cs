using System.Globalization;

namespace Mosaic.Core.Indicators.Expressions;

/// <summary>
/// Parses the small expression language of indicator definitions (SQL-like):
/// <code>
/// or     := and ('or' and)*            and := not ('and' not)*        not := 'not' not | cmp
/// cmp    := sum (op sum | ['not'] 'in' '(' lit, … ')' | 'is' ['not'] 'null')?     op := = != &lt; &lt;= &gt; &gt;=
/// sum    := prod (('+'|'-') prod)*     prod := unary (('*'|'/') unary)*   unary := '-' unary | primary
/// primary:= number | 'text' | true | false | name | name '(' or ')' | '(' or ')'
/// </code>
/// </summary>
public sealed class ExpressionParser
{
    private readonly string _text;
    private int _pos;

    private ExpressionParser(string text) => _text = text;

    /// <summary>Parses an indicator expression; text that does not parse throws
    /// <see cref="ExpressionException"/>.</summary>
    public static Expr Parse(string text)
    {
        var p = new ExpressionParser(text);
        var e = p.ParseOr();
        p.SkipSpace();
        if (p._pos < text.Length)
            throw p.Error($"unexpected '{text[p._pos..]}'");
        return e;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (TryKeyword("or"))
            left = new BinaryExpr("or", left, ParseAnd());
        return left;
    }

    private Expr ParseAnd()
    {
        var left = ParseNot();
        while (TryKeyword("and"))
            left = new BinaryExpr("and", left, ParseNot());
        return left;
    }

    private Expr ParseNot() => TryKeyword("not") ? new UnaryExpr("not", ParseNot()) : ParseComparison();

    private Expr ParseComparison()
    {
        var left = ParseSum();
        foreach (var op in (ReadOnlySpan<string>)["<=", ">=", "!=", "<>", "=", "<", ">"])
        {
            if (TrySymbol(op))
                return new BinaryExpr(op == "<>" ? "!=" : op, left, ParseSum());
        }
        var save = _pos;
        var negated = TryKeyword("not");
        if (TryKeyword("in"))
        {
            Expect("(");
            var items = new List<Expr> { ParsePrimary() };
            while (TrySymbol(","))
                items.Add(ParsePrimary());
            Expect(")");
            return new InExpr(left, items, negated);
        }
        _pos = save;
        if (TryKeyword("is"))
        {
            var not = TryKeyword("not");
            if (!TryKeyword("null"))
                throw Error("expected 'null' after 'is'");
            return new IsNullExpr(left, not);
        }
        return left;
    }

    private Expr ParseSum()
    {
        var left = ParseProduct();
        while (true)
        {
            if (TrySymbol("+"))
                left = new BinaryExpr("+", left, ParseProduct());
            else if (TrySymbol("-"))
                left = new BinaryExpr("-", left, ParseProduct());
            else
                return left;
        }
    }

    private Expr ParseProduct()
    {
        var left = ParseUnary();
        while (true)
        {
            if (TrySymbol("*"))
                left = new BinaryExpr("*", left, ParseUnary());
            else if (TrySymbol("/"))
                left = new BinaryExpr("/", left, ParseUnary());
            else
                return left;
        }
    }

    private Expr ParseUnary() => TrySymbol("-") ? new UnaryExpr("-", ParseUnary()) : ParsePrimary();

    private Expr ParsePrimary()
    {
        SkipSpace();
        if (_pos >= _text.Length)
            throw Error("unexpected end of expression");
        var c = _text[_pos];
        if (c == '(')
        {
            _pos++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }
        if (c == '\'')
        {
            var end = _text.IndexOf('\'', _pos + 1);
            if (end < 0)
                throw Error("unterminated text literal");
            var s = _text[(_pos + 1)..end];
            _pos = end + 1;
            return new StringLiteral(s);
        }
        if (char.IsAsciiDigit(c) || c == '.')
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '.'))
                _pos++;
            if (!double.TryParse(_text.AsSpan(start, _pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw Error($"bad number '{_text[start.._pos]}'");
            return new NumberLiteral(v);
        }
        if (char.IsAsciiLetter(c) || c == '_')
        {
            var name = ReadName();
            switch (name)
            {
                case "true": return new BoolLiteral(true);
                case "false": return new BoolLiteral(false);
            }
            SkipSpace();
            if (_pos < _text.Length && _text[_pos] == '(')
            {
                if (name is not ("any" or "count"))
                    throw Error($"unknown function '{name}' (functions: any, count)");
                _pos++;
                var arg = ParseOr();
                Expect(")");
                return new CallExpr(name, arg);
            }
            return new FieldRef(name);
        }
        throw Error($"unexpected '{c}'");
    }

    private string ReadName()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
            _pos++;
        return _text[start.._pos];
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && char.IsWhiteSpace(_text[_pos]))
            _pos++;
    }

    private bool TrySymbol(string symbol)
    {
        SkipSpace();
        if (string.CompareOrdinal(_text, _pos, symbol, 0, symbol.Length) != 0)
            return false;
        _pos += symbol.Length;
        return true;
    }

    private bool TryKeyword(string word)
    {
        SkipSpace();
        if (string.Compare(_text, _pos, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) != 0)
            return false;
        var after = _pos + word.Length;
        if (after < _text.Length && (char.IsAsciiLetterOrDigit(_text[after]) || _text[after] == '_'))
            return false;
        _pos = after;
        return true;
    }

    private void Expect(string symbol)
    {
        if (!TrySymbol(symbol))
            throw Error($"expected '{symbol}'");
    }

    private ExpressionException Error(string what) =>
        new($"expression \"{_text}\": {what} at position {_pos + 1}");
}
