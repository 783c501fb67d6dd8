namespace Mosaic.Core.Mobility;

/// <summary>Means of transport of an observed group.</summary>
public enum TransportMode : byte
{
    Unknown = 0,
    Foot = 1,
    Boat = 2,
    Bus = 3,
    Car = 4,
    Truck = 5,
    Motorbike = 6,
    Bicycle = 7,
    Train = 8,
    Plane = 9,
    Other = 10,
}
