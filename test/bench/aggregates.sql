-- u16's aggregates versus plain SQL doing the same work, in one run.
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;

\ir bench_ms.sql

\echo building the tables (:rows rows, about 9% NULL conditions; 1M shares; 400 x 40 ledger rows) ...
CREATE TABLE bench_rows AS
SELECT i AS person, (i % 400) AS municipality,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 2654435761) % 100 < 37 END AS c
FROM generate_series(1, :rows) i;
VACUUM ANALYZE bench_rows;
CREATE TABLE bench_shares AS
SELECT i, u16.share((i * 7) % 50, 50 + i % 50) AS s FROM generate_series(1, 1000000) i;
VACUUM ANALYZE bench_shares;
-- The same counts as two bigint columns, for the plain-SQL equivalents.
CREATE TABLE bench_counts AS
SELECT i, u16.numerator(s) AS k, u16.denominator(s) AS n FROM bench_shares;
VACUUM ANALYZE bench_counts;
-- A housing ledger: 400 municipalities x 40 half-years.  n (1..40 within a
-- municipality) is not in u16.quota: it lets one recursive CTE walk the ledger
-- without reading periods, which favours that CTE; the other walks period + 1.
CREATE TABLE bench_ledger AS
SELECT m AS municipality, '2000H1'::u16.period + (h - 1) AS period, h AS n,
       (m * 7 + h * 13) % 40 AS quota, (m * 11 + h * 5) % 45 AS housed,
       CASE WHEN (m + h) % 9 = 0 THEN 2 ELSE 0 END AS correction
FROM generate_series(1, 400) m, generate_series(1, 40) h;
VACUUM ANALYZE bench_ledger;
-- The same with bigint counts, as u16.quota stores them (no casts on the u16 side;
-- sum(bigint) accumulates in numeric on the plain side).
CREATE TABLE bench_ledger_bigint AS
SELECT municipality, period, n, quota::bigint AS quota, housed::bigint AS housed, correction::bigint AS correction
FROM bench_ledger;
VACUUM ANALYZE bench_ledger_bigint;

CREATE TABLE pairs (pair text, u16_query text, plain_query text, parallel boolean);
INSERT INTO pairs VALUES
 ('share_agg vs two counts',
  'SELECT u16.share_agg(c) FROM bench_rows',
  'SELECT count(*) FILTER (WHERE c), count(c) FROM bench_rows', true),
 ('share_agg vs count(c) (reads the same column)',
  'SELECT u16.share_agg(c) FROM bench_rows',
  'SELECT count(c) FROM bench_rows', true),
 ('share_agg vs count(*) (reads no column)',
  'SELECT u16.share_agg(c) FROM bench_rows',
  'SELECT count(*) FROM bench_rows', true),
 ('count(c) vs count(*) (built-ins only: the cost of reading the column)',
  'SELECT count(c) FROM bench_rows',
  'SELECT count(*) FROM bench_rows', true),
 ('share_agg per municipality vs counts',
  'SELECT municipality, u16.share_agg(c) FROM bench_rows GROUP BY municipality',
  'SELECT municipality, count(*) FILTER (WHERE c), count(c) FROM bench_rows GROUP BY municipality', true),
 ('rollup 1M shares vs two sums',
  'SELECT u16.rollup(s) FROM bench_shares',
  'SELECT sum(k), sum(n) FROM bench_counts', true),
 ('attainment_agg 1M vs count FILTER',
  'SELECT u16.attainment_agg(s, ''>= 60%'') FROM bench_shares',
  'SELECT count(*) FILTER (WHERE n > 0 AND k * 100 >= 60 * n), count(*) FILTER (WHERE n > 0) FROM bench_counts', true),
 ('quota_deficit window vs sum() window, integer columns',
  'SELECT sum(b) FROM (SELECT u16.quota_deficit(period, quota, housed, correction) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger) x',
  'SELECT sum(b) FROM (SELECT sum(quota - housed + correction) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger) x', false),
 ('quota_deficit window vs sum() window, bigint columns',
  'SELECT sum(b) FROM (SELECT u16.quota_deficit(period, quota, housed, correction) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger_bigint) x',
  'SELECT sum(b) FROM (SELECT sum(quota - housed + correction) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger_bigint) x', false),
 ('quota_deficit no-carry window vs recursive CTE over the period column',
  'SELECT sum(b) FROM (SELECT u16.quota_deficit(period, quota, housed, correction, false) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger) x',
  'WITH RECURSIVE walk AS (SELECT * FROM (SELECT DISTINCT ON (municipality) municipality, period, (quota - housed + correction)::bigint AS b FROM bench_ledger ORDER BY municipality, period) first_period UNION ALL SELECT l.municipality, l.period, greatest(w.b, 0) + l.quota - l.housed + l.correction FROM walk w JOIN bench_ledger l ON l.municipality = w.municipality AND l.period = w.period + 1) SELECT sum(b) FROM walk', false),
 ('quota_deficit no-carry window vs recursive CTE over a precomputed ordinal n',
  'SELECT sum(b) FROM (SELECT u16.quota_deficit(period, quota, housed, correction, false) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger) x',
  'WITH RECURSIVE walk AS (SELECT municipality, n, (quota - housed + correction)::bigint AS b FROM bench_ledger WHERE n = 1 UNION ALL SELECT l.municipality, l.n, greatest(w.b, 0) + l.quota - l.housed + l.correction FROM walk w JOIN bench_ledger l ON l.municipality = w.municipality AND l.n = w.n + 1) SELECT sum(b) FROM walk', false),
 ('quota_deficit no-carry window vs window SQL (running sum minus lowest running sum before)',
  'SELECT sum(b) FROM (SELECT u16.quota_deficit(period, quota, housed, correction, false) OVER (PARTITION BY municipality ORDER BY period) AS b FROM bench_ledger) x',
  'SELECT sum(b) FROM (SELECT s - least(coalesce(min(s) OVER (PARTITION BY municipality ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0), 0) AS b FROM (SELECT municipality, period, sum(quota - housed + correction) OVER (PARTITION BY municipality ORDER BY period) AS s FROM bench_ledger) y) x', false),
 ('quota_deficit per municipality vs recursive CTE',
  'SELECT municipality, u16.quota_deficit(period, quota, housed, correction, false) FROM bench_ledger GROUP BY municipality',
  'WITH RECURSIVE walk AS (SELECT municipality, n, (quota - housed + correction)::bigint AS b FROM bench_ledger WHERE n = 1 UNION ALL SELECT l.municipality, l.n, greatest(w.b, 0) + l.quota - l.housed + l.correction FROM walk w JOIN bench_ledger l ON l.municipality = w.municipality AND l.n = w.n + 1) SELECT municipality, b FROM walk WHERE n = 40', false);

-- The ledger pairs give the same rows on both sides (the share pairs give the
-- same counts in another shape): checked before anything is timed.
DO $$
DECLARE
    p record;
    differing bigint;
BEGIN
    FOR p IN SELECT * FROM pairs WHERE pair LIKE 'quota_deficit%' LOOP
        EXECUTE format('SELECT count(*) FROM (((%1$s) EXCEPT ALL (%2$s)) UNION ALL ((%2$s) EXCEPT ALL (%1$s))) d',
                       p.u16_query, p.plain_query) INTO differing;
        IF differing > 0 THEN
            RAISE EXCEPTION 'u16 and plain SQL disagree: %', p.pair;
        END IF;
    END LOOP;
END $$;

CREATE TEMP TABLE results (pair text, workers int, u16_ms numeric, plain_ms numeric);

SET max_parallel_workers_per_gather = 0;
INSERT INTO results SELECT pair, 0, (t).u16_ms, (t).plain_ms
FROM (SELECT pair, bench_pair(u16_query, plain_query, :reps) AS t FROM pairs) x;
SET max_parallel_workers_per_gather = 2;
INSERT INTO results SELECT pair, 2, (t).u16_ms, (t).plain_ms
FROM (SELECT pair, bench_pair(u16_query, plain_query, :reps) AS t FROM pairs WHERE parallel) x;

\echo
\echo 'Median wall time (ms) of the u16 query and of plain SQL doing the same work, timed in'
\echo 'turns; ratio = u16 / plain (1.00 = same speed, below 1 = u16 faster); 0 workers = serial,'
\echo '2 = parallel.  The count(c) vs count(*) row has built-ins on both sides: it is the floor'
\echo 'for any aggregate that reads the column.'
SELECT r.pair AS comparison, r.workers, round(r.u16_ms, 1) AS u16_ms, round(r.plain_ms, 1) AS plain_ms,
       round(r.u16_ms / r.plain_ms, 2) AS ratio
FROM results r
ORDER BY (SELECT min(ctid) FROM pairs p WHERE p.pair = r.pair), r.workers;

\echo 'Parallel speedup (serial ms / 2-worker ms):'
SELECT s.pair AS comparison, round(s.u16_ms / p.u16_ms, 2) AS u16_speedup, round(s.plain_ms / p.plain_ms, 2) AS plain_speedup
FROM results s JOIN results p ON p.pair = s.pair AND p.workers = 2
WHERE s.workers = 0 AND s.pair IN ('share_agg vs two counts', 'share_agg per municipality vs counts')
ORDER BY 1;

\echo 'Memory of the aggregate nodes (EXPLAIN ANALYZE, serial):'
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT municipality, u16.share_agg(c) FROM bench_rows GROUP BY municipality;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF, SUMMARY OFF)
SELECT municipality, u16.quota_ledger(period, quota, housed) FROM bench_ledger GROUP BY municipality;
