namespace Mosaic.Core.Hazards;

/// <summary>How a household's hazard exposure was measured (shown per household in every output).</summary>
public enum ExposureMethod : byte
{
    /// <summary>No GPS point and no area boundary up the P-code tree: exposure is unknown.</summary>
    None = 0,

    /// <summary>Highest severity of the hazard polygons containing the household's GPS point.</summary>
    Gps = 1,

    /// <summary>Severity-weighted share of the household's area (or nearest ancestor with a boundary) covered by the hazard.</summary>
    AreaShare = 2,
}
