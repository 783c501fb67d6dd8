using NpgsqlTypes;

namespace Mosaic.Storage.Postgres.Internal;

/// <summary>Column lists (and their types, for typed NULLs) of the mobility tables, shared by the write and read paths.</summary>
internal static class MobilityColumns
{
    public const string Assessment =
        "record_id, fingerprint, source_id, dataset, operation, operation_status, assessment_type, round, reporting_date, admin_level, " +
        "adm0_pcode, adm0_name, adm1_pcode, adm1_name, adm2_pcode, adm2_name, local_pcode, local_name, area_pcode, area_match, " +
        "origin_pcode, origin_name, reason, arrival_period, shelter, needs, key_informants, source_file, source_row, imported_at";

    public static readonly NpgsqlDbType[] AssessmentTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Bigint, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Date, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz,
    ];

    public const string Observation =
        "record_id, fingerprint, point_code, date, direction, m_0_4, m_5_17, m_18_59, m_60plus, f_0_4, f_5_17, f_18_59, f_60plus, total, " +
        "nationality, prev_location, next_location, reason, transport, traveller_type, source_file, source_row, imported_at";

    public static readonly NpgsqlDbType[] ObservationTypes =
    [
        NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Text, NpgsqlDbType.Date, NpgsqlDbType.Text,
        NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer, NpgsqlDbType.Integer,
        NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text,
        NpgsqlDbType.Text, NpgsqlDbType.Bigint, NpgsqlDbType.TimestampTz,
    ];

    /// <summary>Separator of ranked needs in the <c>needs</c> column.</summary>
    public const char NeedsSeparator = '|';

    /// <summary>The location key of an assessment row in SQL (as <c>AssessmentLocation.Pcode</c> computes it).</summary>
    public const string LocationCode =
        "coalesce(local_pcode, CASE admin_level WHEN 0 THEN adm0_pcode WHEN 1 THEN adm1_pcode ELSE coalesce(adm2_pcode, adm1_pcode, adm0_pcode) END)";

    /// <summary>The location name of an assessment row in SQL (as <c>AssessmentLocation.Name</c> computes it).</summary>
    public const string LocationName =
        "coalesce(local_name, CASE admin_level WHEN 0 THEN adm0_name WHEN 1 THEN adm1_name ELSE coalesce(adm2_name, adm1_name, adm0_name) END)";
}
