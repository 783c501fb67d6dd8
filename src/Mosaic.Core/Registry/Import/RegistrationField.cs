namespace Mosaic.Core.Registry.Import;

/// <summary>
/// A Mosaic field of the registration import: its name in a mapping file (the standard form's field name),
/// the column names recognised by default, in priority order, and the codes it accepts when it is a choice.
/// </summary>
/// <param name="Name">Standard form field name, used as the key in mapping files.</param>
/// <param name="DefaultSources">Column names recognised without a mapping (matched case-insensitively; group paths ignored).</param>
/// <param name="Codes">Accepted codes for choice fields (recode targets and defaults are checked against them), else null.</param>
/// <param name="IsGeopoint">A geopoint, which exports may split into latitude/longitude/altitude/accuracy columns.</param>
internal sealed record RegistrationField(string Name, IReadOnlyList<string> DefaultSources, IReadOnlyList<string>? Codes = null,
    bool IsGeopoint = false)
{
    /// <summary>Whether the field is a choice list (including yes/no and select-multiple).</summary>
    public bool IsChoice => Codes is not null;
}
