-- share: btree and hash operator classes
-- Order: by proportion, then denominator, then numerator; 0/0 first; '=' is equal counts.
SET search_path = public, u16;

CREATE TABLE share_order (s share);
INSERT INTO share_order VALUES ('2/4'), ('1/2'), ('0/0'), ('3/3'), ('0/5'), ('1/3'),
    ('2/6'), ('1/1'), ('0/1'), ('1/2'), (NULL), ('0/0'), ('2/3');

SELECT s FROM share_order ORDER BY s;
SELECT s FROM share_order ORDER BY s DESC NULLS LAST;
SELECT DISTINCT s FROM share_order ORDER BY s;
SELECT s, count(*) FROM share_order GROUP BY s ORDER BY s;
SELECT s FROM share_order WHERE s < '1/2' UNION SELECT '1/4'::share ORDER BY 1;

-- Comparison operators agree with exact arithmetic: a < b iff the proportion is
-- smaller, or equal with a smaller denominator.  Checked on all pairs of k/n, n <= 6.
WITH s AS (
    SELECT k, n, share(k, n) AS v FROM generate_series(0, 6) n, generate_series(0, n) k
)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.v < b.v) <> (CASE WHEN a.n = 0 OR b.n = 0 THEN a.n < b.n
                                                   ELSE a.k * b.n < b.k * a.n
                                                        OR (a.k * b.n = b.k * a.n AND (a.n, a.k) < (b.n, b.k)) END)) AS lt_wrong,
       count(*) FILTER (WHERE (a.v = b.v) <> (a.k = b.k AND a.n = b.n)) AS eq_wrong,
       count(*) FILTER (WHERE (a.v <> b.v) = (a.v = b.v)) AS ne_wrong,
       count(*) FILTER (WHERE (a.v <= b.v) <> (a.v < b.v OR a.v = b.v)) AS le_wrong,
       count(*) FILTER (WHERE (a.v > b.v) <> (b.v < a.v)) AS gt_wrong,
       count(*) FILTER (WHERE (a.v >= b.v) <> NOT (a.v < b.v)) AS ge_wrong,
       count(*) FILTER (WHERE sign(share_cmp(a.v, b.v)) <> CASE WHEN a.v < b.v THEN -1 WHEN a.v = b.v THEN 0 ELSE 1 END) AS cmp_wrong
FROM s a, s b;

-- Exact for counts near the bigint limit, where float8 would round.
-- (n-1)/n > (n-2)/(n-1) for every n > 1.
SELECT '9223372036854775806/9223372036854775807'::share > '9223372036854775805/9223372036854775806'::share AS exact_gt,
       share_value('9223372036854775806/9223372036854775807') = share_value('9223372036854775805/9223372036854775806') AS float_cannot_tell;

-- Hash join.
CREATE TABLE share_order_other (s share, label text);
INSERT INTO share_order_other VALUES ('1/2', 'half'), ('0/0', 'empty'), ('2/4', 'two quarters'), ('5/7', 'none');
ANALYZE share_order, share_order_other;
SET enable_mergejoin = off;
SET enable_nestloop = off;
EXPLAIN (COSTS OFF) SELECT o.s, label FROM share_order o JOIN share_order_other x ON o.s = x.s;
SELECT o.s, label FROM share_order o JOIN share_order_other x ON o.s = x.s ORDER BY o.s, label;
-- Merge join gives the same rows.
SET enable_hashjoin = off;
SET enable_mergejoin = on;
EXPLAIN (COSTS OFF) SELECT o.s, label FROM share_order o JOIN share_order_other x ON o.s = x.s;
SELECT o.s, label FROM share_order o JOIN share_order_other x ON o.s = x.s ORDER BY o.s, label;
RESET enable_hashjoin;
RESET enable_mergejoin;
RESET enable_nestloop;

-- Hashing agrees with equality, and a hash aggregate groups like a sort.
SELECT share_hash('1/2') = share_hash(share(1, 2)) AS same_hash,
       share_hash_extended('1/2', 7) = share_hash_extended(share(1, 2), 7) AS same_extended_hash,
       share_hash('1/2') <> share_hash('2/4') AS equal_value_different_counts;
SET enable_sort = off;
EXPLAIN (COSTS OFF) SELECT s, count(*) FROM share_order GROUP BY s;
SELECT s, count(*) FROM share_order GROUP BY s ORDER BY s;
RESET enable_sort;

-- Btree index: index scan answers range and equality queries.
CREATE TABLE share_order_big AS
    SELECT i, share(i % 7, 6 + i % 5) AS s FROM generate_series(1, 5000) i;
CREATE INDEX ON share_order_big (s);
CREATE INDEX share_order_big_hash ON share_order_big USING hash (s);
ANALYZE share_order_big;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM share_order_big WHERE s >= '1/2' AND s < '2/3';
SELECT count(*) AS by_index FROM share_order_big WHERE s >= '1/2' AND s < '2/3';
RESET enable_seqscan;
RESET enable_bitmapscan;
SELECT count(*) AS by_arithmetic FROM share_order_big
WHERE numerator(s) * 2 >= denominator(s) AND numerator(s) * 3 < 2 * denominator(s);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
SET enable_indexscan = on;
EXPLAIN (COSTS OFF) SELECT count(*) FROM share_order_big WHERE s = '3/9';
SELECT count(*) AS by_btree FROM share_order_big WHERE s = '3/9';
DROP INDEX share_order_big_s_idx;
EXPLAIN (COSTS OFF) SELECT count(*) FROM share_order_big WHERE s = '3/9';
SELECT count(*) AS by_hash_index FROM share_order_big WHERE s = '3/9';
RESET ALL;
SET search_path = public, u16;
SELECT count(*) AS by_arithmetic FROM share_order_big WHERE numerator(s) = 3 AND denominator(s) = 9;
