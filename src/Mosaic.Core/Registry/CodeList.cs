using System.Collections.Frozen;

namespace Mosaic.Core.Registry;

/// <summary>The fixed wire codes of an enum (e.g. <c>idp_returnee</c> ↔ <see cref="MigratoryStatus.IdpReturnee"/>).</summary>
public sealed class CodeList<TEnum> where TEnum : struct, Enum
{
    private readonly FrozenDictionary<string, TEnum> _byCode;
    private readonly FrozenDictionary<TEnum, string> _byValue;

    internal CodeList(params (TEnum Value, string Code)[] entries)
    {
        _byCode = entries.ToFrozenDictionary(e => e.Code, e => e.Value, StringComparer.Ordinal);
        _byValue = entries.ToFrozenDictionary(e => e.Value, e => e.Code);
        Entries = entries;
    }

    /// <summary>All values with their codes, in declaration order.</summary>
    public IReadOnlyList<(TEnum Value, string Code)> Entries { get; }

    /// <summary>The code of a value.</summary>
    public string this[TEnum value] => _byValue[value];

    /// <summary>Parses a code (exact, lower case, as on the form).</summary>
    public bool TryParse(string? code, out TEnum value) =>
        _byCode.TryGetValue(code ?? "", out value);

    /// <summary>Parses a code, throwing for an unknown one (for trusted input such as the database).</summary>
    public TEnum Parse(string code) =>
        _byCode.TryGetValue(code, out var value) ? value : throw new FormatException($"unknown {typeof(TEnum).Name} code '{code}'");

    /// <summary>All codes, space-separated, for error messages.</summary>
    public string Describe() => string.Join(", ", Entries.Select(e => e.Code));
}
