namespace Mosaic.Core.Registry;

/// <summary>Main reason for a person's last move.</summary>
public enum MoveReason : byte
{
    /// <summary>Any other reason (<c>other</c>).</summary>
    Other = 0,
    /// <summary>Lost a job or a livelihood (<c>job_loss</c>).</summary>
    JobLoss = 1,
    /// <summary>A flood, cyclone, erosion or other disaster (<c>disaster</c>).</summary>
    Disaster = 2,
    /// <summary>Conflict or violence (<c>conflict</c>).</summary>
    Conflict = 3,
    /// <summary>To join or follow family (<c>family</c>).</summary>
    Family = 4,
    /// <summary>To take up work (<c>work</c>).</summary>
    Work = 5,
    /// <summary>To study (<c>study</c>).</summary>
    Study = 6,
}
