namespace Mosaic.Core.Mobility;

/// <summary>Main reason for a journey observed at a flow monitoring point.</summary>
public enum FlowReason : byte
{
    Unknown = 0,
    Trade = 1,
    Work = 2,
    Family = 3,
    Return = 4,
    Displacement = 5,
    Other = 6,
}
