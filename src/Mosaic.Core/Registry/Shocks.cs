namespace Mosaic.Core.Registry;

/// <summary>Shocks a household experienced (select-multiple on the form).</summary>
[Flags]
public enum Shocks : ushort
{
    None = 0,
    Flood = 1 << 0,
    Erosion = 1 << 1,
    Cyclone = 1 << 2,
    Drought = 1 << 3,
    JobLoss = 1 << 4,
    Illness = 1 << 5,
    Death = 1 << 6,
    Conflict = 1 << 7,
}
