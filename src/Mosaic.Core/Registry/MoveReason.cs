namespace Mosaic.Core.Registry;

/// <summary>Main reason for a person's last move.</summary>
public enum MoveReason : byte
{
    Other = 0,
    JobLoss = 1,
    Disaster = 2,
    Conflict = 3,
    Family = 4,
    Work = 5,
    Study = 6,
}
