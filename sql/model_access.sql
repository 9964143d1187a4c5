-- Access control: group roles from create_roles(), row-level security by
-- municipality, also through views; readers see no person-level table.
SET search_path = public, u16;
SET datestyle = 'ISO, YMD';

-- create_roles() is idempotent: a second call creates nothing new.
SELECT count(*) > 0 AS did_something FROM create_roles();
SELECT * FROM create_roles();
SELECT rolname, rolcanlogin, pg_has_role(rolname, 'u16_reader', 'MEMBER') AS reads_aggregates
FROM pg_roles WHERE rolname LIKE 'u16\_%' ORDER BY rolname;

-- Every person-level table has row-level security; nothing else has.
SELECT relname, relrowsecurity FROM pg_class
WHERE relnamespace = 'u16'::regnamespace AND relkind = 'r' AND relrowsecurity ORDER BY relname;

-- Data of two municipalities, loaded by the owner.
INSERT INTO person VALUES
    ('A1', 'GM0344', 1990, 'F', '2017-03-01', false), ('A2', 'GM0344', 1985, 'M', '2017-04-01', false),
    ('B1', 'GM0356', 1980, 'F', '2017-05-01', false);
INSERT INTO coupling VALUES ('A1', 'GM0344', '2017-04-01', 'AZC-UTRECHT-HAYDNLAAN'), ('B1', 'GM0356', '2017-06-01', NULL);
INSERT INTO housing VALUES ('A1', 'GM0344', '2017-06-01', 'regular'), ('B1', 'GM0356', '2017-08-01', 'regular');
INSERT INTO assessment VALUES ('A1', 'noa', '2017-03-20'), ('B1', 'noa', '2017-05-20');
INSERT INTO pathway_join VALUES ('A1', '2017-07-01'), ('B1', '2017-09-01');
INSERT INTO civic_integration (person_id, law_regime, obligation_start) VALUES ('A1', '2013', '2017-06-01'), ('B1', '2013', '2017-08-01');
INSERT INTO exam_result VALUES ('A1', 'reading', '2018-03-01', true, 'A2'), ('B1', 'reading', '2018-03-01', false, 'A2');
INSERT INTO language_measurement VALUES ('A1', '2018-06-01', 'B1', true), ('B1', '2018-06-01', 'A2', true);
INSERT INTO status_snapshot (person_id, reference_date, paid_work) VALUES ('A1', '2018-12-31', true), ('B1', '2018-12-31', false);
INSERT INTO municipal_employment VALUES ('A1', 'GM0344', '2018-09-01', NULL), ('B1', 'GM0356', '2018-09-01', NULL);

CREATE ROLE regress_u16_utrecht IN ROLE u16_analyst;
CREATE ROLE regress_u16_unscoped IN ROLE u16_analyst;
CREATE ROLE regress_u16_reader IN ROLE u16_reader;
CREATE ROLE regress_u16_loader IN ROLE u16_loader;
CREATE ROLE regress_u16_team_nieuwegein;
INSERT INTO analyst_scope VALUES ('regress_u16_utrecht', 'GM0344'), ('regress_u16_team_nieuwegein', 'GM0356');

-- A reader cannot select any person-level table or view, nor loading internals.
SET ROLE regress_u16_reader;
SELECT * FROM person;
SELECT * FROM coupling;
SELECT * FROM status_snapshot;
SELECT * FROM person_overview;
SELECT * FROM stage_person;
SELECT * FROM import_error;
SELECT * FROM import_line;
SELECT * FROM residence;
RESET ROLE;
-- Everything a reader may select: reference data, targets, settings, the published
-- monitor and its BI views; no person row, no loading or monitor internals.
SELECT c.relname FROM pg_class c
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
  AND has_table_privilege('u16_reader', c.oid, 'SELECT') ORDER BY 1;
SET ROLE regress_u16_reader;
-- ... but reads reference data, targets and settings.
SELECT (SELECT count(*) FROM municipality) AS municipalities, (SELECT count(*) FROM indicator) AS indicators,
       (SELECT count(*) > 0 FROM indicator_target) AS targets, setting_int('min_cell_size') AS min_cell_size;
UPDATE indicator_target SET target = '>= 10%' WHERE indicator_code = 'T1.1';
RESET ROLE;

-- An analyst for GM0344 sees GM0344's persons and their rows, in every table
-- and through the view, and nothing of GM0356.
SET ROLE regress_u16_utrecht;
SELECT person_id, municipality_code FROM person ORDER BY person_id;
SELECT 'coupling' AS t, string_agg(person_id, ',' ORDER BY person_id) FROM coupling
UNION ALL SELECT 'housing', string_agg(person_id, ',' ORDER BY person_id) FROM housing
UNION ALL SELECT 'assessment', string_agg(person_id, ',' ORDER BY person_id) FROM assessment
UNION ALL SELECT 'pathway_join', string_agg(person_id, ',' ORDER BY person_id) FROM pathway_join
UNION ALL SELECT 'civic_integration', string_agg(person_id, ',' ORDER BY person_id) FROM civic_integration
UNION ALL SELECT 'exam_result', string_agg(person_id, ',' ORDER BY person_id) FROM exam_result
UNION ALL SELECT 'language_measurement', string_agg(person_id, ',' ORDER BY person_id) FROM language_measurement
UNION ALL SELECT 'status_snapshot', string_agg(person_id, ',' ORDER BY person_id) FROM status_snapshot
UNION ALL SELECT 'municipal_employment', string_agg(person_id, ',' ORDER BY person_id) FROM municipal_employment;
SELECT person_id, municipality_code, first_coupled_on, first_housed_on, noa_assessed_on, highest_language_level
FROM person_overview ORDER BY person_id;
SELECT count(*) AS gm0356_rows FROM person WHERE municipality_code = 'GM0356';
SELECT count(*) AS b1_rows FROM housing WHERE person_id = 'B1';
-- Analysts read; they do not write.
INSERT INTO person VALUES ('A3', 'GM0344', 1990, 'F', NULL, false);
UPDATE person SET birth_year = 1991 WHERE person_id = 'A1';
SELECT count(*) AS municipalities FROM municipality;
RESET ROLE;

-- Scope follows role membership: joining a team role adds its municipality.
GRANT regress_u16_team_nieuwegein TO regress_u16_utrecht;
SET ROLE regress_u16_utrecht;
SELECT person_id, municipality_code FROM person_overview ORDER BY person_id;
RESET ROLE;
REVOKE regress_u16_team_nieuwegein FROM regress_u16_utrecht;

-- A person who moved: M1 lived in Utrecht in 2017 and is now Nieuwegein's.
-- Utrecht's analyst sees the Utrecht residence period and the rows dated in it
-- (the 2017 snapshot), not the person row (it says where M1 went) nor anything
-- after the move; Nieuwegein's team sees the person and every row but the
-- Utrecht residence period.
INSERT INTO person VALUES ('M1', 'GM0356', 1988, 'M', '2016-06-01', false);
INSERT INTO residence VALUES ('M1', 'GM0344', '2017-01-01', '2017-12-31'), ('M1', 'GM0356', '2018-01-01', NULL);
INSERT INTO status_snapshot (person_id, reference_date, paid_work) VALUES ('M1', '2017-12-31', false), ('M1', '2018-12-31', true);
INSERT INTO municipal_employment VALUES ('M1', 'GM0356', '2017-11-01', '2018-03-31');
SET ROLE regress_u16_utrecht;
SELECT (SELECT count(*) FROM person WHERE person_id = 'M1') AS person_row,
       (SELECT string_agg(municipality_code || ' ' || valid_from, ', ') FROM residence WHERE person_id = 'M1') AS residences,
       (SELECT string_agg(reference_date::text, ', ') FROM status_snapshot WHERE person_id = 'M1') AS snapshots,
       (SELECT count(*) FROM municipal_employment WHERE person_id = 'M1') AS employment_overlapping;
RESET ROLE;
GRANT regress_u16_team_nieuwegein TO regress_u16_unscoped;
SET ROLE regress_u16_unscoped;
SELECT (SELECT count(*) FROM person WHERE person_id = 'M1') AS person_row,
       (SELECT string_agg(municipality_code || ' ' || valid_from, ', ') FROM residence WHERE person_id = 'M1') AS residences,
       (SELECT string_agg(reference_date::text, ', ' ORDER BY reference_date) FROM status_snapshot WHERE person_id = 'M1') AS snapshots;
RESET ROLE;
REVOKE regress_u16_team_nieuwegein FROM regress_u16_unscoped;
DELETE FROM municipal_employment WHERE person_id = 'M1'; DELETE FROM status_snapshot WHERE person_id = 'M1';
DELETE FROM residence WHERE person_id = 'M1'; DELETE FROM person WHERE person_id = 'M1';

-- An analyst without a scope sees no person.
SET ROLE regress_u16_unscoped;
SELECT count(*) AS persons FROM person;
SELECT count(*) AS housing_rows FROM housing;
RESET ROLE;

-- A loader imports (and sees every person, so it can check references).
SET ROLE regress_u16_loader;
INSERT INTO stage_housing (person_id, municipality_code, housed_on, dwelling_type)
VALUES ('A2', 'GM0344', '2017-10-01', 'shared'), ('B1', 'GM0356', '2018-02-01', 'regular'), ('C9', 'GM0356', '2018-02-01', 'regular');
SELECT * FROM import('housing');
SELECT line_number, reason FROM import_error WHERE entity = 'housing';
SELECT count(*) AS persons_seen FROM person;
BEGIN;
UPDATE indicator_target SET target = '>= 91%' WHERE indicator_code = 'T1.1' AND area_code = 'U16' AND period = '2018';
SELECT indicator_code, target, seeded FROM indicator_target WHERE NOT seeded;
ROLLBACK;
-- The setting that marks the seeds u16's scripts insert works for superusers
-- only (the scripts run as one): a loader's edit under it is still a user row,
-- which pg_dump keeps.
BEGIN;
SET LOCAL u16.seeding = on;
UPDATE setting SET value = '3' WHERE name = 'min_cell_size';
SELECT name, value, seeded FROM setting WHERE name = 'min_cell_size';
ROLLBACK;
-- Nor can a loader pass a delete off as a restore replaying a tombstone: the
-- deleted seed row still leaves its tombstone (or pg_dump would bring it back),
-- and a setting still cannot be deleted.
BEGIN;
SET LOCAL u16.tombstone = replaying;
DELETE FROM indicator_target WHERE indicator_code = 'T1.1' AND area_code = 'U16' AND period = '2018';
SELECT table_name, key FROM deleted_seed WHERE table_name = 'indicator_target';
DELETE FROM setting WHERE name = 'min_cell_size';
ROLLBACK;
-- Loaders do not decide who sees what.
INSERT INTO analyst_scope VALUES ('regress_u16_loader', 'GM0344');
RESET ROLE;

-- Clean up the shared regression database and the test roles.
SELECT count(*) AS user_rows FROM indicator_target WHERE NOT seeded;
DELETE FROM import_run;
DELETE FROM municipal_employment; DELETE FROM status_snapshot; DELETE FROM language_measurement;
DELETE FROM exam_result; DELETE FROM civic_integration; DELETE FROM pathway_join; DELETE FROM assessment;
DELETE FROM housing; DELETE FROM coupling; DELETE FROM person; DELETE FROM analyst_scope;
DROP ROLE regress_u16_utrecht, regress_u16_unscoped, regress_u16_reader, regress_u16_loader, regress_u16_team_nieuwegein;
