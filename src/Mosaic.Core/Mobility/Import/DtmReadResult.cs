using Mosaic.Core.Import;

namespace Mosaic.Core.Mobility.Import;

/// <summary>Records read from a DTM file, with the rows rejected while reading.</summary>
/// <param name="Format">What the file was recognised as (<c>dtm-api-json</c>, <c>dtm-hdx-hxl</c>, <c>hdx-hapi-idps</c>).</param>
public sealed record DtmReadResult(string Format, IReadOnlyList<LocationAssessment> Records, IReadOnlyList<ImportIssue> Issues);
