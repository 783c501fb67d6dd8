namespace Mosaic.Core.Registry;

/// <summary>Shocks a household experienced (select-multiple on the form).</summary>
[Flags]
public enum Shocks : ushort
{
    /// <summary>No shock reported.</summary>
    None = 0,
    /// <summary>Flood (<c>flood</c>).</summary>
    Flood = 1 << 0,
    /// <summary>Erosion of the land the household lives or farms on (<c>erosion</c>).</summary>
    Erosion = 1 << 1,
    /// <summary>Cyclone or storm (<c>cyclone</c>).</summary>
    Cyclone = 1 << 2,
    /// <summary>Drought (<c>drought</c>).</summary>
    Drought = 1 << 3,
    /// <summary>Loss of a job or a livelihood (<c>job_loss</c>).</summary>
    JobLoss = 1 << 4,
    /// <summary>Serious illness of a member (<c>illness</c>).</summary>
    Illness = 1 << 5,
    /// <summary>Death of a member (<c>death</c>).</summary>
    Death = 1 << 6,
    /// <summary>Conflict or violence (<c>conflict</c>).</summary>
    Conflict = 1 << 7,
}
