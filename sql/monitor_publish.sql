-- Publishing: refresh_monitor() writes only the published rows that changed
-- (publish()), and the tables then hold exactly what a refresh into empty
-- tables gives.  Rows are compared as text, so that 0.5 and 0.50 differ.
SET client_min_messages = warning;
DROP DATABASE IF EXISTS u16_publish;
CREATE DATABASE u16_publish;
\c u16_publish
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;
\set ECHO none
\i test/data/monitor_fixture.sql
\set ECHO all
SELECT refresh_monitor() IS NOT NULL AS refreshed;

CREATE TABLE published (name text PRIMARY KEY);
INSERT INTO published VALUES ('published_scorecard'), ('published_cohort'), ('published_language_level'),
    ('published_housing_ledger'), ('published_housing_progress');
-- Every published row as text, per table: a snapshot of what readers see.
CREATE TABLE snapshot (label text, name text, line text);
CREATE PROCEDURE take_snapshot(label text) LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    FOR t IN SELECT name FROM published LOOP
        EXECUTE format('INSERT INTO snapshot SELECT %L, %L, x::text FROM u16.%I x', label, t, t);
    END LOOP;
END $$;
-- The rows this transaction inserted into each published table (their xmin is
-- its transaction id) and deleted from it (the rows of snapshot 'before' that
-- are no longer there).
CREATE FUNCTION written() RETURNS TABLE (name text, inserted bigint, deleted bigint) LANGUAGE plpgsql AS $$
DECLARE
    total bigint;
BEGIN
    FOR name IN SELECT p.name FROM published p ORDER BY 1 LOOP
        EXECUTE format('SELECT count(*) FILTER (WHERE xmin = pg_current_xact_id()::xid), count(*) FROM u16.%I', name)
            INTO inserted, total;
        deleted := (SELECT count(*) FROM snapshot s WHERE s.label = 'before' AND s.name = written.name) - (total - inserted);
        RETURN NEXT;
    END LOOP;
END $$;

-- A refresh of unchanged data writes nothing, and every table keeps its rows.
CALL take_snapshot('before');
BEGIN;
SELECT refresh_monitor() IS NOT NULL AS refreshed;
SELECT * FROM written();
COMMIT;
CALL take_snapshot('unchanged');
SELECT p.name, (SELECT count(*) FROM snapshot s WHERE s.label = 'before' AND s.name = p.name) AS published_rows,
       (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'before' AND name = p.name
                              EXCEPT ALL SELECT line FROM snapshot WHERE label = 'unchanged' AND name = p.name) x)
     + (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'unchanged' AND name = p.name
                              EXCEPT ALL SELECT line FROM snapshot WHERE label = 'before' AND name = p.name) x) AS differences
FROM published p ORDER BY 1;

-- Changed data and tampered rows: persons housed in a new half-year (new rows),
-- a person's status changed (changed rows), one published value
-- rewritten with another scale (0.5 as 0.50: equal, but not the same figure to a
-- reader), one published row deleted and one added by hand.
INSERT INTO person (person_id, municipality_code) SELECT 'NEW-' || i, 'GM0344' FROM generate_series(1, 12) i;
INSERT INTO housing (person_id, municipality_code, housed_on)
SELECT 'NEW-' || i, 'GM0344', date '2021-02-01' + i FROM generate_series(1, 12) i;
UPDATE status_snapshot SET paid_work = NOT paid_work
WHERE (person_id, reference_date) = (SELECT person_id, reference_date FROM status_snapshot
                                     WHERE paid_work IS NOT NULL ORDER BY person_id, reference_date LIMIT 1);
CREATE TABLE tampered AS
SELECT indicator_code, boundaries, area_code, period, value::text AS computed FROM published_scorecard
WHERE value IS NOT NULL ORDER BY 1, 2, 3, 4 LIMIT 1;
UPDATE published_scorecard s SET value = s.value * 1.00 FROM tampered t
WHERE (s.indicator_code, s.boundaries, s.area_code, s.period) = (t.indicator_code, t.boundaries, t.area_code, t.period);
SELECT s.value = t.computed::numeric AS equal_value, s.value::text <> t.computed AS other_text
FROM published_scorecard s JOIN tampered t USING (indicator_code, boundaries, area_code, period);
DELETE FROM published_housing_ledger
WHERE (boundaries, area_code, period) = (SELECT boundaries, area_code, period FROM published_housing_ledger ORDER BY 1, 2, 3 LIMIT 1);
INSERT INTO published_cohort (indicator_code, theme, indicator_name, boundaries, area_code, area_type, period, period_start, suppressed)
VALUES ('T9.9', 9, 'not an indicator', 'historical', 'GM0344', 'municipality', '2018', '2018-01-01', false);
DELETE FROM snapshot;
CALL take_snapshot('before');
BEGIN;
SELECT refresh_monitor() IS NOT NULL AS refreshed;
CREATE TEMP TABLE counted AS SELECT * FROM written();
COMMIT;
CALL take_snapshot('changed');
-- The same data refreshed into empty tables: the figures as a first refresh gives them.
DELETE FROM published_scorecard;
DELETE FROM published_cohort;
DELETE FROM published_language_level;
DELETE FROM published_housing_ledger;
DELETE FROM published_housing_progress;
SELECT refresh_monitor() IS NOT NULL AS refreshed;
CALL take_snapshot('from empty');
-- The changed refresh holds exactly the rows of the refresh from empty tables; it
-- inserted the rows that were not there before and deleted the rows that are
-- gone (both counted independently from the snapshots).
SELECT p.name,
       (SELECT count(*) FROM snapshot WHERE label = 'from empty' AND name = p.name) > 0 AS has_rows,
       (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'changed' AND name = p.name
                              EXCEPT ALL SELECT line FROM snapshot WHERE label = 'from empty' AND name = p.name) x)
     + (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'from empty' AND name = p.name
                              EXCEPT ALL SELECT line FROM snapshot WHERE label = 'changed' AND name = p.name) x) AS differences,
       c.inserted, c.inserted = (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'from empty' AND name = p.name
                                                      EXCEPT ALL SELECT line FROM snapshot WHERE label = 'before' AND name = p.name) x)
         AS inserted_the_new_rows,
       c.deleted, c.deleted = (SELECT count(*) FROM (SELECT line FROM snapshot WHERE label = 'before' AND name = p.name
                                                    EXCEPT ALL SELECT line FROM snapshot WHERE label = 'from empty' AND name = p.name) x)
         AS deleted_the_old_rows,
       c.inserted < (SELECT count(*) FROM snapshot WHERE label = 'from empty' AND name = p.name) AS kept_some_rows
FROM published p JOIN counted c USING (name) ORDER BY 1;
-- The tampered rows: the value is written as computed again, the deleted ledger
-- row is back, the added cohort row is gone.
SELECT s.value::text = t.computed AS value_as_computed
FROM published_scorecard s JOIN tampered t USING (indicator_code, boundaries, area_code, period);
SELECT EXISTS (SELECT FROM snapshot WHERE label = 'before' AND name = 'published_cohort' AND line LIKE '(T9.9,%') AS added_row_before,
       EXISTS (SELECT FROM snapshot WHERE label = 'changed' AND name = 'published_cohort' AND line LIKE '(T9.9,%') AS added_row_after,
       (SELECT count(*) FROM snapshot WHERE label = 'before' AND name = 'published_housing_ledger')
     < (SELECT count(*) FROM snapshot WHERE label = 'changed' AND name = 'published_housing_ledger') AS ledger_rows_grew;

-- publish() on a table of its own: a nullable key (NULLS NOT DISTINCT), a
-- dropped column, NULLs and numerics of other scales.  Per fresh row: kept as
-- it is, changed in scale only (0.5 to 0.50), NULL to a value, a new key; one
-- published row has no fresh twin.  Only the changed and new rows are written.
CREATE TABLE figures (area text, cohort integer, dropped text, value numeric, note text,
                      UNIQUE NULLS NOT DISTINCT (area, cohort));
ALTER TABLE figures DROP COLUMN dropped;
INSERT INTO figures VALUES ('a', NULL, 0.5, NULL), ('a', 2018, 0.5, 'x'), ('b', NULL, 1, NULL), ('c', 1, 2, 'gone');
CREATE TABLE fresh_figures AS
SELECT * FROM (VALUES ('a', NULL::integer, 0.5, NULL), ('a', 2018, 0.50, 'x'), ('b', NULL, 1, 'now noted'),
                      ('d', NULL, NULL, NULL)) f (area, cohort, value, note);
BEGIN;
SELECT publish('figures', 'SELECT * FROM public.fresh_figures') AS rows_held;
-- Locked as REFRESH MATERIALIZED VIEW CONCURRENTLY locks: readers go on, writers wait.
SELECT bool_or(mode = 'ExclusiveLock') AS exclusive, bool_or(mode = 'AccessExclusiveLock') AS access_exclusive
FROM pg_locks WHERE relation = 'figures'::regclass AND pid = pg_backend_pid() AND granted;
SELECT area, cohort, value::text, note, xmin = pg_current_xact_id()::xid AS written FROM figures ORDER BY 1, 2;
SELECT count(*) AS differing FROM (
    (SELECT area, cohort, value::text, note FROM figures EXCEPT ALL SELECT area, cohort, value::text, note FROM fresh_figures)
    UNION ALL
    (SELECT area, cohort, value::text, note FROM fresh_figures EXCEPT ALL SELECT area, cohort, value::text, note FROM figures)) d;
COMMIT;
-- Fresh rows that break the key: the error of the key, and the table unchanged.
INSERT INTO fresh_figures VALUES ('d', NULL, 3, NULL);
\set VERBOSITY sqlstate
SELECT publish('figures', 'SELECT * FROM public.fresh_figures');
\set VERBOSITY default
SELECT count(*) AS rows_kept, count(*) FILTER (WHERE area = 'd' AND value IS NULL) AS first_d FROM figures;
-- Publishing needs the rights to change the table: a role without them is
-- refused before the table is locked against writers.
CREATE ROLE u16_publish_reader;
GRANT SELECT ON figures, fresh_figures TO u16_publish_reader;
GRANT USAGE ON SCHEMA u16 TO u16_publish_reader;
GRANT EXECUTE ON FUNCTION publish(regclass, text) TO u16_publish_reader;
SET ROLE u16_publish_reader;
\set VERBOSITY sqlstate
SELECT publish('figures', 'SELECT * FROM public.fresh_figures');
\set VERBOSITY default
RESET ROLE;
DROP OWNED BY u16_publish_reader;
DROP ROLE u16_publish_reader;

-- A table without a key to match rows on is refused.
CREATE TABLE keyless (figure integer);
SELECT publish('keyless', 'SELECT 1 AS figure');
\set VERBOSITY sqlstate
SELECT publish('keyless', 'SELECT 1 AS figure');
\set VERBOSITY default

-- The table as given: a missing one is an error (not a crash); a partitioned
-- one is refused (a ctid is unique only within a partition); an inheritance
-- parent is published on its own rows, its child's rows left alone.
\set VERBOSITY sqlstate
SELECT publish(2147483647::oid::regclass, 'SELECT 1');
CREATE TABLE parted (k integer PRIMARY KEY, v text) PARTITION BY RANGE (k);
CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (10);
SELECT publish('parted', 'SELECT 1 AS k, ''a'' AS v');
\set VERBOSITY default
CREATE TABLE parent (k integer PRIMARY KEY, v text);
CREATE TABLE child () INHERITS (parent);
INSERT INTO parent VALUES (1, 'a'), (2, 'b');
INSERT INTO child VALUES (11, 'c'), (12, 'd');
SELECT publish('parent', 'SELECT * FROM (VALUES (1, ''a''), (2, ''B'')) f (k, v)') AS rows_held;
SELECT tableoid::regclass AS held_in, k, v FROM parent ORDER BY k;

-- Values as an INSERT stores them: a type modifier rounds (numeric(5,1)) or
-- refuses (varchar(3)), never cuts; a generated column is the table's own.
-- Published again unchanged, nothing is written.
CREATE TABLE modified (k integer PRIMARY KEY, v numeric(5,1), code varchar(3),
                       twice numeric GENERATED ALWAYS AS (v * 2) STORED);
SELECT publish('modified', 'SELECT 1 AS k, 1.25 AS v, ''abc'' AS code') AS rows_held;
SELECT k, v, code, twice FROM modified;
CREATE TEMP TABLE modified_before AS SELECT xmin::text AS written_by FROM modified;
SELECT publish('modified', 'SELECT 1 AS k, 1.25 AS v, ''abc'' AS code') AS rows_held;
SELECT (SELECT written_by FROM modified_before) = (SELECT xmin::text FROM modified) AS not_written_again;
\set VERBOSITY sqlstate
SELECT publish('modified', 'SELECT 1 AS k, 1.25 AS v, ''abcdef'' AS code');
\set VERBOSITY default
SELECT k, v, code FROM modified;
-- A column that is an array or a row is refused at the start.
CREATE TABLE listed (k integer PRIMARY KEY, codes text[]);
\set VERBOSITY sqlstate
SELECT publish('listed', 'SELECT 1 AS k, ARRAY[''a''] AS codes');
\set VERBOSITY default

\c contrib_regression
DROP DATABASE u16_publish;
