using Mosaic.Core.Import.Csv;
using Mosaic.Core.Privacy;

namespace Mosaic.Core.Targeting;

/// <summary>What a target list export is asked for (<c>mosaic target</c>, the server's target endpoint).</summary>
/// <param name="Targeting">Who to target and how.</param>
/// <param name="Output">The output file: <c>.csv</c> or <c>.xlsx</c> (recorded in the audit entry).</param>
/// <param name="IncludeContacts">Whether to add the head's name and phone (personal data: read through the audited door).</param>
/// <param name="Actor">Who asks (their area scope also limits the list).</param>
/// <param name="CommandLine">The command or request as given, with secrets masked (recorded in the audit entry).</param>
public sealed record TargetExportRequest(TargetingRequest Targeting, string Output, bool IncludeContacts, Actor Actor, string CommandLine)
{
    /// <summary>
    /// Where to write instead of <see cref="Output"/>: a temporary file the caller renames to <see cref="Output"/>
    /// once the use case returns (the CLI's safe output files). When null, the use case writes a temporary file
    /// beside <see cref="Output"/> and renames it itself.
    /// </summary>
    public string? WritePath { get; init; }

    /// <summary>How CSV cells are written (the formula guard on by default).</summary>
    public CsvWriteOptions? Csv { get; init; }
}
