namespace Mosaic.Core.Registry;

/// <summary>How remittances received changed since the reference date.</summary>
public enum RemittanceChange : byte
{
    /// <summary>More than before (<c>increased</c>).</summary>
    Increased = 1,
    /// <summary>About the same (<c>same</c>).</summary>
    Same = 2,
    /// <summary>Less than before (<c>decreased</c>).</summary>
    Decreased = 3,
    /// <summary>No longer received (<c>stopped</c>).</summary>
    Stopped = 4,
}
