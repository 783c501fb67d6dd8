using System.Globalization;
using Mosaic.Core.Import;
using Mosaic.Core.Import.Csv;

namespace Mosaic.Core.Mobility.Import;

/// <summary>
/// Reads HDX HAPI's IDP layout (<c>hdx_hapi_idps_global.csv</c>): one row per location, operation, assessment type
/// and round, with the IDP population summed over displacement reasons and COD-standardised admin codes. Its
/// records form the <c>hdx-hapi</c> dataset, kept apart from the DTM records they were derived from.
/// </summary>
internal static class HapiIdpCsvReader
{
    public const string Format = "hdx-hapi-idps";
    public const string Dataset = "hdx-hapi";

    // HAPI column → the DTM field it carries.
    private static readonly Dictionary<string, string> s_fields = new(StringComparer.Ordinal)
    {
        [DtmFields.Admin0Pcode] = "location_code",
        [DtmFields.Admin1Pcode] = "admin1_code",
        [DtmFields.Admin1Name] = "admin1_name",
        [DtmFields.Admin2Pcode] = "admin2_code",
        [DtmFields.Admin2Name] = "admin2_name",
        [DtmFields.AdminLevel] = "admin_level",
        [DtmFields.Idps] = "population",
        [DtmFields.ReportingDate] = "reference_period_start",
        [DtmFields.Round] = "reporting_round",
        [DtmFields.AssessmentType] = "assessment_type",
        [DtmFields.Operation] = "operation",
    };

    public static bool Recognises(HeaderIndex header) =>
        header.Find("population") is not null && header.Find("reporting_round") is not null && header.Find("location_code") is not null;

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
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (field, column) in s_fields)
        {
            if (header.Find(column) is { } i)
                columns[field] = i;
        }
        var providerAdmin1 = header.Find("provider_admin1_name");
        var providerAdmin2 = header.Find("provider_admin2_name");
        var latest = options.LatestDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);
        var parser = new DtmRecordParser(file, null, options.EarliestDate, latest, options.Now ?? DateTimeOffset.UtcNow, issues, s_fields);
        while (csv.Read())
        {
            var fields = csv.Fields;
            if (HeaderIndex.IsHxlRow(fields))
                continue;
            var row = csv.LineNumber;
            string? Get(string name) => columns.TryGetValue(name, out var i) && i < fields.Count ? fields[i] : null;
            var levelText = Get(DtmFields.AdminLevel);
            if (!int.TryParse(levelText, NumberStyles.None, CultureInfo.InvariantCulture, out var level) || level > 2)
            {
                issues.Add(new ImportIssue(file, null, row, "admin_level", levelText, "admin level must be 0, 1 or 2"));
                continue;
            }
            var record = parser.Parse(Get, row, level);
            if (record is null)
                continue;
            var loc = record.Location;
            records.Add(record with
            {
                Dataset = Dataset,
                RecordId = string.Create(CultureInfo.InvariantCulture,
                    $"hapi:adm{level}:{loc.Admin0Pcode}|{loc.Admin1Pcode}|{loc.Admin2Pcode}|{record.Operation}|{MobilityCodes.AssessmentType[record.Type]}|{record.Round}|{record.ReportingDate:yyyy-MM-dd}"),
                // The provider's own spelling is what field teams know; HAPI's COD name is matched on import.
                Location = loc with
                {
                    Admin1Name = Nonempty(fields, providerAdmin1) ?? loc.Admin1Name,
                    Admin2Name = Nonempty(fields, providerAdmin2) ?? loc.Admin2Name,
                },
            });
        }
        return new DtmReadResult(Format, records, issues) { ColumnNames = s_fields };
    }

    private static string? Nonempty(IReadOnlyList<string> fields, int? column) =>
        column is { } c && c < fields.Count && fields[c].Trim() is { Length: > 0 } v ? v : null;
}
