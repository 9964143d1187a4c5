-- share_agg and rollup against PostgreSQL's own counting
SET search_path = public, u16;

-- Generated data with NULLs, in 23 groups of uneven size.
CREATE TABLE share_agg_rows AS
SELECT i, i % 23 AS grp,
       CASE WHEN i % 11 = 0 THEN NULL ELSE (i * 7919) % 10 < 3 END AS c
FROM generate_series(1, 20000) i;

-- share_agg(c) = count(*) FILTER (WHERE c) / count(c), overall and per group.
SELECT share_agg(c) AS agg,
       share(count(*) FILTER (WHERE c), count(c)) AS plain,
       share_agg(c) = share(count(*) FILTER (WHERE c), count(c)) AS equal
FROM share_agg_rows;
SELECT count(*) AS groups,
       count(*) FILTER (WHERE agg = share(hits, seen)) AS equal
FROM (SELECT grp, share_agg(c) AS agg, count(*) FILTER (WHERE c) AS hits, count(c) AS seen
      FROM share_agg_rows GROUP BY grp) g;

-- NULL rows are ignored; no rows and all-NULL rows give the empty share.
SELECT share_agg(c) FROM (VALUES (true), (NULL), (false), (NULL), (true)) v(c);
SELECT share_agg(c) AS no_rows FROM share_agg_rows WHERE false;
SELECT share_agg(NULL::boolean) AS all_null FROM generate_series(1, 3);
SELECT share_value(share_agg(c)) IS NULL AS empty_value_is_null FROM share_agg_rows WHERE false;

-- FILTER and GROUP BY work as for count().
SELECT share_agg(c) FILTER (WHERE grp < 5) AS filtered,
       share(count(*) FILTER (WHERE c AND grp < 5), count(c) FILTER (WHERE grp < 5)) AS plain
FROM share_agg_rows;

-- rollup of per-group share_agg equals share_agg over all rows (municipality → region).
SELECT rollup(agg) AS rolled_up, (SELECT share_agg(c) FROM share_agg_rows) AS direct,
       rollup(agg) = (SELECT share_agg(c) FROM share_agg_rows) AS equal
FROM (SELECT grp, share_agg(c) AS agg FROM share_agg_rows GROUP BY grp) g;
-- Two levels: groups → 3 "provinces" → whole.
SELECT rollup(p) = (SELECT share_agg(c) FROM share_agg_rows) AS two_levels_equal
FROM (SELECT grp % 3 AS province, rollup(agg) AS p
      FROM (SELECT grp, share_agg(c) AS agg FROM share_agg_rows GROUP BY grp) g
      GROUP BY grp % 3) p;
-- rollup ignores NULL shares; no rows give 0/0.
SELECT rollup(s) FROM (VALUES ('1/2'::share), (NULL), ('3/4')) v(s);
SELECT rollup(s) AS no_rows FROM (VALUES ('1/2'::share)) v(s) WHERE false;

-- The aggregates do not modify their inputs: after two rollups over the same
-- column in one query, the stored shares are unchanged.
CREATE TABLE share_agg_groups AS
    SELECT grp, share_agg(c) AS s FROM share_agg_rows GROUP BY grp;
CREATE TABLE share_agg_groups_copy AS SELECT grp, s::text AS t FROM share_agg_groups;
SELECT rollup(s) + rollup(s) = share(2 * sum(numerator(s))::bigint, 2 * sum(denominator(s))::bigint) AS double_sum
FROM share_agg_groups;
SELECT count(*) AS unchanged FROM share_agg_groups g JOIN share_agg_groups_copy c USING (grp)
WHERE g.s::text = c.t;

-- Called as plain functions the transition functions return new values.
SELECT share_accum('1/2', true) AS accum, share_retract('1/2', false) AS retract,
       share_combine('1/2', '3/4') AS combine, share_uncombine('4/6', '1/2') AS uncombine;
SELECT share_retract('0/0', true);
SELECT share_uncombine('1/2', '2/2');

-- Overflow of the counters is 22003, never a wrap-around.
SELECT rollup(s) FROM (VALUES ('9223372036854775807/9223372036854775807'::share), ('0/1')) v(s);
SELECT share_accum('9223372036854775807/9223372036854775807', false);
