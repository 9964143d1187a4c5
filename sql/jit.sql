-- u16 under PostgreSQL's JIT.  At national scale queries cost more than
-- jit_above_cost, so PostgreSQL compiles their expressions with LLVM, calls of
-- u16's functions and transition functions included (deforming, strict checks,
-- by-reference states).  The regression queries are too small for that, so
-- here JIT is forced on, and every query must give the same rows as without it.
SET search_path = public, u16;

CREATE TABLE jit_rows AS
SELECT i, i % 7 AS grp, ('2015H1'::period + i % 20) AS period,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 2654435761) % 100 < 37 END AS c,
       share(i % 5, 5 + i % 3) AS s
FROM generate_series(1, 20000) i;
CREATE TABLE jit_ledger AS
SELECT m AS municipality, '2000H1'::period + (h - 1) AS period,
       (m * 7 + h * 13) % 40 AS quota, (m * 11 + h * 5) % 45 AS housed,
       CASE WHEN (m + h) % 9 = 0 THEN 2 ELSE 0 END AS correction
FROM generate_series(1, 40) m, generate_series(1, 40) h;
ANALYZE jit_rows, jit_ledger;

CREATE TABLE jit_queries (name text, query text);
INSERT INTO jit_queries VALUES
 ('share_agg', 'SELECT share_agg(c) FROM jit_rows'),
 ('share_agg per group, FILTER', 'SELECT grp, share_agg(c), share_agg(c) FILTER (WHERE i % 2 = 0) FROM jit_rows GROUP BY grp'),
 ('share_agg moving window', 'SELECT i, share_agg(c) OVER (ORDER BY i ROWS BETWEEN 3 PRECEDING AND CURRENT ROW) FROM jit_rows WHERE i <= 2000'),
 ('rollup', 'SELECT grp, rollup(s) FROM jit_rows GROUP BY grp'),
 ('attainment_agg', 'SELECT grp, attainment_agg(s, ''>= 60%'') FROM jit_rows GROUP BY grp'),
 ('share functions', 'SELECT sum(numerator(s + s)), sum(denominator(s)), count(*) FILTER (WHERE s > share(1, 2)) FROM jit_rows'),
 ('periods', 'SELECT min(period), max(period), count(DISTINCT period), count(*) FILTER (WHERE period >= ''2020H1'') FROM jit_rows'),
 ('quota_deficit window', 'SELECT municipality, period, quota_deficit(period, quota, housed, correction) OVER w, quota_deficit(period, quota, housed, correction, false) OVER w FROM jit_ledger WINDOW w AS (PARTITION BY municipality ORDER BY period)'),
 ('quota_deficit window, bigint', 'SELECT municipality, period, quota_deficit(period, quota::bigint, housed::bigint, correction::bigint) OVER (PARTITION BY municipality ORDER BY period) FROM jit_ledger'),
 ('quota_ledger', 'SELECT municipality, quota_ledger(period, quota, housed, correction)::text FROM jit_ledger GROUP BY municipality');

-- The rows of a query as one text, in a fixed order.
CREATE FUNCTION pg_temp.rows_text(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    result text;
BEGIN
    EXECUTE format('SELECT string_agg(r::text, %L ORDER BY r::text) FROM (%s) r', ';', query) INTO result;
    RETURN result;
END $$;

-- Whether the query was compiled: EXPLAIN ANALYZE reports the JIT functions.
CREATE FUNCTION pg_temp.jit_functions(query text) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
    RETURN coalesce((plan -> 0 -> 'JIT' ->> 'Functions')::int, 0);
END $$;

SET jit = off;
CREATE TEMP TABLE interpreted AS SELECT name, pg_temp.rows_text(query) AS result FROM jit_queries;

SET jit = on;
SET jit_above_cost = 0;
SET jit_inline_above_cost = 0;
SET jit_optimize_above_cost = 0;
CREATE TEMP TABLE compiled AS
SELECT name, pg_temp.rows_text(query) AS result, pg_temp.jit_functions(query) AS functions FROM jit_queries;

-- Same rows, and the rows are there; JIT really compiled each query.  (test/run
-- runs this file only where the server has JIT, as Debian's has: llvmjit, and
-- reports it as skipped elsewhere.)
SELECT q.name, i.result IS NOT NULL AND length(i.result) > 10 AS has_rows,
       c.result = i.result AS jit_equals_interpreted,
       c.functions > 0 AS compiled
FROM jit_queries q JOIN interpreted i USING (name) JOIN compiled c USING (name)
ORDER BY q.ctid;

-- The compiled share_agg against the built-in counts.
SELECT share_agg(c) = share(count(*) FILTER (WHERE c), count(c)) AS share_agg_equals_counts FROM jit_rows;

RESET jit_above_cost;
RESET jit_inline_above_cost;
RESET jit_optimize_above_cost;
RESET jit;
DROP TABLE jit_rows, jit_ledger, jit_queries;
