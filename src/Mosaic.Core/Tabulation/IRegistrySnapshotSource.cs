namespace Mosaic.Core.Tabulation;

/// <summary>
/// A store that can feed a <see cref="RegistrySnapshotBuilder"/> directly from its columns, without building a
/// domain object per household. Optional: <see cref="RegistrySnapshotLoader"/> falls back to
/// <see cref="Storage.IRegistryStore.ReadHouseholdsAsync"/> for stores that do not implement it.
/// </summary>
public interface IRegistrySnapshotSource
{
    /// <summary>Names of optional numeric household fields this store has (e.g. <c>hazard_exposure</c> once scored).</summary>
    IReadOnlyList<string> OptionalHouseholdNumbers();

    /// <summary>Streams every household, each followed by its members, in household order.</summary>
    void Scan(RegistrySnapshotBuilder builder);
}
