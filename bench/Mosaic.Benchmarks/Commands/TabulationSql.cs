using System.Globalization;

namespace Mosaic.Benchmarks.Commands;

/// <summary>
/// The tabulation <c>population by adm4 × migratory_status × sex × age_group</c> with every total, as SQL for the
/// <c>sqlite3</c> shell over a Mosaic file: the union (level 4) of each household's area through the area table,
/// the finest grouping materialised once and rolled up 16 ways (SQLite has no GROUPING SETS). Codes as Mosaic writes
/// them (<c>_missing</c>, <c>_total</c>), so the rows can be checked cell by cell against Mosaic's CSV.
/// </summary>
internal static class TabulationSql
{
    private const string AgeGroup =
        "CASE WHEN p.age IS NULL THEN '_missing' WHEN p.age <= 4 THEN '0-4' WHEN p.age <= 17 THEN '5-17' WHEN p.age <= 59 THEN '18-59' ELSE '60+' END";

    public static string GroupingSets()
    {
        string[] cols = ["v", "m", "s", "a"];
        var sets = new List<string>();
        for (var mask = 0; mask < 16; mask++)
        {
            var select = string.Join(", ", cols.Select((c, i) => (mask >> i & 1) == 1 ? c : "'_total'"));
            var group = string.Join(", ", cols.Where((_, i) => (mask >> i & 1) == 1));
            sets.Add($"SELECT {select}, sum(n) FROM base" + (group.Length > 0 ? " GROUP BY " + group : ""));
        }
        return "WITH RECURSIVE up(pcode, anc, level) AS (SELECT pcode, pcode, level FROM area " +
               "UNION ALL SELECT up.pcode, a.parent_pcode, p.level FROM up JOIN area a ON a.pcode = up.anc JOIN area p ON p.pcode = a.parent_pcode WHERE a.level > 4), " +
               "adm4(pcode, adm4) AS (SELECT pcode, anc FROM up WHERE level = 4), " +
               "base AS MATERIALIZED (SELECT coalesce(x.adm4, '_missing') AS v, coalesce(p.mig_status, '_missing') AS m, " +
               $"coalesce(p.sex, '_missing') AS s, {AgeGroup} AS a, count(*) AS n " +
               "FROM person p JOIN household h ON h.id = p.household_id LEFT JOIN adm4 x ON x.pcode = h.area_pcode " +
               "WHERE p.mig_status <> 'emigrant' GROUP BY 1, 2, 3, 4) " +
               string.Join(" UNION ALL ", sets) + ";";
    }

    /// <summary>
    /// Checks every published (not suppressed) cell of Mosaic's CSV against sqlite3's count, and that the grand totals
    /// agree; returns the number of cells checked. Throws on the first difference.
    /// </summary>
    public static int CheckTotals(string mosaicCsv, string sqliteCsv)
    {
        var theirs = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in sqliteCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var f = line.TrimEnd('\r').Split(',');
            theirs[string.Join('|', f[..4])] = long.Parse(f[4], CultureInfo.InvariantCulture);
        }
        var lines = mosaicCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].TrimEnd('\r').Split(',');
        int[] keys = [Array.IndexOf(header, "adm4"), Array.IndexOf(header, "migratory_status"), Array.IndexOf(header, "sex"), Array.IndexOf(header, "age_group")];
        var value = Array.IndexOf(header, "value");
        var suppressed = Array.IndexOf(header, "suppressed");
        var checkedCells = 0;
        var grandTotal = false;
        foreach (var line in lines.Skip(1))
        {
            // Area names in the label columns hold no commas in the demo; a quoted field would break this split.
            var f = line.TrimEnd('\r').Split(',');
            if (f[suppressed] == "true")
                continue;
            var key = string.Join('|', keys.Select(k => f[k]));
            var ours = long.Parse(f[value], CultureInfo.InvariantCulture);
            if (!theirs.TryGetValue(key, out var count))
                count = 0;
            if (count != ours)
                throw new InvalidOperationException($"cell {key}: mosaic {ours}, sqlite3 {count}");
            grandTotal |= key == "_total|_total|_total|_total";
            checkedCells++;
        }
        if (!grandTotal)
            throw new InvalidOperationException("mosaic's CSV has no published grand total");
        return checkedCells;
    }
}
