namespace Mosaic.Storage.Postgres.Internal;

/// <summary>
/// Versioned schema of a PostgreSQL database. Each migration runs once, in order, in its own transaction, and is
/// recorded in <c>mosaic_schema</c>. Append new migrations; never edit a released one. <c>{geometry}</c> stands for
/// the geometry column type: PostGIS <c>geometry(Geometry, 4326)</c> when the extension is installed, WKB in
/// <c>bytea</c> otherwise (see <see cref="PostgresGeometry"/>); <c>{registry_tables}</c> (<see cref="RegistryTables"/>)
/// and <c>{registry_keys}</c> depend on the registry layout (<see cref="RegistryLayout"/>).
/// </summary>
/// <remarks>
/// The registry tables carry <c>adm1_pcode</c> (the household's first-level area, filled at import): it is the
/// partition key of a scaled-out registry (docs/scale-out.md), so a household and its members always live on
/// one shard, and it lets aggregation group by admin-1 without walking the area tree.
/// </remarks>
internal static class PostgresMigrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } =
    [
        (1, "registry", """
            CREATE TABLE area (
                pcode        text PRIMARY KEY,
                name         text NOT NULL,
                level        integer NOT NULL,
                parent_pcode text,
                country_code text,
                valid_from   date,
                boundary     {geometry}
            );
            CREATE INDEX area_parent ON area (parent_pcode);
            CREATE INDEX area_level_pcode ON area (level, pcode);

            CREATE TABLE import_batch (
                id          bigserial PRIMARY KEY,
                kind        text NOT NULL,
                source      text NOT NULL,
                imported_at timestamptz NOT NULL
            );

            {registry_tables}
            CREATE SEQUENCE household_id_seq;
            ALTER TABLE household ALTER COLUMN id SET DEFAULT nextval('household_id_seq');

            -- Changes whenever a committed write changes what a tabulation could see (DESIGN §3): a cached
            -- snapshot compares it. Kept by triggers inside the writer's transaction, so a rollback leaves it.
            CREATE TABLE registry_version (
                id      integer PRIMARY KEY CHECK (id = 1),
                version bigint NOT NULL
            );
            INSERT INTO registry_version (id, version) VALUES (1, 0);
            CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                UPDATE registry_version SET version = version + 1;
                RETURN NULL;
            END $$;
            CREATE TRIGGER registry_version_import AFTER INSERT ON import_batch
                FOR EACH ROW WHEN (NEW.kind = 'registrations') EXECUTE FUNCTION bump_registry_version();
            CREATE TRIGGER registry_version_area_insert AFTER INSERT ON area
                FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
            CREATE TRIGGER registry_version_area_update AFTER UPDATE OF pcode, name, level, parent_pcode ON area
                FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
            CREATE TRIGGER registry_version_area_delete AFTER DELETE ON area
                FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
            {registry_keys}
            """),
        (2, "mobility", """
            CREATE TABLE mobility_assessment (
                id               bigserial PRIMARY KEY,
                record_id        text NOT NULL UNIQUE,
                fingerprint      bytea NOT NULL,
                source_id        bigint,
                dataset          text NOT NULL,
                operation        text,
                operation_status text,
                assessment_type  text NOT NULL,
                round            integer NOT NULL,
                reporting_date   date NOT NULL,
                admin_level      integer NOT NULL,
                adm0_pcode       text,
                adm0_name        text,
                adm1_pcode       text,
                adm1_name        text,
                adm2_pcode       text,
                adm2_name        text,
                local_pcode      text,
                local_name       text,
                area_pcode       text,
                area_match       text NOT NULL,
                origin_pcode     text,
                origin_name      text,
                reason           text,
                arrival_period   text,
                shelter          text,
                needs            text,
                key_informants   integer,
                source_file      text,
                source_row       bigint,
                imported_at      timestamptz NOT NULL
            );
            CREATE INDEX mobility_assessment_round ON mobility_assessment (round);
            CREATE INDEX mobility_assessment_dataset ON mobility_assessment (dataset);

            CREATE TABLE mobility_count (
                assessment_id bigint NOT NULL REFERENCES mobility_assessment (id) ON DELETE CASCADE,
                pop_type      text NOT NULL,
                sex           text NOT NULL,
                age_group     text NOT NULL,
                individuals   bigint,
                households    bigint,
                PRIMARY KEY (assessment_id, pop_type, sex, age_group)
            );

            CREATE TABLE flow_point (
                code       text PRIMARY KEY,
                name       text NOT NULL,
                point_type text NOT NULL,
                area_pcode text,
                lat        double precision,
                lon        double precision,
                countries  text NOT NULL
            );

            CREATE TABLE flow_observation (
                id             bigserial PRIMARY KEY,
                record_id      text NOT NULL UNIQUE,
                fingerprint    bytea NOT NULL,
                point_code     text NOT NULL REFERENCES flow_point (code),
                date           date NOT NULL,
                direction      text NOT NULL,
                m_0_4          integer NOT NULL,
                m_5_17         integer NOT NULL,
                m_18_59        integer NOT NULL,
                m_60plus       integer NOT NULL,
                f_0_4          integer NOT NULL,
                f_5_17         integer NOT NULL,
                f_18_59        integer NOT NULL,
                f_60plus       integer NOT NULL,
                total          integer NOT NULL,
                nationality    text,
                prev_location  text,
                next_location  text,
                reason         text NOT NULL,
                transport      text NOT NULL,
                traveller_type text NOT NULL,
                source_file    text,
                source_row     bigint,
                imported_at    timestamptz NOT NULL
            );
            CREATE INDEX flow_observation_point_date ON flow_observation (point_code, date);

            -- Daily totals per point, rewritten for the points an import touches: summaries read these rows.
            CREATE TABLE flow_daily (
                point_code     text NOT NULL,
                direction      text NOT NULL,
                reason         text NOT NULL,
                traveller_type text NOT NULL,
                date           date NOT NULL,
                persons        bigint NOT NULL,
                observations   integer NOT NULL,
                PRIMARY KEY (point_code, direction, reason, traveller_type, date)
            );
            """),
        (3, "hazards_and_scores", """
            CREATE TABLE hazard_layer (
                id          bigserial PRIMARY KEY,
                type        text NOT NULL,
                name        text NOT NULL,
                source      text NOT NULL,
                valid_from  date,
                valid_to    date,
                imported_at timestamptz NOT NULL,
                UNIQUE (type, name)
            );

            CREATE TABLE hazard_polygon (
                layer_id bigint NOT NULL REFERENCES hazard_layer (id) ON DELETE CASCADE,
                seq      integer NOT NULL,
                severity double precision NOT NULL,
                geometry {geometry} NOT NULL,
                PRIMARY KEY (layer_id, seq)
            );

            CREATE TABLE score_run (
                id            bigserial PRIMARY KEY,
                model_id      text NOT NULL,
                model_version text NOT NULL,
                model_json    text NOT NULL,
                dimensions    text NOT NULL,
                scored_at     timestamptz NOT NULL,
                households    bigint NOT NULL
            );

            -- The latest run's score per household (a new run replaces them; score_run keeps the history).
            CREATE TABLE household_score (
                household_id    bigint PRIMARY KEY,
                run_id          bigint NOT NULL REFERENCES score_run (id),
                score           double precision NOT NULL,
                class           text NOT NULL,
                rank            integer NOT NULL,
                dimensions      text NOT NULL,
                area_ranks      text NOT NULL,
                exposure_method text NOT NULL,
                exposure        text NOT NULL,
                max_exposure    double precision,
                explanation     text NOT NULL
            );
            CREATE INDEX household_score_rank ON household_score (rank);
            CREATE TRIGGER registry_version_score_run AFTER INSERT ON score_run
                FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
            """),
        (4, "mobility_totals", """
            -- A series is (dataset, operation, reporting level, assessment type): baseline and site rounds of one
            -- operation never add up. Locations keep the source's admin names.
            CREATE TABLE mobility_series (
                id              bigserial PRIMARY KEY,
                dataset         text NOT NULL,
                operation       text,
                admin_level     integer NOT NULL,
                assessment_type text NOT NULL
            );

            CREATE TABLE mobility_location (
                id          bigserial PRIMARY KEY,
                admin_level integer NOT NULL,
                code        text,
                name        text,
                area_pcode  text,
                adm0_pcode  text,
                adm1_pcode  text,
                adm2_pcode  text,
                adm0_name   text,
                adm1_name   text,
                adm2_name   text
            );

            CREATE TABLE mobility_total (
                round         integer NOT NULL,
                assessment_id bigint NOT NULL REFERENCES mobility_assessment (id) ON DELETE CASCADE,
                pop_type      text NOT NULL,
                series_id     bigint NOT NULL REFERENCES mobility_series (id),
                location_id   bigint NOT NULL REFERENCES mobility_location (id),
                day           integer NOT NULL, -- reporting date as days since 0001-01-01 (DateOnly.DayNumber)
                individuals   bigint,
                households    bigint,
                PRIMARY KEY (round, assessment_id, pop_type)
            );
            """),
        // DESIGN §7: the audit log is append-only. Triggers refuse UPDATE, DELETE and TRUNCATE from any role, the
        // owner included; the application role (mosaic_app, when it exists) is moreover granted only SELECT and
        // INSERT, so it cannot drop the triggers or the table either (docs/postgres.md).
        (5, "audit_log", """
            CREATE TABLE audit_log (
                id           bigserial PRIMARY KEY,
                at           timestamptz NOT NULL,
                actor        text NOT NULL,
                action       text NOT NULL,
                subject      text NOT NULL,
                scope        text,
                households   integer NOT NULL,
                persons      integer NOT NULL,
                command_line text NOT NULL
            );
            CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'audit log is append-only' USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
                FOR EACH ROW EXECUTE FUNCTION audit_log_refuse();
            CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
                FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse();
            """),
        // DESIGN §7: accounts with a role and an area scope, and API tokens stored as the SHA-256 of their secret.
        (6, "users", """
            CREATE TABLE app_user (
                id            bigserial PRIMARY KEY,
                user_name     text NOT NULL,
                role          text NOT NULL,
                scope         text,
                password_hash text NOT NULL,
                disabled      boolean NOT NULL DEFAULT false,
                created_at    timestamptz NOT NULL
            );
            CREATE UNIQUE INDEX app_user_name ON app_user (lower(user_name));
            CREATE TABLE api_token (
                id          bigserial PRIMARY KEY,
                user_id     bigint NOT NULL REFERENCES app_user (id),
                name        text NOT NULL,
                secret_hash bytea NOT NULL UNIQUE,
                created_at  timestamptz NOT NULL,
                revoked     boolean NOT NULL DEFAULT false
            );
            """),
        // DESIGN §7: the audit log becomes tamper-evident. Each entry gets the actor's role and its hash-chain value
        // (Core's AuditChain). audit_log_counter, not a sequence, issues ids: without gaps, its row the appenders'
        // lock, keeping the highest id ever issued so that a removed newest entry shows. AuditChainMigration chains
        // the existing entries after this SQL, in the same transaction.
        (7, "audit_chain", """
            ALTER TABLE audit_log ADD COLUMN role text, ADD COLUMN hash bytea;
            CREATE TABLE audit_log_counter (
                only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
                last_id  bigint NOT NULL
            );
            INSERT INTO audit_log_counter (last_id)
                SELECT greatest(coalesce(max(id), 0), (SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM audit_log_id_seq))
                FROM audit_log;
            ALTER TABLE audit_log ALTER COLUMN id DROP DEFAULT;
            DROP SEQUENCE audit_log_id_seq;
            """),
        // Issue 15: the tables published with --publication-log, so that later tables are protected against them.
        // Append-only like the audit log: triggers for every role, privileges for the application role (PostgresSchema).
        (8, "publication_log", """
            CREATE TABLE publication_log (
                id           bigserial PRIMARY KEY,
                published_at timestamptz NOT NULL,
                indicator    text NOT NULL,
                definition   text NOT NULL,
                cells        text NOT NULL
            );
            CREATE FUNCTION publication_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'the publication log is append-only' USING ERRCODE = 'insufficient_privilege';
            END $$;
            CREATE TRIGGER publication_log_no_update BEFORE UPDATE OR DELETE ON publication_log
                FOR EACH ROW EXECUTE FUNCTION publication_log_refuse();
            CREATE TRIGGER publication_log_no_truncate BEFORE TRUNCATE ON publication_log
                FOR EACH STATEMENT EXECUTE FUNCTION publication_log_refuse();
            """),
        // Issue 15: settings a database keeps for every command (IDatabaseSettings), e.g. the base age bands.
        (9, "setting", """
            CREATE TABLE setting (
                name   text PRIMARY KEY,
                value  text NOT NULL,
                set_at timestamptz NOT NULL
            );
            """),
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => All[^1].Version;
}
