namespace Mosaic.Core.Hazards;

/// <summary>A household's exposure to each hazard type (0..1; NaN when unknown) and how it was measured.</summary>
/// <param name="Method">GPS point, area share, or none.</param>
/// <param name="AreaPcode">For <see cref="ExposureMethod.AreaShare"/>: the area whose boundary was used.</param>
/// <param name="Values">Indexed by <see cref="HazardType"/>; NaN where no layer of the type is loaded.</param>
public sealed record HouseholdExposure(ExposureMethod Method, string? AreaPcode, double[] Values)
{
    /// <summary>Exposure to one hazard type (NaN when unknown).</summary>
    public double this[HazardType type] => Values[(int)type];

    /// <summary>Exposure of a household nothing is known about.</summary>
    public static HouseholdExposure Unknown { get; } = new(ExposureMethod.None, null, Unknowns());

    /// <summary>The method's wire code: <c>gps</c>, <c>area:PCODE</c> or <c>none</c>.</summary>
    public string MethodCode => Method switch
    {
        ExposureMethod.Gps => "gps",
        ExposureMethod.AreaShare => "area:" + AreaPcode,
        _ => "none",
    };

    internal static double[] Unknowns()
    {
        var values = new double[HazardTypes.Count];
        Array.Fill(values, double.NaN);
        return values;
    }
}
