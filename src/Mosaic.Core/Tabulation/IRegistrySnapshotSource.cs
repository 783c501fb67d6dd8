namespace Mosaic.Core.Tabulation;

/// <summary>
/// A store that can feed a <see cref="RegistrySnapshotBuilder"/> directly from its columns, without building a
/// domain object per household. Optional: <see cref="RegistrySnapshotLoader"/> falls back to
/// <see cref="Storage.IRegistryStore.ReadHouseholdsAsync"/> for stores that do not implement it.
/// </summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="Storage.StoreException"/>), the statement is stopped, and
/// the unit of work answers the next call. The rules of <see cref="Storage.IMosaicStore"/> apply: one caller at a time,
/// and the builder is fed on the caller's flow, one household after the other (it is not thread-safe).
/// </remarks>
public interface IRegistrySnapshotSource
{
    /// <summary>Names of optional numeric household fields this store has (e.g. <c>hazard_exposure</c> once scored).</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<string>> OptionalHouseholdNumbersAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams every household, each followed by its members, in household order.</summary>
    /// <param name="builder">Fed one household (then its members) at a time; left half-fed by a cancelled scan (discard it then).</param>
    /// <param name="cancellationToken">Stops the scan, also inside a long statement.</param>
    Task ScanAsync(RegistrySnapshotBuilder builder, CancellationToken cancellationToken = default);
}
