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
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 20000;
COMMENT ON FUNCTION @extschema@.standardised_rates(integer) IS
    'internal: per area and period of the cohort rows of the refresh in progress, the rate over the cohort groups published in both periods and the rate of the period offset_years earlier standardised to this period''s mix of years since the cohort''s start, with the variance of their difference';

CREATE VIEW @extschema@.monitor_standardised WITH (security_invoker = true) AS
SELECT * FROM @extschema@.standardised_rates(@extschema@.setting_int('baseline_offset_years'));
COMMENT ON VIEW @extschema@.monitor_standardised IS
    'internal: per area and period the rate over the published cohort groups and the baseline year''s rate standardised to the period''s mix of years since the cohort''s start, with the variance of their difference';

-- The judged scorecard rows.
CREATE VIEW @extschema@.monitor_scorecard WITH (security_invoker = true) AS
WITH
settings AS MATERIALIZED (
    SELECT @extschema@.setting_int('baseline_offset_years') AS offset_years,
           @extschema@.setting_numeric('significance_level')::double precision AS alpha,
           (SELECT data_date FROM @extschema@.monitor_run) AS data_date
),
rows AS (
    SELECT r.*, i.theme, i.name_en, i.qualitative, i.standardised, i.region_rule,
           CASE WHEN r.area_type = 'municipality' THEN coalesce(i.municipal_unit, i.unit) ELSE i.unit END AS unit,
           CASE WHEN @extschema@.granularity(r.period) = 'year' THEN r.period OPERATOR(@extschema@.-) s.offset_years
                ELSE r.period OPERATOR(@extschema@.-) (2 * s.offset_years) END AS baseline_period,
           coalesce(t.target, CASE WHEN r.area_type = 'municipality' AND i.members_follow_region_target THEN pt.target END)
               AS target,
           coalesce(r.open_until > s.data_date, r.open_until IS NOT NULL) AS open,
           least(@extschema@.period_end(r.period), s.data_date) AS as_of
    FROM @extschema@.monitor_row r
    CROSS JOIN settings s
    JOIN @extschema@.indicator i ON i.code = r.indicator_code
    LEFT JOIN @extschema@.indicator_target t
           ON (t.indicator_code, t.area_code, t.period) = (r.indicator_code, r.area_code, r.period)
    LEFT JOIN @extschema@.indicator_target pt
           ON (pt.indicator_code, pt.area_code, pt.period) = (r.indicator_code, r.parent_region, r.period)
    WHERE r.kind = 'scorecard' AND r.area_type <> 'remainder'
),
compared AS (
    SELECT r.*, @extschema@.share(r.numerator, r.denominator) AS cell,
           b.numerator AS baseline_numerator, b.hidden AS baseline_hidden,
           CASE WHEN r.unit = 'share' THEN @extschema@.share(b.numerator, b.denominator) END AS baseline_cell,
           st.rate, st.baseline_rate, st.variance
    FROM rows r
    LEFT JOIN @extschema@.monitor_row b
           ON (b.kind, b.indicator_code, b.boundaries, b.area_type, b.area_code, b.period)
            = ('scorecard', r.indicator_code, r.boundaries, r.area_type, r.area_code, r.baseline_period)
    LEFT JOIN @extschema@.monitor_standardised st
           ON r.standardised AND (st.indicator_code, st.boundaries, st.area_code, st.period)
                               = (r.indicator_code, r.boundaries, r.area_code, r.period)
),
-- The change used for trend and status: standardised where the catalogue says
-- so and published cohorts allow it, else crude (shares); counts are compared
-- by the exact Poisson test.
trended AS (
    SELECT c.*,
           CASE WHEN c.unit <> 'share' THEN NULL
                WHEN c.standardised AND c.rate IS NOT NULL THEN 'standardised'
                ELSE 'crude' END AS comparison,
           @extschema@.share_increase(c.cell, c.baseline_cell) AS crude_change,
           CASE WHEN c.unit = 'share' AND c.standardised AND c.rate IS NOT NULL THEN c.rate - c.baseline_rate
                ELSE @extschema@.share_increase(c.cell, c.baseline_cell) END AS change,
           CASE WHEN c.hidden OR c.baseline_hidden THEN NULL
                WHEN c.open THEN 'pending'
                WHEN c.unit = 'share' AND c.standardised AND c.rate IS NOT NULL THEN
                     CASE WHEN c.rate = c.baseline_rate THEN 'no change'
                          WHEN c.variance > 0 AND @extschema@.normal_p_value((c.rate - c.baseline_rate) / sqrt(c.variance)) >= s.alpha
                               THEN 'no change'
                          WHEN c.rate > c.baseline_rate THEN 'rise' ELSE 'fall' END
                WHEN c.unit = 'share' THEN coalesce(@extschema@.trend(c.cell, c.baseline_cell, s.alpha), 'no data')
                WHEN c.unit = 'count' AND c.numerator IS NOT NULL AND c.baseline_numerator IS NOT NULL
                     THEN @extschema@.count_trend(c.numerator, c.baseline_numerator, s.alpha)
                WHEN c.unit = 'count' THEN 'no data'
           END AS trend
    FROM compared c CROSS JOIN settings s
),
judged AS (
    SELECT t.*,
           CASE WHEN t.target IS NULL AND t.region_rule = 'members' AND t.area_type = 'municipality' AND t.met IS NOT NULL
                     AND t.unit <> 'milestone'
                     THEN CASE WHEN t.met THEN 'met' ELSE 'not met' END       -- the indicator's own per-municipality result
                WHEN t.hidden AND NOT (t.region_rule = 'members' AND t.area_type = 'municipality') THEN 'suppressed'
                WHEN t.target IS NULL THEN 'no target'
                WHEN t.unit = 'milestone' THEN @extschema@.attainment(t.done_on, t.target, t.as_of)
                WHEN t.open THEN 'pending'
                WHEN @extschema@.target_kind(t.target) IN ('rise', 'fall') THEN
                     CASE WHEN t.baseline_hidden THEN 'baseline suppressed'
                          WHEN t.trend IS NULL OR t.trend = 'no data' THEN 'no data'
                          WHEN t.trend = 'no change' THEN 'no change'
                          WHEN t.trend = @extschema@.target_kind(t.target) THEN 'met'
                          ELSE 'not met' END
                WHEN t.unit = 'count' THEN @extschema@.attainment(t.numerator, t.target)
                WHEN t.unknown_members > 0 THEN
                     -- members without data: decided only if it holds whatever they did
                     CASE WHEN @extschema@.attainment(t.cell, t.target)
                               = @extschema@.attainment(@extschema@.share(t.numerator + t.unknown_members, t.denominator), t.target)
                          THEN @extschema@.attainment(t.cell, t.target) ELSE 'no data' END
                ELSE @extschema@.attainment(t.cell, t.target)
           END AS status
    FROM trended t
),
quantitative AS (
    SELECT j.indicator_code, j.theme::bigint AS theme, j.name_en AS indicator_name, j.unit, j.boundaries,
           j.area_code, j.area_type, j.period,
           CASE WHEN NOT j.hidden THEN j.numerator END AS numerator_count,
           CASE WHEN NOT j.hidden THEN j.denominator END AS denominator_count,
           CASE WHEN j.hidden THEN NULL
                WHEN j.unit = 'share' THEN round(@extschema@.share_value(j.cell)::numeric, 6)
                WHEN j.unit = 'count' THEN j.numerator::numeric
                WHEN j.unit = 'milestone' AND j.denominator > 0 THEN round(j.numerator::numeric / j.denominator, 6)
           END AS value,
           CASE WHEN NOT j.hidden AND j.unit = 'share' THEN round(@extschema@.ci_lower(j.cell)::numeric, 6) END AS ci_lower,
           CASE WHEN NOT j.hidden AND j.unit = 'share' THEN round(@extschema@.ci_upper(j.cell)::numeric, 6) END AS ci_upper,
           j.target::text AS target,
           j.status,
           CASE WHEN NOT j.hidden AND j.unit = 'share' AND @extschema@.target_threshold(j.target) IS NOT NULL
                     AND @extschema@.denominator(j.cell) > 0 THEN
                CASE WHEN @extschema@.ci_lower(j.cell) > @extschema@.target_threshold(j.target) THEN 'above'
                     WHEN @extschema@.ci_upper(j.cell) < @extschema@.target_threshold(j.target) THEN 'below'
                     ELSE 'overlaps' END
           END AS interval_vs_target,
           j.baseline_period::text AS baseline_period,
           CASE WHEN j.hidden OR j.baseline_hidden THEN NULL
                WHEN j.unit = 'share' THEN round(@extschema@.share_value(j.baseline_cell)::numeric, 6)
                WHEN j.unit = 'count' THEN j.baseline_numerator::numeric
           END AS baseline_value,
           -- A figure that can still change is not compared yet.
           CASE WHEN NOT j.hidden AND NOT j.baseline_hidden AND NOT j.open AND j.change IS NOT NULL THEN j.comparison END
               AS comparison,
           CASE WHEN NOT j.hidden AND NOT j.baseline_hidden AND NOT j.open THEN round((j.change * 100)::numeric, 2) END
               AS change_pct_points,
           CASE WHEN NOT j.hidden AND NOT j.baseline_hidden AND NOT j.open THEN round((j.crude_change * 100)::numeric, 2)
           END AS crude_change_pct_points,
           j.trend,
           j.hidden AS suppressed
    FROM judged j
),
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
SELECT q.indicator_code, q.theme, q.indicator_name, q.unit, q.boundaries, q.area_code, coalesce(m.name, rg.name) AS area_name,
       q.area_type, q.period::text AS period, @extschema@.period_start(q.period) AS period_start,
       q.numerator_count, q.denominator_count, q.value, q.ci_lower, q.ci_upper, q.target, q.status, q.interval_vs_target,
       q.baseline_period, q.baseline_value, q.comparison, q.change_pct_points, q.crude_change_pct_points, q.trend,
       n.summary AS note, q.suppressed
FROM quantitative q
LEFT JOIN @extschema@.assessment_note n ON (n.indicator_code, n.area_code, n.period) = (q.indicator_code, q.area_code, q.period)
LEFT JOIN @extschema@.municipality m ON m.code::text = q.area_code
LEFT JOIN @extschema@.region rg ON rg.code = q.area_code
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
       CASE WHEN NOT r.hidden THEN round(@extschema@.share_value(@extschema@.share(r.numerator, r.denominator))::numeric, 6) END AS value,
       CASE WHEN NOT r.hidden THEN round(@extschema@.ci_lower(@extschema@.share(r.numerator, r.denominator))::numeric, 6) END AS ci_lower,
       CASE WHEN NOT r.hidden THEN round(@extschema@.ci_upper(@extschema@.share(r.numerator, r.denominator))::numeric, 6) END AS ci_upper,
       r.hidden AS suppressed
FROM @extschema@.monitor_row r
JOIN @extschema@.indicator i ON i.code = r.indicator_code
LEFT JOIN @extschema@.municipality m ON m.code::text = r.area_code
LEFT JOIN @extschema@.region rg ON rg.code = r.area_code
WHERE r.kind = 'cohort' AND r.area_type <> 'remainder';
COMMENT ON VIEW @extschema@.monitor_cohort IS 'internal: the cohort rows of the refresh in progress';

-- The level rows of T2.3: persons at each language level group, of all with a
-- completed course.
CREATE VIEW @extschema@.monitor_language_level WITH (security_invoker = true) AS
SELECT r.boundaries, r.area_code, coalesce(m.name, rg.name) AS area_name, r.area_type, r.period::text AS period,
       @extschema@.period_start(r.period) AS period_start, r.level,
       CASE r.level WHEN 'below A1' THEN 1 WHEN 'A1' THEN 2 WHEN 'A2' THEN 3 WHEN 'B1' THEN 4 ELSE 5 END::bigint AS level_order,
       CASE WHEN NOT r.hidden THEN r.numerator END AS persons_count,
       CASE WHEN NOT r.hidden AND NOT t.hidden THEN t.denominator END AS total_count,
       CASE WHEN NOT r.hidden AND NOT t.hidden AND t.denominator > 0 THEN round(r.numerator::numeric / t.denominator, 6) END AS level_share,
       r.hidden AS suppressed
FROM @extschema@.monitor_row r
JOIN @extschema@.monitor_row t
  ON (t.kind, t.indicator_code, t.boundaries, t.area_type, t.area_code, t.period)
   = ('scorecard', r.indicator_code, r.boundaries, r.area_type, r.area_code, r.period)
LEFT JOIN @extschema@.municipality m ON m.code::text = r.area_code
LEFT JOIN @extschema@.region rg ON rg.code = r.area_code
WHERE r.kind = 'level' AND r.area_type <> 'remainder';
COMMENT ON VIEW @extschema@.monitor_language_level IS 'internal: the language level rows of the refresh in progress';
COMMENT ON COLUMN @extschema@.monitor_standardised.indicator_code IS 'indicator';
COMMENT ON COLUMN @extschema@.monitor_standardised.boundaries IS 'historical or current';
COMMENT ON COLUMN @extschema@.monitor_standardised.area_code IS 'municipality or region code';
COMMENT ON COLUMN @extschema@.monitor_standardised.period IS 'period';
COMMENT ON COLUMN @extschema@.monitor_standardised.rate IS 'the period''s rate over the cohort groups published in both periods';
COMMENT ON COLUMN @extschema@.monitor_standardised.baseline_rate IS 'the baseline year''s rates per group, weighted by the period''s persons per group';
COMMENT ON COLUMN @extschema@.monitor_standardised.variance IS 'variance of rate - baseline_rate';
