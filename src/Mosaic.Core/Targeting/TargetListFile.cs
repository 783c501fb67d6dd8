using System.Globalization;
using Mosaic.Core.Hazards;
using Mosaic.Core.Import.Csv;
using Mosaic.Core.Privacy;
using Mosaic.Core.Vulnerability;

namespace Mosaic.Core.Targeting;

/// <summary>
/// Writes a target list as CSV or XLSX (by extension): rank, P-code and area names, score, class,
/// dimension scores, exposure and its method, explanation; the head's name and phone only when contacts are given
/// (read through <see cref="Storage.IRegistryStore.ReadContactsAsync"/>, never from a household).
/// </summary>
public static class TargetListFile
{
    /// <summary>Writes the list; returns the number of rows.</summary>
    /// <param name="dimensions">Dimension ids of the scoring run (column names).</param>
    /// <param name="contacts">Contacts by household id, or null for a list without contact columns.</param>
    public static int Write(string path, TargetList list, AreaAncestry areas, IReadOnlyList<string> dimensions,
        IReadOnlyDictionary<long, HouseholdContact>? contacts, CsvWriteOptions? csv = null)
    {
        var header = new List<string>
        {
            "target_rank", "rank", "submission_id", "household_code", "area_pcode", "area_name", "area_path",
            "quota_area_pcode", "quota_area_name", "area_rank", "score", "class",
        };
        header.AddRange(dimensions.Select(d => "score_" + d));
        header.AddRange(["exposure_method", .. HazardTypes.Codes.Entries.Select(e => "exposure_" + e.Code), "explanation"]);
        if (contacts is not null)
            header.AddRange(["head_name", "phone"]);
        var rows = list.Households.Select(t => Row(t, areas, dimensions, contacts)).ToList();
        if (path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
            XlsxTable.Write(path, "targets", header, rows);
        else
            WriteCsv(path, header, rows, csv);
        return rows.Count;
    }

    private static List<object?> Row(TargetedHousehold t, AreaAncestry areas, IReadOnlyList<string> dimensions,
        IReadOnlyDictionary<long, HouseholdContact>? contacts)
    {
        var h = t.Household;
        var s = t.Score;
        var chain = areas.Of(h.AreaPcode);
        var quotaRank = s.AreaRanks.FirstOrDefault(a => a.Pcode == t.QuotaArea).Rank;
        var row = new List<object?>
        {
            t.TargetRank, s.Rank, h.SubmissionId, h.HouseholdCode, h.AreaPcode, areas.Find(h.AreaPcode)?.Name,
            string.Join(" > ", chain.Select(p => areas.Find(p)?.Name ?? p)),
            t.QuotaArea == "*" ? null : t.QuotaArea, t.QuotaArea == "*" ? null : areas.Find(t.QuotaArea)?.Name,
            quotaRank == 0 ? null : quotaRank, Math.Round(s.Score, 4), VulnerabilityClasses.Codes[s.Class],
        };
        for (var d = 0; d < dimensions.Count; d++)
            row.Add(d < s.Dimensions.Count && double.IsFinite(s.Dimensions[d]) ? Math.Round(s.Dimensions[d], 4) : null);
        row.Add(s.ExposureMethod);
        for (var k = 0; k < HazardTypes.Count; k++)
            row.Add(k < s.Exposure.Count && double.IsFinite(s.Exposure[k]) ? Math.Round(s.Exposure[k], 4) : null);
        row.Add(s.Explanation);
        if (contacts is not null)
        {
            var contact = contacts.GetValueOrDefault(h.Id);
            row.Add(contact?.Name);
            row.Add(contact?.Phone);
        }
        return row;
    }

    private static void WriteCsv(string path, List<string> header, List<List<object?>> rows, CsvWriteOptions? options)
    {
        using var csv = CsvWriter.Create(path, options);
        csv.WriteRow(header);
        foreach (var row in rows)
        {
            foreach (var v in row)
            {
                // Numbers are written as numbers; every text (names, explanations) passes the formula guard.
                if (v is IFormattable)
                    csv.Number(Format(v));
                else
                    csv.Text(Format(v));
            }
            csv.EndRow();
        }
    }

    internal static string? Format(object? v) => v switch
    {
        null => null,
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
