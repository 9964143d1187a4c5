-- The monitor at national scale: refresh_monitor() and the internal live views,
-- and three indicators against independent plain SQL computing the same figures.
-- Run by test/bench/run (BENCH=monitor) on a database that holds the demo data of
-- test/demo/generate.sql at scale :scale.  Variables: scale, reps, explain, outfile
-- (the paired timings go there as CSV: scale, item, workers, ms; run compares scales
-- and times the views in `items` at every scale in turns).
\pset footer off
SET client_min_messages = warning;
SET search_path = public, u16;

\ir bench_ms.sql

\echo
\echo '== scale' :scale
SELECT (SELECT count(*) FROM u16.municipality) AS municipalities, (SELECT count(*) FROM u16.person) AS persons,
       (SELECT count(*) FROM u16.status_snapshot) AS status_rows, (SELECT count(*) FROM u16.housing) AS housing_rows,
       pg_size_pretty(pg_database_size(current_database())) AS database_size;

-- Plain SQL, written independently of the views: no u16 functions or aggregates,
-- years and half-years as text.  Each computes the municipal cells of one
-- indicator on historical boundaries, by the rules of docs/monitor.md: where a
-- person lived on the reference date (residence, else person.municipality_code
-- for persons without residence rows), a code after its merger counting as its
-- successor, the latest status at most snapshot_max_age_days old.
CREATE VIEW plain_setting AS
SELECT (SELECT value FROM u16.setting WHERE name = 'reference_day') AS reference_day,
       (SELECT value::integer FROM u16.setting WHERE name = 'snapshot_max_age_days') AS max_age,
       (SELECT value::integer FROM u16.setting WHERE name = 'join_window_months') AS join_window;
CREATE VIEW plain_year AS          -- the years of the statuses, with their reference dates
SELECT y::text AS year, to_date(y || '-' || (SELECT reference_day FROM plain_setting), 'YYYY-MM-DD') AS reference_date
FROM generate_series((SELECT extract(year FROM min(reference_date))::integer FROM u16.status_snapshot),
                     (SELECT extract(year FROM max(reference_date))::integer FROM u16.status_snapshot)) y;
CREATE VIEW plain_successor AS     -- the code a municipality code counts as on a day
SELECT old_code::text AS code, new_code::text AS counts_as, effective_on FROM u16.municipality_succession;
CREATE VIEW plain_t26 AS           -- T2.6 paid work, persons 18-65
WITH latest AS (
    SELECT DISTINCT ON (s.person_id, y.year) s.person_id, y.year, y.reference_date, s.paid_work
    FROM u16.status_snapshot s
    JOIN plain_year y ON s.reference_date <= y.reference_date
                     AND s.reference_date >= y.reference_date - (SELECT max_age FROM plain_setting)
    ORDER BY s.person_id, y.year, s.reference_date DESC
),
lived AS (
    SELECT l.*, p.birth_year,
           CASE WHEN EXISTS (SELECT FROM u16.residence r WHERE r.person_id = l.person_id)
                THEN (SELECT r.municipality_code::text FROM u16.residence r
                      WHERE r.person_id = l.person_id AND l.reference_date BETWEEN r.valid_from AND coalesce(r.valid_to, 'infinity'))
                ELSE p.municipality_code::text END AS code
    FROM latest l JOIN u16.person p ON p.person_id = l.person_id
)
SELECT coalesce(x.counts_as, l.code) AS municipality_code, l.year,
       count(*) FILTER (WHERE l.paid_work AND l.year::integer - l.birth_year BETWEEN 18 AND 65) AS numerator,
       count(l.paid_work) FILTER (WHERE l.year::integer - l.birth_year BETWEEN 18 AND 65) AS denominator
FROM lived l
LEFT JOIN plain_successor x ON x.code = l.code AND l.reference_date >= x.effective_on
WHERE l.code IS NOT NULL
GROUP BY 1, 2;

CREATE VIEW plain_t13 AS           -- T1.3 joined the pathway within the window after the first coupling of the year
SELECT coalesce(x.counts_as, c.municipality_code) AS municipality_code, c.year,
       count(*) FILTER (WHERE j.first_join <= c.coupled_on + make_interval(months => (SELECT join_window FROM plain_setting)))
           AS numerator,
       count(*) AS denominator
FROM (SELECT DISTINCT ON (person_id, to_char(coupled_on, 'YYYY'))
             person_id, municipality_code::text AS municipality_code, coupled_on, to_char(coupled_on, 'YYYY') AS year
      FROM u16.coupling ORDER BY person_id, to_char(coupled_on, 'YYYY'), coupled_on) c
LEFT JOIN (SELECT person_id, min(joined_on) AS first_join FROM u16.pathway_join GROUP BY 1) j USING (person_id)
LEFT JOIN plain_successor x ON x.code = c.municipality_code AND c.coupled_on >= x.effective_on
GROUP BY 1, 2;

-- T3.1 and the housing ledger: quota, persons housed (first housing, by half-year),
-- corrections and the opening balance, walked half-year by half-year in a recursive CTE.
CREATE VIEW plain_ledger AS
WITH RECURSIVE
carry AS (SELECT value::boolean AS carry FROM u16.setting WHERE name = 'carry_surplus'),
first_housing AS (
    SELECT DISTINCT ON (person_id) municipality_code::text AS municipality_code,
           to_char(housed_on, 'YYYY') || CASE WHEN extract(month FROM housed_on) <= 6 THEN 'H1' ELSE 'H2' END AS period
    FROM u16.housing ORDER BY person_id, housed_on
),
figures AS (
    SELECT municipality_code, period, sum(quota)::bigint AS quota, sum(housed)::bigint AS housed,
           sum(correction)::bigint AS correction
    FROM (SELECT municipality_code::text, period::text, quota, 0 AS housed, 0 AS correction FROM u16.quota
          UNION ALL SELECT municipality_code, period, 0, count(*), 0 FROM first_housing GROUP BY 1, 2
          UNION ALL SELECT municipality_code::text, period::text, 0, 0, correction FROM u16.quota_correction) f
    GROUP BY 1, 2
),
numbered AS (
    SELECT f.*, o.balance AS opening,
           row_number() OVER (PARTITION BY f.municipality_code ORDER BY f.period) AS n
    FROM figures f
    LEFT JOIN u16.opening_balance o ON o.municipality_code::text = f.municipality_code
    WHERE o.period IS NULL OR f.period >= o.period::text
),
walk AS (
    SELECT municipality_code, n, period, quota, housed, correction, c.carried,
           quota + c.carried AS obligation, quota + c.carried - housed + correction AS closing_balance
    FROM numbered,
         LATERAL (SELECT CASE WHEN (SELECT carry FROM carry) THEN coalesce(opening, 0)
                              ELSE greatest(coalesce(opening, 0), 0) END AS carried) c
    WHERE n = 1
    UNION ALL
    SELECT f.municipality_code, f.n, f.period, f.quota, f.housed, f.correction, c.carried,
           f.quota + c.carried, f.quota + c.carried - f.housed + f.correction
    FROM walk w
    JOIN numbered f ON f.municipality_code = w.municipality_code AND f.n = w.n + 1,
         LATERAL (SELECT CASE WHEN (SELECT carry FROM carry) THEN w.closing_balance
                              ELSE greatest(w.closing_balance, 0) END AS carried) c
)
SELECT municipality_code, period, quota, carried AS carried_in, obligation, housed, correction, closing_balance,
       obligation <= 0 OR housed >= obligation AS met_obligation
FROM walk
-- (the carry across a merger is checked against hand computations by sql/monitor_time.sql)
WHERE municipality_code NOT IN (SELECT old_code::text FROM u16.municipality_succession
                                UNION SELECT new_code::text FROM u16.municipality_succession);

-- The same figures from the u16 views, restricted to one indicator (the planner
-- runs only that indicator's branch of indicator_cell_live).
-- (cells are per cohort: their sum is the municipality's figure).
CREATE VIEW u16_t26 AS
SELECT municipality_code, period::text AS year, sum(numerator)::bigint AS numerator, sum(denominator)::bigint AS denominator
FROM u16.indicator_cell_live WHERE indicator_code = 'T2.6' GROUP BY 1, 2;
CREATE VIEW u16_t13 AS
SELECT municipality_code, period::text AS year, sum(numerator)::bigint AS numerator, sum(denominator)::bigint AS denominator
FROM u16.indicator_cell_live WHERE indicator_code = 'T1.3' GROUP BY 1, 2;
CREATE VIEW u16_ledger AS
SELECT area_code AS municipality_code, period::text AS period, quota, carried_in, obligation, housed, correction,
       closing_balance, met_obligation
FROM u16.housing_ledger_live
WHERE boundaries = 'historical' AND area_type = 'municipality'
  AND area_code NOT IN (SELECT old_code::text FROM u16.municipality_succession
                        UNION SELECT new_code::text FROM u16.municipality_succession);

\echo 'Same figures? (rows in one result and not in the other; cells with persons only)'
CREATE TABLE same AS
SELECT 'T2.6 paid work' AS indicator,
       (SELECT count(*) FROM (SELECT * FROM u16_t26 WHERE denominator > 0 EXCEPT ALL SELECT * FROM plain_t26 WHERE denominator > 0) x) AS only_u16,
       (SELECT count(*) FROM (SELECT * FROM plain_t26 WHERE denominator > 0 EXCEPT ALL SELECT * FROM u16_t26 WHERE denominator > 0) x) AS only_plain,
       (SELECT count(*) FROM u16_t26 WHERE denominator > 0) AS cells
UNION ALL
SELECT 'T1.3 joined the pathway',
       (SELECT count(*) FROM (SELECT * FROM u16_t13 EXCEPT ALL SELECT * FROM plain_t13) x),
       (SELECT count(*) FROM (SELECT * FROM plain_t13 EXCEPT ALL SELECT * FROM u16_t13) x),
       (SELECT count(*) FROM u16_t13)
UNION ALL
SELECT 'T3.1 housing ledger',
       (SELECT count(*) FROM (SELECT * FROM u16_ledger EXCEPT ALL SELECT * FROM plain_ledger) x),
       (SELECT count(*) FROM (SELECT * FROM plain_ledger EXCEPT ALL SELECT * FROM u16_ledger) x),
       (SELECT count(*) FROM u16_ledger);
SELECT * FROM same;
-- No timing of figures that differ.
DO $$
BEGIN
    IF EXISTS (SELECT FROM same WHERE only_u16 > 0 OR only_plain > 0 OR cells = 0) THEN
        RAISE EXCEPTION 'u16 and the plain SQL disagree (or found no cells): no timings are reported';
    END IF;
END $$;

-- The views, timed by test/bench/run at every scale in turns (for the growth);
-- here only their plans are shown.  "scan of the inputs" reads every row of every
-- table refresh_monitor() reads, once: the floor of any computation of the monitor.
-- The years' reference dates, which the person pass takes as an argument (computed
-- here once, so that timing the pass does not time the span of the data too).
CREATE TABLE reference_dates AS
SELECT array_agg(u16.reference_date(u16.period(make_date(y, 1, 1), 'year')) ORDER BY y) AS d
FROM u16.monitor_dates b, generate_series(b.first_year, b.last_year) y;
CREATE TABLE items (item text, query text, parallel boolean);
INSERT INTO items VALUES
 ('scan of the inputs', 'SELECT count(*) FROM (SELECT FROM u16.person UNION ALL SELECT FROM u16.residence UNION ALL SELECT FROM u16.coupling
     UNION ALL SELECT FROM u16.housing UNION ALL SELECT FROM u16.assessment UNION ALL SELECT FROM u16.pathway_join
     UNION ALL SELECT FROM u16.status_snapshot UNION ALL SELECT FROM u16.language_measurement
     UNION ALL SELECT FROM u16.civic_integration
     UNION ALL SELECT FROM u16.municipal_employment UNION ALL SELECT FROM u16.volunteer_count
     UNION ALL SELECT FROM u16.flexible_housing_project UNION ALL SELECT FROM u16.milestone
     UNION ALL SELECT FROM u16.quota UNION ALL SELECT FROM u16.quota_correction UNION ALL SELECT FROM u16.opening_balance
     UNION ALL SELECT FROM u16.assessment_note UNION ALL SELECT FROM u16.reception_location
     UNION ALL SELECT FROM u16.region_member UNION ALL SELECT FROM u16.municipality_succession) x', true),
 -- The hardest step alone, as plainly as it can be written: each person's status
 -- on each year's reference date (the latest snapshot at most 92 days older than
 -- 31 December, the default settings) and any language activity in the year, in one
 -- pass; no residence, persons, ages or indicators.
 ('latest snapshot per person and year', 'SELECT count(*) FROM (
     SELECT person_id, extract(year FROM reference_date)::integer AS year,
            max((reference_date - DATE ''1900-01-01'') * 64 + CASE WHEN paid_work THEN 2 WHEN NOT paid_work THEN 1 ELSE 0 END)
                FILTER (WHERE reference_date >= make_date(extract(year FROM reference_date)::integer, 12, 31) - 92),
            bool_or(language_activity)
     FROM u16.status_snapshot GROUP BY 1, 2) x', true),
 -- What the person indicators' pass reads (every person-level table, each in
 -- person order from its primary key), and the pass itself.
 ('person inputs in person order', 'SELECT (SELECT count(*) FROM (SELECT * FROM u16.person ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.residence ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.status_snapshot ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.language_measurement ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.civic_integration ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.coupling ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.pathway_join ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.housing ORDER BY person_id OFFSET 0) x)
     + (SELECT count(*) FROM (SELECT * FROM u16.assessment ORDER BY person_id OFFSET 0) x)', false),
 ('person_cells()', 'SELECT count(*) FROM u16.person_cells(1, 1, (SELECT d FROM reference_dates))', false),
 ('refresh_monitor()', 'SELECT * FROM u16.refresh_monitor()', true),
 ('indicator_cell_live', 'SELECT * FROM u16.indicator_cell_live', true),
 ('housing_ledger_live', 'SELECT * FROM u16.housing_ledger_live', true),
 ('housing_progress_live', 'SELECT * FROM u16.housing_progress_live', false);
-- u16 and plain SQL for the same figures, timed in turns (bench_pair).
CREATE TABLE pairs (indicator text, u16_query text, plain_query text, parallel boolean);
INSERT INTO pairs VALUES
 ('T2.6', 'SELECT * FROM u16_t26', 'SELECT * FROM plain_t26', true),
 ('T1.3', 'SELECT * FROM u16_t13', 'SELECT * FROM plain_t13', true),
 ('T3.1 ledger', 'SELECT * FROM u16_ledger', 'SELECT * FROM plain_ledger', false),
 -- Every snapshot (no last-per-year step), where PostgreSQL plans partial aggregation.
 ('all snapshots',
  'SELECT p.municipality_code, u16.share_agg(s.paid_work) FROM u16.status_snapshot s JOIN u16.person p USING (person_id) GROUP BY 1',
  'SELECT p.municipality_code, count(*) FILTER (WHERE s.paid_work), count(s.paid_work) FROM u16.status_snapshot s JOIN u16.person p USING (person_id) GROUP BY 1',
  true);

CREATE TABLE results (scale int, item text, workers int, ms numeric);
CREATE FUNCTION run_pairs(scale int, reps int, workers int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    i record;
    t record;
BEGIN
    PERFORM set_config('max_parallel_workers_per_gather', workers::text, false);
    FOR i IN SELECT * FROM pairs WHERE workers = 0 OR parallel ORDER BY ctid LOOP
        t := bench_pair(i.u16_query, i.plain_query, reps);
        INSERT INTO results VALUES (scale, i.indicator || ' u16', workers, t.u16_ms),
                                   (scale, i.indicator || ' plain', workers, t.plain_ms);
    END LOOP;
END $$;
SELECT run_pairs(:scale, :reps, 0) \g /dev/null
SELECT run_pairs(:scale, :reps, 2) \g /dev/null

\echo 'u16 / plain SQL for the same figures, timed in turns (below 1 = u16 faster):'
SELECT replace(u.item, ' u16', '') AS indicator, u.workers, round(u.ms) AS u16_ms, round(p.ms) AS plain_ms,
       round(u.ms / p.ms, 2) AS ratio
FROM results u JOIN results p ON p.item = replace(u.item, ' u16', ' plain') AND p.workers = u.workers
WHERE u.item LIKE '% u16' ORDER BY 1, 2;

\o :outfile
COPY (SELECT scale, item, workers, round(ms, 1) FROM results) TO STDOUT WITH (FORMAT csv);
\o

\if :explain
\echo
\echo 'Parallel plans with 2 workers (max_parallel_workers_per_gather = 2): parallel and'
\echo 'aggregate nodes (EXPLAIN, COSTS OFF) of the views, of T2.6 in u16 and in plain SQL, and'
\echo 'of the share of paid work over all snapshots per municipality in u16 and in plain SQL:'
SET max_parallel_workers_per_gather = 2;
CREATE FUNCTION plan_lines(query text, pattern text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    line text;
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || query LOOP
        IF line ~ pattern THEN
            RETURN NEXT line;
        END IF;
    END LOOP;
END $$;
CREATE TEMP TABLE plan_items AS
SELECT item, query FROM items WHERE item IN ('indicator_cell_live', 'housing_ledger_live')
UNION ALL SELECT indicator || ' u16', u16_query FROM pairs WHERE indicator IN ('T2.6', 'all snapshots')
UNION ALL SELECT indicator || ' plain', plain_query FROM pairs WHERE indicator IN ('T2.6', 'all snapshots');
SELECT i.item, regexp_replace(regexp_replace(l, '^\s*(->\s*)?', ''), '\s+\(.*$', '') AS node, count(*)
FROM plan_items i, plan_lines(i.query, '(Partial|Finalize|Gather|Parallel|Aggregate)') l
GROUP BY 1, 2 ORDER BY (SELECT min(ctid) FROM plan_items j WHERE j.item = i.item), 3 DESC, 2;

\echo
\echo 'Memory: the cells with work_mem = 64MB and with work_mem = 1MB, serial (EXPLAIN ANALYZE):'
\echo 'sorts and hash aggregates spill to disk at 1MB instead of growing beyond work_mem.'
SET max_parallel_workers_per_gather = 0;
-- The memory lines of a plan, by kind of node: how many, the largest memory and disk use.
CREATE FUNCTION memory_lines(query text)
RETURNS TABLE (node text, count bigint, max_memory_kb bigint, max_disk_kb bigint) LANGUAGE plpgsql AS $$
DECLARE
    line text;
    lines text[] := '{}';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ' || query LOOP
        lines := lines || regexp_replace(line, '^\s+', '');
    END LOOP;
    RETURN QUERY
    SELECT k, count(*), max((regexp_match(l, 'Memory(?: Usage)?: (\d+)kB'))[1]::bigint),
           max((regexp_match(l, 'Disk(?: Usage)?: (\d+)kB'))[1]::bigint)
    FROM unnest(lines) l,
         LATERAL (SELECT CASE
             WHEN l ~ '^Sort Method: (external|top-N)' AND l ~ 'Disk' THEN 'sort, spilled to disk (external merge)'
             WHEN l ~ 'Sort Method: quicksort' THEN 'sort, in memory (quicksort)'
             WHEN l ~ '^Batches: 1 ' THEN 'hash aggregate, in memory (Batches: 1)'
             WHEN l ~ '^Batches: ' THEN 'hash aggregate, spilled to disk (Batches > 1)'
             WHEN l ~ '^Buckets: .*Batches: 1 ' THEN 'hash join, in memory (Batches: 1)'
             WHEN l ~ '^Buckets: ' THEN 'hash join, in batches on disk (Batches > 1)'
             END AS k) c
    WHERE k IS NOT NULL
    GROUP BY k ORDER BY k;
END $$;
CREATE FUNCTION memory_peak(query text) RETURNS TABLE (max_memory_kb bigint, max_disk_kb bigint, temp_blocks_written bigint)
LANGUAGE plpgsql AS $$
DECLARE
    line text;
    lines text[] := '{}';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) ' || query LOOP
        lines := lines || line;
    END LOOP;
    RETURN QUERY
    SELECT max((regexp_match(l, '(?:Memory Usage|Memory|Peak Memory): (\d+)kB'))[1]::bigint),
           max((regexp_match(l, '(?:Disk Usage|Disk): (\d+)kB'))[1]::bigint),
           max((regexp_match(l, 'temp .*written=(\d+)'))[1]::bigint)
    FROM unnest(lines) l;
END $$;
SET work_mem = '64MB';
SELECT * FROM memory_lines('SELECT * FROM u16.indicator_cell_live');
SELECT '64MB' AS work_mem, * FROM memory_peak('SELECT * FROM u16.indicator_cell_live');
SET work_mem = '1MB';
SELECT * FROM memory_lines('SELECT * FROM u16.indicator_cell_live');
SELECT '1MB' AS work_mem, * FROM memory_peak('SELECT * FROM u16.indicator_cell_live');
RESET work_mem;

\echo
\echo 'What a refresh writes (WAL, and the size of the published tables after it), serial:'
\echo 'into empty published tables, then again on the same data, where publish() keeps every'
\echo 'row that did not change.'
CREATE FUNCTION refresh_written(what text) RETURNS TABLE (refresh text, wal text, published_size text)
LANGUAGE plpgsql AS $$
DECLARE
    start pg_lsn := pg_current_wal_lsn();
BEGIN
    PERFORM u16.refresh_monitor();
    RETURN QUERY
    SELECT what, pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), start)),
           pg_size_pretty(sum(pg_total_relation_size(c.oid)))
    FROM pg_class c WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'published%';
END $$;
DELETE FROM u16.published_scorecard;
DELETE FROM u16.published_cohort;
DELETE FROM u16.published_language_level;
DELETE FROM u16.published_housing_ledger;
DELETE FROM u16.published_housing_progress;
VACUUM u16.published_scorecard, u16.published_cohort, u16.published_language_level, u16.published_housing_ledger,
    u16.published_housing_progress;
SELECT * FROM refresh_written('into empty tables');
SELECT * FROM refresh_written('same data again');
\endif
