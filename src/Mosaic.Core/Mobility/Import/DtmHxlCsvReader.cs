using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Reads the DTM data as published on HDX (<c>global-iom-dtm-from-api-admin-0-to-2.csv</c>): the API's field
/// names as headers, an optional HXL tag row, one record per row at admin level 0, 1 or 2.
/// </summary>
internal static class DtmHxlCsvReader
{
    public const string Format = "dtm-hdx-hxl";

    /// <summary>Whether a header row is this layout.</summary>
    public static bool Recognises(HeaderIndex header) =>
        header.Find(DtmFields.Idps) is not null && header.Find(DtmFields.Round) is not null;

    public static DtmReadResult Read(ImportSource source, DtmImportOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        var file = source.Name;
        var issues = new List<ImportIssue>();
        var records = new List<LocationAssessment>();
        using var csv = CsvReader.Open(source, options.Csv);
        if (!csv.Read())
            return new DtmReadResult(Format, records, [new ImportIssue(file, null, 1, null, null, "the file is empty")]);
        var header = new HeaderIndex(csv.Fields);
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in DtmFields.HdxColumns.Concat(DtmFields.LocalColumns))
        {
            if (header.Find(name) is { } i)
                columns[name] = i;
        }
        var latest = options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var parser = new DtmRecordParser(file, null, options.EarliestDate, latest, options.Now ?? DateTimeOffset.UtcNow, issues);
        var levelColumn = header.Find(DtmFields.AdminLevel);
        while (csv.Read())
        {
            var fields = csv.Fields;
            if (HeaderIndex.IsHxlRow(fields))
                continue;
            var row = csv.LineNumber;
            string? Get(string name) => columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i] : null;
            int? level = null;
            if (levelColumn is { } lc && lc < fields.Count && fields[lc].Length > 0)
            {
                if (int.TryParse(fields[lc], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && (l <= 2 || columns.ContainsKey(DtmFields.LocationPcode)))
                {
                    level = l;
                }
                else
                {
                    issues.Add(new ImportIssue(file, null, row, DtmFields.AdminLevel, fields[lc], "admin level must be 0, 1 or 2"));
                    continue;
                }
            }
            var record = parser.Parse(Get, row, level);
            if (record is not null)
                records.Add(record);
        }
        return new DtmReadResult(Format, records, issues);
    }
}
