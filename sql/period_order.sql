-- period: btree and hash operator classes
-- Order: chronological by first day; for equal first days the longer period first.
SET search_path = public, u16;

CREATE TABLE period_order (p period);
INSERT INTO period_order VALUES ('2018-02'), ('2018'), ('2018Q2'), ('2018-04'), ('2018H1'), ('2018Q1'),
    ('2018-01'), ('2017-12'), ('2018H2'), ('2018'), (NULL), ('2018Q3'), ('2018-07'), ('2019'), ('2017H2');

SELECT p FROM period_order ORDER BY p;
SELECT p FROM period_order ORDER BY p DESC NULLS LAST;
SELECT DISTINCT p FROM period_order ORDER BY p;
SELECT p, count(*) FROM period_order GROUP BY p ORDER BY p;
SELECT p FROM period_order WHERE p < '2018Q1' UNION SELECT '2016Q4'::period ORDER BY 1;

-- The comparison operators agree with the documented order, computed in SQL
-- from first days and lengths, on all pairs of periods of 2017..2019.
CREATE TABLE period_order_all AS
WITH y AS (SELECT generate_series(2017, 2019) AS y),
parts AS (
    SELECT y::text AS t, make_date(y, 1, 1) AS first_day, 12 AS len FROM y
    UNION ALL SELECT y || 'H' || h, make_date(y, 1 + (h - 1) * 6, 1), 6 FROM y, generate_series(1, 2) h
    UNION ALL SELECT y || 'Q' || q, make_date(y, 1 + (q - 1) * 3, 1), 3 FROM y, generate_series(1, 4) q
    UNION ALL SELECT y || '-' || lpad(m::text, 2, '0'), make_date(y, m, 1), 1 FROM y, generate_series(1, 12) m
)
SELECT t::period AS p, first_day, len FROM parts;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.p < b.p) <> (a.first_day < b.first_day
                                              OR (a.first_day = b.first_day AND a.len > b.len))) AS lt_wrong,
       count(*) FILTER (WHERE (a.p = b.p) <> (a.first_day = b.first_day AND a.len = b.len)) AS eq_wrong,
       count(*) FILTER (WHERE (a.p <> b.p) = (a.p = b.p)) AS ne_wrong,
       count(*) FILTER (WHERE (a.p <= b.p) <> (a.p < b.p OR a.p = b.p)) AS le_wrong,
       count(*) FILTER (WHERE (a.p > b.p) <> (b.p < a.p)) AS gt_wrong,
       count(*) FILTER (WHERE (a.p >= b.p) <> NOT (a.p < b.p)) AS ge_wrong,
       count(*) FILTER (WHERE sign(period_cmp(a.p, b.p)) <> CASE WHEN a.p < b.p THEN -1 WHEN a.p = b.p THEN 0 ELSE 1 END) AS cmp_wrong
FROM period_order_all a, period_order_all b;
-- ORDER BY equals the order by (first day, length descending).
SELECT array_agg(p ORDER BY p) = array_agg(p ORDER BY first_day, len DESC) AS sort_ok FROM period_order_all;

-- Hash join, merge join and hash aggregate.
CREATE TABLE period_order_other (p period, label text);
INSERT INTO period_order_other VALUES ('2018', 'year'), ('2018H1', 'first half'), ('2018-01', 'january'),
    ('2020Q1', 'none');
ANALYZE period_order, period_order_other;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT o.p, label FROM period_order o JOIN period_order_other x ON o.p = x.p;
SELECT o.p, label FROM period_order o JOIN period_order_other x ON o.p = x.p ORDER BY o.p, label;
SET enable_hashjoin = off;
SET enable_mergejoin = on;
EXPLAIN (COSTS OFF) SELECT o.p, label FROM period_order o JOIN period_order_other x ON o.p = x.p;
SELECT o.p, label FROM period_order o JOIN period_order_other x ON o.p = x.p ORDER BY o.p, label;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;

SELECT period_hash('2018H1') = period_hash('2018-h1') AS same_hash,
       period_hash_extended('2018H1', 7) = period_hash_extended('2018-H1', 7) AS same_extended_hash,
       period_hash('2018') <> period_hash('2018H1') AS same_start_different_hash;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT p, count(*) FROM period_order GROUP BY p;
SELECT p, count(*) FROM period_order GROUP BY p ORDER BY p;
RESET enable_sort;

-- A series of periods joined to facts, on = (a hash join, with the series'
-- exact size known to the planner) and on @> against dates.
CREATE TABLE period_order_facts AS
    SELECT i, date '2016-01-01' + (i * 37) % 2192 AS day FROM generate_series(1, 20000) i;
ANALYZE period_order_facts;
EXPLAIN (COSTS OFF)
SELECT s.p, count(f.i) FROM periods('2016Q1', '2021Q4') s(p)
LEFT JOIN period_order_facts f ON period(f.day, 'quarter') = s.p GROUP BY s.p;
SELECT count(*) AS grouped, count(*) FILTER (WHERE n = expected) AS equal
FROM (SELECT s.p, count(f.i) AS n,
             (SELECT count(*) FROM period_order_facts g
              WHERE g.day >= period_start(s.p) AND g.day <= period_end(s.p)) AS expected
      FROM periods('2016Q1', '2021Q4') s(p)
      LEFT JOIN period_order_facts f ON period(f.day, 'quarter') = s.p
      GROUP BY s.p) x;
SELECT count(*) AS contained_rows,
       (SELECT count(*) FROM period_order_facts WHERE day BETWEEN '2017-01-01' AND '2018-06-30') AS expected
FROM periods('2017H1', '2018H1') s(p) JOIN period_order_facts f ON s.p @> f.day;

-- Btree index: index scan answers range and equality queries; hash index too.
CREATE TABLE period_order_big AS
    SELECT i, period(date '2010-01-01' + i % 3000, (ARRAY['year', 'halfyear', 'quarter', 'month'])[1 + i % 4]) AS p
    FROM generate_series(1, 20000) i;
CREATE INDEX ON period_order_big (p);
CREATE INDEX period_order_big_hash ON period_order_big USING hash (p);
ANALYZE period_order_big;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM period_order_big WHERE p >= '2012' AND p < '2013Q2';
SELECT count(*) AS by_index FROM period_order_big WHERE p >= '2012' AND p < '2013Q2';
RESET enable_seqscan;
RESET enable_bitmapscan;
-- Independently, by the documented order: p >= '2012' means a first day on or
-- after 2012-01-01 (nothing starting that day is longer than the year 2012), and
-- p < '2013Q2' means a first day before 2013-04-01, or on it and longer than a
-- quarter.
SELECT count(*) AS by_dates FROM period_order_big
WHERE period_start(p) BETWEEN '2012-01-01' AND '2013-03-31'
   OR (period_start(p) = '2013-04-01' AND granularity(p) IN ('year', 'halfyear'));
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM period_order_big WHERE p = '2013Q2';
SELECT count(*) AS by_btree FROM period_order_big WHERE p = '2013Q2';
DROP INDEX period_order_big_p_idx;
EXPLAIN (COSTS OFF) SELECT count(*) FROM period_order_big WHERE p = '2013Q2';
SELECT count(*) AS by_hash_index FROM period_order_big WHERE p = '2013Q2';
RESET ALL;
SET search_path = public, u16;
SELECT count(*) AS by_text FROM period_order_big WHERE p::text = '2013Q2';

-- min and max follow the btree order (by first day, then longer first), serial and
-- through an index, and agree with ORDER BY ... LIMIT 1.
SELECT min(p) AS earliest, max(p) AS latest,
       min(p) = (SELECT p FROM (VALUES ('2018-03'::period), ('2018'), ('2017H2'), ('2019Q1'), ('2018H1')) w(p) ORDER BY p LIMIT 1) AS min_is_first,
       max(p) = (SELECT p FROM (VALUES ('2018-03'::period), ('2018'), ('2017H2'), ('2019Q1'), ('2018H1')) w(p) ORDER BY p DESC LIMIT 1) AS max_is_last
FROM (VALUES ('2018-03'::period), ('2018'), ('2017H2'), ('2019Q1'), ('2018H1')) v(p);
SELECT min(p) AS same_start_longer_first, max(p) AS same_start_shorter_last
FROM (VALUES ('2018-01'::period), ('2018Q1'), ('2018'), ('2018H1')) v(p);
SELECT min(p) IS NULL AS no_rows FROM (VALUES ('2018'::period)) v(p) WHERE false;
