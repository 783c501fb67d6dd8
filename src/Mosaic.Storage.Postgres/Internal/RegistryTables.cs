namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// The registry tables' columns, shared by migration 1 (on one server or on a coordinator, where they are
/// partitioned by <c>adm1_pcode</c>) and by the shards of a scaled-out registry, which hold the same columns.
/// </summary>
internal static class RegistryTables
{
    public const string HouseholdColumns = """
        id                  bigint NOT NULL,
        submission_id       text NOT NULL,
        fingerprint         bytea NOT NULL,
        batch_id            bigint NOT NULL,
        adm1_pcode          text NOT NULL,
        hh_code             text,
        area_pcode          text NOT NULL,
        submitted_at        timestamptz,
        lat                 double precision,
        lon                 double precision,
        alt                 double precision,
        gps_accuracy        double precision,
        dwelling            text,
        income_before       double precision,
        income_now          double precision,
        remittances         boolean,
        remittance_amount   double precision,
        remittance_change   text,
        debt                boolean,
        savings             boolean,
        assistance_received boolean,
        shocks              integer NOT NULL DEFAULT 0,
        reference_welfare   double precision,
        record_key          bigint NOT NULL DEFAULT 0
        """;

    public const string PersonColumns = """
        household_id     bigint NOT NULL,
        adm1_pcode       text NOT NULL,
        line             integer NOT NULL,
        name             text,
        phone            text,
        sex              text NOT NULL,
        age              integer,
        relation         text NOT NULL,
        mig_status       text NOT NULL,
        prev_country     text,
        prev_pcode       text,
        move_date        date,
        move_reason      text,
        wg_seeing        smallint,
        wg_hearing       smallint,
        wg_walking       smallint,
        wg_remembering   smallint,
        wg_selfcare      smallint,
        wg_communicating smallint,
        disability       boolean,
        in_school        boolean,
        employed_before  boolean,
        employed_now     boolean,
        record_key       bigint NOT NULL DEFAULT 0
        """;

    public const string MovementColumns = """
        household_id  bigint NOT NULL,
        adm1_pcode    text NOT NULL,
        line          integer NOT NULL,
        seq           integer NOT NULL,
        from_pcode    text,
        from_country  text,
        to_pcode      text NOT NULL,
        date          date,
        reason        text,
        status_before text NOT NULL,
        status_after  text NOT NULL
        """;

    /// <summary>The three tables under a name suffix (e.g. <c>_north</c> on a shard), with or without their keys.</summary>
    public static string Create(string suffix, string trailing, bool keys) => $"""
        CREATE TABLE household{suffix} ({HouseholdColumns}) {trailing};
        CREATE TABLE person{suffix} ({PersonColumns}) {trailing};
        CREATE TABLE movement{suffix} ({MovementColumns}) {trailing};
        {(keys ? RegistryKeys.Sql("household" + suffix, "person" + suffix, "movement" + suffix) : "")}
        """;
}
