-- Figures over time: residence on the reference date, moves, the 2019 merger on
-- both boundary sets, stale snapshots, T2.2 over the year, the ledger across
-- the merger, and row-level security that follows residence.  Every figure is
-- checked against independent plain SQL.  Runs in a database of its own.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_monitor_time;
CREATE DATABASE u16_monitor_time;
\c u16_monitor_time
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
SET DateStyle = ISO, YMD;

-- Fixture ------------------------------------------------------------------------
-- Z: 20 persons in Zeist; U: 30 in Utrecht; M: 12 who moved from Zeist to Utrecht
-- on 1 January 2019 (residence rows, current municipality Utrecht); V: 15 of
-- Vianen, delivered as source registers do after the merger (current code
-- Vijfheerenlanden, residence Vianen until 2018, Vijfheerenlanden after);
-- S: 11 in Utrecht whose only 2018 status is of May (stale on 31 December);
-- L: 10 in Zeist with language activity in March 2018 but not in December.
CREATE TABLE fixture (person_id text, grp text, home text, i int);
INSERT INTO fixture
SELECT g.grp || '-' || i, g.grp, g.home, i
FROM (VALUES ('Z', 'GM0355', 20), ('U', 'GM0344', 30), ('M', 'GM0344', 12), ('V', 'GM1961', 15),
             ('S', 'GM0344', 11), ('L', 'GM0355', 10)) g(grp, home, n),
     generate_series(1, g.n) i;
INSERT INTO person (person_id, municipality_code, birth_year, permit_date)
SELECT person_id, home, 1980 + i % 20, make_date(2015 + i % 3, 3, 1) FROM fixture;
INSERT INTO residence (person_id, municipality_code, valid_from, valid_to)
SELECT person_id, 'GM0355', date '2010-01-01', date '2018-12-31' FROM fixture WHERE grp = 'M'
UNION ALL SELECT person_id, 'GM0344', date '2019-01-01', NULL FROM fixture WHERE grp = 'M'
UNION ALL SELECT person_id, 'GM0620', '2010-01-01', '2018-12-31' FROM fixture WHERE grp = 'V'
UNION ALL SELECT person_id, 'GM1961', '2019-01-01', NULL FROM fixture WHERE grp = 'V';
-- Status on 31 December of 2017-2019 (S: May instead of December in 2018; L: also
-- a March snapshot in 2018 with language activity, December without).
INSERT INTO status_snapshot (person_id, reference_date, paid_work, welfare, language_activity, social_activity)
SELECT f.person_id,
       CASE WHEN f.grp = 'S' AND y = 2018 THEN date '2018-05-01' ELSE make_date(y, 12, 31) END,
       (f.i + y) % 3 = 0, (f.i + y) % 4 = 0, CASE WHEN f.grp = 'L' THEN false ELSE (f.i + y) % 2 = 0 END, true
FROM fixture f, generate_series(2017, 2019) y
UNION ALL
SELECT person_id, date '2018-03-31', NULL, NULL, true, NULL FROM fixture WHERE grp = 'L';
-- Couplings and housings in the municipality of the time, under the code its
-- register used then (Vianen's first housings of 2019 still under GM0620).
INSERT INTO coupling (person_id, municipality_code, coupled_on)
SELECT person_id, CASE grp WHEN 'V' THEN 'GM0620' WHEN 'M' THEN 'GM0355' ELSE home END, make_date(2017, 1 + i % 12, 10)
FROM fixture;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT person_id, CASE grp WHEN 'V' THEN 'GM0620' WHEN 'M' THEN 'GM0355' ELSE home END,
       CASE WHEN grp = 'V' AND i > 12 THEN make_date(2019, i - 12, 15) ELSE make_date(2017 + i % 2, 1 + i % 12, 20) END
FROM fixture;
-- Quotas of Vianen until 2018 and of Vijfheerenlanden from 2019, which also
-- inherits a balance of its other predecessors (Leerdam and Zederik, not in the
-- data) as an opening balance.
INSERT INTO quota (municipality_code, period, quota, source)
SELECT 'GM0620', h, 4, 'fixture' FROM periods('2017H1', '2018H2') h
UNION ALL SELECT 'GM1961', h, 4, 'fixture' FROM periods('2019H1', '2019H2') h
UNION ALL SELECT m, h, 6, 'fixture' FROM unnest(ARRAY['GM0344', 'GM0355']) m, periods('2017H1', '2019H2') h;
INSERT INTO opening_balance VALUES ('GM1961', '2019H1', 5);
SELECT * FROM refresh_monitor();

-- Where each person counts, independently: on a day, residence (a code after its
-- merger counts as its successor), else the person's municipality; a year's
-- status: the latest snapshot at most 92 days older than 31 December.
\i test/data/counts_as.sql
CREATE FUNCTION lived_in(person text, d date) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN EXISTS (SELECT FROM residence x WHERE x.person_id = person)
                THEN (SELECT counts_as(x.municipality_code, d) FROM residence x
                      WHERE x.person_id = person AND d BETWEEN x.valid_from AND coalesce(x.valid_to, 'infinity'))
                ELSE (SELECT counts_as(p.municipality_code, d) FROM person p WHERE p.person_id = person) END
$$;
CREATE TABLE expected_stock AS
WITH years AS (SELECT y, make_date(y, 12, 31) AS d FROM generate_series(2017, 2019) y),
latest AS (
    SELECT DISTINCT ON (s.person_id, r.y) s.person_id, r.y, r.d, s.paid_work, s.welfare
    FROM status_snapshot s JOIN years r ON s.reference_date <= r.d AND r.d - s.reference_date <= 92
    ORDER BY s.person_id, r.y, s.reference_date DESC
)
SELECT l.*, lived_in(l.person_id, l.d) AS municipality_code FROM latest l;

-- A mover counts in Zeist for 2017 and 2018 and in Utrecht for 2019.
SELECT e.y, e.municipality_code, count(*) AS movers FROM expected_stock e JOIN fixture f USING (person_id)
WHERE f.grp = 'M' GROUP BY 1, 2 ORDER BY 1, 2;
-- T2.6 paid work and T2.7 welfare per member and year on historical boundaries,
-- against the scorecard.
CREATE TABLE expected_t26 AS
SELECT 'T2.6' AS indicator_code, municipality_code AS area_code, y::text AS period,
       count(*) FILTER (WHERE paid_work) AS k, count(paid_work) AS n
FROM expected_stock GROUP BY 2, 3
UNION ALL
SELECT 'T2.7', municipality_code, y::text, count(*) FILTER (WHERE welfare), count(welfare)
FROM expected_stock GROUP BY 2, 3;
SELECT e.indicator_code, e.area_code, e.period, e.k, e.n, s.numerator_count, s.denominator_count
FROM expected_t26 e
LEFT JOIN scorecard s ON (s.indicator_code, s.boundaries, s.area_code, s.period) = (e.indicator_code, 'historical', e.area_code, e.period)
ORDER BY 1, 2, 3;
-- The stale May snapshot does not count in 2018: Utrecht's 2018 denominator has
-- the 30 + 0 movers, not the 11 of group S.
SELECT count(*) AS stale_persons_counted_in_2018
FROM expected_stock e JOIN fixture f USING (person_id) WHERE f.grp = 'S' AND e.y = 2018;

-- T2.2: any language activity in the year counts (group L: March, not December;
-- group S: May, although that status is too old for 31 December).
SELECT s.area_code, s.numerator_count, s.denominator_count, e.k AS independent_k, e.n AS independent_n
FROM scorecard s
JOIN (SELECT lived_in(x.person_id, '2018-12-31') AS area_code, count(DISTINCT x.person_id) FILTER (WHERE x.language_activity) AS k,
             count(DISTINCT x.person_id) FILTER (WHERE x.language_activity IS NOT NULL) AS n
      FROM status_snapshot x WHERE x.reference_date BETWEEN '2018-01-01' AND '2018-12-31' GROUP BY 1) e USING (area_code)
WHERE s.indicator_code = 'T2.2' AND s.boundaries = 'historical' AND s.period = '2018' AND s.area_code IN ('GM0355', 'GM0344')
ORDER BY 1;

-- The merger on both boundary sets: Vianen's persons count for Vianen in 2017-2018
-- and Vijfheerenlanden in 2019 (historical), for Vijfheerenlanden in every year
-- (current), which so has a 2018 baseline.
SELECT boundaries, area_code, period, numerator_count, denominator_count, baseline_value IS NOT NULL AS has_baseline
FROM scorecard
WHERE indicator_code = 'T2.6' AND area_code IN ('GM0620', 'GM1961') AND numerator_count IS NOT NULL
ORDER BY 1, 2, 3;
-- Region rows equal the sum of their members in every period, on both boundary
-- sets, for every person share and count whose members are all shown.
SELECT r.boundaries, count(*) AS region_rows,
       count(*) FILTER (WHERE (r.numerator_count, r.denominator_count) IS NOT DISTINCT FROM (m.k, m.n)) AS sums_equal
FROM scorecard r
CROSS JOIN LATERAL (SELECT sum(x.numerator_count) AS k, sum(x.denominator_count) AS n, bool_or(x.suppressed) AS suppressed
                    FROM scorecard x
                    WHERE (x.indicator_code, x.boundaries, x.period, x.area_type) = (r.indicator_code, r.boundaries, r.period, 'municipality')
                      AND x.area_code IN (SELECT municipality_code FROM region_member rm
                                          WHERE CASE WHEN r.boundaries = 'historical'
                                                     THEN rm.valid_from <= period_end(r.period::period)
                                                          AND coalesce(rm.valid_to, 'infinity') >= period_start(r.period::period)
                                                     ELSE rm.valid_from <= current_date AND coalesce(rm.valid_to, 'infinity') >= current_date END)) m
WHERE r.area_type = 'region' AND r.unit IN ('share', 'count') AND r.indicator_code NOT IN ('T2.8', 'T3.1')
  AND NOT r.suppressed AND NOT m.suppressed AND r.numerator_count IS NOT NULL
GROUP BY 1 ORDER BY 1;
-- ... and T2.6 of the region equals the independent count on both boundary sets
-- (every person of the fixture lives in a member on every reference date).
SELECT s.boundaries, s.period, s.numerator_count, s.denominator_count, e.k, e.n
FROM scorecard s
JOIN (SELECT y::text AS period, count(*) FILTER (WHERE paid_work) AS k, count(paid_work) AS n FROM expected_stock GROUP BY 1) e
  USING (period)
WHERE s.indicator_code = 'T2.6' AND s.area_code = 'U16'
ORDER BY 1, 2;

-- On current boundaries every period is restated: Vijfheerenlanden's cells equal
-- Vianen's historical cells for 2017-2018 (Leerdam and Zederik are not in the data).
SELECT count(*) AS restated, count(*) FILTER (WHERE (c.numerator_count, c.denominator_count) = (h.numerator_count, h.denominator_count)) AS equal
FROM scorecard c
JOIN scorecard h ON (h.indicator_code, h.boundaries, h.area_code, h.period) = (c.indicator_code, 'historical', 'GM0620', c.period)
WHERE c.boundaries = 'current' AND c.area_code = 'GM1961' AND c.period IN ('2017', '2018') AND h.numerator_count IS NOT NULL;

-- The ledger across the merger: Vijfheerenlanden's first half-year carries
-- Vianen's closing balance of 2018H2 plus its own opening balance of 5; the
-- region counts Vianen's balance once (its 2019H1 carried balance is its 2018H2
-- closing balance plus the 5 that were not in the data).  Independently: Vianen's
-- closing = its quotas minus its first housings up to 2018 (carry_surplus).
SELECT municipality_code, period, quota, carried_in, carried_from_predecessors, opening_balance, housed, closing_balance
FROM housing_ledger WHERE boundaries = 'historical' AND municipality_code IN ('GM0620', 'GM1961') ORDER BY 1, 2;
SELECT (SELECT sum(quota) FROM quota WHERE municipality_code = 'GM0620')
       - (SELECT count(*) FROM housing WHERE municipality_code = 'GM0620' AND housed_on < '2019-01-01') AS vianen_closing_independent,
       (SELECT carried_from_predecessors FROM housing_ledger
        WHERE boundaries = 'historical' AND municipality_code = 'GM1961' AND period = '2019H1') AS carried_from_vianen,
       (SELECT carried_in FROM housing_ledger WHERE boundaries = 'historical' AND municipality_code = 'U16' AND period = '2019H1')
       - (SELECT closing_balance FROM housing_ledger WHERE boundaries = 'historical' AND municipality_code = 'U16' AND period = '2018H2')
           AS region_balance_added_at_merger;
-- Vianen's first housings of 2019 (still under GM0620) count for Vijfheerenlanden.
SELECT housed FROM housing_ledger WHERE boundaries = 'historical' AND municipality_code = 'GM1961' AND period = '2019H1';
-- On current boundaries the series of Vijfheerenlanden runs on without a jump:
-- each half-year carries the balance the one before closed with.
SELECT count(*) AS restated_rows,
       count(*) FILTER (WHERE l.carried_in = p.closing_balance + coalesce(l.opening_balance, 0)) AS continuous
FROM housing_ledger l
JOIN housing_ledger p ON (p.boundaries, p.municipality_code, p.period) = (l.boundaries, l.municipality_code, (l.period::period - 1)::text)
WHERE l.boundaries = 'current' AND l.municipality_code = 'GM1961';

-- Municipal registers under a ceased code count as its successor from the merger
-- on, as events do: Vianen employs 3 permit holders from June 2018 onwards, has a
-- flexible project delivered in March 2019 and a volunteer count of June 2019, all
-- still registered as GM0620.  A status of 2016, before the region had members,
-- gives no rows on either boundary set.
INSERT INTO municipal_employment (person_id, municipality_code, started_on)
SELECT person_id, 'GM0620', date '2018-06-01' FROM fixture WHERE grp = 'V' AND i <= 3;
INSERT INTO flexible_housing_project (project_id, municipality_code, name, dwellings, development_started_on, delivered_on)
VALUES ('P-V', 'GM0620', 'Vianen flex', 20, '2018-02-01', '2019-03-01');
INSERT INTO volunteer_count VALUES ('GM0620', '2018-06-30', 5), ('GM0620', '2019-06-30', 7);
INSERT INTO status_snapshot (person_id, reference_date, paid_work) VALUES ('Z-1', '2016-12-31', true);
SELECT count(*) > 0 AS refreshed FROM refresh_monitor();
SELECT indicator_code, area_code, period, numerator_count, status
FROM scorecard
WHERE boundaries = 'historical' AND indicator_code IN ('T2.8', 'T2.12', 'T3.3', 'T3.4') AND area_code IN ('GM0620', 'GM1961')
ORDER BY 1, 2, 3;
-- ... the same on current boundaries, where Vijfheerenlanden has every year.
SELECT indicator_code, period, numerator_count, status
FROM scorecard
WHERE boundaries = 'current' AND indicator_code IN ('T2.8', 'T2.12', 'T3.3', 'T3.4') AND area_code = 'GM1961'
ORDER BY 1, 2;
SELECT indicator_code, boundaries, area_code, status FROM scorecard WHERE period = '2016' ORDER BY 1, 2, 3;

-- Row-level security and residence: an analyst sees the persons of their
-- municipality (person.municipality_code) with all their snapshots, and of a
-- person who lived there before only the residence period and the snapshots
-- dated in it; a residence row only where it is in their municipality.
SELECT count(*) > 0 AS roles FROM create_roles();
CREATE ROLE regress_time_zeist IN ROLE u16_analyst;
CREATE ROLE regress_time_utrecht IN ROLE u16_analyst;
CREATE ROLE regress_time_vianen IN ROLE u16_analyst;
CREATE ROLE regress_time_vhl IN ROLE u16_analyst;
INSERT INTO analyst_scope VALUES ('regress_time_zeist', 'GM0355'), ('regress_time_utrecht', 'GM0344'),
    ('regress_time_vianen', 'GM0620'), ('regress_time_vhl', 'GM1961');
CREATE TABLE expected_visible AS
SELECT s.role_name, p.person_id::text AS person_id
FROM analyst_scope s JOIN person p ON p.municipality_code = s.municipality_code;
CREATE TABLE expected_snapshots AS
SELECT s.role_name, x.person_id::text AS person_id, x.reference_date
FROM analyst_scope s JOIN status_snapshot x
  ON EXISTS (SELECT FROM person p WHERE p.person_id = x.person_id AND p.municipality_code = s.municipality_code)
  OR EXISTS (SELECT FROM residence r WHERE r.person_id = x.person_id AND r.municipality_code = s.municipality_code
             AND x.reference_date BETWEEN r.valid_from AND coalesce(r.valid_to, 'infinity'));
GRANT SELECT ON expected_visible, expected_snapshots TO u16_analyst;
CREATE FUNCTION visible_check() RETURNS TABLE (persons bigint, expected bigint, wrong bigint, missing bigint,
                                               residence_rows bigint, foreign_residence bigint, snapshots_differing bigint,
                                               snapshots bigint)
LANGUAGE sql AS $$
    SELECT (SELECT count(*) FROM person),
           (SELECT count(*) FROM expected_visible WHERE role_name = current_user),
           (SELECT count(*) FROM person p WHERE p.person_id::text NOT IN (SELECT person_id FROM expected_visible WHERE role_name = current_user)),
           (SELECT count(*) FROM expected_visible e WHERE e.role_name = current_user AND e.person_id NOT IN (SELECT person_id::text FROM person)),
           (SELECT count(*) FROM residence),
           (SELECT count(*) FROM residence r WHERE r.municipality_code NOT IN (SELECT municipality_code FROM analyst_scope WHERE role_name = current_user)),
           (SELECT count(*) FROM ((SELECT person_id::text, reference_date FROM status_snapshot
                                   EXCEPT SELECT person_id, reference_date FROM expected_snapshots WHERE role_name = current_user)
                                  UNION ALL
                                  (SELECT person_id, reference_date FROM expected_snapshots WHERE role_name = current_user
                                   EXCEPT SELECT person_id::text, reference_date FROM status_snapshot)) d),
           (SELECT count(*) FROM status_snapshot)
$$;
GRANT EXECUTE ON FUNCTION visible_check() TO u16_analyst;
SET ROLE regress_time_zeist;
SELECT 'zeist' AS analyst, * FROM visible_check();
SET ROLE regress_time_utrecht;
SELECT 'utrecht' AS analyst, * FROM visible_check();
SET ROLE regress_time_vianen;
SELECT 'vianen' AS analyst, * FROM visible_check();
SET ROLE regress_time_vhl;
SELECT 'vijfheerenlanden' AS analyst, * FROM visible_check();
RESET ROLE;

-- The age limit of a status is inclusive: a snapshot exactly
-- snapshot_max_age_days older than the reference date counts, one a day older is
-- unknown.  Quarterly data: 30 September is 92 days before 31 December.  Three
-- persons in Nieuwegein, 2018: paid work on 30 September (92 days), paid work on
-- 29 September (93 days), no paid work on 31 December.
BEGIN;
INSERT INTO person (person_id, municipality_code, birth_year) VALUES
    ('Q-92', 'GM0356', 1980), ('Q-93', 'GM0356', 1980), ('Q-0', 'GM0356', 1980);
INSERT INTO status_snapshot (person_id, reference_date, paid_work) VALUES
    ('Q-92', '2018-09-30', true), ('Q-93', '2018-09-29', true), ('Q-0', '2018-12-31', false);
CREATE TEMP VIEW age_check AS
SELECT c.numerator, c.denominator, e.k AS independent_k, e.n AS independent_n
FROM indicator_cell_live c,
     (SELECT count(*) FILTER (WHERE s.paid_work) AS k, count(*) AS n
      FROM status_snapshot s
      WHERE s.person_id LIKE 'Q-%'
        AND DATE '2018-12-31' - s.reference_date BETWEEN 0 AND (SELECT value::integer FROM setting
                                                                 WHERE name = 'snapshot_max_age_days')) e
WHERE c.indicator_code = 'T2.6' AND c.municipality_code = 'GM0356' AND c.period = '2018';
SELECT 92 AS max_age, * FROM age_check;
-- With 0, only a snapshot on the reference date itself.
UPDATE setting SET value = '0' WHERE name = 'snapshot_max_age_days';
SELECT 0 AS max_age, * FROM age_check;
ROLLBACK;

-- Months are added as date + interval does: a pathway-join window or an exam
-- term that ends in a shorter month ends on its last day.  In IJsselstein, 2019:
-- two couplings on 31 August (window of 6 months: until 29 February 2020, a leap
-- year), joined on 29 February (in time) and on 1 March (too late); two
-- obligations started on 31 August with an exam term of 18 months (until 28
-- February 2021), passed on 28 February and on 1 March.
BEGIN;
UPDATE setting SET value = '18' WHERE name = 'exam_term_months';
INSERT INTO person (person_id, municipality_code, birth_year) VALUES
    ('E-1', 'GM0353', 1980), ('E-2', 'GM0353', 1980);
INSERT INTO coupling (person_id, municipality_code, coupled_on) VALUES
    ('E-1', 'GM0353', '2019-08-31'), ('E-2', 'GM0353', '2019-08-31');
INSERT INTO pathway_join (person_id, joined_on) VALUES ('E-1', '2020-02-29'), ('E-2', '2020-03-01');
INSERT INTO civic_integration (person_id, law_regime, obligation_start, passed_on) VALUES
    ('E-1', '2013', '2019-08-31', '2021-02-28'), ('E-2', '2013', '2019-08-31', '2021-03-01');
SELECT c.indicator_code, c.numerator, c.denominator, c.open_until, e.k AS independent_k, e.n AS independent_n,
       e.until AS independent_until
FROM indicator_cell_live c
JOIN (SELECT 'T1.3' AS indicator_code, count(*) FILTER (WHERE j.joined_on <= k.coupled_on + interval '6 months') AS k,
             count(*) AS n, max(k.coupled_on + interval '6 months')::date AS until
      FROM coupling k JOIN pathway_join j USING (person_id) WHERE k.person_id LIKE 'E-%'
      UNION ALL
      SELECT 'T2.5', count(*) FILTER (WHERE ci.passed_on <= ci.obligation_start + interval '18 months'), count(*),
             max(ci.obligation_start + interval '18 months')::date
      FROM civic_integration ci WHERE ci.person_id LIKE 'E-%') e USING (indicator_code)
WHERE c.municipality_code = 'GM0353' AND c.period = '2019'
ORDER BY 1;
ROLLBACK;

-- A merger into a municipality that goes on (an absorption, like Weesp into
-- Amsterdam): the absorber keeps its own ledger from before the merger, and the
-- absorbed municipality's closing balance carries into it at the merger.  Two
-- municipalities outside the region; 12 persons housed in each, some in the
-- absorbed one after the merger under its old code (counting for the absorber).
-- The absorber also has an opening balance of 2 at the merger, for a part of
-- the absorbed municipality not in the data.  Independently, with surpluses
-- carried, a closing balance is the quotas minus the housings up to that
-- half-year, plus for the absorber from the merger on the absorbed one's quotas
-- minus housings before it and the 2; on current boundaries both together.
BEGIN;
INSERT INTO municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM9001', 'Absorber', 'Utrecht', NULL, NULL), ('GM9002', 'Absorbed', 'Utrecht', NULL, '2018-12-31');
INSERT INTO municipality_succession (old_code, new_code, effective_on) VALUES ('GM9002', 'GM9001', '2019-01-01');
INSERT INTO quota (municipality_code, period, quota, source)
SELECT 'GM9001', h, 5, 'fixture' FROM periods('2017H1', '2019H2') h
UNION ALL SELECT 'GM9002', h, 3, 'fixture' FROM periods('2017H1', '2018H2') h;
INSERT INTO opening_balance VALUES ('GM9001', '2019H1', 2);
INSERT INTO person (person_id, municipality_code, birth_year)
SELECT 'A-' || m || '-' || i, 'GM' || m, 1980 FROM unnest(ARRAY['9001', '9002']) m, generate_series(1, 12) i;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT 'A-' || m || '-' || i, 'GM' || m, DATE '2017-02-01' + i * 80 FROM unnest(ARRAY['9001', '9002']) m, generate_series(1, 12) i;
CREATE TEMP TABLE absorption_expected AS
WITH counted AS (   -- first housings per code the ledger counts them for, historical
    SELECT CASE WHEN municipality_code = 'GM9002' AND housed_on >= '2019-01-01' THEN 'GM9001'
                ELSE municipality_code::text END AS code, period(housed_on, 'halfyear') AS h
    FROM housing WHERE municipality_code IN ('GM9001', 'GM9002')),
own AS (
    SELECT m.code, h.h,
           (SELECT coalesce(sum(q.quota), 0) FROM quota q WHERE q.municipality_code = m.code AND q.period <= h.h)
           - (SELECT count(*) FROM counted c WHERE c.code = m.code AND c.h <= h.h) AS balance
    FROM (VALUES ('GM9001'), ('GM9002')) m(code), periods('2017H1', '2019H2') h(h)
    WHERE m.code = 'GM9001' OR h.h <= '2018H2')
SELECT 'historical' AS boundaries, o.code, o.h::text AS period,
       o.balance + CASE WHEN o.code = 'GM9001' AND o.h >= '2019H1'
                        THEN (SELECT balance FROM own WHERE code = 'GM9002' AND h = '2018H2') + 2 ELSE 0 END AS closing_balance
FROM own o
UNION ALL
SELECT 'current', 'GM9001', h.h::text,
       (SELECT coalesce(sum(q.quota), 0) FROM quota q WHERE q.municipality_code IN ('GM9001', 'GM9002') AND q.period <= h.h)
       - (SELECT count(*) FROM counted c WHERE c.h <= h.h) + CASE WHEN h.h >= '2019H1' THEN 2 ELSE 0 END
FROM periods('2017H1', '2019H2') h(h);
CREATE TEMP VIEW absorption_ledger AS
SELECT boundaries, area_code AS code, period::text AS period, closing_balance FROM housing_ledger_live
WHERE area_type = 'municipality' AND area_code IN ('GM9001', 'GM9002');
SELECT (SELECT count(*) FROM absorption_expected) AS expected_rows, (SELECT count(*) FROM absorption_ledger) AS ledger_rows,
       (SELECT count(*) FROM (SELECT * FROM absorption_expected EXCEPT SELECT * FROM absorption_ledger) x) AS missing_or_wrong,
       (SELECT count(*) FROM (SELECT * FROM absorption_ledger EXCEPT SELECT * FROM absorption_expected) x) AS unexpected;
-- The merger half-year: the absorber's own balance plus the absorbed one's and
-- the opening balance.
SELECT period, carried_in, carried_from_predecessors, opening_balance, closing_balance FROM housing_ledger_live
WHERE boundaries = 'historical' AND area_code = 'GM9001' AND period IN ('2018H2', '2019H1') ORDER BY period;
ROLLBACK;

-- A balance owed after a municipality's last quota stays in its ledger until the
-- last half-year of the data, and in the region's sums: Bunnik has quotas in
-- 2018 only (4 and 4, nobody housed), Utrecht until 2019H1 (10 each, one person
-- housed in 2019H1), Wijk bij Duurstede only an opening balance of 3 in 2018H1.
-- By hand: Bunnik 2019H1 carries 8 (obligation 8, 3 misses in a row); Wijk bij
-- Duurstede carries 3 in every half-year; Utrecht 2019H1 carries 20, obligation
-- 30, housed 1; the region (U16) 2019H1 carries 8 + 3 + 20 = 31, obligation 41.
-- (The fixture's own quotas and housings are set aside for it.)
BEGIN;
DELETE FROM quota; DELETE FROM quota_correction; DELETE FROM opening_balance; DELETE FROM housing;
INSERT INTO quota (municipality_code, period, quota, source) VALUES
    ('GM0312', '2018H1', 4, 'fixture'), ('GM0312', '2018H2', 4, 'fixture'),
    ('GM0344', '2018H1', 10, 'fixture'), ('GM0344', '2018H2', 10, 'fixture'), ('GM0344', '2019H1', 10, 'fixture');
INSERT INTO opening_balance VALUES ('GM0352', '2018H1', 3);
INSERT INTO person (person_id, municipality_code, birth_year) VALUES ('OWED-1', 'GM0344', 1990);
INSERT INTO housing (person_id, municipality_code, housed_on) VALUES ('OWED-1', 'GM0344', '2019-01-15');
SELECT area_code, period, carried_in, obligation, housed, closing_balance, missed_in_a_row
FROM housing_ledger_live
WHERE boundaries = 'historical' AND area_code IN ('GM0312', 'GM0352', 'GM0344') AND period >= '2018H1'
ORDER BY area_code, period;
SELECT period, carried_in, obligation, housed FROM housing_ledger_live
WHERE boundaries = 'historical' AND area_code = 'U16' AND period = '2019H1';
-- The schedule judges the months the data cover to their end: with the data
-- ending on 10 February (a housing that day, every later row set aside),
-- January is shown and February, a tenth over, is not.
DELETE FROM status_snapshot; DELETE FROM language_measurement; DELETE FROM civic_integration;
DELETE FROM coupling; DELETE FROM residence; DELETE FROM assessment; DELETE FROM pathway_join; DELETE FROM exam_result;
UPDATE housing SET housed_on = '2019-02-10' WHERE person_id = 'OWED-1';
SELECT (SELECT data_date FROM data_date) AS data_date,
       (SELECT max(month)::text FROM housing_progress_live WHERE municipality_code = 'GM0344' AND period = '2019H1') AS last_month_shown;
ROLLBACK;

-- A municipality divided among two successors (a split, like Haaren in 2021):
-- its closing balance carries into neither, since how it is shared is the
-- province's decision, given as the successors' opening balances (7 and 3
-- here).  Carrying it whole into each would count it twice.  Independently:
-- each ledger's closing balance is its own quotas minus its own housings up to
-- that half-year, plus its part from the split half-year on.
BEGIN;
INSERT INTO municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM9001', 'Receiver A', 'Utrecht', NULL, NULL), ('GM9003', 'Divided', 'Utrecht', NULL, '2018-12-31'),
    ('GM9004', 'Receiver B', 'Utrecht', '2019-01-01', NULL);
INSERT INTO municipality_succession (old_code, new_code, effective_on) VALUES
    ('GM9003', 'GM9001', '2019-01-01'), ('GM9003', 'GM9004', '2019-01-01');
INSERT INTO quota (municipality_code, period, quota, source)
SELECT 'GM9001', h, 5, 'fixture' FROM periods('2017H1', '2019H2') h
UNION ALL SELECT 'GM9003', h, 4, 'fixture' FROM periods('2017H1', '2018H2') h
UNION ALL SELECT 'GM9004', h, 2, 'fixture' FROM periods('2019H1', '2019H2') h;
INSERT INTO opening_balance VALUES ('GM9001', '2019H1', 7), ('GM9004', '2019H1', 3);
INSERT INTO person (person_id, municipality_code, birth_year)
SELECT 'S-' || m || '-' || i, 'GM' || m, 1980 FROM unnest(ARRAY['9001', '9003', '9004']) m, generate_series(1, 6) i;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT 'S-' || m || '-' || i, 'GM' || m,
       CASE WHEN m = '9004' THEN DATE '2019-01-10' + i * 50 ELSE DATE '2017-02-01' + i * 110 END
FROM unnest(ARRAY['9001', '9003', '9004']) m, generate_series(1, 6) i;
CREATE TEMP TABLE split_expected AS
SELECT m.code, h.h::text AS period,
       (SELECT coalesce(sum(q.quota), 0) FROM quota q WHERE q.municipality_code = m.code AND q.period <= h.h)
       - (SELECT count(*) FROM housing x WHERE x.municipality_code = m.code AND period(x.housed_on, 'halfyear') <= h.h)
       + CASE WHEN h.h >= '2019H1' THEN coalesce((SELECT o.balance FROM opening_balance o
                                                  WHERE o.municipality_code = m.code), 0) ELSE 0 END AS closing_balance
FROM (VALUES ('GM9001'), ('GM9003'), ('GM9004')) m(code), periods('2017H1', '2019H2') h(h)
WHERE (m.code <> 'GM9003' OR h.h <= '2018H2') AND (m.code <> 'GM9004' OR h.h >= '2019H1');
CREATE TEMP VIEW split_ledger AS
SELECT area_code AS code, period::text AS period, closing_balance FROM housing_ledger_live
WHERE boundaries = 'historical' AND area_type = 'municipality' AND area_code IN ('GM9001', 'GM9003', 'GM9004');
SELECT (SELECT count(*) FROM split_expected) AS expected_rows, (SELECT count(*) FROM split_ledger) AS ledger_rows,
       (SELECT count(*) FROM (SELECT * FROM split_expected EXCEPT SELECT * FROM split_ledger) x) AS missing_or_wrong,
       (SELECT count(*) FROM (SELECT * FROM split_ledger EXCEPT SELECT * FROM split_expected) x) AS unexpected;
-- The split half-year: nothing carried from the divided municipality, each
-- successor's part as its opening balance.
SELECT area_code, period, carried_in, carried_from_predecessors, opening_balance, closing_balance FROM housing_ledger_live
WHERE boundaries = 'historical' AND area_code IN ('GM9001', 'GM9003', 'GM9004') AND period IN ('2018H2', '2019H1')
ORDER BY area_code, period;
-- On current boundaries the divided municipality's rows count for one
-- successor, the smallest code of the latest succession rows (GM9001): 14 + 10
-- in 2018H2, as the two historical ledgers above.
SELECT area_code, period, closing_balance FROM housing_ledger_live
WHERE boundaries = 'current' AND area_code IN ('GM9001', 'GM9003', 'GM9004') AND period IN ('2018H2', '2019H1')
ORDER BY area_code, period;
ROLLBACK;

-- A successor none of whose predecessors has a quota in the data inherits
-- nothing and, without a quota or opening balance of its own, has no ledger,
-- like any municipality without one (its T3.1 then has no data); a successor
-- of a predecessor with a quota carries its balance (3 a half-year for two
-- years, 1 housed: 11).
BEGIN;
INSERT INTO municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM9005', 'Old, no quota', 'Utrecht', NULL, '2018-12-31'), ('GM9006', 'New, no quota', 'Utrecht', '2019-01-01', NULL),
    ('GM9007', 'Never a quota', 'Utrecht', NULL, NULL),
    ('GM9008', 'Old, a quota', 'Utrecht', NULL, '2018-12-31'), ('GM9009', 'New after a quota', 'Utrecht', '2019-01-01', NULL);
INSERT INTO municipality_succession (old_code, new_code, effective_on) VALUES
    ('GM9005', 'GM9006', '2019-01-01'), ('GM9008', 'GM9009', '2019-01-01');
INSERT INTO quota (municipality_code, period, quota, source)
SELECT 'GM9008', h, 3, 'fixture' FROM periods('2017H1', '2018H2') h;
INSERT INTO person (person_id, municipality_code, birth_year)
SELECT 'NQ-' || m, 'GM' || m, 1980 FROM unnest(ARRAY['9005', '9006', '9007', '9008']) m;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT 'NQ-' || m, 'GM' || m, CASE WHEN m = '9006' THEN DATE '2019-03-01' ELSE DATE '2017-03-01' END
FROM unnest(ARRAY['9005', '9006', '9007', '9008']) m;
SELECT area_code, boundaries, count(*) AS ledger_rows, min(period)::text AS first, min(carried_from_predecessors) AS carried
FROM housing_ledger_live WHERE area_code IN ('GM9005', 'GM9006', 'GM9007', 'GM9008', 'GM9009')
GROUP BY 1, 2 ORDER BY 1, 2;
ROLLBACK;

-- A reception location registered in a municipality that later merged (an AZC
-- in Vianen) lies in its successor from the merger on: a coupling from it in
-- 2019 comes from a U16 location (Vijfheerenlanden), as one in 2018 did
-- (Vianen).  With t1_1_reading = 'azc_leavers' its 2019 leavers count for
-- Vijfheerenlanden, not for the ceased code.  The cells with the two couplings
-- less the cells without them.
BEGIN;
CREATE TEMP VIEW t1_1 AS
SELECT municipality_code, period, sum(numerator) AS from_u16, sum(denominator) AS coupled FROM indicator_cell_live
WHERE indicator_code = 'T1.1' AND period IN ('2018', '2019') GROUP BY 1, 2;
CREATE TEMP TABLE t1_1_before AS SELECT * FROM t1_1;
INSERT INTO reception_location (code, name, municipality_code) VALUES ('AZC-VIANEN', 'AZC Vianen', 'GM0620');
INSERT INTO person (person_id, municipality_code, birth_year, permit_date) VALUES
    ('AZCV-1', 'GM0344', 1990, '2018-01-01'), ('AZCV-2', 'GM0344', 1990, '2018-01-01');
INSERT INTO coupling (person_id, municipality_code, coupled_on, reception_location_code) VALUES
    ('AZCV-1', 'GM0344', '2018-05-01', 'AZC-VIANEN'), ('AZCV-2', 'GM0344', '2019-05-01', 'AZC-VIANEN');
SELECT a.municipality_code, a.period, a.from_u16 - coalesce(b.from_u16, 0) AS from_u16,
       a.coupled - coalesce(b.coupled, 0) AS coupled
FROM t1_1 a LEFT JOIN t1_1_before b USING (municipality_code, period)
WHERE (a.from_u16, a.coupled) IS DISTINCT FROM (b.from_u16, b.coupled) ORDER BY 1, 2;
UPDATE setting SET value = 'azc_leavers' WHERE name = 't1_1_reading';
SELECT municipality_code AS azc_municipality, period, from_u16 AS placed_in_u16, coupled AS leavers
FROM t1_1 WHERE municipality_code IN ('GM0620', 'GM1961') ORDER BY 1, 2;
ROLLBACK;

-- A year or half-year the data do not cover to its end can still change: its
-- figures are pending, without a verdict or a trend.  A coupling on 15 January
-- 2020 opens 2020: Utrecht's volunteers (40 at the end of 2019, none counted
-- yet in 2020) show no 'fall', and its T3.1 for 2020H1 (a quota of 5, nobody
-- housed yet) is not 'not met'; 2019 keeps its verdicts.
BEGIN;
INSERT INTO volunteer_count (municipality_code, reference_date, volunteers) VALUES ('GM0344', '2019-12-31', 40);
INSERT INTO quota (municipality_code, period, quota, source) VALUES ('GM0344', '2020H1', 5, 'fixture');
INSERT INTO person (person_id, municipality_code, birth_year, permit_date) VALUES ('RUN-1', 'GM0344', 1990, '2019-06-01');
INSERT INTO coupling (person_id, municipality_code, coupled_on) VALUES ('RUN-1', 'GM0344', '2020-01-15');
SELECT count(*) > 0 AS refreshed FROM refresh_monitor();
SELECT (SELECT data_date FROM data_date) AS data_date;
SELECT indicator_code, period, numerator_count, status, trend FROM scorecard
WHERE boundaries = 'historical' AND area_code = 'GM0344'
  AND (indicator_code = 'T2.12' AND period IN ('2019', '2020') OR indicator_code = 'T3.1' AND period IN ('2019H2', '2020H1'))
ORDER BY 1, 2;
SELECT count(*) AS rows_of_2020, count(*) FILTER (WHERE trend = 'pending') > 100 AS pending,
       count(*) FILTER (WHERE trend IN ('rise', 'fall', 'no change')) AS with_a_trend,
       count(*) FILTER (WHERE status IN ('met', 'not met', 'partly met')) AS with_a_verdict
FROM scorecard WHERE period IN ('2020', '2020H1');
ROLLBACK;

\c contrib_regression
DROP DATABASE u16_monitor_time;
DROP ROLE regress_time_zeist, regress_time_utrecht, regress_time_vianen, regress_time_vhl;
