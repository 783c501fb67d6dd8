namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>The current row of a <see cref="RawStatement"/> as an <see cref="IRegistryRow"/> (no per-value checks).</summary>
internal readonly struct RawRow(RawStatement statement) : IRegistryRow
{
    public bool IsNull(int column) => statement.IsNull(column);

    public long GetLong(int column) => statement.GetLong(column);

    public double? GetNullableDouble(int column) => statement.GetNullableDouble(column);

    public bool? GetNullableBool(int column) => statement.GetNullableBool(column);

    public string GetText(int column) => statement.GetText(column);

    public string? GetNullableText(int column) => statement.GetNullableText(column);
}
