using Microsoft.Data.Sqlite;

namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>The current row of an ADO.NET data reader as an <see cref="IRegistryRow"/>.</summary>
internal readonly struct ReaderRow(SqliteDataReader reader) : IRegistryRow
{
    public bool IsNull(int column) => reader.IsDBNull(column);

    public long GetLong(int column) => reader.GetInt64(column);

    public double? GetNullableDouble(int column) => reader.GetNullableDouble(column);

    public bool? GetNullableBool(int column) => reader.GetNullableBool(column);

    public string GetText(int column) => reader.GetString(column);

    public string? GetNullableText(int column) => reader.GetNullableString(column);
}
