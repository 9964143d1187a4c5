-- bad_input: the catalogue of bad input (docs/bad-input.md), one row per
-- kind: every one is an error with a documented SQLSTATE and message, never a
-- crash or a silent wrong value.  Loading (last section): a CSV line that
-- COPY cannot split is an error that stages nothing; a line with bad values
-- is rejected by import() and reported in import_error; a foreign key miss
-- is a line of import_error too, and a 23503 error for a direct INSERT.
SET search_path = public, u16;
SET DateStyle = ISO, YMD;

-- bad(statement): the SQLSTATE and message of the error the statement raises.
CREATE FUNCTION pg_temp.bad(statement text, OUT code text, OUT message text) LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE statement;
    code := 'no error';
EXCEPTION WHEN OTHERS THEN
    code := SQLSTATE;
    message := SQLERRM;
END $$;


-- Text input and functions.
SELECT kind, (pg_temp.bad(statement)).*
FROM (VALUES
    ('share: malformed literal',               $$SELECT '45 of 60'::share$$),
    ('share: malformed literal (decimal)',     $$SELECT '1.5/3'::share$$),
    ('share: k > n',                           $$SELECT '61/60'::share$$),
    ('share: negative count',                  $$SELECT '-1/3'::share$$),
    ('share: count beyond bigint',             $$SELECT '99999999999999999999/99999999999999999999'::share$$),
    ('share(k, n): k > n',                     $$SELECT share(5, 3)$$),
    ('share(k, n): negative',                  $$SELECT share(-1, 3)$$),
    ('share: overflow of s + s',               $$SELECT '9223372036854775807/9223372036854775807'::share + '1/1'$$),
    ('share: overflow of rollup',              $$SELECT rollup(s) FROM (VALUES ('9223372036854775807/9223372036854775807'::share), ('0/1')) v(s)$$),
    ('share: retract more than was added',     $$SELECT share_retract('0/0', true)$$),
    ('ci_lower: confidence level 1',           $$SELECT ci_lower('45/60', 1)$$),
    ('ci_upper: confidence level 0',           $$SELECT ci_upper('45/60', 0)$$),
    ('ci_lower: confidence level NaN',         $$SELECT ci_lower('45/60', 'NaN')$$),
    ('trend: alpha 0',                         $$SELECT trend('45/60', '30/60', 0)$$),
    ('trend: alpha above 1',                   $$SELECT trend('45/60', '30/60', 1.5)$$),
    ('period: malformed literal',              $$SELECT '2018Q5'::period$$),
    ('period: month without two digits',       $$SELECT '2018-5'::period$$),
    ('period: year outside 1000..9999',        $$SELECT '999'::period$$),
    ('period(date, granularity): unknown',     $$SELECT period('2018-05-01', 'week')$$),
    ('period(date, granularity): year 10000',  $$SELECT period('10000-01-01', 'year')$$),
    ('period(date, granularity): infinity',    $$SELECT period('infinity', 'month')$$),
    ('period + n: beyond 9999',                $$SELECT '9999-12'::period + 1$$),
    ('period - n: before 1000',                $$SELECT '1000H1'::period - 1$$),
    ('period - period: mixed granularities',   $$SELECT '2018'::period - '2018H1'::period$$),
    ('periods(from, to): mixed granularities', $$SELECT periods('2018', '2018Q1')$$),
    ('target: malformed literal',              $$SELECT '90%'::target$$),
    ('target: fifth decimal',                  $$SELECT '>= 90.00001%'::target$$),
    ('target: impossible deadline',            $$SELECT 'by 2018-02-30'::target$$),
    ('target: share above 100%',               $$SELECT '>= 100.5%'::target$$),
    ('target: negative threshold',             $$SELECT '>= -1'::target$$),
    ('target: count beyond int4',              $$SELECT '>= 2147483648'::target$$),
    ('attainment(share): wrong target kind',   $$SELECT attainment('45/60'::share, '>= 40')$$),
    ('attainment(bigint): wrong target kind',  $$SELECT attainment(45::bigint, '>= 90%')$$),
    ('attainment(date): wrong target kind',    $$SELECT attainment('2018-05-01'::date, 'rise', '2018-06-01'::date)$$),
    ('attainment_agg: wrong target kind',      $$SELECT attainment_agg(s, 'rise') FROM (VALUES ('1/2'::share)) v(s)$$),
    ('statutory_quota: no inhabitants',        $$SELECT statutory_quota(13000, 10000, 0)$$),
    ('statutory_quota: negative count',        $$SELECT statutory_quota(-1, 10000, 17000000)$$),
    ('statutory_quota: beyond bigint',         $$SELECT statutory_quota(9223372036854775807, 9223372036854775807, 1)$$),
    ('quota_ledger: malformed literal',        $$SELECT '{carry_surplus=maybe}'::quota_ledger$$),
    ('quota_ledger: duplicate period',         $$SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, 1, 1), ('2018H1', 2, 2)) v(p, q, h)$$),
    ('quota_ledger: duplicate period (text)',  $$SELECT closing_balance('{carry_surplus=true;2018H1=1/1/0;2018H1=2/2/0}')$$),
    ('quota_ledger: duplicate period, input',  $$SELECT '{carry_surplus=true;2018H1=1/1/0;2018H1=2/2/0}'::quota_ledger$$),
    ('quota_ledger: duplicate period, ledger', $$SELECT quota_ledger(p, q, h) FROM (VALUES ('2018H1'::period, 1, 1), ('2018H1', 2, 2)) v(p, q, h)$$),
    ('quota_ledger: beyond bigint, unordered', $$SELECT '{carry_surplus=true;2018H2=1/0/0;2018H1=9223372036854775807/0/0}'::quota_ledger$$),
    ('quota_ledger: beyond bigint, ledger',    $$SELECT quota_ledger(p, q, 0) FROM (VALUES ('2018H2'::period, 1), ('2018H1', 9223372036854775807)) v(p, q)$$),
    ('quota_ledger: mixed granularities',      $$SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, 1, 1), ('2018Q3', 2, 2)) v(p, q, h)$$),
    ('quota_ledger: negative quota',           $$SELECT quota_deficit('2018H1', -1, 0)$$),
    ('quota_ledger: NULL period',              $$SELECT quota_deficit(NULL::period, 1, 1)$$),
    ('quota_ledger: carry_surplus differs',    $$SELECT quota_deficit(p, 1, 1, 0, c) FROM (VALUES ('2018H1'::period, true), ('2018H2', false)) v(p, c)$$),
    ('quota_ledger: balance beyond bigint',    $$SELECT quota_deficit(p, q, 0) FROM (VALUES ('2018H1'::period, 9223372036854775807), ('2018H2', 1)) v(p, q)$$)
) AS v(kind, statement);

-- Binary input (COPY ... FROM ... (FORMAT binary), or a client's binary
-- parameters) is checked as strictly as text: SQLSTATE 22P03.  Each file
-- holds one raw value, written from a bytea column, and is loaded twice: for
-- the message, and with VERBOSITY sqlstate for the SQLSTATE.
CREATE TABLE bad_bytes (b bytea);
CREATE TABLE bad_share (s share);
CREATE TABLE bad_period (p period);
CREATE TABLE bad_target (t target);
CREATE TABLE bad_ledger (l quota_ledger);
-- share 3/2: k > n.
INSERT INTO bad_bytes VALUES (int8send(3) || int8send(2));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_share FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_share FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- period code of a half-year starting in March: (2018 * 12 + 2) * 4 + 1.
TRUNCATE bad_bytes;
INSERT INTO bad_bytes VALUES (int4send((2018 * 12 + 2) * 4 + 1));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_period FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_period FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- target of kind 5 (there are four).
TRUNCATE bad_bytes;
INSERT INTO bad_bytes VALUES (int8send((5::bigint << 40) | (4::bigint << 32) | 2147483648));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_target FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_target FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- quota ledger announcing 1000 entries and holding none.
TRUNCATE bad_bytes;
INSERT INTO bad_bytes VALUES ('\x01'::bytea || int4send(1000));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- quota ledger with one entry whose period code is no period (0).
TRUNCATE bad_bytes;
INSERT INTO bad_bytes VALUES ('\x01'::bytea || int4send(1) || int4send(0) || int8send(1) || int8send(1) || int8send(0));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- quota ledger with a carry_surplus byte that is neither 0 nor 1.
TRUNCATE bad_bytes;
INSERT INTO bad_bytes VALUES ('\x02'::bytea || int4send(0));
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
-- quota ledger with one period twice: refused on input, not on output (where
-- pg_dump would fail on it).
TRUNCATE bad_bytes;
INSERT INTO bad_bytes
SELECT '\x01'::bytea || int4send(2) || e || e
FROM (SELECT int4send(2018 * 12 * 4 + 1) || int8send(1) || int8send(1) || int8send(0) AS e) x;
\copy bad_bytes TO 'results/bad_input.bin' WITH (FORMAT binary)
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY sqlstate
\copy bad_ledger FROM 'results/bad_input.bin' WITH (FORMAT binary)
\set VERBOSITY default
SELECT (SELECT count(*) FROM bad_share) + (SELECT count(*) FROM bad_period)
     + (SELECT count(*) FROM bad_target) + (SELECT count(*) FROM bad_ledger) AS rows_loaded;

-- Loading.  A CSV line that COPY cannot split into the staging table's
-- columns (every column is text, so only the structure can be wrong) fails
-- the whole COPY with 22P04 and stages nothing.  Each file is copied twice:
-- for the message, and with VERBOSITY sqlstate for the SQLSTATE.
-- An extra field:
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,GM0344,1990,F,2017-03-01,false,surplus
\.
\set VERBOSITY sqlstate
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,GM0344,1990,F,2017-03-01,false,surplus
\.
\set VERBOSITY default
-- A missing field:
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,GM0344,1990,F,2017-03-01
\.
\set VERBOSITY sqlstate
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,GM0344,1990,F,2017-03-01
\.
\set VERBOSITY default
-- A quote that is never closed (terse: the CONTEXT line quotes the data up to
-- the end, which ends with psql's "\." up to PostgreSQL 17, not from 18 on):
\set VERBOSITY terse
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,"GM0344,1990,F,2017-03-01,false
\.
\set VERBOSITY sqlstate
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,"GM0344,1990,F,2017-03-01,false
\.
\set VERBOSITY default
SELECT count(*) AS staged FROM stage_person;
-- Restart the staging table's numbering (a failed COPY may have used numbers).
SELECT clear_stage('person') AS cleared;

-- Lines with bad values are staged and then rejected by import(), one row
-- of import_error per problem, with its line; the good lines are loaded.  In
-- a transaction that is rolled back, to leave the tables as they were.
BEGIN;
\copy stage_person (person_id, municipality_code, birth_year, sex, permit_date, family_reunification) FROM stdin WITH (FORMAT csv)
P0001,GM0344,1990,F,2017-03-01,false
P0002,GM9999,1985,M,2017-04-15,
P0003,GM0356,nineteen,M,2017-13-01,false
,GM0356,1992,F,2017-05-02,
P0001,GM0344,1991,F,2017-03-01,false
P0006,GM0344,1990,F,2017-03-01,maybe
P0007,GM0344,1990,F,1989-03-01,
\.
SELECT * FROM import('person', header_lines => 0);
SELECT line_number, column_name, value, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number, column_name;
SELECT count(*) AS persons, count(*) FILTER (WHERE person_id = 'P0001') AS p0001,
       (SELECT count(*) FROM stage_person) AS still_staged FROM person;

-- A foreign key miss in a file: a line whose person (or municipality, or
-- reception location) is not there is rejected and reported.
\copy stage_housing (person_id, municipality_code, housed_on, dwelling_type) FROM stdin WITH (FORMAT csv)
P0001,GM0344,2017-06-01,regular
P0404,GM0344,2017-06-01,regular
P0001,GM0000,2017-07-01,regular
\.
SELECT * FROM import('housing', header_lines => 0);
SELECT line_number, column_name, value, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number, column_name;

-- Residence history: a line overlapping another period of the same person, and
-- a line in an unknown municipality, are rejected and reported.
\copy stage_residence (person_id, municipality_code, valid_from, valid_to) FROM stdin WITH (FORMAT csv)
P0001,GM0355,2016-04-01,2018-12-31
P0001,GM0344,2018-12-01,
P0001,GM0000,2019-01-01,
\.
SELECT * FROM import('residence', header_lines => 0);
SELECT line_number, column_name, value, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number, column_name;
-- The next delivery corrects the move to 1 July 2018, the new period first and
-- the shortened old one after it: the file's content decides, not its order, so
-- both load.  A third line overlapping the new period is still rejected.
\copy stage_residence (person_id, municipality_code, valid_from, valid_to) FROM stdin WITH (FORMAT csv)
P0001,GM0344,2018-07-01,2019-12-31
P0001,GM0355,2016-04-01,2018-06-30
P0001,GM0356,2018-08-01,2018-09-30
\.
SELECT * FROM import('residence', header_lines => 0);
SELECT line_number, column_name, value, reason FROM import_error
WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number, column_name;
SELECT inserted, updated FROM import_run WHERE run_id = (SELECT max(run_id) FROM import_run);
-- The residences of P0001 are the two good lines of the file.
SELECT (SELECT count(*) FROM residence WHERE person_id = 'P0001') AS residences,
       (SELECT count(*) FROM (SELECT person_id::text, municipality_code::text, valid_from, valid_to FROM residence
                              WHERE person_id = 'P0001'
                              EXCEPT VALUES ('P0001', 'GM0344', DATE '2018-07-01', DATE '2019-12-31'),
                                            ('P0001', 'GM0355', DATE '2016-04-01', DATE '2018-06-30')) x) AS not_in_file;
-- The exception to "the earlier new line is kept" (docs/loading.md): the second
-- line repeats the key of the first, which the table refuses, so it waits for
-- the next round, and the third, overlapping it, is written first.
\copy stage_residence (person_id, municipality_code, valid_from, valid_to) FROM stdin WITH (FORMAT csv)
P0001,GM0344,2021-01-01,2020-01-01
P0001,GM0355,2021-01-01,2021-12-31
P0001,GM0356,2021-06-01,
\.
SELECT * FROM import('residence', header_lines => 0);
SELECT line_number, reason FROM import_error WHERE run_id = (SELECT max(run_id) FROM import_run) ORDER BY line_number;
SELECT municipality_code, valid_from, valid_to FROM residence WHERE person_id = 'P0001' AND valid_from >= '2021-01-01';
DELETE FROM residence WHERE person_id = 'P0001' AND valid_from >= '2021-01-01';

-- A foreign key miss in a direct INSERT or UPDATE, or a DELETE of a row that
-- others refer to: SQLSTATE 23503, the constraint in the message and the
-- key in the detail; overlapping residences directly: 23P01.
SELECT kind, (pg_temp.bad(statement)).*
FROM (VALUES
    ('foreign key miss: unknown person',       $$INSERT INTO housing (person_id, municipality_code, housed_on) VALUES ('P0404', 'GM0344', '2017-06-01')$$),
    ('foreign key miss: unknown municipality', $$INSERT INTO person (person_id, municipality_code) VALUES ('P0008', 'GM0000')$$),
    ('foreign key miss: update',               $$UPDATE housing SET person_id = 'P0404' WHERE person_id = 'P0001'$$),
    ('foreign key miss: referred row deleted', $$DELETE FROM person WHERE person_id = 'P0001'$$),
    ('residence: unknown municipality',        $$INSERT INTO residence VALUES ('P0001', 'GM0000', '2020-01-01', NULL)$$),
    ('residence: overlapping periods',         $$INSERT INTO residence VALUES ('P0001', 'GM0356', '2017-01-01', '2017-06-30')$$)
) AS v(kind, statement);
INSERT INTO housing (person_id, municipality_code, housed_on) VALUES ('P0404', 'GM0344', '2017-06-01');
ROLLBACK;
SELECT (SELECT count(*) FROM person) AS persons, (SELECT count(*) FROM housing) AS housings,
       (SELECT count(*) FROM stage_person) + (SELECT count(*) FROM stage_housing) AS staged;
