using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Core.Storage;

/// <summary>Location assessments, flow monitoring points and observations, and the registry's movers.</summary>
/// <remarks>
/// Every member is asynchronous and takes a <see cref="CancellationToken"/>: a cancelled call throws
/// <see cref="OperationCanceledException"/> (never a <see cref="StoreException"/>), a cancelled write commits nothing,
/// and the unit of work stays usable. The rules of <see cref="IMosaicStore"/> apply: one caller at a time, and a stream
/// (<see cref="ReadAssessmentsAsync"/>, <see cref="ReadFlowObservationsAsync"/>, <see cref="ReadRegisteredMoversAsync"/>)
/// enumerated to the end or disposed before the next call on the same unit of work (no two open readers on one
/// connection). The streams follow the rules of <see cref="IRegistryStore.ReadHouseholdsAsync"/>: nothing is read until
/// the enumeration starts, each enumeration runs the read again, one consumer on one thread at a time, and both the
/// read's token and the enumeration's (<c>WithCancellation</c>) stop the stream before the first row or between two.
/// </remarks>
public interface IMobilityStore
{
    /// <summary>
    /// Writes assessments in one transaction, keyed by <see cref="LocationAssessment.RecordId"/>: a new id is
    /// inserted, a known id with other content replaces the stored record, a known id with the same content is
    /// left as it is (its provenance too).
    /// </summary>
    /// <param name="assessments">The records to write.</param>
    /// <param name="cancellationToken">Stops the write before its commit: the stored assessments stay as they were.</param>
    Task<UpsertCounts> UpsertAssessmentsAsync(IReadOnlyCollection<LocationAssessment> assessments, CancellationToken cancellationToken = default);

    /// <summary>The identifying fields of every stored assessment, for round-order checks on import.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<AssessmentKey>> ReadAssessmentKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams stored assessments in the order they were first imported (a file's row order).</summary>
    /// <param name="dataset">Only this dataset's records; every record when null.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    IAsyncEnumerable<LocationAssessment> ReadAssessmentsAsync(string? dataset = null, CancellationToken cancellationToken = default);

    /// <summary>One stored assessment by its record id (the DTM record's own id), or null when none has it.</summary>
    /// <param name="recordId">The record id.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<LocationAssessment?> GetAssessmentAsync(string recordId, CancellationToken cancellationToken = default);

    /// <summary>Stored assessment records, of every dataset and round.</summary>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountAssessmentsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One row per assessment and population type with the totals (no sex/age cells), optionally limited to some
    /// rounds: the input of the mobility summary.
    /// </summary>
    /// <param name="rounds">Only these rounds; every round when null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<AssessmentTotalRow>> ReadAssessmentTotalsAsync(IReadOnlyCollection<int>? rounds = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes points and observations in one transaction (observations keyed by record id, as for assessments)
    /// and refreshes the daily totals of the points touched.
    /// </summary>
    /// <param name="points">Points to insert or update.</param>
    /// <param name="observations">Observations to write.</param>
    /// <param name="cancellationToken">Stops the write before its commit: the stored points and observations stay as they were.</param>
    Task<UpsertCounts> UpsertFlowsAsync(IReadOnlyCollection<FlowMonitoringPoint> points, IReadOnlyCollection<FlowObservation> observations,
        CancellationToken cancellationToken = default);

    /// <summary>Every flow monitoring point, ordered by code.</summary>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<FlowMonitoringPoint>> ReadFlowPointsAsync(CancellationToken cancellationToken = default);

    /// <summary>Streams observations ordered by point, date and import order.</summary>
    /// <param name="pointCode">Only this point's observations; every point's when null.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    IAsyncEnumerable<FlowObservation> ReadFlowObservationsAsync(string? pointCode = null, CancellationToken cancellationToken = default);

    /// <summary>Stored flow observations, of every point.</summary>
    /// <param name="cancellationToken">Stops the count.</param>
    Task<long> CountFlowObservationsAsync(CancellationToken cancellationToken = default);

    /// <summary>Persons per point, day, direction, reason and traveller type (kept up to date by <see cref="UpsertFlowsAsync"/>).</summary>
    /// <param name="pointCode">Only this point's totals; every point's when null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<IReadOnlyList<FlowDailyTotal>> ReadFlowDailyTotalsAsync(string? pointCode = null, CancellationToken cancellationToken = default);

    /// <summary>Flow totals per point and direction, reason and traveller type, between two days (inclusive), split at a day.</summary>
    /// <param name="from">The first day counted; open when null.</param>
    /// <param name="to">The last day counted; open when null.</param>
    /// <param name="split">Persons on days before it are also counted apart (<see cref="FlowDirectionTotal.PersonsBeforeSplit"/>); none when null.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    Task<FlowTotals> ReadFlowTotalsAsync(DateOnly? from = null, DateOnly? to = null, DateOnly? split = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Streams registered persons who moved (a mobile migratory status and a move date), with their area, for the
    /// registry side of the mobility views and for tabulation. Never merged with key-informant estimates.
    /// </summary>
    /// <param name="areaPcode">The access scope or the area asked for; null for the whole registry.</param>
    /// <param name="cancellationToken">Stops the stream.</param>
    IAsyncEnumerable<RegisteredMover> ReadRegisteredMoversAsync(string? areaPcode = null, CancellationToken cancellationToken = default);
}

/// <summary>What an upsert did.</summary>
public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged);
