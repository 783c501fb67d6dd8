using System.Security.Cryptography;
using System.Text;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Storage;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// <c>mosaic import flows FILE</c>: flow monitoring points and daily observations from a CSV or XLSX file in the
/// documented format (<see cref="FlowFileFormat"/>). Transactional and idempotent by record id; a row without a
/// <c>record_id</c> gets one derived from its content, so re-importing the same file changes nothing.
/// </summary>
public static class FlowImporter
{
    /// <summary>Imports one flows file; the result counts what was stored and lists every rejected row and
    /// warning.</summary>
    /// <param name="store">Where the points and observations are written.</param>
    /// <param name="source">The file.</param>
    /// <param name="options">How it is read.</param>
    /// <param name="cancellationToken">Stops the import; nothing is written when it stops before the commit.</param>
    public static async Task<FlowImportResult> ImportAsync(IMobilityStore store, ImportSource source, DtmImportOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options ??= new DtmImportOptions();
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var file = source.Name;
        var issues = new List<ImportIssue>();
        var rows = source.Extension == ".xlsx"
            ? XlsxSheetReader.Read(source).Select(r => (r.Row, (IReadOnlyList<string>)r.Cells))
            : CsvRows(source, options.Csv);
        var known = (await store.ReadFlowPointsAsync(cancellationToken)).ToDictionary(p => p.Code, StringComparer.Ordinal);
        var points = new Dictionary<string, FlowMonitoringPoint>(StringComparer.Ordinal);
        var pointRows = new Dictionary<string, long>(StringComparer.Ordinal);
        var observations = new List<FlowObservation>();
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        var latest = options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var now = options.Now ?? DateTimeOffset.UtcNow;
        FlowRowParser? parser = null;
        foreach (var (row, cells) in rows)
        {
            if (parser is null)
            {
                parser = new FlowRowParser(file, new HeaderIndex(cells), options.EarliestDate, latest, issues);
                if (!parser.CheckHeader(row))
                    break;
                continue;
            }
            if (cells.All(string.IsNullOrWhiteSpace) || HeaderIndex.IsHxlRow(cells))
                continue;
            var before = issues.Count;
            var point = parser.Point(cells, row, known, points);
            var obs = parser.Observation(cells, row);
            if (issues.Count > before || point is null || obs is null)
                continue;
            if (points.TryAdd(point.Code, point))
                pointRows[point.Code] = row;
            var id = obs.RecordId.Length > 0 ? obs.RecordId : DerivedId(cells);
            // Identical rows without an id are distinct groups counted separately: number the repeats.
            var occurrence = 1;
            var unique = id;
            while (ids.ContainsKey(unique))
            {
                if (obs.RecordId.Length > 0)
                {
                    issues.Add(new ImportIssue(file, null, row, FlowFileFormat.RecordId, id, $"record id appears twice (first at row {ids[id]})"));
                    break;
                }
                unique = $"{id}#{++occurrence}";
            }
            if (issues.Count > before)
                continue;
            ids[unique] = row;
            observations.Add(obs with { RecordId = unique, Provenance = new Provenance(file, row, now) });
        }
        if (parser is null)
            issues.Add(new ImportIssue(file, null, 1, null, null, "the file is empty"));
        if (issues.Count > 0 && !options.SkipInvalid)
            return new FlowImportResult(points.Count, observations.Count, new UpsertCounts(0, 0, 0), issues, Committed: false) { Warnings = [] };
        var changed = points.Values.Where(p => !known.TryGetValue(p.Code, out var k) || k != p).ToList();
        var warnings = changed.Where(p => known.ContainsKey(p.Code))
            .SelectMany(p => FlowPointChanges.Describe(file, pointRows[p.Code], known[p.Code], p)).ToList();
        var counts = await store.UpsertFlowsAsync(changed, observations, cancellationToken);
        return new FlowImportResult(points.Count, observations.Count, counts, issues, Committed: true)
        {
            Warnings = warnings,
            PointsAdded = changed.Count - changed.Count(p => known.ContainsKey(p.Code)),
            PointsChanged = changed.Count(p => known.ContainsKey(p.Code)),
        };
    }

    private static IEnumerable<(long Row, IReadOnlyList<string> Cells)> CsvRows(ImportSource source, CsvReadOptions csvOptions)
    {
        using var csv = CsvReader.Open(source, csvOptions);
        while (csv.Read())
            yield return (csv.LineNumber, [.. csv.Fields]);
    }

    private static string DerivedId(IReadOnlyList<string> cells)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', cells.Select(c => c.Trim()))));
        return "row:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}

/// <summary>What a flows import did.</summary>
/// <param name="Issues">Rejected rows.</param>
public sealed record FlowImportResult(int Points, int ObservationsRead, UpsertCounts Counts, IReadOnlyList<ImportIssue> Issues, bool Committed)
{
    /// <summary>Changes written to stored points (a rename, a move, a new type or countries), each naming the point.</summary>
    public IReadOnlyList<ImportIssue> Warnings { get; init; } = [];

    /// <summary>Points the database did not hold before.</summary>
    public int PointsAdded { get; init; }

    /// <summary>Stored points this file changed (see <see cref="Warnings"/>); the others are unchanged.</summary>
    public int PointsChanged { get; init; }
}
