-- share_agg and rollup versus the built-in counts doing the same work.
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION u16;

-- Median wall time in ms of :reps runs of a query (after one warm-up run).
CREATE FUNCTION bench_ms(query text, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    times numeric[] := '{}';
BEGIN
    EXECUTE query;
    FOR i IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
    END LOOP;
    RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x);
END $$;

\echo building the table (:rows rows, about 9% NULL conditions) ...
CREATE TABLE bench_rows AS
SELECT i AS person, (i % 400) AS municipality,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 2654435761) % 100 < 37 END AS c
FROM generate_series(1, :rows) i;
VACUUM ANALYZE bench_rows;
-- One million shares for rollup.
CREATE TABLE bench_shares AS
SELECT i, u16.share((i * 7) % 50, 50 + i % 50) AS s FROM generate_series(1, 1000000) i;
VACUUM ANALYZE bench_shares;
-- The same counts as two bigint columns, for the plain-SQL equivalent of rollup.
CREATE TABLE bench_counts AS
SELECT i, u16.numerator(s) AS k, u16.denominator(s) AS n FROM bench_shares;
VACUUM ANALYZE bench_counts;

CREATE TEMP TABLE results (workers int, label text, ms numeric);

\set run_all 'INSERT INTO results SELECT current_setting(''max_parallel_workers_per_gather'')::int, label, bench_ms(q, :reps) FROM (VALUES (''scan: count(*)'', ''SELECT count(*) FROM bench_rows''), (''built-in: count(*) FILTER (WHERE c), count(c)'', ''SELECT count(*) FILTER (WHERE c), count(c) FROM bench_rows''), (''u16: share_agg(c)'', ''SELECT u16.share_agg(c) FROM bench_rows''), (''built-in: per municipality'', ''SELECT municipality, count(*) FILTER (WHERE c), count(c) FROM bench_rows GROUP BY municipality''), (''u16: share_agg(c) per municipality'', ''SELECT municipality, u16.share_agg(c) FROM bench_rows GROUP BY municipality''), (''built-in: sum(k), sum(n) over 1M rows'', ''SELECT sum(k), sum(n) FROM bench_counts''), (''u16: rollup(s) over 1M shares'', ''SELECT u16.rollup(s) FROM bench_shares'')) AS v(label, q)'

SET max_parallel_workers_per_gather = 0;
:run_all;
SET max_parallel_workers_per_gather = 2;
:run_all;

\echo
\echo 'Median wall time per query (ms) and ratios; serial = 0 workers, parallel = 2 workers.'
SELECT label,
       max(ms) FILTER (WHERE workers = 0) AS serial_ms,
       max(ms) FILTER (WHERE workers = 2) AS parallel_ms,
       round(max(ms) FILTER (WHERE workers = 0) / max(ms) FILTER (WHERE workers = 2), 2) AS parallel_speedup
FROM results GROUP BY label ORDER BY min(ctid);

\echo
\echo 'Ratios (u16 / plain SQL; 1.00 = same speed, below 1 = u16 faster):'
WITH r AS (SELECT workers, label, ms FROM results)
SELECT w.workers,
       round(a.ms / b.ms, 2) AS share_agg_vs_two_counts,
       round(a.ms / s.ms, 2) AS share_agg_vs_count_star,
       round(g.ms / gb.ms, 2) AS grouped_share_agg_vs_counts,
       round(ru.ms / rb.ms, 2) AS rollup_vs_two_sums
FROM (SELECT DISTINCT workers FROM r) w
JOIN r a  ON a.workers = w.workers  AND a.label = 'u16: share_agg(c)'
JOIN r b  ON b.workers = w.workers  AND b.label = 'built-in: count(*) FILTER (WHERE c), count(c)'
JOIN r s  ON s.workers = w.workers  AND s.label = 'scan: count(*)'
JOIN r g  ON g.workers = w.workers  AND g.label = 'u16: share_agg(c) per municipality'
JOIN r gb ON gb.workers = w.workers AND gb.label = 'built-in: per municipality'
JOIN r ru ON ru.workers = w.workers AND ru.label = 'u16: rollup(s) over 1M shares'
JOIN r rb ON rb.workers = w.workers AND rb.label = 'built-in: sum(k), sum(n) over 1M rows'
ORDER BY w.workers;
