namespace Mosaic.Core.Targeting;

/// <summary>How the number of households to target is shared among areas.</summary>
public enum QuotaMode
{
    /// <summary>In proportion to each area's eligible high/extreme households (largest remainder).</summary>
    Proportional,

    /// <summary>The same number per area (the remainder to areas with more high/extreme households).</summary>
    Equal,

    /// <summary>No quotas: the top of the overall ranking.</summary>
    None,
}
