-- The judged scorecard rows (src/judge.c) against the same rules written in
-- plain SQL (the view that judged them before), on random rows of every
-- indicator: municipal and region rows, hidden ones, figures that can still
-- change, milestones done or not, members without a result, baselines present,
-- missing and hidden, standardised comparisons from random cohorts, and
-- targets of every kind (thresholds, rise and fall, counts, deadlines), the
-- area's own or its region's.  Every column of every row is compared as text
-- (so 0.5 and 0.500000 would differ), under two baseline offsets and
-- significance levels, with and without a last date of the data.
CREATE DATABASE u16_judged;
\c u16_judged
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = u16, public;
SELECT setseed(0.85);

-- The rules in plain SQL.
-- The judged scorecard rows.
CREATE VIEW plain_scorecard AS
WITH
settings AS MATERIALIZED (
    SELECT u16.setting_int('baseline_offset_years') AS offset_years,
           u16.setting_numeric('significance_level')::double precision AS alpha,
           (SELECT data_date FROM u16.monitor_run) AS data_date
),
rows AS (
    SELECT r.*, i.theme, i.name_en, i.qualitative, i.standardised, i.region_rule,
           CASE WHEN r.area_type = 'municipality' THEN coalesce(i.municipal_unit, i.unit) ELSE i.unit END AS unit,
           CASE WHEN u16.granularity(r.period) = 'year' THEN r.period OPERATOR(u16.-) s.offset_years
                ELSE r.period OPERATOR(u16.-) (2 * s.offset_years) END AS baseline_period,
           coalesce(t.target, CASE WHEN r.area_type = 'municipality' AND i.members_follow_region_target THEN pt.target END)
               AS target,
           coalesce(r.open_until > s.data_date, r.open_until IS NOT NULL)
           OR (CASE WHEN r.area_type = 'municipality' THEN coalesce(i.municipal_unit, i.unit) ELSE i.unit END <> 'milestone'
               AND coalesce(s.data_date < u16.period_end(r.period), false)) AS open,
           least(u16.period_end(r.period), s.data_date) AS as_of
    FROM u16.monitor_row r
    CROSS JOIN settings s
    JOIN u16.indicator i ON i.code = r.indicator_code
    LEFT JOIN u16.indicator_target t
           ON (t.indicator_code, t.area_code, t.period) = (r.indicator_code, r.area_code, r.period)
    LEFT JOIN u16.indicator_target pt
           ON (pt.indicator_code, pt.area_code, pt.period) = (r.indicator_code, r.parent_region, r.period)
    WHERE r.kind = 'scorecard' AND r.area_type <> 'remainder'
),
compared AS (
    SELECT r.*, u16.share(r.numerator, r.denominator) AS cell,
           b.numerator AS baseline_numerator, b.hidden AS baseline_hidden,
           CASE WHEN r.unit = 'share' THEN u16.share(b.numerator, b.denominator) END AS baseline_cell,
           st.rate, st.baseline_rate, st.variance
    FROM rows r
    LEFT JOIN u16.monitor_row b
           ON (b.kind, b.indicator_code, b.boundaries, b.area_type, b.area_code, b.period)
            = ('scorecard', r.indicator_code, r.boundaries, r.area_type, r.area_code, r.baseline_period)
    LEFT JOIN u16.monitor_standardised st
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
           u16.share_increase(c.cell, c.baseline_cell) AS crude_change,
           CASE WHEN c.unit = 'share' AND c.standardised AND c.rate IS NOT NULL THEN c.rate - c.baseline_rate
                ELSE u16.share_increase(c.cell, c.baseline_cell) END AS change,
           CASE WHEN c.hidden OR c.baseline_hidden THEN NULL
                WHEN c.open THEN 'pending'
                WHEN c.unit = 'share' AND c.standardised AND c.rate IS NOT NULL
                     AND (c.rate = c.baseline_rate OR c.variance > 0) THEN
                     CASE WHEN c.rate = c.baseline_rate THEN 'no change'
                          WHEN u16.normal_p_value((c.rate - c.baseline_rate) / sqrt(c.variance)) >= s.alpha
                               THEN 'no change'
                          WHEN c.rate > c.baseline_rate THEN 'rise' ELSE 'fall' END
                WHEN c.unit = 'share' THEN coalesce(u16.trend(c.cell, c.baseline_cell, s.alpha), 'no data')
                WHEN c.unit = 'count' AND c.numerator IS NOT NULL AND c.baseline_numerator IS NOT NULL
                     THEN u16.count_trend(c.numerator, c.baseline_numerator, s.alpha)
                WHEN c.unit = 'count' THEN 'no data'
           END AS trend
    FROM compared c CROSS JOIN settings s
),
judged AS (
    SELECT t.*,
           CASE WHEN (t.target IS NULL OR t.hidden) AND t.region_rule = 'members' AND t.area_type = 'municipality'
                     AND t.met IS NOT NULL AND t.unit <> 'milestone'
                     THEN CASE WHEN t.open THEN 'pending' WHEN t.met THEN 'met' ELSE 'not met' END  -- its own result
                WHEN t.hidden THEN 'suppressed'
                WHEN t.target IS NULL THEN 'no target'
                WHEN t.unit = 'milestone' AND t.numerator IS NULL THEN 'no data'
                WHEN t.unit = 'milestone' THEN u16.attainment(t.done_on, t.target, t.as_of)
                WHEN t.open THEN 'pending'
                WHEN u16.target_kind(t.target) IN ('rise', 'fall') THEN
                     CASE WHEN t.baseline_hidden THEN 'baseline suppressed'
                          WHEN t.trend IS NULL OR t.trend = 'no data' THEN 'no data'
                          WHEN t.trend = 'no change' THEN 'no change'
                          WHEN t.trend = u16.target_kind(t.target) THEN 'met'
                          ELSE 'not met' END
                WHEN t.unit = 'count' THEN u16.attainment(t.numerator, t.target)
                WHEN t.unknown_members > 0 THEN
                     -- members without data: decided only if it holds whatever they did
                     CASE WHEN u16.attainment(t.cell, t.target)
                               = u16.attainment(u16.share(t.numerator + t.unknown_members, t.denominator), t.target)
                          THEN u16.attainment(t.cell, t.target) ELSE 'no data' END
                ELSE u16.attainment(t.cell, t.target)
           END AS status
    FROM trended t
),
quantitative AS (
    SELECT j.indicator_code, j.theme::bigint AS theme, j.name_en AS indicator_name, j.unit, j.boundaries,
           j.area_code, j.area_type, j.period,
           CASE WHEN NOT j.hidden THEN j.numerator END AS numerator_count,
           CASE WHEN NOT j.hidden THEN j.denominator END AS denominator_count,
           CASE WHEN j.hidden THEN NULL
                WHEN j.unit = 'share' THEN round(u16.share_value(j.cell)::numeric, 6)
                WHEN j.unit = 'count' THEN j.numerator::numeric
                WHEN j.unit = 'milestone' AND j.denominator > 0 THEN round(j.numerator::numeric / j.denominator, 6)
           END AS value,
           CASE WHEN NOT j.hidden AND j.unit = 'share' THEN round(u16.ci_lower(j.cell)::numeric, 6) END AS ci_lower,
           CASE WHEN NOT j.hidden AND j.unit = 'share' THEN round(u16.ci_upper(j.cell)::numeric, 6) END AS ci_upper,
           j.target::text AS target,
           j.status,
           CASE WHEN NOT j.hidden AND j.unit = 'share' AND u16.target_threshold(j.target) IS NOT NULL
                     AND u16.denominator(j.cell) > 0 THEN
                CASE WHEN u16.ci_lower(j.cell) > u16.target_threshold(j.target) THEN 'above'
                     WHEN u16.ci_upper(j.cell) < u16.target_threshold(j.target) THEN 'below'
                     ELSE 'overlaps' END
           END AS interval_vs_target,
           j.baseline_period::text AS baseline_period,
           CASE WHEN j.hidden OR j.baseline_hidden THEN NULL
                WHEN j.unit = 'share' THEN round(u16.share_value(j.baseline_cell)::numeric, 6)
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
    FROM u16.indicator i
    CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
    CROSS JOIN (SELECT r.code AS area_code, 'region' AS area_type, y.period
                FROM u16.region r
                CROSS JOIN (SELECT DISTINCT period FROM u16.monitor_cell
                            WHERE u16.granularity(period) = 'year') y
                UNION
                SELECT n.area_code, CASE WHEN n.area_code ~ '^GM[0-9]{4}$' THEN 'municipality' ELSE 'region' END, n.period
                FROM u16.assessment_note n) a
    WHERE i.qualitative
)
SELECT q.indicator_code, q.theme, q.indicator_name, q.unit, q.boundaries, q.area_code, coalesce(m.name, rg.name) AS area_name,
       q.area_type, q.period::text AS period, u16.period_start(q.period) AS period_start,
       q.numerator_count, q.denominator_count, q.value, q.ci_lower, q.ci_upper, q.target, q.status, q.interval_vs_target,
       q.baseline_period, q.baseline_value, q.comparison, q.change_pct_points, q.crude_change_pct_points, q.trend,
       n.summary AS note, q.suppressed
FROM quantitative q
LEFT JOIN u16.assessment_note n ON (n.indicator_code, n.area_code, n.period) = (q.indicator_code, q.area_code, q.period)
LEFT JOIN u16.municipality m ON m.code::text = q.area_code
LEFT JOIN u16.region rg ON rg.code = q.area_code
UNION ALL
SELECT q.indicator_code, q.theme, q.indicator_name, q.unit, q.boundaries, q.area_code, coalesce(m.name, rg.name),
       q.area_type, q.period::text, u16.period_start(q.period),
       NULL, NULL, NULL, NULL, NULL, NULL, coalesce(n.status, 'qualitative'), NULL, NULL, NULL, NULL, NULL, NULL, NULL,
       n.summary, false
FROM qualitative q
LEFT JOIN u16.assessment_note n ON (n.indicator_code, n.area_code, n.period) = (q.indicator_code, q.area_code, q.period)
LEFT JOIN u16.municipality m ON m.code::text = q.area_code
LEFT JOIN u16.region rg ON rg.code = q.area_code;

-- Random rows: per indicator, area and period one scorecard row; counts fit
-- the unit (k <= n for shares).
CREATE TABLE area (area_type text, area_code text, parent_region text);
INSERT INTO area VALUES ('municipality', 'GM0307', 'U16'), ('municipality', 'GM0344', 'U16'),
    ('municipality', 'GM0355', 'U16'), ('municipality', 'GM0312', 'U16'), ('municipality', 'GM1961', 'U16'),
    ('municipality', 'GM0356', NULL), ('region', 'U16', NULL);
INSERT INTO monitor_row (kind, indicator_code, boundaries, area_type, area_code, parent_region, period, numerator,
                         denominator, done_on, open_until, met, unknown_members, hidden)
SELECT 'scorecard', i.code, b.boundaries, a.area_type, a.area_code, a.parent_region, p.period::period,
       CASE WHEN x.u = 'milestone' THEN CASE WHEN random() < 0.8 THEN (random() < 0.5)::integer END
            WHEN random() < 0.9 THEN floor(random() * 30)::bigint END,
       CASE WHEN x.u = 'milestone' THEN 1 WHEN x.u = 'share' THEN 30 + floor(random() * 30)::bigint END,
       CASE WHEN random() < 0.5 THEN date '2016-01-01' + floor(random() * 1800)::integer END,
       CASE WHEN random() < 0.15 THEN date '2018-01-01' + floor(random() * 1000)::integer END,
       CASE WHEN random() < 0.7 THEN random() < 0.5 END,
       CASE WHEN i.region_rule = 'members' AND a.area_type = 'region' THEN floor(random() * 20)::bigint END,
       random() < 0.1
FROM indicator i
CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
CROSS JOIN area a
CROSS JOIN LATERAL (SELECT p FROM (VALUES ('2016'), ('2017'), ('2018'), ('2019'), ('2020')) y(p) WHERE i.granularity = 'year'
                    UNION ALL
                    SELECT p FROM (VALUES ('2017H1'), ('2017H2'), ('2018H1'), ('2018H2'), ('2019H1'), ('2019H2')) h(p)
                    WHERE i.granularity = 'halfyear') p(period)
CROSS JOIN LATERAL (SELECT CASE WHEN a.area_type = 'municipality' THEN coalesce(i.municipal_unit, i.unit) ELSE i.unit END AS u) x
WHERE NOT i.qualitative AND random() < 0.92;
-- Members without a result are counted in the region's denominator.
UPDATE monitor_row SET denominator = denominator + unknown_members, numerator = least(numerator, denominator)
WHERE unknown_members IS NOT NULL;
-- Cohort rows, for the standardised comparisons.
INSERT INTO monitor_row (kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, numerator,
                         denominator, hidden)
SELECT 'cohort', r.indicator_code, r.boundaries, r.area_type, r.area_code, r.period,
       CASE WHEN random() > 0.05 THEN c.y END,
       CASE WHEN c.empty THEN 0 ELSE floor(random() * 10)::bigint END,
       CASE WHEN c.empty THEN 0 ELSE 10 + floor(random() * 20)::bigint END,
       random() < 0.05
FROM monitor_row r
JOIN indicator i ON i.code = r.indicator_code AND i.standardised
CROSS JOIN LATERAL (SELECT extract(year FROM period_start(r.period))::integer - g AS y, random() < 0.03 AS empty
                    FROM generate_series(0, 5) g) c
WHERE r.kind = 'scorecard' AND random() < 0.8;
-- Targets of every kind that fits the unit, for areas and their region.
INSERT INTO indicator_target (indicator_code, area_code, period, target)
SELECT i.code, a.code, p.period::period,
       (CASE WHEN i.unit = 'share' THEN (ARRAY['>= 40%', '<= 30%', 'rise', 'fall', '> 50%'])[1 + floor(random() * 5)::integer]
             WHEN i.unit = 'count' THEN (ARRAY['>= 10', '<= 20', 'rise'])[1 + floor(random() * 3)::integer]
             ELSE (ARRAY['by 2018-06-30', 'before 2019-03-01', 'by 2017-12-31'])[1 + floor(random() * 3)::integer]
        END)::target
FROM indicator i
CROSS JOIN (VALUES ('U16'), ('GM0344'), ('GM0355'), ('GM1961')) a(code)
CROSS JOIN (VALUES ('2017'), ('2018'), ('2019'), ('2018H1'), ('2019H1'), ('2019H2')) p(period)
WHERE NOT i.qualitative AND (coalesce(i.municipal_unit, i.unit) = i.unit OR (a.code = 'U16' AND NOT i.members_follow_region_target))
  AND granularity(p.period::period) = i.granularity AND random() < 0.7;
INSERT INTO assessment_note VALUES
    ('T2.10', 'U16', '2018', 'partly met', 'Packs in 12 of 16.', NULL, '2019-02-01', 'bestuurstafel'),
    ('T1.1', 'GM0344', '2018', 'met', 'A note on a figure.', NULL, '2019-02-01', 'bestuurstafel');
-- A region whose members without a result decide its status: 5 of 16 met,
-- 6 unknown, against >= 50%: not met if none of them did, met if all did.
DELETE FROM monitor_row WHERE (kind, indicator_code, boundaries, area_code, period) = ('scorecard', 'T3.1', 'historical', 'U16', '2019H2');
INSERT INTO monitor_row (kind, indicator_code, boundaries, area_type, area_code, period, numerator, denominator,
                         unknown_members)
VALUES ('scorecard', 'T3.1', 'historical', 'region', 'U16', '2019H2', 5, 16, 6);
INSERT INTO indicator_target (indicator_code, area_code, period, target) VALUES ('T3.1', 'U16', '2019H2', '>= 50%')
ON CONFLICT (indicator_code, area_code, period) DO UPDATE SET target = EXCLUDED.target;
-- Figures open until exactly the last date of the data used below: closed then.
UPDATE monitor_row SET open_until = '2019-03-31' WHERE kind = 'scorecard' AND random() < 0.05;
INSERT INTO monitor_run (first_year, last_year, data_date) VALUES (2016, 2020, NULL);
SELECT count(*) FILTER (WHERE kind = 'scorecard') > 1000 AS many_rows, count(*) FILTER (WHERE hidden) > 100 AS hidden,
       count(*) FILTER (WHERE open_until IS NOT NULL) > 100 AS open,
       (SELECT count(*) FROM indicator_target WHERE NOT seeded) > 100 AS targets
FROM monitor_row;

-- Both views as text, per status: the rows of each side and those only one has.
CREATE FUNCTION compared_scorecards() RETURNS TABLE (status text, plain_rows bigint, only_plain bigint, only_c bigint)
LANGUAGE sql AS $$
    WITH p AS (SELECT s.status, s::text AS r FROM plain_scorecard s),
         c AS (SELECT s.status, s::text AS r FROM monitor_scorecard s),
         only_p AS (SELECT * FROM p EXCEPT ALL SELECT * FROM c),
         only_c AS (SELECT * FROM c EXCEPT ALL SELECT * FROM p)
    SELECT k.status, (SELECT count(*) FROM p WHERE p.status = k.status),
           (SELECT count(*) FROM only_p x WHERE x.status = k.status),
           (SELECT count(*) FROM only_c x WHERE x.status = k.status)
    FROM (SELECT status FROM p UNION SELECT status FROM c) k
$$;
-- Without a last date of the data, offset 1 year, level 0.05:
SELECT status, plain_rows > 0 AS has_rows, only_plain, only_c FROM compared_scorecards() ORDER BY 1;
-- (region rows left undecided by members without a result are among them)
SELECT count(*) FILTER (WHERE area_type = 'region' AND indicator_code IN ('T2.8', 'T3.1') AND status = 'no data') > 0
           AS undecided_with_members_without_result
FROM monitor_scorecard;
-- With one (open figures, deadlines judged by it), offset 2, level 0.2:
UPDATE monitor_run SET data_date = '2019-03-31';
UPDATE setting SET value = '2' WHERE name = 'baseline_offset_years';
UPDATE setting SET value = '0.2' WHERE name = 'significance_level';
SELECT status, plain_rows > 0 AS has_rows, only_plain, only_c FROM compared_scorecards() ORDER BY 1;
-- The comparisons, trends and baselines are among them (not vacuous):
SELECT count(*) FILTER (WHERE comparison = 'standardised') > 20 AS standardised,
       count(*) FILTER (WHERE comparison = 'crude') > 20 AS crude,
       count(*) FILTER (WHERE trend IN ('rise', 'fall')) > 20 AS trends,
       count(*) FILTER (WHERE interval_vs_target IS NOT NULL) > 20 AS intervals,
       count(*) FILTER (WHERE baseline_value IS NOT NULL) > 100 AS baselines,
       count(*) FILTER (WHERE status = 'pending' AND period::text >= '2019') > 100 AS running_periods_pending
FROM monitor_scorecard;

\c contrib_regression
DROP DATABASE u16_judged;
