-- The standardised comparison (src/standardised.c) against the same sums in
-- plain SQL, on random cohort rows: municipalities, regions and remainders
-- (never compared), both boundary sets, years and half-years, cohorts from
-- before the period (4 and more years: one group), of the period itself, after
-- it, and unknown; several rows of one group, hidden rows and empty ones.
-- (A case computed by hand: sql/monitor_judgement.sql.)
CREATE DATABASE u16_standardised;
\c u16_standardised
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = u16, public;
SELECT setseed(0.61);

-- The definition, as plain SQL: the groups of years since the start of the
-- cohort, paired with the same group offset_years earlier where both are
-- published and not empty, summed per area and period.
CREATE FUNCTION plain_standardised(offset_years integer)
RETURNS TABLE (indicator_code text, boundaries text, area_code text, period u16.period,
               rate float8, baseline_rate float8, variance float8)
LANGUAGE sql AS $$
    WITH
    strata AS (
        SELECT r.indicator_code, r.boundaries, r.area_code, r.period,
               coalesce(u16.years_since_start(r.period, r.cohort_year), 'unknown') AS stratum,
               sum(r.numerator)::float8 AS k, sum(r.denominator)::float8 AS n, bool_or(r.hidden) AS hidden
        FROM u16.monitor_row r
        WHERE r.kind = 'cohort' AND r.area_type <> 'remainder'
        GROUP BY 1, 2, 3, 4, 5
    ),
    paired AS (
        SELECT c.indicator_code, c.boundaries, c.area_code, c.period, c.k, c.n, b.k / b.n AS rb, b.n AS nb
        FROM strata c
        JOIN strata b ON (b.indicator_code, b.boundaries, b.area_code, b.stratum)
                         = (c.indicator_code, c.boundaries, c.area_code, c.stratum)
                     AND b.period = (c.period - offset_years)
        WHERE NOT c.hidden AND NOT b.hidden AND c.n > 0 AND b.n > 0
    )
    SELECT indicator_code, boundaries, area_code, period,
           sum(k) / sum(n), sum(n * rb) / sum(n),
           (sum(k) / sum(n)) * (1 - sum(k) / sum(n)) / sum(n) + sum(n * n * rb * (1 - rb) / nb) / (sum(n) * sum(n))
    FROM paired
    GROUP BY 1, 2, 3, 4
$$;

-- Random cohort rows (and scorecard rows, which do not take part).
INSERT INTO monitor_row (kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, numerator,
                         denominator, hidden)
SELECT kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, least(k, n), n, random() < 0.1
FROM (SELECT k.kind, i.code AS indicator_code, b.boundaries, a.area_type, a.area_code, p.period::period AS period,
             CASE WHEN random() < 0.1 THEN NULL
                  ELSE extract(year FROM period_start(p.period::period))::integer + 1 - floor(random() * 9)::integer
             END AS cohort_year,
             floor(random() * 40)::bigint AS k,
             CASE WHEN random() < 0.05 THEN 0 ELSE floor(random() * 60)::bigint END AS n
      FROM (VALUES ('T2.6'), ('T2.1'), ('T2.4')) i(code)
      CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
      CROSS JOIN (VALUES ('municipality', 'GM0344'), ('municipality', 'GM0355'), ('municipality', 'GM0312'),
                         ('municipality', 'GM1961'), ('region', 'U16'), ('region', 'a region with a long code'),
                         ('remainder', 'GM1961')) a(area_type, area_code)
      CROSS JOIN (SELECT y::text FROM generate_series(2014, 2022) y
                  UNION ALL VALUES ('2018H1'), ('2018H2'), ('2019H1'), ('2019H2')) p(period)
      CROSS JOIN (VALUES ('cohort'), ('cohort'), ('cohort'), ('cohort'), ('scorecard')) k(kind)
      WHERE random() < 0.8
      OFFSET 0) x;
SELECT count(*) > 1500 AS many_cohort_rows,
       count(*) FILTER (WHERE hidden) > 100 AS some_hidden,
       count(*) FILTER (WHERE denominator = 0) > 20 AS some_empty,
       count(*) FILTER (WHERE cohort_year IS NULL) > 100 AS some_unknown
FROM monitor_row WHERE kind = 'cohort';

-- Per offset: the areas and periods compared, those only one side has, and
-- those whose figures differ by more than rounding (the sums add in another
-- order).
CREATE FUNCTION compared_rates(offset_years integer)
RETURNS TABLE (area_code text, period text, one_side boolean, differing boolean)
LANGUAGE sql AS $$
    SELECT area_code, period::text, c.rate IS NULL OR p.rate IS NULL,
           abs(c.rate - p.rate) > 1e-12 OR abs(c.baseline_rate - p.baseline_rate) > 1e-12
               OR abs(c.variance - p.variance) > 1e-12 * p.variance
    FROM standardised_rates(offset_years) c
    FULL JOIN plain_standardised(offset_years) p USING (indicator_code, boundaries, area_code, period)
$$;
SELECT o.offset_years,
       count(*) > 100 AS many_compared,
       count(*) FILTER (WHERE x.one_side) AS only_one_side,
       count(*) FILTER (WHERE x.differing) AS differing,
       count(*) FILTER (WHERE x.period LIKE '%H%') > 10 AS half_years_compared,
       count(*) FILTER (WHERE x.area_code !~ '^GM') > 10 AS regions_compared
FROM (VALUES (1), (2), (3)) o(offset_years)
CROSS JOIN LATERAL compared_rates(o.offset_years) x
GROUP BY o.offset_years
ORDER BY o.offset_years;

-- The view reads the setting baseline_offset_years.
UPDATE setting SET value = '2' WHERE name = 'baseline_offset_years';
SELECT (SELECT count(*) FROM monitor_standardised) = (SELECT count(*) FROM standardised_rates(2)) AS view_follows_setting,
       (SELECT count(*) FROM standardised_rates(2)) <> (SELECT count(*) FROM standardised_rates(1)) AS offsets_differ;

-- No cohort rows: no comparisons.
TRUNCATE monitor_row;
SELECT count(*) AS compared_without_rows FROM standardised_rates(1);

-- Years since the start: 2018's persons of the 2019 cohort were counted before
-- their start (-1); 4 and more are one group; half-years count from the year.
SELECT c AS cohort_year, years_since_start('2018', c) AS in_2018, years_since_start('2018H2', c) AS in_2018h2
FROM unnest(ARRAY[2019, 2018, 2015, 2014, 2010]) c;

\c contrib_regression
DROP DATABASE u16_standardised;
