-- The candidate rows (src/candidate_rows.c) against the same rules written in
-- plain SQL (the views that computed them before), on random cells of every
-- indicator: member and non-member municipalities, ceased ones restated into
-- their successor (Leerdam, Vianen, Zederik into Vijfheerenlanden), a code that
-- municipality_today does not know, region codes for results of the region
-- itself, an indicator outside the catalogue, a municipality in two regions and
-- one listed twice, cells of their own on current boundaries (as the ledger's),
-- and NULL in every figure.  Every row is compared, under two settings of
-- min_cell_size and with and without a last date of the data.
CREATE DATABASE u16_candidates;
\c u16_candidates
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
SELECT setseed(0.84);

-- The rules in plain SQL: the municipal rows and a region's own rows from the
-- cells on both boundary sets; then, from those stored (plain_row), the region
-- rows that add them up and the remainders.
CREATE TABLE plain_row AS SELECT * FROM monitor_row WITH NO DATA;
CREATE VIEW plain_cell_both AS
SELECT indicator_code, boundaries, area_code, period, cohort_year, level, numerator, denominator, done_on, open_until, met
FROM u16.monitor_cell
UNION ALL
SELECT c.indicator_code, 'current', coalesce(t.current_code, c.area_code), c.period, c.cohort_year, c.level,
       sum(c.numerator)::bigint, sum(c.denominator)::bigint,
       CASE WHEN count(c.done_on) = count(*) THEN max(c.done_on) END, max(c.open_until), bool_or(c.met)
FROM u16.monitor_cell c
LEFT JOIN u16.municipality_today t ON t.code = c.area_code
WHERE c.boundaries = 'historical'
  -- (the indicators with cells of their own on current boundaries, listed once)
  AND c.indicator_code <> ALL (ARRAY(SELECT DISTINCT x.indicator_code FROM u16.monitor_cell x WHERE x.boundaries = 'current'))
GROUP BY c.indicator_code, coalesce(t.current_code, c.area_code), c.period, c.cohort_year, c.level;

-- The candidate rows computed from the cells.  Municipal rows: each member of
-- a region in each period of the indicator's granularity (complete registers
-- give 0 or not reached from their first period on; other indicators without a
-- cell have no data); and the rows of a region's own result (region rule
-- 'own').  The other region rows add up these municipal rows once they are
-- stored (monitor_region_row_source).
CREATE VIEW plain_municipal_row AS
WITH
settings AS MATERIALIZED (
    SELECT u16.setting_int('min_cell_size') AS min_cell, (SELECT data_date FROM u16.monitor_run) AS data_date
),
cells AS (SELECT * FROM plain_cell_both),
coverage AS (
    SELECT indicator_code, boundaries, min(period) AS first_period FROM cells GROUP BY 1, 2
),
-- A municipality in several regions has its rows once, under the first region by code.
member AS (
    SELECT DISTINCT ON (boundaries, period, municipality_code) boundaries, period, municipality_code, region AS parent_region
    FROM u16.monitor_member
    ORDER BY boundaries, period, municipality_code, region
),
indicator AS (
    SELECT i.code AS indicator_code, i.granularity, i.region_rule, i.complete_register, i.counts, i.unit,
           coalesce(i.municipal_unit, i.unit) AS municipal_unit,
           i.theme = 2 AND i.unit = 'share' AND i.counts = 'persons' AND i.region_rule = 'sum' AS by_cohort
    FROM u16.indicator i
    WHERE NOT i.qualitative
),
-- All cohorts (level NULL), per cohort, and per level group (T2.3).
crude AS (
    SELECT indicator_code, boundaries, area_code, period, sum(numerator)::bigint AS numerator,
           sum(denominator)::bigint AS denominator, max(done_on) AS done_on, max(open_until) AS open_until,
           bool_or(met) AS met
    FROM cells WHERE level IS NULL GROUP BY 1, 2, 3, 4
),
strata AS (
    SELECT 'cohort' AS kind, indicator_code, boundaries, area_code, period, cohort_year, NULL::text AS level,
           sum(numerator)::bigint AS numerator, sum(denominator)::bigint AS denominator
    FROM cells WHERE level IS NULL GROUP BY 2, 3, 4, 5, 6
    UNION ALL
    SELECT 'level', indicator_code, boundaries, area_code, period, NULL, level, sum(numerator)::bigint, sum(denominator)::bigint
    FROM cells WHERE level IS NOT NULL GROUP BY 2, 3, 4, 5, 7
),
municipal AS (
    SELECT 'scorecard' AS kind, i.indicator_code, m.boundaries, m.municipality_code AS area_code, m.parent_region, m.period,
           NULL::integer AS cohort_year, NULL::text AS level, i.region_rule, i.counts, i.municipal_unit,
           CASE WHEN i.municipal_unit = 'milestone' THEN x.milestone_met::integer
                ELSE coalesce(c.numerator, CASE WHEN x.covered THEN 0 END) END AS numerator,
           CASE WHEN i.municipal_unit = 'milestone' THEN CASE WHEN x.milestone_met IS NOT NULL THEN 1 END
                ELSE c.denominator END AS denominator,
           c.done_on, c.open_until,
           CASE WHEN i.municipal_unit = 'milestone' THEN x.milestone_met
                ELSE coalesce(c.met, CASE WHEN x.covered THEN false END) END AS met
    FROM indicator i
    JOIN member m ON u16.granularity(m.period) = i.granularity
    CROSS JOIN settings s
    LEFT JOIN crude c ON (c.indicator_code, c.boundaries, c.area_code, c.period)
                       = (i.indicator_code, m.boundaries, m.municipality_code, m.period)
    LEFT JOIN coverage v ON (v.indicator_code, v.boundaries) = (i.indicator_code, m.boundaries)
    -- covered: a complete register from its first period on; a milestone is met
    -- when reached by the end of the period (or the last date of the data), and
    -- not met without a row in a complete register (even one without any row).
    CROSS JOIN LATERAL (SELECT i.complete_register AND m.period >= v.first_period AS covered) x0
    CROSS JOIN LATERAL (SELECT x0.covered,
                               coalesce(c.done_on <= least(u16.period_end(m.period), s.data_date),
                                        CASE WHEN i.complete_register THEN false END) AS milestone_met) x
    WHERE i.region_rule IN ('sum', 'members')
    UNION ALL
    SELECT st.kind, st.indicator_code, m.boundaries, m.municipality_code, m.parent_region, m.period, st.cohort_year, st.level,
           i.region_rule, i.counts, i.municipal_unit, st.numerator, st.denominator, NULL, NULL, NULL
    FROM strata st
    JOIN indicator i USING (indicator_code)
    JOIN member m ON (m.boundaries, m.period, m.municipality_code) = (st.boundaries, st.period, st.area_code)
    WHERE (st.kind = 'cohort' AND i.by_cohort) OR st.kind = 'level'
),
own AS (
    -- A result of the region itself (a milestone: reached or not as for a municipality).
    SELECT 'scorecard' AS kind, i.indicator_code, b.boundaries, r.code AS area_code, p.period, NULL::integer AS cohort_year,
           NULL::text AS level,
           CASE WHEN i.unit = 'milestone' THEN x.milestone_met::integer ELSE c.numerator END,
           CASE WHEN i.unit = 'milestone' THEN CASE WHEN x.milestone_met IS NOT NULL THEN 1 END ELSE c.denominator END,
           c.done_on, c.open_until, NULL::bigint AS unknown_members
    FROM indicator i
    CROSS JOIN settings s
    CROSS JOIN u16.region r
    CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
    JOIN (SELECT period FROM u16.monitor_cell UNION SELECT period FROM u16.monitor_member) p
      ON u16.granularity(p.period) = i.granularity
    LEFT JOIN crude c ON (c.indicator_code, c.boundaries, c.area_code, c.period) = (i.indicator_code, b.boundaries, r.code, p.period)
    CROSS JOIN LATERAL (SELECT coalesce(c.done_on <= least(u16.period_end(p.period), s.data_date),
                                        CASE WHEN i.complete_register THEN false END) AS milestone_met) x
    WHERE i.region_rule = 'own'
),
area_rows AS (
    SELECT kind, indicator_code, boundaries, 'municipality' AS area_type, area_code, parent_region, period, cohort_year, level,
           numerator, denominator, done_on, open_until, met, NULL::bigint AS unknown_members,
           CASE WHEN counts = 'persons' AND kind <> 'level'
                THEN CASE WHEN municipal_unit = 'share' THEN denominator ELSE numerator END END AS size
    FROM municipal
    UNION ALL
    SELECT kind, indicator_code, boundaries, 'region', area_code, NULL, period, cohort_year, level, numerator, denominator,
           done_on, open_until, NULL, unknown_members, NULL
    FROM own
)
SELECT a.*, coalesce(a.size BETWEEN 1 AND s.min_cell - 1, false) AS hidden
FROM area_rows a CROSS JOIN settings s;

-- The region rows that add up their members' stored rows (monitor_row, area
-- type 'municipality'), by the indicator's region rule: the sum of the members
-- ('sum': numerators, denominators, persons, dwellings, volunteers), or the
-- members that reached their own result, of all members ('members'; a
-- milestone is reached by the region when its last member reached it).
CREATE VIEW plain_region_row AS
WITH
regional AS (
    SELECT mu.kind, mu.indicator_code, mu.boundaries, rm.region AS area_code, mu.period, mu.cohort_year, mu.level,
           sum(mu.numerator)::bigint AS numerator, sum(mu.denominator)::bigint AS denominator,
           NULL::date AS done_on, max(mu.open_until) AS open_until, NULL::bigint AS unknown_members
    FROM plain_row mu
    JOIN u16.indicator i ON i.code = mu.indicator_code AND i.region_rule = 'sum'
    JOIN u16.monitor_member rm
      ON (rm.boundaries, rm.period, rm.municipality_code) = (mu.boundaries, mu.period, mu.area_code)
    WHERE mu.area_type = 'municipality'
    GROUP BY mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period, mu.cohort_year, mu.level
    UNION ALL
    SELECT mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period, NULL, NULL,
           CASE WHEN count(mu.met) > 0 THEN count(*) FILTER (WHERE mu.met) END,
           CASE WHEN count(mu.met) > 0 THEN count(*) END,
           CASE WHEN count(mu.done_on) = count(*) THEN max(mu.done_on) END, NULL,
           count(*) FILTER (WHERE mu.met IS NULL)
    FROM plain_row mu
    JOIN u16.indicator i ON i.code = mu.indicator_code AND i.region_rule = 'members'
    JOIN u16.monitor_member rm
      ON (rm.boundaries, rm.period, rm.municipality_code) = (mu.boundaries, mu.period, mu.area_code)
    WHERE mu.area_type = 'municipality' AND mu.kind = 'scorecard'
    GROUP BY mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period
)
SELECT r.kind, r.indicator_code, r.boundaries, 'region' AS area_type, r.area_code, NULL::text AS parent_region, r.period,
       r.cohort_year, r.level, r.numerator, r.denominator, r.done_on, r.open_until, NULL::boolean AS met, r.unknown_members,
       x.size, coalesce(x.size BETWEEN 1 AND u16.setting_int('min_cell_size') - 1, false) AS hidden
FROM regional r
JOIN u16.indicator i ON i.code = r.indicator_code
CROSS JOIN LATERAL (SELECT CASE WHEN i.counts = 'persons' AND i.region_rule = 'sum' AND r.kind <> 'level'
                                THEN CASE WHEN i.unit = 'share' THEN r.denominator ELSE r.numerator END END AS size) x;

-- The remainders of restated areas: the persons a current-boundary row counts
-- that no published historical row contains (a predecessor that was no member
-- in the period, e.g. Leerdam and Zederik inside Vijfheerenlanden).  Rows of
-- area type 'remainder', never published; 1 to min_cell_size - 1 persons make
-- them as hidden as a small row.
CREATE VIEW plain_remainder AS
WITH parts AS (
    -- The cells of non-member predecessors, as rows of each kind.
    SELECT k.kind, c.indicator_code, t.current_code AS area_code, c.period, k.cohort_year, c.level,
           CASE WHEN coalesce(i.municipal_unit, i.unit) <> 'share' THEN c.numerator ELSE c.denominator END AS size
    FROM u16.monitor_cell c
    JOIN u16.municipality_today t ON t.code = c.area_code
    JOIN u16.indicator i ON i.code = c.indicator_code AND i.counts = 'persons' AND i.region_rule <> 'own'
    CROSS JOIN LATERAL (SELECT 'scorecard' AS kind, NULL::integer AS cohort_year
                        UNION ALL SELECT 'cohort', c.cohort_year) k
    WHERE c.boundaries = 'historical' AND c.level IS NULL
      AND NOT EXISTS (SELECT FROM plain_row m
                      WHERE (m.kind, m.boundaries, m.area_type, m.area_code, m.period, m.indicator_code)
                          = ('scorecard', 'historical', 'municipality', c.area_code, c.period, c.indicator_code))
)
SELECT kind, indicator_code, 'current' AS boundaries, 'remainder' AS area_type, area_code, period, cohort_year, level,
       sum(size)::bigint AS size
FROM parts
GROUP BY kind, indicator_code, area_code, period, cohort_year, level;

CREATE FUNCTION plain_rows() RETURNS SETOF monitor_row LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE plain_row;
    INSERT INTO plain_row (kind, indicator_code, boundaries, area_type, area_code, parent_region, period, cohort_year,
                           level, numerator, denominator, done_on, open_until, met, unknown_members, size, hidden)
    SELECT kind, indicator_code, boundaries, area_type, area_code, parent_region, period, cohort_year, level, numerator,
           denominator, done_on, open_until, met, unknown_members, size, hidden
    FROM plain_municipal_row;
    INSERT INTO plain_row (kind, indicator_code, boundaries, area_type, area_code, parent_region, period, cohort_year,
                           level, numerator, denominator, done_on, open_until, met, unknown_members, size, hidden)
    SELECT kind, indicator_code, boundaries, area_type, area_code, parent_region, period, cohort_year, level, numerator,
           denominator, done_on, open_until, met, unknown_members, size, hidden
    FROM plain_region_row;
    INSERT INTO plain_row (kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, level, size, hidden)
    SELECT kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, level, size,
           coalesce(size BETWEEN 1 AND setting_int('min_cell_size') - 1, false)
    FROM plain_remainder;
    RETURN QUERY SELECT * FROM plain_row;
END $$;

-- Both sides, as text, so that rows compare as wholes; per kind and area type:
-- the rows of each side, and those only one side has.
CREATE FUNCTION compared_candidates() RETURNS TABLE (kind text, area_type text, plain_rows bigint, c_rows bigint,
                                          only_plain bigint, only_c bigint)
LANGUAGE sql AS $$
    WITH
    p AS (SELECT kind, area_type, concat_ws('|', kind, indicator_code, boundaries, area_type, area_code, parent_region,
                                           period, cohort_year, level, numerator, denominator, done_on, open_until,
                                           met, unknown_members, size, hidden, '') AS r
          FROM plain_rows()),
    c AS (SELECT kind, area_type, concat_ws('|', kind, indicator_code, boundaries, area_type, area_code, parent_region,
                                           period, cohort_year, level, numerator, denominator, done_on, open_until,
                                           met, unknown_members, size, hidden, '') AS r
          FROM candidate_rows(false)),
    only_p AS (SELECT kind, area_type, r FROM p EXCEPT ALL SELECT kind, area_type, r FROM c),
    only_c AS (SELECT kind, area_type, r FROM c EXCEPT ALL SELECT kind, area_type, r FROM p)
    SELECT k.kind, k.area_type,
           (SELECT count(*) FROM p WHERE (p.kind, p.area_type) = (k.kind, k.area_type)),
           (SELECT count(*) FROM c WHERE (c.kind, c.area_type) = (k.kind, k.area_type)),
           (SELECT count(*) FROM only_p x WHERE (x.kind, x.area_type) = (k.kind, k.area_type)),
           (SELECT count(*) FROM only_c x WHERE (x.kind, x.area_type) = (k.kind, k.area_type))
    FROM (SELECT kind, area_type FROM p UNION SELECT kind, area_type FROM c) k
$$;

-- Members: per boundary set and period, most municipalities in U16, some in
-- R2; GM0356 in both in 2019 (its rows once, under the first region by code);
-- GM0310 listed twice for U16 (two spells of membership in one period); the
-- ceased municipalities historically until 2018, their successor from 2019.
INSERT INTO region (code, name) VALUES ('R2', 'a second region');
INSERT INTO monitor_member (boundaries, region, period, municipality_code)
SELECT b, CASE WHEN code IN ('GM0356', 'GM0632') THEN 'R2' ELSE 'U16' END, period::period, code
FROM (VALUES ('historical'), ('current')) v(b)
CROSS JOIN (VALUES ('2017'), ('2018'), ('2019'), ('2018H1'), ('2018H2'), ('2019H1'), ('2019H2')) p(period)
CROSS JOIN (VALUES ('GM0307'), ('GM0310'), ('GM0344'), ('GM0355'), ('GM0356'), ('GM0632'), ('GM0545'), ('GM0620'),
                   ('GM0707'), ('GM1961')) c(code)
WHERE CASE WHEN code IN ('GM0545', 'GM0620', 'GM0707') THEN b = 'historical' AND period < '2019'
           WHEN code = 'GM1961' THEN b = 'current' OR period >= '2019'
           ELSE random() < 0.95 END
UNION ALL
SELECT b, 'U16', period::period, 'GM0356'
FROM (VALUES ('historical'), ('current')) v(b), (VALUES ('2019'), ('2019H1')) p(period)
UNION ALL
SELECT 'historical', 'U16', period::period, 'GM0310' FROM (VALUES ('2018'), ('2018H2')) p(period);

-- Cells: every indicator of the catalogue (and T9.9, outside it), on random
-- areas, periods, cohorts and levels, with NULL now and then in every figure.
CREATE FUNCTION random_cells(n integer) RETURNS void LANGUAGE sql AS $$
    INSERT INTO monitor_cell (indicator_code, boundaries, area_code, period, cohort_year, level, numerator, denominator,
                              done_on, open_until, met)
    SELECT i.code, 'historical', a.code, p.period::period,
           CASE WHEN random() < 0.7 THEN 2014 + floor(random() * 6)::integer END,
           CASE WHEN i.code = 'T2.3' AND random() < 0.5 THEN (ARRAY['A1', 'A2', 'B1'])[1 + floor(random() * 3)::integer] END,
           CASE WHEN random() < 0.9 THEN floor(random() * 12)::bigint END,
           CASE WHEN random() < 0.9 THEN floor(random() * 16)::bigint END,
           CASE WHEN random() < 0.4 THEN date '2016-06-01' + floor(random() * 1500)::integer END,
           CASE WHEN random() < 0.2 THEN date '2017-01-01' + floor(random() * 1500)::integer END,
           CASE WHEN random() < 0.6 THEN random() < 0.5 END
    FROM (SELECT code, granularity FROM indicator WHERE NOT qualitative UNION ALL VALUES ('T9.9', 'year')) i
    CROSS JOIN (VALUES ('GM0307'), ('GM0310'), ('GM0344'), ('GM0355'), ('GM0356'), ('GM0632'), ('GM0545'), ('GM0620'),
                       ('GM0707'), ('GM1961'), ('GM0321'), ('GM9999'), ('U16'), ('R2')) a(code)
    CROSS JOIN (VALUES ('2016'), ('2017'), ('2018'), ('2019'), ('2018H1'), ('2018H2'), ('2019H1')) p(period)
    CROSS JOIN generate_series(1, n) g
    WHERE (granularity(p.period::period) = i.granularity) = (random() < 0.9) AND random() < 0.5
$$;
SELECT random_cells(3);
-- T3.1 has cells of its own on current boundaries, as the ledger gives them.
INSERT INTO monitor_cell (indicator_code, boundaries, area_code, period, numerator, denominator, met)
SELECT 'T3.1', 'current', code, period::period, m::integer, 1, m
FROM (VALUES ('GM0307'), ('GM0344'), ('GM1961')) c(code), (VALUES ('2018H1'), ('2019H1')) p(period),
     LATERAL (SELECT random() < 0.5 AS m) x;
-- Milestones done on the last day of a period, and on the last date of the data
-- below: reached then.
-- With protect, as refresh_monitor() calls it: the same rows as candidate_rows(false)
-- stored in monitor_row and protected there by protect_hidden_rows() (the
-- secondary suppression over stored rows, which sql/monitor_suppression.sql
-- checks against plain SQL), every column; with rows hidden by the secondary
-- suppression, and level rows hidden with their scorecard row, so that the
-- comparison is not vacuous.
CREATE FUNCTION protected_candidates() RETURNS TABLE (secondary_rows bigint, secondary_levels bigint,
                                                      only_stored bigint, only_protect bigint)
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE monitor_row;
    INSERT INTO monitor_row SELECT * FROM candidate_rows(false);
    PERFORM protect_hidden_rows();
    RETURN QUERY
    WITH s AS (SELECT to_jsonb(m) - 'row_id' AS r FROM monitor_row m),
         c AS (SELECT to_jsonb(c) - 'row_id' AS r FROM candidate_rows(true) c)
    SELECT (SELECT count(*) FROM monitor_row m WHERE m.secondary),
           (SELECT count(*) FROM monitor_row m WHERE m.secondary AND m.kind = 'level'),
           (SELECT count(*) FROM (SELECT r FROM s EXCEPT ALL SELECT r FROM c) x),
           (SELECT count(*) FROM (SELECT r FROM c EXCEPT ALL SELECT r FROM s) x);
    TRUNCATE monitor_row;
END $$;

INSERT INTO monitor_cell (indicator_code, boundaries, area_code, period, numerator, denominator, done_on)
VALUES ('T1.4', 'historical', 'GM0307', '2018', 1, 1, '2018-12-31'), ('T1.4', 'historical', 'GM0355', '2017', NULL, NULL, '2017-12-31'),
       ('T2.15', 'historical', 'U16', '2018', NULL, NULL, '2018-07-01'), ('T1.4', 'historical', 'GM0344', '2019', 1, 1, '2018-07-01');
INSERT INTO monitor_run (first_year, last_year, data_date) VALUES (2016, 2019, NULL);
SELECT count(*) AS cells, count(DISTINCT indicator_code) AS indicators, count(*) FILTER (WHERE level IS NOT NULL) > 20 AS levels,
       count(*) FILTER (WHERE done_on IS NOT NULL) > 100 AS done, count(*) FILTER (WHERE numerator IS NULL) > 20 AS unknown
FROM monitor_cell \gset
SELECT :cells > 1500 AS many_cells, :indicators AS indicators, :'levels' AS levels, :'done' AS done_dates,
       :'unknown' AS unknown_numerators;

-- Without a last date of the data, min_cell_size 5:
SELECT kind, area_type, plain_rows > 0 AS has_rows, plain_rows = c_rows AS as_many, only_plain, only_c FROM compared_candidates() ORDER BY 1, 2;
SELECT secondary_rows > 20 AS secondary_picks, secondary_levels > 0 AS levels_follow, only_stored, only_protect
FROM protected_candidates();
-- With one (milestones reached by it), min_cell_size 3:
UPDATE monitor_run SET data_date = '2018-07-01';
UPDATE setting SET value = '3' WHERE name = 'min_cell_size';
SELECT kind, area_type, plain_rows > 0 AS has_rows, only_plain, only_c FROM compared_candidates() ORDER BY 1, 2;
SELECT secondary_rows > 20 AS secondary_picks, secondary_levels > 0 AS levels_follow, only_stored, only_protect
FROM protected_candidates();
-- The figures of a region's own result, a member's milestone and a restated
-- municipality are among them (not vacuous):
SELECT count(*) FILTER (WHERE area_type = 'region' AND indicator_code = 'T2.15' AND numerator IS NOT NULL) > 0 AS own_results,
       count(*) FILTER (WHERE area_type = 'municipality' AND indicator_code = 'T1.4' AND numerator = 1) > 0 AS milestones_reached,
       count(*) FILTER (WHERE area_code = 'GM1961' AND boundaries = 'current' AND period < '2019') > 0 AS restated,
       count(*) FILTER (WHERE hidden) > 50 AS hidden,
       count(*) FILTER (WHERE unknown_members > 0) > 0 AS members_without_result
FROM candidate_rows(false);

-- No cells: the members' rows, without figures.
TRUNCATE monitor_cell;
SELECT kind, area_type, plain_rows > 0 AS has_rows, only_plain, only_c FROM compared_candidates() ORDER BY 1, 2;

\c contrib_regression
DROP DATABASE u16_candidates;
