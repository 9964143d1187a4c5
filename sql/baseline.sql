-- Change versus baseline: share_increase, increase_p_value, trend
SET search_path = public, u16;

-- Difference of proportions; NULL when either share is empty.
SELECT share_increase('40/100', '20/100') AS plus_20_points,
       share_increase('1/4', '1/2') AS minus_25_points,
       share_increase('0/0', '1/2') IS NULL AS empty_current,
       share_increase('1/2', '0/0') IS NULL AS empty_baseline;

-- Published reference values.
-- Fisher's exact test, two-sided:
--   tea tasting (Fisher 1935; Agresti, Categorical Data Analysis, §3.5): 3 of 4 vs 1 of 4,
--   p = 34/70 = 0.4857; dieting example of the Wikipedia article "Fisher's exact test":
--   1 of 12 vs 9 of 12, p = 0.002759.
SELECT round(increase_p_value('3/4', '1/4')::numeric, 4) AS tea_tasting,
       abs(increase_p_value('3/4', '1/4') - 34.0 / 70) < 1e-12 AS tea_exact,
       round(increase_p_value('1/12', '9/12')::numeric, 6) AS dieting;
-- Pooled two-proportion z-test (used above 10,000 persons): Physicians' Health Study,
-- myocardial infarction 189 of 11034 on placebo vs 104 of 11037 on aspirin; Agresti
-- reports Pearson X² = 25.01, i.e. p = erfc(sqrt(X²/2)) = 5.6919e-7.
WITH c(k1, n1, k2, n2) AS (VALUES (189, 11034, 104, 11037))
SELECT round((((k1::float8 / n1 - k2::float8 / n2) ^ 2)
              / (((k1 + k2)::float8 / (n1 + n2)) * (1 - (k1 + k2)::float8 / (n1 + n2)) * (1.0 / n1 + 1.0 / n2)))::numeric, 2)
           AS pearson_x2,
       abs(increase_p_value(share(k1, n1), share(k2, n2)) / 5.691896973740857e-07 - 1) < 1e-9 AS p_value_ok
FROM c;

-- Fisher's exact test against an independent computation in exact numeric
-- arithmetic, on every pair of shares with denominators 1..6.
CREATE FUNCTION fisher_exact_sql(k1 int, n1 int, k2 int, n2 int) RETURNS numeric
LANGUAGE sql IMMUTABLE AS $$
    WITH tables AS (
        SELECT x, (factorial(n1) / (factorial(x) * factorial(n1 - x)))
                * (factorial(n2) / (factorial(k1 + k2 - x) * factorial(n2 - k1 - k2 + x))) AS ways
        FROM generate_series(greatest(0, k1 + k2 - n2), least(n1, k1 + k2)) x
    )
    SELECT sum(ways) FILTER (WHERE ways <= (SELECT ways FROM tables WHERE x = k1)) / sum(ways)
    FROM tables
$$;
WITH s AS (SELECT k, n FROM generate_series(1, 6) n, generate_series(0, n) k)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE abs(increase_p_value(share(a.k, a.n), share(b.k, b.n))
                                  - fisher_exact_sql(a.k, a.n, b.k, b.n)) > 1e-12) AS mismatches
FROM s a, s b;
-- ...and on some larger municipal-size tables.
SELECT k1, n1, k2, n2,
       abs(increase_p_value(share(k1, n1), share(k2, n2)) - fisher_exact_sql(k1, n1, k2, n2)) < 1e-10 AS matches
FROM (VALUES (40, 100, 20, 100), (60, 100, 40, 100), (13, 57, 21, 49), (0, 30, 5, 30), (99, 150, 140, 160)) v(k1, n1, k2, n2);

-- ...and on tables whose tails are too unlikely to add anything (a term below
-- exp()'s least double is exactly 0, and the test skips those tables: 16, 18
-- and 178 of them here), relative to the p-value.
SELECT k1, n1, k2, n2,
       abs(increase_p_value(share(k1, n1), share(k2, n2)) / fisher_exact_sql(k1, n1, k2, n2) - 1) < 1e-10 AS matches
FROM (VALUES (300, 600, 301, 600), (250, 600, 350, 600), (500, 1000, 520, 1000)) v(k1, n1, k2, n2);

-- The z-test above 10,000 persons: against the closed form erfc(|z|/√2), whose value
-- for 5200/10000 vs 5000/10000 (z² = 8.0032) is 0.0046694723.
SELECT round(increase_p_value('5200/10000', '5000/10000')::numeric, 10) AS large_table;
-- Fisher's exact test also beyond 10,000 persons when an expected cell is below 5.
-- (lgamma of large counts limits the precision to about 1e-10 relative.)
SELECT abs(increase_p_value('0/20000', '3/20000') / fisher_exact_sql(0, 20000, 3, 20000) - 1) < 1e-9 AS rare_event_exact;
-- Beyond the log-factorials kept in memory (below 65,536): 0 of 40,000 against 3 of
-- 40,000, whose p-value is 2 C(N, 3) / C(2N, 3) with N = 40,000.
SELECT abs(increase_p_value('0/40000', '3/40000') / (2.0 * 40000 * 39999 * 39998 / (80000.0 * 79999 * 79998)) - 1) < 1e-9
           AS rare_event_beyond_kept;

-- Edge cases: 0/n, n/n and n = 1 carry no evidence of a difference.
SELECT increase_p_value('0/5', '0/7') AS zero_of_n, increase_p_value('5/5', '7/7') AS all_of_n,
       increase_p_value('1/1', '0/1') AS one_person, increase_p_value('0/1', '0/1') AS one_person_same,
       round(increase_p_value('0/10', '10/10')::numeric, 10) AS none_vs_all,
       increase_p_value('0/0', '1/2') IS NULL AS empty;

-- trend: 40/100 vs 20/100 is a rise, 3/4 vs 2/3 is no change (p = 1).
SELECT trend('40/100', '20/100') AS a, trend('20/100', '40/100') AS b, trend('3/4', '2/3') AS c,
       trend('1/2', '2/4') AS same_proportion, trend('0/0', '1/2') AS empty_current,
       trend('1/2', '0/0') AS empty_baseline;
-- Stricter alpha: p = 0.0032 is not significant at 0.001.
SELECT trend('40/100', '20/100', 0.001) AS strict, trend('40/100', '20/100', 0.01) AS at_1_pct;
SELECT trend('1/2', '1/3', 0);
SELECT trend('1/2', '1/3', 1.5);

-- Typical use: per municipality, this year against last year.
CREATE TABLE baseline_status AS
SELECT m, y, (i * 7 + m + y) % 10 < CASE WHEN m = 1 AND y = 2018 THEN 8 ELSE 4 END AS has_work
FROM generate_series(1, 3) m, generate_series(2017, 2018) y, generate_series(1, 60) i;
SELECT m,
       share_agg(has_work) FILTER (WHERE y = 2018) AS current,
       share_agg(has_work) FILTER (WHERE y = 2017) AS baseline,
       round(share_increase(share_agg(has_work) FILTER (WHERE y = 2018),
                            share_agg(has_work) FILTER (WHERE y = 2017))::numeric, 4) AS increase,
       trend(share_agg(has_work) FILTER (WHERE y = 2018), share_agg(has_work) FILTER (WHERE y = 2017))
FROM baseline_status GROUP BY m ORDER BY m;

-- attainment of 'rise'/'fall' with a significance level: met only when the change
-- is significant (trend says so); without alpha (or alpha NULL) the plain comparison.
SELECT actual, t, baseline,
       attainment(actual, t, baseline) AS plain,
       attainment(actual, t, baseline, 0.05) AS significant_at_5pct,
       attainment(actual, t, baseline, NULL) AS alpha_null
FROM (VALUES ('3/4'::share, 'rise'::target, '2/3'::share), ('40/100', 'rise', '20/100'),
             ('20/100', 'fall', '40/100'), ('40/100', 'fall', '20/100'), ('0/0', 'rise', '1/2'),
             ('1/2', 'fall', NULL), ('45/50', '>= 90%', '1/2')) v(actual, t, baseline);
-- Against trend() on every pair of shares with denominators 1..12.
WITH s AS (SELECT share(k, n) AS v FROM generate_series(1, 12) n, generate_series(0, n) k)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE attainment(a.v, 'rise', b.v, 0.1)
                              <> CASE trend(a.v, b.v, 0.1) WHEN 'rise' THEN 'met' ELSE 'not met' END) AS rise_mismatches,
       count(*) FILTER (WHERE attainment(a.v, 'fall', b.v, 0.1)
                              <> CASE trend(a.v, b.v, 0.1) WHEN 'fall' THEN 'met' ELSE 'not met' END) AS fall_mismatches,
       count(*) FILTER (WHERE attainment(a.v, 'rise', b.v, 0.1) = 'met') AS significant_rises
FROM s a, s b;
SELECT attainment('40/100'::share, 'rise', '20/100'::share, 2);
