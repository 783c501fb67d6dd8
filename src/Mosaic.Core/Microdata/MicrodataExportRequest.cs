using Mosaic.Core.Tabulation;

namespace Mosaic.Core.Microdata;

/// <summary>
/// What a microdata export is asked for: which records, which columns (key variables and other fields, never
/// personal data), how coarse the area, and the risk the file may carry.
/// </summary>
/// <param name="Output">The file to write (its full path is reported).</param>
/// <param name="Format">CSV or XLSX.</param>
/// <param name="Unit">One record per person or per household.</param>
public sealed record MicrodataExportRequest(string Output, MicrodataFormat Format, FieldLevel Unit)
{
    /// <summary>The default admin level of the area column.</summary>
    public const string DefaultAreaLevel = "adm4";

    /// <summary>The key variables of a person file when none are named.</summary>
    public static IReadOnlyList<string> DefaultPersonKeys { get; } = ["sex", "age_group", "migratory_status"];

    /// <summary>The other fields of a person file when none are named.</summary>
    public static IReadOnlyList<string> DefaultPersonFields { get; } = ["disability", "in_school", "employed_before", "employed_now"];

    /// <summary>The key variables of a household file when none are named.</summary>
    public static IReadOnlyList<string> DefaultHouseholdKeys { get; } = ["head_sex", "dwelling"];

    /// <summary>The other fields of a household file when none are named.</summary>
    public static IReadOnlyList<string> DefaultHouseholdFields { get; } = ["remittances", "remittance_change", "debt", "savings", "assistance_received"];

    /// <summary>The level P-codes are rolled up to: <c>adm1</c> … <c>adm9</c> or <c>village</c> (coarser is safer).</summary>
    public string AreaLevel { get; init; } = DefaultAreaLevel;

    /// <summary>Key variables besides the area (what an intruder could know), null for the unit's default set.</summary>
    public IReadOnlyList<string>? KeyVariables { get; init; }

    /// <summary>Other categorical fields to include, null for the unit's default set.</summary>
    public IReadOnlyList<string>? Fields { get; init; }

    /// <summary>A sensitive field (not a key) whose l-diversity is reported; added to the fields when not among them.</summary>
    public string? Sensitive { get; init; }

    /// <summary>
    /// Give each person row its household's number (a column <c>household</c>, numbered by the file, never a registry
    /// id), so that analysts can regroup members into households. The risk is then measured at household level, and
    /// the limit is held against it: an intruder who re-identifies one member finds the whole household.
    /// </summary>
    public bool HouseholdIds { get; init; }

    /// <summary>Apply local suppression so that every key combination holds at least this many records (null: none).</summary>
    public int? K { get; init; }

    /// <summary>The global risk (0–1) above which the file is not written.</summary>
    public double MaxGlobalRisk { get; init; } = Disclosure.MicrodataRisk.DefaultMaximumGlobalRisk;

    /// <summary>Only records of households in this area's subtree (null: all).</summary>
    public string? AreaPcode { get; init; }

    /// <summary>Only records meeting this condition (the indicator expression language).</summary>
    public string? Filter { get; init; }

    /// <summary>Bands for <c>age_group</c>.</summary>
    public AgeBands AgeBands { get; init; } = AgeBands.Default;

    /// <summary>
    /// The database's base bands (<see cref="AgeBandPolicy.Base"/>): when the file has <c>age_group</c>,
    /// <see cref="AgeBands"/> must be groups of them, or two files by different bands would give ages by difference.
    /// </summary>
    public AgeBands BaseAgeBands { get; init; } = AgeBands.Base;

    /// <summary>
    /// Where to write instead of <see cref="Output"/>: a temporary file the caller renames once the use case returns
    /// with the file written (the CLI's safe output files). When null, the use case writes a temporary file beside
    /// <see cref="Output"/> and renames it itself.
    /// </summary>
    public string? WritePath { get; init; }
}
