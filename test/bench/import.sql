-- u16.import() versus a plain INSERT ... SELECT of the same staged lines with the
-- same casts and no checks: what validating every line costs.  Persons (one
-- foreign key, four rules) and housings (two foreign keys, a rule), clean and
-- with 1 % bad lines of every kind import() reports; and, the slow case, a tenth
-- as many person lines that are all bad (a file with its columns mixed up, say:
-- every line is tried alone and explained).  The runs alternate
-- (import, plain, plain, import, ...); each starts from an empty table and a
-- staged file.
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
SET datestyle = 'ISO, YMD';

\echo building :lines staged lines per file (a tenth as many for the all-bad file) ...
-- Every 100th line is bad: an unknown or malformed municipality, a bad number,
-- date or boolean, a broken rule, or a duplicate of the line before.
CREATE TABLE person_lines AS
SELECT i,
       'P' || CASE WHEN bad AND i % 700 = 0 THEN i - 1 ELSE i END AS person_id,
       CASE WHEN bad AND i % 700 = 100 THEN 'GM9999' WHEN bad AND i % 700 = 200 THEN 'XX12' ELSE 'GM0344' END AS municipality_code,
       CASE WHEN bad AND i % 700 = 300 THEN '19x0' WHEN bad AND i % 700 = 400 THEN '1850' ELSE (1960 + i % 40)::text END AS birth_year,
       'F' AS sex,
       CASE WHEN bad AND i % 700 = 500 THEN '2018-02-30' ELSE (date '2015-01-01' + i % 1500)::text END AS permit_date,
       CASE WHEN bad AND i % 700 = 600 THEN 'ja' ELSE 'false' END AS family_reunification
FROM generate_series(1, :lines) i, LATERAL (SELECT i % 100 = 0) b(bad);
-- Every line bad, the kinds in turn: unknown municipality, bad number, impossible
-- date, bad boolean, broken rule.
CREATE TABLE person_bad_lines AS
SELECT i, 'P' || i AS person_id,
       CASE WHEN i % 5 = 0 THEN 'GM9999' ELSE 'GM0344' END AS municipality_code,
       CASE i % 5 WHEN 1 THEN '19x0' WHEN 4 THEN '2030' ELSE '1980' END AS birth_year,
       'F' AS sex, CASE WHEN i % 5 = 2 THEN '2018-02-30' ELSE '2016-01-01' END AS permit_date,
       CASE WHEN i % 5 = 3 THEN 'ja' ELSE 'false' END AS family_reunification
FROM generate_series(1, :lines / 10) i;
CREATE TABLE housing_lines AS
SELECT i, 'P' || CASE WHEN i % 100 = 50 THEN i + :lines ELSE i END AS person_id, 'GM0344' AS municipality_code,
       (date '2019-01-01' + i % 700)::text AS housed_on,
       CASE WHEN i % 100 = 75 THEN 'castle' ELSE 'regular' END AS dwelling_type
FROM generate_series(1, :lines) i;

CREATE FUNCTION stage(entity text, file text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    with_bad boolean := file <> 'clean';
BEGIN
    IF file = 'all bad' THEN
        DELETE FROM u16.housing; DELETE FROM u16.person;
        INSERT INTO u16.stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
        SELECT person_id, municipality_code, birth_year, sex, permit_date, family_reunification FROM person_bad_lines ORDER BY i;
    ELSIF entity = 'person' THEN
        DELETE FROM u16.housing; DELETE FROM u16.person;
        INSERT INTO u16.stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
        SELECT person_id, municipality_code, birth_year, sex, permit_date, family_reunification FROM person_lines
        WHERE with_bad OR i % 100 <> 0 ORDER BY i;
    ELSE
        DELETE FROM u16.housing;
        IF NOT EXISTS (SELECT FROM u16.person) THEN
            INSERT INTO u16.person (person_id, municipality_code, birth_year, permit_date)
            SELECT 'P' || i, 'GM0344', 1980, '2016-01-01' FROM generate_series(1, (SELECT count(*) FROM housing_lines)) i;
        END IF;
        INSERT INTO u16.stage_housing (person_id, municipality_code, housed_on, dwelling_type)
        SELECT person_id, municipality_code, housed_on, dwelling_type FROM housing_lines
        WHERE with_bad OR i % 100 NOT IN (50, 75) ORDER BY i;
    END IF;
END $$;

-- The plain equivalent: the same casts, straight into the table, no checks.
CREATE FUNCTION plain_insert(entity text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF entity = 'person' THEN
        INSERT INTO u16.person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
        SELECT CAST(nullif(btrim(person_id), '') AS u16.person_id), CAST(nullif(btrim(municipality_code), '') AS u16.municipality_code),
               CAST(nullif(btrim(birth_year), '') AS integer), nullif(btrim(sex), ''), CAST(nullif(btrim(permit_date), '') AS date),
               coalesce(CAST(nullif(btrim(family_reunification), '') AS boolean), false)
        FROM u16.stage_person;
        PERFORM u16.clear_stage('person');
    ELSE
        INSERT INTO u16.housing (person_id, municipality_code, housed_on, dwelling_type)
        SELECT CAST(nullif(btrim(person_id), '') AS u16.person_id), CAST(nullif(btrim(municipality_code), '') AS u16.municipality_code),
               CAST(nullif(btrim(housed_on), '') AS date), nullif(btrim(dwelling_type), '')
        FROM u16.stage_housing;
        PERFORM u16.clear_stage('housing');
    END IF;
END $$;

CREATE TABLE runs (entity text, file text, side text, ms numeric, staged bigint, rejected bigint);
CREATE FUNCTION time_imports(reps int) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    r record;
    n bigint;
    c record;
BEGIN
    FOR c IN SELECT * FROM (VALUES ('person', 'clean'), ('person', '1 % bad'), ('person', 'all bad'),
                                   ('housing', 'clean'), ('housing', '1 % bad')) v(entity, file) LOOP
        FOR i IN 0 .. 2 * reps - 1 LOOP
            PERFORM stage(c.entity, c.file);
            IF i % 4 IN (0, 3) THEN
                EXECUTE format('SELECT count(*) FROM u16.%I', 'stage_' || c.entity) INTO n;
                t0 := clock_timestamp();
                SELECT * INTO r FROM u16.import(c.entity);
                INSERT INTO runs VALUES (c.entity, c.file, 'import', extract(epoch FROM clock_timestamp() - t0) * 1000, n, r.rejected);
            ELSIF c.file = 'clean' THEN
                EXECUTE format('SELECT count(*) FROM u16.%I', 'stage_' || c.entity) INTO n;
                t0 := clock_timestamp();
                PERFORM plain_insert(c.entity);
                INSERT INTO runs VALUES (c.entity, c.file, 'plain', extract(epoch FROM clock_timestamp() - t0) * 1000, n, 0);
            ELSE
                PERFORM u16.clear_stage(c.entity);   -- a plain INSERT cannot load a file with bad lines
            END IF;
        END LOOP;
    END LOOP;
END $$;
SELECT time_imports(:reps);

\echo
\echo 'import() and a plain INSERT ... SELECT of the same staged lines (no checks; it cannot'
\echo 'load a file with bad lines at all), median of the runs, in turns:'
SELECT i.entity, i.file, i.staged AS lines, i.rejected,
       round(i.ms) AS import_ms, round(i.staged / i.ms * 1000) AS import_lines_per_s,
       round(p.ms) AS plain_ms, round(i.ms / p.ms, 2) AS import_over_plain
FROM (SELECT entity, file, max(staged) AS staged, max(rejected) AS rejected,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric AS ms
      FROM runs WHERE side = 'import' GROUP BY 1, 2) i
LEFT JOIN (SELECT entity, percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric AS ms
           FROM runs WHERE side = 'plain' GROUP BY 1) p ON p.entity = i.entity AND i.file = 'clean'
ORDER BY i.entity DESC, i.file <> 'clean', i.file;
