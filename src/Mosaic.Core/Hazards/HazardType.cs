namespace Mosaic.Core.Hazards;

/// <summary>The hazard types of DESIGN §2. Wire codes in <see cref="HazardTypes"/>.</summary>
public enum HazardType
{
    Flood,
    Erosion,
    Cyclone,
    Drought,
    Landslide,
    Conflict,
}
