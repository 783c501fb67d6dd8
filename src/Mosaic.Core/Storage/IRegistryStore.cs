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
    /// Starts a transactional import. Nothing is visible to others until <see cref="IRegistrationBatch.CommitAsync"/>;
    /// disposing without commit (or after a cancelled call) rolls everything back.
    /// </summary>
    /// <param name="source">What the households come from (a file name, <c>demo (seed S)</c>): kept with the batch.</param>
    /// <param name="cancellationToken">Stops the start: then no transaction is left open.</param>
    Task<IRegistrationBatch> BeginImportAsync(string source, CancellationToken cancellationToken = default);

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

    /// <summary>
    /// Whether the registry holds any household: what a command asks before it reads (a count of a national
    /// registry walks a whole index; this stops at the first row where the store allows).
    /// </summary>
    /// <param name="cancellationToken">Stops the read.</param>
    async Task<bool> HasHouseholdsAsync(CancellationToken cancellationToken = default) =>
        await CountHouseholdsAsync(cancellationToken: cancellationToken) > 0;

    /// <summary>Persons (members of every status) of the households in the subtree of <paramref name="areaPcode"/>.</summary>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountPersonsAsync(string? areaPcode = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Households per import source (the <c>source</c> given to <see cref="BeginImportAsync"/>: a file path, or
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

/// <summary>
/// An open import transaction, fed in chunks: a chunk of households in, an outcome per household out. The shape lets a
/// provider decide a whole chunk in one round trip (PostgreSQL: binary <c>COPY</c> into a staging table and one
/// look-up of the chunk's ids), instead of one statement per household.
/// </summary>
/// <remarks>
/// One caller at a time, one call at a time (await each call before the next). Households are decided in order, as
/// if added one by one: a submission id is a duplicate or a conflict against what is committed and against every
/// household added earlier in this batch, in an earlier chunk or earlier in the same chunk. A cancelled call throws
/// <see cref="OperationCanceledException"/>; the batch must then be disposed, and disposing without
/// <see cref="CommitAsync"/> stores nothing. Disposing an uncommitted batch rolls its transaction back: prefer
/// <c>await using</c> (<see cref="IAsyncDisposable.DisposeAsync"/>, which a server provider does without blocking a thread).
/// </remarks>
public interface IRegistrationBatch : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// Adds the households of <paramref name="chunk"/> whose submission id is not stored yet, and says for each what
    /// happened: <see cref="RegistrationOutcome.Added"/>; <see cref="RegistrationOutcome.Duplicate"/> (stored already
    /// with the same fingerprint: nothing written); <see cref="RegistrationOutcome.Conflict"/> (stored already with a
    /// different fingerprint: nothing written, the stored household is kept).
    /// </summary>
    /// <param name="chunk">Validated households with their content fingerprints, in input order.</param>
    /// <param name="cancellationToken">Stops the call; the batch must then be disposed (nothing is stored).</param>
    /// <returns>One outcome per household, in the order of <paramref name="chunk"/>.</returns>
    Task<IReadOnlyList<RegistrationOutcome>> AddAsync(IReadOnlyList<FingerprintedHousehold> chunk, CancellationToken cancellationToken = default);

    /// <summary>
    /// Commits and returns what was stored: fewer households than were added when another import committed one of
    /// the same submission ids meanwhile (a store that lets imports overlap skips those, never stores them twice).
    /// </summary>
    /// <param name="cancellationToken">Checked before the commit: cancelled, nothing is stored.</param>
    Task<RegistrationCommitted> CommitAsync(CancellationToken cancellationToken = default);
}

/// <summary>What a committed import stored.</summary>
/// <param name="Households">Households stored by this import.</param>
/// <param name="Persons">Their members.</param>
public sealed record RegistrationCommitted(long Households, long Persons);
