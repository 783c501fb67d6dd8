using System.Text.Json.Serialization;

namespace Mosaic.Core.Application.Reports;

/// <summary>
/// What <c>mosaic demo</c> reports: the database, the seed, the registry's make-up and, flat beside them, what each
/// step counted (<c>areas_inserted</c>, <c>households_added</c>, <c>class_high</c>, …).
/// </summary>
public sealed record DemoRunReport
{
    /// <summary>The database written (a path, or a PostgreSQL server without its password).</summary>
    public required string Database { get; init; }
    /// <summary>The seed: the same seed and household count give the same registry.</summary>
    public required long Seed { get; init; }
    /// <summary>Households generated.</summary>
    public required long Households { get; init; }
    /// <summary>Persons generated.</summary>
    public required long Persons { get; init; }
    /// <summary>Persons aged 5 or more with a disability by the Washington Group short set.</summary>
    public required long PersonsWithDisability { get; init; }
    /// <summary>Persons per migratory status code.</summary>
    public required IReadOnlyDictionary<string, long> PersonsByStatus { get; init; }
    /// <summary>Households per migratory status code (the status of the head).</summary>
    public required IReadOnlyDictionary<string, long> HouseholdsByStatus { get; init; }
    /// <summary>Persons per sex code.</summary>
    public required IReadOnlyDictionary<string, long> PersonsBySex { get; init; }
    /// <summary>Persons per age group code.</summary>
    public required IReadOnlyDictionary<string, long> PersonsByAgeGroup { get; init; }
    /// <summary>The Kobo-style export written with <c>--export</c>, or null.</summary>
    public required DemoExportReport? Export { get; init; }

    /// <summary>Each step's counts, by name, written beside the other properties.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Counts { get; set; }
}

/// <summary>Where the demo's export went and its files.</summary>
public sealed record DemoExportReport(string Directory, IReadOnlyList<string> Files);
