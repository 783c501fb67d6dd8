namespace Mosaic.Core.Mobility.Analysis;

/// <summary>
/// Names the areas of a summary: the P-code table's name, else the name the records give the area (countries are
/// not in the COD table, and unknown P-codes are kept), else the code itself.
/// </summary>
internal sealed class AreaNames(AreaLevels areas)
{
    private readonly Dictionary<string, string> _fromRecords = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Remembers the first name the records give an area the P-code table cannot name.</summary>
    public void Offer(string area, string? name)
    {
        if (name is not null && !_fromRecords.ContainsKey(area) && !HasOwnName(area))
            _fromRecords[area] = name;
    }

    public string NameOf(string area) => HasOwnName(area) ? areas.NameOf(area) : _fromRecords.GetValueOrDefault(area) ?? area;

    // The table names countries by their code only (it has no level-0 rows of its own).
    private bool HasOwnName(string area) =>
        areas.LevelOf(area) is not null && !string.Equals(areas.NameOf(area), area, StringComparison.OrdinalIgnoreCase);
}
