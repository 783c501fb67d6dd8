using Mosaic.Core.Storage;

namespace Mosaic.Core.Tabulation;

/// <summary>
/// The base age bands of a database: every suppressed table's (and microdata file's) age bands must be groups of them,
/// so that two outputs by different bands differ by whole base bands, never by one year of age (issue 15).
/// </summary>
/// <param name="Base">The base bands: from 0, without gaps, ending with an open band.</param>
/// <param name="Configured">Whether the database sets them (otherwise <see cref="AgeBands.Base"/>).</param>
public sealed record AgeBandPolicy(AgeBands Base, bool Configured)
{
    /// <summary>The policy of a database that sets nothing: <see cref="AgeBands.Base"/>.</summary>
    public static AgeBandPolicy BuiltIn { get; } = new(AgeBands.Base, Configured: false);

    /// <summary>
    /// The bands of a table when none are asked for: DESIGN §2's default (<c>0-4,5-17,18-59,60+</c>) when it is a
    /// grouping of the base, otherwise the base bands themselves.
    /// </summary>
    public AgeBands DefaultBands => AgeBands.Default.IsCoarseningOf(Base) ? AgeBands.Default : Base;

    /// <summary>The bands given as text (<see cref="AgeBands.Parse"/>), or <see cref="DefaultBands"/> when none are.</summary>
    public AgeBands Resolve(string? text) => text is null ? DefaultBands : AgeBands.Parse(text);

    /// <summary>Whether <paramref name="bands"/> may be used where suppression protects the output.</summary>
    public bool Admits(AgeBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return bands.IsCoarseningOf(Base);
    }
}

/// <summary>Reads and changes a database's <see cref="AgeBandPolicy"/> (setting <c>base_age_bands</c>).</summary>
public static class AgeBandPolicies
{
    /// <summary>The setting's name in <see cref="IDatabaseSettings"/>.</summary>
    public const string SettingName = "base_age_bands";

    /// <summary>The database's policy; <see cref="AgeBandPolicy.BuiltIn"/> when it sets none or keeps no settings.</summary>
    public static async Task<AgeBandPolicy> ReadAsync(IMosaicStore store, CancellationToken cancellationToken = default)
    {
        var settings = DatabaseSettings.TryOf(store);
        if (settings is null)
            return AgeBandPolicy.BuiltIn;
        var text = await settings.ReadSettingAsync(SettingName, cancellationToken).ConfigureAwait(false);
        return text is null ? AgeBandPolicy.BuiltIn : new AgeBandPolicy(AgeBands.Parse(text), Configured: true);
    }

    /// <summary>
    /// Sets the database's base bands. Always allowed when the new base is a grouping of the current one (outputs by
    /// groups of the new base are groups of the old, so nothing published earlier can be differenced finer); any other
    /// base only while the registry holds no households, since tables by the old base may already have left.
    /// </summary>
    /// <exception cref="TabulationException">The bands are not a base (from 0, no gaps, open last band), or the change is refused.</exception>
    public static async Task<AgeBandPolicy> SetAsync(IMosaicStore store, AgeBands bands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(bands);
        if (!bands.IsCoarseningOf(bands))
        {
            throw new TabulationException(
                $"base age bands {bands} must start at 0, leave no gap and end with an open band (e.g. 0-4,5-9,...,80+)");
        }
        var settings = DatabaseSettings.Of(store);
        var current = await ReadAsync(store, cancellationToken).ConfigureAwait(false);
        if (!bands.IsCoarseningOf(current.Base) &&
            await store.Registry.CountHouseholdsAsync(cancellationToken: cancellationToken).ConfigureAwait(false) > 0)
        {
            throw new TabulationException(
                $"base age bands {bands} are not groups of the current base ({current.Base}), and the registry already holds " +
                "households, so tables by the current base may have been published: a finer or shifted base would let them be " +
                "subtracted from new tables to recover persons of a single age. Choose groups of the current base, or set the " +
                "base on a new database before its first import");
        }
        await settings.WriteSettingAsync(SettingName, bands.ToString(), cancellationToken).ConfigureAwait(false);
        return new AgeBandPolicy(bands, Configured: true);
    }
}
