namespace Mosaic.Core.Hazards;

/// <summary>The hazard types of DESIGN §2. Wire codes in <see cref="HazardTypes"/>.</summary>
public enum HazardType
{
    /// <summary>Flood (<c>flood</c>).</summary>
    Flood,
    /// <summary>River or coastal erosion (<c>erosion</c>).</summary>
    Erosion,
    /// <summary>Cyclone or storm surge (<c>cyclone</c>).</summary>
    Cyclone,
    /// <summary>Drought (<c>drought</c>).</summary>
    Drought,
    /// <summary>Landslide (<c>landslide</c>).</summary>
    Landslide,
    /// <summary>Conflict or violence (<c>conflict</c>).</summary>
    Conflict,
}
