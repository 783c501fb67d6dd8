using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Areas.Import;

/// <summary>
/// Imports a P-code table (CSV) or boundaries (GeoJSON) into the store: fits the file to the areas already known
/// (<see cref="AreaReconciler"/>: ISO2 countries, parents, names), validates that every new area is complete and
/// has a parent, then writes all areas in one transaction.
/// </summary>
public static class AreaImporter
{
    /// <param name="skipInvalid">Import the valid areas and report the rest, instead of importing nothing.</param>
    /// <param name="csv">How a CSV table is read (encoding, limits); its encoding applies to a GeoJSON file too.</param>
    /// <param name="cancellationToken">Stops the import; nothing is written when it stops before the commit.</param>
    public static async Task<AreaImportResult> ImportAsync(IAreaStore store, ImportSource source, string? pcodeProperty = null, bool skipInvalid = false,
        CsvReadOptions? csv = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var isGeoJson = source.Extension is ".geojson" or ".json";
        var read = isGeoJson ? BoundaryReader.Read(source, pcodeProperty, csv?.Encoding) : PcodeTableReader.Read(source, csv);
        var issues = new List<ImportIssue>(read.Issues);
        var file = source.Name;

        var known = (await store.AllAsync(cancellationToken: cancellationToken)).ToDictionary(a => a.Pcode, StringComparer.Ordinal);
        var warnings = new List<ImportIssue>(read.Warnings ?? []);
        var accepted = AreaReconciler.Reconcile(read.Areas, known, isGeoJson, file, isGeoJson ? "features" : null, issues, warnings);

        if (issues.Count > 0 && !skipInvalid)
            return new AreaImportResult(new AreaUpsertResult(0, 0, 0), issues, warnings, Committed: false);
        var result = await store.UpsertAsync(accepted, isGeoJson ? AreaUpsertMode.BoundariesOnly : AreaUpsertMode.Full, cancellationToken);
        return new AreaImportResult(result, issues, warnings, Committed: true);
    }
}

/// <summary>What an area import did: counts, rejected rows, and warnings (renames, moves, ISO2 codes read as ISO3).</summary>
public sealed record AreaImportResult(AreaUpsertResult Counts, IReadOnlyList<ImportIssue> Issues, IReadOnlyList<ImportIssue> Warnings, bool Committed);
