using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>Households and their rosters.</summary>
public interface IRegistryStore
{
    /// <summary>
    /// Starts a transactional import. Nothing is visible to others until <see cref="IRegistrationBatch.Commit"/>;
    /// disposing without commit rolls everything back.
    /// </summary>
    IRegistrationBatch BeginImport(string source);

    /// <summary>
    /// A number that changes whenever a committed write changes what the registry can show: a registration import,
    /// or a change to the area tree households roll up into (names, levels, parents). Equal numbers mean nothing
    /// changed, whichever process or connection wrote; a cached <see cref="Tabulation.RegistrySnapshot"/> uses it to
    /// know it is stale. Cheap (one row), so callers may read it before every query.
    /// </summary>
    long CurrentVersion();

    long CountHouseholds(string? areaPcode = null);

    long CountPersons(string? areaPcode = null);

    /// <summary>
    /// Households per import source (the <c>source</c> given to <see cref="BeginImport"/>: a file path, or
    /// <c>demo (seed S)</c> for the demo), so that the demo can refuse to mix synthetic households into a real registry.
    /// </summary>
    IReadOnlyDictionary<string, long> CountHouseholdsBySource();

    /// <summary>Streams households with their members, optionally limited to an area's subtree, ordered by id.</summary>
    IEnumerable<Household> ReadHouseholds(string? areaPcode = null);

    Household? GetHousehold(string submissionId);

    /// <summary>Person counts by migratory status code (resident and emigrant alike), optionally in a subtree.</summary>
    IReadOnlyDictionary<MigratoryStatus, long> CountPersonsByStatus(string? areaPcode = null);
}

/// <summary>An open import transaction.</summary>
public interface IRegistrationBatch : IDisposable
{
    /// <summary>The content fingerprint stored for a submission id, or null when the id is new.</summary>
    byte[]? FindFingerprint(string submissionId);

    /// <summary>Adds a validated household with its content fingerprint.</summary>
    void Add(Household household, byte[] fingerprint);

    void Commit();
}
