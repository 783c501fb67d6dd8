namespace Mosaic.Storage.Sqlite.Internal;

/// <summary>
/// Versioned schema. Each migration runs once, in order, in its own transaction; the applied version is
/// kept in <c>PRAGMA user_version</c>. Append new migrations; never edit a released one.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> All { get; } =
    [
        (1, "registry", """
            CREATE TABLE area (
                pcode        TEXT PRIMARY KEY,
                name         TEXT NOT NULL,
                level        INTEGER NOT NULL,
                parent_pcode TEXT,
                country_code TEXT,
                valid_from   TEXT,
                boundary     BLOB
            );
            CREATE INDEX area_parent ON area(parent_pcode);

            CREATE TABLE import_batch (
                id          INTEGER PRIMARY KEY,
                kind        TEXT NOT NULL,
                source      TEXT NOT NULL,
                imported_at TEXT NOT NULL
            );

            CREATE TABLE household (
                id                  INTEGER PRIMARY KEY,
                submission_id       TEXT NOT NULL UNIQUE,
                fingerprint         BLOB NOT NULL,
                batch_id            INTEGER NOT NULL REFERENCES import_batch(id),
                hh_code             TEXT,
                area_pcode          TEXT NOT NULL,
                submitted_at        TEXT,
                lat                 REAL,
                lon                 REAL,
                alt                 REAL,
                gps_accuracy        REAL,
                dwelling            TEXT,
                income_before       REAL,
                income_now          REAL,
                remittances         INTEGER,
                remittance_amount   REAL,
                remittance_change   TEXT,
                debt                INTEGER,
                savings             INTEGER,
                assistance_received INTEGER,
                shocks              INTEGER NOT NULL DEFAULT 0,
                reference_welfare   REAL
            );
            CREATE INDEX household_area ON household(area_pcode);

            CREATE TABLE person (
                household_id     INTEGER NOT NULL REFERENCES household(id),
                line             INTEGER NOT NULL,
                name             TEXT,
                phone            TEXT,
                sex              TEXT NOT NULL,
                age              INTEGER,
                relation         TEXT NOT NULL,
                mig_status       TEXT NOT NULL,
                prev_country     TEXT,
                prev_pcode       TEXT,
                move_date        TEXT,
                move_reason      TEXT,
                wg_seeing        INTEGER,
                wg_hearing       INTEGER,
                wg_walking       INTEGER,
                wg_remembering   INTEGER,
                wg_selfcare      INTEGER,
                wg_communicating INTEGER,
                disability       INTEGER,
                in_school        INTEGER,
                employed_before  INTEGER,
                employed_now     INTEGER,
                PRIMARY KEY (household_id, line)
            ) WITHOUT ROWID;

            CREATE TABLE movement (
                household_id  INTEGER NOT NULL REFERENCES household(id),
                line          INTEGER NOT NULL,
                seq           INTEGER NOT NULL,
                from_pcode    TEXT,
                from_country  TEXT,
                to_pcode      TEXT NOT NULL,
                date          TEXT,
                reason        TEXT,
                status_before TEXT NOT NULL,
                status_after  TEXT NOT NULL,
                PRIMARY KEY (household_id, line, seq)
            ) WITHOUT ROWID;
            """),
        (2, "mobility", """
            CREATE TABLE mobility_assessment (
                id               INTEGER PRIMARY KEY,
                record_id        TEXT NOT NULL UNIQUE,
                fingerprint      BLOB NOT NULL,
                source_id        INTEGER,
                dataset          TEXT NOT NULL,
                operation        TEXT,
                operation_status TEXT,
                assessment_type  TEXT NOT NULL,
                round            INTEGER NOT NULL,
                reporting_date   TEXT NOT NULL,
                admin_level      INTEGER NOT NULL,
                adm0_pcode       TEXT,
                adm0_name        TEXT,
                adm1_pcode       TEXT,
                adm1_name        TEXT,
                adm2_pcode       TEXT,
                adm2_name        TEXT,
                local_pcode      TEXT,
                local_name       TEXT,
                area_pcode       TEXT,
                area_match       TEXT NOT NULL,
                origin_pcode     TEXT,
                origin_name      TEXT,
                reason           TEXT,
                arrival_period   TEXT,
                shelter          TEXT,
                needs            TEXT,
                key_informants   INTEGER,
                source_file      TEXT,
                source_row       INTEGER,
                imported_at      TEXT NOT NULL
            );
            CREATE INDEX mobility_assessment_round ON mobility_assessment(round);

            CREATE TABLE mobility_count (
                assessment_id INTEGER NOT NULL REFERENCES mobility_assessment(id) ON DELETE CASCADE,
                pop_type      TEXT NOT NULL,
                sex           TEXT NOT NULL,
                age_group     TEXT NOT NULL,
                individuals   INTEGER,
                households    INTEGER,
                PRIMARY KEY (assessment_id, pop_type, sex, age_group)
            ) WITHOUT ROWID;

            CREATE TABLE flow_point (
                code       TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                point_type TEXT NOT NULL,
                area_pcode TEXT,
                lat        REAL,
                lon        REAL,
                countries  TEXT NOT NULL
            );

            CREATE TABLE flow_observation (
                id             INTEGER PRIMARY KEY,
                record_id      TEXT NOT NULL UNIQUE,
                fingerprint    BLOB NOT NULL,
                point_code     TEXT NOT NULL REFERENCES flow_point(code),
                date           TEXT NOT NULL,
                direction      TEXT NOT NULL,
                m_0_4          INTEGER NOT NULL,
                m_5_17         INTEGER NOT NULL,
                m_18_59        INTEGER NOT NULL,
                m_60plus       INTEGER NOT NULL,
                f_0_4          INTEGER NOT NULL,
                f_5_17         INTEGER NOT NULL,
                f_18_59        INTEGER NOT NULL,
                f_60plus       INTEGER NOT NULL,
                total          INTEGER NOT NULL,
                nationality    TEXT,
                prev_location  TEXT,
                next_location  TEXT,
                reason         TEXT NOT NULL,
                transport      TEXT NOT NULL,
                traveller_type TEXT NOT NULL,
                source_file    TEXT,
                source_row     INTEGER,
                imported_at    TEXT NOT NULL
            );
            CREATE INDEX flow_observation_point_date ON flow_observation(point_code, date);

            -- Daily totals per point, kept in step with flow_observation by every flow import: summaries read
            -- these few rows instead of scanning every observation.
            CREATE TABLE flow_daily (
                point_code     TEXT NOT NULL,
                date           TEXT NOT NULL,
                direction      TEXT NOT NULL,
                reason         TEXT NOT NULL,
                traveller_type TEXT NOT NULL,
                persons        INTEGER NOT NULL,
                observations   INTEGER NOT NULL,
                PRIMARY KEY (point_code, date, direction, reason, traveller_type)
            ) WITHOUT ROWID;
            """),
        (3, "hazards_and_scores", """
            CREATE TABLE hazard_layer (
                id          INTEGER PRIMARY KEY,
                type        TEXT NOT NULL,
                name        TEXT NOT NULL,
                source      TEXT NOT NULL,
                valid_from  TEXT,
                valid_to    TEXT,
                imported_at TEXT NOT NULL,
                UNIQUE (type, name)
            );

            CREATE TABLE hazard_polygon (
                layer_id INTEGER NOT NULL REFERENCES hazard_layer(id) ON DELETE CASCADE,
                seq      INTEGER NOT NULL,
                severity REAL NOT NULL,
                geometry BLOB NOT NULL,
                PRIMARY KEY (layer_id, seq)
            ) WITHOUT ROWID;

            CREATE TABLE score_run (
                id            INTEGER PRIMARY KEY,
                model_id      TEXT NOT NULL,
                model_version TEXT NOT NULL,
                model_json    TEXT NOT NULL,
                dimensions    TEXT NOT NULL,
                scored_at     TEXT NOT NULL,
                households    INTEGER NOT NULL
            );

            -- The latest run's score per household (a new run replaces them; score_run keeps the history).
            CREATE TABLE household_score (
                household_id    INTEGER PRIMARY KEY REFERENCES household(id),
                run_id          INTEGER NOT NULL REFERENCES score_run(id),
                score           REAL NOT NULL,
                class           TEXT NOT NULL,
                rank            INTEGER NOT NULL,
                dimensions      TEXT NOT NULL,
                area_ranks      TEXT NOT NULL,
                exposure_method TEXT NOT NULL,
                exposure        TEXT NOT NULL,
                explanation     TEXT NOT NULL
            );
            CREATE INDEX household_score_rank ON household_score(rank);
            """),
        (4, "registry version", """
            -- A counter that changes with every committed write a tabulation could see, so a cached snapshot can tell
            -- cheaply (and across processes) whether it is stale. Triggers keep it in step inside the writer's own
            -- transaction: a rolled-back import leaves it unchanged. Registration imports are counted once per batch
            -- (the import_batch row), not per household; area changes that move roll-ups or labels count too
            -- (boundary-only updates do not), and so does each committed score run (scores feed hazard and
            -- vulnerability indicators). A later writer of household or person rows must bump it as well.
            CREATE TABLE registry_version (
                id      INTEGER PRIMARY KEY CHECK (id = 1),
                version INTEGER NOT NULL
            );
            INSERT INTO registry_version (id, version) VALUES (1, 0);
            CREATE TRIGGER registry_version_import AFTER INSERT ON import_batch WHEN NEW.kind = 'registrations'
            BEGIN UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER registry_version_area_insert AFTER INSERT ON area
            BEGIN UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER registry_version_area_update AFTER UPDATE OF pcode, name, level, parent_pcode ON area
            BEGIN UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER registry_version_area_delete AFTER DELETE ON area
            BEGIN UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER registry_version_score_run AFTER INSERT ON score_run
            BEGIN UPDATE registry_version SET version = version + 1; END;
            """),
        (5, "mobility_totals", """
            -- Summaries read totals from narrow integer rows: one per assessment and population type, pointing at a
            -- series (dataset, operation, reporting level) and a location (its key, name, linked area and admin codes,
            -- stored once however many rounds report it). Written together with the assessment by every import.
            CREATE TABLE mobility_series (
                id          INTEGER PRIMARY KEY,
                dataset     TEXT NOT NULL,
                operation   TEXT,
                admin_level INTEGER NOT NULL
            );

            CREATE TABLE mobility_location (
                id          INTEGER PRIMARY KEY,
                admin_level INTEGER NOT NULL,
                code        TEXT,
                name        TEXT,
                area_pcode  TEXT,
                adm0_pcode  TEXT,
                adm1_pcode  TEXT,
                adm2_pcode  TEXT
            );

            CREATE TABLE mobility_total (
                round         INTEGER NOT NULL,
                assessment_id INTEGER NOT NULL REFERENCES mobility_assessment(id) ON DELETE CASCADE,
                pop_type      TEXT NOT NULL,
                series_id     INTEGER NOT NULL REFERENCES mobility_series(id),
                location_id   INTEGER NOT NULL REFERENCES mobility_location(id),
                day           INTEGER NOT NULL, -- reporting date as days since 0001-01-01 (DateOnly.DayNumber)
                individuals   INTEGER,
                households    INTEGER,
                PRIMARY KEY (round, assessment_id, pop_type)
            ) WITHOUT ROWID;

            INSERT INTO mobility_series (dataset, operation, admin_level)
                SELECT DISTINCT dataset, operation, admin_level FROM mobility_assessment;
            INSERT INTO mobility_location (admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode)
                SELECT DISTINCT admin_level, coalesce(local_pcode, CASE admin_level WHEN 0 THEN adm0_pcode WHEN 1 THEN adm1_pcode ELSE coalesce(adm2_pcode, adm1_pcode, adm0_pcode) END), coalesce(local_name, CASE admin_level WHEN 0 THEN adm0_name WHEN 1 THEN adm1_name ELSE coalesce(adm2_name, adm1_name, adm0_name) END), area_pcode, adm0_pcode, adm1_pcode, adm2_pcode FROM mobility_assessment;
            CREATE INDEX temp_location_lookup ON mobility_location(admin_level, code, name);
            INSERT INTO mobility_total (round, assessment_id, pop_type, series_id, location_id, day, individuals, households)
                SELECT a.round, a.id, c.pop_type, s.id, l.id, CAST(julianday(a.reporting_date) - 1721425.5 AS INTEGER), c.individuals, c.households
                FROM mobility_assessment a
                JOIN mobility_count c ON c.assessment_id = a.id AND c.sex = '' AND c.age_group = ''
                JOIN mobility_series s ON s.dataset = a.dataset AND s.operation IS a.operation AND s.admin_level = a.admin_level
                JOIN mobility_location l ON l.admin_level = a.admin_level AND l.code IS coalesce(a.local_pcode, CASE a.admin_level WHEN 0 THEN a.adm0_pcode WHEN 1 THEN a.adm1_pcode ELSE coalesce(a.adm2_pcode, a.adm1_pcode, a.adm0_pcode) END) AND l.name IS coalesce(a.local_name, CASE a.admin_level WHEN 0 THEN a.adm0_name WHEN 1 THEN a.adm1_name ELSE coalesce(a.adm2_name, a.adm1_name, a.adm0_name) END)
                    AND l.area_pcode IS a.area_pcode AND l.adm0_pcode IS a.adm0_pcode AND l.adm1_pcode IS a.adm1_pcode AND l.adm2_pcode IS a.adm2_pcode;
            DROP INDEX temp_location_lookup;

            -- Daily flow totals keyed in the order summaries group them (point, direction, reason, traveller type),
            -- so the aggregation streams instead of sorting.
            CREATE TABLE flow_daily_new (
                point_code     TEXT NOT NULL,
                direction      TEXT NOT NULL,
                reason         TEXT NOT NULL,
                traveller_type TEXT NOT NULL,
                date           TEXT NOT NULL,
                persons        INTEGER NOT NULL,
                observations   INTEGER NOT NULL,
                PRIMARY KEY (point_code, direction, reason, traveller_type, date)
            ) WITHOUT ROWID;
            INSERT INTO flow_daily_new SELECT point_code, direction, reason, traveller_type, date, persons, observations FROM flow_daily;
            DROP TABLE flow_daily;
            ALTER TABLE flow_daily_new RENAME TO flow_daily;
            """),
        // Every import reads the whole area tree ordered by level and P-code: serve that order from an index
        // instead of sorting 33,000+ rows each time.
        (6, "area_order", """
            CREATE INDEX IF NOT EXISTS area_level_pcode ON area(level, pcode);
            """),
        // DESIGN §7: every export of personal data leaves a record that the application cannot alter. The
        // triggers stop UPDATE and DELETE from any client, and INSERT OR REPLACE of an existing id (REPLACE
        // deletes without firing DELETE triggers); they do not stop someone who can rewrite the file itself.
        // IF NOT EXISTS: tests rewind user_version to re-run older migrations on a current file.
        (7, "audit_log", """
            CREATE TABLE IF NOT EXISTS audit_log (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                at           TEXT NOT NULL,
                actor        TEXT NOT NULL,
                action       TEXT NOT NULL,
                subject      TEXT NOT NULL,
                scope        TEXT,
                households   INTEGER NOT NULL,
                persons      INTEGER NOT NULL,
                command_line TEXT NOT NULL
            );
            CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
            BEGIN
                SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            CREATE TRIGGER IF NOT EXISTS audit_log_no_replace BEFORE INSERT ON audit_log
            WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
            BEGIN
                SELECT RAISE(ABORT, 'audit log is append-only');
            END;
            """),
        // Issue 9: a series is (dataset, operation, reporting level, assessment type): baseline and site rounds of one
        // operation are separate series and never add up. Locations keep the source's admin names, so rows of an area
        // missing from the P-code table (countries: the COD table has no level 0) are named as the records name them.
        // The three derived tables are rebuilt from the assessments (drop + create: safe to re-run).
        (8, "mobility_series_by_assessment_type", """
            DROP TABLE IF EXISTS mobility_total;
            DROP TABLE IF EXISTS mobility_location;
            DROP TABLE IF EXISTS mobility_series;
            CREATE TABLE mobility_series (
                id              INTEGER PRIMARY KEY,
                dataset         TEXT NOT NULL,
                operation       TEXT,
                admin_level     INTEGER NOT NULL,
                assessment_type TEXT NOT NULL
            );

            CREATE TABLE mobility_location (
                id          INTEGER PRIMARY KEY,
                admin_level INTEGER NOT NULL,
                code        TEXT,
                name        TEXT,
                area_pcode  TEXT,
                adm0_pcode  TEXT,
                adm1_pcode  TEXT,
                adm2_pcode  TEXT,
                adm0_name   TEXT,
                adm1_name   TEXT,
                adm2_name   TEXT
            );

            CREATE TABLE mobility_total (
                round         INTEGER NOT NULL,
                assessment_id INTEGER NOT NULL REFERENCES mobility_assessment(id) ON DELETE CASCADE,
                pop_type      TEXT NOT NULL,
                series_id     INTEGER NOT NULL REFERENCES mobility_series(id),
                location_id   INTEGER NOT NULL REFERENCES mobility_location(id),
                day           INTEGER NOT NULL, -- reporting date as days since 0001-01-01 (DateOnly.DayNumber)
                individuals   INTEGER,
                households    INTEGER,
                PRIMARY KEY (round, assessment_id, pop_type)
            ) WITHOUT ROWID;

            INSERT INTO mobility_series (dataset, operation, admin_level, assessment_type)
                SELECT DISTINCT dataset, operation, admin_level, assessment_type FROM mobility_assessment;
            INSERT INTO mobility_location (admin_level, code, name, area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name)
                SELECT DISTINCT admin_level, coalesce(local_pcode, CASE admin_level WHEN 0 THEN adm0_pcode WHEN 1 THEN adm1_pcode ELSE coalesce(adm2_pcode, adm1_pcode, adm0_pcode) END), coalesce(local_name, CASE admin_level WHEN 0 THEN adm0_name WHEN 1 THEN adm1_name ELSE coalesce(adm2_name, adm1_name, adm0_name) END), area_pcode, adm0_pcode, adm1_pcode, adm2_pcode, adm0_name, adm1_name, adm2_name FROM mobility_assessment;
            CREATE INDEX temp_location_lookup ON mobility_location(admin_level, code, name);
            INSERT INTO mobility_total (round, assessment_id, pop_type, series_id, location_id, day, individuals, households)
                SELECT a.round, a.id, c.pop_type, s.id, l.id, CAST(julianday(a.reporting_date) - 1721425.5 AS INTEGER), c.individuals, c.households
                FROM mobility_assessment a
                JOIN mobility_count c ON c.assessment_id = a.id AND c.sex = '' AND c.age_group = ''
                JOIN mobility_series s ON s.dataset = a.dataset AND s.operation IS a.operation AND s.admin_level = a.admin_level AND s.assessment_type = a.assessment_type
                JOIN mobility_location l ON l.admin_level = a.admin_level AND l.code IS coalesce(a.local_pcode, CASE a.admin_level WHEN 0 THEN a.adm0_pcode WHEN 1 THEN a.adm1_pcode ELSE coalesce(a.adm2_pcode, a.adm1_pcode, a.adm0_pcode) END) AND l.name IS coalesce(a.local_name, CASE a.admin_level WHEN 0 THEN a.adm0_name WHEN 1 THEN a.adm1_name ELSE coalesce(a.adm2_name, a.adm1_name, a.adm0_name) END)
                    AND l.area_pcode IS a.area_pcode AND l.adm0_pcode IS a.adm0_pcode AND l.adm1_pcode IS a.adm1_pcode AND l.adm2_pcode IS a.adm2_pcode
                    AND l.adm0_name IS a.adm0_name AND l.adm1_name IS a.adm1_name AND l.adm2_name IS a.adm2_name;
            DROP INDEX temp_location_lookup;
            """),
        // Cell-key perturbation (issue 15): a random key per person and household, stored once and never changed, so
        // a cell's key (the sum of its records' keys modulo 2^32) and hence its noise are the same in every table.
        // New rows get their key from the import (a cryptographic generator); rows stored before get one here from
        // SQLite's own generator (ChaCha20, seeded by the operating system). 0 would mark a row without a key.
        (9, "record_keys", """
            ALTER TABLE household ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0;
            UPDATE household SET record_key = 1 + (random() & 4294967295) % 4294967295;
            ALTER TABLE person ADD COLUMN record_key INTEGER NOT NULL DEFAULT 0;
            UPDATE person SET record_key = 1 + (random() & 4294967295) % 4294967295;
            -- Keys never change: no later writer can alter or blank one.
            CREATE TRIGGER household_record_key_fixed BEFORE UPDATE OF record_key ON household
            BEGIN SELECT RAISE(ABORT, 'record keys never change'); END;
            CREATE TRIGGER person_record_key_fixed BEFORE UPDATE OF record_key ON person
            BEGIN SELECT RAISE(ABORT, 'record keys never change'); END;
            """),
        // DESIGN §7: accounts with a role and an area scope, and API tokens stored as the SHA-256 of their secret.
        (10, "users", """
            CREATE TABLE IF NOT EXISTS app_user (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                user_name     TEXT NOT NULL COLLATE NOCASE UNIQUE,
                role          TEXT NOT NULL,
                scope         TEXT,
                password_hash TEXT NOT NULL,
                disabled      INTEGER NOT NULL DEFAULT 0,
                created_at    TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS api_token (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                user_id     INTEGER NOT NULL REFERENCES app_user(id),
                name        TEXT NOT NULL,
                secret_hash BLOB NOT NULL UNIQUE,
                created_at  TEXT NOT NULL,
                revoked     INTEGER NOT NULL DEFAULT 0
            );
            """),
        // DESIGN §7: the audit log becomes tamper-evident. Each entry gets the actor's role and its hash-chain value
        // (Core's AuditChain); existing entries are chained in id order by AuditChainMigration, which runs after
        // this SQL in the same transaction (the UPDATE trigger is dropped here and re-created there).
        (11, "audit_chain", """
            DROP TRIGGER IF EXISTS audit_log_no_update;
            """),
        // Issue 14: the persisted columnar snapshot (Core's SnapshotImage), split into parts so no blob nears SQLite's
        // length limit. Its stamp says which rows it covers; imports only add rows, so an image is extended by the
        // households after it. Any write that changes or removes an existing row counts as a rewrite (and a registry
        // version), which forces a full rebuild. IF NOT EXISTS: tests rewind user_version to re-run migrations.
        (12, "registry_snapshot", """
            CREATE TABLE IF NOT EXISTS registry_snapshot (
                part INTEGER PRIMARY KEY,
                data BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS registry_rewrites (
                id       INTEGER PRIMARY KEY CHECK (id = 1),
                rewrites INTEGER NOT NULL
            );
            INSERT OR IGNORE INTO registry_rewrites (id, rewrites) VALUES (1, 0);
            CREATE TRIGGER IF NOT EXISTS registry_rewrite_household_update AFTER UPDATE ON household
            BEGIN UPDATE registry_rewrites SET rewrites = rewrites + 1; UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER IF NOT EXISTS registry_rewrite_household_delete AFTER DELETE ON household
            BEGIN UPDATE registry_rewrites SET rewrites = rewrites + 1; UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER IF NOT EXISTS registry_rewrite_person_update AFTER UPDATE ON person
            BEGIN UPDATE registry_rewrites SET rewrites = rewrites + 1; UPDATE registry_version SET version = version + 1; END;
            CREATE TRIGGER IF NOT EXISTS registry_rewrite_person_delete AFTER DELETE ON person
            BEGIN UPDATE registry_rewrites SET rewrites = rewrites + 1; UPDATE registry_version SET version = version + 1; END;
            """),
        // Issue 14: a scoring run's results as columns (SqliteScoreStore, ScoreColumnsLayout) in parts of at most 8 MiB,
        // instead of one household_score row per household: writing a national registry's rows cost more than scoring
        // it. Only the latest run's parts are kept; household_score rows of a database scored earlier are still read
        // until the next run replaces them.
        (13, "score_columns", """
            CREATE TABLE IF NOT EXISTS score_columns (
                part   INTEGER PRIMARY KEY,
                run_id INTEGER NOT NULL REFERENCES score_run(id),
                data   BLOB NOT NULL
            );
            CREATE INDEX IF NOT EXISTS score_columns_run ON score_columns(run_id, part);
            """),
        // Issue 15: the publication log. Every table published with --publication-log (its definition and its published
        // cells as JSON, Core's PublicationHistory), so that a later table is protected against all of them. Append-only.
        (14, "publication_log", """
            CREATE TABLE IF NOT EXISTS publication_log (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                published_at TEXT NOT NULL,
                indicator    TEXT NOT NULL,
                definition   TEXT NOT NULL,
                cells        TEXT NOT NULL
            );
            CREATE TRIGGER IF NOT EXISTS publication_log_no_update BEFORE UPDATE ON publication_log
            BEGIN SELECT RAISE(ABORT, 'the publication log is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS publication_log_no_delete BEFORE DELETE ON publication_log
            BEGIN SELECT RAISE(ABORT, 'the publication log is append-only'); END;
            """),
        // Issue 15: settings a database keeps for every command (IDatabaseSettings), e.g. the base age bands.
        (15, "setting", """
            CREATE TABLE IF NOT EXISTS setting (
                name   TEXT PRIMARY KEY,
                value  TEXT NOT NULL,
                set_at TEXT NOT NULL
            );
            """),
    ];

    /// <summary>The version a fully migrated database has.</summary>
    public static int Latest => All[^1].Version;
}
