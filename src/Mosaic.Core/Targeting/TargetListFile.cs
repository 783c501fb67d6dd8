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
        if (!path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            WriteCsv(path, header, list, areas, dimensions, contacts, csv);
            return list.Households.Count;
        }
        var rows = list.Households.Select(t => Row(t, areas, dimensions, contacts)).ToList();
        XlsxTable.Write(path, "targets", header, rows);
        return rows.Count;
    }

    /// <summary>
    /// The CSV, row by row straight from the list: the cells <see cref="Row"/> gives, formatted as <see cref="Format(object)"/>
    /// formats them (no boxed cell per value); each area's name and path are made once.
    /// </summary>
    private static void WriteCsv(string path, List<string> header, TargetList list, AreaAncestry areas, IReadOnlyList<string> dimensions,
        IReadOnlyDictionary<long, HouseholdContact>? contacts, CsvWriteOptions? options)
    {
        using var csv = CsvWriter.Create(path, options);
        csv.WriteRow(header);
        var places = new Dictionary<string, (string? Name, string Path)>(StringComparer.Ordinal);
        (string? Name, string Path) Place(string pcode)
        {
            if (!places.TryGetValue(pcode, out var place))
                places[pcode] = place = (areas.Find(pcode)?.Name, string.Join(" > ", areas.Of(pcode).Select(p => areas.Find(p)?.Name ?? p)));
            return place;
        }
        foreach (var t in list.Households)
        {
            var h = t.Household;
            var s = t.Score;
            var quotaRank = s.AreaRanks.FirstOrDefault(a => a.Pcode == t.QuotaArea).Rank;
            var (name, areaPath) = Place(h.AreaPcode);
            // Numbers are written as numbers; every text (names, explanations) passes the formula guard.
            csv.Number(t.TargetRank);
            csv.Number(s.Rank);
            csv.Text(h.SubmissionId);
            csv.Text(h.HouseholdCode);
            csv.Text(h.AreaPcode);
            csv.Text(name);
            csv.Text(areaPath);
            csv.Text(t.QuotaArea == "*" ? null : t.QuotaArea);
            csv.Text(t.QuotaArea == "*" ? null : areas.Find(t.QuotaArea)?.Name);
            if (quotaRank == 0)
                csv.Text(null);
            else
                csv.Number(quotaRank);
            csv.Number(Format(Math.Round(s.Score, 4)));
            csv.Text(VulnerabilityClasses.Codes[s.Class]);
            for (var d = 0; d < dimensions.Count; d++)
                Rounded(csv, d < s.Dimensions.Count ? s.Dimensions[d] : double.NaN);
            csv.Text(s.ExposureMethod);
            for (var k = 0; k < HazardTypes.Count; k++)
                Rounded(csv, k < s.Exposure.Count ? s.Exposure[k] : double.NaN);
            csv.Text(s.Explanation);
            if (contacts is not null)
            {
                var contact = contacts.GetValueOrDefault(h.Id);
                csv.Text(contact?.Name);
                csv.Text(contact?.Phone);
            }
            csv.EndRow();
        }
    }

    /// <summary>A value rounded to 4 places as <see cref="Row"/> gives it, empty when not finite.</summary>
    private static void Rounded(CsvWriter csv, double value)
    {
        if (double.IsFinite(value))
            csv.Number(Format(Math.Round(value, 4)));
        else
            csv.Text(null);
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

    private static string Format(double d) => d.ToString("0.####", CultureInfo.InvariantCulture);

    internal static string? Format(object? v) => v switch
    {
        null => null,
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
