using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Imports a P-code table (CSV) or boundaries (GeoJSON) into the store: validates that every parent exists
/// (in the file or the database) and that new areas are complete, then writes all areas in one transaction.
/// </summary>
public static class AreaImporter
{
    /// <param name="skipInvalid">Import the valid areas and report the rest, instead of importing nothing.</param>
    /// <param name="csv">How a CSV table is read (encoding, limits).</param>
    public static AreaImportResult Import(IAreaStore store, string path, string? pcodeProperty = null, bool skipInvalid = false, CsvReadOptions? csv = null)
    {
        var isGeoJson = path.EndsWith(".geojson", StringComparison.OrdinalIgnoreCase) ||
                        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var read = isGeoJson ? BoundaryReader.Read(path, pcodeProperty) : PcodeTableReader.Read(path, csv);
        var issues = new List<ImportIssue>(read.Issues);
        var file = Path.GetFileName(path);

        var known = store.All().ToDictionary(a => a.Pcode, StringComparer.Ordinal);
        var inFile = read.Areas.Select(a => a.Area.Pcode).ToHashSet(StringComparer.Ordinal);
        var accepted = new List<Area>(read.Areas.Count);
        var sheet = isGeoJson ? "features" : null;
        foreach (var (area, row) in read.Areas)
        {
            if (isGeoJson && known.ContainsKey(area.Pcode))
            {
                accepted.Add(area);
                continue;
            }
            if (isGeoJson && (area.Level < 0 || area.Name.Length == 0))
            {
                issues.Add(new ImportIssue(file, sheet, row, "pcode", area.Pcode,
                    "unknown P-code and the feature has no name/level to create it: import the P-code table first"));
                continue;
            }
            if (area.ParentPcode is { } parent && !inFile.Contains(parent) && !known.ContainsKey(parent))
            {
                issues.Add(new ImportIssue(file, sheet, row, "parent", parent, $"parent of {area.Pcode} is not in the file or the database"));
                continue;
            }
            accepted.Add(area);
        }

        if (issues.Count > 0 && !skipInvalid)
            return new AreaImportResult(new AreaUpsertResult(0, 0, 0), issues, Committed: false);
        var result = store.Upsert(accepted, isGeoJson ? AreaUpsertMode.BoundariesOnly : AreaUpsertMode.Full);
        return new AreaImportResult(result, issues, Committed: true);
    }
}

/// <summary>What an area import did.</summary>
public sealed record AreaImportResult(AreaUpsertResult Counts, IReadOnlyList<ImportIssue> Issues, bool Committed);
