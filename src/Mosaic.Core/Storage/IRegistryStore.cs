using Mosaic.Core.Privacy;
using Mosaic.Core.Registry;

namespace Mosaic.Core.Storage;

/// <summary>
/// Households and their rosters. Reads never return personal data (names, phones; GPS points only when asked for
/// <see cref="HouseholdFields.Location"/>); contacts leave only through <see cref="ReadContactsAsync"/>. Every read that
/// takes an area P-code is limited to that area's subtree: pass the caller's access scope.
/// </summary>
/// <remarks>
/// Reads are asynchronous and take a <see cref="CancellationToken"/>: a cancelled read throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>) and leaves the unit of work usable.
/// The rules of <see cref="IMosaicStore"/> apply: one caller at a time, and a stream finished or disposed before the
/// next call.
/// </remarks>
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
    /// <param name="cancellationToken">Stops the read.</param>
    Task<long> CurrentVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>Households in the subtree of <paramref name="areaPcode"/> (every household when null).</summary>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountHouseholdsAsync(string? areaPcode = null, CancellationToken cancellationToken = default);

    /// <summary>Persons (members of every status) of the households in the subtree of <paramref name="areaPcode"/>.</summary>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountPersonsAsync(string? areaPcode = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Households per import source (the <c>source</c> given to <see cref="BeginImport"/>: a file path, or
    /// <c>demo (seed S)</c> for the demo), so that the demo can refuse to mix synthetic households into a real registry.
    /// </summary>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<IReadOnlyDictionary<string, long>> CountHouseholdsBySourceAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams households with their members, limited to the subtree of <paramref name="areaPcode"/> (the access
    /// scope; every household when null), ordered by id. Names and phones are null; the GPS point is null unless
    /// <paramref name="fields"/> asks for <see cref="HouseholdFields.Location"/>.
    /// </summary>
    /// <remarks>
    /// Rules of the stream, kept by every provider:
    /// <list type="bullet">
    /// <item>Nothing is read until the enumeration starts, and the registry is never held in memory: the provider reads
    /// ahead at most a driver buffer. Each enumeration runs the read again (a caller may stream twice, e.g. the two
    /// passes of a calibration, and gets the same households in the same order when nothing was written between).</item>
    /// <item>The stream holds the unit of work until it is enumerated to the end or disposed (<c>await foreach</c> and
    /// <c>Take</c> dispose it): make no other call on the same unit of work meanwhile, not even a second
    /// <see cref="ReadHouseholdsAsync"/> (no two open readers on one connection).</item>
    /// <item>One consumer, on one thread at a time; the enumerator is not thread-safe. To use cores, read a batch and
    /// work on it in parallel (as scoring does), never enumerate from several threads.</item>
    /// <item>Cancellation: <paramref name="cancellationToken"/> and the token given to
    /// <see cref="IAsyncEnumerable{T}.GetAsyncEnumerator"/> (<c>WithCancellation</c>) both stop the stream, before the
    /// first household or between any two, with <see cref="OperationCanceledException"/>; the statement is stopped, the
    /// connection released, and the unit of work answers the next call.</item>
    /// </list>
    /// </remarks>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="fields">The optional fields to read (the GPS point).</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    IAsyncEnumerable<Household> ReadHouseholdsAsync(string? areaPcode = null, HouseholdFields fields = HouseholdFields.Standard,
        CancellationToken cancellationToken = default);

    /// <summary>One household by submission id, without personal data (as <see cref="ReadHouseholdsAsync"/>), or null.</summary>
    /// <param name="submissionId">The household's submission id.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<Household?> GetHouseholdAsync(string submissionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The one door for contacts: checks that the actor's role reads personal data (else
    /// <see cref="AccessDeniedException"/>, nothing read or logged), reads the contacts of the requested households
    /// that lie in the actor's area scope, and appends one audit entry (actor, role, purpose, subject, scope, counts)
    /// in the same transaction: the contacts are returned only once the entry is committed.
    /// </summary>
    /// <param name="request">Who reads which households' contacts, and why.</param>
    /// <param name="cancellationToken">
    /// Stops the read before the commit: then no entry is written and no contact is returned.
    /// </param>
    Task<ContactRead> ReadContactsAsync(ContactRequest request, CancellationToken cancellationToken = default);

    /// <summary>Person counts by migratory status code (resident and emigrant alike), optionally in a subtree.</summary>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<IReadOnlyDictionary<MigratoryStatus, long>> CountPersonsByStatusAsync(string? areaPcode = null, CancellationToken cancellationToken = default);
}

/// <summary>An open import transaction.</summary>
public interface IRegistrationBatch : IDisposable
{
    /// <summary>The content fingerprint stored for a submission id, or null when the id is new.</summary>
    byte[]? FindFingerprint(string submissionId);

    /// <summary>Adds a validated household with its content fingerprint.</summary>
    void Add(Household household, byte[] fingerprint);

    /// <summary>
    /// Adds a validated household unless its submission id is stored already (committed, or added earlier in this
    /// batch): null when it was added, else the fingerprint stored for the id (and nothing is written). A store may
    /// do both in one step (SQLite: one insert that skips a stored id, instead of a look-up and an insert).
    /// </summary>
    byte[]? AddUnlessStored(Household household, byte[] fingerprint)
    {
        ArgumentNullException.ThrowIfNull(household);
        var stored = FindFingerprint(household.SubmissionId);
        if (stored is null)
            Add(household, fingerprint);
        return stored;
    }

    /// <summary>
    /// Commits and returns what was stored: fewer households than were added when another import committed one of
    /// the same submission ids meanwhile (a store that lets imports overlap skips those, never stores them twice).
    /// </summary>
    RegistrationCommitted Commit();
}

/// <summary>What a committed import stored.</summary>
/// <param name="Households">Households stored by this import.</param>
/// <param name="Persons">Their members.</param>
public sealed record RegistrationCommitted(long Households, long Persons);
