-- Suppression that cannot be undone, and the rules of issue 23 against
-- independent SQL: perturbing the persons of withheld cells changes nothing
-- published but region aggregates; no status, trend or change of a published
-- row depends on a withheld cell; no relation reveals one (on an adversarial
-- fixture and on the demo data); T2.8 publishes each municipality's result;
-- count trends by an exact Poisson test; milestones judged as of the end of
-- their period; complete registers give 0; T2.4 and T2.5 count persons.
-- Runs in databases of its own.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_disclosure;
CREATE DATABASE u16_disclosure;
\c u16_disclosure
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
SET DateStyle = ISO, YMD;

-- Adversarial fixture: Utrecht 60 persons, Zeist 40, Nieuwegein 12, Bunnik 5 (too
-- few: withheld), Oudewater 6 in 2017 (withheld) and 15 in 2018 (shown, with a
-- withheld baseline).  Only paid work varies; everyone has a social activity, so
-- T2.14 does not move with paid work; one cohort (permit 2016).
CREATE TABLE fixture (person_id text, municipality_code text, i int, y int);
INSERT INTO fixture
SELECT m || '-' || i, m, i, y
FROM (VALUES ('GM0344', 60, 60), ('GM0355', 40, 40), ('GM0356', 12, 12), ('GM0312', 5, 5), ('GM0589', 6, 15)) v(m, n17, n18),
     generate_series(2017, 2018) y, generate_series(1, CASE WHEN y = 2017 THEN n17 ELSE n18 END) i;
INSERT INTO person (person_id, municipality_code, birth_year, permit_date)
SELECT DISTINCT person_id, municipality_code, 1980, date '2016-05-01' FROM fixture;
INSERT INTO status_snapshot (person_id, reference_date, paid_work, social_activity)
SELECT person_id, make_date(y, 12, 31), (i * 7 + y) % 5 < 2, true FROM fixture;
SELECT * FROM refresh_monitor() \gset

-- What is withheld: Bunnik both years and Oudewater 2017 (too few), and one more
-- member of each year's region row (secondary), on both boundary sets.
SELECT boundaries, area_code, period, suppressed, status, trend
FROM scorecard WHERE indicator_code = 'T2.6' AND area_type = 'municipality' AND (suppressed OR area_code = 'GM0589')
ORDER BY 1, 2, 3;

-- The checks of every published row (also run on the demo data below).
\i test/data/disclosure_check.sql
SELECT * FROM disclosure_check();

-- Perturbing the persons of withheld cells changes no published row but region
-- aggregates.  Every published view is kept, then the paid work of Bunnik's
-- persons (withheld in both years), Nieuwegein's in 2018 (withheld as the second
-- member) and Oudewater's in 2017 (a withheld baseline of a shown row) is turned
-- around, and the monitor refreshed.
CREATE TABLE published_before AS
SELECT 'scorecard' AS view, s.area_type, concat_ws('|', s.indicator_code, s.boundaries, s.area_code, s.period) AS key, to_jsonb(s) AS row
FROM scorecard s
UNION ALL SELECT 'cohort', c.area_type, concat_ws('|', c.indicator_code, c.boundaries, c.area_code, c.period, c.cohort), to_jsonb(c) FROM cohort c
UNION ALL SELECT 'housing_ledger', l.area_type, concat_ws('|', l.boundaries, l.municipality_code, l.period), to_jsonb(l) FROM housing_ledger l
UNION ALL SELECT 'housing_progress', 'municipality', concat_ws('|', p.boundaries, p.municipality_code, p.month), to_jsonb(p) FROM housing_progress p
UNION ALL SELECT 'language_level', v.area_type, concat_ws('|', v.boundaries, v.area_code, v.period, v.level), to_jsonb(v) FROM language_level v;
UPDATE status_snapshot SET paid_work = NOT paid_work
WHERE person_id LIKE 'GM0312-%' OR (person_id LIKE 'GM0356-%' AND reference_date > '2018-01-01')
   OR (person_id LIKE 'GM0589-%' AND reference_date < '2018-01-01');
SELECT * FROM refresh_monitor() \gset
CREATE TABLE published_after AS
SELECT 'scorecard' AS view, s.area_type, concat_ws('|', s.indicator_code, s.boundaries, s.area_code, s.period) AS key, to_jsonb(s) AS row
FROM scorecard s
UNION ALL SELECT 'cohort', c.area_type, concat_ws('|', c.indicator_code, c.boundaries, c.area_code, c.period, c.cohort), to_jsonb(c) FROM cohort c
UNION ALL SELECT 'housing_ledger', l.area_type, concat_ws('|', l.boundaries, l.municipality_code, l.period), to_jsonb(l) FROM housing_ledger l
UNION ALL SELECT 'housing_progress', 'municipality', concat_ws('|', p.boundaries, p.municipality_code, p.month), to_jsonb(p) FROM housing_progress p
UNION ALL SELECT 'language_level', v.area_type, concat_ws('|', v.boundaries, v.area_code, v.period, v.level), to_jsonb(v) FROM language_level v;
SELECT coalesce(a.view, b.view) AS view, coalesce(a.area_type, b.area_type) AS area_type,
       count(*) FILTER (WHERE a.row IS DISTINCT FROM b.row) AS changed_rows, count(*) AS rows
FROM published_before b FULL JOIN published_after a USING (view, key)
GROUP BY 1, 2 ORDER BY 1, 2;

-- Count trends (T2.12, T3.3, T3.4) use the exact conditional test of two Poisson
-- counts; against the binomial tail computed here with exact numerics: p =
-- min(1, 2 * sum over i <= min(x1, x2) of C(x1 + x2, i) / 2^(x1 + x2)).
CREATE FUNCTION poisson_p(x1 int, x2 int) RETURNS numeric LANGUAGE sql AS $$
    SELECT CASE WHEN x1 = x2 THEN 1
                ELSE least(1, 2 * (SELECT sum(factorial(x1 + x2) / (factorial(i) * factorial(x1 + x2 - i)))
                                   FROM generate_series(0, least(x1, x2)) i) / power(2::numeric, x1 + x2)) END
$$;
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE abs(count_p_value(a, b) - poisson_p(a, b)) < 1e-12) AS p_values_agree,
       count(*) FILTER (WHERE count_trend(a, b, 0.05) = CASE WHEN poisson_p(a, b) >= 0.05 THEN 'no change'
                                                             WHEN a > b THEN 'rise' ELSE 'fall' END) AS verdicts_agree
FROM generate_series(0, 60, 3) a, generate_series(0, 90, 7) b;
-- By hand: 10 and 3 of 13 events, two-sided: 2 * (1 + 13 + 78 + 286) / 2^13 = 756 / 8192
-- = 0.09228515625 (rounded: the last digits of the float depend on the C library).
SELECT round(count_p_value(10, 3)::numeric, 12) AS p_10_3, count_trend(45, 20) AS t_45_20, count_trend(24, 80) AS t_24_80, count_trend(5, 9) AS t_5_9;

-- Complete registers give 0, not no data, in the years they cover: projects of
-- Utrecht delivered in 2017, none in 2018; volunteers counted in 2017 only.
INSERT INTO flexible_housing_project VALUES ('P1', 'GM0344', 'flex 1', 30, '2016-06-01', '2017-06-01');
INSERT INTO volunteer_count VALUES ('GM0344', '2017-12-31', 25), ('GM0355', '2017-12-31', 9);
SELECT * FROM refresh_monitor() \gset
SELECT indicator_code, period, area_code, numerator_count, value, status, trend
FROM scorecard WHERE indicator_code IN ('T3.3', 'T3.4', 'T2.12') AND boundaries = 'historical' AND area_code IN ('U16', 'GM0344', 'GM0312')
ORDER BY 1, 2, 3;

-- A milestone of a closed period is judged as of its end, not as of today: with a
-- deadline of 1 June 2026 (already past when this is written) and nothing done,
-- 2018 stays 'pending', as it was on 31 December 2018.
UPDATE indicator_target SET target = 'by 2026-06-01' WHERE indicator_code = 'T1.4' AND period = '2018';
INSERT INTO milestone VALUES ('T1.4', 'GM0355', '2018-03-01', NULL);
SELECT * FROM refresh_monitor() \gset
SELECT area_code, target, status,
       attainment((SELECT achieved_on FROM milestone WHERE indicator_code = 'T1.4' AND milestone.area_code = s.area_code),
                  s.target::target, date '2018-12-31') AS as_of_the_period_end,
       attainment((SELECT achieved_on FROM milestone WHERE indicator_code = 'T1.4' AND milestone.area_code = s.area_code),
                  s.target::target, current_date) AS as_of_today
FROM scorecard s WHERE indicator_code = 'T1.4' AND boundaries = 'historical' AND period = '2018' AND area_code IN ('GM0344', 'GM0355')
ORDER BY 1;

-- T2.4 and T2.5 count persons, not obligations: of a person's obligations, exempt
-- ones left out, the one under the newest law counts.  Zeist's persons 1..20 have
-- a 2013 obligation from 2017; 1..10 also a 2021 one from 2018 (1..5 of those
-- exempt); tracks and passes vary.
INSERT INTO civic_integration (person_id, law_regime, obligation_start, deadline, track_started_on, exemption, passed_on)
SELECT 'GM0355-' || i, '2013', date '2017-03-01', date '2020-03-01',
       CASE WHEN i % 2 = 0 THEN date '2017-09-01' END, NULL, CASE WHEN i % 4 = 0 THEN date '2019-05-01' END
FROM generate_series(1, 20) i
UNION ALL
SELECT 'GM0355-' || i, '2021', date '2018-02-01', date '2021-02-01',
       CASE WHEN i % 3 = 0 THEN date '2018-06-01' END, CASE WHEN i <= 5 THEN 'exempt' END,
       CASE WHEN i = 9 THEN date '2019-01-15' END
FROM generate_series(1, 10) i;
SELECT * FROM refresh_monitor() \gset
WITH y AS (SELECT g AS y, make_date(g, 1, 1) AS first_day, make_date(g, 12, 31) AS last_day FROM generate_series(2017, 2018) g),
in_force AS (
    SELECT DISTINCT ON (ci.person_id, y.y) ci.person_id, y.y, ci.track_started_on <= y.last_day AS track
    FROM civic_integration ci JOIN y ON ci.obligation_start <= y.last_day AND (ci.passed_on IS NULL OR ci.passed_on >= y.first_day)
    WHERE ci.exemption IS NULL
    ORDER BY ci.person_id, y.y, ci.law_regime DESC
),
cohorts AS (
    SELECT DISTINCT ON (ci.person_id) ci.person_id, extract(year FROM ci.obligation_start)::int AS y,
           coalesce(ci.passed_on <= ci.obligation_start + interval '36 months', false) AS passed
    FROM civic_integration ci WHERE ci.exemption IS NULL
    ORDER BY ci.person_id, ci.law_regime DESC
),
expected AS (
    SELECT 'T2.4' AS indicator_code, y::text AS period, count(*) FILTER (WHERE track) AS k, count(*) AS n FROM in_force GROUP BY 2
    UNION ALL
    SELECT 'T2.5', y::text, count(*) FILTER (WHERE passed), count(*) FROM cohorts GROUP BY 2
)
SELECT e.indicator_code, e.period, e.k, e.n, s.numerator_count, s.denominator_count, s.suppressed
FROM expected e LEFT JOIN scorecard s
  ON (s.indicator_code, s.boundaries, s.area_code, s.period) = (e.indicator_code, 'historical', 'GM0355', e.period)
ORDER BY 1, 2;
SELECT count(*) AS obligations, count(DISTINCT person_id) AS persons FROM civic_integration;

-- The demo data: the same checks of every published row, and every member's
-- own T2.8 result published although small counts of employees are withheld.
\c contrib_regression
DROP DATABASE u16_disclosure;
CREATE DATABASE u16_disclosure_demo;
\c u16_disclosure_demo
SET client_min_messages = warning;
CREATE EXTENSION u16;
\set ECHO none
\o /dev/null
\i test/demo/generate.sql
SELECT * FROM u16.refresh_monitor();
\o
\set ECHO all
SET search_path = public, u16;
\i test/data/disclosure_check.sql
SELECT * FROM disclosure_check();
SELECT count(*) > 0 AS some_cells_withheld, count(*) FILTER (WHERE suppressed AND status = 'suppressed') > 0 AS shown_as_suppressed
FROM scorecard;
-- T2.8: every member's own result is published, met or not met, in every year of
-- the employment register, also where the number employed is withheld.
SELECT count(*) AS member_rows,
       count(*) FILTER (WHERE status IN ('met', 'not met')) AS with_a_result,
       count(*) FILTER (WHERE suppressed) > 0 AS some_counts_withheld,
       count(*) FILTER (WHERE status = 'met') = count(*) FILTER (WHERE numerator_count >= 1 OR suppressed) AS met_means_one_or_more
FROM scorecard
WHERE indicator_code = 'T2.8' AND area_type = 'municipality' AND boundaries = 'historical'
  AND period >= (SELECT min(extract(year FROM started_on))::text FROM municipal_employment);

-- T2.8 with a target on the count (at least 5 employed, for every member in
-- 2018): a withheld count shows the member's own result only (met: at least
-- one employed), never whether it reaches the target, which would tell the
-- count.  Compared with the employees counted independently.
BEGIN;
UPDATE indicator_target SET target = '>= 5' WHERE indicator_code = 'T2.8' AND period = '2018' AND area_code LIKE 'GM%';
\o /dev/null
SELECT * FROM refresh_monitor();
\o
SELECT count(*) AS withheld_rows,
       count(*) FILTER (WHERE s.status = CASE WHEN e.employed >= 1 THEN 'met' ELSE 'not met' END) AS own_result
FROM scorecard s
LEFT JOIN (SELECT municipality_code::text AS code, count(DISTINCT person_id) AS employed FROM municipal_employment
           WHERE started_on <= '2018-12-31' AND coalesce(ended_on, 'infinity') >= '2018-01-01' GROUP BY 1) e
  ON e.code = s.area_code
WHERE s.indicator_code = 'T2.8' AND s.period = '2018' AND s.boundaries = 'historical' AND s.area_type = 'municipality'
  AND s.suppressed;
ROLLBACK;

-- Membership in two spells within one year (Oudewater leaves U16 in April 2017
-- and is back in June): the region counts it once, as the sum over its
-- members of the cells (indicator_cell_live, independently), and no relation
-- has a single withheld row.
BEGIN;
UPDATE region_member SET valid_to = '2017-03-31' WHERE municipality_code = 'GM0589';
INSERT INTO region_member (region, municipality_code, valid_from) VALUES ('U16', 'GM0589', '2017-06-01');
\o /dev/null
SELECT * FROM refresh_monitor();
\o
SELECT s.numerator_count = c.k AND s.denominator_count = c.n AS region_is_the_sum_of_its_members
FROM scorecard s,
     (SELECT sum(numerator) AS k, sum(denominator) AS n FROM indicator_cell_live
      WHERE indicator_code = 'T2.6' AND period = '2017' AND cohort_year IS NOT NULL AND level IS NULL
        AND municipality_code IN (SELECT region_members('U16', '2017')::text)) c
WHERE s.indicator_code = 'T2.6' AND s.period = '2017' AND s.boundaries = 'historical' AND s.area_code = 'U16';
SELECT * FROM disclosure_check() WHERE failures > 0;
ROLLBACK;
-- A predecessor from another region: Vianen (historically in a region R2)
-- counts in Vijfheerenlanden, a U16 member today, so U16 on current boundaries
-- less U16 on historical ones is Vianen.  Withheld there, it may not be
-- revealed by that difference.
BEGIN;
INSERT INTO region (code, name) VALUES ('R2', 'second region');
UPDATE region_member SET region = 'R2' WHERE municipality_code = 'GM0620';
\o /dev/null
SELECT * FROM refresh_monitor();
\o
SELECT count(*) FILTER (WHERE suppressed) > 0 AS vianen_withheld_somewhere
FROM all_rows WHERE area_code = 'GM0620' AND boundaries = 'historical';
SELECT * FROM disclosure_check() WHERE failures > 0;
ROLLBACK;
-- T2.8 across a merger: Leerdam a member in 2017-2018 with 3 persons employed
-- (withheld), Vianen with 9 more; Vijfheerenlanden on current boundaries is
-- their sum and may not reveal Leerdam's count.
BEGIN;
INSERT INTO region_member (region, municipality_code, valid_from, valid_to) VALUES ('U16', 'GM0545', '2017-01-01', '2018-12-31');
INSERT INTO municipal_employment (person_id, municipality_code, started_on, ended_on)
SELECT person_id, CASE WHEN rn <= 9 THEN 'GM0620' ELSE 'GM0545' END, '2018-03-01', '2018-10-31'
FROM (SELECT person_id, row_number() OVER (ORDER BY person_id) AS rn FROM person
      WHERE person_id NOT IN (SELECT person_id FROM municipal_employment) ORDER BY person_id LIMIT 12) p;
\o /dev/null
SELECT * FROM refresh_monitor();
\o
SELECT area_code, suppressed FROM scorecard
WHERE indicator_code = 'T2.8' AND period = '2018' AND boundaries = 'historical' AND area_code IN ('GM0545', 'GM0620')
ORDER BY area_code;
SELECT * FROM disclosure_check() WHERE failures > 0;
ROLLBACK;
\c contrib_regression
DROP DATABASE u16_disclosure_demo;
-- The same inputs withhold the same rows: between two candidates of equal
-- size the disclosure control picks by what the rows are (the lower area
-- code), whatever order the refresh happened to number them in.  A region of
-- three members, one withheld (GM0310, 3 persons); GM0344 and GM0355 both
-- count 12, numbered in both orders.
CREATE DATABASE u16_disclosure_ties;
\c u16_disclosure_ties
SET client_min_messages = warning;
CREATE EXTENSION u16;
CREATE FUNCTION pg_temp.second_pick(first_code text, second_code text) RETURNS text
    LANGUAGE plpgsql AS $$
DECLARE
    picked text;
BEGIN
    TRUNCATE u16.monitor_row, u16.monitor_member;
    INSERT INTO u16.monitor_row (kind, indicator_code, boundaries, area_type, area_code, period, numerator, denominator, size, hidden)
    VALUES ('scorecard', 'T2.6', 'historical', 'region', 'U16', '2018', 10, 27, 27, false),
           ('scorecard', 'T2.6', 'historical', 'municipality', 'GM0310', '2018', 1, 3, 3, true),
           ('scorecard', 'T2.6', 'historical', 'municipality', first_code, '2018', 4, 12, 12, false),
           ('scorecard', 'T2.6', 'historical', 'municipality', second_code, '2018', 5, 12, 12, false);
    INSERT INTO u16.monitor_member (boundaries, region, period, municipality_code)
    SELECT b, 'U16', '2018', area_code FROM u16.monitor_row, (VALUES ('historical'), ('current')) v(b)
    WHERE area_type = 'municipality';
    PERFORM u16.protect_hidden_rows();
    SELECT string_agg(area_code, ',' ORDER BY area_code) INTO picked FROM u16.monitor_row WHERE secondary;
    TRUNCATE u16.monitor_row, u16.monitor_member;
    RETURN picked;
END
$$;
SELECT pg_temp.second_pick('GM0344', 'GM0355') AS numbered_first, pg_temp.second_pick('GM0355', 'GM0344') AS numbered_second;
\c contrib_regression
DROP DATABASE u16_disclosure_ties;
