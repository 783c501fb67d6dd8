namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>Column lists of the mobility tables, shared by the write and read paths.</summary>
internal static class MobilityColumns
{
    public const string Assessment =
        "record_id, fingerprint, source_id, dataset, operation, operation_status, assessment_type, round, reporting_date, admin_level, " +
        "adm0_pcode, adm0_name, adm1_pcode, adm1_name, adm2_pcode, adm2_name, local_pcode, local_name, area_pcode, area_match, " +
        "origin_pcode, origin_name, reason, arrival_period, shelter, needs, key_informants, source_file, source_row, imported_at";

    public const string Observation =
        "record_id, fingerprint, point_code, date, direction, m_0_4, m_5_17, m_18_59, m_60plus, f_0_4, f_5_17, f_18_59, f_60plus, total, " +
        "nationality, prev_location, next_location, reason, transport, traveller_type, source_file, source_row, imported_at";

    /// <summary>Separator of ranked needs in the <c>needs</c> column.</summary>
    public const char NeedsSeparator = '|';

    public const string DateFormat = "yyyy-MM-dd";
}
