-- share_agg and rollup in forced-parallel plans: Partial/Finalize Aggregate
SET search_path = public, u16;

CREATE TABLE share_parallel_rows AS
SELECT i, i % 16 AS grp,
       CASE WHEN i % 9 = 0 THEN NULL ELSE (i * 2654435761) % 100 < 37 END AS c
FROM generate_series(1, 100000) i;
ANALYZE share_parallel_rows;

-- Serial results first.
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE serial_total AS SELECT share_agg(c) AS s FROM share_parallel_rows;
CREATE TEMP TABLE serial_groups AS SELECT grp, share_agg(c) AS s FROM share_parallel_rows GROUP BY grp;

SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;

EXPLAIN (COSTS OFF) SELECT share_agg(c) FROM share_parallel_rows;
SELECT share_agg(c) = (SELECT s FROM serial_total) AS parallel_equals_serial,
       share_agg(c) = share(count(*) FILTER (WHERE c), count(c)) AS equals_count
FROM share_parallel_rows;

EXPLAIN (COSTS OFF) SELECT grp, share_agg(c) FROM share_parallel_rows GROUP BY grp;
SELECT count(*) AS groups, count(*) FILTER (WHERE p.s = s.s) AS equal
FROM (SELECT grp, share_agg(c) AS s FROM share_parallel_rows GROUP BY grp) p
JOIN serial_groups s USING (grp);

-- rollup in parallel, over a table of shares.
CREATE TABLE share_parallel_shares AS
    SELECT i, share_agg(c) AS s FROM share_parallel_rows GROUP BY i;
ANALYZE share_parallel_shares;
EXPLAIN (COSTS OFF) SELECT rollup(s) FROM share_parallel_shares;
SELECT rollup(s) = (SELECT s FROM serial_total) AS parallel_rollup_equals_serial
FROM share_parallel_shares;
