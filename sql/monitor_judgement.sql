-- Like with like: status beyond noise, the standardised comparison (against a
-- hand computation), T2.5 by closed cohorts, T1.3's join window, T2.15's strict
-- deadline, cohorts that add up to the scorecard, the T2.3 level distribution,
-- qualitative notes, count targets of the region, T3.1 members without data.
-- min_cell_size = 1 here, so that small figures are judged, not suppressed
-- (suppression: sql/monitor_disclosure.sql).  Runs in a database of its own.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_monitor_judgement;
CREATE DATABASE u16_monitor_judgement;
\c u16_monitor_judgement
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
SET DateStyle = ISO, YMD;
UPDATE setting SET value = '1' WHERE name = 'min_cell_size';

-- Persons: p(municipality, group, i).  Utrecht (GM0344) and Zeist (GM0355) are big,
-- Bunnik (GM0312) has 3 then 4 persons.  Permit years 2016 and 2017 make cohorts.
CREATE FUNCTION add_persons(code text, grp text, n int, permit_year int) RETURNS void LANGUAGE sql AS $$
    INSERT INTO person (person_id, municipality_code, birth_year, permit_date)
    SELECT code || '-' || grp || '-' || i, code, 1985, make_date(permit_year, 5, 1) FROM generate_series(1, n) i
$$;
-- status(municipality, group, year, how many of the group in education or work)
CREATE FUNCTION add_status(code text, grp text, y int, column_name text, yes int) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('INSERT INTO status_snapshot (person_id, reference_date, education_eligible, %I)
                    SELECT p.person_id, make_date(%s, 12, 31), true, row_number() OVER (ORDER BY p.person_id) <= %s
                    FROM person p WHERE p.person_id LIKE %L
                    ON CONFLICT (person_id, reference_date) DO UPDATE SET %I = EXCLUDED.%I',
                   column_name, y, yes, code || '-' || grp || '-%', column_name, column_name);
END $$;
-- T2.1 education: Utrecht 162 of 200 (81.0%) in 2017 and 170 of 200 (85.0%) in
-- 2018: a rise that is noise; Zeist 20 of 100 and 60 of 100: a real rise;
-- Bunnik 2 of 3 and 3 of 4.
SELECT add_persons('GM0344', 'e', 200, 2016), add_persons('GM0355', 'e', 100, 2016), add_persons('GM0312', 'e', 4, 2016);
SELECT add_status('GM0344', 'e', 2017, 'in_education', 162), add_status('GM0344', 'e', 2018, 'in_education', 170),
       add_status('GM0355', 'e', 2017, 'in_education', 20), add_status('GM0355', 'e', 2018, 'in_education', 60);
INSERT INTO status_snapshot (person_id, reference_date, education_eligible, in_education)
SELECT 'GM0312-e-' || i, make_date(2017, 12, 31), true, i <= 2 FROM generate_series(1, 3) i
UNION ALL SELECT 'GM0312-e-' || i, make_date(2018, 12, 31), true, i <= 3 FROM generate_series(1, 4) i;
SELECT * FROM refresh_monitor() \gset
SELECT area_code, period, numerator_count AS k, denominator_count AS n, target, status, trend, comparison
FROM scorecard
WHERE indicator_code = 'T2.1' AND boundaries = 'historical' AND period = '2018'
  AND area_code IN ('GM0344', 'GM0355', 'GM0312')
ORDER BY 1;
-- ... against the independent verdict: a rise only when the p-value of the
-- difference (Fisher's exact test for these sizes, computed here in plain SQL
-- with exact numeric hypergeometric probabilities) is below 0.05.
CREATE FUNCTION choose(n int, k int) RETURNS numeric LANGUAGE sql AS $$
    SELECT factorial(n) / (factorial(k) * factorial(n - k))
$$;
CREATE FUNCTION fisher_p(k1 int, n1 int, k2 int, n2 int) RETURNS numeric LANGUAGE sql AS $$
    WITH t AS (SELECT k1 + k2 AS m, n1 + n2 AS n),
    prob AS (SELECT x, choose(t.m, x) * choose(t.n - t.m, n1 - x) / choose(t.n, n1) AS p
             FROM t, generate_series(greatest(0, n1 - (t.n - t.m)), least(n1, t.m)) x)
    SELECT least(1, sum(p) FILTER (WHERE p <= (SELECT p FROM prob WHERE x = k1) * (1 + 1e-7))) FROM prob
$$;
SELECT area, round(fisher_p(k18, n18, k17, n17), 4) AS p_value,
       CASE WHEN fisher_p(k18, n18, k17, n17) < 0.05 THEN 'met' ELSE 'no change' END AS independent_status
FROM (VALUES ('GM0344', 170, 200, 162, 200), ('GM0355', 60, 100, 20, 100), ('GM0312', 3, 4, 2, 3)) v(area, k18, n18, k17, n17)
ORDER BY 1;

-- The standardised comparison, by hand.  T2.6 paid work in Zeist, persons with a
-- permit of 2016 (group o) and 2017 (group y):
--   2017: o (1 year since permit) 6 of 20 work, y (0 years) 2 of 20;
--   2018: o (2 years)            12 of 20,      y (1 year)  8 of 20;
--         n (0 years, permit 2018) 1 of 10.
-- The groups of 2018 with a baseline group of the same years since permit: 1
-- (y: 8/20, baseline o: 6/20) and 0 (n: 1/10, baseline y: 2/20); 2 years has none.
--   rate   = (8 + 1) / (20 + 10)                     = 0.3
--   baseline standardised = (20 x 6/20 + 10 x 2/20) / 30 = 7 / 30 = 0.233333
--   change = 0.3 - 0.233333 = +6.67 percentage points
-- (crude: 21/50 = 0.42 against 8/40 = 0.20, +22.00 points).
SELECT add_persons('GM0355', 'o', 20, 2016), add_persons('GM0355', 'y', 20, 2017), add_persons('GM0355', 'n', 10, 2018);
SELECT add_status('GM0355', 'o', 2017, 'paid_work', 6), add_status('GM0355', 'y', 2017, 'paid_work', 2),
       add_status('GM0355', 'o', 2018, 'paid_work', 12), add_status('GM0355', 'y', 2018, 'paid_work', 8),
       add_status('GM0355', 'n', 2018, 'paid_work', 1);
SELECT * FROM refresh_monitor() \gset
SELECT numerator_count AS k, denominator_count AS n, comparison, change_pct_points, crude_change_pct_points,
       change_pct_points = round((0.3 - 7 / 30.0) * 100, 2) AS standardised_as_by_hand,
       crude_change_pct_points = round((21 / 50.0 - 8 / 40.0) * 100, 2) AS crude_as_by_hand
FROM scorecard
WHERE indicator_code = 'T2.6' AND boundaries = 'historical' AND area_code = 'GM0355' AND period = '2018';
-- The cohorts add up to the scorecard's cells, in every row of every indicator.
SELECT count(*) AS scorecard_rows_with_cohorts,
       count(*) FILTER (WHERE (s.numerator_count, s.denominator_count) = (c.k, c.n)) AS cohorts_add_up
FROM scorecard s
JOIN (SELECT indicator_code, boundaries, area_code, period, sum(numerator_count) AS k, sum(denominator_count) AS n
      FROM cohort GROUP BY 1, 2, 3, 4) c USING (indicator_code, boundaries, area_code, period);
SELECT cohort, years_since_start, numerator_count, denominator_count, value
FROM cohort WHERE indicator_code = 'T2.6' AND boundaries = 'historical' AND area_code = 'GM0355' AND period = '2018'
ORDER BY cohort;

-- T2.5 by closed cohorts: passed within 36 months of the obligation's start.  The
-- data reach 31 December 2021 (a snapshot of that day), so the cohorts of 2017
-- and 2018 are closed (the last term of 2018 ends 2021-09-01) and those of 2019
-- and 2020 are pending, never 'fall'.
INSERT INTO civic_integration (person_id, law_regime, obligation_start, deadline, passed_on)
SELECT person_id, '2013', make_date(2017 + i % 4, 1 + i % 9, 1), make_date(2020 + i % 4, 1, 1),
       CASE WHEN i % 3 = 0 OR (i % 4 = 1 AND i % 5 = 0) THEN make_date(2017 + i % 4, 1 + i % 9, 1) + (400 + i) END
FROM (SELECT person_id, (row_number() OVER (ORDER BY person_id))::int AS i FROM person WHERE person_id LIKE 'GM0344-e-%') p;
INSERT INTO status_snapshot (person_id, reference_date) VALUES ('GM0344-e-1', '2021-12-31');
INSERT INTO indicator_target (indicator_code, area_code, period, target) VALUES
    ('T2.5', 'U16', '2018', 'rise'), ('T2.5', 'U16', '2019', 'rise');
SELECT * FROM refresh_monitor() \gset
SELECT period, numerator_count AS k, denominator_count AS n, target, status, trend, change_pct_points
FROM scorecard WHERE indicator_code = 'T2.5' AND boundaries = 'historical' AND area_code = 'U16' ORDER BY period;
SELECT extract(year FROM obligation_start) AS cohort, count(*) AS n,
       count(*) FILTER (WHERE passed_on <= obligation_start + interval '36 months') AS passed_within_term,
       max(obligation_start + interval '36 months')::date AS last_term_ends,
       round(fisher_p(count(*) FILTER (WHERE passed_on <= obligation_start + interval '36 months')::int, count(*)::int, 16, 50), 4)
           AS p_against_2017
FROM civic_integration GROUP BY 1 ORDER BY 1;

-- T1.3: a join counts up to 6 months after the coupling, not a day later; a year is
-- pending until the window of its last coupling has closed within the data.
INSERT INTO coupling (person_id, municipality_code, coupled_on)
SELECT 'GM0355-e-' || i, 'GM0355', date '2018-01-10' FROM generate_series(1, 4) i
UNION ALL SELECT 'GM0355-e-5', 'GM0355', date '2021-12-20';
INSERT INTO pathway_join (person_id, joined_on) VALUES
    ('GM0355-e-1', '2017-12-01'),    -- before the coupling: counts
    ('GM0355-e-2', '2018-07-10'),    -- the last day of the window: counts
    ('GM0355-e-3', '2018-07-11'),    -- a day late: does not count
    ('GM0355-e-5', '2021-12-28');    -- in the window, which the data do not yet cover
SELECT * FROM refresh_monitor() \gset
SELECT period, numerator_count AS k, denominator_count AS n, status, trend
FROM scorecard WHERE indicator_code = 'T1.3' AND boundaries = 'historical' AND area_code = 'GM0355' ORDER BY period;

-- No milestone rows at all: the register says that none was reached, so T1.4 is
-- 0 of 1 for every member and 0 of all members for the region, and T2.15 0 of 1
-- (not unknown counts with a verdict); the members counted independently.
SELECT s.indicator_code, s.area_type, count(*) AS area_rows, sum(s.numerator_count) AS reached,
       sum(s.denominator_count) AS of_all, string_agg(DISTINCT s.status, ', ') AS statuses,
       sum(s.denominator_count) FILTER (WHERE s.area_type = 'region' AND s.indicator_code = 'T1.4')
           = (SELECT count(DISTINCT rm.municipality_code) FROM region_member rm
              WHERE rm.region = 'U16' AND rm.valid_from <= date '2018-12-31'
                AND (rm.valid_to IS NULL OR rm.valid_to >= date '2018-01-01')) AS region_counts_its_members
FROM scorecard s
WHERE s.indicator_code IN ('T1.4', 'T2.15') AND s.boundaries = 'historical' AND s.period = '2018'
GROUP BY 1, 2 ORDER BY 1, 2;

-- T2.15 'before 2018-03-01': a decision on 1 March is too late, on 28 February in time.
INSERT INTO milestone VALUES ('T2.15', 'U16', '2018-03-01', 'decision');
SELECT * FROM refresh_monitor() \gset
SELECT target, status FROM scorecard WHERE indicator_code = 'T2.15' AND boundaries = 'historical' AND period = '2018';
UPDATE milestone SET achieved_on = '2018-02-28' WHERE indicator_code = 'T2.15';
SELECT * FROM refresh_monitor() \gset
SELECT target, status FROM scorecard WHERE indicator_code = 'T2.15' AND boundaries = 'historical' AND period = '2018';

-- T2.3: the level distribution adds up to the share's persons, and the share is
-- the persons at B1 and above; against the measurements themselves.
INSERT INTO language_measurement (person_id, measured_on, level, course_completed)
SELECT 'GM0344-e-' || i, date '2018-06-01', (ARRAY['A0', 'A1', 'A2', 'B1', 'B2', 'C1']::cefr_level[])[1 + i % 6], i % 7 <> 0
FROM generate_series(1, 60) i;
SELECT * FROM refresh_monitor() \gset
SELECT level, level_order, persons_count, total_count, level_share FROM language_level
WHERE boundaries = 'historical' AND area_code = 'GM0344' AND period = '2018' ORDER BY level_order;
SELECT (SELECT sum(persons_count) FROM language_level WHERE boundaries = 'historical' AND area_code = 'GM0344' AND period = '2018')
           = s.denominator_count AS levels_add_up,
       (SELECT sum(persons_count) FROM language_level WHERE boundaries = 'historical' AND area_code = 'GM0344' AND period = '2018'
          AND level IN ('B1', 'B2 and above')) = s.numerator_count AS b1_and_above_is_the_numerator,
       (s.numerator_count, s.denominator_count)
           = (SELECT count(*) FILTER (WHERE level >= 'B1'), count(*) FROM language_measurement WHERE course_completed) AS independent
FROM scorecard s WHERE s.indicator_code = 'T2.3' AND s.boundaries = 'historical' AND s.area_code = 'GM0344' AND s.period = '2018';

-- Threshold targets: interval_vs_target says whether the 95% interval lies wholly
-- on one side of the threshold (T1.1 >= 90% in 2018).
INSERT INTO reception_location (code, name) VALUES ('ELSEWHERE', 'outside the region');
INSERT INTO coupling (person_id, municipality_code, coupled_on, reception_location_code)
SELECT 'GM0344-e-' || i, 'GM0344', date '2018-02-01', CASE WHEN i <= 150 THEN 'AZC-UTRECHT-HAYDNLAAN' ELSE 'ELSEWHERE' END
FROM generate_series(1, 200) i;
SELECT * FROM refresh_monitor() \gset
SELECT area_code, numerator_count AS k, denominator_count AS n, ci_lower, ci_upper, target, status, interval_vs_target,
       CASE WHEN ci_upper < 0.9 THEN 'below' WHEN ci_lower > 0.9 THEN 'above' ELSE 'overlaps' END AS independent
FROM scorecard WHERE indicator_code = 'T1.1' AND boundaries = 'historical' AND period = '2018' AND area_code IN ('GM0344', 'GM0355')
ORDER BY 1;

-- A count target of the region applies to the region only: its members' rows have no target.
INSERT INTO volunteer_count VALUES ('GM0344', '2018-12-31', 40), ('GM0355', '2018-12-31', 15);
INSERT INTO indicator_target (indicator_code, area_code, period, target) VALUES ('T2.12', 'U16', '2018', '>= 50');
SELECT * FROM refresh_monitor() \gset
SELECT area_code, numerator_count, target, status FROM scorecard
WHERE indicator_code = 'T2.12' AND boundaries = 'historical' AND period = '2018' AND area_code IN ('U16', 'GM0344', 'GM0355', 'GM0312')
ORDER BY 1;

-- T3.1: members without ledger rows count as no data: the region's row counts them
-- in its denominator, and its status is decided only if it holds whatever they did.
INSERT INTO quota (municipality_code, period, quota) VALUES ('GM0344', '2018H1', 0), ('GM0355', '2018H1', 500);
SELECT * FROM refresh_monitor() \gset
SELECT area_code, numerator_count AS k, denominator_count AS n, target, status FROM scorecard
WHERE indicator_code = 'T3.1' AND boundaries = 'historical' AND period = '2018H1' AND area_code IN ('U16', 'GM0344', 'GM0355', 'GM0312')
ORDER BY 1;
-- With a '>= 10%' target for the region, 1 met of 16 members is 'not met' only if
-- every member without data failed too; it could be met: no data.  '<= 50%' holds
-- whatever the others did: met.
UPDATE indicator_target SET target = '>= 10%' WHERE indicator_code = 'T3.1' AND period = '2018H1';
SELECT * FROM refresh_monitor() \gset
SELECT status FROM scorecard WHERE indicator_code = 'T3.1' AND boundaries = 'historical' AND period = '2018H1' AND area_code = 'U16';

-- Qualitative results: an assessment gives the row its status and summary; one
-- without an assessment stays 'qualitative'.
INSERT INTO assessment_note VALUES
    ('T2.10', 'U16', '2018', 'partly met', 'Information packs exist in 12 of 16 municipalities.', 'https://example.org/t210',
     '2019-02-01', 'bestuurstafel Sociaal Domein');
SELECT * FROM refresh_monitor() \gset
SELECT indicator_code, status, note FROM scorecard
WHERE unit = 'qualitative' AND boundaries = 'historical' AND area_code = 'U16' AND period = '2018' ORDER BY 1;

-- A standardised change with no variance to test it against: De Ronde Venen
-- has one person in 2017 (permit 2016, not in paid work) and another in 2018
-- (permit 2017, in paid work), so each year-since-permit group is all or none
-- and the standardised variance is 0.  1 of 1 against 0 of 1 is no evidence:
-- the crude exact test decides, as trend() does on the same shares.
INSERT INTO person (person_id, municipality_code, birth_year, permit_date) VALUES
    ('DRV-1', 'GM0736', 1980, '2016-03-01'), ('DRV-2', 'GM0736', 1980, '2017-03-01');
INSERT INTO status_snapshot (person_id, reference_date, paid_work) VALUES
    ('DRV-1', '2017-12-31', false), ('DRV-2', '2018-12-31', true);
SELECT * FROM refresh_monitor() \gset
SELECT s.period, s.numerator_count AS k, s.denominator_count AS n, s.comparison, s.trend,
       trend(share(s.numerator_count, s.denominator_count), share(b.numerator_count, b.denominator_count)) AS crude_trend
FROM scorecard s JOIN scorecard b
  ON (b.indicator_code, b.boundaries, b.area_code, b.period) = (s.indicator_code, s.boundaries, s.area_code, s.baseline_period)
WHERE s.indicator_code = 'T2.6' AND s.boundaries = 'historical' AND s.area_code = 'GM0736' AND s.period = '2018';

-- A year without any cell: data of 2018 and 2020 only.  2019 still has its rows:
-- the volunteer register (complete) covers it, so 0; the status snapshots say
-- nothing, so no data; T2.15 of the region is there as in the other years.
\c contrib_regression
DROP DATABASE u16_monitor_judgement;
CREATE DATABASE u16_gap_year;
\c u16_gap_year
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
INSERT INTO person (person_id, municipality_code, birth_year, permit_date)
SELECT 'GAP-' || i, 'GM0344', 1985, date '2016-05-01' FROM generate_series(1, 40) i;
INSERT INTO status_snapshot (person_id, reference_date, paid_work)
SELECT 'GAP-' || i, make_date(y, 12, 31), i <= CASE y WHEN 2018 THEN 10 ELSE 20 END
FROM generate_series(1, 40) i, (VALUES (2018), (2020)) v(y);
INSERT INTO volunteer_count VALUES ('GM0344', '2018-12-01', 30), ('GM0344', '2020-06-30', 35), ('GM0355', '2018-12-31', 12);
SELECT * FROM refresh_monitor() \gset
SELECT s.indicator_code, s.period, s.numerator_count AS k, s.denominator_count AS n, s.status,
       (SELECT count(*) FROM scorecard m
        WHERE (m.indicator_code, m.boundaries, m.period, m.area_type) = (s.indicator_code, s.boundaries, s.period, 'municipality')
       ) AS municipal_rows
FROM scorecard s
WHERE s.indicator_code IN ('T2.6', 'T2.12', 'T2.15') AND s.boundaries = 'historical' AND s.area_code = 'U16'
ORDER BY 1, 2;
-- T2.12 of the region against the register itself: each member's latest count of
-- the year, 0 for a year without one, from the first year of the register on.
SELECT y AS period, coalesce(sum(v.volunteers), 0) AS volunteers,
       coalesce(sum(v.volunteers), 0) = (SELECT s.numerator_count FROM scorecard s
                                         WHERE (s.indicator_code, s.boundaries, s.area_code, s.period)
                                             = ('T2.12', 'historical', 'U16', y::text)) AS published
FROM generate_series(2018, 2020) y
LEFT JOIN (SELECT DISTINCT ON (municipality_code, extract(year FROM reference_date))
                  extract(year FROM reference_date) AS year, volunteers
           FROM volunteer_count ORDER BY municipality_code, extract(year FROM reference_date), reference_date DESC) v
       ON v.year = y
GROUP BY y ORDER BY y;
\c contrib_regression
DROP DATABASE u16_gap_year;
