namespace Mosaic.Core.Targeting;

/// <summary>The result of targeting: the list, the quotas, exclusions, coverage and errors.</summary>
/// <param name="Households">Targeted households, in overall rank order.</param>
/// <param name="Quotas">Quota per area (one area named <c>*</c> without quotas).</param>
/// <param name="InScope">Scored households in the requested area.</param>
/// <param name="Eligible">In-scope households left after exclusions.</param>
/// <param name="Excluded">Excluded households per reason.</param>
/// <param name="Coverage">Coverage by member migratory status and head's sex.</param>
/// <param name="Errors">Inclusion/exclusion errors when a reference welfare exists, else null.</param>
public sealed record TargetList(
    IReadOnlyList<TargetedHousehold> Households, IReadOnlyList<AreaQuota> Quotas, int InScope, int Eligible,
    IReadOnlyDictionary<string, int> Excluded, IReadOnlyList<CoverageRow> Coverage, TargetingErrors? Errors)
{
    /// <summary>Targeted / eligible.</summary>
    public double CoverageRate => Eligible == 0 ? 0 : (double)Households.Count / Eligible;
}
