namespace Mosaic.Core.Targeting;

/// <summary>
/// Inclusion and exclusion errors against a reference welfare measure. "Poor" = the bottom
/// <see cref="PoorShare"/> of eligible households with a reference welfare (lowest welfare first).
/// </summary>
/// <param name="Households">Eligible households with a reference welfare.</param>
/// <param name="PoorShare">Share counted as poor.</param>
/// <param name="Poor">Households counted as poor.</param>
/// <param name="Targeted">Targeted households with a reference welfare.</param>
/// <param name="InclusionError">Targeted but not poor, as a share of the targeted.</param>
/// <param name="ExclusionError">Poor but not targeted, as a share of the poor.</param>
public sealed record TargetingErrors(int Households, double PoorShare, int Poor, int Targeted, double InclusionError, double ExclusionError)
{
    /// <summary>
    /// Errors of a selection. <paramref name="welfare"/> and <paramref name="selected"/> are aligned; ties in
    /// welfare are broken by <paramref name="keys"/> so the poor set is deterministic.
    /// </summary>
    public static TargetingErrors? Measure(IReadOnlyList<double?> welfare, IReadOnlyList<bool> selected, IReadOnlyList<string> keys, double poorShare)
    {
        var withRef = Enumerable.Range(0, welfare.Count).Where(i => welfare[i] is { } w && double.IsFinite(w)).ToList();
        if (withRef.Count == 0)
            return null;
        withRef.Sort((a, b) =>
        {
            var c = welfare[a]!.Value.CompareTo(welfare[b]!.Value);
            return c != 0 ? c : string.CompareOrdinal(keys[a], keys[b]);
        });
        var poorCount = (int)Math.Round(Math.Clamp(poorShare, 0, 1) * withRef.Count, MidpointRounding.AwayFromZero);
        int targeted = 0, included = 0, excluded = 0;
        for (var r = 0; r < withRef.Count; r++)
        {
            var i = withRef[r];
            var poor = r < poorCount;
            if (selected[i])
            {
                targeted++;
                if (!poor)
                    included++;
            }
            else if (poor)
            {
                excluded++;
            }
        }
        return new TargetingErrors(withRef.Count, poorShare, poorCount, targeted,
            targeted == 0 ? 0 : (double)included / targeted, poorCount == 0 ? 0 : (double)excluded / poorCount);
    }
}
