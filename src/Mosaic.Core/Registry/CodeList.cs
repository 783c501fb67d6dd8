namespace Mosaic.Core.Registry;

/// <summary>The fixed wire codes of an enum (e.g. <c>idp_returnee</c> ↔ <see cref="MigratoryStatus.IdpReturnee"/>).</summary>
/// <remarks>
/// A code list holds a dozen entries at most: a value's code is found by a scan of <see cref="Entries"/>, and a code's
/// value through a string-keyed index. Every command builds the lists it touches at start-up, so they are built cheaply
/// (a frozen dictionary per list cost a command ~10 ms each in analysis and JIT for no measurable gain in lookups).
/// </remarks>
public sealed class CodeList<TEnum> where TEnum : struct, Enum
{
    private readonly (TEnum Value, string Code)[] _entries;
    private readonly Dictionary<string, int> _byCode;

    internal CodeList(params (TEnum Value, string Code)[] entries)
    {
        _entries = entries;
        _byCode = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
            _byCode.Add(entries[i].Code, i);
    }

    /// <summary>All values with their codes, in declaration order.</summary>
    public IReadOnlyList<(TEnum Value, string Code)> Entries => _entries;

    /// <summary>The code of a value.</summary>
    public string this[TEnum value]
    {
        get
        {
            foreach (var (v, code) in _entries)
            {
                if (EqualityComparer<TEnum>.Default.Equals(v, value))
                    return code;
            }
            throw new KeyNotFoundException($"{typeof(TEnum).Name} value {value} has no code");
        }
    }

    /// <summary>Parses a code (exact, lower case, as on the form).</summary>
    public bool TryParse(string? code, out TEnum value)
    {
        if (_byCode.TryGetValue(code ?? "", out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>Parses a code, throwing for an unknown one (for trusted input such as the database).</summary>
    public TEnum Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"unknown {typeof(TEnum).Name} code '{code}'");

    /// <summary>All codes, space-separated, for error messages.</summary>
    public string Describe() => string.Join(", ", _entries.Select(e => e.Code));
}
