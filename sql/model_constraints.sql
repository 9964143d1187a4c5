-- Monitor model: constraints say what is wrong in words
SET search_path = public, u16;
SET datestyle = 'ISO, YMD';
\set VERBOSITY default
BEGIN;
SAVEPOINT s;

-- Municipality codes are GM + 4 digits; the domain names the rule.
INSERT INTO municipality (code, name, province) VALUES ('GM123', 'Nowhere', 'Utrecht');
ROLLBACK TO s;
SELECT 'gm0344'::municipality_code;
ROLLBACK TO s;
INSERT INTO municipality (code, name, province, valid_from, valid_to) VALUES ('GM0001', 'Backwards', 'Utrecht', '2019-01-01', '2018-01-01');
ROLLBACK TO s;
INSERT INTO region_member VALUES ('U16', 'GM0034', '2019-01-01', NULL);
ROLLBACK TO s;
INSERT INTO region_member VALUES ('U16', 'GM0344', '2021-01-01', '2020-12-31');
ROLLBACK TO s;
INSERT INTO municipality_succession VALUES ('GM0344', 'GM0344', '2019-01-01');
ROLLBACK TO s;

-- Persons: pseudonymous ids only, never a citizen service number (BSN).
INSERT INTO person (person_id, municipality_code) VALUES ('111222333', 'GM0344');
ROLLBACK TO s;
INSERT INTO person (person_id, municipality_code) VALUES ('P 1', 'GM0344');
ROLLBACK TO s;
SELECT is_bsn('111222333') AS bsn, is_bsn('111222334') AS not_eleven_proof, is_bsn('P0001') AS pseudonym;
ROLLBACK TO s;
-- is_bsn (C) against the eleven-test written out in plain SQL (u16 0.1.0's own
-- definition, with separators) on 200,000 numbers of 7 to 10 digits, with
-- leading zeros, separators and some non-digits: the same answer for every
-- text, and both answers occur.
-- The separators a person id may hold (1234.56.782) are passed over.
CREATE FUNCTION pg_temp.eleven_test(value text) RETURNS boolean LANGUAGE sql AS $$
    SELECT CASE WHEN value ~ '^[0-9_.:-]*$' AND translate(value, '_.:-', '') ~ '^[0-9]{8,9}$' THEN
        (SELECT sum(substr(lpad(translate(value, '_.:-', ''), 9, '0'), i, 1)::integer * CASE WHEN i = 9 THEN -1 ELSE 10 - i END) % 11 = 0
         FROM generate_series(1, 9) AS i)
    ELSE false END $$;
SELECT count(*) AS texts, count(*) FILTER (WHERE is_bsn(t) = pg_temp.eleven_test(t)) AS same_answer,
       count(*) FILTER (WHERE is_bsn(t)) AS bsns
FROM (SELECT CASE i % 9 WHEN 0 THEN lpad((i * 7919)::text, 8, '0')
                        WHEN 1 THEN lpad((i * 7919)::text, 9, '0')
                        WHEN 2 THEN (i::bigint * 104729)::text
                        WHEN 3 THEN (i * 31)::text
                        WHEN 4 THEN 'P' || (i * 7919)
                        WHEN 5 THEN overlay(lpad((i * 7919)::text, 9, '0') PLACING 'x' FROM 5)
                        WHEN 6 THEN regexp_replace(lpad((i * 7919)::text, 9, '0'), '^(....)(..)', '\1.\2.')
                        WHEN 7 THEN regexp_replace((i::bigint * 104729)::text, '(...)', '\1-', 'g')
                        ELSE (1000000000 + i)::text END AS t
      FROM generate_series(1, 200000) i) x;
-- The id pattern: 1 to 64 of the allowed characters, nothing else.
CREATE FUNCTION pg_temp.valid_person_id(id text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM id::u16.person_id;
    RETURN true;
EXCEPTION WHEN check_violation THEN
    RETURN false;
END $$;
SELECT count(*) FILTER (WHERE ok) AS accepted, count(*) FILTER (WHERE NOT ok) AS refused,
       string_agg(id, ' ' ORDER BY id) FILTER (WHERE ok <> expected) AS wrong
FROM (SELECT id, expected, pg_temp.valid_person_id(id) AS ok
      FROM (VALUES ('P0001', true), ('a.b:c_d-e', true), (repeat('x', 64), true), ('x', true),
                   (repeat('x', 65), false), ('', false), ('P 1', false), ('P1' || chr(10), false),
                   ('Pé', false), ('P/1', false), ('111222333', false), ('011122233', true),
                   ('1234.56.782', false), ('1234.56.783', true)) v(id, expected)) x;
-- Ids compare bytewise (collation "C"), in every person-level table and its primary key:
-- upper case before lower case, whatever the database's collation.
SELECT c.relname, co.collname
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_collation co ON co.oid = a.attcollation
WHERE a.atttypid = 'u16.person_id'::regtype AND c.relnamespace = 'u16'::regnamespace AND c.relkind IN ('r', 'i')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY c.relkind DESC, c.relname;
SELECT string_agg(id, ' ' ORDER BY id) AS ordered FROM unnest('{b, B, a, _, 0, A.1, A-1, A:1}'::u16.person_id[]) id;
INSERT INTO person (person_id, municipality_code) VALUES ('P0001', 'GM9999');
ROLLBACK TO s;
INSERT INTO person (person_id, municipality_code, birth_year, permit_date) VALUES ('P0001', 'GM0344', 2010, '2008-05-01');
ROLLBACK TO s;
INSERT INTO person (person_id, municipality_code, sex) VALUES ('P0001', 'GM0344', 'female');
ROLLBACK TO s;

INSERT INTO person VALUES
    ('P0001', 'GM0344', 1990, 'F', '2017-03-01', false),
    ('P0002', 'GM0356', 1985, 'M', NULL, true);
SAVEPOINT people;

-- Couplings: one per person per date, not before the permit, from a known location.
INSERT INTO coupling VALUES ('P0001', 'GM0344', '2017-04-01', 'AZC-UTRECHT-HAYDNLAAN');
SAVEPOINT coupled;
INSERT INTO coupling VALUES ('P0001', 'GM0344', '2017-04-01', NULL);
ROLLBACK TO people;
INSERT INTO coupling VALUES ('P0001', 'GM0344', '2017-02-01', NULL);
ROLLBACK TO people;
INSERT INTO coupling VALUES ('P0001', 'GM0344', '2017-04-01', 'AZC-NOWHERE');
ROLLBACK TO people;
INSERT INTO coupling VALUES ('P9999', 'GM0344', '2017-04-01', NULL);
ROLLBACK TO people;
-- Without a known permit date any coupling date is accepted.
INSERT INTO coupling VALUES ('P0002', 'GM0356', '2016-01-01', NULL);
ROLLBACK TO people;

-- Housing.
INSERT INTO housing VALUES ('P0001', 'GM0344', '2017-06-01', 'castle');
ROLLBACK TO people;

-- Civic integration: deadline after the start, routes only under the 2021 law,
-- passed and exempted exclude each other.
INSERT INTO civic_integration (person_id, law_regime, obligation_start, deadline) VALUES ('P0001', '2013', '2017-06-01', '2017-01-01');
ROLLBACK TO people;
INSERT INTO civic_integration (person_id, law_regime, obligation_start, route) VALUES ('P0001', '2013', '2017-06-01', 'z');
ROLLBACK TO people;
INSERT INTO civic_integration (person_id, law_regime, obligation_start, exemption, passed_on) VALUES ('P0001', '2021', '2022-01-01', 'exempt', '2023-01-01');
ROLLBACK TO people;
INSERT INTO civic_integration (person_id, law_regime, obligation_start) VALUES ('P0001', '2017', '2017-06-01');
ROLLBACK TO people;

-- Language levels are ordered CEFR levels.
INSERT INTO language_measurement VALUES ('P0001', '2018-01-01', 'A2', true), ('P0001', '2018-06-01', 'B1', true);
SELECT max(level) AS highest, bool_and(level >= 'A1') AS all_at_least_a1, 'B1'::cefr_level > 'A2' AS b1_above_a2
FROM language_measurement;
ROLLBACK TO people;
INSERT INTO language_measurement VALUES ('P0001', '2018-09-01', 'B3', true);
ROLLBACK TO people;

-- Status snapshots: enrolled means eligible.
INSERT INTO status_snapshot (person_id, reference_date, education_eligible, in_education) VALUES ('P0001', '2018-12-31', false, true);
ROLLBACK TO people;

-- Municipal employment, projects: dates in order.
INSERT INTO municipal_employment VALUES ('P0001', 'GM0344', '2018-05-01', '2018-04-30');
ROLLBACK TO people;
INSERT INTO flexible_housing_project VALUES ('FLEX-1', 'GM0344', 'Tiny houses', 20, '2018-06-01', '2018-01-01');
ROLLBACK TO people;
INSERT INTO flexible_housing_project VALUES ('FLEX-1', 'GM0344', 'Tiny houses', 0, NULL, NULL);
ROLLBACK TO people;
INSERT INTO volunteer_count VALUES ('GM0344', '2018-12-31', -3);
ROLLBACK TO people;

-- Milestones are for a municipality or a region.
INSERT INTO milestone VALUES ('T1.4', 'GM0344', '2018-05-15', NULL), ('T2.15', 'U16', '2018-02-20', 'decision');
ROLLBACK TO people;
INSERT INTO milestone VALUES ('T1.4', 'Utrecht', '2018-05-15', NULL);
ROLLBACK TO people;

-- Quotas are per half-year and not negative.
INSERT INTO quota VALUES ('GM0344', '2018', 100, 'year');
ROLLBACK TO people;
INSERT INTO quota VALUES ('GM0344', '2018H1', -1, 'negative');
ROLLBACK TO people;
INSERT INTO quota_correction VALUES ('GM0344', '2018H1', 3, '');
ROLLBACK TO people;
INSERT INTO national_quota VALUES ('2019H2', 1, -7000);
ROLLBACK TO people;

-- Referenced rows cannot disappear.
DELETE FROM municipality WHERE code = 'GM0356';
ROLLBACK TO people;
INSERT INTO housing VALUES ('P0001', 'GM0344', '2017-06-01', 'regular');
DELETE FROM person WHERE person_id = 'P0001';
ROLLBACK TO people;

ROLLBACK TO people;
-- Every table and column of the model has a comment.
SELECT c.relname, a.attname
FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind IN ('r', 'v')
  AND (obj_description(c.oid, 'pg_class') IS NULL OR col_description(c.oid, a.attnum) IS NULL)
ORDER BY 1, 2;
-- Every user-editable table is registered for pg_dump (staging and the scratch table are not).
SELECT c.relname
FROM pg_class c
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind = 'r'
  AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'u16')::oid[])
ORDER BY 1;
ROLLBACK;
