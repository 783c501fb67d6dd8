using Mosaic.Core.Registry;

namespace Mosaic.Core.Hazards;

/// <summary>Wire codes of <see cref="HazardType"/> (<c>--type</c>, the database, vulnerability models).</summary>
public static class HazardTypes
{
    /// <summary>The hazard type codes: <c>flood</c>, <c>erosion</c>, <c>cyclone</c>, <c>drought</c>, <c>landslide</c>,
    /// <c>conflict</c>.</summary>
    public static CodeList<HazardType> Codes { get; } = new(
        (HazardType.Flood, "flood"), (HazardType.Erosion, "erosion"), (HazardType.Cyclone, "cyclone"),
        (HazardType.Drought, "drought"), (HazardType.Landslide, "landslide"), (HazardType.Conflict, "conflict"));

    /// <summary>Number of hazard types (the size of per-type arrays).</summary>
    public const int Count = 6;
}
