using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>Records read from a DTM file, with the rows rejected while reading.</summary>
/// <param name="Format">What the file was recognised as (<c>dtm-api-json</c>, <c>dtm-hdx-hxl</c>, <c>hdx-hapi-idps</c>).</param>
public sealed record DtmReadResult(string Format, IReadOnlyList<LocationAssessment> Records, IReadOnlyList<ImportIssue> Issues)
{
    /// <summary>The file's own column for each DTM field, for a layout that renames them (HDX HAPI); null when it uses DTM's names.</summary>
    public IReadOnlyDictionary<string, string>? ColumnNames { get; init; }

    /// <summary>The column that carries a DTM field in this file, for messages.</summary>
    public string Column(string dtmField) => ColumnNames?.GetValueOrDefault(dtmField) ?? dtmField;
}
