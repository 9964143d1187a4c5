-- ============================================================================
-- The monitor, part 1: its tables.  Layer 4.
--
-- Data flow (docs/monitor.md):
--   person-level tables (row-level security)
--     -> internal *_live views (82, 83): the arithmetic per municipality,
--        from what the querying role may see (security_invoker)
--     -> refresh_monitor() (86): run by u16_loader after loading; stores the
--        cells once (monitor_cell), restates them on current boundaries, sums
--        regions, withholds small cells and everything that would reveal them
--        (monitor_row; 84), judges status and trend (85),
--        and fills the published_* tables
--     -> BI views (86): scorecard, theme1_pathway, theme2_work_integration,
--        theme3_housing, cohort, language_level, housing_ledger,
--        housing_progress: built-in column types only, every column commented
-- How each indicator is counted comes from the catalogue u16.indicator.
-- ============================================================================

-- Scratch tables of refresh_monitor() ------------------------------------------------

-- The cells of a refresh: refresh_monitor() stores here, once, what the
-- *_live views compute (and the ledger's results), and derives everything it
-- publishes from them.  Scratch: filled and emptied within refresh_monitor().
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
COMMENT ON TABLE @extschema@.monitor_cell IS
    'internal scratch table of refresh_monitor(): the cells of the indicators per municipality (historical boundaries, or both for the ledger), period, cohort and language level; empty between runs';
COMMENT ON COLUMN @extschema@.monitor_cell.indicator_code IS 'indicator';
COMMENT ON COLUMN @extschema@.monitor_cell.boundaries IS 'historical (restated on current boundaries by refresh_monitor) or current';
COMMENT ON COLUMN @extschema@.monitor_cell.area_code IS 'municipality code, or a region code for results of the region itself';
COMMENT ON COLUMN @extschema@.monitor_cell.period IS 'period';
COMMENT ON COLUMN @extschema@.monitor_cell.cohort_year IS 'year the persons'' cohort started (setting cohort_basis); NULL if unknown or not a person share';
COMMENT ON COLUMN @extschema@.monitor_cell.level IS 'language level group (T2.3); NULL for other indicators';
COMMENT ON COLUMN @extschema@.monitor_cell.numerator IS 'persons meeting the indicator, or the count';
COMMENT ON COLUMN @extschema@.monitor_cell.denominator IS 'persons counted; NULL for counts';
COMMENT ON COLUMN @extschema@.monitor_cell.done_on IS 'milestones: the day it was reached';
COMMENT ON COLUMN @extschema@.monitor_cell.open_until IS 'the figure can still change until this day (a pathway-join window, an exam term): pending while the data do not reach it';
COMMENT ON COLUMN @extschema@.monitor_cell.met IS 'the municipality''s own result, for indicators whose region row counts the members that reached it';

CREATE UNLOGGED TABLE @extschema@.monitor_row (
    row_id bigint GENERATED ALWAYS AS IDENTITY,
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
COMMENT ON TABLE @extschema@.monitor_row IS
    'internal scratch table of refresh_monitor(): every row it may publish (scorecard, cohort, level) and the remainders of restated areas, with the disclosure control''s verdict; empty between runs';
COMMENT ON COLUMN @extschema@.monitor_row.row_id IS 'row number (unique; no index: the rows are stored once and read whole)';
COMMENT ON COLUMN @extschema@.monitor_row.kind IS 'scorecard (all persons), cohort (persons of one cohort), level (T2.3 persons at one language level group) or remainder (persons of a restated area that no published row of the other boundary set contains)';
COMMENT ON COLUMN @extschema@.monitor_row.indicator_code IS 'indicator';
COMMENT ON COLUMN @extschema@.monitor_row.boundaries IS 'historical or current';
COMMENT ON COLUMN @extschema@.monitor_row.area_type IS 'municipality or region';
COMMENT ON COLUMN @extschema@.monitor_row.area_code IS 'municipality or region code';
COMMENT ON COLUMN @extschema@.monitor_row.parent_region IS 'for a municipality: the region whose targets it follows (the first by code)';
COMMENT ON COLUMN @extschema@.monitor_row.period IS 'period';
COMMENT ON COLUMN @extschema@.monitor_row.cohort_year IS 'cohort rows: the cohort''s year; NULL for unknown';
COMMENT ON COLUMN @extschema@.monitor_row.level IS 'level rows: the language level group';
COMMENT ON COLUMN @extschema@.monitor_row.numerator IS 'persons meeting the indicator, the count, or the members that reached their result';
COMMENT ON COLUMN @extschema@.monitor_row.denominator IS 'persons counted, or the members; NULL for counts';
COMMENT ON COLUMN @extschema@.monitor_row.done_on IS 'milestones: the day it was reached (a region: when its last member did)';
COMMENT ON COLUMN @extschema@.monitor_row.open_until IS 'the figure can still change until this day';
COMMENT ON COLUMN @extschema@.monitor_row.met IS 'a municipality''s own result, for indicators whose region row counts the members that reached it';
COMMENT ON COLUMN @extschema@.monitor_row.unknown_members IS 'region rows counting members: members without data';
COMMENT ON COLUMN @extschema@.monitor_row.size IS 'persons the row counts, for the disclosure control; NULL when it counts no persons';
COMMENT ON COLUMN @extschema@.monitor_row.hidden IS 'withheld: counts 1 to min_cell_size - 1 persons, or would reveal such a row';
COMMENT ON COLUMN @extschema@.monitor_row.secondary IS 'withheld only so that it cannot reveal another withheld row';

CREATE UNLOGGED TABLE @extschema@.monitor_run (
    first_year integer,
    last_year integer,
    data_date date
);
COMMENT ON TABLE @extschema@.monitor_run IS
    'internal scratch table of refresh_monitor(): one row with what the whole run shares (monitor_span, computed once); empty between runs';
COMMENT ON COLUMN @extschema@.monitor_run.first_year IS 'the first year of the monitor (monitor_span)';
COMMENT ON COLUMN @extschema@.monitor_run.last_year IS 'the last year of the monitor (monitor_span)';
COMMENT ON COLUMN @extschema@.monitor_run.data_date IS 'the last date the person-level data cover (monitor_span)';

-- First housings per municipality and month, counted once per refresh for the
-- housing ledger (summed into half-years) and the monthly schedule.
CREATE UNLOGGED TABLE @extschema@.monitor_housed (
    municipality_code text NOT NULL,
    month @extschema@.period NOT NULL,
    housed bigint NOT NULL
);
COMMENT ON TABLE @extschema@.monitor_housed IS
    'internal scratch table of refresh_monitor(): first housings per municipality and month (first_housing_month, counted once, by the person pass with the cells); empty between runs';
COMMENT ON COLUMN @extschema@.monitor_housed.municipality_code IS 'municipality of the first housing (as its code counted on the day)';
COMMENT ON COLUMN @extschema@.monitor_housed.month IS 'month of the first housing';
COMMENT ON COLUMN @extschema@.monitor_housed.housed IS 'persons first housed';

-- The members of each region in each period of the refresh, stored once, so
-- that the step that joins them (region rows) is planned with their
-- statistics; the disclosure control reads them too (src/suppression.c).
CREATE UNLOGGED TABLE @extschema@.monitor_member (
    boundaries text NOT NULL,
    region text NOT NULL,
    period @extschema@.period NOT NULL,
    municipality_code text NOT NULL
);
COMMENT ON TABLE @extschema@.monitor_member IS
    'internal scratch table of refresh_monitor(): the members of each region in each period of the monitor being refreshed, on historical and current boundaries (region_members_in); empty between runs';
COMMENT ON COLUMN @extschema@.monitor_member.boundaries IS 'historical or current';
COMMENT ON COLUMN @extschema@.monitor_member.region IS 'region code';
COMMENT ON COLUMN @extschema@.monitor_member.period IS 'period of the monitor';
COMMENT ON COLUMN @extschema@.monitor_member.municipality_code IS 'member municipality';

-- What is published -------------------------------------------------------------------
-- The BI views read these tables, so readers see the region's published
-- (suppressed) figures without any right on person-level rows.  Registered
-- with pg_dump: a restored database shows the same views without a refresh.

CREATE TABLE @extschema@.published_scorecard (
    indicator_code text NOT NULL,
    theme bigint NOT NULL,
    indicator_name text NOT NULL,
    unit text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    area_type text NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    numerator_count bigint,
    denominator_count bigint,
    value numeric,
    ci_lower numeric,
    ci_upper numeric,
    target text,
    status text NOT NULL,
    baseline_period text,
    baseline_value numeric,
    change_pct_points numeric,
    trend text,
    suppressed boolean NOT NULL,
    boundaries text NOT NULL DEFAULT 'historical',
    interval_vs_target text,
    comparison text,
    crude_change_pct_points numeric,
    note text,
    PRIMARY KEY (indicator_code, boundaries, area_code, period)
);
COMMENT ON TABLE @extschema@.published_scorecard IS
    'the scorecard as last stored by refresh_monitor(); read it through the view scorecard';

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
COMMENT ON TABLE @extschema@.published_cohort IS
    'the cohorts as last stored by refresh_monitor(); read them through the view cohort';

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
COMMENT ON TABLE @extschema@.published_language_level IS
    'the language level distribution (T2.3) as last stored by refresh_monitor(); read it through the view language_level';

CREATE TABLE @extschema@.published_housing_ledger (
    area_type text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    period text NOT NULL,
    period_start date NOT NULL,
    quota bigint,
    carried_in bigint,
    obligation bigint,
    housed bigint,
    correction bigint,
    closing_balance bigint,
    realisation_quota_pct numeric,
    realisation_obligation_pct numeric,
    met_quota boolean,
    met_obligation boolean,
    missed_in_a_row bigint,
    boundaries text NOT NULL DEFAULT 'historical',
    carried_from_predecessors bigint,
    opening_balance bigint,
    PRIMARY KEY (boundaries, area_code, period)
);
COMMENT ON TABLE @extschema@.published_housing_ledger IS
    'the housing ledger as last stored by refresh_monitor(); read it through the view housing_ledger';

CREATE TABLE @extschema@.published_housing_progress (
    municipality_code text NOT NULL,
    municipality_name text,
    period text NOT NULL,
    month text NOT NULL,
    month_start date NOT NULL,
    months_elapsed bigint NOT NULL,
    obligation bigint,
    housed_to_date bigint NOT NULL,
    expected_to_date numeric,
    on_schedule boolean,
    boundaries text NOT NULL DEFAULT 'historical',
    PRIMARY KEY (boundaries, municipality_code, month)
);
COMMENT ON TABLE @extschema@.published_housing_progress IS
    'the monthly housing schedule as last stored by refresh_monitor(); read it through the view housing_progress';

CREATE TABLE @extschema@.monitor_refresh (
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    refreshed_by name NOT NULL DEFAULT current_user,
    scorecard_rows bigint NOT NULL,
    ledger_rows bigint NOT NULL,
    progress_rows bigint NOT NULL,
    cohort_rows bigint,
    level_rows bigint,
    data_date date
);
COMMENT ON TABLE @extschema@.monitor_refresh IS 'one row per run of refresh_monitor(): when, by whom, how many rows, up to which date the data reach';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_scorecard', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_cohort', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_language_level', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_ledger', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_progress', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.monitor_refresh', '');
