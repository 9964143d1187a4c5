-- Loading: \copy into a staging table, then import(); broken lines are
-- reported with their line and reason, the rest is loaded; reruns are idempotent.
SET search_path = public, u16;
SET datestyle = 'ISO, YMD';

-- Runs are numbered by a sequence; earlier tests may have used some numbers.
SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS run0 FROM import_run_run_id_seq \gset
-- Persons first (everything else refers to them).  The CSV has a header line,
-- so the first data row is line 2.
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM 'test/data/person.csv' WITH (FORMAT csv, HEADER true)
SELECT count(*) AS staged FROM stage_person;
SELECT * FROM import('person');
SELECT line_number, column_name, value, reason FROM import_error WHERE entity = 'person' ORDER BY line_number, column_name;
SELECT * FROM person ORDER BY person_id;
-- Bad input loses nothing: every value of a rejected line is kept (BSN-like ids withheld).
SELECT line_number, row_values FROM import_error WHERE entity = 'person' AND line_number IN (7, 11) ORDER BY line_number LIMIT 2;
-- The staging table is empty again and numbers from 1.
SELECT count(*) AS left_in_stage FROM stage_person;

-- Events: unknown person, impossible date, broken rule, duplicate.
\copy stage_housing (person_id, municipality_code, housed_on, dwelling_type) FROM 'test/data/housing.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import('housing');
SELECT line_number, column_name, value, reason FROM import_error WHERE entity = 'housing' ORDER BY line_number, column_name;
SELECT * FROM housing ORDER BY person_id, housed_on;

\copy stage_coupling (person_id, municipality_code, coupled_on, reception_location_code) FROM 'test/data/coupling.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import('coupling');
SELECT line_number, column_name, value, reason FROM import_error WHERE entity = 'coupling' ORDER BY line_number, column_name;

-- Staged = loaded + rejected in every run, and loaded = inserted + updated + unchanged.
SELECT entity, staged, loaded, rejected, inserted, updated, unchanged,
       staged = loaded + rejected AS balanced,
       (SELECT count(DISTINCT e.line_number) FROM import_error e WHERE e.run_id = r.run_id) = rejected AS errors_match
FROM import_run r ORDER BY run_id;

-- A rerun of the same file duplicates nothing: the valid lines are unchanged.
SELECT count(*) AS persons_before FROM person;
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM 'test/data/person.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import('person');
\copy stage_housing (person_id, municipality_code, housed_on, dwelling_type) FROM 'test/data/housing.csv' WITH (FORMAT csv, HEADER true)
SELECT * FROM import('housing');
SELECT (SELECT count(*) FROM person) AS persons_after, (SELECT count(*) FROM housing) AS housing_after;
SELECT entity, staged, loaded, rejected, inserted, updated, unchanged FROM import_run WHERE run_id > :run0 + 3 ORDER BY run_id;

-- A corrected line updates the row (the file wins); line numbers restart at 1
-- per import, and header_lines => 0 reports them as they are.
INSERT INTO stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
VALUES ('P0002', 'GM0344', '1986', 'M', '2017-04-15', 'false'), ('P0011', 'GM0344', '', '', '', 'ja');
SELECT line_number, person_id FROM stage_person ORDER BY line_number;
SELECT * FROM import('person', header_lines => 0);
SELECT line_number, column_name, value, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run);
SELECT person_id, birth_year FROM person WHERE person_id = 'P0002';
SELECT entity, staged, loaded, rejected, inserted, updated, unchanged FROM import_run ORDER BY run_id DESC LIMIT 1;

-- Other types: booleans, CEFR levels, periods.
INSERT INTO stage_status_snapshot (person_id, reference_date, education_eligible, in_education, paid_work, welfare)
VALUES ('P0001', '2018-12-31', 'true', 'true', 'no', 'yes'),
       ('P0002', '2018-12-31', 'false', 'true', 'f', 't'),
       ('P0010', '2018-12-31', NULL, NULL, 'maybe', NULL);
SELECT * FROM import('status_snapshot');
INSERT INTO stage_language_measurement (person_id, measured_on, level, course_completed)
VALUES ('P0001', '2018-06-01', 'B1', 'true'), ('P0002', '2018-06-01', 'B3', 'true'), ('P0009', '2018-06-01', 'A2', '');
SELECT * FROM import('language_measurement');
INSERT INTO stage_quota (municipality_code, period, quota, source)
VALUES ('GM0344', '2018H1', '85', 'published'), ('GM0344', '2018H3', '85', 'typo'), ('GM0356', '2018', '20', 'a year'),
       ('GM0356', '2018H1', '-2', 'negative'), ('GM0356', '2018h2', '20', 'lower case');
SELECT * FROM import('quota');
INSERT INTO stage_milestone (indicator_code, area_code, achieved_on) VALUES ('T1.4', 'GM0344', '2018-05-20'), ('T9.9', 'U16', '2018-01-01'), ('T2.15', 'Utrecht', '2018-02-01');
SELECT * FROM import('milestone');
SELECT entity, line_number, column_name, value, reason FROM import_error
WHERE entity IN ('status_snapshot', 'language_measurement', 'quota', 'milestone') ORDER BY entity, line_number, column_name;
SELECT municipality_code, period, quota FROM quota ORDER BY 1, 2;
SELECT person_id, level, course_completed FROM language_measurement ORDER BY 1;

-- Line numbers filled in by the loader may have gaps and be negative: every line is
-- still checked and written once (import() works in chunks of line numbers).
INSERT INTO stage_person (line_number, person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
VALUES (-5, 'G0001', 'GM0344', '1980', 'F', '2016-01-01', 'false'), (0, 'G0002', 'GM0344', '1980', 'F', '2016-01-01', 'false'),
       (999, 'G0003', 'GM0344', 'x', 'F', '2016-01-01', 'false'), (1000, 'G0004', 'GM0344', '1980', 'F', '2016-01-01', 'false'),
       (5000000000, 'G0005', 'GM0344', '1980', 'Q', '2016-01-01', 'false'),
       (5000000001, 'G0001', 'GM0344', '1981', 'F', '2016-01-01', 'false');
SELECT * FROM import('person', header_lines => 0);
SELECT person_id, birth_year FROM person WHERE person_id LIKE 'G%' ORDER BY 1;
SELECT line_number, column_name, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY 1;

-- Bad lines at every density: import() splits a failing chunk down to its failing
-- lines, and makes its chunks smaller while lines fail.  3,000 lines: up to line
-- 1,000 every 50th is bad, lines 1,001-1,200 all are, up to line 2,000 every third
-- is, the rest are good.  A bad line has either a birth year that is no number
-- (even lines; the cast step fails) or one after the permit date (odd lines; the
-- table's rule fails on the write).  Exactly the bad lines are refused, each with
-- one error of its kind, and every good line is loaded.
CREATE TEMP TABLE density AS
SELECT i, CASE WHEN i <= 1000 THEN i % 50 = 0 WHEN i <= 1200 THEN true
               WHEN i <= 2000 THEN i % 3 = 0 ELSE false END AS bad
FROM generate_series(1, 3000) i;
INSERT INTO stage_person (line_number, person_id, municipality_code, birth_year, sex, permit_date, family_reunification)
SELECT i, 'D' || i, 'GM0344', CASE WHEN NOT bad THEN '1980' WHEN i % 2 = 0 THEN 'x' || i ELSE '2020' END,
       'F', '2016-01-01', 'false'
FROM density;
SELECT * FROM import('person', header_lines => 0);
WITH run_errors AS (
    SELECT * FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run)
)
SELECT (SELECT count(*) FROM density WHERE bad) AS bad_lines,
       (SELECT count(*) FROM run_errors) AS errors,
       (SELECT count(*) FROM density d JOIN run_errors e ON e.line_number = d.i
         WHERE d.bad AND e.column_name = CASE WHEN d.i % 2 = 0 THEN 'birth_year' ELSE 'birth_year, permit_date' END) AS bad_lines_with_their_error,
       (SELECT count(*) FROM density d WHERE NOT d.bad) AS good_lines,
       (SELECT count(*) FROM density d JOIN person p ON p.person_id = 'D' || d.i WHERE NOT d.bad) AS good_lines_loaded,
       (SELECT count(*) FROM person WHERE person_id LIKE 'D%') AS loaded;
SELECT DISTINCT ON (column_name) column_name, line_number, value, reason
FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run)
ORDER BY column_name, line_number;

-- A clean file is written in one statement (no line-by-line bookkeeping in
-- import_line, counted as the rows this transaction inserted there: the
-- statistics view can hold counts of earlier transactions not yet flushed, as on
-- PostgreSQL 18); a file with a bad line goes through the line checks.  Both give
-- the same rows and counts for the same good lines: new, changed and unchanged.
-- Q2 is in the table as in the file, Q3 differs, Q1 and Q4 are new.
CREATE TEMP TABLE clean_lines (person_id text, municipality_code text, birth_year text, permit_date text);
INSERT INTO clean_lines VALUES
    ('Q1', 'GM0344', '1980', '2016-01-01'), ('Q2', 'GM0344', '1981', '2016-02-01'),
    ('Q3', 'GM0356', '1982', '2016-03-01'), ('Q4', 'GM0344', '1983', '2016-04-01');
CREATE TEMP TABLE path_result (path text, person_id text, municipality_code text, birth_year integer,
                               loaded bigint, rejected bigint, inserted bigint, updated bigint, unchanged bigint,
                               bookkept bigint);
-- Imports the clean lines (and a bad one) into a table holding Q2 and Q3, and
-- keeps the Q rows, the run's counts and import_line's new rows.
CREATE FUNCTION pg_temp.import_clean_lines(path text, with_bad_line boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    lines_before bigint;
BEGIN
    DELETE FROM u16.person WHERE person_id LIKE 'Q%';
    INSERT INTO u16.person (person_id, municipality_code, birth_year, permit_date)
    VALUES ('Q2', 'GM0344', 1981, '2016-02-01'), ('Q3', 'GM0344', 1970, '2016-03-01');
    INSERT INTO u16.stage_person (person_id, municipality_code, birth_year, permit_date)
    SELECT person_id, municipality_code, birth_year, permit_date FROM clean_lines
    UNION ALL SELECT 'Q5', 'GM0344', '19x0', '2016-05-01' WHERE with_bad_line;
    lines_before := (SELECT n_tup_ins FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass);
    PERFORM u16.import('person');
    INSERT INTO path_result
    SELECT path, p.person_id, p.municipality_code, p.birth_year, r.loaded, r.rejected, r.inserted, r.updated,
           r.unchanged, (SELECT n_tup_ins - lines_before FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass)
    FROM u16.person p, (SELECT * FROM u16.import_run ORDER BY run_id DESC LIMIT 1) r WHERE p.person_id LIKE 'Q%';
END $$;
SELECT pg_temp.import_clean_lines('one statement', false);
SELECT pg_temp.import_clean_lines('line checks', true);
SELECT path, count(*) AS persons, min(loaded) AS loaded, min(rejected) AS rejected, min(inserted) AS inserted,
       min(updated) AS updated, min(unchanged) AS unchanged, min(bookkept) AS lines_bookkept
FROM path_result GROUP BY path ORDER BY path;
SELECT count(*) AS rows_differing
FROM (SELECT person_id, municipality_code, birth_year FROM path_result WHERE path = 'one statement'
      EXCEPT ALL SELECT person_id, municipality_code, birth_year FROM path_result WHERE path = 'line checks') d;
-- A key twice in an otherwise clean file is reported as a duplicate, in a table
-- whose other columns are updated (ON CONFLICT DO UPDATE fails on it) ...
INSERT INTO stage_person (person_id, municipality_code, birth_year, permit_date)
VALUES ('Q6', 'GM0344', '1990', '2016-01-01'), ('Q6', 'GM0344', '1991', '2016-01-01');
SELECT * FROM import('person');
SELECT line_number, column_name, value, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run);
SELECT person_id, birth_year FROM person WHERE person_id = 'Q6';
-- ... and in a table of key columns only (written with DO NOTHING, which would not).
INSERT INTO stage_pathway_join (person_id, joined_on) VALUES ('Q2', '2017-01-01'), ('Q3', '2017-01-02'), ('Q2', '2017-01-01');
SELECT * FROM import('pathway_join');
SELECT line_number, column_name, value, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run);
-- A clean file of new keys only is written with a plain INSERT: the same rows and
-- counts, still no bookkeeping.
BEGIN;
INSERT INTO stage_person (person_id, municipality_code, birth_year, permit_date)
VALUES ('Q7', 'GM0344', '1992', '2016-07-01'), ('Q8', 'GM0356', '', '2016-08-01');
SELECT n_tup_ins AS lines_before FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass \gset
SELECT * FROM import('person');
SELECT person_id, municipality_code, birth_year, permit_date, family_reunification FROM person
WHERE person_id IN ('Q7', 'Q8') ORDER BY person_id;
SELECT staged, loaded, rejected, inserted, updated, unchanged,
       (SELECT n_tup_ins - :lines_before FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass) AS lines_bookkept
FROM import_run ORDER BY run_id DESC LIMIT 1;
COMMIT;
-- A clean residence file that moves persons, each with the new period before the
-- line that closes the old one, loads in one statement too: the lines that change
-- a loaded period are written first.
INSERT INTO residence VALUES ('Q7', 'GM0344', '2016-07-01', NULL), ('Q8', 'GM0356', '2016-08-01', NULL);
BEGIN;
INSERT INTO stage_residence (person_id, municipality_code, valid_from, valid_to)
VALUES ('Q7', 'GM0355', '2019-01-01', ''), ('Q7', 'GM0344', '2016-07-01', '2018-12-31'),
       ('Q8', 'GM0344', '2018-05-01', ''), ('Q8', 'GM0356', '2016-08-01', '2018-04-30');
SELECT n_tup_ins AS lines_before FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass \gset
SELECT * FROM import('residence');
SELECT staged, loaded, rejected, inserted, updated, unchanged,
       (SELECT n_tup_ins - :lines_before FROM pg_stat_xact_user_tables WHERE relid = 'u16.import_line'::regclass) AS lines_bookkept
FROM import_run ORDER BY run_id DESC LIMIT 1;
SELECT person_id, municipality_code, valid_from, valid_to FROM residence WHERE person_id IN ('Q7', 'Q8')
ORDER BY person_id, valid_from;
COMMIT;
DELETE FROM residence WHERE person_id LIKE 'Q%';
DELETE FROM pathway_join; DELETE FROM person WHERE person_id LIKE 'Q%';

-- A key twice in a clean file whose first line matches the row already in the
-- table: the first line wins as in any other file (the second is a duplicate),
-- and loading the file again gives the same.
INSERT INTO volunteer_count (municipality_code, reference_date, volunteers) VALUES ('GM0321', '2018-01-01', 10);
INSERT INTO stage_volunteer_count (municipality_code, reference_date, volunteers)
VALUES ('GM0321', '2018-01-01', '10'), ('GM0321', '2018-01-01', '99');
SELECT * FROM import('volunteer_count');
INSERT INTO stage_volunteer_count (municipality_code, reference_date, volunteers)
VALUES ('GM0321', '2018-01-01', '10'), ('GM0321', '2018-01-01', '99');
SELECT * FROM import('volunteer_count');
SELECT volunteers FROM volunteer_count WHERE municipality_code = 'GM0321' AND reference_date = '2018-01-01';
SELECT line_number, column_name, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number;
DELETE FROM volunteer_count;

-- A citizen service number with a tab, a no-break space, a line end or
-- separators around or between its digits is withheld like a plain one: in no
-- value, reason or kept line of import_error.
INSERT INTO stage_person (person_id, municipality_code)
VALUES (E'\t123456782', 'GM0344'), (U&'123456782\00A0', 'GM0344'), (E'123456782\r', 'GM0344'), ('123 456 782', 'GM0344');
SELECT * FROM import('person');
SELECT count(*) AS errors,
       count(*) FILTER (WHERE concat(value, reason, row_values::text) ~ '1234|5678') AS showing_the_number
FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run);

-- A citizen service number written with the separators a person id may hold
-- is refused like a plain one (the domain's BSN rule), and withheld; a
-- pseudonym of digits and separators that fails the eleven-test loads.
INSERT INTO stage_person (person_id, municipality_code)
VALUES ('1234.56.782', 'GM0344'), ('111-222-333', 'GM0344'), ('1234.56.783', 'GM0344');
SELECT * FROM import('person');
SELECT line_number, column_name, value, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number;
SELECT person_id FROM person WHERE person_id LIKE '1234%';
DELETE FROM person WHERE person_id LIKE '1234%';

-- A date before the year 1000 has no period: the line is rejected (it would
-- stop refresh_monitor()).
INSERT INTO stage_milestone (indicator_code, area_code, achieved_on) VALUES ('T1.4', 'GM0344', '0018-05-01');
SELECT * FROM import('milestone');
SELECT column_name, value, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run);

-- An import cancelled while it writes line by line (a statement timeout, here
-- during a write a trigger makes slow; a date not written YYYY-MM-DD sends the
-- file to the line checks) fails, keeps the staged lines, and leaves no
-- prepared statement behind in the session.
CREATE FUNCTION pg_temp.slow_write() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN PERFORM pg_sleep(2); RETURN NEW; END $$;
CREATE TRIGGER slow_write BEFORE INSERT ON volunteer_count FOR EACH ROW EXECUTE FUNCTION pg_temp.slow_write();
INSERT INTO stage_volunteer_count (municipality_code, reference_date, volunteers)
VALUES ('GM0321', '2018-01-01', '10'), ('GM0321', '1 Feb 2018', '10');
SET statement_timeout = '1s';
\set VERBOSITY terse
SELECT * FROM import('volunteer_count');
\set VERBOSITY default
RESET statement_timeout;
DROP TRIGGER slow_write ON volunteer_count;
SELECT (SELECT count(*) FROM stage_volunteer_count) AS still_staged,
       (SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'u16\_import\_%') AS prepared_left;
SELECT clear_stage('volunteer_count') AS removed;

-- Which errors are not a line's fault and fail the import (docs/loading.md):
-- timeouts, deadlocks, serialization failures, resources, system errors;
-- a line's own errors are not among them.
SELECT string_agg(s, ' ' ORDER BY s) FILTER (WHERE import_error_is_transient(s)) AS fail_the_import,
       string_agg(s, ' ' ORDER BY s) FILTER (WHERE NOT import_error_is_transient(s)) AS reject_the_line
FROM unnest(ARRAY['40P01', '40001', '57014', '55P03', '55006', '53100', '53200', '58030', 'XX000',
                  '22P02', '22003', '22008', '23505', '23503', '23514', '23P01', '42501']) AS s;

-- Mistakes of the loader, not of the file.
SELECT * FROM import('persons');
SELECT * FROM import('person', header_lines => -1);
INSERT INTO stage_assessment (person_id, kind, assessed_on) VALUES ('P0001', 'noa', '2017-03-20');
SELECT clear_stage('assessment') AS removed;
SELECT count(*) AS left_in_stage FROM stage_assessment;

-- Leave the shared regression database as it was.
DELETE FROM import_run;
DELETE FROM status_snapshot; DELETE FROM language_measurement; DELETE FROM coupling; DELETE FROM housing;
DELETE FROM person; DELETE FROM quota; DELETE FROM milestone;
SELECT count(*) AS errors_left FROM import_error;
