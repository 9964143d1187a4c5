-- Monitor model: seeded reference data, settings, targets, statutory quotas
SET search_path = public, u16;
SET datestyle = 'ISO, YMD';

-- 17 U16 municipalities of 2017-2019 plus Leerdam and Zederik.
SELECT count(*) AS municipalities, count(*) FILTER (WHERE seeded) AS seeded,
       count(*) FILTER (WHERE province = 'Zuid-Holland') AS zuid_holland
FROM municipality;
SELECT code, name, province, valid_from, valid_to FROM municipality
WHERE valid_from IS NOT NULL OR valid_to IS NOT NULL ORDER BY code;
SELECT old_code, new_code, effective_on FROM municipality_succession ORDER BY old_code;

-- Membership by year: Vianen until 2018, Vijfheerenlanden from 2019, never Leerdam or Zederik.
SELECT y.p AS year, count(*) AS members,
       bool_or(m = 'GM0620') AS vianen, bool_or(m = 'GM1961') AS vijfheerenlanden,
       bool_or(m IN ('GM0545', 'GM0707')) AS leerdam_or_zederik
FROM unnest(ARRAY['2017', '2018', '2019', '2020']::period[]) AS y(p), region_members('U16', y.p) AS m
GROUP BY y.p ORDER BY y.p;
-- A half-year straddling nothing: 2018H2 still has Vianen; 2019H1 has its successor.
SELECT array_agg(m ORDER BY m) FILTER (WHERE m IN ('GM0620', 'GM1961')) AS changed, count(*)
FROM region_members('U16', '2018H2') m;
SELECT array_agg(m ORDER BY m) FILTER (WHERE m IN ('GM0620', 'GM1961')) AS changed, count(*)
FROM region_members('U16', '2019H1') m;

-- Reception locations of the plan.
SELECT code, municipality_code, places FROM reception_location ORDER BY code;

-- National totals with versions (2019-H1 revised from 8,000 to 6,000); no
-- population figures are seeded (none are given).
SELECT period, version, total FROM national_quota ORDER BY period, version;
SELECT (SELECT count(*) FROM population) AS population_rows, (SELECT count(*) FROM national_population) AS nl_rows;

-- The catalogue: every result of the plan of 2018, qualitative ones marked.
SELECT theme, count(*) AS indicators, count(*) FILTER (WHERE qualitative) AS qualitative,
       string_agg(code, ' ' ORDER BY split_part(code, '.', 2)::int) AS codes
FROM indicator GROUP BY theme ORDER BY theme;
SELECT code, unit, direction, granularity FROM indicator
WHERE qualitative OR unit <> 'share' OR direction = 'down' OR granularity <> 'year'
ORDER BY theme, split_part(code, '.', 2)::int;
SELECT count(*) AS without_dutch_name FROM indicator WHERE name_nl = '' OR name_en = '';

-- Targets of 2018 from the plan.
SELECT indicator_code, area_code, period, target FROM indicator_target
WHERE area_code = 'U16' ORDER BY split_part(indicator_code, '.', 1), split_part(indicator_code, '.', 2)::int, period;
SELECT count(*) AS municipal_t2_8_targets, min(target::text), max(target::text)
FROM indicator_target WHERE indicator_code = 'T2.8' AND area_code <> 'U16';

-- Settings and their accessors.
SELECT name, value, value_type FROM setting ORDER BY name;
SELECT setting_int('min_cell_size') AS min_cell_size, setting_bool('carry_surplus') AS carry_surplus,
       setting_int('baseline_offset_years') AS baseline_offset, setting_numeric('significance_level') AS alpha,
       setting_text('t1_1_reading') AS t1_1_reading;
SELECT setting_int('no_such_setting');

BEGIN;
UPDATE setting SET value = ' 5 ' WHERE name = 'min_cell_size';
UPDATE setting SET value = 'FALSE' WHERE name = 'carry_surplus';
SELECT setting_int('min_cell_size') AS min_cell_size, setting_bool('carry_surplus') AS carry_surplus,
       (SELECT count(*) FROM setting WHERE NOT seeded) AS edited;
UPDATE setting SET value = 'ten' WHERE name = 'min_cell_size';
ROLLBACK;
BEGIN;
UPDATE setting SET value = '0' WHERE name = 'min_cell_size';
ROLLBACK;
BEGIN;
UPDATE setting SET value = '1.5' WHERE name = 'significance_level';
ROLLBACK;
BEGIN;
UPDATE setting SET value = 'maybe' WHERE name = 'carry_surplus';
ROLLBACK;
BEGIN;
UPDATE setting SET value = 'leavers' WHERE name = 't1_1_reading';
ROLLBACK;
-- Values that fit the type but would stop refresh_monitor() are refused here:
-- a baseline before the year 1000, a level 0 or 1 once read as a double
-- precision number; a setting keeps its name and type, and is not deleted.
BEGIN;
UPDATE setting SET value = '1018' WHERE name = 'baseline_offset_years';
ROLLBACK;
BEGIN;
UPDATE setting SET value = '1e-400' WHERE name = 'significance_level';
ROLLBACK;
BEGIN;
UPDATE setting SET value = '0.99999999999999999999' WHERE name = 'significance_level';
ROLLBACK;
BEGIN;
UPDATE setting SET value_type = 'text', value = 'maybe' WHERE name = 'carry_surplus';
ROLLBACK;
BEGIN;
DELETE FROM setting WHERE name = 'min_cell_size';
ROLLBACK;
BEGIN;
UPDATE setting SET value = '100' WHERE name = 'baseline_offset_years';
UPDATE setting SET value = '1e-300' WHERE name = 'significance_level';
SELECT setting_int('baseline_offset_years') AS offset, setting_numeric('significance_level')::double precision > 0 AS alpha;
ROLLBACK;

-- Users edit and add targets; an edited seed row is a user row (dumped).
BEGIN;
UPDATE indicator_target SET target = '>= 95%' WHERE indicator_code = 'T1.1' AND area_code = 'U16' AND period = '2018';
INSERT INTO indicator_target (indicator_code, area_code, period, target, note)
VALUES ('T1.1', 'U16', '2019', '>= 92%', 'set by the region for 2019'),
       ('T2.12', 'GM0344', '2019', '>= 40', 'enough volunteers in Utrecht');
-- Inserting a row with a seed row's key replaces the seed row.
INSERT INTO indicator_target (indicator_code, area_code, period, target) VALUES ('T1.2', 'U16', '2018', '>= 70%');
SELECT indicator_code, area_code, period, target, seeded FROM indicator_target WHERE NOT seeded ORDER BY 1, 2, 3;
-- Deleting a seed row leaves a tombstone.
DELETE FROM indicator_target WHERE indicator_code = 'T2.15';
SELECT table_name, key FROM deleted_seed;
-- Areas are municipalities or regions.
INSERT INTO indicator_target VALUES ('T1.1', 'GM9999', '2019', '>= 90%');
ROLLBACK;
BEGIN;
INSERT INTO indicator_target VALUES ('T9.9', 'U16', '2019', '>= 90%');
ROLLBACK;

-- Statutory quotas: inhabitants on 1 January of the previous year.  Figures
-- are made up for the test (2019-H1, national total version 2 = 6,000).
BEGIN;
INSERT INTO national_population VALUES ('2018-01-01', 17000000, 'test');
INSERT INTO population (municipality_code, reference_date, inhabitants, source)
SELECT m, '2018-01-01', 10000 + 1000 * row_number() OVER (ORDER BY m), 'test'
FROM region_members('U16', '2019H1') m;
INSERT INTO population VALUES ('GM0620', '2018-01-01', 19000, 'test: Vianen no longer exists in 2019');
SELECT municipality_code, reference_date, inhabitants, national_total, quota
FROM statutory_quotas('2019H1') WHERE municipality_code IN ('GM0312', 'GM0344', 'GM1961', 'GM0620');
SELECT municipality_code, quota FROM statutory_quotas('2019H1', 1) WHERE municipality_code = 'GM0312';
-- Vianen, Leerdam and Zederik ceased before 2019-H1 and get no quota.
SELECT count(*) AS municipalities FROM statutory_quotas('2019H1');
-- Quota NULL where a population figure is missing; set_statutory_quotas refuses then.
SAVEPOINT before_delete;
DELETE FROM population WHERE municipality_code IN ('GM0344', 'GM0312');
SELECT municipality_code, inhabitants, quota FROM statutory_quotas('2019H1') WHERE quota IS NULL;
SELECT set_statutory_quotas('2019H1');
ROLLBACK TO SAVEPOINT before_delete;
SELECT set_statutory_quotas('2019H1') AS inserted;
SELECT set_statutory_quotas('2019H1') AS inserted_again;
SELECT count(*) AS quotas, sum(quota) AS total FROM quota WHERE period = '2019H1';
SELECT sum(ceil(6000 * inhabitants::numeric / 17000000)) AS plain_sql_total
FROM population WHERE municipality_code IN (SELECT region_members('U16', '2019H1'));
-- Redistribution keeps the sum.
SELECT redistribute_quota('2019H1', 'GM0344', 'GM0312', 2);
SELECT count(*) AS quotas, sum(quota) AS total, string_agg(municipality_code || '=' || quota, ' ' ORDER BY municipality_code)
    FILTER (WHERE source = 'redistributed') AS changed FROM quota WHERE period = '2019H1';
SELECT redistribute_quota('2019H1', 'GM0344', 'GM0312', 1000);
ROLLBACK;
SELECT * FROM statutory_quotas('2018');
SELECT * FROM statutory_quotas('2018H1');
SELECT set_statutory_quotas('2018H1');

-- What pg_dump keeps of the tables' rows (pg_extension_config_dump): the data
-- tables, not import_entity, the stage_* tables or the scratch tables of
-- import() and refresh_monitor() (docs/data-model.md, docs/dba.md).
SELECT string_agg(c.relname, ' ' ORDER BY c.relname) AS dumped
FROM pg_extension e CROSS JOIN unnest(e.extconfig) AS t(oid) JOIN pg_class c ON c.oid = t.oid
WHERE e.extname = 'u16';
SELECT string_agg(c.relname, ' ' ORDER BY c.relname) AS not_dumped
FROM pg_class c
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind = 'r'
  AND c.oid <> ALL ((SELECT extconfig FROM pg_extension WHERE extname = 'u16')::oid[]);
