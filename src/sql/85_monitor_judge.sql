-- ============================================================================
-- The monitor, part 6: judging the rows: target, status, baseline, change and
-- trend, and what a withheld row withholds (docs/monitor.md).  Layer 4, SQL.
--
-- What each published column reveals, and so when it is withheld:
--   numerator, denominator, value, interval   the row itself: NULL when it is
--       hidden (a municipality's own yes/no result of an indicator whose
--       region counts members, such as T2.8, keeps its status: it says no
--       more than the region row already does)
--   status, interval_vs_target                the row (and for rise and fall
--       the baseline): 'suppressed' when the row is hidden, 'baseline
--       suppressed' when the baseline it would be compared with is
--   baseline_value, change, trend             the row and its baseline: NULL
--       when either is hidden
--   the standardised change                   only cohort rows that are
--       published, in both periods (a withheld cohort is left out)
--   region rows                               sums of members: the
--       disclosure control keeps every sum from revealing a hidden member
-- ============================================================================

-- Years since the start of a cohort, in the groups the cohort view and the
-- standardised comparison use: 0, 1, 2, 3, 4+ (NULL: unknown cohort).
CREATE FUNCTION @extschema@.years_since_start(p @extschema@.period, cohort_year integer) RETURNS text
    AS 'MODULE_PATHNAME', 'u16_years_since_start'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.years_since_start(@extschema@.period, integer) IS
    'years from the start of a cohort to the period: 0, 1, 2, 3 or 4+ (text); NULL for an unknown cohort';

-- A fraction as published: round(x::numeric, digits), the same numeric bit
-- for bit, without printing x (src/rounded.c).
CREATE FUNCTION @extschema@.rounded(x double precision, digits integer) RETURNS numeric
    AS 'MODULE_PATHNAME', 'u16_rounded'
    LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rounded(double precision, integer) IS
    'internal, used by the published views: round(x::numeric, digits), computed without the text conversion of the cast';

-- The standardised comparison of a row with its baseline: the period's rate
-- against the baseline year's rates weighted by the period's persons per
-- group of years since the start of their cohort (direct standardisation),
-- over the groups published in both periods.  Variance: the binomial variance
-- of the period's rate plus the weighted variances of the baseline rates.
-- Computed in memory from the cohort rows of monitor_row (src/standardised.c).
CREATE FUNCTION @extschema@.standardised_rates(offset_years integer,
        OUT indicator_code text, OUT boundaries text, OUT area_code text, OUT period @extschema@.period,
        OUT rate double precision, OUT baseline_rate double precision, OUT variance double precision)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'u16_standardised_rates'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 20000
    SET search_path = pg_catalog, pg_temp;  -- the SQL it runs names u16's objects with their schema
COMMENT ON FUNCTION @extschema@.standardised_rates(integer) IS
    'internal: per area and period of the cohort rows of the refresh in progress, the rate over the cohort groups published in both periods and the rate of the period offset_years earlier standardised to this period''s mix of years since the cohort''s start, with the variance of their difference';

CREATE VIEW @extschema@.monitor_standardised WITH (security_invoker = true) AS
SELECT * FROM @extschema@.standardised_rates(@extschema@.setting_int('baseline_offset_years'));
COMMENT ON VIEW @extschema@.monitor_standardised IS
    'internal: per area and period the rate over the published cohort groups and the baseline year''s rate standardised to the period''s mix of years since the cohort''s start, with the variance of their difference';

-- The judged scorecard rows: the quantitative ones computed in memory from
-- monitor_row (src/judge.c has the rules: unit, baseline, target, open,
-- change, trend, status, and what a hidden row withholds), and the results
-- without numbers.
CREATE FUNCTION @extschema@.judged_rows(
        OUT indicator_code text, OUT theme bigint, OUT indicator_name text, OUT unit text, OUT boundaries text,
        OUT area_code text, OUT area_name text, OUT area_type text, OUT period text, OUT period_start date,
        OUT numerator_count bigint, OUT denominator_count bigint, OUT value numeric, OUT ci_lower numeric,
        OUT ci_upper numeric, OUT target text, OUT status text, OUT interval_vs_target text, OUT baseline_period text,
        OUT baseline_value numeric, OUT comparison text, OUT change_pct_points numeric,
        OUT crude_change_pct_points numeric, OUT trend text, OUT note text, OUT suppressed boolean)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'u16_judged_rows'
    LANGUAGE C STABLE PARALLEL RESTRICTED ROWS 60000
    SET search_path = pg_catalog, pg_temp;  -- the SQL it runs names u16's objects with their schema
COMMENT ON FUNCTION @extschema@.judged_rows() IS
    'internal: the judged quantitative scorecard rows of the refresh in progress (value, interval, target, status, baseline, change, trend), with what hidden rows withhold withheld';

CREATE VIEW @extschema@.monitor_scorecard WITH (security_invoker = true) AS
WITH
-- Results without numbers: once per region and year on both boundary sets,
-- and wherever an assessment was recorded.
qualitative AS (
    SELECT i.code AS indicator_code, i.theme::bigint AS theme, i.name_en AS indicator_name, i.unit, b.boundaries,
           a.area_code, a.area_type, a.period
    FROM @extschema@.indicator i
    CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
    CROSS JOIN (SELECT r.code AS area_code, 'region' AS area_type, y.period
                FROM @extschema@.region r
                CROSS JOIN (SELECT DISTINCT period FROM @extschema@.monitor_cell
                            WHERE @extschema@.granularity(period) = 'year') y
                UNION
                SELECT n.area_code, CASE WHEN n.area_code ~ '^GM[0-9]{4}$' THEN 'municipality' ELSE 'region' END, n.period
                FROM @extschema@.assessment_note n) a
    WHERE i.qualitative
)
SELECT * FROM @extschema@.judged_rows()
UNION ALL
SELECT q.indicator_code, q.theme, q.indicator_name, q.unit, q.boundaries, q.area_code, coalesce(m.name, rg.name),
       q.area_type, q.period::text, @extschema@.period_start(q.period),
       NULL, NULL, NULL, NULL, NULL, NULL, coalesce(n.status, 'qualitative'), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       n.summary, false
FROM qualitative q
LEFT JOIN @extschema@.assessment_note n ON (n.indicator_code, n.area_code, n.period) = (q.indicator_code, q.area_code, q.period)
LEFT JOIN @extschema@.municipality m ON m.code::text = q.area_code
LEFT JOIN @extschema@.region rg ON rg.code = q.area_code;
COMMENT ON VIEW @extschema@.monitor_scorecard IS
    'internal: the judged scorecard rows of the refresh in progress (status, baseline, change, trend), with what hidden rows withhold withheld';

-- The cohort rows: persons of one cohort, with the years since its start.
CREATE VIEW @extschema@.monitor_cohort WITH (security_invoker = true) AS
SELECT r.indicator_code, i.theme::bigint AS theme, i.name_en AS indicator_name, r.boundaries, r.area_code,
       coalesce(m.name, rg.name) AS area_name, r.area_type, r.period::text AS period,
       @extschema@.period_start(r.period) AS period_start, r.cohort_year::bigint AS cohort,
       @extschema@.years_since_start(r.period, r.cohort_year) AS years_since_start,
       CASE WHEN NOT r.hidden THEN r.numerator END AS numerator_count,
       CASE WHEN NOT r.hidden THEN r.denominator END AS denominator_count,
       CASE WHEN NOT r.hidden THEN @extschema@.rounded(@extschema@.share_value(@extschema@.share(r.numerator, r.denominator)), 6) END AS value,
       CASE WHEN NOT r.hidden THEN @extschema@.rounded(@extschema@.ci_lower(@extschema@.share(r.numerator, r.denominator)), 6) END AS ci_lower,
       CASE WHEN NOT r.hidden THEN @extschema@.rounded(@extschema@.ci_upper(@extschema@.share(r.numerator, r.denominator)), 6) END AS ci_upper,
       r.hidden AS suppressed
FROM @extschema@.monitor_row r
JOIN @extschema@.indicator i ON i.code = r.indicator_code
LEFT JOIN @extschema@.municipality m ON m.code::text = r.area_code
LEFT JOIN @extschema@.region rg ON rg.code = r.area_code
WHERE r.kind = 'cohort' AND r.area_type <> 'remainder';
COMMENT ON VIEW @extschema@.monitor_cohort IS 'internal: the cohort rows of the refresh in progress';

-- The level rows of T2.3 (the indicator with level rows): persons at each of
-- the five language level groups, of all with a completed course, for every
-- area and year with persons in T2.3 (a group without persons is a row with 0)
-- and for every withheld T2.3 row (all five withheld).  Every group has a row,
-- so the absence of a row never tells that a withheld area has nobody at a
-- level, which the region's count less the published members would turn into
-- the count of the one withheld member that has persons there
-- (docs/monitor.md).  A level row is withheld with its area's T2.3 row
-- (src/candidate_rows.c).
CREATE VIEW @extschema@.monitor_language_level WITH (security_invoker = true) AS
SELECT t.boundaries, t.area_code, coalesce(m.name, rg.name) AS area_name, t.area_type, t.period::text AS period,
       @extschema@.period_start(t.period) AS period_start, g.level, g.level_order,
       CASE WHEN NOT t.hidden THEN coalesce(r.numerator, 0) END AS persons_count,
       CASE WHEN NOT t.hidden THEN t.denominator END AS total_count,
       CASE WHEN NOT t.hidden THEN round(coalesce(r.numerator, 0)::numeric / t.denominator, 6) END AS level_share,
       t.hidden AS suppressed
FROM @extschema@.monitor_row t
CROSS JOIN (VALUES ('below A1', 1::bigint), ('A1', 2), ('A2', 3), ('B1', 4), ('B2 and above', 5)) g(level, level_order)
LEFT JOIN @extschema@.monitor_row r
       ON (r.kind, r.indicator_code, r.boundaries, r.area_type, r.area_code, r.period, r.level)
        = ('level', t.indicator_code, t.boundaries, t.area_type, t.area_code, t.period, g.level)
LEFT JOIN @extschema@.municipality m ON m.code::text = t.area_code
LEFT JOIN @extschema@.region rg ON rg.code = t.area_code
WHERE t.kind = 'scorecard' AND t.area_type <> 'remainder'
  AND t.indicator_code IN (SELECT l.indicator_code FROM @extschema@.monitor_row l WHERE l.kind = 'level')
  AND @extschema@.granularity(t.period) = 'year' AND (t.hidden OR t.denominator > 0);
COMMENT ON VIEW @extschema@.monitor_language_level IS 'internal: the language level rows of the refresh in progress';
COMMENT ON COLUMN @extschema@.monitor_standardised.indicator_code IS 'indicator';
COMMENT ON COLUMN @extschema@.monitor_standardised.boundaries IS 'historical or current';
COMMENT ON COLUMN @extschema@.monitor_standardised.area_code IS 'municipality or region code';
COMMENT ON COLUMN @extschema@.monitor_standardised.period IS 'period';
COMMENT ON COLUMN @extschema@.monitor_standardised.rate IS 'the period''s rate over the cohort groups published in both periods';
COMMENT ON COLUMN @extschema@.monitor_standardised.baseline_rate IS 'the baseline year''s rates per group, weighted by the period''s persons per group';
COMMENT ON COLUMN @extschema@.monitor_standardised.variance IS 'variance of rate - baseline_rate';
