-- share_agg and rollup as window functions, including sliding frames
SET search_path = public, u16;

CREATE TABLE share_window_rows AS
SELECT i, i % 4 AS grp,
       CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 31) % 5 < 2 END AS c
FROM generate_series(1, 2000) i;

-- Sliding frame (uses the inverse transition function) equals recomputation.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w = plain) AS equal
FROM (SELECT share_agg(c) OVER f AS w,
             share(count(*) FILTER (WHERE c) OVER f, count(c) OVER f) AS plain
      FROM share_window_rows
      WINDOW f AS (PARTITION BY grp ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) x;

-- The same with a correlated subquery as the independent recomputation.
SELECT count(*) FILTER (WHERE w <> (SELECT share_agg(c) FROM share_window_rows r
                                     WHERE r.grp = x.grp AND r.i <= x.i AND r.i >= x.i - 8)) AS mismatches
FROM (SELECT i, grp, share_agg(c) OVER (PARTITION BY grp ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS w
      FROM share_window_rows) x;

-- A small hand-checkable case.
SELECT i, c, share_agg(c) OVER (ORDER BY i ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
FROM (VALUES (1, true), (2, false), (3, NULL), (4, true), (5, true), (6, NULL), (7, NULL), (8, NULL)) v(i, c)
ORDER BY i;

-- rollup over a sliding frame (inverse uncombine) equals recomputation.
WITH g AS (SELECT grp, i / 100 AS bucket, share_agg(c) AS s
           FROM share_window_rows GROUP BY grp, i / 100)
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w = share(k::bigint, n::bigint)) AS equal
FROM (SELECT rollup(s) OVER f AS w,
             sum(numerator(s)) OVER f AS k, sum(denominator(s)) OVER f AS n
      FROM g WINDOW f AS (PARTITION BY grp ORDER BY bucket ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) x;

-- Running (growing) frame and whole-partition frame.
SELECT count(*) FILTER (WHERE running <> share(k, n)) AS running_mismatches,
       count(*) FILTER (WHERE whole <> share(wk, wn)) AS whole_mismatches
FROM (SELECT share_agg(c) OVER (PARTITION BY grp ORDER BY i) AS running,
             count(*) FILTER (WHERE c) OVER (PARTITION BY grp ORDER BY i) AS k,
             count(c) OVER (PARTITION BY grp ORDER BY i) AS n,
             share_agg(c) OVER (PARTITION BY grp) AS whole,
             count(*) FILTER (WHERE c) OVER (PARTITION BY grp) AS wk,
             count(c) OVER (PARTITION BY grp) AS wn
      FROM share_window_rows) x;
