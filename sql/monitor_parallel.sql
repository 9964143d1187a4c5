-- The monitor's live views and refresh_monitor() in forced-parallel plans give the
-- same rows as serial plans (test/data/monitor_fixture.sql).  Runs in a database
-- of its own.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_monitor_parallel;
CREATE DATABASE u16_monitor_parallel;
\c u16_monitor_parallel
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
\i test/data/monitor_fixture.sql
ANALYZE;

-- Serial results.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_cells AS SELECT * FROM indicator_cell_live;
CREATE TEMP TABLE serial_ledger AS SELECT * FROM housing_ledger_live;
SELECT count(*) > 0 AS refreshed FROM refresh_monitor();
CREATE TEMP TABLE serial_progress AS SELECT * FROM housing_progress_live;
CREATE TEMP TABLE serial_scorecard AS SELECT * FROM scorecard;
CREATE TEMP TABLE serial_cohort AS SELECT * FROM cohort;

-- Parallel plans wherever PostgreSQL can make them, workers doing all the work.
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET min_parallel_index_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

-- Which nodes of a plan match a pattern (the plans themselves vary with the version).
CREATE FUNCTION plan_has(query text, pattern text) RETURNS boolean LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line ~ pattern THEN
            RETURN true;
        END IF;
    END LOOP;
    RETURN false;
END $$;
SELECT plan_has('SELECT * FROM indicator_cell_live', 'Gather') AS cells_plan_parallel,
       plan_has('SELECT * FROM indicator_cell_live', 'Parallel Append') AS person_parts_shared_out,
       plan_has('SELECT p.municipality_code, share_agg(s.paid_work) FROM status_snapshot s JOIN person p USING (person_id) GROUP BY 1',
                'Partial (Hash|Group)?Aggregate') AS share_agg_partial,
       plan_has('SELECT p.municipality_code, share_agg(s.paid_work) FROM status_snapshot s JOIN person p USING (person_id) GROUP BY 1',
                'Finalize (Hash|Group)?Aggregate') AS share_agg_finalize;

-- Rows in one result and not in the other: all 0.
CREATE FUNCTION differences(a text, b text) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    n bigint;
    m bigint;
BEGIN
    EXECUTE format('SELECT count(*) FROM (TABLE %s EXCEPT ALL TABLE %s) x', a, b) INTO n;
    EXECUTE format('SELECT count(*) FROM (TABLE %s EXCEPT ALL TABLE %s) x', b, a) INTO m;
    RETURN n + m;
END $$;
CREATE TEMP TABLE parallel_cells AS SELECT * FROM indicator_cell_live;
CREATE TEMP TABLE parallel_ledger AS SELECT * FROM housing_ledger_live;
CREATE TEMP TABLE parallel_progress AS SELECT * FROM housing_progress_live;
SELECT count(*) > 0 AS refreshed FROM refresh_monitor();
CREATE TEMP TABLE parallel_scorecard AS SELECT * FROM scorecard;
CREATE TEMP TABLE parallel_cohort AS SELECT * FROM cohort;
SELECT 'indicator_cell_live' AS view, (SELECT count(*) FROM serial_cells) > 0 AS has_rows,
       differences('serial_cells', 'parallel_cells')
UNION ALL SELECT 'housing_ledger_live', (SELECT count(*) FROM serial_ledger) > 0, differences('serial_ledger', 'parallel_ledger')
UNION ALL SELECT 'housing_progress_live', (SELECT count(*) FROM serial_progress) > 0, differences('serial_progress', 'parallel_progress')
UNION ALL SELECT 'refresh_monitor: scorecard', (SELECT count(*) FROM serial_scorecard) > 0, differences('serial_scorecard', 'parallel_scorecard')
UNION ALL SELECT 'refresh_monitor: cohort', (SELECT count(*) FROM serial_cohort) > 0, differences('serial_cohort', 'parallel_cohort');

-- And with every parallel-safe query run in a worker (force_parallel_mode, PG 16+:
-- debug_parallel_query): the views' functions are safe to run there.
SELECT set_config(CASE WHEN current_setting('server_version_num')::integer >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'on', false) AS forced;
CREATE TEMP TABLE forced_ledger AS SELECT * FROM housing_ledger_live;
SELECT count(*) > 0 AS refreshed FROM refresh_monitor();
CREATE TEMP TABLE forced_scorecard AS SELECT * FROM scorecard;
SELECT differences('serial_scorecard', 'forced_scorecard') AS scorecard_differences,
       differences('serial_ledger', 'forced_ledger') AS ledger_differences;

RESET parallel_setup_cost; RESET parallel_tuple_cost; RESET min_parallel_table_scan_size;
RESET min_parallel_index_scan_size; RESET parallel_leader_participation;
SELECT set_config(CASE WHEN current_setting('server_version_num')::integer >= 160000
                       THEN 'debug_parallel_query' ELSE 'force_parallel_mode' END, 'off', false) AS unforced;

-- The person pass in parts (person_cells(part, parts, reference_dates)): the parts split the
-- persons along the histogram of person.person_id, so each part has persons of
-- its own, and together they give exactly the cells of one pass over everyone.
SET max_parallel_workers_per_gather = 2;
CREATE TEMP TABLE reference_dates AS
SELECT array_agg(reference_date(period(make_date(y, 1, 1), 'year')) ORDER BY y) AS d
FROM monitor_dates b, generate_series(b.first_year, b.last_year) y;
CREATE TEMP TABLE whole AS SELECT * FROM person_cells(1, 1, (SELECT d FROM reference_dates));
CREATE TEMP TABLE parts AS SELECT p, c.* FROM generate_series(1, 8) p, person_cells(p, 8, (SELECT d FROM reference_dates)) c;
CREATE TEMP TABLE summed AS
SELECT indicator_code, municipality_code, year, cohort_year, level, sum(numerator)::bigint AS numerator,
       sum(denominator)::bigint AS denominator, max(open_until) AS open_until, month
FROM parts GROUP BY 1, 2, 3, 4, 5, month;
SELECT (SELECT count(*) FROM whole) > 0 AS has_cells, count(DISTINCT p) AS parts_with_cells,
       differences('whole', 'summed') AS differences
FROM parts;
-- Where no workers may run, part 1 is everyone and the others are empty.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_parts AS SELECT p, c.* FROM generate_series(1, 8) p, person_cells(p, 8, (SELECT d FROM reference_dates)) c;
CREATE TEMP TABLE serial_parts_cells AS
SELECT indicator_code, municipality_code, year, cohort_year, level, numerator, denominator, open_until, month FROM serial_parts;
SELECT count(DISTINCT p) AS parts_with_cells, min(p) AS the_part, differences('whole', 'serial_parts_cells') AS differences
FROM serial_parts;
SET max_parallel_workers_per_gather = 2;
-- Nor without a histogram (statistics removed).
DELETE FROM pg_statistic WHERE starelid = 'person'::regclass;
CREATE TEMP TABLE unsplit AS SELECT p, c.* FROM generate_series(1, 8) p, person_cells(p, 8, (SELECT d FROM reference_dates)) c;
CREATE TEMP TABLE unsplit_cells AS
SELECT indicator_code, municipality_code, year, cohort_year, level, numerator, denominator, open_until, month FROM unsplit;
SELECT count(DISTINCT p) AS parts_with_cells, min(p) AS the_part, differences('whole', 'unsplit_cells') AS differences
FROM unsplit;
SELECT * FROM person_cells(0, 8, '{}');
SELECT * FROM person_cells(9, 8, '{}');

\c contrib_regression
DROP DATABASE u16_monitor_parallel;
