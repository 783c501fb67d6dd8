namespace Mosaic.Core.Mobility;

/// <summary>Means of transport of an observed group.</summary>
public enum TransportMode : byte
{
    /// <summary>Not recorded (<c>unknown</c>).</summary>
    Unknown = 0,
    /// <summary>On foot (<c>foot</c>).</summary>
    Foot = 1,
    /// <summary>By boat (<c>boat</c>).</summary>
    Boat = 2,
    /// <summary>By bus (<c>bus</c>).</summary>
    Bus = 3,
    /// <summary>By car (<c>car</c>).</summary>
    Car = 4,
    /// <summary>By truck (<c>truck</c>).</summary>
    Truck = 5,
    /// <summary>By motorbike (<c>motorbike</c>).</summary>
    Motorbike = 6,
    /// <summary>By bicycle (<c>bicycle</c>).</summary>
    Bicycle = 7,
    /// <summary>By train (<c>train</c>).</summary>
    Train = 8,
    /// <summary>By plane (<c>plane</c>).</summary>
    Plane = 9,
    /// <summary>Any other mode (<c>other</c>).</summary>
    Other = 10,
}
