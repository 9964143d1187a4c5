-- The monitor views against independent plain-SQL computations on a fixture.
-- Runs in a database of its own, so the other tests' rows do not interfere.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_monitor;
CREATE DATABASE u16_monitor;
\c u16_monitor
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;

-- Fixture: persons in seven municipalities, 2017-2020 (test/data/monitor_fixture.sql).
\i test/data/monitor_fixture.sql
SELECT * FROM refresh_monitor();

-- Independent computation -----------------------------------------------------------------
-- Written separately from the views: per indicator the persons (or values) each
-- municipality and year count, then region rows as sums over members, membership
-- read straight from region_member.
CREATE TABLE expected_municipal (indicator_code text, municipality_code text, period text, k bigint, n bigint);
INSERT INTO expected_municipal
-- T1.1: couplings, reception location inside the U16 (Utrecht or Utrechtse Heuvelrug AZC); unknown left out.
SELECT 'T1.1', c.municipality_code, extract(year FROM c.coupled_on)::text,
       count(*) FILTER (WHERE c.reception_location_code IN ('AZC-UTRECHT-HAYDNLAAN', 'AZC-LEERSUM-HOOGSTRAAT')),
       count(c.reception_location_code)
FROM coupling c GROUP BY 2, 3
UNION ALL
-- T1.2: first housing, 18+ in the housing year, NOA on or before housing.
SELECT 'T1.2', h.municipality_code, extract(year FROM h.housed_on)::text,
       count(*) FILTER (WHERE EXISTS (SELECT 1 FROM assessment a WHERE a.person_id = h.person_id AND a.assessed_on <= h.housed_on)),
       count(*)
FROM housing h JOIN person p USING (person_id)
WHERE extract(year FROM h.housed_on) - p.birth_year >= 18
GROUP BY 2, 3
UNION ALL
-- T1.3: coupled in the year, joined the pathway at any time.
SELECT 'T1.3', c.municipality_code, extract(year FROM c.coupled_on)::text,
       count(*) FILTER (WHERE c.person_id IN (SELECT person_id FROM pathway_join)), count(*)
FROM coupling c GROUP BY 2, 3
UNION ALL
-- Status indicators on 31 December (one snapshot per person and year in the fixture).
SELECT x.code, p.municipality_code, extract(year FROM s.reference_date)::text,
       count(*) FILTER (WHERE x.cond), count(x.cond)
FROM status_snapshot s JOIN person p USING (person_id)
CROSS JOIN LATERAL (VALUES
    ('T2.1', CASE WHEN s.education_eligible THEN s.in_education END),
    ('T2.2', CASE WHEN extract(year FROM s.reference_date) - p.birth_year >= 18 THEN s.language_activity END),
    ('T2.6', CASE WHEN extract(year FROM s.reference_date) - p.birth_year BETWEEN 18 AND 65 THEN s.paid_work END),
    ('T2.7', CASE WHEN extract(year FROM s.reference_date) - p.birth_year BETWEEN 18 AND 65 THEN s.welfare END),
    ('T2.9', CASE WHEN extract(year FROM s.reference_date) - p.birth_year >= 18 THEN s.alternative_work END),
    ('T2.13', CASE WHEN extract(year FROM s.reference_date) - p.birth_year >= 18 THEN s.social_activity END),
    ('T2.14', CASE WHEN extract(year FROM s.reference_date) - p.birth_year >= 18
                   THEN s.in_education OR s.paid_work OR s.social_activity END)) x(code, cond)
GROUP BY 1, 2, 3
UNION ALL
-- T2.3: completed course, level B1 or higher (one measurement per person in the fixture).
SELECT 'T2.3', p.municipality_code, extract(year FROM l.measured_on)::text,
       count(*) FILTER (WHERE l.level IN ('B1', 'B2', 'C1', 'C2')), count(*)
FROM language_measurement l JOIN person p USING (person_id) WHERE l.course_completed GROUP BY 2, 3
UNION ALL
-- T2.4: obligation running in the year (not exempt, not passed before it), track started by its end.
SELECT 'T2.4', p.municipality_code, y::text,
       count(*) FILTER (WHERE ci.track_started_on <= make_date(y, 12, 31)), count(*)
FROM civic_integration ci JOIN person p USING (person_id), generate_series(2017, 2020) y
WHERE ci.exemption IS NULL AND ci.obligation_start <= make_date(y, 12, 31)
  AND ci.deadline >= make_date(y, 1, 1) AND (ci.passed_on IS NULL OR ci.passed_on >= make_date(y, 1, 1))
GROUP BY 2, 3
UNION ALL
-- T2.5: cohort of the start year, passed within the term.
SELECT 'T2.5', p.municipality_code, extract(year FROM ci.obligation_start)::text,
       count(*) FILTER (WHERE ci.passed_on <= ci.deadline), count(*)
FROM civic_integration ci JOIN person p USING (person_id) WHERE ci.exemption IS NULL GROUP BY 2, 3;

-- Members per year, straight from region_member.
CREATE TABLE expected_member AS
SELECT y::text AS period, municipality_code
FROM region_member, generate_series(2017, 2020) y
WHERE region = 'U16' AND valid_from <= make_date(y, 12, 31) AND coalesce(valid_to, '9999-12-31') >= make_date(y, 1, 1);

CREATE TABLE expected AS
SELECT e.indicator_code, e.municipality_code AS area_code, e.period, e.k, e.n
FROM expected_municipal e JOIN expected_member m USING (period, municipality_code)
UNION ALL
SELECT e.indicator_code, 'U16', e.period, sum(e.k)::bigint, sum(e.n)::bigint
FROM expected_municipal e JOIN expected_member m USING (period, municipality_code)
GROUP BY 1, 3;

-- Every expected cell is in the scorecard with these counts (where not suppressed),
-- and the scorecard has no share of persons that the independent computation lacks.
SELECT count(*) AS expected_cells,
       count(s.indicator_code) AS found,
       count(*) FILTER (WHERE s.suppressed) AS suppressed,
       count(*) FILTER (WHERE NOT s.suppressed AND (s.numerator_count, s.denominator_count) = (e.k, e.n)) AS equal,
       count(*) FILTER (WHERE NOT s.suppressed AND (s.numerator_count, s.denominator_count) <> (e.k, e.n)) AS different
FROM expected e
LEFT JOIN scorecard s USING (indicator_code, area_code, period);
SELECT count(*) AS unexpected_cells
FROM scorecard s
WHERE s.unit = 'share' AND s.indicator_code NOT IN ('T2.8', 'T3.1', 'T1.4')
  AND coalesce(s.denominator_count, 0) > 0
  AND NOT EXISTS (SELECT 1 FROM expected e WHERE (e.indicator_code, e.area_code, e.period) = (s.indicator_code, s.area_code, s.period));
-- Members without any such person have a row with no data.
SELECT count(*) AS empty_member_rows, count(*) FILTER (WHERE status = 'no data' OR status = 'no target') AS no_data
FROM scorecard s
WHERE s.unit = 'share' AND s.area_type = 'municipality' AND s.denominator_count = 0 AND NOT s.suppressed;

-- The merged municipality: Vianen counts for the U16 in 2017-2018, Vijfheerenlanden in
-- 2019, Leerdam never; the region row of 2019 sums VHL and not Vianen.
SELECT period, string_agg(DISTINCT area_code, ',' ORDER BY area_code) FILTER (WHERE area_code IN ('GM0620', 'GM1961', 'GM0545')) AS merger_members
FROM scorecard WHERE indicator_code = 'T1.3' AND area_type = 'municipality'
GROUP BY period ORDER BY period;

-- Values, intervals and change are the share arithmetic of the counts.
SELECT count(*) AS share_rows,
       count(*) FILTER (WHERE value = round(numerator_count::numeric / denominator_count, 6)) AS value_ok,
       count(*) FILTER (WHERE ci_lower = round(ci_lower(share(numerator_count, denominator_count))::numeric, 6)
                          AND ci_upper = round(ci_upper(share(numerator_count, denominator_count))::numeric, 6)) AS ci_ok
FROM scorecard WHERE unit = 'share' AND NOT suppressed AND denominator_count > 0;
SELECT count(*) AS with_baseline,
       count(*) FILTER (WHERE s.change_pct_points = round((s.value - b.value) * 100, 2)) AS change_ok,
       count(*) FILTER (WHERE s.trend = trend(share(s.numerator_count, s.denominator_count),
                                              share(b.numerator_count, b.denominator_count), 0.05)) AS trend_ok,
       count(*) FILTER (WHERE s.baseline_value = b.value) AS baseline_ok
FROM scorecard s JOIN scorecard b ON (b.indicator_code, b.area_code, b.period) = (s.indicator_code, s.area_code, s.baseline_period)
WHERE s.unit = 'share' AND NOT s.suppressed AND NOT b.suppressed AND s.denominator_count > 0 AND b.denominator_count > 0;

-- Suppression, computed independently: a person share with 1..9 persons counted is
-- suppressed; when that leaves exactly one suppressed member in a region row that is
-- shown, the member with the next smallest denominator is suppressed as well.
CREATE TABLE expected_suppressed AS
WITH cells AS (
    SELECT s.indicator_code, s.area_code, s.period, s.area_type,
           coalesce(e.n, 0) AS n
    FROM scorecard s LEFT JOIN expected e USING (indicator_code, area_code, period)
    WHERE s.indicator_code IN (SELECT DISTINCT indicator_code FROM expected)
), prim AS (
    SELECT *, n BETWEEN 1 AND 9 AS primary_suppressed FROM cells
), lonely AS (
    SELECT p.indicator_code, p.period FROM prim p
    WHERE p.area_type = 'municipality'
    GROUP BY 1, 2
    HAVING count(*) FILTER (WHERE primary_suppressed) = 1
), partner AS (
    SELECT DISTINCT ON (p.indicator_code, p.period) p.indicator_code, p.area_code, p.period
    FROM prim p JOIN lonely USING (indicator_code, period)
    JOIN prim r ON (r.indicator_code, r.area_code, r.period) = (p.indicator_code, 'U16', p.period)
    WHERE p.area_type = 'municipality' AND NOT p.primary_suppressed AND p.n > 0 AND NOT r.primary_suppressed
    ORDER BY p.indicator_code, p.period, p.n, p.area_code
)
SELECT indicator_code, area_code, period FROM prim WHERE primary_suppressed
UNION
SELECT indicator_code, area_code, period FROM partner;
SELECT count(*) AS person_cells,
       count(*) FILTER (WHERE s.suppressed) AS suppressed,
       count(*) FILTER (WHERE s.suppressed = (x.area_code IS NOT NULL)) AS as_expected,
       count(*) FILTER (WHERE x.area_code IS NOT NULL AND s.area_code NOT IN ('GM0589', 'GM0312')) AS secondary_elsewhere
FROM scorecard s
LEFT JOIN expected_suppressed x USING (indicator_code, area_code, period)
WHERE s.indicator_code IN (SELECT DISTINCT indicator_code FROM expected);
-- A suppressed cell shows nothing, and cannot be recovered from the region row:
-- no region/indicator/year has exactly one suppressed member.
SELECT count(*) FILTER (WHERE numerator_count IS NOT NULL OR denominator_count IS NOT NULL OR value IS NOT NULL
                           OR ci_lower IS NOT NULL OR change_pct_points IS NOT NULL OR trend IS NOT NULL) AS leaking,
       count(*) FILTER (WHERE status <> 'suppressed') AS wrong_status
FROM scorecard WHERE suppressed;
SELECT count(*) AS recoverable
FROM (SELECT m.indicator_code, m.period
      FROM scorecard m JOIN scorecard r ON (r.indicator_code, r.period, r.area_code) = (m.indicator_code, m.period, 'U16')
      WHERE m.area_type = 'municipality' AND NOT r.suppressed
        AND m.indicator_code <> 'T2.8'  -- its region row counts municipalities, not persons
      GROUP BY 1, 2 HAVING count(*) FILTER (WHERE m.suppressed) = 1) x;

-- Targets and status: the region's 2018 targets apply to its members; rise/fall
-- against the baseline year; status by attainment().
SELECT indicator_code, area_code, period, target, status, value, baseline_value, trend
FROM scorecard
WHERE area_code IN ('U16', 'GM0344') AND period = '2018' AND indicator_code IN ('T1.1', 'T1.4', 'T2.6', 'T2.7', 'T2.8', 'T2.15')
ORDER BY indicator_code, area_code;
SELECT count(*) AS judged,
       count(*) FILTER (WHERE s.status = attainment(share(s.numerator_count, s.denominator_count), s.target::target,
                                                     share(b.numerator_count, b.denominator_count))) AS status_ok
FROM scorecard s
LEFT JOIN scorecard b ON (b.indicator_code, b.area_code, b.period) = (s.indicator_code, s.area_code, s.baseline_period)
WHERE s.unit = 'share' AND NOT s.suppressed AND s.target IS NOT NULL AND s.denominator_count IS NOT NULL
  AND b.suppressed IS NOT TRUE;

-- Counts: T2.8 employed per municipality (>= 1 target) and the share of members
-- employing one; T2.12 volunteers on the last date of the year; T3.3/T3.4 dwellings.
SELECT indicator_code, area_code, period, numerator_count, denominator_count, value, target, status
FROM scorecard
WHERE (indicator_code = 'T2.8' AND area_code IN ('GM0344', 'GM0356', 'U16') AND period IN ('2018', '2019'))
   OR (indicator_code IN ('T2.12', 'T3.3', 'T3.4') AND area_code IN ('GM0344', 'GM0312', 'U16') AND period = '2018')
ORDER BY indicator_code, area_code, period;

-- Milestones: T1.4 for the region is met only when every member started in time.
SELECT area_code, numerator_count, denominator_count, value, target, status
FROM scorecard WHERE indicator_code = 'T1.4' AND period = '2018' AND area_code IN ('U16', 'GM0344', 'GM0356', 'GM0312')
ORDER BY area_code;

-- Qualitative results are listed, once per region and year.
SELECT indicator_code, period, status FROM scorecard WHERE unit = 'qualitative' AND period = '2018' ORDER BY 1;

-- Housing ledger against a recursive CTE over the same figures (carry_surplus = true):
-- housed counts persons once, at their first housing.
WITH RECURSIVE figures AS (
    SELECT m.municipality_code, h.period,
           coalesce((SELECT quota FROM quota q WHERE q.municipality_code = m.municipality_code AND q.period = h.period), 0) AS quota,
           (SELECT count(*) FROM housing x WHERE x.municipality_code = m.municipality_code
              AND x.housed_on BETWEEN period_start(h.period) AND period_end(h.period)) AS housed,
           coalesce((SELECT correction FROM quota_correction c WHERE c.municipality_code = m.municipality_code AND c.period = h.period), 0) AS correction,
           row_number() OVER (PARTITION BY m.municipality_code ORDER BY h.period) AS n
    FROM (SELECT DISTINCT municipality_code FROM quota) m CROSS JOIN periods('2017H1', '2019H2') h
    WHERE EXISTS (SELECT FROM quota q WHERE q.municipality_code = m.municipality_code AND q.period <= h.period)
      AND h.period <= (SELECT max(q.period) FROM quota q WHERE q.municipality_code = m.municipality_code)
), walk AS (
    SELECT municipality_code, period, n,
           coalesce((SELECT balance FROM opening_balance o WHERE o.municipality_code = f.municipality_code), 0)::bigint AS carried,
           quota, housed, correction FROM figures f WHERE n = 1
    UNION ALL
    SELECT f.municipality_code, f.period, f.n, w.carried + w.quota - w.housed + w.correction, f.quota, f.housed, f.correction
    FROM walk w JOIN figures f ON f.municipality_code = w.municipality_code AND f.n = w.n + 1
)
SELECT count(*) AS ledger_rows,
       count(*) FILTER (WHERE (l.quota, l.carried_in, l.obligation, l.housed, l.correction, l.closing_balance)
                            = (w.quota, w.carried, w.quota + w.carried, w.housed, w.correction,
                               w.quota + w.carried - w.housed + w.correction)) AS equal
FROM walk w JOIN housing_ledger l ON (l.municipality_code, l.period) = (w.municipality_code, w.period::text);
-- Region rows of the ledger sum the members valid in the half-year.
SELECT count(*) AS region_rows,
       count(*) FILTER (WHERE (r.quota, r.obligation, r.housed, r.closing_balance) = (m.quota, m.obligation, m.housed, m.closing_balance)) AS sums_ok
FROM housing_ledger r
CROSS JOIN LATERAL (
    SELECT sum(x.quota) AS quota, sum(x.obligation) AS obligation, sum(x.housed) AS housed, sum(x.closing_balance) AS closing_balance
    FROM housing_ledger x
    WHERE x.area_type = 'municipality' AND x.period = r.period
      AND x.municipality_code IN (SELECT municipality_code FROM region_member
                                  WHERE valid_from <= period_end(r.period::period)
                                    AND coalesce(valid_to, 'infinity') >= period_start(r.period::period))) m
WHERE r.area_type = 'region';
SELECT municipality_code, period, quota, carried_in, obligation, housed, closing_balance,
       realisation_obligation_pct, met_obligation, missed_in_a_row
FROM housing_ledger WHERE municipality_code IN ('GM0344', 'U16') AND period <= '2018H1' ORDER BY 1, 2;
-- T3.1: a municipality met its half-year when housed >= obligation; the region row
-- counts the members that did.
SELECT count(*) AS t31_rows,
       count(*) FILTER (WHERE s.numerator_count = (l.met_obligation)::integer AND s.denominator_count = 1) AS municipal_ok
FROM scorecard s JOIN housing_ledger l ON (l.municipality_code, l.period) = (s.area_code, s.period)
WHERE s.indicator_code = 'T3.1' AND s.area_type = 'municipality';
SELECT s.period, s.numerator_count, s.denominator_count,
       (SELECT count(*) FILTER (WHERE met_obligation) FROM housing_ledger l WHERE l.area_type = 'municipality' AND l.period = s.period
          AND l.municipality_code IN (SELECT municipality_code FROM region_member WHERE valid_from <= period_end(s.period::period)
                                        AND coalesce(valid_to, 'infinity') >= period_start(s.period::period))) AS independent
FROM scorecard s WHERE s.indicator_code = 'T3.1' AND s.area_code = 'U16' ORDER BY period;

-- Monthly schedule: housed so far against obligation x months / 6.
SELECT count(*) AS progress_rows,
       count(*) FILTER (WHERE p.housed_to_date = (SELECT count(*) FROM housing h WHERE h.municipality_code = p.municipality_code
                                                   AND h.housed_on BETWEEN period_start(p.period::period) AND period_end(p.month::period))) AS housed_ok,
       count(*) FILTER (WHERE p.on_schedule = (p.housed_to_date * 6 >= p.obligation * p.months_elapsed)) AS schedule_ok
FROM housing_progress p;

-- The domain's worked example loaded as data: Stichtse Vecht, deficit 20 carried into
-- 2021-H1, quota 50, 32 housed -> deficit 38; 2021-H2 quota 41 -> obligation 79.
INSERT INTO person (person_id, municipality_code) SELECT 'SV-' || i, 'GM1904' FROM generate_series(1, 32) i;
INSERT INTO housing (person_id, municipality_code, housed_on) SELECT 'SV-' || i, 'GM1904', date '2021-01-10' + i FROM generate_series(1, 32) i;
INSERT INTO quota VALUES ('GM1904', '2021H1', 50, 'example'), ('GM1904', '2021H2', 41, 'example');
INSERT INTO opening_balance VALUES ('GM1904', '2021H1', 20);
SELECT refresh_monitor() IS NOT NULL AS refreshed;
SELECT period, carried_in, quota, obligation, housed, closing_balance, realisation_obligation_pct
FROM housing_ledger WHERE municipality_code = 'GM1904' ORDER BY period;

-- Dalfsen (quota 40 in 2018 with a deficit of 20 carried in, 45 housed -> 75% of the
-- obligation of 60; 2019: quota 20 + deficit 15 = 35, 24 housed -> 68.6%) and Gooise
-- Meren (2020: quotas 18 + 22, 46 housed -> surplus 6), with the yearly figures split
-- over the half-years and read back from the ledger.
INSERT INTO municipality (code, name, province) VALUES ('GM0148', 'Dalfsen', 'Overijssel'), ('GM1942', 'Gooise Meren', 'Noord-Holland');
INSERT INTO quota VALUES ('GM0148', '2018H1', 20, 'example'), ('GM0148', '2018H2', 20, 'example'),
    ('GM0148', '2019H1', 10, 'example'), ('GM0148', '2019H2', 10, 'example'),
    ('GM1942', '2020H1', 18, 'example'), ('GM1942', '2020H2', 22, 'example');
INSERT INTO opening_balance VALUES ('GM0148', '2018H1', 20);
INSERT INTO person (person_id, municipality_code)
SELECT 'EX-' || m || '-' || i, m FROM (VALUES ('GM0148', 69), ('GM1942', 46)) v(m, n), generate_series(1, n) i;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT 'EX-' || m || '-' || i, m,
       CASE WHEN m = 'GM1942' THEN date '2020-01-01' + i * 7          -- 46 in 2020
            WHEN i <= 45 THEN date '2018-01-01' + i * 8               -- 45 in 2018
            ELSE date '2019-01-01' + (i - 45) * 15 END                -- 24 in 2019
FROM (VALUES ('GM0148', 69), ('GM1942', 46)) v(m, n), generate_series(1, n) i;
SELECT refresh_monitor() IS NOT NULL AS refreshed;
SELECT municipality_name, left(period, 4) AS year,
       (array_agg(carried_in ORDER BY period))[1] AS carried_into_year,
       sum(quota) AS quota,
       (array_agg(carried_in ORDER BY period))[1] + sum(quota) AS obligation,
       sum(housed) AS housed,
       round(100.0 * sum(housed) / ((array_agg(carried_in ORDER BY period))[1] + sum(quota)), 1) AS realisation_pct,
       (array_agg(closing_balance ORDER BY period DESC))[1] AS closing_balance
FROM housing_ledger WHERE municipality_code IN ('GM0148', 'GM1942')
GROUP BY 1, 2 ORDER BY 1, 2;

-- Column types are built-in, and every view and column has a comment.
SELECT c.relname, count(*) AS columns,
       count(*) FILTER (WHERE t.typnamespace = 'pg_catalog'::regnamespace
                          AND t.typname IN ('int8', 'numeric', 'text', 'date', 'bool')) AS builtin,
       count(col_description(c.oid, a.attnum)) AS commented,
       obj_description(c.oid, 'pg_class') IS NOT NULL AS view_commented,
       coalesce(c.reloptions, '{}') @> '{security_invoker=true}' AS security_invoker
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
JOIN pg_type t ON t.oid = a.atttypid
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind = 'v'
  AND c.relname IN ('scorecard', 'theme1_pathway', 'theme2_work_integration', 'theme3_housing', 'housing_ledger', 'housing_progress')
GROUP BY c.oid, c.relname ORDER BY c.relname;
-- Every indicator of the catalogue is in the scorecard; the theme views split it.
SELECT (SELECT count(*) FROM indicator) AS indicators,
       (SELECT count(DISTINCT indicator_code) FROM scorecard) AS in_scorecard,
       (SELECT count(*) FROM theme1_pathway) + (SELECT count(*) FROM theme2_work_integration)
         + (SELECT count(*) FROM theme3_housing) + (SELECT count(*) FROM scorecard WHERE unit = 'qualitative')
         = (SELECT count(*) FROM scorecard) AS themes_cover_scorecard;

-- Access: readers see the published monitor, not the persons; an analyst sees the
-- whole published monitor too, and may not refresh it from their own subset.
SELECT count(*) > 0 AS roles_granted FROM create_roles();
SET ROLE u16_reader;
SELECT count(*) > 0 AS reader_sees_scorecard, (SELECT count(*) FROM housing_ledger) > 0 AS reader_sees_ledger FROM scorecard;
SELECT count(*) FROM person;
-- (SQLSTATE only: PostgreSQL 15 names the view inside, indicator_cell_live,
-- 16 and later the view queried.)
\set VERBOSITY sqlstate
SELECT count(*) FROM scorecard_live;
\set VERBOSITY default
RESET ROLE;
INSERT INTO analyst_scope VALUES ('u16_analyst', 'GM0589');
SET ROLE u16_analyst;
SELECT count(*) AS analyst_persons, (SELECT count(DISTINCT area_code) FROM scorecard) AS analyst_scorecard_areas FROM person;
SELECT * FROM refresh_monitor();
RESET ROLE;

\c contrib_regression
DROP DATABASE u16_monitor;
