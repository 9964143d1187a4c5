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
-- The loader's grant, as create_roles() gives it (given with the kept grants:
-- a grant given by the script itself would not be dumped).
INSERT INTO pg_temp.u16_kept_grant
SELECT 'TABLE', '@extschema@.import_line', 'u16_loader', p, false
FROM pg_catalog.unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) p
WHERE EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'u16_loader');

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

-- The primary keys of the person pass's inputs carry the columns it reads
-- (INCLUDE, 72_person_data.sql).  person's key is rebuilt under the foreign keys
-- that reference it, which are dropped and added again (checking every row).
ALTER TABLE @extschema@.coupling DROP CONSTRAINT coupling_person_id_fkey;
ALTER TABLE @extschema@.housing DROP CONSTRAINT housing_person_id_fkey;
ALTER TABLE @extschema@.assessment DROP CONSTRAINT assessment_person_id_fkey;
ALTER TABLE @extschema@.pathway_join DROP CONSTRAINT pathway_join_person_id_fkey;
ALTER TABLE @extschema@.civic_integration DROP CONSTRAINT civic_integration_person_id_fkey;
ALTER TABLE @extschema@.exam_result DROP CONSTRAINT exam_result_person_id_fkey;
ALTER TABLE @extschema@.language_measurement DROP CONSTRAINT language_measurement_person_id_fkey;
ALTER TABLE @extschema@.status_snapshot DROP CONSTRAINT status_snapshot_person_id_fkey;
ALTER TABLE @extschema@.municipal_employment DROP CONSTRAINT municipal_employment_person_id_fkey;
ALTER TABLE @extschema@.person DROP CONSTRAINT person_pkey,
    ADD PRIMARY KEY (person_id) INCLUDE (municipality_code, birth_year, permit_date);
ALTER TABLE @extschema@.coupling DROP CONSTRAINT coupling_pkey,
    ADD PRIMARY KEY (person_id, coupled_on) INCLUDE (municipality_code, reception_location_code),
    ADD CONSTRAINT coupling_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.housing DROP CONSTRAINT housing_pkey,
    ADD PRIMARY KEY (person_id, housed_on) INCLUDE (municipality_code),
    ADD CONSTRAINT housing_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.status_snapshot DROP CONSTRAINT status_snapshot_pkey,
    ADD PRIMARY KEY (person_id, reference_date)
        INCLUDE (education_eligible, in_education, paid_work, welfare, alternative_work, language_activity, social_activity),
    ADD CONSTRAINT status_snapshot_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.assessment
    ADD CONSTRAINT assessment_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.pathway_join
    ADD CONSTRAINT pathway_join_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.civic_integration DROP CONSTRAINT civic_integration_pkey,
    ADD PRIMARY KEY (person_id, law_regime) INCLUDE (obligation_start, deadline, track_started_on, passed_on, exemption),
    ADD CONSTRAINT civic_integration_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.exam_result
    ADD CONSTRAINT exam_result_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.language_measurement DROP CONSTRAINT language_measurement_pkey,
    ADD PRIMARY KEY (person_id, measured_on) INCLUDE (level, course_completed),
    ADD CONSTRAINT language_measurement_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);
ALTER TABLE @extschema@.municipal_employment
    ADD CONSTRAINT municipal_employment_person_id_fkey FOREIGN KEY (person_id) REFERENCES @extschema@.person (person_id);

-- Residence over time and qualitative assessments: new input tables, importable.
CREATE TYPE @extschema@.person_id_range AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE @extschema@.person_id_range IS
    'internal: a range of person ids; [id, id] stands for one person in the exclusion constraint of u16.residence';
CREATE TABLE @extschema@.residence (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    valid_from date NOT NULL,
    valid_to date,
    PRIMARY KEY (person_id, valid_from) INCLUDE (municipality_code, valid_to),
    CONSTRAINT "residence valid_to is not before valid_from" CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from),
    CONSTRAINT "residences of a person do not overlap"
        EXCLUDE USING gist (@extschema@.person_id_range(person_id, person_id, '[]') WITH OPERATOR(pg_catalog.=),
                            pg_catalog.daterange(valid_from, valid_to, '[]') WITH OPERATOR(pg_catalog.&&))
);
CREATE INDEX ON @extschema@.residence (municipality_code);

-- Indexes on the dates that bound the monitor (monitor_span): its first and last
-- year and the last date the data covers are a min and a max of each, read from
-- these instead of every row (a refresh or a live view at scale 10: 1 ms instead
-- of about 0.5 s).
CREATE INDEX ON @extschema@.status_snapshot (reference_date);
CREATE INDEX ON @extschema@.coupling (coupled_on);
CREATE INDEX ON @extschema@.housing (housed_on);
CREATE INDEX ON @extschema@.language_measurement (measured_on);
CREATE INDEX ON @extschema@.civic_integration (obligation_start);
CREATE INDEX ON @extschema@.civic_integration ((greatest(track_started_on, passed_on)));
CREATE INDEX ON @extschema@.pathway_join (joined_on);
CREATE INDEX ON @extschema@.assessment (assessed_on);
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

-- Person ids compare bytewise (COLLATE "C"): an id has no linguistic order,
-- and the monitor's person pass merges every input table in person order,
-- which under the database's collation compared ids with strcoll()
-- (docs/benchmarks.md).  With it, the person_id pattern uses '+' and a length
-- check instead of a bounded repetition (faster, the same rule).  A domain's
-- collation cannot be altered, so the columns move to a new domain, which
-- checks every stored id once; the views over them and the policies that name
-- them are dropped first (the code that follows re-creates both).  A view of
-- the database's own over these tables makes the update stop with an error
-- instead of being dropped.
DO $$
DECLARE
    views text;
    person_tables text[] := ARRAY['person', 'residence', 'coupling', 'housing', 'assessment', 'pathway_join',
                                  'civic_integration', 'exam_result', 'language_measurement', 'status_snapshot',
                                  'municipal_employment'];
    t text;
BEGIN
    SELECT pg_catalog.string_agg(c.oid::pg_catalog.regclass::text, ', ') INTO views
    FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) d.objid
    WHERE d.classid OPERATOR(pg_catalog.=) 'pg_catalog.pg_class'::pg_catalog.regclass
      AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass
      AND d.refobjid OPERATOR(pg_catalog.=) (SELECT oid FROM pg_catalog.pg_extension WHERE extname OPERATOR(pg_catalog.=) 'u16')
      AND d.deptype OPERATOR(pg_catalog.=) 'e' AND c.relkind OPERATOR(pg_catalog.=) 'v';
    IF views IS NOT NULL THEN
        EXECUTE 'DROP VIEW ' OPERATOR(pg_catalog.||) views;
    END IF;
    FOREACH t IN ARRAY person_tables LOOP
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS municipality_scope ON @extschema@.%I', t);
    END LOOP;
    ALTER DOMAIN @extschema@.person_id RENAME TO person_id_0_1;
    CREATE DOMAIN @extschema@.person_id AS text COLLATE "C"
        CONSTRAINT "person id is 1-64 letters, digits or _.:-"
            CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]+$'
                   AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 64)
        CONSTRAINT "person id is a pseudonym, not a citizen service number (BSN)"
            CHECK (NOT @extschema@.is_bsn(VALUE));
    FOREACH t IN ARRAY person_tables LOOP
        EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ALTER COLUMN person_id TYPE @extschema@.person_id', t);
    END LOOP;
    DROP DOMAIN @extschema@.person_id_0_1;
END
$$;

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
    row_id bigint GENERATED BY DEFAULT AS IDENTITY,
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
-- First housings per municipality and month, counted once per refresh for the
-- housing ledger (summed into half-years) and the monthly schedule.
CREATE UNLOGGED TABLE @extschema@.monitor_housed (
    municipality_code text NOT NULL,
    month @extschema@.period NOT NULL,
    housed bigint NOT NULL
);

CREATE UNLOGGED TABLE @extschema@.monitor_run (
    first_year integer,
    last_year integer,
    data_date date
);
CREATE UNLOGGED TABLE @extschema@.monitor_member (
    boundaries text NOT NULL,
    region text NOT NULL,
    period @extschema@.period NOT NULL,
    municipality_code text NOT NULL
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

-- The report (issue 20): short Dutch names in the indicator catalogue ...
ALTER TABLE @extschema@.indicator ADD COLUMN short_name_nl text;
SELECT pg_catalog.set_config('u16.seeding', 'on', true);
-- The short Dutch names of the report.
UPDATE @extschema@.indicator i SET short_name_nl = r.short_name_nl
  FROM (VALUES
    ('T1.1', 'Plaatsingen vanuit azc''s in de regio'),
    ('T1.2', 'NOA-assessment uitgevoerd'),
    ('T1.3', 'Aangehaakt aan de doorgaande lijn'),
    ('T1.4', 'Doorgaande lijn overal gestart'),
    ('T2.1', 'Deelname aan onderwijs'),
    ('T2.2', 'Deelname aan taalactiviteiten'),
    ('T2.3', 'Taalniveau B1 of hoger'),
    ('T2.4', 'Deelname aan inburgeringstraject'),
    ('T2.5', 'Geslaagd voor het inburgeringsexamen'),
    ('T2.6', 'Betaald werk'),
    ('T2.7', 'In de bijstand'),
    ('T2.8', 'Vergunninghouder in dienst van de gemeente'),
    ('T2.9', 'Alternatief werk'),
    ('T2.10', 'Nieuwkomers voldoende geïnformeerd'),
    ('T2.11', 'Gezondheidsproblemen aangepakt'),
    ('T2.12', 'Voldoende vrijwilligers'),
    ('T2.13', 'Maatschappelijke deelname'),
    ('T2.14', 'Iedereen doet mee'),
    ('T2.15', 'Besluit over speltherapie in azc''s'),
    ('T2.16', 'Deskundigheid van partners over gezondheid'),
    ('T3.1', 'Halfjaarlijkse taakstelling gehaald'),
    ('T3.2', 'Betere matching van woningen'),
    ('T3.3', 'Flexibele woningen opgeleverd'),
    ('T3.4', 'Flexibele woningbouwprojecten gestart'))
    AS r(code, short_name_nl)
 WHERE i.code OPERATOR(pg_catalog.=) r.code AND i.seeded;
SELECT pg_catalog.set_config('u16.seeding', 'off', true);

-- ... the words of the report, a catalogue of labels per language (seed rows:
-- the seed_guard trigger comes with the code, so they are marked seeded here);
-- report_html() gains a municipality as area, the language and the boundaries.
DROP FUNCTION @extschema@.report_html(text, @extschema@.period);
CREATE TABLE @extschema@.report_label (
    key text NOT NULL
        CONSTRAINT "label key is lower-case words with dots" CHECK (key OPERATOR(pg_catalog.~) '^[a-z0-9_]+(\.[a-z0-9_]+)*$'),
    language text NOT NULL
        CONSTRAINT "label language is a language code such as nl or en" CHECK (language OPERATOR(pg_catalog.~) '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
    text text NOT NULL,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (key, language)
);
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_label', 'WHERE NOT seeded');
INSERT INTO @extschema@.report_label (key, language, text, seeded)
SELECT l.key, v.language, v.text, true
FROM (VALUES
    -- number and date formats
    ('number.decimal', ',', '.'),
    ('number.group', '.', ','),
    ('number.minus', '−', '−'),
    ('date.format', '%s %s %s', '%s %s %s'),
    ('month.1', 'januari', 'January'), ('month.2', 'februari', 'February'), ('month.3', 'maart', 'March'),
    ('month.4', 'april', 'April'), ('month.5', 'mei', 'May'), ('month.6', 'juni', 'June'),
    ('month.7', 'juli', 'July'), ('month.8', 'augustus', 'August'), ('month.9', 'september', 'September'),
    ('month.10', 'oktober', 'October'), ('month.11', 'november', 'November'), ('month.12', 'december', 'December'),
    ('time.at', '%s, %s uur', '%s at %s'),
    -- title block
    ('title', 'U16-monitor Asiel & Integratie', 'U16 monitor Asylum & Integration'),
    ('title.region', 'Regio %s', 'Region %s'),
    ('title.municipality', 'Gemeente %s', 'Municipality of %s'),
    ('title.subtitle', 'Rapportage %s over de resultaten van het plan van 2018', 'Report %s on the results of the plan of 2018'),
    ('meta.area', 'Gebied', 'Area'),
    ('meta.area.region', 'regio %s, %s gemeenten', 'region %s, %s municipalities'),
    ('meta.area.municipality', 'gemeente %s (%s), een van de %s gemeenten van regio %s', 'municipality %s (%s), one of the %s municipalities of region %s'),
    ('meta.area.alone', 'gemeente %s (%s), in de periode geen lid van een regio', 'municipality %s (%s), member of no region in the period'),
    ('meta.period', 'Periode', 'Period'),
    ('meta.period.year', 'jaar %s; halfjaren %s', 'year %s; half-years %s'),
    ('meta.period.half', 'halfjaar %s (jaar %s)', 'half-year %s (year %s)'),
    ('meta.data_date', 'Stand van de gegevens', 'Data up to'),
    ('meta.refreshed', 'Cijfers berekend', 'Figures computed'),
    ('meta.not_refreshed', 'nog niet berekend', 'not yet computed'),
    ('meta.boundaries', 'Gemeentegrenzen', 'Boundaries'),
    ('boundaries.historical', 'historisch: elke periode met de gemeenten en regioleden van toen', 'historical: each period with the municipalities and region members of its time'),
    ('boundaries.current', 'huidig: elke periode omgerekend naar de gemeenten van nu', 'current: each period restated on today''s municipalities'),
    ('meta.source', 'Bron', 'Source'),
    ('meta.source.text', 'de gepubliceerde cijfers van de U16-monitor (u16.scorecard, u16.cohort, u16.language_level, u16.housing_ledger, u16.housing_progress), dezelfde als in BI-rapportages', 'the published figures of the U16 monitor (u16.scorecard, u16.cohort, u16.language_level, u16.housing_ledger, u16.housing_progress), the same as in BI tools'),
    ('contents', 'Inhoud', 'Contents'),
    -- legend
    ('legend.title', 'Leeswijzer', 'How to read this report'),
    ('legend.status', 'Status ten opzichte van het doel:', 'Status against the target:'),
    ('legend.trend', 'Trend ten opzichte van de nulmeting:', 'Trend against the baseline:'),
    ('legend.suppressed', 'Afgeschermd: te weinig personen om te publiceren (privacy), of een cijfer waaruit zo''n klein aantal af te leiden is.', 'Suppressed: too few persons to publish (privacy), or a figure that would reveal such a small number.'),
    ('legend.interval', 'Het 95%-interval geeft de onzekerheid van een aandeel; een stijging of daling telt alleen als die niet door toeval te verklaren is.', 'The 95% interval shows the uncertainty of a share; a rise or fall counts only when chance cannot explain it.'),
    -- statuses
    ('status.met', 'gehaald', 'met'),
    ('status.not_met', 'niet gehaald', 'not met'),
    ('status.partly_met', 'deels gehaald', 'partly met'),
    ('status.no_change', 'geen verandering', 'no change'),
    ('status.pending', 'nog open', 'pending'),
    ('status.no_data', 'geen gegevens', 'no data'),
    ('status.no_target', 'geen doel', 'no target'),
    ('status.suppressed', 'afgeschermd', 'suppressed'),
    ('status.baseline_suppressed', 'nulmeting afgeschermd', 'baseline suppressed'),
    ('status.qualitative', 'kwalitatief', 'qualitative'),
    ('status.met.long', 'het doel is bereikt', 'the target is reached'),
    ('status.not_met.long', 'het doel is niet bereikt', 'the target is not reached'),
    ('status.partly_met.long', 'het doel is deels bereikt (beoordeling)', 'the target is partly reached (assessment)'),
    ('status.no_change.long', 'gestegen of gedaald, maar niet meer dan toeval', 'a rise or fall no larger than chance'),
    ('status.pending.long', 'de termijn loopt nog, of het cijfer kan nog veranderen', 'the deadline is ahead, or the figure can still change'),
    ('status.no_data.long', 'geen cijfers', 'no figures'),
    ('status.no_target.long', 'voor dit resultaat is geen doel gesteld', 'no target is set for this result'),
    ('status.suppressed.long', 'te weinig personen om te publiceren', 'too few persons to publish'),
    ('status.baseline_suppressed.long', 'de nulmeting is afgeschermd, dus geen oordeel', 'the baseline is withheld, so no judgement'),
    ('status.qualitative.long', 'resultaat zonder cijfers', 'a result without figures'),
    -- trends
    ('trend.rise', 'stijging', 'rise'),
    ('trend.fall', 'daling', 'fall'),
    ('trend.no_change', 'geen verandering', 'no change'),
    ('trend.pending', 'nog open', 'pending'),
    ('trend.no_data', 'geen gegevens', 'no data'),
    -- targets
    ('target.at_least', 'minimaal %s', 'at least %s'),
    ('target.above', 'meer dan %s', 'more than %s'),
    ('target.at_most', 'hoogstens %s', 'at most %s'),
    ('target.below', 'minder dan %s', 'less than %s'),
    ('target.exactly', '%s', 'exactly %s'),
    ('target.rise', 'stijging', 'a rise'),
    ('target.fall', 'daling', 'a fall'),
    ('target.by', 'uiterlijk %s', 'by %s'),
    ('target.before', 'vóór %s', 'before %s'),
    -- headings
    ('heading.summary', 'Samenvatting', 'Summary'),
    ('heading.theme', 'Thema %s. %s', 'Theme %s. %s'),
    ('heading.matrix', 'Per gemeente', 'Per municipality'),
    ('heading.charts', 'Vergelijking tussen de gemeenten', 'Comparison of the municipalities'),
    ('heading.ledger', 'Huisvesting van vergunninghouders: taakstelling en realisatie', 'Housing permit holders: quota and realisation'),
    ('heading.progress', 'Voortgang per maand in %s', 'Progress by month in %s'),
    ('heading.notes', 'Toelichting', 'Notes'),
    ('heading.assessments', 'Beoordelingen', 'Assessments'),
    ('heading.indicators', 'De resultaten uit het plan', 'The results of the plan'),
    -- summary
    ('summary.caption', 'Status van de resultaten van %s in %s, per thema (aantal resultaten)', 'Status of the results of %s in %s, per theme (number of results)'),
    ('summary.theme', 'Thema %s', 'Theme %s'),
    ('summary.total', 'Totaal', 'Total'),
    -- the figures table
    ('figures.caption', 'Resultaten van %s, %s', 'Results of %s, %s'),
    ('col.result', 'Resultaat', 'Result'),
    ('col.period', 'Periode', 'Period'),
    ('col.value', 'Waarde', 'Value'),
    ('col.persons', 'Aantal', 'Count'),
    ('col.interval', '95%-interval', '95% interval'),
    ('col.target', 'Doel', 'Target'),
    ('col.status', 'Status', 'Status'),
    ('col.baseline', 'Nulmeting', 'Baseline'),
    ('col.change', 'Verandering', 'Change'),
    ('col.trend', 'Trend', 'Trend'),
    ('col.area', 'Gebied', 'Area'),
    ('count.of', '%s van %s', '%s of %s'),
    ('change.points', '%s %%-punt', '%s pp'),
    ('change.standardised', 'gestandaardiseerd naar cohort', 'standardised by cohort'),
    ('figures.none', 'Geen cijfers voor dit thema in deze periode.', 'No figures for this theme in this period.'),
    ('figures.note', 'Zie de toelichting', 'See the notes'),
    -- matrix
    ('matrix.caption', 'Waarde en status per gemeente, %s (deel %s van %s)', 'Value and status per municipality, %s (part %s of %s)'),
    ('matrix.note', 'Gemeenten zonder eigen doel volgen het doel van de regio waar het plan dat zegt.', 'Municipalities without a target of their own follow the region''s target where the plan says so.'),
    -- charts
    ('chart.title', '%s %s: %s per gebied, %s', '%s %s: %s per area, %s'),
    ('chart.share', 'aandeel', 'share'),
    ('chart.count', 'aantal', 'count'),
    ('chart.caption.share', 'Aandeel per gebied met het 95%%-interval (lijntje), %s.', 'Share per area with its 95%% interval (whisker), %s.'),
    ('chart.caption.count', 'Aantal per gemeente, %s; de regio telt op tot %s.', 'Count per municipality, %s; the region adds up to %s.'),
    ('chart.caption.focus', '%s is gemarkeerd (▶): plaats %s van %s gemeenten met een cijfer.', '%s is marked (▶): position %s of %s municipalities with a figure.'),
    ('chart.caption.focus_none', '%s is gemarkeerd (▶); er is geen cijfer om te vergelijken.', '%s is marked (▶); there is no figure to compare.'),
    ('chart.target', 'doel: %s', 'target: %s'),
    ('chart.baseline', 'nulmeting %s van %s: %s', 'baseline %s of %s: %s'),
    ('chart.target_line', 'Stippellijn: %s.', 'Dashed line: %s.'),
    ('chart.no_line', 'Geen doellijn: er is geen drempel als doel.', 'No target line: the target is not a threshold.'),
    ('chart.plan', 'Plan: “%s”', 'Plan: “%s”'),
    ('chart.desc.item', '%s: %s', '%s: %s'),
    ('chart.sorted', 'Gemeenten gesorteerd van hoog naar laag.', 'Municipalities sorted from high to low.'),
    -- cohorts
    ('cohort.caption', '%s van %s in %s naar cohort (%s)', '%s of %s in %s by cohort (%s)'),
    ('cohort.basis.permit', 'jaar van de verblijfsvergunning', 'year of the residence permit'),
    ('cohort.basis.housing', 'jaar van de eerste huisvesting', 'year of first housing'),
    ('cohort.basis.obligation', 'jaar waarin de inburgeringsplicht begon', 'year the civic-integration obligation started'),
    ('heading.cohort_section', 'Naar cohort', 'By cohort'),
    ('cohort.col.cohort', 'Cohort', 'Cohort'),
    ('cohort.col.years', 'Jaren sinds start', 'Years since start'),
    ('cohort.unknown', 'onbekend', 'unknown'),
    ('cohort.note', 'De cohorten tellen op tot het cijfer in de tabel hierboven; een cohort met te weinig personen is afgeschermd.', 'The cohorts add up to the figure in the table above; a cohort with too few persons is suppressed.'),
    ('cohort.none', 'Geen cohortcijfers van %s voor %s.', 'No cohort figures of %s for %s.'),
    -- language levels (T2.3)
    ('heading.levels', 'Naar taalniveau', 'By language level'),
    ('level.caption', 'Personen met een afgeronde taalcursus, %2$s, %3$s, naar hun laatst gemeten niveau (%1$s)', 'Persons with a completed language course, %2$s, %3$s, by the last level measured (%1$s)'),
    ('level.col.level', 'Niveau', 'Level'),
    ('level.col.share', 'Aandeel', 'Share'),
    ('level.col.region', 'Aandeel in %s', 'Share in %s'),
    ('level.1', 'onder A1', 'below A1'),
    ('level.2', 'A1', 'A1'),
    ('level.3', 'A2', 'A2'),
    ('level.4', 'B1', 'B1'),
    ('level.5', 'B2 en hoger', 'B2 and above'),
    ('level.note', 'Personen met een afgeronde taalcursus in het jaar, naar hun laatste meting; B1 en hoger telt voor het resultaat. Is het resultaat afgeschermd, dan is elk niveau dat ook.', 'Persons with a completed language course in the year, by their last measurement; B1 and above counts for the result. When the result is suppressed, so is every level.'),
    ('level.none', 'Geen taalniveaus van %s voor %s.', 'No language levels of %s for %s.'),
    -- housing ledger
    ('ledger.caption', 'Taakstelling en realisatie per halfjaar, %s', 'Quota and realisation per half-year, %s'),
    ('ledger.col.half', 'Halfjaar', 'Half-year'),
    ('ledger.col.quota', 'Taakstelling', 'Quota'),
    ('ledger.col.carried', 'Meegenomen saldo', 'Carried balance'),
    ('ledger.col.obligation', 'Opgave', 'Obligation'),
    ('ledger.col.housed', 'Gehuisvest', 'Housed'),
    ('ledger.col.correction', 'Correctie', 'Correction'),
    ('ledger.col.balance', 'Saldo einde halfjaar', 'Closing balance'),
    ('ledger.col.pct', '% van opgave', '% of obligation'),
    ('ledger.col.met', 'Opgave gehaald', 'Obligation met'),
    ('ledger.col.missed', 'Gemist op rij', 'Missed in a row'),
    ('ledger.note', 'Opgave = taakstelling + meegenomen saldo. Saldo > 0 is een achterstand, < 0 een voorsprong.', 'Obligation = quota + carried balance. A balance > 0 is a deficit, < 0 a surplus.'),
    ('ledger.none', 'Geen gegevens over de huisvesting in deze periode.', 'No housing figures in this period.'),
    ('ledger.chart.title', 'Opgave en gehuisveste vergunninghouders per halfjaar, %s', 'Obligation and permit holders housed per half-year, %s'),
    ('ledger.chart.caption', 'Lichte staaf: opgave; donkere staaf: gehuisvest; het getal erboven is het saldo aan het eind van het halfjaar (+ achterstand, − voorsprong).', 'Light bar: obligation; dark bar: housed; the number above is the closing balance (+ deficit, − surplus).'),
    ('ledger.chart.desc', '%s: opgave %s, gehuisvest %s, saldo %s', '%s: obligation %s, housed %s, balance %s'),
    ('balance.chart.title', 'Saldo per gebied aan het eind van elk halfjaar, %s', 'Balance per area at the end of each half-year, %s'),
    ('balance.chart.caption', 'Staaf boven de lijn (rood, +): achterstand; onder de lijn (groen, −): voorsprong. Elk paneel heeft een eigen schaal.', 'Bar above the line (red, +): deficit; below the line (green, −): surplus. Each panel has its own scale.'),
    ('balance.chart.desc', '%s, %s: saldo %s', '%s, %s: balance %s'),
    ('progress.caption', 'Gehuisvest tot en met elke maand van %s tegen het schema (opgave × maanden / 6)', 'Housed up to each month of %s against the schedule (obligation × months / 6)'),
    ('progress.col.month', 'Maand', 'Month'),
    ('progress.col.housed', 'Gehuisvest tot nu', 'Housed so far'),
    ('progress.col.expected', 'Volgens schema', 'On schedule would be'),
    ('progress.col.on_schedule', 'Op schema', 'On schedule'),
    ('progress.chart.title', 'Voortgang van de huisvesting per maand, %s', 'Housing progress by month, %s'),
    ('progress.chart.caption', 'Staven: gehuisvest tot en met de maand; stippellijn: volgens schema; bovenste lijn: de opgave van het halfjaar (%s).', 'Bars: housed up to the month; dashed line: on schedule; top line: the obligation of the half-year (%s).'),
    ('progress.chart.desc', '%s: gehuisvest %s, volgens schema %s', '%s: housed %s, on schedule %s'),
    ('progress.none', 'Geen maandcijfers voor %s.', 'No monthly figures for %s.'),
    -- notes
    ('notes.assessments.none', 'Er zijn (nog) geen beoordelingen van de kwalitatieve resultaten vastgelegd.', 'No assessments of the qualitative results have been recorded (yet).'),
    ('notes.qualitative', 'Kwalitatieve resultaten (zonder cijfers): %s.', 'Qualitative results (without figures): %s.'),
    ('notes.suppression', 'Afscherming: een cijfer over minder personen dan %s wordt niet gepubliceerd, net als een cijfer waaruit het af te leiden is. Afgeschermde cellen blijven in dit rapport afgeschermd.', 'Suppression: a figure about fewer persons than %s is not published, nor is a figure that would reveal it. Suppressed cells stay suppressed in this report.'),
    ('notes.trend', 'Trend: de verandering ten opzichte van de nulmeting (%s) telt als stijging of daling wanneer die statistisch significant is; aandelen die met de verblijfsduur groeien worden naar cohort gestandaardiseerd.', 'Trend: the change against the baseline (%s) counts as a rise or fall when it is statistically significant; shares that grow with the time since arrival are standardised by cohort.'),
    ('notes.region_rows', 'Regiocijfers zijn de som over de gemeenten die in de periode lid waren.', 'Region figures are sums over the municipalities that were members in the period.'),
    ('notes.generated', 'Gemaakt met %s.', 'Made with %s.'),
    ('page', 'pagina %s van %s', 'page %s of %s'),
    ('yes', 'ja', 'yes'),
    ('no', 'nee', 'no'))
    AS l(key, nl, en)
CROSS JOIN LATERAL (VALUES ('nl', l.nl), ('en', l.en)) AS v(language, text);
