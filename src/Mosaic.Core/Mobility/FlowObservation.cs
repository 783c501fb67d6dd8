namespace Mosaic.Core.Mobility;

/// <summary>
/// A group of travellers counted at a flow monitoring point on a day, with what they said about their journey.
/// </summary>
/// <param name="RecordId">Idempotency key (the file's <c>record_id</c>, or one derived from the row's content).</param>
/// <param name="Nationality">ISO3 code, when asked.</param>
/// <param name="PreviousLocation">Where the journey started (P-code or place name).</param>
/// <param name="NextLocation">Intended destination (P-code or place name).</param>
public sealed record FlowObservation(
    string RecordId,
    string PointCode,
    DateOnly Date,
    FlowDirection Direction,
    FlowCounts Counts,
    string? Nationality,
    string? PreviousLocation,
    string? NextLocation,
    FlowReason Reason,
    TransportMode Transport,
    TravellerType TravellerType)
{
    /// <summary>Where the record came from; set by the importer.</summary>
    public Provenance? Provenance { get; init; }
}
