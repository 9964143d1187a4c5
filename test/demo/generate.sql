-- test/demo/generate.sql — deterministic demo data for the U16 monitor.
--
--   psql -v seed=1 -v scale=1 -f test/demo/generate.sql      (as a superuser)
--
-- Fills u16's real tables (population, national figures, quotas, opening
-- balances, persons, residence, couplings, housing, assessments, pathway
-- joins, civic integration, exams, language, status snapshots, municipal
-- employment, volunteers, flexible housing, milestones, assessment notes)
-- with pseudonymous, synthetic people for 2017-2019.  Nothing here is real
-- data about people.  The data have what source registers deliver: persons
-- who move between municipalities of their region (dated residence), the
-- merger of Vianen into Vijfheerenlanden on 2019-01-01 (Vianen's residents
-- recoded to GM1961, Vianen's code still on some couplings and housings of
-- early 2019), and status snapshots missing for December.
--
--   seed    any bigint (default 1).  The same seed gives the same data: every
--           random draw is a hash of (seed, purpose, id) — hashint8extended —
--           so row order, plans and parallel workers cannot change anything.
--   scale   1 (default): the U16 demo, realistic in proportion (a few
--           thousand persons).  N = 2..999: the U16 as at scale 1 plus the
--           rest of the country as 384 synthetic municipalities (GM5000 ..
--           GM5383, 24 synthetic regions R01..R24) whose quotas, and so their
--           persons, are N times the statutory ones: a benchmark dataset
--           (scale 10: ~400 municipalities, ~0.5 million persons, ~1.5
--           million status rows).  'national' = 10.
--
-- The figures are approximate: municipal populations on 1 January 2017 as
-- given in issue 7 (rounded), 2016 and 2018 derived from them; national
-- totals of the half-year quotas approximate, except 2019H1 (8,000 revised to
-- 6,000: seeded by the extension).  Rows inserted here carry
-- the source 'demo (approximate)' where a table has a source column.
--
-- Refuses to run unless the monitor's input tables are empty, so it never
-- mixes synthetic people into real data.  Set-based SQL only, one transaction.

\set ON_ERROR_STOP 1
\if :{?seed}
\else
\set seed 1
\endif
\if :{?scale}
\else
\set scale 1
\endif
SET client_min_messages = warning;
SET search_path = u16, public;

SELECT :'seed'::bigint AS demo_seed,
       CASE WHEN lower(:'scale') = 'national' THEN 10
            WHEN :'scale' ~ '^\s*[1-9][0-9]{0,2}\s*$' THEN :'scale'::text::integer
            ELSE ('scale must be a whole number 1..999 or ''national'', got ' || :'scale')::text::integer END AS demo_scale
\gset

BEGIN;

DO $$
DECLARE
    t text;
    n bigint;
BEGIN
    FOREACH t IN ARRAY ARRAY['person', 'population', 'national_population', 'quota', 'quota_correction',
                             'opening_balance', 'volunteer_count', 'flexible_housing_project', 'milestone']
    LOOP
        EXECUTE format('SELECT count(*) FROM u16.%I', t) INTO n;
        IF n > 0 THEN
            RAISE EXCEPTION 'the demo generator fills an empty monitor only: u16.% already has % rows', t, n
                USING HINT = 'Run it on a new database (createdb; CREATE EXTENSION u16).';
        END IF;
    END LOOP;
END
$$;

-- r(stream, id): a uniform draw in [0, 1) for the purpose `stream` and the
-- object `id`, from the seed.  Pure function of its arguments.
SELECT format($f$CREATE FUNCTION pg_temp.r(stream integer, id bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS 'SELECT (pg_catalog.hashint8extended(id, %s::bigint * 1000 + stream) & 2147483647)::double precision / 2147483648'$f$,
    :demo_seed) \gexec

-- Municipalities -------------------------------------------------------------------

CREATE TEMP TABLE demo_municipality (
    idx integer PRIMARY KEY,
    code text UNIQUE NOT NULL,
    region text NOT NULL,
    pop2017 bigint,          -- inhabitants on 2017-01-01 (approximate)
    synthetic boolean NOT NULL
);

-- The U16 of 2017-2019 with approximate populations on 1 January 2017.
-- Vijfheerenlanden (2019-) gets its figure for 2018-01-01 below.
INSERT INTO demo_municipality (idx, code, region, pop2017, synthetic)
SELECT row_number() OVER (ORDER BY code), code, 'U16', pop, false
FROM (VALUES ('GM0344', 343000), ('GM1904', 64000), ('GM0355', 63000), ('GM0356', 62000),
             ('GM0632', 51000), ('GM1581', 49000), ('GM0321', 49000), ('GM0736', 43000),
             ('GM0310', 42000), ('GM0353', 34000), ('GM0352', 23000), ('GM0620', 20000),
             ('GM0312', 15000), ('GM0331', 14000), ('GM0335', 14000), ('GM0589', 10000),
             ('GM1961', NULL)) AS m(code, pop);

-- Scale > 1: the rest of the country, 384 synthetic municipalities in 24
-- regions, about 16.2 million inhabitants together.
INSERT INTO demo_municipality (idx, code, region, pop2017, synthetic)
SELECT 100 + i, 'GM' || (5000 + i), 'R' || lpad((i / 16 + 1)::text, 2, '0'),
       CASE WHEN i < 4 THEN 250000 + round(pg_temp.r(1, i) * 600000)
            ELSE 6000 + round(pg_temp.r(1, i) ^ 1.6 * 90000) END,
       true
FROM generate_series(0, 383) AS i
WHERE :demo_scale > 1;

INSERT INTO u16.municipality (code, name, province, valid_from, valid_to)
SELECT code, 'Synthetic municipality ' || substr(code, 3), 'Synthetic (demo)', NULL, NULL
FROM demo_municipality WHERE synthetic;
INSERT INTO u16.region (code, name)
SELECT DISTINCT region, 'Synthetic region ' || substr(region, 2) || ' (demo)'
FROM demo_municipality WHERE synthetic;
INSERT INTO u16.region_member (region, municipality_code, valid_from)
SELECT region, code, DATE '2017-01-01' FROM demo_municipality WHERE synthetic;

-- Reception locations outside the U16 (COA), for couplings from elsewhere,
-- in municipalities that are not U16 members; and one in each synthetic region.
INSERT INTO u16.municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM0307', 'Amersfoort', 'Utrecht', NULL, NULL),
    ('GM0202', 'Arnhem', 'Gelderland', NULL, NULL),
    ('GM0034', 'Almere', 'Flevoland', NULL, NULL),
    ('GM1706', 'Cranendonck', 'Noord-Brabant', NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO u16.reception_location (code, name, municipality_code, places) VALUES
    ('COA-DEMO-AMERSFOORT', 'COA Amersfoort (demo)', 'GM0307', NULL),
    ('COA-DEMO-ARNHEM', 'COA Arnhem (demo)', 'GM0202', NULL),
    ('COA-DEMO-ALMERE', 'COA Almere (demo)', 'GM0034', NULL),
    ('COA-DEMO-BUDEL', 'COA Budel (demo)', 'GM1706', NULL);
INSERT INTO u16.reception_location (code, name, municipality_code, places)
SELECT 'COA-SYN-' || region, 'COA synthetic region ' || substr(region, 2) || ' (demo)', min(code), NULL
FROM demo_municipality WHERE synthetic GROUP BY region;

-- Population and national figures ----------------------------------------------------

INSERT INTO u16.national_population (reference_date, inhabitants, source) VALUES
    ('2016-01-01', 16980000, 'demo (approximate)'),
    ('2017-01-01', 17080000, 'demo (approximate)'),
    ('2018-01-01', 17180000, 'demo (approximate)');

-- Quotas of 2017 use 2016-01-01, of 2018 use 2017-01-01, of 2019 use 2018-01-01.
INSERT INTO u16.population (municipality_code, reference_date, inhabitants, source)
SELECT m.code, d.ref, round(m.pop2017 * d.f), 'demo (approximate)'
FROM demo_municipality m
CROSS JOIN LATERAL (VALUES (DATE '2016-01-01', 0.985 + 0.01 * pg_temp.r(2, m.idx)),
                           (DATE '2017-01-01', 1.0),
                           (DATE '2018-01-01', 1.003 + 0.012 * pg_temp.r(3, m.idx))) AS d(ref, f)
WHERE m.pop2017 IS NOT NULL
  AND NOT (m.code = 'GM0620' AND d.ref = DATE '2018-01-01');
-- Vijfheerenlanden (Vianen + Leerdam + Zederik) on 2018-01-01, as the province would set it.
INSERT INTO u16.population (municipality_code, reference_date, inhabitants, source)
VALUES ('GM1961', '2018-01-01', 55000, 'demo (approximate): Vianen + Leerdam + Zederik');

-- National totals per half-year (approximate; 2019H1 is seeded: 8,000 -> 6,000).
INSERT INTO u16.national_quota (period, version, total, published_on, source) VALUES
    ('2017H1', 1, 14000, NULL, 'demo (approximate)'),
    ('2017H2', 1, 11000, NULL, 'demo (approximate)'),
    ('2018H1', 1, 8000, NULL, 'demo (approximate)'),
    ('2018H2', 1, 7000, NULL, 'demo (approximate)'),
    ('2019H2', 1, 7000, NULL, 'demo (approximate)');

-- Municipal quotas: art. 29 for every region member, from the latest national total.
SELECT u16.set_statutory_quotas(h::u16.period, g.region)
FROM unnest(ARRAY['2017H1', '2017H2', '2018H1', '2018H2', '2019H1', '2019H2']) AS h,
     (SELECT DISTINCT region FROM demo_municipality) AS g
\g /dev/null
-- Synthetic municipalities (scale > 1) have scale times their statutory quota.
UPDATE u16.quota q SET quota = q.quota * :demo_scale,
                       source = format('synthetic (demo): statutory quota x %s', :demo_scale)
FROM demo_municipality m WHERE m.code = q.municipality_code AND m.synthetic;

-- Opening balances carried into 2017H1: mostly deficits from the busy years before.
INSERT INTO u16.opening_balance (municipality_code, period, balance)
SELECT q.municipality_code, q.period, round(q.quota * (-0.15 + 0.55 * pg_temp.r(4, m.idx)))
FROM u16.quota q JOIN demo_municipality m ON m.code = q.municipality_code
WHERE q.period = '2017H1';

-- Vijfheerenlanden (2019-): the monitor carries Vianen's closing balance into
-- 2019H1 itself; Leerdam and Zederik, never U16 members and not in the data,
-- bring theirs as Vijfheerenlanden's opening balance of 2019H1 (their part of
-- the quota, about 35,000 of its 55,000 inhabitants; mostly a deficit).
INSERT INTO u16.opening_balance (municipality_code, period, balance)
SELECT q.municipality_code, q.period, round(q.quota * 35.0 / 55.0 * (-0.15 + 0.55 * pg_temp.r(4, m.idx)))
FROM u16.quota q JOIN demo_municipality m ON m.code = q.municipality_code
WHERE q.municipality_code = 'GM1961' AND q.period = '2019H1';

-- Registration corrections (published balances differ by a few persons).
INSERT INTO u16.quota_correction (municipality_code, period, correction, reason) VALUES
    ('GM0344', '2018H1', 2, 'registration correction (demo)'),
    ('GM0356', '2017H2', -1, 'registration correction (demo)');

-- Couplings and households ------------------------------------------------------------
--
-- Per municipality and half-year, the municipality houses about perf x quota
-- persons (perf 0.80 .. 1.15: some municipalities house fewer than their
-- quota and build deficits) in households of 1-6 persons, on days spread
-- over the half-year.  COA coupled them some weeks earlier (the
-- municipality's own mean delay, 5-20 weeks).  Couplings before 2017 lie
-- outside the data (those persons are housed in 2017 without a coupling row);
-- households housed in 2020H1 give the couplings of late 2019 that are not
-- housed yet.  In some households the family joins later (nareizigers):
-- housed into the same dwelling later, never coupled.  About two thirds of
-- U16 couplings in 2018 come from the two U16 reception locations.

CREATE TEMP TABLE demo_household AS
WITH quotas AS (
    SELECT municipality_code, period, quota FROM u16.quota WHERE period BETWEEN '2017H1' AND '2019H2'
    UNION ALL
    SELECT municipality_code, period + 1, quota FROM u16.quota WHERE period = '2019H2'
), slots AS (
    SELECT q.municipality_code AS muni, m.idx AS midx, m.synthetic, m.region, q.period AS half,
           m.idx * 16 + (q.period - '2017H1'::u16.period) AS mh,
           greatest(0, round(q.quota * (0.80 + 0.35 * pg_temp.r(5, m.idx)) * (0.9 + 0.2 *
                pg_temp.r(6, m.idx * 16 + (q.period - '2017H1'::u16.period)))))::integer AS wanted
    FROM quotas q JOIN demo_municipality m ON m.code = q.municipality_code
), sized AS (
    SELECT s.*, k, (s.mh::bigint * 1000000 + k) AS hh,
           CASE WHEN u < 0.50 THEN 1 WHEN u < 0.62 THEN 2 WHEN u < 0.74 THEN 3
                WHEN u < 0.86 THEN 4 WHEN u < 0.95 THEN 5 ELSE 6 END AS size
    FROM slots s
    CROSS JOIN LATERAL generate_series(1, s.wanted) AS k
    CROSS JOIN LATERAL (SELECT pg_temp.r(7, s.mh::bigint * 1000000 + k) AS u) AS d
), counted AS (
    SELECT z.*, sum(z.size) OVER (PARTITION BY z.mh ORDER BY z.k) AS upto FROM sized z
), dated AS (
    SELECT c.*,
           u16.period_start(c.half) + floor(pg_temp.r(9, c.hh) * (u16.period_end(c.half) - u16.period_start(c.half) + 1))::integer
               AS housed_on,
           round((5 + 15 * pg_temp.r(10, c.midx)) * 7 * (0.4 + 1.2 * pg_temp.r(11, c.hh)))::integer AS delay_days
    FROM counted c
    WHERE c.upto - c.size < c.wanted
)
SELECT d.hh, d.muni, d.midx, d.synthetic, d.region, d.half, d.size,
       d.size > 1 AND pg_temp.r(8, d.hh) < 0.35 AS family_later,
       d.housed_on - d.delay_days AS coupled_on,
       d.housed_on
FROM dated d;

CREATE TEMP TABLE demo_person AS
WITH members AS (
    SELECT h.*, j,
           (h.hh * 8 + j) AS pk,
           j = 0 OR (j = 1 AND pg_temp.r(12, h.hh) < 0.7) AS adult,
           j > 0 AND h.family_later AS later
    FROM demo_household h CROSS JOIN LATERAL generate_series(0, h.size - 1) AS j
), dated AS (
    SELECT mb.hh, mb.muni, mb.midx, mb.synthetic, mb.region, mb.half, mb.size, mb.j, mb.pk, mb.adult, mb.later,
           mb.coupled_on,
           CASE WHEN mb.later THEN mb.housed_on + 42 + floor(pg_temp.r(13, mb.hh) * 240)::integer
                ELSE mb.housed_on END AS housed_on,
           extract(year FROM mb.coupled_on)::integer
             - CASE WHEN mb.adult THEN 19 + floor(pg_temp.r(14, mb.pk) * 37)::integer
                    ELSE 1 + floor(pg_temp.r(14, mb.pk) * 17)::integer END AS birth_year
    FROM members mb
)
SELECT d.pk, 'P' || lpad((row_number() OVER (ORDER BY d.pk))::text, 7, '0') AS person_id,
       d.hh, d.midx, d.synthetic, d.half, d.j, d.adult, d.later,
       -- Couplings to Vijfheerenlanden's seat before 2019 went to Vianen; COA's
       -- register still used Vianen's code for some couplings of early 2019.
       CASE WHEN d.muni = 'GM1961' AND (d.coupled_on < DATE '2019-01-01'
                                        OR (d.coupled_on < DATE '2019-03-01' AND pg_temp.r(66, d.hh) < 0.4))
            THEN 'GM0620' ELSE d.muni END AS coupling_muni,
       -- Couplings before 2017 are outside the data; family members joining later are not coupled.
       CASE WHEN NOT d.later AND d.coupled_on >= DATE '2017-01-01' THEN d.coupled_on END AS coupled_on,
       CASE WHEN NOT d.later THEN d.coupled_on END AS really_coupled_on,
       CASE WHEN d.later THEN NULL
            WHEN pg_temp.r(15, d.hh) < CASE extract(year FROM d.coupled_on)
                                           WHEN 2017 THEN 0.55 WHEN 2018 THEN 0.66 ELSE 0.72 END
                THEN CASE WHEN d.synthetic THEN 'COA-SYN-' || d.region
                          WHEN pg_temp.r(16, d.hh) < 0.53 THEN 'AZC-UTRECHT-HAYDNLAAN' ELSE 'AZC-LEERSUM-HOOGSTRAAT' END
            ELSE (ARRAY['COA-DEMO-AMERSFOORT', 'COA-DEMO-ARNHEM', 'COA-DEMO-ALMERE', 'COA-DEMO-BUDEL'])
                 [1 + floor(pg_temp.r(17, d.hh) * 4)::integer] END AS reception_location,
       CASE WHEN d.housed_on <= DATE '2019-12-31' THEN d.housed_on END AS housed_on,
       hm.housing_muni,
       -- The code the housing is registered under: some housings of early 2019
       -- in Vijfheerenlanden still under Vianen's (registers lag; the monitor
       -- counts them for Vijfheerenlanden).
       CASE WHEN hm.housing_muni = 'GM1961' AND d.housed_on < DATE '2019-03-01' AND pg_temp.r(67, d.hh) < 0.5
            THEN 'GM0620' ELSE hm.housing_muni END AS housing_code,
       d.birth_year,
       CASE WHEN d.j = 0 THEN CASE WHEN pg_temp.r(18, d.pk) < 0.7 THEN 'M' ELSE 'F' END
            WHEN d.j = 1 AND d.adult THEN CASE WHEN pg_temp.r(18, d.hh * 8) < 0.7 THEN 'F' ELSE 'M' END
            ELSE CASE WHEN pg_temp.r(18, d.pk) < 0.5 THEN 'M' ELSE 'F' END END AS sex,
       CASE WHEN d.later THEN d.housed_on - 14 - floor(pg_temp.r(19, d.pk) * 60)::integer
            ELSE d.coupled_on - 7 - floor(pg_temp.r(19, d.hh) * 80)::integer END AS permit_date,
       CASE WHEN d.size = 1 AND pg_temp.r(20, d.hh) < 0.45 THEN 'shared'
            WHEN pg_temp.r(20, d.hh) < 0.03 THEN 'other'
            WHEN pg_temp.r(21, d.hh) < 0.04 + 0.05 * (extract(year FROM d.housed_on) - 2017) THEN 'flexible'
            ELSE 'regular' END AS dwelling_type
FROM dated d
-- Family members joining a household of Vianen after the merger are housed in Vijfheerenlanden.
CROSS JOIN LATERAL (SELECT CASE WHEN d.muni = 'GM0620' AND d.housed_on >= DATE '2019-01-01' THEN 'GM1961'
                                ELSE d.muni END AS housing_muni) hm
-- Persons neither coupled nor housed within 2017-2019 are not in the data.
WHERE (NOT d.later AND d.coupled_on <= DATE '2019-12-31' AND d.housed_on >= DATE '2017-01-01')
   OR (d.later AND d.housed_on BETWEEN DATE '2017-01-01' AND DATE '2019-12-31');
ALTER TABLE demo_person ADD PRIMARY KEY (pk);

-- Moves: about 7 % of the housed households move, all together, to another
-- member of their region (uniformly chosen), three months to three years
-- after the last of them was housed; moves after 2019 are outside the data.
-- Vianen and, from 2019, Vijfheerenlanden are one slot of the U16.
CREATE TEMP TABLE demo_slot AS
SELECT region, code, (row_number() OVER (PARTITION BY region ORDER BY code) - 1)::integer AS slot,
       (count(*) OVER (PARTITION BY region))::integer AS slots
FROM demo_municipality WHERE code <> 'GM1961';
-- Statistics for the joins below (temporary tables are never analysed by
-- autovacuum; without them the join of moves to slots is planned badly).
ANALYZE demo_household, demo_person, demo_slot;

CREATE TEMP TABLE demo_move AS
SELECT h.hh, h.move_on,
       CASE WHEN t.code = 'GM0620' AND h.move_on >= DATE '2019-01-01' THEN 'GM1961' ELSE t.code END AS to_muni
FROM (SELECT p.hh, max(p.housed_on) + 90 + floor(pg_temp.r(68, p.hh) * 1000)::integer AS move_on
      FROM demo_person p
      WHERE p.housed_on IS NOT NULL AND pg_temp.r(69, p.hh) < 0.07
      GROUP BY p.hh) h
JOIN demo_household dh ON dh.hh = h.hh
JOIN demo_slot f ON f.code = CASE WHEN dh.muni = 'GM1961' THEN 'GM0620' ELSE dh.muni END
CROSS JOIN LATERAL (SELECT floor(pg_temp.r(70, h.hh) * (f.slots - 1))::integer AS k) k
JOIN demo_slot t ON t.region = f.region AND t.slot = k.k + (k.k >= f.slot)::integer
WHERE h.move_on <= DATE '2019-12-31';
ALTER TABLE demo_move ADD PRIMARY KEY (hh);

-- The person's current municipality, as the registers deliver it after the
-- merger: where they live now (Vianen's residents recoded to Vijfheerenlanden),
-- or, not housed yet, the municipality they are coupled to.
INSERT INTO u16.person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
SELECT p.person_id,
       CASE WHEN c.code = 'GM0620' THEN 'GM1961' ELSE c.code END,
       p.birth_year, p.sex, p.permit_date, p.later
FROM demo_person p
LEFT JOIN demo_move mv ON mv.hh = p.hh AND p.housed_on IS NOT NULL
CROSS JOIN LATERAL (SELECT CASE WHEN p.housed_on IS NULL THEN p.coupling_muni
                                ELSE coalesce(mv.to_muni, p.housing_muni) END AS code) c
ORDER BY p.pk;

INSERT INTO u16.coupling (person_id, municipality_code, coupled_on, reception_location_code)
SELECT person_id, coupling_muni, coupled_on, reception_location
FROM demo_person WHERE coupled_on IS NOT NULL ORDER BY pk;

INSERT INTO u16.housing (person_id, municipality_code, housed_on, dwelling_type)
SELECT person_id, housing_code, housed_on, dwelling_type
FROM demo_person WHERE housed_on IS NOT NULL ORDER BY pk;

-- Residence, as the population register delivers changes of it: a person
-- whose municipality changed (a mover, or a resident of Vianen on the day of
-- the merger) lived in the municipality housed in from the day of housing, a
-- mover in the new one from the day of the move (the old one until the day
-- before), and Vianen's residents in Vijfheerenlanden from 2019-01-01 (Vianen
-- until 2018-12-31).  Everyone else has no residence rows and so counts in
-- person.municipality_code on every date (which also keeps the benchmark
-- dataset's size and speed: residence's exclusion constraint makes a row for
-- every person cost a minute at scale 10).
INSERT INTO u16.residence (person_id, municipality_code, valid_from, valid_to)
SELECT s.person_id,
       CASE WHEN v.part = 2 THEN 'GM1961' ELSE s.muni END,
       CASE WHEN v.part = 2 THEN DATE '2019-01-01' ELSE s.valid_from END,
       CASE WHEN v.part = 1 AND s.muni = 'GM0620' THEN least(s.valid_to, DATE '2018-12-31') ELSE s.valid_to END
FROM (SELECT p.pk, p.person_id, p.housing_muni AS muni, p.housed_on AS valid_from, mv.move_on - 1 AS valid_to
      FROM demo_person p LEFT JOIN demo_move mv ON mv.hh = p.hh
      WHERE p.housed_on IS NOT NULL AND (mv.hh IS NOT NULL OR p.housing_muni = 'GM0620')
      UNION ALL
      SELECT p.pk, p.person_id, mv.to_muni, mv.move_on, NULL
      FROM demo_person p JOIN demo_move mv ON mv.hh = p.hh
      WHERE p.housed_on IS NOT NULL) s
CROSS JOIN (VALUES (1), (2)) AS v(part)
WHERE v.part = 1 OR (s.muni = 'GM0620' AND coalesce(s.valid_to, DATE 'infinity') >= DATE '2019-01-01')
ORDER BY s.pk, 3;

-- NOA assessments, in the reception location before the coupling; more
-- often from the U16 locations and in later years; a few only after housing.
INSERT INTO u16.assessment (person_id, kind, assessed_on)
SELECT p.person_id, 'noa',
       CASE WHEN pg_temp.r(23, p.pk) < 0.08 THEN p.housed_on + 14 + floor(pg_temp.r(24, p.pk) * 46)::integer
            ELSE p.really_coupled_on - 7 - floor(pg_temp.r(24, p.pk) * 50)::integer END
FROM demo_person p
WHERE p.adult AND p.really_coupled_on IS NOT NULL
  AND pg_temp.r(22, p.pk) < CASE extract(year FROM p.really_coupled_on) WHEN 2016 THEN 0.45 WHEN 2017 THEN 0.50
                                                                        WHEN 2018 THEN 0.64 ELSE 0.72 END
                            + CASE WHEN p.reception_location NOT LIKE 'COA-DEMO-%' THEN 0.12 ELSE -0.12 END
  AND NOT (pg_temp.r(23, p.pk) < 0.08 AND (p.housed_on IS NULL OR p.housed_on > DATE '2019-11-15'))
ORDER BY p.pk;

-- Pathway joins: a plan some weeks after the coupling; more often each year.
INSERT INTO u16.pathway_join (person_id, joined_on)
SELECT p.person_id, p.coupled_on + 7 + floor(pg_temp.r(26, p.pk) * 84)::integer
FROM demo_person p
WHERE p.coupled_on IS NOT NULL
  AND pg_temp.r(25, p.hh) < CASE extract(year FROM p.coupled_on) WHEN 2017 THEN 0.50 WHEN 2018 THEN 0.64 ELSE 0.72 END
                            * (0.85 + 0.3 * pg_temp.r(27, p.midx))
  AND p.coupled_on + 7 + floor(pg_temp.r(26, p.pk) * 84)::integer <= DATE '2019-12-31'
ORDER BY p.pk;

-- Civic integration (2013 law) of housed adults up to 66: obligation from
-- the permit date, three years to comply, a track some weeks after housing,
-- the exam passed one to three years into the track.
CREATE TEMP TABLE demo_integration AS
SELECT p.pk, p.person_id, p.permit_date, p.housed_on,
       CASE WHEN e < 0.04 THEN 'exempt' WHEN e < 0.07 THEN 'dispensation' END AS exemption,
       CASE WHEN e >= 0.07 AND pg_temp.r(29, p.pk) < 0.9
                 AND p.housed_on + 21 + floor(pg_temp.r(30, p.pk) * 120)::integer <= DATE '2019-12-31'
            THEN p.housed_on + 21 + floor(pg_temp.r(30, p.pk) * 120)::integer END AS track_started_on
FROM demo_person p
CROSS JOIN LATERAL (SELECT pg_temp.r(28, p.pk) AS e) AS x
WHERE p.adult AND p.housed_on IS NOT NULL AND extract(year FROM p.permit_date) - p.birth_year <= 66;
ALTER TABLE demo_integration ADD COLUMN passed_on date;
UPDATE demo_integration
   SET passed_on = track_started_on + 300 + floor(pg_temp.r(32, pk) * 700)::integer
 WHERE track_started_on IS NOT NULL AND pg_temp.r(31, pk) < 0.85
   AND track_started_on + 300 + floor(pg_temp.r(32, pk) * 700)::integer <= DATE '2019-12-31';

INSERT INTO u16.civic_integration (person_id, law_regime, obligation_start, deadline, track_started_on, route,
                                   exemption, passed_on)
SELECT person_id, '2013', permit_date, (permit_date + interval '3 years')::date, track_started_on, NULL,
       exemption, passed_on
FROM demo_integration ORDER BY pk;

-- Exam components: all five passed at A2 by the date the obligation was met;
-- some who have not passed failed speaking once.
INSERT INTO u16.exam_result (person_id, component, taken_on, passed, level)
SELECT i.person_id, c.component,
       CASE WHEN c.component = 'knm' THEN i.passed_on
            ELSE i.passed_on - 7 - floor(pg_temp.r(33 + c.n, i.pk) * 150)::integer END,
       true, CASE WHEN c.component = 'knm' THEN NULL ELSE 'A2'::u16.cefr_level END
FROM demo_integration i
CROSS JOIN (VALUES (1, 'reading'), (2, 'listening'), (3, 'writing'), (4, 'speaking'), (5, 'knm')) AS c(n, component)
WHERE i.passed_on IS NOT NULL
UNION ALL
SELECT i.person_id, 'speaking', i.track_started_on + 365 + floor(pg_temp.r(39, i.pk) * 60)::integer, false, 'A2'
FROM demo_integration i
WHERE i.passed_on IS NULL AND i.track_started_on IS NOT NULL AND pg_temp.r(38, i.pk) < 0.5
  AND i.track_started_on + 365 + floor(pg_temp.r(39, i.pk) * 60)::integer <= DATE '2019-12-31';

-- Language level at the end of a completed course; a little higher each year.
INSERT INTO u16.language_measurement (person_id, measured_on, level, course_completed)
SELECT person_id, measured_on,
       (CASE WHEN u < 0.12 THEN 'A1' WHEN u < 0.55 THEN 'A2' WHEN u < 0.90 THEN 'B1' ELSE 'B2' END)::u16.cefr_level,
       true
FROM (SELECT i.pk, i.person_id, i.track_started_on + 240 + floor(pg_temp.r(41, i.pk) * 480)::integer AS measured_on
      FROM demo_integration i
      WHERE i.track_started_on IS NOT NULL AND pg_temp.r(40, i.pk) < 0.8) AS l
CROSS JOIN LATERAL (SELECT pg_temp.r(42, l.pk) * 0.85 + 0.07 * (extract(year FROM l.measured_on) - 2017) AS u) AS x
WHERE l.measured_on <= DATE '2019-12-31'
ORDER BY l.pk;

-- Status snapshots on 30 June and 31 December of every housed person.  Each
-- person has a fixed "employability"; the chance of paid work grows with the
-- months since housing, so paid work rises and welfare falls over time.  For
-- about 3 % of the persons a year the December data are missing: their last
-- snapshot of the year is June's, too old for the year's status (setting
-- snapshot_max_age_days), so they are unknown that year.
INSERT INTO u16.status_snapshot (person_id, reference_date, education_eligible, in_education, paid_work, welfare,
                                 alternative_work, language_activity, social_activity)
SELECT s.person_id, s.d,
       s.eligible,
       s.eligible AND pg_temp.r(45, s.pk) < CASE WHEN s.age < 18 THEN 0.93
                                                 ELSE least(0.85, 0.35 + 0.05 * s.yr + 0.01 * s.months) END,
       CASE WHEN s.unknown THEN NULL ELSE s.adult AND s.work END,
       CASE WHEN s.unknown THEN NULL WHEN NOT s.adult OR s.age > 65 THEN false
            WHEN s.work THEN pg_temp.r(46, s.pk * 8 + s.di) < 0.2
            ELSE pg_temp.r(47, s.pk) > 0.04 + 0.005 * s.months END,
       s.adult AND NOT s.work AND pg_temp.r(48, s.pk * 8 + s.di) < least(0.2, 0.06 + 0.004 * s.months),
       CASE WHEN s.adult THEN pg_temp.r(49, s.pk) < 0.55 + 0.07 * s.yr END,
       CASE WHEN s.adult THEN pg_temp.r(50, s.pk) < least(0.6, 0.30 + 0.06 * s.yr + 0.004 * s.months) END
FROM (
    SELECT p.pk, p.person_id, d.d, d.di, extract(year FROM d.d)::integer - 2017 AS yr,
           (d.d - p.housed_on) / 30.4 AS months,
           extract(year FROM d.d)::integer - p.birth_year AS age,
           extract(year FROM d.d)::integer - p.birth_year >= 18 AS adult,
           CASE WHEN extract(year FROM d.d)::integer - p.birth_year < 18
                THEN extract(year FROM d.d)::integer - p.birth_year >= 4
                ELSE extract(year FROM d.d)::integer - p.birth_year <= 27 AND pg_temp.r(44, p.pk) < 0.6 END AS eligible,
           pg_temp.r(43, p.pk) < least(0.5, (0.02 + 0.013 * (d.d - p.housed_on) / 30.4
                                             + 0.02 * (extract(year FROM d.d) - 2017))
                                            * (0.8 + 0.4 * pg_temp.r(51, p.midx))) AS work,
           pg_temp.r(52, p.pk * 8 + d.di) < 0.03 AS unknown
    FROM demo_person p
    JOIN (VALUES (DATE '2017-06-30', 1), ('2017-12-31', 2), ('2018-06-30', 3), ('2018-12-31', 4),
                 ('2019-06-30', 5), ('2019-12-31', 6)) AS d(d, di)
      ON p.housed_on <= d.d
     AND NOT (d.di % 2 = 0 AND pg_temp.r(71, p.pk * 8 + d.di) < 0.03)
) AS s
ORDER BY s.pk, s.d;

-- Municipal organisations employing permit holders (T2.8): most U16
-- municipalities hire one to three from 2018 on, Utrecht more, some none.
INSERT INTO u16.municipal_employment (person_id, municipality_code, started_on, ended_on)
SELECT e.person_id,
       CASE WHEN e.municipality_code = 'GM0620' AND e.started_on >= DATE '2019-01-01' THEN 'GM1961'
            ELSE e.municipality_code END,
       e.started_on,
       CASE WHEN pg_temp.r(57, e.pk) < 0.15 THEN e.started_on + 180 + floor(pg_temp.r(58, e.pk) * 200)::integer END
FROM (
    SELECT p.pk, p.person_id, p.housing_muni AS municipality_code,
           greatest(p.housed_on + 120, DATE '2018-01-08' + floor(pg_temp.r(55, p.pk) * 540)::integer) AS started_on,
           row_number() OVER (PARTITION BY p.housing_muni ORDER BY pg_temp.r(54, p.pk), p.pk) AS nth,
           CASE WHEN m.code = 'GM0344' THEN 6
                WHEN pg_temp.r(53, m.idx) < 0.25 THEN 0
                ELSE 1 + floor(pg_temp.r(56, m.idx) * 3)::integer END AS wanted
    FROM demo_person p JOIN demo_municipality m ON m.code = p.housing_muni
    WHERE p.adult AND p.housed_on <= DATE '2018-06-30'
) AS e
WHERE e.nth <= e.wanted AND e.started_on <= DATE '2019-12-31'
ORDER BY e.pk;

-- Volunteers guiding permit holders, counted at the end of each year: about
-- one per thousand inhabitants.
INSERT INTO u16.volunteer_count (municipality_code, reference_date, volunteers)
SELECT m.code, y.d, round(coalesce(m.pop2017, 55000) / 1000.0 * (0.5 + 0.9 * pg_temp.r(59, m.idx * 8 + y.i)))
FROM demo_municipality m
CROSS JOIN (VALUES (DATE '2017-12-31', 1), ('2018-12-31', 2), ('2019-12-31', 3)) AS y(d, i)
WHERE (m.code <> 'GM0620' OR y.d < DATE '2019-01-01') AND (m.code <> 'GM1961' OR y.d >= DATE '2019-01-01');

-- Flexible housing projects: in about half of the municipalities, started in
-- 2017-2018, delivered eight to sixteen months later.
INSERT INTO u16.flexible_housing_project (project_id, municipality_code, name, dwellings, development_started_on, delivered_on)
SELECT f.project_id, f.code, f.name, f.dwellings, f.started,
       CASE WHEN f.started + f.build <= DATE '2019-12-31' THEN f.started + f.build END
FROM (
    SELECT 'FLEX-' || m.code || '-' || k AS project_id, m.code,
           'Flexible dwellings ' || k || ' (demo)' AS name,
           (8 + floor(pg_temp.r(61, m.idx * 8 + k) * 52))::integer AS dwellings,
           DATE '2017-02-01' + floor(pg_temp.r(62, m.idx * 8 + k) * 640)::integer AS started,
           240 + floor(pg_temp.r(63, m.idx * 8 + k) * 240)::integer AS build
    FROM demo_municipality m
    CROSS JOIN generate_series(1, 2) AS k
    WHERE m.code <> 'GM0620' AND pg_temp.r(60, m.idx * 8 + k) < CASE k WHEN 1 THEN 0.5 ELSE 0.15 END
) AS f
ORDER BY f.project_id;

-- Milestones: the pathway started (T1.4) per U16 municipality of 2018, most
-- before 1 June 2018, a few later, one not yet; the region's decision on play
-- therapy (T2.15) in February 2018.
INSERT INTO u16.milestone (indicator_code, area_code, achieved_on, note)
SELECT 'T1.4', m.code, DATE '2017-10-02' + floor(pg_temp.r(64, m.idx) * 330)::integer, 'demo'
FROM demo_municipality m
WHERE m.region = 'U16' AND m.code <> 'GM1961' AND pg_temp.r(65, m.idx) >= 0.06;
INSERT INTO u16.milestone (indicator_code, area_code, achieved_on, note)
VALUES ('T2.15', 'U16', '2018-02-20', 'demo: decision of the U16 on play therapy');

-- Assessments of the results without numbers (T2.10, T2.11, T2.16, T3.2) for
-- the region in 2018, and one municipality's own; invented for the demo.
INSERT INTO u16.assessment_note (indicator_code, area_code, period, status, summary, evidence_url, assessed_on, assessed_by)
VALUES
    ('T2.10', 'U16', '2018', 'partly met',
     'Information pack at every intake; interpreters at information meetings not yet everywhere.',
     'https://example.org/u16/monitor-2018-qualitative', '2019-03-14', 'bestuurstafel Sociaal Domein U16 (demo)'),
    ('T2.11', 'U16', '2018', 'partly met',
     'Health intake by the GGD agreed with both AZCs; referrals to mental health care still wait months.',
     'https://example.org/u16/monitor-2018-qualitative', '2019-03-14', 'bestuurstafel Sociaal Domein U16 (demo)'),
    ('T2.16', 'U16', '2018', 'met',
     'Two regional expert meetings with GPs, GGD and social teams; the network now meets quarterly.',
     NULL, '2019-03-14', 'bestuurstafel Sociaal Domein U16 (demo)'),
    ('T3.2', 'U16', '2018', 'not met',
     'No regional agreement with housing corporations on matching household and dwelling size yet.',
     NULL, '2019-03-21', 'werkgroep Huisvesting U16 (demo)'),
    ('T3.2', 'GM0344', '2018', 'partly met',
     'Pilot with three corporations: fewer large families in small flats; waiting lists remain long.',
     NULL, '2019-02-28', 'gemeente Utrecht, team Huisvesting (demo)');

COMMIT;
ANALYZE;
