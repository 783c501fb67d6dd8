namespace Mosaic.Core.Storage;

/// <summary>
/// Named settings a database keeps for every command and request that uses it, e.g. the base age bands of its
/// suppressed tables (<see cref="Tabulation.AgeBandPolicies"/>). Optional on a registry store: a store without it has
/// the built-in defaults and refuses to change them (<see cref="DatabaseSettings.Of"/>).
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/>, a cancelled write changes nothing, and the unit of work stays usable. The
/// rules of <see cref="IMosaicStore"/> apply (one caller at a time).
/// </remarks>
public interface IDatabaseSettings
{
    /// <summary>The setting's value, or null when it was never set.</summary>
    /// <param name="name">The setting's name, e.g. <c>base_age_bands</c>.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<string?> ReadSettingAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Sets the setting (replacing an earlier value), with the time it was set.</summary>
    /// <param name="name">The setting's name.</param>
    /// <param name="value">Its new value.</param>
    /// <param name="cancellationToken">Stops the write before its commit: then nothing changes.</param>
    Task WriteSettingAsync(string name, string value, CancellationToken cancellationToken = default);
}

/// <summary>Finds a store's settings.</summary>
internal static class DatabaseSettings
{
    /// <summary>The registry's settings, or null when the store keeps none (then every setting has its default).</summary>
    public static IDatabaseSettings? TryOf(IMosaicStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.Registry as IDatabaseSettings;
    }

    /// <summary>The registry's settings; a <see cref="StoreException"/> (<see cref="StoreFailure.Unsupported"/>) when the store keeps none.</summary>
    public static IDatabaseSettings Of(IMosaicStore store) =>
        TryOf(store) ?? throw new StoreException(StoreFailure.Unsupported, $"{store.Description} keeps no settings: its defaults cannot be changed");
}
