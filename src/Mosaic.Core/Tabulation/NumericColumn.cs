namespace Mosaic.Core.Tabulation;

/// <summary>A numeric snapshot field read row by row (NaN = missing).</summary>
internal sealed class NumericColumn(string name, FieldLevel level, Func<int, double> valueAt)
{
    public string Name { get; } = name;

    public FieldLevel Level { get; } = level;

    public Func<int, double> ValueAt { get; } = valueAt;
}
