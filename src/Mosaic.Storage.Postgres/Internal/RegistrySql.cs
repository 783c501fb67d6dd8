namespace Mosaic.Storage.Postgres.Internal;

/// <summary>SQL fragments shared by the registry's read paths.</summary>
internal static class RegistrySql
{
    /// <summary>The P-codes of an area and its descendants (served by the index on <c>area.parent_pcode</c>).</summary>
    public static string SubtreePcodes(string parameter) => $"""
        WITH RECURSIVE sub(pcode) AS (
            SELECT pcode FROM area WHERE pcode = {parameter}
            UNION ALL SELECT a.pcode FROM area a JOIN sub ON a.parent_pcode = sub.pcode)
        SELECT pcode FROM sub
        """;

    /// <summary><c> WHERE h.area_pcode IN (subtree)</c>, or nothing for the whole registry.</summary>
    public static string AreaFilter(string? areaPcode) =>
        areaPcode is null ? "" : $" WHERE h.area_pcode IN ({SubtreePcodes("@area")})";

    public const string Household =
        "submission_id, hh_code, area_pcode, submitted_at, lat, lon, alt, gps_accuracy, dwelling, income_before, income_now, " +
        "remittances, remittance_amount, remittance_change, debt, savings, assistance_received, shocks, reference_welfare";

    public const string Person =
        "line, name, phone, sex, age, relation, mig_status, prev_country, prev_pcode, move_date, move_reason, " +
        "wg_seeing, wg_hearing, wg_walking, wg_remembering, wg_selfcare, wg_communicating, disability, in_school, employed_before, employed_now";

    /// <summary>The household columns as ordinary reads select them: the GPS point as NULLs (positions kept).</summary>
    public static readonly string HouseholdWithoutLocation =
        Household.Replace("lat, lon, alt, gps_accuracy", "NULL, NULL, NULL, NULL", StringComparison.Ordinal);

    /// <summary>The person columns as every read selects them: name and phone as NULLs (they leave only with an audit entry).</summary>
    public static readonly string PersonWithoutContacts =
        Person.Replace("name, phone", "NULL, NULL", StringComparison.Ordinal);

    public static string Prefixed(string prefix, string columns) =>
        string.Join(", ", columns.Split(", ").Select(c => c == "NULL" ? c : prefix + c));
}
