using System.Text.Json.Serialization;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// What <c>mosaic demo</c> reports: the database, the seed, the registry's make-up and, flat beside them, what each
/// step counted (<c>areas_inserted</c>, <c>households_added</c>, <c>class_high</c>, …).
/// </summary>
public sealed record DemoRunReport
{
    public required string Database { get; init; }
    public required long Seed { get; init; }
    public required long Households { get; init; }
    public required long Persons { get; init; }
    public required long PersonsWithDisability { get; init; }
    public required IReadOnlyDictionary<string, long> PersonsByStatus { get; init; }
    public required IReadOnlyDictionary<string, long> HouseholdsByStatus { get; init; }
    public required IReadOnlyDictionary<string, long> PersonsBySex { get; init; }
    public required IReadOnlyDictionary<string, long> PersonsByAgeGroup { get; init; }
    /// <summary>The Kobo-style export written with <c>--export</c>, or null.</summary>
    public required DemoExportReport? Export { get; init; }

    /// <summary>Each step's counts, by name, written beside the other properties.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Counts { get; set; }
}

/// <summary>Where the demo's export went and its files.</summary>
public sealed record DemoExportReport(string Directory, IReadOnlyList<string> Files);
