using System.Globalization;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Mobility.Import;

namespace Mosaic.Core.Mobility.Export;

/// <summary>
/// <c>mosaic export dtm --format hxl</c>: writes IDP figures in the layout of the DTM data published on HDX (same
/// columns, same HXL tag row, same value formats), so a file imported and exported again is identical cell by cell.
/// Locations below admin level 2 add two columns (<c>locationPcode</c>, <c>locationName</c>) that the importer reads.
/// </summary>
public static class DtmHxlWriter
{
    /// <returns>Records written, and records skipped because they carry no IDP count (the layout has IDP columns only).</returns>
    /// <param name="options">Formula guard on by default; the HXL tag row is never changed.</param>
    public static (int Written, int WithoutIdps) Write(TextWriter writer, IEnumerable<LocationAssessment> assessments, CsvWriteOptions? options = null)
    {
        var records = assessments.ToList();
        var local = records.Any(r => r.Location.LocalPcode is not null || r.Location.LocalName is not null);
        var columns = local ? [.. DtmFields.HdxColumns, .. DtmFields.LocalColumns] : DtmFields.HdxColumns;
        using var csv = new CsvWriter(writer, options);
        csv.WriteRow([.. columns.Select(c => c.Column)]);
        csv.WriteRow([.. columns.Select(c => c.Tag)]);
        int written = 0, skipped = 0;
        var inv = CultureInfo.InvariantCulture;
        foreach (var a in records)
        {
            if (a.Count(PopulationType.Idp) is not { Individuals: { } idps } count)
            {
                skipped++;
                continue;
            }
            var l = a.Location;
            string?[] values =
            [
                a.SourceId?.ToString(inv), a.Operation, l.Admin0Name, l.Admin0Pcode, l.Admin1Name, l.Admin1Pcode, l.Admin2Name, l.Admin2Pcode,
                l.AdminLevel.ToString(inv), idps.ToString(inv), a.ReportingDate.ToString("yyyy-MM-dd", inv) + "T00:00:00",
                a.ReportingDate.Year.ToString(inv), a.ReportingDate.Month.ToString(inv), a.Round.ToString(inv), a.DisplacementReason,
                count.Males?.ToString(inv), count.Females?.ToString(inv), a.OriginName ?? DtmFields.NotAvailable, a.OriginPcode ?? DtmFields.NotAvailable,
                MobilityCodes.AssessmentType[a.Type], a.OperationStatus,
            ];
            foreach (var v in values)
                csv.Text(v);
            if (local)
            {
                csv.Text(l.LocalPcode);
                csv.Text(l.LocalName);
            }
            csv.EndRow();
            written++;
        }
        return (written, skipped);
    }
}
