namespace Mosaic.Core.Indicators;

/// <summary>Links from an indicator to the frameworks it reports on.</summary>
/// <param name="Sdg">SDG targets, e.g. <c>10.7</c>, <c>17.18</c>.</param>
/// <param name="Gcm">Global Compact for Migration objectives, e.g. <c>1</c> (accurate data), <c>19</c> (contributions of migrants).</param>
public sealed record IndicatorTags(IReadOnlyList<string>? Sdg = null, IReadOnlyList<string>? Gcm = null)
{
    /// <summary>SDG indicator codes (e.g. <c>10.7.2</c>); empty when none.</summary>
    public IReadOnlyList<string> Sdg { get; init; } = Sdg ?? [];

    /// <summary>Global Compact for Migration objectives (e.g. <c>GCM-1</c>); empty when none.</summary>
    public IReadOnlyList<string> Gcm { get; init; } = Gcm ?? [];
}
