namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// The current row of a registry query, as <see cref="RegistryRowMapper"/> reads it. Implemented by structs
/// (<see cref="ReaderRow"/>, <see cref="RawRow"/>) and taken as a generic constraint, so that each reader gets its own
/// compiled mapper with direct calls: the raw path reads tens of thousands of households per target list.
/// </summary>
internal interface IRegistryRow
{
    bool IsNull(int column);

    long GetLong(int column);

    double? GetNullableDouble(int column);

    bool? GetNullableBool(int column);

    /// <summary>A text column; NULL is an error.</summary>
    string GetText(int column);

    string? GetNullableText(int column);
}
