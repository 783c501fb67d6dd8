namespace Mosaic.Core.Registry;

/// <summary>How remittances received changed since the reference date.</summary>
public enum RemittanceChange : byte
{
    Increased = 1,
    Same = 2,
    Decreased = 3,
    Stopped = 4,
}
