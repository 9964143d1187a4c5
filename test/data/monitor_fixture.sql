-- A small monitor fixture: used by sql/monitor.sql (with independent expected
-- values) and by test/t/clients.  Needs search_path = public, u16.
-- Fixture ---------------------------------------------------------------------------------
-- Persons in seven municipalities: large (Utrecht), middle (Nieuwegein), small
-- (Bunnik 14, Oudewater 5: suppressed), Vianen (a member until 2018) and
-- Vijfheerenlanden (from 2019), and Leerdam (never a member).  Pseudo-random but
-- deterministic attributes come from hashes of the person number.
INSERT INTO reception_location (code, name, municipality_code) VALUES ('AZC-ELSEWHERE', 'AZC outside the region', NULL);
CREATE TABLE fixture_person AS
SELECT m.code AS municipality_code, m.code || '-' || i AS person_id, i,
       abs(hashint4(i * 31 + m.salt)) AS h
FROM (VALUES ('GM0344', 150, 1), ('GM0356', 60, 2), ('GM0312', 14, 3), ('GM0589', 5, 4),
             ('GM0620', 30, 5), ('GM1961', 30, 6), ('GM0545', 5, 7)) m(code, persons, salt),
     generate_series(1, m.persons) i;
INSERT INTO person (person_id, municipality_code, birth_year, sex, permit_date)
SELECT person_id, municipality_code,
       CASE WHEN h % 17 = 0 THEN NULL ELSE 1950 + h % 60 END,
       CASE WHEN h % 2 = 0 THEN 'F' ELSE 'M' END,
       date '2016-06-01' + (h % 150)
FROM fixture_person;
-- One coupling each: Vianen in 2017/2018, Vijfheerenlanden in 2019, others any year.
INSERT INTO coupling (person_id, municipality_code, coupled_on, reception_location_code)
SELECT person_id, municipality_code,
       make_date(CASE municipality_code WHEN 'GM0620' THEN 2017 + h % 2 WHEN 'GM1961' THEN 2019 ELSE 2017 + h % 3 END,
                 1 + h % 12, 1 + h % 28),
       (ARRAY['AZC-UTRECHT-HAYDNLAAN', 'AZC-LEERSUM-HOOGSTRAAT', 'AZC-ELSEWHERE', NULL])[1 + (h / 7) % 4]
FROM fixture_person;
-- Housing 3 to 20 weeks after the coupling (not for every fifth person).
INSERT INTO housing (person_id, municipality_code, housed_on, dwelling_type)
SELECT c.person_id, c.municipality_code, c.coupled_on + 21 + f.h % 120, 'regular'
FROM coupling c JOIN fixture_person f USING (person_id)
WHERE f.h % 5 <> 0;
-- NOA assessments: before housing for some, after for others, none for the rest.
INSERT INTO assessment (person_id, kind, assessed_on)
SELECT c.person_id, 'noa', c.coupled_on + CASE WHEN f.h % 3 = 0 THEN 10 ELSE 400 END
FROM coupling c JOIN fixture_person f USING (person_id)
WHERE f.h % 4 <> 0;
INSERT INTO pathway_join (person_id, joined_on)
SELECT c.person_id, c.coupled_on + 30 FROM coupling c JOIN fixture_person f USING (person_id) WHERE f.h % 10 < 6;
-- Status on 31 December of each year the person has a coupling in or before.
INSERT INTO status_snapshot (person_id, reference_date, education_eligible, in_education, paid_work, welfare,
                             alternative_work, language_activity, social_activity)
SELECT f.person_id, make_date(y, 12, 31),
       f.h % 3 = 0, f.h % 3 = 0 AND (f.h + y) % 2 = 0,
       CASE WHEN (f.h + y) % 11 = 0 THEN NULL ELSE (f.h + 3 * y) % 10 < 2 + (y - 2017) * 2 END,
       (f.h + y) % 10 < 6 - (y - 2017) * 2,
       (f.h + y) % 7 = 0, (f.h + y) % 3 <> 0,
       CASE WHEN (f.h + y) % 13 = 0 THEN NULL ELSE (f.h + y) % 4 = 0 END
FROM fixture_person f JOIN coupling c USING (person_id), generate_series(2017, 2019) y
WHERE extract(year FROM c.coupled_on) <= y;
-- Language after a completed course; civic-integration obligations from the coupling year.
INSERT INTO language_measurement (person_id, measured_on, level, course_completed)
SELECT f.person_id, make_date(2017 + f.h % 3, 6, 1),
       (ARRAY['A1', 'A2', 'B1', 'B2']::cefr_level[])[1 + f.h % 4], f.h % 5 <> 1
FROM fixture_person f WHERE f.h % 2 = 0;
INSERT INTO civic_integration (person_id, law_regime, obligation_start, deadline, track_started_on, exemption, passed_on)
SELECT c.person_id, '2013', c.coupled_on, c.coupled_on + 3 * 365,
       CASE WHEN f.h % 4 <> 0 THEN c.coupled_on + 60 + f.h % 300 END,
       CASE WHEN f.h % 9 = 0 THEN 'exempt' END,
       CASE WHEN f.h % 9 <> 0 AND f.h % 3 = 0 THEN c.coupled_on + 500 END
FROM coupling c JOIN fixture_person f USING (person_id);
-- Quotas for every member half-year; an opening deficit for Utrecht; one correction.
INSERT INTO quota (municipality_code, period, quota, source)
SELECT m, h, 3 + (abs(hashtext(m || h::text)) % 8), 'fixture'
FROM unnest(ARRAY['GM0344', 'GM0356', 'GM0312', 'GM0589', 'GM0620', 'GM1961']) m,
     periods('2017H1', '2019H2') h
WHERE (m <> 'GM0620' OR h < '2019H1') AND (m <> 'GM1961' OR h >= '2019H1');
INSERT INTO opening_balance VALUES ('GM0344', '2017H1', 5);
INSERT INTO quota_correction VALUES ('GM0356', '2018H1', -2, 'registration corrected');
-- Milestones, employment, volunteers, flexible housing.
INSERT INTO milestone (indicator_code, area_code, achieved_on) VALUES
    ('T1.4', 'GM0344', '2018-03-01'), ('T1.4', 'GM0356', '2018-07-01'), ('T2.15', 'U16', '2018-02-15');
INSERT INTO municipal_employment (person_id, municipality_code, started_on, ended_on) VALUES
    ('GM0344-1', 'GM0344', '2018-02-01', NULL), ('GM0344-2', 'GM0344', '2018-05-01', '2018-12-31'),
    ('GM0356-3', 'GM0356', '2019-01-15', NULL);
INSERT INTO volunteer_count VALUES ('GM0344', '2018-06-30', 40), ('GM0344', '2018-12-31', 45), ('GM0312', '2018-12-31', 6);
INSERT INTO flexible_housing_project VALUES ('FLEX-1', 'GM0344', 'Haydnlaan flex', 80, '2017-05-01', '2018-09-01'),
    ('FLEX-2', 'GM0356', 'Galecop', 24, '2018-01-10', NULL);

