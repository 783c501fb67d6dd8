namespace Mosaic.Core.Application;

/// <summary>
/// The setting of a request that a message points the user to. Core's messages name no command-line option or API
/// parameter; each front end turns this into its own hint (the CLI names its option).
/// </summary>
public enum RequestSetting
{
    /// <summary>No particular setting.</summary>
    None,

    /// <summary>The member roster file that goes with a household CSV.</summary>
    MembersFile,

    /// <summary>The GeoJSON property that holds each boundary's P-code.</summary>
    PcodeProperty,

    /// <summary>The GeoJSON property that holds a hazard feature's severity.</summary>
    SeverityProperty,

    /// <summary>The age bands a tabulation groups ages into.</summary>
    AgeBands,

    /// <summary>The disclosure-control method of a tabulation.</summary>
    DisclosureMethod,

    /// <summary>The text encoding of an input file saved in something other than UTF-8 (windows-1252, …).</summary>
    TextEncoding,
}
