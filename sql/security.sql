-- security: u16 under hostile schemas and search paths, and the catalog rules
-- that keep it that way (issue 9).  An unprivileged role that can create
-- objects in a schema on somebody's search_path must not be able to slip its
-- objects into u16's functions, aggregates, operators or CREATE EXTENSION.
SET client_min_messages = warning;

-- 1. Catalog rules for every function of the extension (they also hold
-- functions added later, e.g. by the data model).
-- Internal functions and immutable C functions (the types' and aggregates')
-- run no SQL; any other function (SQL, PL/pgSQL, and the monitor's C
-- functions, which run SQL through SPI) must pin search_path ...
SELECT p.oid::regprocedure AS function_without_pinned_search_path
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16'
WHERE p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'internal')
  AND (p.prolang <> (SELECT oid FROM pg_language WHERE lanname = 'c') OR p.provolatile <> 'i')
  AND NOT EXISTS (SELECT FROM unnest(p.proconfig) AS c WHERE c LIKE 'search_path=%')
ORDER BY 1;
-- ... with pg_catalog first (the built-ins before anything of u16's) ...
SELECT p.oid::regprocedure AS function, c AS setting
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16'
CROSS JOIN unnest(p.proconfig) AS c
WHERE c LIKE 'search_path=%' AND split_part(replace(substr(c, 13), ' ', ''), ',', 1) <> 'pg_catalog'
ORDER BY 1;
-- ... to schemas nobody else can write: u16, pg_catalog and pg_temp (last).
SELECT p.oid::regprocedure AS function, c AS setting
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16'
CROSS JOIN unnest(p.proconfig) AS c
WHERE c LIKE 'search_path=%'
  AND NOT (string_to_array(replace(substr(c, 13), ' ', ''), ',') <@ ARRAY['u16', 'pg_catalog', 'pg_temp'])
ORDER BY 1;
-- No SECURITY DEFINER function: u16's functions run with the caller's rights.
SELECT p.oid::regprocedure AS security_definer_function
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16'
WHERE p.prosecdef
ORDER BY 1;
-- Every function of the extension lives in schema u16.
SELECT p.oid::regprocedure AS function_outside_u16
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16'
WHERE p.pronamespace <> 'u16'::regnamespace
ORDER BY 1;

-- 2. A database where an unprivileged role may create objects in public (as
-- in databases from before PostgreSQL 15) and owns a schema of its own.
CREATE ROLE regress_u16_hostile;
CREATE DATABASE regression_u16_hostile;
\c regression_u16_hostile
SET client_min_messages = warning;
GRANT CREATE ON SCHEMA public TO PUBLIC;
CREATE SCHEMA hostile AUTHORIZATION regress_u16_hostile;

-- Look-alikes are planted through plant(): a function of the hostile role
-- (SECURITY INVOKER, so what it creates belongs to whoever calls it) that
-- creates a SQL function 'signature RETURNS type' returning 'result'.
CREATE FUNCTION public.plant(signature text, returns text, result text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE FUNCTION %s RETURNS %s LANGUAGE sql AS %L', signature, returns, 'SELECT ' || result);
END $$;

-- Before u16 exists, the role plants look-alikes of what an install script
-- might call by name: u16's own names and the built-ins it uses.
SET ROLE regress_u16_hostile;
SELECT plant(f, r, v) FROM (VALUES
    ('public.share(k bigint, n bigint)', 'text', '''planted'''),
    ('hostile.share_value(text)', 'double precision', '42::double precision'),
    ('public.int4eq(integer, integer)', 'boolean', 'true'),
    ('public.btint4cmp(integer, integer)', 'integer', '0'),
    ('public.hashint8(bigint)', 'integer', '0'),
    ('public.int8lt(bigint, bigint)', 'boolean', 'true')) AS planted(f, r, v);
CREATE OPERATOR public.= (LEFTARG = integer, RIGHTARG = integer, FUNCTION = public.int4eq);
CREATE OPERATOR hostile.< (LEFTARG = bigint, RIGHTARG = bigint, FUNCTION = public.int8lt);
RESET ROLE;

-- The superuser installs u16 with the writable schemas first on its path,
-- even before pg_catalog.  CREATE EXTENSION runs the script with
-- search_path = u16, pg_temp, so none of the plants is seen.
SET search_path = hostile, public, pg_catalog;
CREATE EXTENSION u16;
RESET search_path;

-- The objects of the extension (and the operator-class entries that belong to
-- them) refer only to objects in u16 or pg_catalog, so aggregates, operators,
-- casts, types and operator classes call u16's own functions whatever the
-- search_path.  refs_to_objects_outside lists those that do not.
CREATE FUNCTION pg_temp.u16_references()
RETURNS TABLE (u16_object text, refers_to text, schema text) LANGUAGE sql AS $$
    WITH objs AS (
        SELECT d.classid, d.objid FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
        WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'u16' AND d.deptype = 'e'
        UNION
        SELECT 'pg_amop'::regclass, a.oid FROM pg_amop a JOIN pg_opfamily f ON f.oid = a.amopfamily
        WHERE f.opfnamespace = 'u16'::regnamespace
        UNION
        SELECT 'pg_amproc'::regclass, a.oid FROM pg_amproc a JOIN pg_opfamily f ON f.oid = a.amprocfamily
        WHERE f.opfnamespace = 'u16'::regnamespace)
    SELECT pg_describe_object(d.classid, d.objid, d.objsubid),
           pg_describe_object(d.refclassid, d.refobjid, d.refobjsubid), o.schema
    FROM objs JOIN pg_depend d USING (classid, objid)
    CROSS JOIN LATERAL pg_identify_object(d.refclassid, d.refobjid, d.refobjsubid) AS o
$$;
SELECT count(*) FILTER (WHERE schema = 'u16') > 100 AS refers_to_u16_objects,
       count(*) FILTER (WHERE schema IS NOT NULL AND schema NOT IN ('u16', 'pg_catalog'))
           AS refs_to_objects_outside
FROM pg_temp.u16_references();
SELECT * FROM pg_temp.u16_references()
WHERE schema IS NOT NULL AND schema NOT IN ('u16', 'pg_catalog') ORDER BY 1, 2;

-- The schema u16 comes without privileges for other roles (PostgreSQL's
-- default for a new schema): until a DBA grants USAGE, other roles cannot even
-- name u16's types.
SET ROLE regress_u16_hostile;
SELECT '45/60'::u16.share;
RESET ROLE;
GRANT USAGE ON SCHEMA u16 TO regress_u16_hostile;

-- Now the role adds look-alikes on u16's own types: functions with u16's
-- names, operators for u16's types, in both writable schemas.
SET ROLE regress_u16_hostile;
SELECT plant(f, r, v) FROM (VALUES
    ('hostile.share_value(u16.share)', 'double precision', '42::double precision'),
    ('public.numerator(u16.share)', 'bigint', '-1::bigint'),
    ('hostile.share_accum(u16.share, boolean)', 'u16.share', '''0/0''::u16.share'),
    ('hostile.share_combine(u16.share, u16.share)', 'u16.share', '''0/0''::u16.share'),
    ('hostile.share_lt(u16.share, u16.share)', 'boolean', 'false'),
    ('hostile.share_cmp(u16.share, u16.share)', 'integer', '0'),
    ('hostile.closing_balance(u16.quota_ledger)', 'bigint', '-1::bigint'),
    ('hostile.period_plus(u16.period, integer)', 'u16.period', '''1000''::u16.period')) AS planted(f, r, v);
CREATE OPERATOR hostile.< (LEFTARG = u16.share, RIGHTARG = u16.share, FUNCTION = hostile.share_lt);
CREATE OPERATOR public.+ (LEFTARG = u16.share, RIGHTARG = u16.share, FUNCTION = hostile.share_combine);
CREATE OPERATOR public.+ (LEFTARG = u16.period, RIGHTARG = integer, FUNCTION = hostile.period_plus);
DO $$ BEGIN
    EXECUTE format('CREATE AGGREGATE %I.%I(boolean) (SFUNC = hostile.share_accum, STYPE = u16.share, INITCOND = %L)',
                   'hostile', 'share_agg', '0/0');
END $$;
RESET ROLE;

-- Queries by a user whose search_path puts the writable schemas first.
-- What the query itself names unqualified is resolved on that path (the
-- user's choice, as for any function): the planted ones win.
SET search_path = hostile, public, u16;
CREATE TABLE rows (municipality int, ok boolean, s share, p period, quota bigint, housed bigint);
INSERT INTO rows VALUES (1, true, '45/60', '2018H1', 40, 30), (1, false, '3/4', '2018H2', 10, 25),
    (2, true, '0/10', '2018H1', 5, 5), (2, NULL, '1/2', '2018H2', 5, 0), (3, true, '2/4', '2018H1', 0, 0);
SELECT share_value('45/60'::share) AS planted_share_value, numerator('45/60'::share) AS planted_numerator,
       '45/60'::share + '1/2'::share AS planted_plus, share_agg(ok) AS planted_share_agg FROM rows;
-- What u16 does inside is bound to u16's own functions when u16 was created:
-- aggregates (transition, combine, final), default operator classes (ORDER BY,
-- DISTINCT, GROUP BY, indexes, hash joins) and u16's functions calling each other.
SELECT u16.share_agg(ok) AS share_agg, u16.rollup(s) AS rollup,
       u16.share_value(u16.rollup(s)) AS region_value,
       u16.attainment_agg(s, '>= 50%') AS attainment_agg,
       u16.ci_lower('45/60') = u16.ci_lower('45/60'::u16.share, 0.95) AS ci_default_level
FROM rows;
SELECT municipality, u16.quota_deficit(p, quota, housed) AS deficit,
       u16.closing_balance(u16.quota_ledger(p, quota, housed)) AS closing_balance
FROM rows GROUP BY municipality ORDER BY municipality;
-- The monitor's own SQL, which its C functions run through SPI, names u16's
-- objects with their schema and runs on search_path pg_catalog, pg_temp: an
-- operator planted for u16's enum of language levels (an exact match, which
-- would win over pg_catalog's anyenum =) changes nothing in the cells read on
-- the user's path.  (Before, it ran as whoever read them: a way to superuser.)
SET search_path = public, u16;
\set ECHO none
\i test/data/monitor_fixture.sql
\set ECHO all
CREATE TEMP TABLE cells_on_a_clean_path AS SELECT * FROM u16.indicator_cell_live;
SET ROLE regress_u16_hostile;
SELECT plant('hostile.level_eq(u16.cefr_level, u16.cefr_level)', 'boolean', 'false');
CREATE OPERATOR hostile.= (LEFTARG = u16.cefr_level, RIGHTARG = u16.cefr_level, FUNCTION = hostile.level_eq);
RESET ROLE;
SET search_path = hostile, public, u16;
SELECT 'B1'::cefr_level = 'B1'::cefr_level AS planted_equal_on_the_users_path;
SELECT (SELECT count(*) FROM cells_on_a_clean_path) AS cells,
       (SELECT count(*) FROM cells_on_a_clean_path WHERE indicator_code = 'T2.3' AND level IS NOT NULL) AS level_cells,
       (SELECT count(*) FROM (SELECT * FROM u16.indicator_cell_live EXCEPT ALL SELECT * FROM cells_on_a_clean_path) x)
     + (SELECT count(*) FROM (SELECT * FROM cells_on_a_clean_path EXCEPT ALL SELECT * FROM u16.indicator_cell_live) x) AS differing;
SELECT array_agg(s ORDER BY s) AS ordered, array_agg(DISTINCT s) AS distinct_shares FROM rows;
SELECT s, count(*) FROM (SELECT s FROM rows UNION ALL SELECT s FROM rows) t GROUP BY s ORDER BY s;
SET enable_sort = off;
CREATE INDEX ON rows (s);
SELECT s FROM rows WHERE s OPERATOR(u16.<) '1/2'::u16.share ORDER BY s;
RESET enable_sort;
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT count(*) AS hash_joined FROM rows a JOIN rows b ON a.s OPERATOR(u16.=) b.s;
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT p OPERATOR(u16.+) 1 AS next_period, u16.period_plus(p, 1) AS same FROM rows WHERE municipality = 1 ORDER BY p;
RESET search_path;

-- 3. A schema named u16 that an unprivileged role created beforehand.
-- PostgreSQL itself would use it as it is (the control file names schema u16)
-- and leave its owner free to add look-alikes next to u16's objects, so u16's
-- install script refuses: CREATE EXTENSION fails with 42501.
\c contrib_regression
SET client_min_messages = warning;
CREATE DATABASE regression_u16_schema;
GRANT CREATE ON DATABASE regression_u16_schema TO regress_u16_hostile;
\c regression_u16_schema
SET client_min_messages = warning;
SET ROLE regress_u16_hostile;
-- (u16 is not trusted, it has C functions: only a superuser creates it.)
\set VERBOSITY terse
CREATE EXTENSION u16;
\set VERBOSITY default
CREATE SCHEMA u16;
DO $$ BEGIN
    EXECUTE format('CREATE FUNCTION %I.%I(text) RETURNS double precision LANGUAGE sql AS %L',
                   'u16', 'share_value', 'SELECT 42::double precision');
END $$;
RESET ROLE;
\set VERBOSITY terse
CREATE EXTENSION u16;
\set VERBOSITY default
SELECT count(*) AS extensions FROM pg_extension WHERE extname = 'u16';
-- Once a superuser owns the schema (and has looked at what is in it), it works.
DROP FUNCTION u16.share_value(text);
ALTER SCHEMA u16 OWNER TO CURRENT_USER;
CREATE EXTENSION u16;
SELECT u16.share_value('45/60') AS share_value;
-- A schema u16 owned by a superuser is fine as it is.
DROP EXTENSION u16;
CREATE EXTENSION u16;
SELECT extname, extnamespace::regnamespace FROM pg_extension WHERE extname = 'u16';
-- One in which another role may create objects is not: neither for CREATE
-- EXTENSION nor for an update (which checks again).
DROP EXTENSION u16;
GRANT CREATE ON SCHEMA u16 TO regress_u16_hostile;
\set VERBOSITY terse
CREATE EXTENSION u16;
\set VERBOSITY default
GRANT CREATE ON SCHEMA u16 TO PUBLIC;
REVOKE CREATE ON SCHEMA u16 FROM regress_u16_hostile;
\set VERBOSITY terse
CREATE EXTENSION u16;
\set VERBOSITY default
REVOKE CREATE ON SCHEMA u16 FROM PUBLIC;
CREATE EXTENSION u16;
SELECT count(*) AS extensions FROM pg_extension WHERE extname = 'u16';
DROP EXTENSION u16;
CREATE EXTENSION u16 VERSION '0.1.0';
GRANT CREATE ON SCHEMA u16 TO regress_u16_hostile;
\set VERBOSITY terse
ALTER EXTENSION u16 UPDATE;
\set VERBOSITY default
REVOKE CREATE ON SCHEMA u16 FROM regress_u16_hostile;
ALTER EXTENSION u16 UPDATE;
SELECT extversion <> '0.1.0' AS updated FROM pg_extension WHERE extname = 'u16';

\c contrib_regression
SET client_min_messages = warning;
DROP DATABASE regression_u16_hostile;
DROP DATABASE regression_u16_schema;
DROP ROLE regress_u16_hostile;
