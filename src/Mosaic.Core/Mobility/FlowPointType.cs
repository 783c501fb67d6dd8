namespace Mosaic.Core.Mobility;

/// <summary>Kind of flow monitoring point.</summary>
public enum FlowPointType : byte
{
    LandBorder = 1,
    RiverBorder = 2,
    SeaBorder = 3,
    Airport = 4,
    TransitCentre = 5,
    BusStation = 6,
}
