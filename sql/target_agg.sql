-- attainment_agg: groups meeting a target, against plain SQL; parallel; windows
SET search_path = public, u16;

-- Persons in 16 municipalities over 6 half-years; some municipalities have
-- nobody in some half-years (no data), and some rows have an unknown outcome.
CREATE TABLE target_agg_rows AS
SELECT i, 'GM' || lpad((i % 16)::text, 4, '0') AS municipality,
       (ARRAY['2016H1', '2016H2', '2017H1', '2017H2', '2018H1', '2018H2'])[1 + (i / 16) % 6]::period AS p,
       CASE WHEN i % 13 = 0 THEN NULL ELSE (i * 7919) % 100 < 40 + (i % 16) * 3 END AS c
FROM generate_series(1, 30000) i
WHERE NOT (i % 16 = 3 AND (i / 16) % 6 = 2) AND NOT (i % 16 = 7 AND (i / 16) % 6 IN (4, 5));
-- One share per municipality and half-year, plus empty (0/0) and NULL groups.
CREATE TABLE target_agg_groups AS
SELECT municipality, p, share_agg(c) AS s, count(*) FILTER (WHERE c) AS k, count(c) AS n
FROM target_agg_rows GROUP BY municipality, p;
INSERT INTO target_agg_groups VALUES ('GM0003', '2017H1', '0/0', 0, 0), ('GM0007', '2018H1', NULL, NULL, NULL),
    ('GM0007', '2018H2', '0/0', 0, 0);

-- attainment_agg against count(*) FILTER over the same groups, for several
-- targets, per half-year and overall.  Plain SQL judges k/n against the
-- percentage with numeric arithmetic.
WITH targets(t, op, pct) AS (
    VALUES ('>= 60%'::target, '>=', 60), ('> 62.5%', '>', 62.5), ('<= 50%', '<=', 50), ('= 100%', '=', 100)
), judged AS (
    SELECT g.*, t, CASE op WHEN '>=' THEN k * 100 >= pct * n WHEN '>' THEN k * 100 > pct * n
                           WHEN '<=' THEN k * 100 <= pct * n ELSE k * 100 = pct * n END AS met
    FROM target_agg_groups g, targets
)
SELECT t, p, attainment_agg(s, t) AS agg,
       share(count(*) FILTER (WHERE n > 0 AND met), count(*) FILTER (WHERE n > 0)) AS plain,
       attainment_agg(s, t) = share(count(*) FILTER (WHERE n > 0 AND met), count(*) FILTER (WHERE n > 0)) AS equal
FROM judged GROUP BY GROUPING SETS ((t, p), (t)) ORDER BY t, p NULLS LAST;

-- ...and against attainment() row by row.
SELECT attainment_agg(s, '>= 60%') AS agg,
       share(count(*) FILTER (WHERE attainment(s, '>= 60%') = 'met'),
             count(*) FILTER (WHERE attainment(s, '>= 60%') IN ('met', 'not met'))) AS by_attainment
FROM target_agg_groups;

-- By hand: 12/16-style counting, no data in neither part, NULLs skipped.
SELECT attainment_agg(s, '>= 50%') AS counted
FROM (VALUES ('1/2'::share), ('0/0'), ('1/3'), (NULL), ('3/4'), ('0/0'), ('0/1')) v(s);
SELECT attainment_agg(s, t) AS null_target_skipped
FROM (VALUES ('1/2'::share, '>= 50%'::target), ('1/2', NULL), ('1/3', '>= 50%')) v(s, t);
SELECT attainment_agg(s, '>= 50%') AS no_rows FROM target_agg_groups WHERE false;
SELECT attainment_agg(s, '>= 50%') AS only_empty FROM (VALUES ('0/0'::share), ('0/0')) v(s);
-- Per-group targets (from a targets table) work as well.
SELECT attainment_agg(s, t) AS mixed_targets
FROM (VALUES ('9/10'::share, '>= 90%'::target), ('5/10', '>= 60%'), ('1/10', '<= 5%'), ('0/10', '<= 5%')) v(s, t);

-- The result is a share: it rolls up, and rollup of per-half-year results
-- equals the result over all groups.
SELECT rollup(a) = (SELECT attainment_agg(s, '>= 60%') FROM target_agg_groups) AS rolls_up
FROM (SELECT p, attainment_agg(s, '>= 60%') AS a FROM target_agg_groups GROUP BY p) x;

-- Wrong kinds of target are errors (22023), also for a group without data.
\set VERBOSITY default
SELECT attainment_agg(s, '>= 1') FROM target_agg_groups;
SELECT attainment_agg(s, 'rise') FROM target_agg_groups;
SELECT attainment_agg('0/0'::share, 'by 2018-06-01');

-- The transition functions never modify their inputs outside an aggregate.
SELECT a, attainment_accum(a, '3/4', '>= 50%') AS accum, a AS a_after,
       attainment_retract(b, '3/4', '>= 50%') AS retract, b AS b_after
FROM (VALUES ('1/2'::share, '2/3'::share)) v(a, b);
SELECT attainment_retract('0/1', '3/4', '>= 50%');

-- Forced-parallel plans equal the serial result.
CREATE TABLE target_agg_big AS
SELECT i, i % 7 AS grp, CASE WHEN i % 11 = 0 THEN '0/0'::share ELSE share(i % 13, 12 + i % 5) END AS s
FROM generate_series(1, 100000) i;
ANALYZE target_agg_big;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE target_agg_serial AS
    SELECT grp, attainment_agg(s, '>= 37.5%') AS a FROM target_agg_big GROUP BY grp;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
EXPLAIN (COSTS OFF) SELECT attainment_agg(s, '>= 37.5%') FROM target_agg_big;
SELECT attainment_agg(s, '>= 37.5%') = (SELECT rollup(a) FROM target_agg_serial) AS parallel_equals_serial,
       attainment_agg(s, '>= 37.5%')
         = share(count(*) FILTER (WHERE numerator(s) * 1000 >= 375 * denominator(s) AND denominator(s) > 0),
                 count(*) FILTER (WHERE denominator(s) > 0)) AS equals_count
FROM target_agg_big;
EXPLAIN (COSTS OFF) SELECT grp, attainment_agg(s, '>= 37.5%') FROM target_agg_big GROUP BY grp;
SELECT count(*) AS groups, count(*) FILTER (WHERE x.a = y.a) AS equal
FROM (SELECT grp, attainment_agg(s, '>= 37.5%') AS a FROM target_agg_big GROUP BY grp) x
JOIN target_agg_serial y USING (grp);
RESET ALL;
SET search_path = public, u16;

-- Sliding window frames (inverse transition) equal recomputation.
SELECT count(*) AS rows_checked, count(*) FILTER (WHERE w = plain) AS equal
FROM (SELECT attainment_agg(s, '>= 60%') OVER f AS w,
             share(count(*) FILTER (WHERE n > 0 AND k * 10 >= 6 * n) OVER f, count(*) FILTER (WHERE n > 0) OVER f) AS plain
      FROM target_agg_groups
      WINDOW f AS (PARTITION BY municipality ORDER BY p ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x;
SELECT count(*) FILTER (WHERE w <> (SELECT attainment_agg(s, '>= 60%') FROM target_agg_groups r
                                     WHERE r.municipality = x.municipality AND r.p <= x.p AND r.p >= x.p - 2)) AS mismatches
FROM (SELECT municipality, p, attainment_agg(s, '>= 60%') OVER (PARTITION BY municipality ORDER BY p
                                                                 ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w
      FROM target_agg_groups) x;
-- A small hand-checkable case.
SELECT i, s, attainment_agg(s, '>= 50%') OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, '1/2'::share), (2, '0/3'), (3, '0/0'), (4, '2/3'), (5, NULL), (6, '3/3'), (7, '0/0'), (8, '0/0')) v(i, s)
ORDER BY i;
