namespace Mosaic.Core.Mobility;

/// <summary>
/// One location-assessment record (DTM mobility tracking): what key informants reported for a location in a
/// round. A DTM operation may publish several records per location and round (one per displacement reason
/// or origin); each is kept as its own record.
/// </summary>
public sealed record LocationAssessment
{
    /// <summary>
    /// Idempotency key, unique in the store: <c>dtm:adm{level}:{id}</c> for DTM records with an id, a key built
    /// from the record's identifying fields otherwise (see the DTM readers).
    /// </summary>
    public required string RecordId { get; init; }

    /// <summary>The source's own numeric id (DTM <c>id</c>), when it has one.</summary>
    public long? SourceId { get; init; }

    /// <summary>Family of the source: <c>dtm</c> (DTM API and HDX file), <c>hdx-hapi</c>, <c>demo</c>, …
    /// Summaries keep datasets apart, since the same figures may come through several of them.</summary>
    public required string Dataset { get; init; }

    /// <summary>DTM operation (e.g. "Lake Chad Basin Crisis").</summary>
    public string? Operation { get; init; }

    /// <summary>DTM operation status (<c>Active</c>, <c>Inactive</c>), when given.</summary>
    public string? OperationStatus { get; init; }

    /// <summary>The assessment type (baseline area, village, site or emergency event): series of different types are
    /// never added together.</summary>
    public AssessmentType Type { get; init; }

    /// <summary>Round number (1, 2, …) within the operation.</summary>
    public int Round { get; init; }

    /// <summary>The date the round's figures refer to.</summary>
    public DateOnly ReportingDate { get; init; }

    /// <summary>The location assessed, exactly as the source names it (admin codes and names, village or
    /// site).</summary>
    public required AssessmentLocation Location { get; init; }

    /// <summary>The area of the P-code tree the location was linked to, or null (see <see cref="Match"/>).</summary>
    public string? AreaPcode { get; init; }

    /// <summary>How <see cref="AreaPcode"/> was found: by P-code, by name only, or not at all.</summary>
    public AreaMatch Match { get; init; }

    /// <summary>The populations reported, at most one count per population type.</summary>
    public IReadOnlyList<PopulationCount> Counts { get; init; } = [];

    /// <summary>Area of origin (P-code) of the displaced, when reported.</summary>
    public string? OriginPcode { get; init; }

    /// <summary>Name of the area of origin of the displaced, when reported.</summary>
    public string? OriginName { get; init; }

    /// <summary>Displacement reason as the source words it (DTM: "Conflict; Natural disaster").</summary>
    public string? DisplacementReason { get; init; }

    /// <summary>When most arrived, as reported (e.g. "2024-07", "before 2020").</summary>
    public string? ArrivalPeriod { get; init; }

    /// <summary>Main shelter type (e.g. "host_family", "own_house", "camp", "open_air").</summary>
    public string? Shelter { get; init; }

    /// <summary>Needs ranked by key informants, most pressing first.</summary>
    public IReadOnlyList<string> Needs { get; init; } = [];

    /// <summary>Key informants interviewed, when reported.</summary>
    public int? KeyInformants { get; init; }

    /// <summary>Where the record came from; set by the importer.</summary>
    public Provenance? Provenance { get; init; }

    /// <summary>Individuals of a population type, or null when not reported.</summary>
    public long? Individuals(PopulationType type)
    {
        foreach (var c in Counts)
        {
            if (c.Type == type)
                return c.Individuals;
        }
        return null;
    }

    /// <summary>The count of a population type, or null.</summary>
    public PopulationCount? Count(PopulationType type) => Counts.FirstOrDefault(c => c.Type == type);
}
