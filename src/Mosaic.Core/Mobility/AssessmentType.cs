namespace Mosaic.Core.Mobility;

/// <summary>Kind of DTM mobility-tracking assessment. Wire codes are DTM's own (<c>BA</c>, <c>SA</c>, …).</summary>
public enum AssessmentType : byte
{
    /// <summary>Baseline area assessment (<c>BA</c>): key informants per admin area. The default.</summary>
    BaselineArea = 0,

    /// <summary>Sub-area / village assessment (<c>VA</c>; DTM's B2 is accepted on import).</summary>
    Village = 2,

    /// <summary>Site / multi-sectoral location assessment (<c>SA</c>; MSLA is accepted on import).</summary>
    Site = 3,

    /// <summary>Emergency event tracking (<c>ETT</c>).</summary>
    EmergencyEvent = 4,
}
