using Mosaic.Core.Disclosure;
using Mosaic.Core.Indicators;

namespace Mosaic.Core.Access;

/// <summary>
/// How a table asked by a user is protected. Users who may not read personal data (analysts, viewers, enumerators)
/// ask open queries (any indicator, any dimensions, any area, as often as they like), so their counts and shares go
/// through cell-key perturbation: the same cell has the same value in every table, so repeating or differencing
/// requests gains nothing. Means, sums and weighted estimates, which perturbation does not protect, stay under
/// suppression, as do all tables of admins and managers (who may read the records themselves).
/// </summary>
public static class OpenQueries
{
    /// <summary>The disclosure method for a role's table of an indicator, given whether the registry has record keys.</summary>
    public static DisclosureMethod MethodFor(Role role, IndicatorDefinition indicator, bool hasRecordKeys) =>
        MethodFor(role, indicator, () => hasRecordKeys);

    /// <summary>
    /// As above, asking whether the registry has record keys only for a table that perturbation would protect (so a
    /// caller that must read the registry to know, such as the server, reads it only then).
    /// </summary>
    public static DisclosureMethod MethodFor(Role role, IndicatorDefinition indicator, Func<bool> hasRecordKeys)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        ArgumentNullException.ThrowIfNull(hasRecordKeys);
        return !Roles.Allows(role, Capability.ReadPersonalData) && Perturbable(indicator) && hasRecordKeys()
            ? DisclosureMethod.Perturbation
            : DisclosureMethod.Suppression;
    }

    /// <summary>Unweighted counts and shares: what cell-key perturbation protects.</summary>
    public static bool Perturbable(IndicatorDefinition indicator)
    {
        ArgumentNullException.ThrowIfNull(indicator);
        return indicator.Weight is null && indicator.Measure.Kind is MeasureKind.Count or MeasureKind.Share;
    }
}
