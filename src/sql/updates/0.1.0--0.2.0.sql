-- Migration 0.1.0 -> 0.2.0: state only.  src/sql/update-script appends every
-- function, view, trigger, comment and DO block of the install-script parts.

-- import() works set-based: its scratch table import_seen (keys of the accepted
-- lines) becomes import_line (the state of every line).
DROP TABLE @extschema@.import_seen;
CREATE UNLOGGED TABLE @extschema@.import_line (
    run_id bigint NOT NULL,
    line_number bigint NOT NULL,
    state text NOT NULL,
    key jsonb,
    failure jsonb,
    PRIMARY KEY (run_id, line_number)
) WITH (fillfactor = 50);
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'u16_loader') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.import_line TO u16_loader;
    END IF;
END
$$;

-- The person_id pattern with '+' and a length check instead of a bounded
-- repetition (faster, same rule: the re-added constraint checks every stored id
-- once).  is_bsn() itself, now in C, is re-applied with the code.
ALTER DOMAIN @extschema@.person_id DROP CONSTRAINT "person id is 1-64 letters, digits or _.:-";
ALTER DOMAIN @extschema@.person_id ADD CONSTRAINT "person id is 1-64 letters, digits or _.:-"
    CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]+$'
           AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 64);

-- Seeded rows: the national quota's sources no longer cite a file outside u16.
SELECT pg_catalog.set_config('u16.seeding', 'on', true);
UPDATE @extschema@.national_quota SET source = 'first publication'
 WHERE seeded AND period::text OPERATOR(pg_catalog.=) '2019H1' AND version OPERATOR(pg_catalog.=) 1;
UPDATE @extschema@.national_quota SET source = 'revised during the half-year (8,000 -> 6,000)'
 WHERE seeded AND period::text OPERATOR(pg_catalog.=) '2019H1' AND version OPERATOR(pg_catalog.=) 2;
SELECT pg_catalog.set_config('u16.seeding', 'off', true);

-- New settings: reference dates and the rules of the like-with-like comparisons.
SELECT pg_catalog.set_config('u16.seeding', 'on', true);
INSERT INTO @extschema@.setting (name, value, value_type, description) VALUES
    ('reference_day', '12-31', 'text',
     'reference date (peildatum) of a year''s figures, MM-DD: status, residence and age are taken on this day; a half-year uses its last day; default 12-31'),
    ('snapshot_max_age_days', '92', 'integer',
     'a stock figure uses each person''s latest status snapshot on or before the reference date and at most this many days older; persons without one are unknown, not counted with a stale status; default 92'),
    ('cohort_basis', 'permit', 'text',
     'what starts a person''s cohort (the cohort view and the standardised comparison): ''permit'' (year of the residence permit, default), ''housing'' (year of first housing) or ''obligation'' (year the civic-integration obligation started)'),
    ('join_window_months', '6', 'integer',
     'T1.3: a pathway join counts when it is at most this many months after the coupling (or before it); a year is pending until the window of its last coupling has closed within the data; default 6'),
    ('exam_term_months', '36', 'integer',
     'T2.5: an obligation counts as passed when passed within this many months of its start (the legal term); a cohort is pending until its term has ended within the data; default 36'),
    ('obligation_counts_after_deadline', 'true', 'boolean',
     'T2.4: a person whose deadline has passed without passing the exam still has an obligation and counts; false leaves them out from the year after the deadline; default true');

-- The indicator catalogue says how each indicator is counted.
ALTER TABLE @extschema@.indicator
    ADD COLUMN municipal_unit text
        CONSTRAINT "municipal unit is share, count or milestone"
        CHECK (municipal_unit OPERATOR(pg_catalog.=) ANY (ARRAY['share', 'count', 'milestone'])),
    ADD COLUMN counts text
        CONSTRAINT "counts is persons, municipalities, volunteers or dwellings"
        CHECK (counts OPERATOR(pg_catalog.=) ANY (ARRAY['persons', 'municipalities', 'volunteers', 'dwellings'])),
    ADD COLUMN region_rule text NOT NULL DEFAULT 'sum'
        CONSTRAINT "region rule is sum, members or own"
        CHECK (region_rule OPERATOR(pg_catalog.=) ANY (ARRAY['sum', 'members', 'own'])),
    ADD COLUMN members_follow_region_target boolean NOT NULL DEFAULT true,
    ADD COLUMN standardised boolean NOT NULL DEFAULT false,
    ADD COLUMN complete_register boolean NOT NULL DEFAULT false;
-- How each indicator is counted (see the column comments).
UPDATE @extschema@.indicator i
   SET municipal_unit = r.municipal_unit, counts = r.counts, region_rule = r.region_rule,
       members_follow_region_target = r.follow, standardised = r.standardised,
       complete_register = r.complete_register
  FROM (VALUES
    ('T1.1', NULL, 'persons', 'sum', true, false, false),
    ('T1.2', NULL, 'persons', 'sum', true, false, false),
    ('T1.3', NULL, 'persons', 'sum', true, false, false),
    ('T1.4', NULL, NULL, 'members', true, false, true),
    ('T2.1', NULL, 'persons', 'sum', true, true, false),
    ('T2.2', NULL, 'persons', 'sum', true, true, false),
    ('T2.3', NULL, 'persons', 'sum', true, true, false),
    ('T2.4', NULL, 'persons', 'sum', true, true, false),
    ('T2.5', NULL, 'persons', 'sum', true, false, false),
    ('T2.6', NULL, 'persons', 'sum', true, true, false),
    ('T2.7', NULL, 'persons', 'sum', true, true, false),
    ('T2.8', 'count', 'persons', 'members', false, false, true),
    ('T2.9', NULL, 'persons', 'sum', true, true, false),
    ('T2.10', NULL, NULL, 'own', false, false, false),
    ('T2.11', NULL, NULL, 'own', false, false, false),
    ('T2.12', NULL, 'volunteers', 'sum', false, false, true),
    ('T2.13', NULL, 'persons', 'sum', true, true, false),
    ('T2.14', NULL, 'persons', 'sum', true, true, false),
    ('T2.15', NULL, NULL, 'own', false, false, true),
    ('T2.16', NULL, NULL, 'own', false, false, false),
    ('T3.1', NULL, 'municipalities', 'members', false, false, false),
    ('T3.2', NULL, NULL, 'own', false, false, false),
    ('T3.3', NULL, 'dwellings', 'sum', false, false, true),
    ('T3.4', NULL, 'dwellings', 'sum', false, false, true))
    AS r(code, municipal_unit, counts, region_rule, follow, standardised, complete_register)
 WHERE i.code OPERATOR(pg_catalog.=) r.code AND i.seeded;

-- T2.15: the plan says "voor 1 maart 2018", strictly before.
UPDATE @extschema@.indicator_target SET target = 'before 2018-03-01',
       note = 'plan 2018: decision on play therapy before (voor) 1 March 2018; a decision on 1 March is too late'
 WHERE seeded AND indicator_code OPERATOR(pg_catalog.=) 'T2.15' AND area_code OPERATOR(pg_catalog.=) 'U16'
   AND period::text OPERATOR(pg_catalog.=) '2018';
SELECT pg_catalog.set_config('u16.seeding', 'off', true);

-- Residence over time and qualitative assessments: new input tables, importable.
CREATE TYPE @extschema@.person_id_range AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE @extschema@.person_id_range IS
    'internal: a range of person ids; [id, id] stands for one person in the exclusion constraint of u16.residence';
CREATE TABLE @extschema@.residence (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    valid_from date NOT NULL,
    valid_to date,
    PRIMARY KEY (person_id, valid_from),
    CONSTRAINT "residence valid_to is not before valid_from" CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from),
    CONSTRAINT "residences of a person do not overlap"
        EXCLUDE USING gist (@extschema@.person_id_range(person_id, person_id, '[]') WITH OPERATOR(pg_catalog.=),
                            pg_catalog.daterange(valid_from, valid_to, '[]') WITH OPERATOR(pg_catalog.&&))
);
CREATE INDEX ON @extschema@.residence (municipality_code);
CREATE TABLE @extschema@.assessment_note (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    period @extschema@.period NOT NULL,
    status text NOT NULL
        CONSTRAINT "assessment status is met, partly met or not met"
        CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['met', 'partly met', 'not met'])),
    summary text NOT NULL CONSTRAINT "an assessment has a summary" CHECK (summary OPERATOR(pg_catalog.~) '\S'),
    evidence_url text
        CONSTRAINT "evidence url is an http(s) address" CHECK (evidence_url OPERATOR(pg_catalog.~) '^https?://\S+$'),
    assessed_on date NOT NULL,
    assessed_by text NOT NULL CONSTRAINT "an assessment names its assessor" CHECK (assessed_by OPERATOR(pg_catalog.~) '\S'),
    PRIMARY KEY (indicator_code, area_code, period)
);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.residence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_note', '');
INSERT INTO @extschema@.import_entity (entity, load_order, description) VALUES
    ('residence', 33, 'where a person lived from a date (to a date)'),
    ('assessment_note', 34, 'a qualitative assessment of a result');

-- The monitor: residence, reference dates, both boundary sets, cohorts, the
-- level distribution and the disclosure control change its views' columns and
-- refresh_monitor()'s result, so they are dropped here and created again with
-- the code.  (A user's own view on one of them stops the update with an error
-- naming it: drop it first, and create it again afterwards.)
DROP VIEW @extschema@.theme1_pathway, @extschema@.theme2_work_integration, @extschema@.theme3_housing;
DROP VIEW @extschema@.scorecard, @extschema@.housing_ledger, @extschema@.housing_progress;
DROP VIEW @extschema@.scorecard_live, @extschema@.housing_progress_live, @extschema@.housing_ledger_live,
          @extschema@.indicator_cell_live;
DROP FUNCTION @extschema@.refresh_monitor();

-- The published tables gain the boundary set (existing rows are historical) and
-- the new columns; refresh_monitor() fills them anew at the end of the update.
ALTER TABLE @extschema@.published_scorecard
    ADD COLUMN boundaries text NOT NULL DEFAULT 'historical',
    ADD COLUMN interval_vs_target text,
    ADD COLUMN comparison text,
    ADD COLUMN crude_change_pct_points numeric,
    ADD COLUMN note text,
    DROP CONSTRAINT published_scorecard_pkey,
    ADD PRIMARY KEY (indicator_code, boundaries, area_code, period);
ALTER TABLE @extschema@.published_housing_ledger
    ADD COLUMN boundaries text NOT NULL DEFAULT 'historical',
    ADD COLUMN carried_from_predecessors bigint,
    ADD COLUMN opening_balance bigint,
    DROP CONSTRAINT published_housing_ledger_pkey,
    ADD PRIMARY KEY (boundaries, area_code, period);
ALTER TABLE @extschema@.published_housing_progress
    ADD COLUMN boundaries text NOT NULL DEFAULT 'historical',
    DROP CONSTRAINT published_housing_progress_pkey,
    ADD PRIMARY KEY (boundaries, municipality_code, month);
ALTER TABLE @extschema@.monitor_refresh
    ADD COLUMN cohort_rows bigint,
    ADD COLUMN level_rows bigint,
    ADD COLUMN data_date date;

-- New tables: the scratch tables of refresh_monitor() and the published cohorts
-- and language levels.
CREATE UNLOGGED TABLE @extschema@.monitor_cell (
    indicator_code text NOT NULL,
    boundaries text NOT NULL,
    area_code text NOT NULL,
    period @extschema@.period NOT NULL,
    cohort_year integer,
    level text,
    numerator bigint,
    denominator bigint,
    done_on date,
    open_until date,
    met boolean
);
CREATE UNLOGGED TABLE @extschema@.monitor_row (
    row_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind text NOT NULL,
    indicator_code text NOT NULL,
    boundaries text NOT NULL,
    area_type text NOT NULL,
    area_code text NOT NULL,
    parent_region text,
    period @extschema@.period NOT NULL,
    cohort_year integer,
    level text,
    numerator bigint,
    denominator bigint,
    done_on date,
    open_until date,
    met boolean,
    unknown_members bigint,
    size bigint,
    hidden boolean NOT NULL DEFAULT false,
    secondary boolean NOT NULL DEFAULT false
);
CREATE UNLOGGED TABLE @extschema@.monitor_run (
    data_date date
);
CREATE UNLOGGED TABLE @extschema@.monitor_relation (
    relation text NOT NULL,
    row_id bigint NOT NULL
);
CREATE TABLE @extschema@.published_cohort (
    indicator_code text NOT NULL,
    theme bigint NOT NULL,
    indicator_name text NOT NULL,
    boundaries text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    area_type text NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    cohort bigint,
    years_since_start text,
    numerator_count bigint,
    denominator_count bigint,
    value numeric,
    ci_lower numeric,
    ci_upper numeric,
    suppressed boolean NOT NULL
);
CREATE UNIQUE INDEX ON @extschema@.published_cohort (indicator_code, boundaries, area_code, period, cohort) NULLS NOT DISTINCT;
CREATE TABLE @extschema@.published_language_level (
    boundaries text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    area_type text NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    level text NOT NULL,
    level_order bigint NOT NULL,
    persons_count bigint,
    total_count bigint,
    level_share numeric,
    suppressed boolean NOT NULL,
    PRIMARY KEY (boundaries, area_code, period, level)
);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_cohort', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_language_level', '');
