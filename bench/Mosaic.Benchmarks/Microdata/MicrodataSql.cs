using System.Globalization;

namespace Mosaic.Benchmarks.Microdata;

/// <summary>
/// The peer's SQL on the same SQLite file: the default person export of <c>mosaic export registrations</c> (the area
/// rolled up to its adm4 P-code, sex, the default age bands, migratory status, the four yes/no fields, sorted by every
/// column) for the <c>sqlite3</c> shell's <c>.mode csv</c>, and the risk of <c>privacy kanon</c> over
/// adm4, sex, age_group, migratory_status as one query (class sizes by a window, household risk 1 − ∏ (1 − 1/n)).
/// </summary>
internal static class MicrodataSql
{
    private const string AgeGroup =
        "CASE WHEN p.age IS NULL THEN NULL WHEN p.age <= 4 THEN '0-4' WHEN p.age <= 17 THEN '5-17' WHEN p.age <= 59 THEN '18-59' ELSE '60+' END";

    private static string YesNo(string column) => $"CASE p.{column} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS {column}";

    /// <summary>A sqlite3 script writing the export to <paramref name="output"/> (CRLF line ends, as the shell's CSV mode writes them).</summary>
    public static string Export(string output) => $"""
        .headers on
        .mode csv
        .output {output}
        SELECT substr(h.area_pcode, 1, 10) AS adm4, p.sex AS sex, {AgeGroup} AS age_group, p.mig_status AS migratory_status,
          {YesNo("disability")}, {YesNo("in_school")}, {YesNo("employed_before")}, {YesNo("employed_now")}
        FROM person p JOIN household h ON h.id = p.household_id
        ORDER BY 1, 2, 3, 4, 5, 6, 7, 8;
        """;

    /// <summary>
    /// One CSV row: records, expected re-identifications (Σ 1/n), unique records, households, expected re-identified
    /// households, expected re-identified persons (each taking the household's risk).
    /// </summary>
    public static string Risk() => $"""
        WITH p AS (
          SELECT p.household_id AS hh, substr(h.area_pcode, 1, 10) AS adm4, p.sex AS sex, {AgeGroup} AS age_group, p.mig_status AS mig
          FROM person p JOIN household h ON h.id = p.household_id),
        r AS MATERIALIZED (SELECT hh, count(*) OVER (PARTITION BY adm4, sex, age_group, mig) AS n FROM p),
        hr AS MATERIALIZED (
          SELECT count(*) AS members, CASE WHEN min(n) = 1 THEN 1.0 ELSE 1 - exp(sum(ln(CASE WHEN n > 1 THEN 1 - 1.0 / n ELSE 1 END))) END AS risk FROM r GROUP BY hh)
        SELECT (SELECT count(*) FROM r), (SELECT sum(1.0 / n) FROM r), (SELECT sum(n = 1) FROM r),
          (SELECT count(*) FROM hr), (SELECT sum(risk) FROM hr), (SELECT sum(members * risk) FROM hr);
        """;

    /// <summary>The figures of <see cref="Risk"/>, parsed from the shell's CSV line.</summary>
    public sealed record Figures(long Records, double Expected, long Unique, long Households, double ExpectedHouseholds, double ExpectedPersons)
    {
        public static Figures Parse(string csv)
        {
            var f = csv.Trim().Split(',');
            static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);
            return new Figures(long.Parse(f[0], CultureInfo.InvariantCulture), D(f[1]), long.Parse(f[2], CultureInfo.InvariantCulture),
                long.Parse(f[3], CultureInfo.InvariantCulture), D(f[4]), D(f[5]));
        }
    }
}
