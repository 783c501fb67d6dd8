namespace Mosaic.Core.Mobility;

/// <summary>Kind of flow monitoring point.</summary>
public enum FlowPointType : byte
{
    /// <summary>A land border crossing (<c>land_border</c>).</summary>
    LandBorder = 1,
    /// <summary>A river border crossing (<c>river_border</c>).</summary>
    RiverBorder = 2,
    /// <summary>A sea port or sea border crossing (<c>sea_border</c>).</summary>
    SeaBorder = 3,
    /// <summary>An airport (<c>airport</c>).</summary>
    Airport = 4,
    /// <summary>A transit centre (<c>transit_centre</c>).</summary>
    TransitCentre = 5,
    /// <summary>A bus station (<c>bus_station</c>).</summary>
    BusStation = 6,
}
