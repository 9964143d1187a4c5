-- target: btree and hash operator classes
-- Order: by kind (share, count, change, deadline), then operator, then threshold.
SET search_path = public, u16;

CREATE TABLE target_order (t target);
INSERT INTO target_order VALUES ('by 2018-06-01'), ('>= 90%'), ('rise'), ('>= 1'), ('>= 60%'), ('fall'),
    ('<= 5%'), (NULL), ('>= 90.0%'), ('by 2018-03-01'), ('= 100%'), ('<= 3'), ('>=90%'), ('> 50%'), ('Rise');

SELECT t FROM target_order ORDER BY t;
SELECT DISTINCT t FROM target_order ORDER BY t;
SELECT t, count(*) FROM target_order GROUP BY t ORDER BY t;
SELECT '>= 90%'::target = '>=90.00%'::target AS same, '>= 90%'::target = '> 90%'::target AS other_op,
       '>= 1'::target = '>= 1%'::target AS count_vs_share, '>= 90%'::target <> '>= 60%'::target AS ne;

-- Equality agrees with equal canonical text, on all pairs of a varied set.
CREATE TABLE target_order_all AS
SELECT t::target AS t, t AS literal FROM (VALUES ('>= 90%'), ('> 90%'), ('<= 90%'), ('< 90%'), ('= 90%'),
    ('>= 0%'), ('>= 100%'), ('>= 0.0001%'), ('>= 1'), ('>= 0'), ('= 1'), ('< 2147483647'), ('rise'), ('fall'),
    ('by 2018-06-01'), ('by 2018-06-02'), ('by 1999-12-31'), ('by 1000-01-01'), ('by 9999-12-31')) v(t);
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.t = b.t) <> (a.t::text = b.t::text)) AS eq_wrong,
       count(*) FILTER (WHERE (a.t <> b.t) = (a.t = b.t)) AS ne_wrong,
       count(*) FILTER (WHERE (a.t < b.t) AND (b.t < a.t)) AS lt_not_antisymmetric,
       count(*) FILTER (WHERE a.t <> b.t AND NOT (a.t < b.t OR b.t < a.t)) AS lt_not_total,
       count(*) FILTER (WHERE (a.t <= b.t) <> (a.t < b.t OR a.t = b.t)) AS le_wrong,
       count(*) FILTER (WHERE (a.t > b.t) <> (b.t < a.t)) AS gt_wrong,
       count(*) FILTER (WHERE (a.t >= b.t) <> NOT (a.t < b.t)) AS ge_wrong,
       count(*) FILTER (WHERE (target_hash(a.t) = target_hash(b.t)) < (a.t = b.t)) AS hash_wrong
FROM target_order_all a, target_order_all b;
-- Deadlines sort chronologically, also across 2000-01-01 (stored days change sign there).
SELECT array_agg(t ORDER BY t) FROM target_order_all WHERE literal LIKE 'by%';

-- Hash join, merge join, hash aggregate, btree and hash indexes.
CREATE TABLE target_order_other (t target, label text);
INSERT INTO target_order_other VALUES ('>= 90%', 'T1.1'), ('rise', 'T2.1'), ('by 2018-06-01', 'T1.4'),
    ('>= 1', 'T2.8'), ('= 50%', 'none');
ANALYZE target_order, target_order_other;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT o.t, label FROM target_order o JOIN target_order_other x ON o.t = x.t;
SELECT o.t, label FROM target_order o JOIN target_order_other x ON o.t = x.t ORDER BY label, o.t;
SET enable_hashjoin = off;
SET enable_mergejoin = on;
EXPLAIN (COSTS OFF) SELECT o.t, label FROM target_order o JOIN target_order_other x ON o.t = x.t;
SELECT o.t, label FROM target_order o JOIN target_order_other x ON o.t = x.t ORDER BY label, o.t;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT t, count(*) FROM target_order GROUP BY t;
SELECT t, count(*) FROM target_order GROUP BY t ORDER BY t;
RESET enable_sort;

CREATE TABLE target_order_big AS
    SELECT i, ('>= ' || (i % 101) || '%')::target AS t FROM generate_series(1, 5000) i;
CREATE INDEX ON target_order_big (t);
ANALYZE target_order_big;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM target_order_big WHERE t = '>= 90%';
SELECT count(*) AS by_btree FROM target_order_big WHERE t = '>= 90%';
DROP INDEX target_order_big_t_idx;
CREATE INDEX target_order_big_hash ON target_order_big USING hash (t);
EXPLAIN (COSTS OFF) SELECT count(*) FROM target_order_big WHERE t = '>= 90%';
SELECT count(*) AS by_hash_index FROM target_order_big WHERE t = '>= 90%';
RESET ALL;
SET search_path = public, u16;
SELECT count(*) AS by_arithmetic FROM target_order_big WHERE i % 101 = 90;
