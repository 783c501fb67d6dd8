namespace Mosaic.Core.Mobility;

/// <summary>Where a stored mobility record came from.</summary>
/// <param name="SourceFile">File name the record was imported from (or a generator's name).</param>
/// <param name="SourceRow">Row (CSV, header = 1) or 1-based record index (JSON) in that file.</param>
/// <param name="ImportedAt">When the record was last written.</param>
public sealed record Provenance(string SourceFile, long SourceRow, DateTimeOffset ImportedAt);
