using Mosaic.Core.Mobility;
using Mosaic.Core.Mobility.Analysis;

namespace Mosaic.Core.Storage;

/// <summary>Location assessments, flow monitoring points and observations, and the registry's movers.</summary>
public interface IMobilityStore
{
    /// <summary>
    /// Writes assessments in one transaction, keyed by <see cref="LocationAssessment.RecordId"/>: a new id is
    /// inserted, a known id with other content replaces the stored record, a known id with the same content is
    /// left as it is (its provenance too).
    /// </summary>
    UpsertCounts UpsertAssessments(IReadOnlyCollection<LocationAssessment> assessments);

    /// <summary>The identifying fields of every stored assessment, for round-order checks on import.</summary>
    IReadOnlyList<AssessmentKey> ReadAssessmentKeys();

    /// <summary>Streams stored assessments in the order they were first imported (a file's row order).</summary>
    IEnumerable<LocationAssessment> ReadAssessments(string? dataset = null);

    /// <summary>One stored assessment by its record id (the DTM record's own id), or null when none has it.</summary>
    LocationAssessment? GetAssessment(string recordId);

    /// <summary>Stored assessment records, of every dataset and round.</summary>
    long CountAssessments();

    /// <summary>
    /// One row per assessment and population type with the totals (no sex/age cells), optionally limited to some
    /// rounds: the input of the mobility summary.
    /// </summary>
    IReadOnlyList<AssessmentTotalRow> ReadAssessmentTotals(IReadOnlyCollection<int>? rounds = null);

    /// <summary>
    /// Writes points and observations in one transaction (observations keyed by record id, as for assessments)
    /// and refreshes the daily totals of the points touched.
    /// </summary>
    UpsertCounts UpsertFlows(IReadOnlyCollection<FlowMonitoringPoint> points, IReadOnlyCollection<FlowObservation> observations);

    /// <summary>Every flow monitoring point, in the order they were first imported.</summary>
    IReadOnlyList<FlowMonitoringPoint> ReadFlowPoints();

    /// <summary>Streams observations ordered by point, date and import order.</summary>
    IEnumerable<FlowObservation> ReadFlowObservations(string? pointCode = null);

    /// <summary>Stored flow observations, of every point.</summary>
    long CountFlowObservations();

    /// <summary>Persons per point, day, direction, reason and traveller type (kept up to date by <see cref="UpsertFlows"/>).</summary>
    IReadOnlyList<FlowDailyTotal> ReadFlowDailyTotals(string? pointCode = null);

    /// <summary>Flow totals per point and direction, reason and traveller type, between two days (inclusive), split at a day.</summary>
    FlowTotals ReadFlowTotals(DateOnly? from = null, DateOnly? to = null, DateOnly? split = null);

    /// <summary>
    /// Registered persons who moved (a mobile migratory status and a move date), with their area, for the
    /// registry side of the mobility views and for tabulation. Never merged with key-informant estimates.
    /// </summary>
    IEnumerable<RegisteredMover> ReadRegisteredMovers(string? areaPcode = null);
}

/// <summary>What an upsert did.</summary>
public sealed record UpsertCounts(int Inserted, int Updated, int Unchanged);
