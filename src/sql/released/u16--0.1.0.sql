-- u16: the U16-monitor Asiel & Integratie inside PostgreSQL.
-- This file is generated from src/sql/NN_*.sql; edit those, not this.
\echo Use "CREATE EXTENSION u16" to load this file. \quit

-- ============================================================================
-- The schema u16 must belong to a superuser (or the role installing u16).
-- PostgreSQL uses a schema named in the control file that already exists as it
-- is, whoever owns it, and leaves it outside the extension; its owner could
-- then add look-alike functions and operators next to u16's (say a
-- u16.share_value(text) that captures share_value('45/60')) or rename the
-- schema.  So a schema pre-created by any other role stops CREATE EXTENSION.
-- Everything here is schema-qualified: the script's search_path is u16.
-- ============================================================================

DO $$
DECLARE
    owner_name pg_catalog.name;
BEGIN
    SELECT r.rolname INTO owner_name
    FROM pg_catalog.pg_namespace n
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
      AND NOT r.rolsuper
      AND r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER;
    IF FOUND THEN
        RAISE EXCEPTION 'schema % is owned by role %, which is not a superuser', '@extschema@', owner_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The owner of an extension''s schema can add objects that shadow the extension''s own.',
                  HINT = pg_catalog.format('Drop the schema, or give it to a superuser first: ALTER SCHEMA %s OWNER TO %I;',
                                           '@extschema@', CURRENT_USER);
    END IF;
END
$$;
-- ============================================================================
-- share: k of n persons (aandeel).  Layer 1, values.  C: src/share.c
-- ============================================================================

CREATE TYPE @extschema@.share;

CREATE FUNCTION @extschema@.share_in(cstring) RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_out(@extschema@.share) RETURNS cstring
    AS 'MODULE_PATHNAME', 'u16_share_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_recv(internal) RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_send(@extschema@.share) RETURNS bytea
    AS 'MODULE_PATHNAME', 'u16_share_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.share (
    INPUT = @extschema@.share_in,
    OUTPUT = @extschema@.share_out,
    RECEIVE = @extschema@.share_recv,
    SEND = @extschema@.share_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.share IS
    'k of n persons, written ''45/60''; 0 <= k <= n; ''0/0'' is the empty share';

-- Constructor and accessors ---------------------------------------------------

CREATE FUNCTION @extschema@.share(k bigint, n bigint) RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share(bigint, bigint) IS
    'the share k of n; error 22003 unless 0 <= k <= n';

CREATE FUNCTION @extschema@.numerator(@extschema@.share) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_share_numerator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.numerator(@extschema@.share) IS 'k of the share k/n';

CREATE FUNCTION @extschema@.denominator(@extschema@.share) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_share_denominator' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.denominator(@extschema@.share) IS 'n of the share k/n';

CREATE FUNCTION @extschema@.share_value(@extschema@.share) RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_share_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share_value(@extschema@.share) IS
    'the proportion k/n as a fraction 0..1; NULL for the empty share 0/0';

CREATE FUNCTION @extschema@.ci_lower(@extschema@.share, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_share_ci_lower' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ci_lower(@extschema@.share, double precision) IS
    'lower bound of the Wilson score interval at the given confidence level; NULL for 0/0';

CREATE FUNCTION @extschema@.ci_upper(@extschema@.share, level double precision DEFAULT 0.95)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_share_ci_upper' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.ci_upper(@extschema@.share, double precision) IS
    'upper bound of the Wilson score interval at the given confidence level; NULL for 0/0';

-- share + share ---------------------------------------------------------------

CREATE FUNCTION @extschema@.share_add(@extschema@.share, @extschema@.share)
    RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share_add(@extschema@.share, @extschema@.share) IS
    'sum of two shares: (k1 + k2)/(n1 + n2); error 22003 on overflow';

CREATE OPERATOR @extschema@.+ (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share,
    FUNCTION = @extschema@.share_add, COMMUTATOR = OPERATOR(@extschema@.+)
);

-- Ordering and hashing ----------------------------------------------------------
-- Order: by proportion (exact), then denominator, then numerator; 0/0 first.
-- '=' means equal counts: '1/2' <> '2/4'.

CREATE FUNCTION @extschema@.share_cmp(@extschema@.share, @extschema@.share) RETURNS integer
    AS 'MODULE_PATHNAME', 'u16_share_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_lt(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_le(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_eq(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_ne(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_ge(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_gt(@extschema@.share, @extschema@.share) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_share_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_hash(@extschema@.share) RETURNS integer
    AS 'MODULE_PATHNAME', 'u16_share_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_hash_extended(@extschema@.share, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_share_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.share, RIGHTARG = @extschema@.share, FUNCTION = @extschema@.share_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);

CREATE OPERATOR CLASS @extschema@.share_ops
    DEFAULT FOR TYPE @extschema@.share USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.share_cmp(@extschema@.share, @extschema@.share);

CREATE OPERATOR CLASS @extschema@.share_hash_ops
    DEFAULT FOR TYPE @extschema@.share USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.share_hash(@extschema@.share),
        FUNCTION 2 @extschema@.share_hash_extended(@extschema@.share, bigint);
-- ============================================================================
-- share_agg and rollup: two-step aggregation of shares.  Layer 2, aggregates.
-- C: src/share_agg.c
--   rows -> share_agg(boolean) -> share -> rollup(share) -> share -> accessors
-- The state is the share type itself (INITCOND '0/0'): parallel through the
-- combine function, O(1) per row in sliding windows through MSFUNC/MINVFUNC.
-- ============================================================================

CREATE FUNCTION @extschema@.share_accum(@extschema@.share, boolean) RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_retract(@extschema@.share, boolean) RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_combine(@extschema@.share, @extschema@.share)
    RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.share_uncombine(@extschema@.share, @extschema@.share)
    RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_share_uncombine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE AGGREGATE @extschema@.share_agg(boolean) (
    SFUNC = @extschema@.share_accum,
    STYPE = @extschema@.share,
    INITCOND = '0/0',
    COMBINEFUNC = @extschema@.share_combine,
    MSFUNC = @extschema@.share_accum,
    MINVFUNC = @extschema@.share_retract,
    MSTYPE = @extschema@.share,
    MINITCOND = '0/0',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.share_agg(boolean) IS
    'share of rows whose condition is true among rows where it is not NULL; no rows give 0/0';

CREATE AGGREGATE @extschema@.rollup(@extschema@.share) (
    SFUNC = @extschema@.share_combine,
    STYPE = @extschema@.share,
    INITCOND = '0/0',
    COMBINEFUNC = @extschema@.share_combine,
    MSFUNC = @extschema@.share_combine,
    MINVFUNC = @extschema@.share_uncombine,
    MSTYPE = @extschema@.share,
    MINITCOND = '0/0',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.rollup(@extschema@.share) IS
    'sum of shares (numerators and denominators), e.g. municipalities to region; NULLs ignored';
-- ============================================================================
-- Change versus baseline (peilmoment).  Layer 2.  C: src/baseline.c, src/stats.c
-- ============================================================================

CREATE FUNCTION @extschema@.share_increase(current @extschema@.share, baseline @extschema@.share)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_share_increase' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share_increase(@extschema@.share, @extschema@.share) IS
    'difference of proportions current - baseline (0.05 = +5 percentage points); NULL if either share is empty';

CREATE FUNCTION @extschema@.increase_p_value(current @extschema@.share, baseline @extschema@.share)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_increase_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.increase_p_value(@extschema@.share, @extschema@.share) IS
    'two-sided p-value that the proportions differ: Fisher''s exact test up to 10,000 persons or when an expected cell is below 5, else the pooled two-proportion z-test; NULL if either share is empty';

CREATE FUNCTION @extschema@.trend(current @extschema@.share, baseline @extschema@.share,
                                  alpha double precision DEFAULT 0.05)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_share_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.trend(@extschema@.share, @extschema@.share, double precision) IS
    '''rise'' or ''fall'' when the difference is significant at alpha, else ''no change''; ''no data'' if either share is empty';
-- ============================================================================
-- period: a calendar year, half-year, quarter or month.  Layer 1, values.
-- C: src/period.c, text forms in src/parse.c
-- Stored as int4 code = start_month * 4 + granularity (start_month = year * 12
-- + month - 1; granularity 0 year, 1 half-year, 2 quarter, 3 month), so int4
-- order is period order: chronological by first day, and for equal first days
-- the longer period first.  Comparison, sorting and hashing therefore reuse
-- int4's own functions (LANGUAGE internal), as contrib/isn does.
-- ============================================================================

CREATE TYPE @extschema@.period;

CREATE FUNCTION @extschema@.period_in(cstring) RETURNS @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_period_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.period_out(@extschema@.period) RETURNS cstring
    AS 'MODULE_PATHNAME', 'u16_period_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.period_recv(internal) RETURNS @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_period_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.period_send(@extschema@.period) RETURNS bytea
    AS 'MODULE_PATHNAME', 'u16_period_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.period (
    INPUT = @extschema@.period_in,
    OUTPUT = @extschema@.period_out,
    RECEIVE = @extschema@.period_recv,
    SEND = @extschema@.period_send,
    LIKE = pg_catalog.int4
);
COMMENT ON TYPE @extschema@.period IS
    'calendar period of the years 1000..9999: year ''2018'', half-year ''2018H1'', quarter ''2018Q3'' or month ''2018-05''';

-- Constructor and accessors ---------------------------------------------------

CREATE FUNCTION @extschema@.period(date, granularity text) RETURNS @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_period_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period(date, text) IS
    'the period of the given granularity (year, halfyear, quarter, month) that contains the date';

CREATE FUNCTION @extschema@.period_start(@extschema@.period) RETURNS date
    AS 'MODULE_PATHNAME', 'u16_period_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_start(@extschema@.period) IS 'first day of the period';

CREATE FUNCTION @extschema@.period_end(@extschema@.period) RETURNS date
    AS 'MODULE_PATHNAME', 'u16_period_end' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_end(@extschema@.period) IS 'last day of the period (inclusive)';

CREATE FUNCTION @extschema@.granularity(@extschema@.period) RETURNS text
    AS 'MODULE_PATHNAME', 'u16_period_granularity_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.granularity(@extschema@.period) IS
    'year, halfyear, quarter or month';

-- period::daterange -----------------------------------------------------------

CREATE FUNCTION @extschema@.period_daterange(@extschema@.period) RETURNS daterange
    AS 'MODULE_PATHNAME', 'u16_period_daterange' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_daterange(@extschema@.period) IS
    'the days of the period as a daterange [first day, day after the last day)';

CREATE CAST (@extschema@.period AS daterange)
    WITH FUNCTION @extschema@.period_daterange(@extschema@.period);
COMMENT ON CAST (@extschema@.period AS daterange) IS
    'explicit cast: the days of the period, ''[2018-01-01,2019-01-01)'' for ''2018''';

-- Arithmetic --------------------------------------------------------------------

CREATE FUNCTION @extschema@.period_plus(@extschema@.period, integer) RETURNS @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_period_plus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_plus(@extschema@.period, integer) IS
    'the period n periods of the same granularity later; error 22003 outside the years 1000..9999';
CREATE OPERATOR @extschema@.+ (
    LEFTARG = @extschema@.period, RIGHTARG = integer, FUNCTION = @extschema@.period_plus
);
COMMENT ON OPERATOR @extschema@.+ (@extschema@.period, integer) IS
    'shift by whole periods of the same granularity';

CREATE FUNCTION @extschema@.period_minus(@extschema@.period, integer) RETURNS @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_period_minus' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_minus(@extschema@.period, integer) IS
    'the period n periods of the same granularity earlier; error 22003 outside the years 1000..9999';
CREATE OPERATOR @extschema@.- (
    LEFTARG = @extschema@.period, RIGHTARG = integer, FUNCTION = @extschema@.period_minus
);
COMMENT ON OPERATOR @extschema@.- (@extschema@.period, integer) IS
    'shift back by whole periods of the same granularity';

CREATE FUNCTION @extschema@.period_difference(@extschema@.period, @extschema@.period)
    RETURNS integer
    AS 'MODULE_PATHNAME', 'u16_period_difference' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_difference(@extschema@.period, @extschema@.period) IS
    'number of periods from the second to the first (a - b); error 22023 if granularities differ';
CREATE OPERATOR @extschema@.- (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period,
    FUNCTION = @extschema@.period_difference
);
COMMENT ON OPERATOR @extschema@.- (@extschema@.period, @extschema@.period) IS
    'number of periods between two periods of the same granularity';

-- periods(from, to): the series from..to inclusive -------------------------------

CREATE FUNCTION @extschema@.periods_support(internal) RETURNS internal
    AS 'MODULE_PATHNAME', 'u16_periods_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.periods_support(internal) IS
    'planner support for periods(): exact row estimate for constant arguments';

CREATE FUNCTION @extschema@.periods("from" @extschema@.period, "to" @extschema@.period)
    RETURNS SETOF @extschema@.period
    AS 'MODULE_PATHNAME', 'u16_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    SUPPORT @extschema@.periods_support;
COMMENT ON FUNCTION @extschema@.periods(@extschema@.period, @extschema@.period) IS
    'every period from..to inclusive, in order; no rows if from > to; error 22023 if granularities differ';

-- Containment -------------------------------------------------------------------

CREATE FUNCTION @extschema@.period_contains_date(@extschema@.period, date) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_period_contains_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_contains_date(@extschema@.period, date) IS
    'does the period contain the day?';
CREATE FUNCTION @extschema@.date_contained_by_period(date, @extschema@.period) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_date_contained_by_period' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.date_contained_by_period(date, @extschema@.period) IS
    'is the day within the period?';
CREATE FUNCTION @extschema@.period_contains(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_period_contains' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_contains(@extschema@.period, @extschema@.period) IS
    'does the first period contain every day of the second? (any granularities; a period contains itself)';
CREATE FUNCTION @extschema@.period_contained_by(@extschema@.period, @extschema@.period)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_period_contained_by' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_contained_by(@extschema@.period, @extschema@.period) IS
    'is every day of the first period within the second?';

CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.period, RIGHTARG = date, FUNCTION = @extschema@.period_contains_date,
    COMMUTATOR = OPERATOR(@extschema@.<@), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.@> (@extschema@.period, date) IS 'period contains day';
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = date, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.date_contained_by_period,
    COMMUTATOR = OPERATOR(@extschema@.@>), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.<@ (date, @extschema@.period) IS 'day is within period';
CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period,
    FUNCTION = @extschema@.period_contains,
    COMMUTATOR = OPERATOR(@extschema@.<@), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.@> (@extschema@.period, @extschema@.period) IS
    'period contains period (''2018'' @> ''2018H2'')';
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period,
    FUNCTION = @extschema@.period_contained_by,
    COMMUTATOR = OPERATOR(@extschema@.@>), RESTRICT = contsel, JOIN = contjoinsel
);
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.period, @extschema@.period) IS
    'period is within period (''2018H2'' <@ ''2018'')';

-- Ordering and hashing: int4's functions on the code ------------------------------
-- Order: by first day; for equal first days the longer period first
-- ('2018' < '2018H1' < '2018Q1' < '2018-01' < '2018-02' < '2018-03' < '2018Q2').

CREATE FUNCTION @extschema@.period_cmp(@extschema@.period, @extschema@.period) RETURNS integer
    AS 'btint4cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_cmp(@extschema@.period, @extschema@.period) IS
    'btree comparison of periods: by first day, then longer first';
CREATE FUNCTION @extschema@.period_sortsupport(internal) RETURNS void
    AS 'btint4sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_sortsupport(internal) IS
    'btree sort support for periods (int4''s)';
CREATE FUNCTION @extschema@.period_lt(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_lt(@extschema@.period, @extschema@.period) IS
    'implementation of < for periods';
CREATE FUNCTION @extschema@.period_le(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_le(@extschema@.period, @extschema@.period) IS
    'implementation of <= for periods';
CREATE FUNCTION @extschema@.period_eq(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_eq(@extschema@.period, @extschema@.period) IS
    'implementation of = for periods';
CREATE FUNCTION @extschema@.period_ne(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_ne(@extschema@.period, @extschema@.period) IS
    'implementation of <> for periods';
CREATE FUNCTION @extschema@.period_ge(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_ge(@extschema@.period, @extschema@.period) IS
    'implementation of >= for periods';
CREATE FUNCTION @extschema@.period_gt(@extschema@.period, @extschema@.period) RETURNS boolean
    AS 'int4gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_gt(@extschema@.period, @extschema@.period) IS
    'implementation of > for periods';
CREATE FUNCTION @extschema@.period_hash(@extschema@.period) RETURNS integer
    AS 'hashint4' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_hash(@extschema@.period) IS 'hash of a period (int4''s)';
CREATE FUNCTION @extschema@.period_hash_extended(@extschema@.period, bigint) RETURNS bigint
    AS 'hashint4extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_hash_extended(@extschema@.period, bigint) IS
    'seeded hash of a period (int4''s)';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.period, @extschema@.period) IS
    'earlier first day, or the same first day and longer';
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.period, @extschema@.period) IS 'less than or equal';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.period, @extschema@.period) IS 'same period';
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.period, @extschema@.period) IS 'different periods';
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.period, @extschema@.period) IS 'greater than or equal';
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.period, RIGHTARG = @extschema@.period, FUNCTION = @extschema@.period_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.period, @extschema@.period) IS
    'later first day, or the same first day and shorter';

CREATE OPERATOR CLASS @extschema@.period_ops
    DEFAULT FOR TYPE @extschema@.period USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.period_cmp(@extschema@.period, @extschema@.period),
        FUNCTION 2 @extschema@.period_sortsupport(internal);
COMMENT ON OPERATOR CLASS @extschema@.period_ops USING btree IS
    'periods by first day, equal first days longer first';

CREATE OPERATOR CLASS @extschema@.period_hash_ops
    DEFAULT FOR TYPE @extschema@.period USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.period_hash(@extschema@.period),
        FUNCTION 2 @extschema@.period_hash_extended(@extschema@.period, bigint);
COMMENT ON OPERATOR CLASS @extschema@.period_hash_ops USING hash IS 'hashing of periods';

-- min and max: the earliest and latest period (int4's smaller/larger on the code,
-- whose order is the period order; SORTOP lets the planner use an index).
CREATE FUNCTION @extschema@.period_smaller(@extschema@.period, @extschema@.period)
    RETURNS @extschema@.period
    AS 'int4smaller' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_smaller(@extschema@.period, @extschema@.period) IS
    'the earlier of two periods (in the btree order)';
CREATE FUNCTION @extschema@.period_larger(@extschema@.period, @extschema@.period)
    RETURNS @extschema@.period
    AS 'int4larger' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.period_larger(@extschema@.period, @extschema@.period) IS
    'the later of two periods (in the btree order)';
CREATE AGGREGATE @extschema@.min(@extschema@.period) (
    SFUNC = @extschema@.period_smaller, STYPE = @extschema@.period,
    COMBINEFUNC = @extschema@.period_smaller, SORTOP = OPERATOR(@extschema@.<), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.min(@extschema@.period) IS 'earliest period';
CREATE AGGREGATE @extschema@.max(@extschema@.period) (
    SFUNC = @extschema@.period_larger, STYPE = @extschema@.period,
    COMBINEFUNC = @extschema@.period_larger, SORTOP = OPERATOR(@extschema@.>), PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.max(@extschema@.period) IS 'latest period';
-- ============================================================================
-- target: what an indicator should reach, and attainment.  Layer 1, values,
-- and layer 2, attainment.  C: src/target.c, text forms in src/parse.c
-- Stored as int8 code = kind << 40 | operator << 32 | (value + 2^31), unused
-- bits zero, so equal targets have equal codes and int8 order is the order
-- (kind, operator, threshold): comparison, sorting and hashing reuse int8's
-- own functions (LANGUAGE internal), as contrib/isn does.
-- ============================================================================

CREATE TYPE @extschema@.target;

CREATE FUNCTION @extschema@.target_in(cstring) RETURNS @extschema@.target
    AS 'MODULE_PATHNAME', 'u16_target_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_out(@extschema@.target) RETURNS cstring
    AS 'MODULE_PATHNAME', 'u16_target_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_recv(internal) RETURNS @extschema@.target
    AS 'MODULE_PATHNAME', 'u16_target_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.target_send(@extschema@.target) RETURNS bytea
    AS 'MODULE_PATHNAME', 'u16_target_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.target (
    INPUT = @extschema@.target_in,
    OUTPUT = @extschema@.target_out,
    RECEIVE = @extschema@.target_recv,
    SEND = @extschema@.target_send,
    LIKE = pg_catalog.int8
);
COMMENT ON TYPE @extschema@.target IS
    'target of an indicator: share threshold ''>= 90%'', count threshold ''>= 1'', ''rise'', ''fall'' or deadline ''by 2018-06-01''';

-- Attainment -------------------------------------------------------------------
-- Not STRICT: a NULL or empty actual value is 'no data'; a NULL target gives
-- NULL; a target of the wrong kind is error 22023.

CREATE FUNCTION @extschema@.attainment(actual @extschema@.share, t @extschema@.target)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_attainment_share'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.share, @extschema@.target) IS
    'met / not met of a share against a share threshold, compared exactly; no data for NULL or 0/0';

CREATE FUNCTION @extschema@.attainment(actual bigint, t @extschema@.target)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_attainment_count'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(bigint, @extschema@.target) IS
    'met / not met of a count against a count threshold; no data for NULL';

CREATE FUNCTION @extschema@.attainment(actual @extschema@.share, t @extschema@.target,
                                       baseline @extschema@.share)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_attainment_change'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.share, @extschema@.target, @extschema@.share) IS
    'rise / fall: met when the proportion is strictly above / below the baseline''s (point estimate, exact); no data if either is NULL or 0/0; share thresholds ignore the baseline';

CREATE FUNCTION @extschema@.attainment(actual @extschema@.share, t @extschema@.target,
                                       baseline @extschema@.share, alpha double precision)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_attainment_change'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(@extschema@.share, @extschema@.target, @extschema@.share, double precision) IS
    'rise / fall with statistics: met when trend(actual, baseline, alpha) is the wanted rise or fall (significant at alpha); alpha NULL is the plain comparison; no data if either share is NULL or 0/0';

CREATE FUNCTION @extschema@.attainment(done_on date, t @extschema@.target, as_of date)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_attainment_deadline'
    LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment(date, @extschema@.target, date) IS
    'deadline ''by D'' as of a date: met if done on or before D, pending while not done and as_of <= D, else not met; done_on NULL or after as_of is not done; as_of NULL is no data';

-- Ordering and hashing: int8's functions on the code --------------------------------
-- Order: by kind (share, count, change, deadline), then operator (<, <=, =, >=, >;
-- rise before fall), then threshold.  It serves ORDER BY, DISTINCT and GROUP BY.

CREATE FUNCTION @extschema@.target_cmp(@extschema@.target, @extschema@.target) RETURNS integer
    AS 'btint8cmp' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_cmp(@extschema@.target, @extschema@.target) IS
    'btree comparison of targets: by kind, operator, threshold';
CREATE FUNCTION @extschema@.target_sortsupport(internal) RETURNS void
    AS 'btint8sortsupport' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_sortsupport(internal) IS
    'btree sort support for targets (int8''s)';
CREATE FUNCTION @extschema@.target_lt(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8lt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_lt(@extschema@.target, @extschema@.target) IS
    'implementation of < for targets';
CREATE FUNCTION @extschema@.target_le(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8le' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_le(@extschema@.target, @extschema@.target) IS
    'implementation of <= for targets';
CREATE FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8eq' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_eq(@extschema@.target, @extschema@.target) IS
    'implementation of = for targets';
CREATE FUNCTION @extschema@.target_ne(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8ne' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_ne(@extschema@.target, @extschema@.target) IS
    'implementation of <> for targets';
CREATE FUNCTION @extschema@.target_ge(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8ge' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_ge(@extschema@.target, @extschema@.target) IS
    'implementation of >= for targets';
CREATE FUNCTION @extschema@.target_gt(@extschema@.target, @extschema@.target) RETURNS boolean
    AS 'int8gt' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_gt(@extschema@.target, @extschema@.target) IS
    'implementation of > for targets';
CREATE FUNCTION @extschema@.target_hash(@extschema@.target) RETURNS integer
    AS 'hashint8' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_hash(@extschema@.target) IS 'hash of a target (int8''s)';
CREATE FUNCTION @extschema@.target_hash_extended(@extschema@.target, bigint) RETURNS bigint
    AS 'hashint8extended' LANGUAGE internal IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_hash_extended(@extschema@.target, bigint) IS
    'seeded hash of a target (int8''s)';

CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel
);
COMMENT ON OPERATOR @extschema@.< (@extschema@.target, @extschema@.target) IS
    'sorts before (kind, operator, threshold)';
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel
);
COMMENT ON OPERATOR @extschema@.<= (@extschema@.target, @extschema@.target) IS
    'sorts before or equal';
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES
);
COMMENT ON OPERATOR @extschema@.= (@extschema@.target, @extschema@.target) IS
    'same target (same kind, operator and threshold)';
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON OPERATOR @extschema@.<> (@extschema@.target, @extschema@.target) IS 'different targets';
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = scalargesel, JOIN = scalargejoinsel
);
COMMENT ON OPERATOR @extschema@.>= (@extschema@.target, @extschema@.target) IS
    'sorts after or equal';
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.target, RIGHTARG = @extschema@.target, FUNCTION = @extschema@.target_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel
);
COMMENT ON OPERATOR @extschema@.> (@extschema@.target, @extschema@.target) IS 'sorts after';

CREATE OPERATOR CLASS @extschema@.target_ops
    DEFAULT FOR TYPE @extschema@.target USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.target_cmp(@extschema@.target, @extschema@.target),
        FUNCTION 2 @extschema@.target_sortsupport(internal);
COMMENT ON OPERATOR CLASS @extschema@.target_ops USING btree IS
    'targets by kind, operator, threshold (for sorting and grouping)';

CREATE OPERATOR CLASS @extschema@.target_hash_ops
    DEFAULT FOR TYPE @extschema@.target USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.target_hash(@extschema@.target),
        FUNCTION 2 @extschema@.target_hash_extended(@extschema@.target, bigint);
COMMENT ON OPERATOR CLASS @extschema@.target_hash_ops USING hash IS 'hashing of targets';
-- ============================================================================
-- attainment_agg: how many groups met a target, as a share.  Layer 2.
-- C: src/target_agg.c
--   groups -> attainment_agg(share, target) -> share (e.g. 12/16 municipalities)
-- Same shape as share_agg: state share, INITCOND '0/0', combine share_combine,
-- exact inverse for sliding windows.  Groups with no data (0/0) or a NULL
-- share or target count in neither part.
-- ============================================================================

CREATE FUNCTION @extschema@.attainment_accum(@extschema@.share, @extschema@.share,
                                             @extschema@.target)
    RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_attainment_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_accum(@extschema@.share, @extschema@.share, @extschema@.target) IS
    'transition function of attainment_agg: adds one group (n + 1, k + 1 if met); 0/0 groups are skipped';

CREATE FUNCTION @extschema@.attainment_retract(@extschema@.share, @extschema@.share,
                                               @extschema@.target)
    RETURNS @extschema@.share
    AS 'MODULE_PATHNAME', 'u16_attainment_retract' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.attainment_retract(@extschema@.share, @extschema@.share, @extschema@.target) IS
    'inverse transition function of attainment_agg, for moving window frames';

CREATE AGGREGATE @extschema@.attainment_agg(@extschema@.share, @extschema@.target) (
    SFUNC = @extschema@.attainment_accum,
    STYPE = @extschema@.share,
    INITCOND = '0/0',
    COMBINEFUNC = @extschema@.share_combine,
    MSFUNC = @extschema@.attainment_accum,
    MINVFUNC = @extschema@.attainment_retract,
    MSTYPE = @extschema@.share,
    MINITCOND = '0/0',
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.attainment_agg(@extschema@.share, @extschema@.target) IS
    'groups that met a share threshold among groups with data, as a share (''12/16''); 0/0 and NULL groups count in neither part';
-- ============================================================================
-- Housing quota (taakstelling): statutory formula and the quota ledger with
-- carry-over of deficits and surpluses.  Layer 2.  C: src/quota.c
-- ============================================================================

CREATE FUNCTION @extschema@.statutory_quota(national_total bigint, inhabitants bigint,
                                            national_inhabitants bigint) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_statutory_quota' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.statutory_quota(bigint, bigint, bigint) IS
    'Huisvestingswet 2014 art. 29: ceil(national_total * inhabitants / national_inhabitants), exact';

-- The ledger summary type -------------------------------------------------------

CREATE TYPE @extschema@.quota_ledger;
CREATE FUNCTION @extschema@.quota_ledger_in(cstring) RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_out(@extschema@.quota_ledger) RETURNS cstring
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_recv(internal) RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_send(@extschema@.quota_ledger) RETURNS bytea
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.quota_ledger (
    INPUT = @extschema@.quota_ledger_in,
    OUTPUT = @extschema@.quota_ledger_out,
    RECEIVE = @extschema@.quota_ledger_recv,
    SEND = @extschema@.quota_ledger_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.quota_ledger IS
    'quota, housed and correction per period of one municipality, e.g. {carry_surplus=true;2018H1=40/45/0}';

-- Aggregate support -------------------------------------------------------------

CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               bigint, bigint)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               bigint, bigint, bigint)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               bigint, bigint, bigint, boolean)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_combine(@extschema@.quota_ledger, @extschema@.quota_ledger)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

-- Accessors: about the ledger's last period -------------------------------------

CREATE FUNCTION @extschema@.closing_balance(@extschema@.quota_ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_ledger_closing_balance' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.closing_balance(@extschema@.quota_ledger) IS
    'balance carried out of the last period: > 0 deficit (achterstand), < 0 surplus (voorsprong); NULL if empty';
CREATE FUNCTION @extschema@.carried_in(@extschema@.quota_ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_ledger_carried_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.carried_in(@extschema@.quota_ledger) IS
    'balance carried into the last period (a surplus only when carry_surplus); NULL if empty';
CREATE FUNCTION @extschema@.obligation(@extschema@.quota_ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_ledger_obligation' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.obligation(@extschema@.quota_ledger) IS
    'obligation (opgave) of the last period: quota + carried-in balance; NULL if empty';
CREATE FUNCTION @extschema@.missed_in_a_row(@extschema@.quota_ledger) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_ledger_missed_in_a_row' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.missed_in_a_row(@extschema@.quota_ledger) IS
    'consecutive periods up to the last one whose obligation was not met; NULL if empty';

CREATE FUNCTION @extschema@.ledger_rows(@extschema@.quota_ledger,
    OUT period @extschema@.period, OUT quota bigint, OUT carried_in bigint, OUT obligation bigint,
    OUT housed bigint, OUT correction bigint, OUT closing_balance bigint,
    OUT realisation_quota double precision, OUT realisation_obligation double precision,
    OUT met_quota boolean, OUT met_obligation boolean, OUT missed_in_a_row integer)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 'u16_ledger_rows' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 40;
COMMENT ON FUNCTION @extschema@.ledger_rows(@extschema@.quota_ledger) IS
    'every period of the ledger from the first to the last (gaps as periods with quota 0 and housed 0), with the carry-over arithmetic';

-- Aggregates ----------------------------------------------------------------------
-- quota_ledger(...) returns the summary; quota_deficit(...) its closing balance.
-- Both are order-independent, parallel (combine) and usable as window functions:
--   quota_deficit(period, quota, housed) OVER (PARTITION BY municipality ORDER BY period)

CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);

CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint, bigint) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint, bigint, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);

COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint) IS
    'quota ledger of one municipality from rows (period, quota, housed), in any order';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint) IS
    'quota ledger from rows (period, quota, housed, correction), in any order';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint, boolean) IS
    'quota ledger from rows (period, quota, housed, correction, carry_surplus), in any order';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint) IS
    'closing balance after the last period (> 0 deficit, < 0 surplus), surpluses carried';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint, bigint) IS
    'closing balance after the last period, with corrections, surpluses carried';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, bigint, bigint, bigint, boolean) IS
    'closing balance after the last period, with corrections; surpluses carried only if carry_surplus';
-- ============================================================================
-- Monitor model, reference data: seed rows versus user rows, settings,
-- municipalities and the region, reception locations, population, quotas,
-- the indicator catalogue and targets.  Layer 3, SQL only.
--
-- Every table here is owned by the extension and registered with
-- pg_extension_config_dump, so pg_dump keeps what users put in it.  Tables
-- that ship seed rows have a column `seeded` (true while a row is exactly as
-- the extension shipped it) and the trigger seed_guard:
--   * pg_dump dumps only rows WHERE NOT seeded (user rows and edited seeds);
--   * editing a seed row makes it a user row (seeded = false), so it is dumped;
--   * inserting a row with the key of a seed row replaces the seed row in
--     place — that is how pg_restore puts edited seed rows back, after
--     CREATE EXTENSION has inserted the seeds again;
--   * deleting a seed row (or changing its key) leaves a tombstone in
--     deleted_seed, which is dumped; restoring the tombstone deletes the
--     re-inserted seed row again.
-- Seeds are inserted with the setting u16.seeding = on (also for future
-- update scripts, which must touch seed rows only WHERE seeded).
-- ============================================================================

SELECT pg_catalog.set_config('u16.seeding', 'on', true);

-- Seed rows versus user rows --------------------------------------------------

CREATE TABLE @extschema@.deleted_seed (
    table_name text NOT NULL,
    key jsonb NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, key)
);
COMMENT ON TABLE @extschema@.deleted_seed IS
    'tombstones: seed rows that users deleted (or whose key they changed); pg_dump keeps them, and restoring one deletes the seed row that CREATE EXTENSION inserted again';
COMMENT ON COLUMN @extschema@.deleted_seed.table_name IS 'table in schema u16 the seed row belonged to';
COMMENT ON COLUMN @extschema@.deleted_seed.key IS 'primary key of the deleted seed row, as a JSON object column -> value';
COMMENT ON COLUMN @extschema@.deleted_seed.deleted_at IS 'when the seed row was deleted';

-- The key of a row of `tbl` as a JSON object, for the key columns `cols`.
CREATE FUNCTION @extschema@.seed_key(row_value jsonb, cols text[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.jsonb_object_agg(c, row_value OPERATOR(pg_catalog.->) c) FROM pg_catalog.unnest(cols) AS c $$;
COMMENT ON FUNCTION @extschema@.seed_key(jsonb, text[]) IS
    'the key columns cols of a row (given as jsonb) as a JSON object; used by seed_guard';

-- Trigger on every seeded table; the trigger arguments are the key columns.
CREATE FUNCTION @extschema@.seed_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    key_columns text[] := TG_ARGV;
    seeding boolean := coalesce(current_setting('u16.seeding', true), '') OPERATOR(pg_catalog.=) 'on';
    replaying boolean := coalesce(current_setting('u16.tombstone', true), '') OPERATOR(pg_catalog.=) 'replaying';
    key_match text;
    all_columns text;
    replaced bigint;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        NEW.seeded := seeding;
        IF seeding THEN
            RETURN NEW;
        END IF;
        -- A user row with the key of a seed row replaces the seed row in place
        -- (an UPDATE, so rows referencing it stay valid).
        SELECT string_agg(format('to_jsonb(t.%1$I) OPERATOR(pg_catalog.=) to_jsonb(($1).%1$I)', k), ' AND ')
          INTO key_match FROM unnest(key_columns) AS k;
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO all_columns
          FROM pg_attribute a
         WHERE a.attrelid OPERATOR(pg_catalog.=) TG_RELID AND a.attnum OPERATOR(pg_catalog.>) 0
           AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) '';
        EXECUTE format('UPDATE %I.%I AS t SET (%s) = (SELECT %s FROM (SELECT ($1).*) AS n) WHERE t.seeded AND %s',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME, all_columns, all_columns, key_match)
          USING NEW;
        GET DIAGNOSTICS replaced = ROW_COUNT;
        IF replaced OPERATOR(pg_catalog.>) 0 THEN
            RETURN NULL;
        END IF;
        RETURN NEW;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        IF seeding THEN
            NEW.seeded := OLD.seeded;
            RETURN NEW;
        END IF;
        NEW.seeded := false;
        IF OLD.seeded AND @extschema@.seed_key(to_jsonb(OLD), key_columns)
                          OPERATOR(pg_catalog.<>) @extschema@.seed_key(to_jsonb(NEW), key_columns) THEN
            PERFORM set_config('u16.tombstone', 'recording', true);
            INSERT INTO @extschema@.deleted_seed (table_name, key)
            VALUES (TG_TABLE_NAME, @extschema@.seed_key(to_jsonb(OLD), key_columns))
            ON CONFLICT DO NOTHING;
            PERFORM set_config('u16.tombstone', '', true);
        END IF;
        RETURN NEW;
    ELSE
        IF OLD.seeded AND NOT seeding AND NOT replaying THEN
            PERFORM set_config('u16.tombstone', 'recording', true);
            INSERT INTO @extschema@.deleted_seed (table_name, key)
            VALUES (TG_TABLE_NAME, @extschema@.seed_key(to_jsonb(OLD), key_columns))
            ON CONFLICT DO NOTHING;
            PERFORM set_config('u16.tombstone', '', true);
        END IF;
        RETURN OLD;
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.seed_guard() IS
    'trigger of seeded tables: user inserts and edits are user rows (seeded = false, dumped); a user row with a seed row''s key replaces it; deleting a seed row leaves a tombstone in deleted_seed';

-- Restoring a tombstone deletes the seed row again.
CREATE FUNCTION @extschema@.replay_tombstone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    key_match text;
BEGIN
    -- A tombstone that seed_guard records for a delete it is doing needs no replay.
    IF coalesce(current_setting('u16.tombstone', true), '') OPERATOR(pg_catalog.=) 'recording'
       OR to_regclass(format('%I.%I', TG_TABLE_SCHEMA, NEW.table_name)) IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT string_agg(format('to_jsonb(t.%I) OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.->) %L)', k, k), ' AND ')
      INTO key_match FROM jsonb_object_keys(NEW.key) AS k;
    PERFORM set_config('u16.tombstone', 'replaying', true);
    EXECUTE format('DELETE FROM %I.%I AS t WHERE t.seeded AND %s', TG_TABLE_SCHEMA, NEW.table_name, key_match)
      USING NEW.key;
    PERFORM set_config('u16.tombstone', '', true);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.replay_tombstone() IS
    'trigger of deleted_seed: a tombstone inserted (by a user delete or by pg_restore) deletes the matching seed row if it is still there';
CREATE TRIGGER replay_tombstone BEFORE INSERT ON @extschema@.deleted_seed
    FOR EACH ROW EXECUTE FUNCTION @extschema@.replay_tombstone();

-- Settings ----------------------------------------------------------------------

CREATE TABLE @extschema@.setting (
    name text PRIMARY KEY,
    value text NOT NULL,
    value_type text NOT NULL
        CONSTRAINT "setting type is integer, numeric, boolean or text"
        CHECK (value_type OPERATOR(pg_catalog.=) ANY (ARRAY['integer', 'numeric', 'boolean', 'text'])),
    description text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.setting IS
    'policy settings (instellingen) the monitor''s views read, one row each; change a value with UPDATE u16.setting SET value = ... WHERE name = ...; read with setting_int, setting_numeric, setting_bool, setting_text';
COMMENT ON COLUMN @extschema@.setting.name IS 'name of the setting';
COMMENT ON COLUMN @extschema@.setting.value IS 'value as text; checked against value_type and the setting''s rule on every change';
COMMENT ON COLUMN @extschema@.setting.value_type IS 'integer, numeric, boolean or text: the accessor to read it with';
COMMENT ON COLUMN @extschema@.setting.description IS 'what the setting decides, and its default';
COMMENT ON COLUMN @extschema@.setting.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';

CREATE FUNCTION @extschema@.check_setting() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v text := NEW.value;
BEGIN
    IF NEW.value_type OPERATOR(pg_catalog.=) 'integer' AND v OPERATOR(pg_catalog.!~) '^\s*[+-]?[0-9]{1,9}\s*$' THEN
        RAISE EXCEPTION 'setting % must be a whole number, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    ELSIF NEW.value_type OPERATOR(pg_catalog.=) 'numeric'
          AND v OPERATOR(pg_catalog.!~) '^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN
        RAISE EXCEPTION 'setting % must be a number, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    ELSIF NEW.value_type OPERATOR(pg_catalog.=) 'boolean'
          AND lower(btrim(v)) OPERATOR(pg_catalog.<>) ALL (ARRAY['true', 'false']) THEN
        RAISE EXCEPTION 'setting % must be true or false, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.name OPERATOR(pg_catalog.=) 'min_cell_size' AND v::integer OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'setting min_cell_size must be at least 1, got %', v USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'baseline_offset_years' AND v::integer OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'setting baseline_offset_years must be at least 1, got %', v USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'significance_level'
          AND NOT (v::numeric OPERATOR(pg_catalog.>) 0 AND v::numeric OPERATOR(pg_catalog.<) 1) THEN
        RAISE EXCEPTION 'setting significance_level must lie strictly between 0 and 1, got %', v
            USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 't1_1_reading'
          AND v OPERATOR(pg_catalog.<>) ALL (ARRAY['couplings', 'azc_leavers']) THEN
        RAISE EXCEPTION 'setting t1_1_reading must be ''couplings'' or ''azc_leavers'', got ''%''', v
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.value_type OPERATOR(pg_catalog.=) 'boolean' THEN
        NEW.value := lower(btrim(v));
    ELSIF NEW.value_type OPERATOR(pg_catalog.<>) 'text' THEN
        NEW.value := btrim(v);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_setting() IS
    'trigger of setting: the value must fit value_type and the setting''s rule (min_cell_size >= 1, 0 < significance_level < 1, ...)';
CREATE TRIGGER check_setting BEFORE INSERT OR UPDATE ON @extschema@.setting
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_setting();
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.setting
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('name');

INSERT INTO @extschema@.setting (name, value, value_type, description) VALUES
    ('min_cell_size', '10', 'integer',
     'minimum cell size (privacy): a count, or a share whose denominator, is below this is suppressed in published views; default 10'),
    ('carry_surplus', 'true', 'boolean',
     'carry a housing surplus (voorsprong) into the next half-year like a deficit (achterstand); false lets surpluses lapse; default true'),
    ('baseline_offset_years', '1', 'integer',
     'the baseline (peilmoment) of "risen"/"fallen" indicators is the same indicator this many years earlier; default 1'),
    ('significance_level', '0.05', 'numeric',
     'alpha for trend(): a change counts as a rise or fall only when its p-value is below this; default 0.05'),
    ('t1_1_reading', 'couplings', 'text',
     'T1.1 reading: ''couplings'' = share of U16 couplings that came from U16 reception locations (default, the regional monitor''s reading); ''azc_leavers'' = share of U16-AZC leavers placed in the U16');

CREATE FUNCTION @extschema@.setting_text(setting_name text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v text;
BEGIN
    SELECT s.value INTO v FROM @extschema@.setting s WHERE s.name OPERATOR(pg_catalog.=) setting_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown setting "%"', setting_name USING ERRCODE = 'undefined_object',
            HINT = 'The settings are listed in table u16.setting.';
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION @extschema@.setting_text(text) IS 'value of a setting as text; error if there is no such setting';

CREATE FUNCTION @extschema@.setting_int(setting_name text) RETURNS integer
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::integer $$;
COMMENT ON FUNCTION @extschema@.setting_int(text) IS 'value of an integer setting, e.g. setting_int(''min_cell_size'')';

CREATE FUNCTION @extschema@.setting_numeric(setting_name text) RETURNS numeric
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::numeric $$;
COMMENT ON FUNCTION @extschema@.setting_numeric(text) IS 'value of a numeric setting, e.g. setting_numeric(''significance_level'')';

CREATE FUNCTION @extschema@.setting_bool(setting_name text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::boolean $$;
COMMENT ON FUNCTION @extschema@.setting_bool(text) IS 'value of a boolean setting, e.g. setting_bool(''carry_surplus'')';

-- Municipalities and the region ---------------------------------------------------

CREATE DOMAIN @extschema@.municipality_code AS text
    CONSTRAINT "municipality code is GM followed by 4 digits"
    CHECK (VALUE OPERATOR(pg_catalog.~) '^GM[0-9]{4}$');
COMMENT ON DOMAIN @extschema@.municipality_code IS
    'CBS municipality code (gemeentecode): GM followed by 4 digits, e.g. GM0344 (Utrecht)';

CREATE TABLE @extschema@.municipality (
    code @extschema@.municipality_code PRIMARY KEY,
    name text NOT NULL,
    province text NOT NULL,
    valid_from date,
    valid_to date,
    seeded boolean NOT NULL DEFAULT false,
    CONSTRAINT "municipality valid_to is not before valid_from"
        CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from)
);
COMMENT ON TABLE @extschema@.municipality IS
    'municipalities (gemeenten) with the dates they existed; seeded with the U16 of 2017-2019 plus Leerdam and Zederik (merged into Vijfheerenlanden)';
COMMENT ON COLUMN @extschema@.municipality.code IS 'CBS municipality code (gemeentecode), GM + 4 digits';
COMMENT ON COLUMN @extschema@.municipality.name IS 'name (gemeentenaam)';
COMMENT ON COLUMN @extschema@.municipality.province IS 'province (provincie)';
COMMENT ON COLUMN @extschema@.municipality.valid_from IS 'first day the municipality existed; NULL = before any period the monitor covers';
COMMENT ON COLUMN @extschema@.municipality.valid_to IS 'last day the municipality existed (inclusive); NULL = still exists';
COMMENT ON COLUMN @extschema@.municipality.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM0312', 'Bunnik', 'Utrecht', NULL, NULL),
    ('GM0310', 'De Bilt', 'Utrecht', NULL, NULL),
    ('GM0736', 'De Ronde Venen', 'Utrecht', NULL, NULL),
    ('GM0321', 'Houten', 'Utrecht', NULL, NULL),
    ('GM0353', 'IJsselstein', 'Utrecht', NULL, NULL),
    ('GM0331', 'Lopik', 'Utrecht', NULL, NULL),
    ('GM0335', 'Montfoort', 'Utrecht', NULL, NULL),
    ('GM0356', 'Nieuwegein', 'Utrecht', NULL, NULL),
    ('GM0589', 'Oudewater', 'Utrecht', NULL, NULL),
    ('GM1904', 'Stichtse Vecht', 'Utrecht', NULL, NULL),
    ('GM0344', 'Utrecht', 'Utrecht', NULL, NULL),
    ('GM1581', 'Utrechtse Heuvelrug', 'Utrecht', NULL, NULL),
    ('GM0620', 'Vianen', 'Utrecht', NULL, '2018-12-31'),
    ('GM0352', 'Wijk bij Duurstede', 'Utrecht', NULL, NULL),
    ('GM0632', 'Woerden', 'Utrecht', NULL, NULL),
    ('GM0355', 'Zeist', 'Utrecht', NULL, NULL),
    ('GM1961', 'Vijfheerenlanden', 'Utrecht', '2019-01-01', NULL),
    ('GM0545', 'Leerdam', 'Zuid-Holland', NULL, '2018-12-31'),
    ('GM0707', 'Zederik', 'Zuid-Holland', NULL, '2018-12-31');

CREATE TABLE @extschema@.municipality_succession (
    old_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    new_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    effective_on date NOT NULL,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (old_code, new_code),
    CONSTRAINT "a municipality does not succeed itself" CHECK (old_code OPERATOR(pg_catalog.<>) new_code)
);
COMMENT ON TABLE @extschema@.municipality_succession IS
    'mergers (herindelingen): old municipality -> new municipality from a date, to restate history on current boundaries; Vijfheerenlanden also contains Leerdam and Zederik, which were never U16 members';
COMMENT ON COLUMN @extschema@.municipality_succession.old_code IS 'municipality that ceased';
COMMENT ON COLUMN @extschema@.municipality_succession.new_code IS 'municipality that took over its area';
COMMENT ON COLUMN @extschema@.municipality_succession.effective_on IS 'first day of the new municipality';
COMMENT ON COLUMN @extschema@.municipality_succession.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.municipality_succession
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('old_code', 'new_code');

INSERT INTO @extschema@.municipality_succession (old_code, new_code, effective_on) VALUES
    ('GM0620', 'GM1961', '2019-01-01'),
    ('GM0545', 'GM1961', '2019-01-01'),
    ('GM0707', 'GM1961', '2019-01-01');

CREATE TABLE @extschema@.region (
    code text PRIMARY KEY
        CONSTRAINT "region code is letters and digits, not a municipality code"
        CHECK (code OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]{0,15}$' AND code OPERATOR(pg_catalog.!~) '^GM[0-9]{4}$'),
    name text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.region IS 'regions (regio''s) that group municipalities; seeded with the U16';
COMMENT ON COLUMN @extschema@.region.code IS 'region code, e.g. U16; used as area_code of region-wide targets';
COMMENT ON COLUMN @extschema@.region.name IS 'name of the region';
COMMENT ON COLUMN @extschema@.region.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.region
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.region (code, name) VALUES
    ('U16', 'U16: the sixteen municipalities of the Utrecht region (regio Utrecht)');

CREATE TABLE @extschema@.region_member (
    region text NOT NULL REFERENCES @extschema@.region (code),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    valid_from date NOT NULL,
    valid_to date,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (region, municipality_code, valid_from),
    CONSTRAINT "membership valid_to is not before valid_from" CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from)
);
COMMENT ON TABLE @extschema@.region_member IS
    'which municipalities belonged to a region when (lidmaatschap); a figure for a period uses the members valid in that period';
COMMENT ON COLUMN @extschema@.region_member.region IS 'region code, e.g. U16';
COMMENT ON COLUMN @extschema@.region_member.municipality_code IS 'member municipality';
COMMENT ON COLUMN @extschema@.region_member.valid_from IS 'first day of membership';
COMMENT ON COLUMN @extschema@.region_member.valid_to IS 'last day of membership (inclusive); NULL = still a member';
COMMENT ON COLUMN @extschema@.region_member.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.region_member
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('region', 'municipality_code', 'valid_from');

INSERT INTO @extschema@.region_member (region, municipality_code, valid_from, valid_to)
SELECT 'U16', code, DATE '2017-01-01', NULL
FROM @extschema@.municipality
WHERE code OPERATOR(pg_catalog.<>) ALL (ARRAY['GM0620', 'GM1961', 'GM0545', 'GM0707']);
INSERT INTO @extschema@.region_member (region, municipality_code, valid_from, valid_to) VALUES
    ('U16', 'GM0620', '2017-01-01', '2018-12-31'),
    ('U16', 'GM1961', '2019-01-01', NULL);

CREATE FUNCTION @extschema@.region_members(region_code text, p @extschema@.period)
    RETURNS SETOF @extschema@.municipality_code
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT DISTINCT m.municipality_code
    FROM @extschema@.region_member m
    WHERE m.region OPERATOR(pg_catalog.=) region_code
      AND m.valid_from OPERATOR(pg_catalog.<=) @extschema@.period_end(p)
      AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>=) @extschema@.period_start(p))
    ORDER BY 1
$$;
COMMENT ON FUNCTION @extschema@.region_members(text, @extschema@.period) IS
    'municipalities that were members of the region on at least one day of the period, e.g. region_members(''U16'', ''2018'')';

-- Areas: a municipality or a region (targets and milestones are set for either).
CREATE FUNCTION @extschema@.check_area_code() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.municipality m WHERE m.code::text OPERATOR(pg_catalog.=) NEW.area_code)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) NEW.area_code) THEN
        RAISE EXCEPTION 'area code ''%'' is neither a known municipality nor a known region', NEW.area_code
            USING ERRCODE = 'foreign_key_violation', COLUMN = 'area_code',
                  HINT = 'Use a code of u16.municipality (e.g. GM0344) or of u16.region (e.g. U16).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_area_code() IS
    'trigger: area_code must be a code of u16.municipality or of u16.region';

-- Reception locations -------------------------------------------------------------

CREATE TABLE @extschema@.reception_location (
    code text PRIMARY KEY
        CONSTRAINT "reception location code is not empty" CHECK (code OPERATOR(pg_catalog.~) '\S'),
    name text NOT NULL,
    municipality_code @extschema@.municipality_code REFERENCES @extschema@.municipality (code),
    places integer CONSTRAINT "places is not negative" CHECK (places OPERATOR(pg_catalog.>=) 0),
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.reception_location IS
    'reception locations (AZC, COA-locaties) that couplings come from; a location counts as inside the region when its municipality is a region member';
COMMENT ON COLUMN @extschema@.reception_location.code IS 'code of the location as used in coupling data';
COMMENT ON COLUMN @extschema@.reception_location.name IS 'name of the location';
COMMENT ON COLUMN @extschema@.reception_location.municipality_code IS 'municipality the location lies in; NULL when it is not in u16.municipality (then it counts as outside every region)';
COMMENT ON COLUMN @extschema@.reception_location.places IS 'number of places (capaciteit) as given by the plan of 2018; NULL if unknown';
COMMENT ON COLUMN @extschema@.reception_location.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.reception_location
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.reception_location (code, name, municipality_code, places) VALUES
    ('AZC-UTRECHT-HAYDNLAAN', 'AZC Utrecht, Joseph Haydnlaan', 'GM0344', 590),
    ('AZC-LEERSUM-HOOGSTRAAT', 'AZC Leersum "de Hoogstraat"', 'GM1581', 525);

-- Population ----------------------------------------------------------------------

CREATE TABLE @extschema@.population (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    reference_date date NOT NULL,
    inhabitants bigint NOT NULL CONSTRAINT "inhabitants is positive" CHECK (inhabitants OPERATOR(pg_catalog.>) 0),
    source text,
    PRIMARY KEY (municipality_code, reference_date)
);
COMMENT ON TABLE @extschema@.population IS
    'inhabitants (inwoners) of a municipality on a reference date (peildatum), CBS; the quota of a half-year uses 1 January of the previous year; for a merged municipality the province sets the number. Not seeded';
COMMENT ON COLUMN @extschema@.population.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.population.reference_date IS 'reference date (peildatum) of the count, usually 1 January';
COMMENT ON COLUMN @extschema@.population.inhabitants IS 'number of inhabitants';
COMMENT ON COLUMN @extschema@.population.source IS 'where the figure comes from, e.g. CBS StatLine or the province';

CREATE TABLE @extschema@.national_population (
    reference_date date PRIMARY KEY,
    inhabitants bigint NOT NULL CONSTRAINT "inhabitants is positive" CHECK (inhabitants OPERATOR(pg_catalog.>) 0),
    source text
);
COMMENT ON TABLE @extschema@.national_population IS 'inhabitants of the Netherlands on a reference date (peildatum), CBS. Not seeded';
COMMENT ON COLUMN @extschema@.national_population.reference_date IS 'reference date (peildatum) of the count';
COMMENT ON COLUMN @extschema@.national_population.inhabitants IS 'number of inhabitants of the Netherlands';
COMMENT ON COLUMN @extschema@.national_population.source IS 'where the figure comes from';

-- Housing quotas (taakstelling) -----------------------------------------------------

CREATE TABLE @extschema@.national_quota (
    period @extschema@.period NOT NULL
        CONSTRAINT "national quota period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    version integer NOT NULL CONSTRAINT "version is positive" CHECK (version OPERATOR(pg_catalog.>) 0),
    total bigint NOT NULL CONSTRAINT "national total is not negative" CHECK (total OPERATOR(pg_catalog.>=) 0),
    published_on date,
    source text,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (period, version)
);
COMMENT ON TABLE @extschema@.national_quota IS
    'national total of permit holders to house per half-year (landelijke taakstelling), with versions because it can be revised during the half-year; the highest version is current';
COMMENT ON COLUMN @extschema@.national_quota.period IS 'half-year, e.g. 2019H1';
COMMENT ON COLUMN @extschema@.national_quota.version IS 'version number: 1 = first publication, 2 = first revision, ...';
COMMENT ON COLUMN @extschema@.national_quota.total IS 'number of permit holders to house in the Netherlands in the half-year';
COMMENT ON COLUMN @extschema@.national_quota.published_on IS 'date of publication; NULL if unknown';
COMMENT ON COLUMN @extschema@.national_quota.source IS 'where the figure comes from';
COMMENT ON COLUMN @extschema@.national_quota.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.national_quota
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('period', 'version');

INSERT INTO @extschema@.national_quota (period, version, total, published_on, source) VALUES
    ('2019H1', 1, 8000, NULL, 'DOMAIN.md 5: first publication'),
    ('2019H1', 2, 6000, NULL, 'DOMAIN.md 5: revised during the half-year');

CREATE TABLE @extschema@.quota (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "quota period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    quota bigint NOT NULL CONSTRAINT "quota is not negative" CHECK (quota OPERATOR(pg_catalog.>=) 0),
    source text,
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.quota IS
    'municipal housing quota (taakstelling) per half-year: permit holders the municipality must house; fill with set_statutory_quotas() or from published figures. Not seeded';
COMMENT ON COLUMN @extschema@.quota.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.quota.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.quota.quota IS 'number of permit holders to house in the half-year';
COMMENT ON COLUMN @extschema@.quota.source IS 'statutory (computed), redistributed, or the publication it comes from';

CREATE TABLE @extschema@.quota_correction (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "correction period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    correction bigint NOT NULL,
    reason text NOT NULL CONSTRAINT "a correction has a reason" CHECK (reason OPERATOR(pg_catalog.~) '\S'),
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.quota_correction IS
    'manual adjustment (correctie) of a municipality''s closing balance of a half-year, e.g. registration corrections; added to balance(h+1)';
COMMENT ON COLUMN @extschema@.quota_correction.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.quota_correction.period IS 'half-year whose closing balance is corrected';
COMMENT ON COLUMN @extschema@.quota_correction.correction IS 'persons added to the closing balance (> 0 more deficit, < 0 less)';
COMMENT ON COLUMN @extschema@.quota_correction.reason IS 'why, in words';

CREATE TABLE @extschema@.opening_balance (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "opening balance period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    balance bigint NOT NULL,
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.opening_balance IS
    'balance carried into a half-year where the ledger of a municipality starts (> 0 deficit/achterstand, < 0 surplus/voorsprong); 0 if absent';
COMMENT ON COLUMN @extschema@.opening_balance.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.opening_balance.period IS 'half-year the balance is carried into';
COMMENT ON COLUMN @extschema@.opening_balance.balance IS 'carried balance: > 0 deficit (achterstand), < 0 surplus (voorsprong)';

-- Statutory quotas from a national total (Huisvestingswet 2014 art. 29) ------------

CREATE FUNCTION @extschema@.statutory_quotas(half_year @extschema@.period, national_version integer DEFAULT NULL)
    RETURNS TABLE (municipality_code @extschema@.municipality_code, reference_date date,
                   inhabitants bigint, national_inhabitants bigint, national_total bigint, quota bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ref date;
    total bigint;
    nl bigint;
BEGIN
    IF half_year IS NULL OR @extschema@.granularity(half_year) OPERATOR(pg_catalog.<>) 'halfyear' THEN
        RAISE EXCEPTION 'statutory_quotas needs a half-year such as 2018H1, got %', coalesce(half_year::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Inhabitants on 1 January of the previous year.
    ref := make_date(extract(year FROM @extschema@.period_start(half_year))::integer OPERATOR(pg_catalog.-) 1, 1, 1);
    SELECT q.total INTO total FROM @extschema@.national_quota q
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND (national_version IS NULL OR q.version OPERATOR(pg_catalog.=) national_version)
     ORDER BY q.version DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no national quota for % in u16.national_quota%', half_year,
            CASE WHEN national_version IS NULL THEN '' ELSE format(' (version %s)', national_version) END
            USING ERRCODE = 'no_data_found';
    END IF;
    SELECT n.inhabitants INTO nl FROM @extschema@.national_population n WHERE n.reference_date OPERATOR(pg_catalog.=) ref;
    RETURN QUERY
    SELECT m.code, ref, p.inhabitants, nl, total,
           CASE WHEN p.inhabitants IS NOT NULL AND nl IS NOT NULL
                THEN @extschema@.statutory_quota(total, p.inhabitants, nl) END
    FROM @extschema@.municipality m
    LEFT JOIN @extschema@.population p
           ON p.municipality_code::text OPERATOR(pg_catalog.=) m.code::text
          AND p.reference_date OPERATOR(pg_catalog.=) ref
    WHERE (m.valid_from IS NULL OR m.valid_from OPERATOR(pg_catalog.<=) @extschema@.period_start(half_year))
      AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>=) @extschema@.period_start(half_year))
    ORDER BY m.code;
END
$$;
COMMENT ON FUNCTION @extschema@.statutory_quotas(@extschema@.period, integer) IS
    'statutory quota of every municipality existing at the start of the half-year: ceil(national total x inhabitants / inhabitants of NL), inhabitants on 1 January of the previous year; national_version NULL = the latest; quota NULL where a population figure is missing';

CREATE FUNCTION @extschema@.set_statutory_quotas(half_year @extschema@.period, region_code text DEFAULT 'U16',
                                                 national_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    missing text;
    added bigint;
BEGIN
    SELECT string_agg(s.municipality_code::text, ', ' ORDER BY s.municipality_code) INTO missing
    FROM @extschema@.statutory_quotas(half_year, national_version) s
    WHERE s.municipality_code::text OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT @extschema@.region_members(region_code, half_year)::text))
      AND s.quota IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'cannot compute the % quota of %: population figures missing', half_year, missing
            USING ERRCODE = 'no_data_found',
                  HINT = 'Add inhabitants on 1 January of the previous year to u16.population and u16.national_population.';
    END IF;
    INSERT INTO @extschema@.quota (municipality_code, period, quota, source)
    SELECT s.municipality_code, half_year, s.quota, 'statutory'
    FROM @extschema@.statutory_quotas(half_year, national_version) s
    WHERE s.municipality_code::text OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT @extschema@.region_members(region_code, half_year)::text))
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;
COMMENT ON FUNCTION @extschema@.set_statutory_quotas(@extschema@.period, text, integer) IS
    'inserts the statutory quota of every region member of the half-year into u16.quota (source ''statutory''); existing rows are kept; returns the number of rows inserted';

CREATE FUNCTION @extschema@.redistribute_quota(half_year @extschema@.period,
                                               from_municipality @extschema@.municipality_code,
                                               to_municipality @extschema@.municipality_code,
                                               persons bigint)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    moved bigint;
    available bigint;
BEGIN
    IF persons IS NULL OR persons OPERATOR(pg_catalog.<=) 0 THEN
        RAISE EXCEPTION 'redistribute_quota moves a positive number of persons, got %', coalesce(persons::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_municipality OPERATOR(pg_catalog.=) to_municipality THEN
        RAISE EXCEPTION 'redistribute_quota needs two different municipalities' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT q.quota INTO available FROM @extschema@.quota q
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND q.municipality_code OPERATOR(pg_catalog.=) from_municipality;
    IF available OPERATOR(pg_catalog.<) persons THEN
        RAISE EXCEPTION 'cannot move % persons of the % quota away from %: its quota is %', persons, half_year,
            from_municipality, available USING ERRCODE = 'check_violation';
    END IF;
    -- One statement: both rows change together or not at all, so the sum stays the same.
    UPDATE @extschema@.quota q
       SET quota = q.quota OPERATOR(pg_catalog.+)
                   CASE WHEN q.municipality_code OPERATOR(pg_catalog.=) to_municipality THEN persons
                        ELSE OPERATOR(pg_catalog.-) persons END,
           source = 'redistributed'
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND q.municipality_code OPERATOR(pg_catalog.=) ANY (ARRAY[from_municipality, to_municipality]::text[]);
    GET DIAGNOSTICS moved = ROW_COUNT;
    IF moved OPERATOR(pg_catalog.<>) 2 THEN
        RAISE EXCEPTION 'redistribute_quota needs a % quota for both % and % in u16.quota', half_year,
            from_municipality, to_municipality USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.redistribute_quota(@extschema@.period, @extschema@.municipality_code, @extschema@.municipality_code, bigint) IS
    'moves quota of a half-year from one municipality to another (art. 29 allows it when the sum is unchanged): both rows change in one statement; a quota cannot go below 0';

-- Indicator catalogue ---------------------------------------------------------------

CREATE TABLE @extschema@.theme (
    theme integer PRIMARY KEY,
    name_en text NOT NULL,
    name_nl text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.theme IS 'the three themes (thema''s) of the plan of 2018';
COMMENT ON COLUMN @extschema@.theme.theme IS 'theme number 1..3';
COMMENT ON COLUMN @extschema@.theme.name_en IS 'name in English';
COMMENT ON COLUMN @extschema@.theme.name_nl IS 'name in Dutch, as in the plan';
COMMENT ON COLUMN @extschema@.theme.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.theme
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('theme');

INSERT INTO @extschema@.theme (theme, name_en, name_nl) VALUES
    (1, 'Start of the pathway: from first reception to settling in the region',
        'Start doorgaande lijn: van eerste opvang naar vestiging in de regio'),
    (2, 'Work and civic integration', 'Werk en inburgering'),
    (3, 'Housing permit holders', 'Huisvesting vergunninghouders');

CREATE TABLE @extschema@.indicator (
    code text PRIMARY KEY
        CONSTRAINT "indicator code is T<theme>.<number>" CHECK (code OPERATOR(pg_catalog.~) '^T[0-9]+\.[0-9]+$'),
    theme integer NOT NULL REFERENCES @extschema@.theme (theme),
    name_en text NOT NULL,
    name_nl text NOT NULL,
    numerator text,
    denominator text,
    unit text NOT NULL
        CONSTRAINT "unit is share, count, milestone or qualitative"
        CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['share', 'count', 'milestone', 'qualitative'])),
    direction text
        CONSTRAINT "direction is up or down"
        CHECK (direction OPERATOR(pg_catalog.=) ANY (ARRAY['up', 'down'])),
    granularity text NOT NULL DEFAULT 'year'
        CONSTRAINT "granularity is year or halfyear"
        CHECK (granularity OPERATOR(pg_catalog.=) ANY (ARRAY['year', 'halfyear'])),
    qualitative boolean GENERATED ALWAYS AS (unit OPERATOR(pg_catalog.=) 'qualitative') STORED,
    seeded boolean NOT NULL DEFAULT false,
    CONSTRAINT "qualitative indicators have no numerator or denominator"
        CHECK (unit OPERATOR(pg_catalog.<>) 'qualitative' OR (numerator IS NULL AND denominator IS NULL))
);
COMMENT ON TABLE @extschema@.indicator IS
    'indicator catalogue (indicatoren) of the plan of 2018: every result, T1.1 ... T3.4, the qualitative ones included so the scorecard is complete';
COMMENT ON COLUMN @extschema@.indicator.code IS 'indicator code, T<theme>.<number>, e.g. T1.1';
COMMENT ON COLUMN @extschema@.indicator.theme IS 'theme 1..3';
COMMENT ON COLUMN @extschema@.indicator.name_en IS 'short name in English';
COMMENT ON COLUMN @extschema@.indicator.name_nl IS 'name in Dutch (resultaat in het plan)';
COMMENT ON COLUMN @extschema@.indicator.numerator IS 'what is counted (teller); NULL for milestones and qualitative results';
COMMENT ON COLUMN @extschema@.indicator.denominator IS 'out of what (noemer); NULL when the indicator is a count, milestone or qualitative';
COMMENT ON COLUMN @extschema@.indicator.unit IS 'share (k of n), count, milestone (a date) or qualitative (no numbers)';
COMMENT ON COLUMN @extschema@.indicator.direction IS 'up = higher is better, down = lower is better (T2.7 welfare); NULL for milestones and qualitative results';
COMMENT ON COLUMN @extschema@.indicator.granularity IS 'period the indicator is measured over: year, or halfyear (T3.1)';
COMMENT ON COLUMN @extschema@.indicator.qualitative IS 'true for results without numbers (T2.10, T2.11, T2.16, T3.2)';
COMMENT ON COLUMN @extschema@.indicator.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.indicator
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.indicator (code, theme, name_en, name_nl, numerator, denominator, unit, direction, granularity) VALUES
    ('T1.1', 1, 'placements from U16 reception locations',
     'Plaatsingen vanuit COA-locaties in onze regio naar de U16-gemeenten stijgen naar 90%',
     'persons coupled to a U16 municipality in the period whose reception location lies in the U16',
     'persons coupled to a U16 municipality in the period', 'share', 'up', 'year'),
    ('T1.2', 1, 'NOA assessment done',
     'Bij tenminste 60% van de in U16-gemeenten nieuw geplaatste statushouders zijn de NOA-assessments uitgevoerd',
     'persons newly housed in a U16 municipality in the period with an NOA assessment dated on or before housing',
     'persons newly housed in a U16 municipality in the period (18+)', 'share', 'up', 'year'),
    ('T1.3', 1, 'joined the pathway',
     '60% van de gekoppelde statushouders zijn aangehaakt aan de doorgaande lijn',
     'persons coupled in the period who joined the pathway', 'persons coupled in the period', 'share', 'up', 'year'),
    ('T1.4', 1, 'pathway (incl. health) started everywhere',
     'De doorgaande lijn (inclusief gezondheid) is op 1 juni 2018 overal opgepakt',
     'municipalities that started the pathway', 'U16 municipalities', 'milestone', NULL, 'year'),
    ('T2.1', 2, 'education participation',
     'Het aandeel vergunninghouders dat in aanmerking komt voor regulier en passend onderwijs en hieraan deelneemt is gestegen',
     'eligible persons enrolled in regular or suitable education on the reference date', 'eligible persons',
     'share', 'up', 'year'),
    ('T2.2', 2, 'language activities',
     'De deelname van vergunninghouders aan taalactiviteiten is gestegen',
     'adults taking part in language activities in the period', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.3', 2, 'language level',
     'Het taalniveau van vergunninghouders met een afgeronde taalopleiding is gestegen',
     'persons with a completed language course whose level is B1 or higher',
     'persons with a completed language course in the period', 'share', 'up', 'year'),
    ('T2.4', 2, 'civic-integration track',
     'Het aandeel vergunninghouders dat deelneemt aan een inburgeringstraject is gestegen',
     'obliged persons with an active integration track', 'persons with an integration obligation',
     'share', 'up', 'year'),
    ('T2.5', 2, 'integration exam passed',
     'Het aandeel vergunninghouders dat is geslaagd voor het inburgeringsexamen is gestegen',
     'obliged persons who passed', 'obliged persons of the cohort', 'share', 'up', 'year'),
    ('T2.6', 2, 'paid work',
     'Het aandeel vergunninghouders met betaald werk is gestegen',
     'persons 18-65 with paid work on the reference date', 'persons 18-65', 'share', 'up', 'year'),
    ('T2.7', 2, 'welfare',
     'Het aandeel vergunninghouders in de bijstand is gedaald',
     'persons 18-65 on welfare on the reference date', 'persons 18-65', 'share', 'down', 'year'),
    ('T2.8', 2, 'municipality employs a permit holder',
     'In elke gemeentelijke organisatie is minimaal 1 vergunninghouder betaald in dienst genomen',
     'municipalities whose own organisation employs at least one permit holder', 'U16 municipalities',
     'share', 'up', 'year'),
    ('T2.9', 2, 'alternative work',
     'Het aandeel vergunninghouders dat deelneemt aan alternatief werk is gestegen',
     'adults in a work placement (taakstage, werkstage, werkervaringsplek)', 'adult permit holders',
     'share', 'up', 'year'),
    ('T2.10', 2, 'newcomers sufficiently informed',
     'Nieuwkomers zijn na aankomst in een gemeente voldoende geïnformeerd', NULL, NULL, 'qualitative', NULL, 'year'),
    ('T2.11', 2, 'health problems addressed',
     'Gezondheidsproblemen van nieuwkomers worden zo goed mogelijk aangepakt', NULL, NULL, 'qualitative', NULL, 'year'),
    ('T2.12', 2, 'enough volunteers',
     'Er zijn in elke gemeente voldoende vrijwilligers voor de begeleiding van vergunninghouders',
     'volunteers per municipality', NULL, 'count', 'up', 'year'),
    ('T2.13', 2, 'social participation',
     'Statushouders nemen voldoende deel aan maatschappelijke activiteiten',
     'adults active in social activities', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.14', 2, 'everyone participates',
     'Alle statushouders doen mee: volgen een opleiding, hebben werk en/of doen mee aan maatschappelijke activiteiten',
     'adults in education or work or a social activity', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.15', 2, 'decision on play therapy in AZCs',
     'Voor 1 maart 2018 is een besluit door de U16 genomen over de inzet van speltherapie in de AZC''s',
     NULL, NULL, 'milestone', NULL, 'year'),
    ('T2.16', 2, 'partners'' expertise on health promoted',
     'De deskundigheid van relevante lokale partners over gezondheid van statushouders is bevorderd',
     NULL, NULL, 'qualitative', NULL, 'year'),
    ('T3.1', 3, 'half-year quota realised',
     'Gemeenten realiseren hun halfjaarlijkse huisvestingstaakstellingen',
     'municipalities that housed at least their obligation (quota plus carried balance) in the half-year',
     'U16 municipalities', 'share', 'up', 'halfyear'),
    ('T3.2', 3, 'better matching of permit holders and dwellings',
     'Een betere matching van vergunninghouders, rekening houdend met woningvraag en -aanbod',
     NULL, NULL, 'qualitative', NULL, 'year'),
    ('T3.3', 3, 'flexible dwellings delivered',
     'Oplevering x aantal flexibele woningen', 'flexible dwellings delivered in the year', NULL, 'count', 'up', 'year'),
    ('T3.4', 3, 'flexible projects started',
     'Start ontwikkeling van nieuwe flexibele woningbouwprojecten voor x aantal woningen',
     'dwellings in flexible housing projects whose development started in the year', NULL, 'count', 'up', 'year');

-- Targets ---------------------------------------------------------------------------

CREATE TABLE @extschema@.indicator_target (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    period @extschema@.period NOT NULL,
    target @extschema@.target NOT NULL,
    note text,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (indicator_code, area_code, period)
);
COMMENT ON TABLE @extschema@.indicator_target IS
    'targets (doelen) per indicator, area and period; seeded with the plan of 2018, users add or change targets for other years and areas';
COMMENT ON COLUMN @extschema@.indicator_target.indicator_code IS 'indicator, e.g. T1.1';
COMMENT ON COLUMN @extschema@.indicator_target.area_code IS 'a municipality code (GM0344) or a region code (U16): the area the target is for';
COMMENT ON COLUMN @extschema@.indicator_target.period IS 'period the target is for: a year, or a half-year for T3.1';
COMMENT ON COLUMN @extschema@.indicator_target.target IS 'the target: ''>= 90%'', ''>= 1'', ''rise'', ''fall'', ''by 2018-06-01''';
COMMENT ON COLUMN @extschema@.indicator_target.note IS 'where the target comes from, or how it is read';
COMMENT ON COLUMN @extschema@.indicator_target.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER check_area_code BEFORE INSERT OR UPDATE ON @extschema@.indicator_target
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_area_code();
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.indicator_target
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('indicator_code', 'area_code', 'period');

INSERT INTO @extschema@.indicator_target (indicator_code, area_code, period, target, note) VALUES
    ('T1.1', 'U16', '2018', '>= 90%', 'plan 2018: placements from reception locations in the region rise to 90%'),
    ('T1.2', 'U16', '2018', '>= 60%', 'plan 2018: at least 60% of newly housed permit holders assessed'),
    ('T1.3', 'U16', '2018', '>= 60%', 'plan 2018: 60% of coupled permit holders joined the pathway'),
    ('T1.4', 'U16', '2018', 'by 2018-06-01', 'plan 2018: pathway (incl. health) started everywhere on 1 June 2018'),
    ('T2.1', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.2', 'U16', '2018', 'rise', 'plan 2018: participation has risen'),
    ('T2.3', 'U16', '2018', 'rise', 'plan 2018: language level has risen'),
    ('T2.4', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.5', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.6', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.7', 'U16', '2018', 'fall', 'plan 2018: share has fallen'),
    ('T2.8', 'U16', '2018', '= 100%', 'plan 2018: every municipal organisation employs at least one permit holder'),
    ('T2.9', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.14', 'U16', '2018', '= 100%', 'plan 2018: all permit holders take part'),
    ('T2.15', 'U16', '2018', 'by 2018-03-01', 'plan 2018: decision on play therapy before 1 March 2018'),
    ('T3.1', 'U16', '2018H1', '= 100%', 'plan 2018: every municipality realises its half-year quota'),
    ('T3.1', 'U16', '2018H2', '= 100%', 'plan 2018: every municipality realises its half-year quota');
INSERT INTO @extschema@.indicator_target (indicator_code, area_code, period, target, note)
SELECT 'T2.8', m, '2018', '>= 1', 'plan 2018: at least one permit holder employed by the municipal organisation'
FROM @extschema@.region_members('U16', '2018') AS m;

-- Registration with pg_dump -------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('@extschema@.deleted_seed', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality_succession', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.region', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.region_member', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.reception_location', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.national_population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.national_quota', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.quota', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.quota_correction', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.opening_balance', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.theme', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator_target', 'WHERE NOT seeded');

SELECT pg_catalog.set_config('u16.seeding', 'off', true);
-- ============================================================================
-- Monitor model, person-level inputs (pseudonymous) and municipality-level
-- inputs.  Layer 3, SQL only.
--
-- A person is identified by a pseudonymous id only, never by a citizen
-- service number (BSN): ids that pass the BSN eleven-test are refused.
-- Every person has a responsible municipality (person.municipality_code, the
-- municipality of coupling/housing); row-level security on every person-level
-- table goes through it (76_access.sql).  All tables are registered with
-- pg_extension_config_dump (no seeds, so every row is dumped).
-- ============================================================================

-- Value domains -------------------------------------------------------------------

CREATE FUNCTION @extschema@.is_bsn(value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN value OPERATOR(pg_catalog.~) '^[0-9]{8,9}$' THEN
        (SELECT sum(substr(lpad(value, 9, '0'), i, 1)::integer
                    OPERATOR(pg_catalog.*) CASE WHEN i OPERATOR(pg_catalog.=) 9 THEN -1 ELSE 10 OPERATOR(pg_catalog.-) i END)
                OPERATOR(pg_catalog.%) 11 OPERATOR(pg_catalog.=) 0
         FROM generate_series(1, 9) AS i)
    ELSE false END
$$;
COMMENT ON FUNCTION @extschema@.is_bsn(text) IS
    'true if the text is 8 or 9 digits passing the eleven-test (elfproef) of a citizen service number (BSN)';

CREATE DOMAIN @extschema@.person_id AS text
    CONSTRAINT "person id is 1-64 letters, digits or _.:-"
        CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]{1,64}$')
    CONSTRAINT "person id is a pseudonym, not a citizen service number (BSN)"
        CHECK (NOT @extschema@.is_bsn(VALUE));
COMMENT ON DOMAIN @extschema@.person_id IS
    'pseudonymous person id (pseudoniem): 1-64 letters, digits or _ . : -, never a citizen service number (BSN)';

CREATE TYPE @extschema@.cefr_level AS ENUM ('A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2');
COMMENT ON TYPE @extschema@.cefr_level IS
    'language level on the CEFR scale (ERK-niveau), ordered A0 < A1 < A2 < B1 < B2 < C1 < C2';

-- Persons -------------------------------------------------------------------------

CREATE TABLE @extschema@.person (
    person_id @extschema@.person_id PRIMARY KEY,
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    birth_year integer
        CONSTRAINT "birth year lies between 1900 and 2100"
        CHECK (birth_year OPERATOR(pg_catalog.>=) 1900 AND birth_year OPERATOR(pg_catalog.<=) 2100),
    sex text CONSTRAINT "sex is F, M or X" CHECK (sex OPERATOR(pg_catalog.=) ANY (ARRAY['F', 'M', 'X'])),
    permit_date date,
    family_reunification boolean NOT NULL DEFAULT false,
    CONSTRAINT "permit date is not before the birth year"
        CHECK (extract(year FROM permit_date) OPERATOR(pg_catalog.>=) birth_year)
);
COMMENT ON TABLE @extschema@.person IS
    'permit holders (statushouders, vergunninghouders), pseudonymous: one row per person';
COMMENT ON COLUMN @extschema@.person.person_id IS 'pseudonymous id (pseudoniem); never a citizen service number (BSN)';
COMMENT ON COLUMN @extschema@.person.municipality_code IS
    'responsible municipality: where the person is coupled or housed; decides which municipality''s analysts see the person''s rows';
COMMENT ON COLUMN @extschema@.person.birth_year IS 'year of birth (geboortejaar); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.sex IS 'F, M or X (geslacht); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.permit_date IS 'date the residence permit was granted (verblijfsvergunning); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.family_reunification IS 'joined family later (nareiziger); counts for the quota like everyone else';

-- Coupling, housing, assessments, pathway -------------------------------------------

CREATE TABLE @extschema@.coupling (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    coupled_on date NOT NULL,
    reception_location_code text REFERENCES @extschema@.reception_location (code),
    PRIMARY KEY (person_id, coupled_on)
);
COMMENT ON TABLE @extschema@.coupling IS
    'couplings (koppelingen): COA assigns a permit holder to a municipality for housing; one per person per date';
COMMENT ON COLUMN @extschema@.coupling.person_id IS 'person';
COMMENT ON COLUMN @extschema@.coupling.municipality_code IS 'municipality the person is coupled to';
COMMENT ON COLUMN @extschema@.coupling.coupled_on IS 'date of the coupling (koppeldatum); not before the permit date';
COMMENT ON COLUMN @extschema@.coupling.reception_location_code IS 'reception location (AZC) the person was coupled from; NULL if unknown';

-- A coupling needs a permit: not before the person's permit date.
CREATE FUNCTION @extschema@.check_coupling_date() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    permit date;
BEGIN
    SELECT p.permit_date INTO permit FROM @extschema@.person p WHERE p.person_id OPERATOR(pg_catalog.=) NEW.person_id;
    IF permit IS NOT NULL AND NEW.coupled_on OPERATOR(pg_catalog.<) permit THEN
        RAISE EXCEPTION 'coupled on % is before the permit date % of person %', NEW.coupled_on, permit, NEW.person_id
            USING ERRCODE = 'check_violation', COLUMN = 'coupled_on', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_coupling_date() IS
    'trigger of coupling: coupled_on is not before the person''s permit date';
CREATE TRIGGER check_coupling_date BEFORE INSERT OR UPDATE ON @extschema@.coupling
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_coupling_date();

CREATE TABLE @extschema@.housing (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    housed_on date NOT NULL,
    dwelling_type text
        CONSTRAINT "dwelling type is regular, flexible, shared or other"
        CHECK (dwelling_type OPERATOR(pg_catalog.=) ANY (ARRAY['regular', 'flexible', 'shared', 'other'])),
    PRIMARY KEY (person_id, housed_on)
);
COMMENT ON TABLE @extschema@.housing IS
    'housing (huisvesting): the person moves into a dwelling in the municipality; counts for the quota in the half-year of housed_on';
COMMENT ON COLUMN @extschema@.housing.person_id IS 'person';
COMMENT ON COLUMN @extschema@.housing.municipality_code IS 'municipality the dwelling lies in';
COMMENT ON COLUMN @extschema@.housing.housed_on IS 'date the person counts as housed (huisvestingsdatum)';
COMMENT ON COLUMN @extschema@.housing.dwelling_type IS 'regular (reguliere woning), flexible (flexwoning), shared (gedeelde woning) or other; NULL if unknown';

CREATE TABLE @extschema@.assessment (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    kind text NOT NULL
        CONSTRAINT "assessment kind is a lower-case word such as noa"
        CHECK (kind OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    assessed_on date NOT NULL,
    PRIMARY KEY (person_id, kind, assessed_on)
);
COMMENT ON TABLE @extschema@.assessment IS
    'assessments of a person: kind noa is the NOA assessment of learning and work potential taken in the AZC (T1.2)';
COMMENT ON COLUMN @extschema@.assessment.person_id IS 'person';
COMMENT ON COLUMN @extschema@.assessment.kind IS 'kind of assessment, lower case: noa (NOA-assessment), or another word';
COMMENT ON COLUMN @extschema@.assessment.assessed_on IS 'date of the assessment';

CREATE TABLE @extschema@.pathway_join (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    joined_on date NOT NULL,
    PRIMARY KEY (person_id, joined_on)
);
COMMENT ON TABLE @extschema@.pathway_join IS
    'joins of the regional pathway (aanhaken bij de doorgaande lijn): the date a personal plan was made (T1.3)';
COMMENT ON COLUMN @extschema@.pathway_join.person_id IS 'person';
COMMENT ON COLUMN @extschema@.pathway_join.joined_on IS 'date the person joined the pathway (plan van aanpak opgesteld)';

-- Civic integration, exams, language ----------------------------------------------

CREATE TABLE @extschema@.civic_integration (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    law_regime text NOT NULL
        CONSTRAINT "law regime is 2013 or 2021" CHECK (law_regime OPERATOR(pg_catalog.=) ANY (ARRAY['2013', '2021'])),
    obligation_start date NOT NULL,
    deadline date,
    track_started_on date,
    route text
        CONSTRAINT "route is b1, education or z"
        CHECK (route OPERATOR(pg_catalog.=) ANY (ARRAY['b1', 'education', 'z'])),
    exemption text
        CONSTRAINT "exemption is exempt or dispensation"
        CHECK (exemption OPERATOR(pg_catalog.=) ANY (ARRAY['exempt', 'dispensation'])),
    passed_on date,
    PRIMARY KEY (person_id, law_regime),
    CONSTRAINT "deadline is after the obligation start" CHECK (deadline OPERATOR(pg_catalog.>) obligation_start),
    CONSTRAINT "routes exist under the 2021 law only"
        CHECK (route IS NULL OR law_regime OPERATOR(pg_catalog.=) '2021'),
    CONSTRAINT "a person who passed is not also exempted"
        CHECK (passed_on IS NULL OR exemption IS NULL)
);
COMMENT ON TABLE @extschema@.civic_integration IS
    'civic-integration obligation (inburgeringsplicht) of a person under the 2013 law (exam A2) or the 2021 law (B1, with routes)';
COMMENT ON COLUMN @extschema@.civic_integration.person_id IS 'person';
COMMENT ON COLUMN @extschema@.civic_integration.law_regime IS 'Wet inburgering 2013 or 2021';
COMMENT ON COLUMN @extschema@.civic_integration.obligation_start IS 'start of the obligation (start inburgeringsplicht)';
COMMENT ON COLUMN @extschema@.civic_integration.deadline IS 'end of the term to comply (inburgeringstermijn); after obligation_start';
COMMENT ON COLUMN @extschema@.civic_integration.track_started_on IS 'start of an integration track (inburgeringstraject) (T2.4); NULL if none';
COMMENT ON COLUMN @extschema@.civic_integration.route IS '2021 law only: b1 (B1-route), education (onderwijsroute) or z (Z-route)';
COMMENT ON COLUMN @extschema@.civic_integration.exemption IS 'exempt (vrijstelling) or dispensation (ontheffing); NULL if neither';
COMMENT ON COLUMN @extschema@.civic_integration.passed_on IS 'date the obligation was met (inburgeringsexamen gehaald); NULL if not (yet)';

CREATE TABLE @extschema@.exam_result (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    component text NOT NULL
        CONSTRAINT "exam component is a lower-case word such as reading"
        CHECK (component OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    taken_on date NOT NULL,
    passed boolean NOT NULL,
    level @extschema@.cefr_level,
    PRIMARY KEY (person_id, component, taken_on)
);
COMMENT ON TABLE @extschema@.exam_result IS 'results of civic-integration exam components (examenonderdelen)';
COMMENT ON COLUMN @extschema@.exam_result.person_id IS 'person';
COMMENT ON COLUMN @extschema@.exam_result.component IS 'component, lower case: reading, listening, writing, speaking, knm, ...';
COMMENT ON COLUMN @extschema@.exam_result.taken_on IS 'date of the exam';
COMMENT ON COLUMN @extschema@.exam_result.passed IS 'passed (geslaagd)';
COMMENT ON COLUMN @extschema@.exam_result.level IS 'CEFR level the component was taken at; NULL if not applicable';

CREATE TABLE @extschema@.language_measurement (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    measured_on date NOT NULL,
    level @extschema@.cefr_level NOT NULL,
    course_completed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (person_id, measured_on)
);
COMMENT ON TABLE @extschema@.language_measurement IS
    'measured language level (taalniveau) of a person on a date, on the CEFR scale (T2.3)';
COMMENT ON COLUMN @extschema@.language_measurement.person_id IS 'person';
COMMENT ON COLUMN @extschema@.language_measurement.measured_on IS 'date of the measurement';
COMMENT ON COLUMN @extschema@.language_measurement.level IS 'CEFR level A0 < A1 < A2 < B1 < B2 < C1 < C2';
COMMENT ON COLUMN @extschema@.language_measurement.course_completed IS 'measured at the end of a completed language course (afgeronde taalopleiding)';

-- Status on a reference date --------------------------------------------------------

CREATE TABLE @extschema@.status_snapshot (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    reference_date date NOT NULL,
    education_eligible boolean,
    in_education boolean,
    paid_work boolean,
    welfare boolean,
    alternative_work boolean,
    language_activity boolean,
    social_activity boolean,
    PRIMARY KEY (person_id, reference_date),
    CONSTRAINT "a person in education is eligible for it"
        CHECK (in_education IS NOT TRUE OR education_eligible IS NOT FALSE)
);
COMMENT ON TABLE @extschema@.status_snapshot IS
    'status of a person on a reference date (peildatum): education, work, welfare, placements, language and social activities; NULL = not known';
COMMENT ON COLUMN @extschema@.status_snapshot.person_id IS 'person';
COMMENT ON COLUMN @extschema@.status_snapshot.reference_date IS 'reference date (peildatum)';
COMMENT ON COLUMN @extschema@.status_snapshot.education_eligible IS 'eligible for regular or suitable education (komt in aanmerking voor onderwijs) (T2.1)';
COMMENT ON COLUMN @extschema@.status_snapshot.in_education IS 'enrolled in regular or suitable education (neemt deel aan onderwijs) (T2.1, T2.14)';
COMMENT ON COLUMN @extschema@.status_snapshot.paid_work IS 'has paid work (betaald werk) (T2.6, T2.14)';
COMMENT ON COLUMN @extschema@.status_snapshot.welfare IS 'receives welfare (bijstand) (T2.7)';
COMMENT ON COLUMN @extschema@.status_snapshot.alternative_work IS 'in a work placement: taakstage, werkstage, werkervaringsplek (T2.9)';
COMMENT ON COLUMN @extschema@.status_snapshot.language_activity IS 'takes part in language activities (taalactiviteiten) (T2.2)';
COMMENT ON COLUMN @extschema@.status_snapshot.social_activity IS 'takes part in social activities (maatschappelijke activiteiten) (T2.13, T2.14)';

CREATE TABLE @extschema@.municipal_employment (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    started_on date NOT NULL,
    ended_on date,
    PRIMARY KEY (person_id, municipality_code, started_on),
    CONSTRAINT "employment ends on or after it starts" CHECK (ended_on OPERATOR(pg_catalog.>=) started_on)
);
COMMENT ON TABLE @extschema@.municipal_employment IS
    'permit holders employed (in dienst) by a municipality''s own organisation (T2.8)';
COMMENT ON COLUMN @extschema@.municipal_employment.person_id IS 'person';
COMMENT ON COLUMN @extschema@.municipal_employment.municipality_code IS 'employing municipality';
COMMENT ON COLUMN @extschema@.municipal_employment.started_on IS 'first day of employment';
COMMENT ON COLUMN @extschema@.municipal_employment.ended_on IS 'last day of employment (inclusive); NULL = still employed';

-- Municipality-level inputs (no persons) ---------------------------------------------

CREATE TABLE @extschema@.volunteer_count (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    reference_date date NOT NULL,
    volunteers integer NOT NULL CONSTRAINT "volunteers is not negative" CHECK (volunteers OPERATOR(pg_catalog.>=) 0),
    PRIMARY KEY (municipality_code, reference_date)
);
COMMENT ON TABLE @extschema@.volunteer_count IS
    'volunteers (vrijwilligers) guiding permit holders in a municipality on a reference date (T2.12)';
COMMENT ON COLUMN @extschema@.volunteer_count.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.volunteer_count.reference_date IS 'reference date (peildatum)';
COMMENT ON COLUMN @extschema@.volunteer_count.volunteers IS 'number of volunteers';

CREATE TABLE @extschema@.flexible_housing_project (
    project_id text PRIMARY KEY
        CONSTRAINT "project id is not empty" CHECK (project_id OPERATOR(pg_catalog.~) '\S'),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    name text NOT NULL,
    dwellings integer NOT NULL CONSTRAINT "dwellings is positive" CHECK (dwellings OPERATOR(pg_catalog.>) 0),
    development_started_on date,
    delivered_on date,
    CONSTRAINT "delivery is not before the start of development"
        CHECK (delivered_on OPERATOR(pg_catalog.>=) development_started_on)
);
COMMENT ON TABLE @extschema@.flexible_housing_project IS
    'flexible housing projects (flexibele woningbouwprojecten): dwellings started and delivered (T3.3, T3.4)';
COMMENT ON COLUMN @extschema@.flexible_housing_project.project_id IS 'project id';
COMMENT ON COLUMN @extschema@.flexible_housing_project.municipality_code IS 'municipality of the project';
COMMENT ON COLUMN @extschema@.flexible_housing_project.name IS 'project name';
COMMENT ON COLUMN @extschema@.flexible_housing_project.dwellings IS 'number of dwellings (woningen)';
COMMENT ON COLUMN @extschema@.flexible_housing_project.development_started_on IS 'start of development (start ontwikkeling) (T3.4); NULL if not started';
COMMENT ON COLUMN @extschema@.flexible_housing_project.delivered_on IS 'delivery (oplevering) (T3.3); NULL if not delivered';

CREATE TABLE @extschema@.milestone (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    achieved_on date NOT NULL,
    note text,
    PRIMARY KEY (indicator_code, area_code)
);
COMMENT ON TABLE @extschema@.milestone IS
    'milestones (mijlpalen) reached by a municipality or the region: pathway started (T1.4), decision on play therapy (T2.15)';
COMMENT ON COLUMN @extschema@.milestone.indicator_code IS 'indicator, e.g. T1.4';
COMMENT ON COLUMN @extschema@.milestone.area_code IS 'municipality code or region code';
COMMENT ON COLUMN @extschema@.milestone.achieved_on IS 'date the milestone was reached';
COMMENT ON COLUMN @extschema@.milestone.note IS 'remark, e.g. the decision''s reference';
CREATE TRIGGER check_area_code BEFORE INSERT OR UPDATE ON @extschema@.milestone
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_area_code();

-- Indexes for the foreign keys and the municipality look-ups of row-level security.
CREATE INDEX ON @extschema@.person (municipality_code);
CREATE INDEX ON @extschema@.coupling (municipality_code, coupled_on);
CREATE INDEX ON @extschema@.housing (municipality_code, housed_on);
CREATE INDEX ON @extschema@.municipal_employment (municipality_code);

-- A person-level view (security_invoker: row-level security applies to whoever queries it)

CREATE VIEW @extschema@.person_overview WITH (security_invoker = true) AS
SELECT p.person_id::text AS person_id,
       p.municipality_code::text AS municipality_code,
       p.birth_year,
       p.sex,
       p.permit_date,
       p.family_reunification,
       (SELECT min(c.coupled_on) FROM @extschema@.coupling c WHERE c.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS first_coupled_on,
       (SELECT min(h.housed_on) FROM @extschema@.housing h WHERE h.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS first_housed_on,
       (SELECT min(a.assessed_on) FROM @extschema@.assessment a
         WHERE a.person_id OPERATOR(pg_catalog.=) p.person_id AND a.kind OPERATOR(pg_catalog.=) 'noa')
           AS noa_assessed_on,
       (SELECT min(j.joined_on) FROM @extschema@.pathway_join j WHERE j.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS joined_pathway_on,
       (SELECT max(l.level)::text FROM @extschema@.language_measurement l
         WHERE l.person_id OPERATOR(pg_catalog.=) p.person_id) AS highest_language_level
FROM @extschema@.person p;
COMMENT ON VIEW @extschema@.person_overview IS
    'one row per person with the first coupling, housing, NOA assessment and pathway dates and the highest language level; security_invoker, so analysts see only their own municipality''s persons';
COMMENT ON COLUMN @extschema@.person_overview.person_id IS 'pseudonymous person id';
COMMENT ON COLUMN @extschema@.person_overview.municipality_code IS 'responsible municipality';
COMMENT ON COLUMN @extschema@.person_overview.birth_year IS 'year of birth';
COMMENT ON COLUMN @extschema@.person_overview.sex IS 'F, M or X';
COMMENT ON COLUMN @extschema@.person_overview.permit_date IS 'date the residence permit was granted';
COMMENT ON COLUMN @extschema@.person_overview.family_reunification IS 'joined family later (nareiziger)';
COMMENT ON COLUMN @extschema@.person_overview.first_coupled_on IS 'date of the first coupling';
COMMENT ON COLUMN @extschema@.person_overview.first_housed_on IS 'date of the first housing';
COMMENT ON COLUMN @extschema@.person_overview.noa_assessed_on IS 'date of the first NOA assessment';
COMMENT ON COLUMN @extschema@.person_overview.joined_pathway_on IS 'date the person first joined the pathway';
COMMENT ON COLUMN @extschema@.person_overview.highest_language_level IS 'highest CEFR level measured';

-- Registration with pg_dump -------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.coupling', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.housing', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pathway_join', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.civic_integration', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.exam_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.language_measurement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.status_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipal_employment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.volunteer_count', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.flexible_housing_project', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.milestone', '');
-- ============================================================================
-- Loading data: staging tables of text columns, one generic validating
-- import function, and a record of every rejected row.  Layer 5 (tools).
--
-- For each input table u16.<entity> there is a staging table
-- u16.stage_<entity> with the same column names, all text, plus line_number.
-- A loader runs
--   \copy u16.stage_housing (person_id, municipality_code, housed_on, dwelling_type)
--         FROM 'housing.csv' WITH (FORMAT csv, HEADER true)
--   SELECT * FROM u16.import('housing');
-- import() checks every staged row (types, required values, references,
-- duplicates within the file, the table's rules), upserts the valid rows on
-- the table's primary key, writes one u16.import_error row per problem, logs
-- the run in u16.import_run and empties the staging table.  The checks are
-- derived from the catalog (column types, NOT NULL, foreign keys, primary
-- key, CHECK constraints named as rules), so one function serves every table.
-- ============================================================================

-- What can be imported ------------------------------------------------------------

CREATE TABLE @extschema@.import_entity (
    entity text PRIMARY KEY,
    load_order integer NOT NULL UNIQUE,
    description text NOT NULL
);
COMMENT ON TABLE @extschema@.import_entity IS
    'tables that u16.import() loads from u16.stage_<entity>, in an order that satisfies the foreign keys; part of the extension, not user data';
COMMENT ON COLUMN @extschema@.import_entity.entity IS 'name of the table in schema u16, and of its staging table stage_<entity>';
COMMENT ON COLUMN @extschema@.import_entity.load_order IS 'load entities in this order (persons before their events)';
COMMENT ON COLUMN @extschema@.import_entity.description IS 'what one CSV line is';

INSERT INTO @extschema@.import_entity (entity, load_order, description) VALUES
    ('population', 10, 'inhabitants of a municipality on a reference date'),
    ('national_population', 11, 'inhabitants of the Netherlands on a reference date'),
    ('quota', 12, 'housing quota of a municipality for a half-year'),
    ('quota_correction', 13, 'correction of a municipality''s balance for a half-year'),
    ('opening_balance', 14, 'balance carried into a half-year'),
    ('person', 20, 'a permit holder (pseudonymous)'),
    ('coupling', 21, 'a coupling of a person to a municipality'),
    ('housing', 22, 'a person housed in a municipality'),
    ('assessment', 23, 'an assessment of a person'),
    ('pathway_join', 24, 'a person joining the pathway'),
    ('civic_integration', 25, 'a person''s civic-integration obligation'),
    ('exam_result', 26, 'an exam component taken by a person'),
    ('language_measurement', 27, 'a measured language level'),
    ('status_snapshot', 28, 'a person''s status on a reference date'),
    ('municipal_employment', 29, 'a person employed by a municipality'),
    ('volunteer_count', 30, 'volunteers in a municipality on a reference date'),
    ('flexible_housing_project', 31, 'a flexible housing project'),
    ('milestone', 32, 'a milestone reached by a municipality or region');

-- Staging tables: u16.stage_<entity>, text columns named as in u16.<entity>.
DO $$
DECLARE
    e record;
    cols text;
    c record;
BEGIN
    FOR e IN SELECT entity FROM @extschema@.import_entity ORDER BY load_order LOOP
        SELECT string_agg(format('%I text', a.attname), ', ' ORDER BY a.attnum) INTO cols
        FROM pg_catalog.pg_attribute a
        WHERE a.attrelid = pg_catalog.format('@extschema@.%I', e.entity)::pg_catalog.regclass
          AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname <> 'seeded';
        EXECUTE pg_catalog.format(
            'CREATE TABLE @extschema@.%I (line_number bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, %s)',
            'stage_' || e.entity, cols);
        EXECUTE pg_catalog.format(
            'COMMENT ON TABLE @extschema@.%I IS %L', 'stage_' || e.entity,
            pg_catalog.format('staging table of u16.%s: \copy a CSV file into it (all columns text), then SELECT * FROM u16.import(%L); emptied by import', e.entity, e.entity));
        EXECUTE pg_catalog.format(
            'COMMENT ON COLUMN @extschema@.%I.line_number IS %L', 'stage_' || e.entity,
            'number of the data row in the file, 1 for the first; filled in file order by \copy when the column list leaves it out; import() reports line_number + header_lines');
        FOR c IN SELECT a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod) AS type_name
                 FROM pg_catalog.pg_attribute a
                 WHERE a.attrelid = pg_catalog.format('@extschema@.%I', e.entity)::pg_catalog.regclass
                   AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attname <> 'seeded'
        LOOP
            EXECUTE pg_catalog.format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', 'stage_' || e.entity, c.attname,
                pg_catalog.format('CSV column, loaded into u16.%s.%s (%s); empty = NULL', e.entity, c.attname, c.type_name));
        END LOOP;
    END LOOP;
END
$$;

-- Runs and errors ------------------------------------------------------------------

CREATE TABLE @extschema@.import_run (
    run_id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    entity text NOT NULL REFERENCES @extschema@.import_entity (entity),
    started_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    run_by name NOT NULL DEFAULT CURRENT_USER,
    staged bigint NOT NULL DEFAULT 0,
    loaded bigint NOT NULL DEFAULT 0,
    rejected bigint NOT NULL DEFAULT 0,
    inserted bigint NOT NULL DEFAULT 0,
    updated bigint NOT NULL DEFAULT 0,
    unchanged bigint NOT NULL DEFAULT 0,
    CONSTRAINT "staged is loaded plus rejected"
        CHECK (staged OPERATOR(pg_catalog.=) (loaded OPERATOR(pg_catalog.+) rejected)),
    CONSTRAINT "loaded is inserted plus updated plus unchanged"
        CHECK (loaded OPERATOR(pg_catalog.=) (inserted OPERATOR(pg_catalog.+) updated OPERATOR(pg_catalog.+) unchanged))
);
COMMENT ON TABLE @extschema@.import_run IS 'one row per call of u16.import(): what was staged, loaded and rejected';
COMMENT ON COLUMN @extschema@.import_run.run_id IS 'number of the run';
COMMENT ON COLUMN @extschema@.import_run.entity IS 'table loaded';
COMMENT ON COLUMN @extschema@.import_run.started_at IS 'start of the run';
COMMENT ON COLUMN @extschema@.import_run.run_by IS 'role that ran the import';
COMMENT ON COLUMN @extschema@.import_run.staged IS 'rows in the staging table; always loaded + rejected';
COMMENT ON COLUMN @extschema@.import_run.loaded IS 'valid rows: inserted + updated + unchanged';
COMMENT ON COLUMN @extschema@.import_run.rejected IS 'rows with at least one problem, each problem in u16.import_error';
COMMENT ON COLUMN @extschema@.import_run.inserted IS 'valid rows whose key was new';
COMMENT ON COLUMN @extschema@.import_run.updated IS 'valid rows whose key existed with other values (the file wins)';
COMMENT ON COLUMN @extschema@.import_run.unchanged IS 'valid rows already present with the same values (e.g. a rerun of the same file)';

CREATE TABLE @extschema@.import_error (
    run_id bigint NOT NULL REFERENCES @extschema@.import_run (run_id) ON DELETE CASCADE,
    entity text NOT NULL,
    line_number bigint NOT NULL,
    column_name text,
    value text,
    reason text NOT NULL,
    row_values jsonb NOT NULL
);
CREATE INDEX ON @extschema@.import_error (run_id, line_number);
COMMENT ON TABLE @extschema@.import_error IS
    'problems found by u16.import(), one row per problem; a rejected line keeps all its values here, so bad input loses nothing';
COMMENT ON COLUMN @extschema@.import_error.run_id IS 'import run (u16.import_run)';
COMMENT ON COLUMN @extschema@.import_error.entity IS 'table the line was meant for';
COMMENT ON COLUMN @extschema@.import_error.line_number IS 'line of the CSV file (the header is line 1 when header_lines = 1)';
COMMENT ON COLUMN @extschema@.import_error.column_name IS 'column with the problem; NULL when the problem is the row as a whole';
COMMENT ON COLUMN @extschema@.import_error.value IS 'the offending value as staged; withheld if it looks like a citizen service number';
COMMENT ON COLUMN @extschema@.import_error.reason IS 'the problem in words';
COMMENT ON COLUMN @extschema@.import_error.row_values IS 'every value of the staged line, column -> text (BSN-like person ids withheld)';

CREATE UNLOGGED TABLE @extschema@.import_seen (
    run_id bigint NOT NULL,
    key jsonb NOT NULL,
    line_number bigint NOT NULL,
    PRIMARY KEY (run_id, key)
);
COMMENT ON TABLE @extschema@.import_seen IS
    'scratch table of u16.import(): keys of the lines accepted so far in a run, to find duplicates within a file; empty between runs';
COMMENT ON COLUMN @extschema@.import_seen.run_id IS 'import run';
COMMENT ON COLUMN @extschema@.import_seen.key IS 'primary key of an accepted line';
COMMENT ON COLUMN @extschema@.import_seen.line_number IS 'file line that had the key first';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.import_run', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.import_run_run_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.import_error', '');

-- Messages ---------------------------------------------------------------------------

-- NULL if `value` is valid input for `value_type`, else the problem in words.
CREATE FUNCTION @extschema@.input_problem(value text, value_type regtype) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF value_type OPERATOR(pg_catalog.=) 'date'::regtype
       AND value OPERATOR(pg_catalog.!~) '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
        RETURN format('date %L is not a valid date (use YYYY-MM-DD)', value);
    END IF;
    BEGIN
        EXECUTE format('SELECT %L::%s', value, value_type);
        RETURN NULL;
    EXCEPTION WHEN OTHERS THEN
        IF value_type OPERATOR(pg_catalog.=) 'date'::regtype THEN
            RETURN format('date %L is not a valid date (use YYYY-MM-DD)', value);
        ELSIF value_type OPERATOR(pg_catalog.=) '@extschema@.municipality_code'::regtype THEN
            RETURN format('municipality code %L is not valid: a municipality code is GM followed by 4 digits', value);
        ELSIF value_type OPERATOR(pg_catalog.=) '@extschema@.person_id'::regtype THEN
            IF @extschema@.is_bsn(value) THEN
                RETURN 'person id looks like a citizen service number (BSN); only pseudonymous ids may be loaded';
            END IF;
            RETURN format('person id %L is not valid: use 1 to 64 letters, digits or _ . : -', value);
        ELSIF value_type OPERATOR(pg_catalog.=) ANY (ARRAY['smallint', 'integer', 'bigint']::regtype[]) THEN
            RETURN format('%L is not a whole number in range', value);
        ELSIF value_type OPERATOR(pg_catalog.=) 'numeric'::regtype THEN
            RETURN format('%L is not a number', value);
        ELSIF value_type OPERATOR(pg_catalog.=) 'boolean'::regtype THEN
            RETURN format('%L is not true or false', value);
        ELSIF value_type OPERATOR(pg_catalog.=) '@extschema@.cefr_level'::regtype THEN
            RETURN format('%L is not a CEFR level (A0, A1, A2, B1, B2, C1 or C2)', value);
        ELSIF value_type OPERATOR(pg_catalog.=) '@extschema@.period'::regtype THEN
            RETURN format('%L is not a period (use 2018, 2018H1, 2018Q3 or 2018-05)', value);
        END IF;
        RETURN format('%L is not a valid %s: %s', value, format_type(value_type, NULL), SQLERRM);
    END;
END
$$;
COMMENT ON FUNCTION @extschema@.input_problem(text, regtype) IS
    'NULL if the text is valid input for the type, else what is wrong with it in words (dates must be YYYY-MM-DD)';

CREATE FUNCTION @extschema@.reference_problem(value text, referenced regclass) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE
        WHEN referenced OPERATOR(pg_catalog.=) '@extschema@.municipality'::regclass
            THEN format('municipality code %L is not a known municipality (see u16.municipality)', value)
        WHEN referenced OPERATOR(pg_catalog.=) '@extschema@.person'::regclass
            THEN format('person %L is not in u16.person; load persons first', value)
        WHEN referenced OPERATOR(pg_catalog.=) '@extschema@.reception_location'::regclass
            THEN format('reception location %L is not in u16.reception_location', value)
        WHEN referenced OPERATOR(pg_catalog.=) '@extschema@.indicator'::regclass
            THEN format('indicator %L is not in the indicator catalogue u16.indicator', value)
        ELSE format('%L is not in %s', value, referenced)
    END
$$;
COMMENT ON FUNCTION @extschema@.reference_problem(text, regclass) IS
    'message for a value that a foreign key cannot find in the referenced table';

-- The import -------------------------------------------------------------------------

CREATE FUNCTION @extschema@.import(entity text, header_lines integer DEFAULT 1,
                                   OUT loaded bigint, OUT rejected bigint)
    RETURNS record
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    target regclass;
    stage regclass;
    run bigint;
    -- Columns of the target: name, type, required, default expression.
    col_names text[];
    col_types regtype[];
    col_required boolean[];
    col_defaults text[];
    key_cols text[];
    upsert text;
    key_query text;
    fk record;
    fks jsonb;
    r record;
    raw jsonb;         -- the staged line, column -> text
    kept jsonb;        -- raw with BSN-like person ids withheld
    clean jsonb;       -- trimmed non-empty values that passed their type check
    line bigint;
    bad boolean;
    val text;
    problem text;
    i integer;
    found_ref boolean;
    seen_line bigint;
    row_key jsonb;
    was_insert boolean;
    n_staged bigint := 0;
    n_inserted bigint := 0;
    n_updated bigint := 0;
    n_unchanged bigint := 0;
    err_message text;
    err_constraint text;
    err_column text;
    err_state text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.import_entity e WHERE e.entity OPERATOR(pg_catalog.=) import.entity) THEN
        RAISE EXCEPTION 'cannot import "%": not an importable table', entity
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Importable: ' || string_agg(e.entity, ', ' ORDER BY e.load_order)
                          FROM @extschema@.import_entity e);
    END IF;
    IF header_lines IS NULL OR header_lines OPERATOR(pg_catalog.<) 0 THEN
        RAISE EXCEPTION 'header_lines must be 0 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    target := format('@extschema@.%I', entity)::regclass;
    stage := format('@extschema@.%I', 'stage_' || entity)::regclass;

    SELECT array_agg(a.attname::text ORDER BY a.attnum), array_agg(a.atttypid::regtype ORDER BY a.attnum),
           array_agg(a.attnotnull AND NOT a.atthasdef ORDER BY a.attnum),
           array_agg(pg_get_expr(d.adbin, d.adrelid) ORDER BY a.attnum)
      INTO col_names, col_types, col_required, col_defaults
      FROM pg_attribute a
      LEFT JOIN pg_attrdef d ON d.adrelid OPERATOR(pg_catalog.=) a.attrelid AND d.adnum OPERATOR(pg_catalog.=) a.attnum
     WHERE a.attrelid OPERATOR(pg_catalog.=) target AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped
       AND a.attgenerated OPERATOR(pg_catalog.=) '' AND a.attname OPERATOR(pg_catalog.<>) 'seeded';

    SELECT array_agg(a.attname::text ORDER BY k.ord) INTO key_cols
      FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord), pg_attribute a
     WHERE c.conrelid OPERATOR(pg_catalog.=) target AND c.contype OPERATOR(pg_catalog.=) 'p'
       AND a.attrelid OPERATOR(pg_catalog.=) target AND a.attnum OPERATOR(pg_catalog.=) k.attnum;

    -- Foreign keys: [{"cols": [...], "ref": "u16.person", "ref_cols": [...]}, ...]
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'cols', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.conrelid AND a.attnum OPERATOR(pg_catalog.=) k.attnum),
               'ref', c.confrelid::regclass::text,
               'ref_cols', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.confrelid AND a.attnum OPERATOR(pg_catalog.=) k.attnum))
               ORDER BY c.conname), '[]')
      INTO fks
      FROM pg_constraint c
     WHERE c.conrelid OPERATOR(pg_catalog.=) target AND c.contype OPERATOR(pg_catalog.=) 'f';

    -- INSERT ... ON CONFLICT (key) DO UPDATE the other columns when they differ.
    -- RETURNING (xmax = 0) is true for an insert, false for an update; no row
    -- comes back when nothing changed.  Empty values take the column default.
    upsert := format('INSERT INTO %s AS t (%s) SELECT %s FROM jsonb_populate_record(NULL::%s, $1) AS n ON CONFLICT (%s) ',
        target,
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(col_names) AS c),
        (SELECT string_agg(CASE WHEN d IS NULL THEN format('n.%I', c) ELSE format('coalesce(n.%I, %s)', c, d) END, ', ')
           FROM unnest(col_names, col_defaults) AS x(c, d)),
        target,
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(key_cols) AS c));
    IF col_names OPERATOR(pg_catalog.<@) key_cols THEN
        upsert := upsert || 'DO NOTHING';
    ELSE
        upsert := upsert || format('DO UPDATE SET (%s) = ROW(%s) WHERE jsonb_build_array(%s) IS DISTINCT FROM jsonb_build_array(%s)',
            (SELECT string_agg(quote_ident(c), ', ') FROM unnest(col_names) AS c WHERE c OPERATOR(pg_catalog.<>) ALL (key_cols)),
            (SELECT string_agg(format('EXCLUDED.%I', c), ', ') FROM unnest(col_names) AS c WHERE c OPERATOR(pg_catalog.<>) ALL (key_cols)),
            (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(col_names) AS c WHERE c OPERATOR(pg_catalog.<>) ALL (key_cols)),
            (SELECT string_agg(format('EXCLUDED.%I', c), ', ') FROM unnest(col_names) AS c WHERE c OPERATOR(pg_catalog.<>) ALL (key_cols)));
    END IF;
    upsert := upsert || ' RETURNING (t.xmax OPERATOR(pg_catalog.=) 0)';

    -- Casts a line's values to the table's types and returns its key.
    key_query := format('SELECT jsonb_build_object(%s) FROM jsonb_populate_record(NULL::%s, $1) AS n',
        (SELECT string_agg(format('%L, n.%I', c, c), ', ') FROM unnest(key_cols) AS c), target);

    INSERT INTO @extschema@.import_run (entity) VALUES (import.entity) RETURNING run_id INTO run;

    FOR r IN EXECUTE format('SELECT s.line_number, to_jsonb(s) OPERATOR(pg_catalog.-) ''line_number'' AS raw FROM %s AS s ORDER BY s.line_number', stage)
    LOOP
        n_staged := n_staged OPERATOR(pg_catalog.+) 1;
        line := r.line_number OPERATOR(pg_catalog.+) header_lines;
        raw := r.raw;
        bad := false;
        clean := '{}';
        kept := raw;
        FOR i IN 1 .. array_length(col_names, 1) LOOP
            IF col_types[i] OPERATOR(pg_catalog.=) '@extschema@.person_id'::regtype
               AND @extschema@.is_bsn(btrim(raw OPERATOR(pg_catalog.->>) col_names[i])) THEN
                kept := jsonb_set(kept, ARRAY[col_names[i]], '"(withheld: looks like a BSN)"');
            END IF;
        END LOOP;

        -- 1. Every column: required values present, values of the right type.
        --    All values are cast at once; only when that fails is each one
        --    examined to say which is wrong.
        row_key := NULL;
        FOR i IN 1 .. array_length(col_names, 1) LOOP
            val := nullif(btrim(raw OPERATOR(pg_catalog.->>) col_names[i]), '');
            IF val IS NULL THEN
                IF col_required[i] THEN
                    bad := true;
                    INSERT INTO @extschema@.import_error VALUES (run, entity, line, col_names[i], NULL,
                        format('%s is empty; a value is required', col_names[i]), kept);
                END IF;
            ELSIF col_types[i] OPERATOR(pg_catalog.=) 'date'::regtype
                  AND val OPERATOR(pg_catalog.!~) '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN
                bad := true;
                INSERT INTO @extschema@.import_error VALUES (run, entity, line, col_names[i],
                    kept OPERATOR(pg_catalog.->>) col_names[i], @extschema@.input_problem(val, col_types[i]), kept);
            ELSE
                clean := clean OPERATOR(pg_catalog.||) jsonb_build_object(col_names[i], val);
            END IF;
        END LOOP;
        BEGIN
            EXECUTE key_query INTO row_key USING clean;
        EXCEPTION WHEN OTHERS THEN
            FOR i IN 1 .. array_length(col_names, 1) LOOP
                CONTINUE WHEN NOT clean ? col_names[i];
                problem := @extschema@.input_problem(clean OPERATOR(pg_catalog.->>) col_names[i], col_types[i]);
                IF problem IS NOT NULL THEN
                    bad := true;
                    clean := clean OPERATOR(pg_catalog.-) col_names[i];
                    INSERT INTO @extschema@.import_error VALUES (run, entity, line, col_names[i],
                        kept OPERATOR(pg_catalog.->>) col_names[i], problem, kept);
                END IF;
            END LOOP;
        END;

        -- 2. References: every foreign key whose columns are all present and valid.
        FOR fk IN SELECT f OPERATOR(pg_catalog.->) 'cols' AS cols, f OPERATOR(pg_catalog.->>) 'ref' AS ref,
                         f OPERATOR(pg_catalog.->) 'ref_cols' AS ref_cols
                  FROM jsonb_array_elements(fks) AS f
        LOOP
            CONTINUE WHEN NOT clean ?& ARRAY(SELECT jsonb_array_elements_text(fk.cols));
            EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s AS t WHERE %s)', fk.ref,
                (SELECT string_agg(format('t.%I OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.->>) %L)', rc, c), ' AND ')
                   FROM jsonb_array_elements_text(fk.cols) WITH ORDINALITY AS x(c, o)
                   JOIN jsonb_array_elements_text(fk.ref_cols) WITH ORDINALITY AS y(rc, o2) ON o OPERATOR(pg_catalog.=) o2))
              INTO found_ref USING clean;
            IF NOT found_ref THEN
                bad := true;
                val := (SELECT string_agg(clean OPERATOR(pg_catalog.->>) c, ', ') FROM jsonb_array_elements_text(fk.cols) AS c);
                INSERT INTO @extschema@.import_error VALUES (run, entity, line,
                    (SELECT string_agg(c, ', ') FROM jsonb_array_elements_text(fk.cols) AS c), val,
                    @extschema@.reference_problem(val, fk.ref::regclass), kept);
            END IF;
        END LOOP;

        -- 3. Duplicates within the file: the same key as an earlier accepted line.
        IF NOT bad THEN
            INSERT INTO @extschema@.import_seen (run_id, key, line_number) VALUES (run, row_key, line)
                ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                SELECT s.line_number INTO seen_line FROM @extschema@.import_seen s
                 WHERE s.run_id OPERATOR(pg_catalog.=) run AND s.key OPERATOR(pg_catalog.=) row_key;
                bad := true;
                INSERT INTO @extschema@.import_error VALUES (run, entity, line, array_to_string(key_cols, ', '),
                    (SELECT string_agg(row_key OPERATOR(pg_catalog.->>) c, ', ') FROM unnest(key_cols) AS c),
                    format('duplicate of line %s (same %s)', seen_line, array_to_string(key_cols, ', ')), kept);
            END IF;
        END IF;

        -- 4. Write; the table's own rules (CHECK constraints, triggers) have the last word.
        IF NOT bad THEN
            BEGIN
                was_insert := NULL;
                EXECUTE upsert INTO was_insert USING clean;
                IF was_insert IS NULL THEN
                    n_unchanged := n_unchanged OPERATOR(pg_catalog.+) 1;
                ELSIF was_insert THEN
                    n_inserted := n_inserted OPERATOR(pg_catalog.+) 1;
                ELSE
                    n_updated := n_updated OPERATOR(pg_catalog.+) 1;
                END IF;
            EXCEPTION WHEN OTHERS THEN
                GET STACKED DIAGNOSTICS err_message = MESSAGE_TEXT, err_constraint = CONSTRAINT_NAME,
                                        err_column = COLUMN_NAME, err_state = RETURNED_SQLSTATE;
                bad := true;
                DELETE FROM @extschema@.import_seen s
                 WHERE s.run_id OPERATOR(pg_catalog.=) run AND s.key OPERATOR(pg_catalog.=) row_key;
                -- A broken CHECK constraint names its columns.
                IF coalesce(err_column, '') OPERATOR(pg_catalog.=) '' AND err_constraint OPERATOR(pg_catalog.<>) '' THEN
                    SELECT string_agg(a.attname::text, ', ' ORDER BY a.attnum) INTO err_column
                      FROM pg_constraint c
                      JOIN pg_attribute a ON a.attrelid OPERATOR(pg_catalog.=) c.conrelid
                                         AND a.attnum OPERATOR(pg_catalog.=) ANY (c.conkey)
                     WHERE c.conrelid OPERATOR(pg_catalog.=) target AND c.conname OPERATOR(pg_catalog.=) err_constraint;
                END IF;
                INSERT INTO @extschema@.import_error VALUES (run, entity, line, nullif(err_column, ''),
                    (SELECT string_agg(coalesce(kept OPERATOR(pg_catalog.->>) btrim(c), ''), ', ')
                       FROM unnest(string_to_array(nullif(err_column, ''), ',')) AS c),
                    CASE WHEN err_state OPERATOR(pg_catalog.=) '23514' AND err_constraint OPERATOR(pg_catalog.<>) ''
                         THEN format('breaks the rule "%s"', err_constraint)
                         ELSE err_message END,
                    kept);
            END;
        END IF;
    END LOOP;

    rejected := n_staged OPERATOR(pg_catalog.-) n_inserted OPERATOR(pg_catalog.-) n_updated OPERATOR(pg_catalog.-) n_unchanged;
    loaded := n_inserted OPERATOR(pg_catalog.+) n_updated OPERATOR(pg_catalog.+) n_unchanged;
    UPDATE @extschema@.import_run ir
       SET staged = n_staged, loaded = import.loaded, rejected = import.rejected,
           inserted = n_inserted, updated = n_updated, unchanged = n_unchanged
     WHERE ir.run_id OPERATOR(pg_catalog.=) run;
    DELETE FROM @extschema@.import_seen s WHERE s.run_id OPERATOR(pg_catalog.=) run;
    EXECUTE format('DELETE FROM %s', stage);
    PERFORM setval(pg_get_serial_sequence(stage::text, 'line_number'), 1, false);
END
$$;
COMMENT ON FUNCTION @extschema@.import(text, integer) IS
    'loads u16.stage_<entity> into u16.<entity>: valid rows are upserted on the primary key (the file wins), every problem goes to u16.import_error with its line (line_number + header_lines), the run to u16.import_run; empties the staging table; returns loaded and rejected (staged = loaded + rejected)';

CREATE FUNCTION @extschema@.clear_stage(entity text) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    stage regclass;
    removed bigint;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.import_entity e WHERE e.entity OPERATOR(pg_catalog.=) clear_stage.entity) THEN
        RAISE EXCEPTION 'cannot clear the stage of "%": not an importable table', entity
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    stage := format('@extschema@.%I', 'stage_' || entity)::regclass;
    EXECUTE format('DELETE FROM %s', stage);
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM setval(pg_get_serial_sequence(stage::text, 'line_number'), 1, false);
    RETURN removed;
END
$$;
COMMENT ON FUNCTION @extschema@.clear_stage(text) IS
    'empties u16.stage_<entity> and restarts its line numbers at 1 (after an aborted load); returns the rows removed';
-- ============================================================================
-- Access control: which municipality's person-level rows a role may see,
-- row-level security on every person-level table, and create_roles() for
-- the three group roles.  Layer 3, SQL only.
--
-- Roles are cluster-wide, so CREATE EXTENSION creates none; a DBA runs
-- SELECT * FROM u16.create_roles() once (per database, for the grants) and
-- grants the group roles to login roles:
--   u16_loader   loads and maintains data: every table, staging and import;
--                sees every person-level row
--   u16_reader   reference data, targets, settings and aggregate views only;
--                no person-level table
--   u16_analyst  what u16_reader may, plus person-level tables and views, but
--                only rows of persons whose municipality_code is in the
--                role's scope (analyst_scope)
-- Superusers and the owner of the tables (whoever ran CREATE EXTENSION)
-- bypass row-level security, as PostgreSQL does.
-- ============================================================================

CREATE TABLE @extschema@.analyst_scope (
    role_name name NOT NULL,
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    PRIMARY KEY (role_name, municipality_code)
);
COMMENT ON TABLE @extschema@.analyst_scope IS
    'municipalities whose person-level rows a role may see (row-level security); a role sees a municipality''s rows when it is a member of a role_name listed with that municipality_code';
COMMENT ON COLUMN @extschema@.analyst_scope.role_name IS 'role (login or group role) that gets access; members of it get access too';
COMMENT ON COLUMN @extschema@.analyst_scope.municipality_code IS 'municipality whose persons the role may see';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.analyst_scope', '');

CREATE FUNCTION @extschema@.sees_all_persons() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname OPERATOR(pg_catalog.=) 'u16_loader'
                     AND pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER'))
$$;
COMMENT ON FUNCTION @extschema@.sees_all_persons() IS
    'true when the current role is a member of u16_loader, which sees every person-level row';

CREATE FUNCTION @extschema@.visible_municipalities() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(DISTINCT s.municipality_code::text), '{}')
    FROM @extschema@.analyst_scope s
    JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) s.role_name
    WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION @extschema@.visible_municipalities() IS
    'municipality codes whose person-level rows the current role may see through analyst_scope (membership counts)';

-- Row-level security: a person's rows are visible when the person's
-- municipality_code is visible.  The policies apply to every role (PUBLIC);
-- the function calls are scalar subqueries, evaluated once per query.
ALTER TABLE @extschema@.person ENABLE ROW LEVEL SECURITY;
CREATE POLICY municipality_scope ON @extschema@.person
    USING ((SELECT @extschema@.sees_all_persons())
           OR municipality_code::text OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_municipalities())::text[]));

DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['coupling', 'housing', 'assessment', 'pathway_join', 'civic_integration',
                             'exam_result', 'language_measurement', 'status_snapshot', 'municipal_employment']
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY municipality_scope ON @extschema@.%1$I USING (EXISTS (SELECT 1 FROM @extschema@.person p '
            'WHERE p.person_id OPERATOR(pg_catalog.=) %1$I.person_id))', t);
    END LOOP;
END
$$;

-- Roles and grants -------------------------------------------------------------------

CREATE FUNCTION @extschema@.create_roles() RETURNS SETOF text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    role_name text;
    rel record;
    schema_name text := '@extschema@';
BEGIN
    FOREACH role_name IN ARRAY ARRAY['u16_loader', 'u16_reader', 'u16_analyst'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            RETURN NEXT format('created role %s', role_name);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, role_name);
        EXECUTE format('GRANT SELECT ON %I.analyst_scope TO %I', schema_name, role_name);
    END LOOP;
    IF NOT pg_has_role('u16_analyst', 'u16_reader', 'MEMBER') THEN
        GRANT u16_reader TO u16_analyst;
        RETURN NEXT 'granted u16_reader to u16_analyst';
    END IF;

    FOR rel IN
        SELECT c.relname, c.relkind, c.relrowsecurity
        FROM pg_class c
        WHERE c.relnamespace OPERATOR(pg_catalog.=) schema_name::regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'S']::"char"[])
        ORDER BY c.relname
    LOOP
        IF rel.relkind OPERATOR(pg_catalog.=) 'S' THEN
            EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %I.%I TO u16_loader', schema_name, rel.relname);
            CONTINUE;
        END IF;
        IF rel.relname OPERATOR(pg_catalog.=) 'analyst_scope' THEN
            CONTINUE;
        END IF;
        -- The loader reads everything and writes every table except the import catalogue.
        IF rel.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['v', 'm']::"char"[])
           OR rel.relname OPERATOR(pg_catalog.=) 'import_entity' THEN
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_loader', schema_name, rel.relname);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO u16_loader', schema_name, rel.relname);
        END IF;
        -- Person-level data (row-level security, and the views that read it: person_overview
        -- and the monitor's internal *_live views) to analysts; loading internals to nobody
        -- else; everything else, the published monitor and its BI views included, to readers.
        IF rel.relrowsecurity OR rel.relname OPERATOR(pg_catalog.~) '(^person_overview|_live)$' THEN
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_analyst', schema_name, rel.relname);
        ELSIF rel.relname OPERATOR(pg_catalog.~) '^(stage_|import_(run|error|seen)$)' THEN
            NULL;
        ELSE
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_reader', schema_name, rel.relname);
        END IF;
    END LOOP;
    RETURN NEXT format('granted privileges on the tables and views of schema %s', schema_name);
END
$$;
COMMENT ON FUNCTION @extschema@.create_roles() IS
    'creates the NOLOGIN group roles u16_loader, u16_reader and u16_analyst if missing and grants them their privileges in this database; idempotent, rerun after ALTER EXTENSION u16 UPDATE; needs a superuser (or CREATEROLE and the extension owner)';
-- ============================================================================
-- The monitor: every indicator per area and period, the housing ledger and
-- the monthly housing schedule.  Layer 4, SQL only.
--
-- Data flow (see README "The monitor"):
--   person-level tables (row-level security)
--     -> *_live views: the arithmetic, computed from what the querying role
--        may see (security_invoker); internal, not for BI tools
--     -> refresh_monitor(): run by u16_loader (or the owner) after loading;
--        stores the live results, small cells suppressed, in published_*
--     -> BI views scorecard, theme1_pathway, theme2_work_integration,
--        theme3_housing, housing_ledger, housing_progress: built-in column
--        types only, every column commented, readable by u16_reader
-- Region figures always sum numerators and denominators of the members valid
-- in the period; they never average percentages.
-- ============================================================================

-- Municipal cells of the person-level indicators --------------------------------
-- One row per indicator, municipality and year: numerator and denominator
-- (shares) or numerator alone (counts).  Who counts where:
--   couplings and housing: the municipality coupled to / housed in;
--   status, language, civic integration: the person's responsible municipality;
--   ages are years of the reference date minus birth year; persons of unknown
--   age are left out of age-bound denominators; unknown (NULL) conditions are
--   left out of both parts (share_agg).

CREATE VIEW @extschema@.indicator_cell_live WITH (security_invoker = true) AS
WITH
-- The years with any dated row, with their first and last day (computed once here,
-- not per joined row).  Distinct dates per table first: hashing a few thousand
-- dates per table is much cheaper than one UNION over every row.
years AS (
    SELECT period, @extschema@.period_start(period) AS first_day, @extschema@.period_end(period) AS last_day
    FROM (SELECT DISTINCT @extschema@.period(d, 'year') AS period
          FROM (SELECT DISTINCT coupled_on AS d FROM @extschema@.coupling
                UNION ALL SELECT DISTINCT housed_on FROM @extschema@.housing
                UNION ALL SELECT DISTINCT reference_date FROM @extschema@.status_snapshot
                UNION ALL SELECT DISTINCT measured_on FROM @extschema@.language_measurement
                UNION ALL SELECT DISTINCT obligation_start FROM @extschema@.civic_integration) dates) y
),
-- The region(s) a municipality belongs to on a day.
membership AS (
    SELECT region, municipality_code::text AS municipality_code, valid_from,
           coalesce(valid_to, 'infinity'::date) AS valid_to
    FROM @extschema@.region_member
),
-- Each person's first coupling in a year (T1.1, T1.3).
coupled AS (
    SELECT DISTINCT ON (c.person_id, @extschema@.period(c.coupled_on, 'year'))
           c.person_id, c.municipality_code::text AS municipality_code, c.coupled_on,
           @extschema@.period(c.coupled_on, 'year') AS period,
           c.reception_location_code, l.municipality_code::text AS location_municipality
    FROM @extschema@.coupling c
    LEFT JOIN @extschema@.reception_location l ON l.code = c.reception_location_code
    ORDER BY c.person_id, @extschema@.period(c.coupled_on, 'year'), c.coupled_on
),
-- Is the coupling's reception location in a region the municipality belongs to?
-- NULL when the location is not given; a location outside u16.municipality is outside.
-- A hash join of the couplings with the pairs of members of one region (not a
-- correlated subquery per coupling: that was most of the view's time at scale).
coupled_in_region AS (
    SELECT DISTINCT cp.person_id, cp.period
    FROM coupled cp
    JOIN membership a ON a.municipality_code = cp.municipality_code
                     AND cp.coupled_on BETWEEN a.valid_from AND a.valid_to
    JOIN membership b ON b.region = a.region AND b.municipality_code = cp.location_municipality
                     AND cp.coupled_on BETWEEN b.valid_from AND b.valid_to
),
coupled_within AS (
    SELECT cp.*,
           CASE WHEN cp.reception_location_code IS NULL THEN NULL
                ELSE w.person_id IS NOT NULL END AS within_region
    FROM coupled cp
    LEFT JOIN coupled_in_region w ON w.person_id = cp.person_id AND w.period = cp.period
),
-- Each person's first housing ever (T1.2: newly housed), and the day of their first
-- NOA assessment (a hash join, not an index probe per person).
first_housing AS (
    SELECT DISTINCT ON (h.person_id) h.person_id, h.municipality_code::text AS municipality_code,
           h.housed_on, extract(year FROM h.housed_on)::integer - p.birth_year AS age
    FROM @extschema@.housing h JOIN @extschema@.person p USING (person_id)
    ORDER BY h.person_id, h.housed_on
),
first_noa AS (
    SELECT person_id, min(assessed_on) AS assessed_on
    FROM @extschema@.assessment WHERE kind = 'noa' GROUP BY person_id
),
-- Each person's last status snapshot in a year (T2.1, T2.2, T2.6, T2.7, T2.9, T2.13, T2.14):
-- chosen before the join with person, so the sort carries narrower rows.
snapshot AS (
    SELECT s.*, p.municipality_code::text AS municipality_code,
           extract(year FROM s.reference_date)::integer - p.birth_year AS age
    FROM (SELECT DISTINCT ON (s.person_id, @extschema@.period(s.reference_date, 'year'))
                 s.*, @extschema@.period(s.reference_date, 'year') AS period
          FROM @extschema@.status_snapshot s
          ORDER BY s.person_id, @extschema@.period(s.reference_date, 'year'), s.reference_date DESC) s
    JOIN @extschema@.person p USING (person_id)
),
-- Each person's last measurement after a completed language course in a year (T2.3).
language AS (
    SELECT DISTINCT ON (l.person_id, @extschema@.period(l.measured_on, 'year'))
           l.person_id, l.level, p.municipality_code::text AS municipality_code,
           @extschema@.period(l.measured_on, 'year') AS period
    FROM @extschema@.language_measurement l JOIN @extschema@.person p USING (person_id)
    WHERE l.course_completed
    ORDER BY l.person_id, @extschema@.period(l.measured_on, 'year'), l.measured_on DESC
),
-- Civic-integration obligations (T2.4: active in the year; T2.5: cohort of the start year).
obligation AS (
    SELECT ci.*, p.municipality_code::text AS municipality_code
    FROM @extschema@.civic_integration ci JOIN @extschema@.person p USING (person_id)
    WHERE ci.exemption IS NULL
),
cells AS (
    -- T1.1, reading 'couplings': couplings to a municipality from the region's own AZCs.
    SELECT 'T1.1' AS indicator_code, municipality_code, period,
           @extschema@.share_agg(within_region) AS cell
    FROM coupled_within
    WHERE @extschema@.setting_text('t1_1_reading') = 'couplings'
    GROUP BY municipality_code, period
    UNION ALL
    -- T1.1, reading 'azc_leavers': leavers of a municipality's AZCs placed within the region.
    SELECT 'T1.1', location_municipality, period, @extschema@.share_agg(within_region)
    FROM coupled_within
    WHERE @extschema@.setting_text('t1_1_reading') = 'azc_leavers' AND location_municipality IS NOT NULL
    GROUP BY location_municipality, period
    UNION ALL
    SELECT 'T1.2', f.municipality_code, @extschema@.period(f.housed_on, 'year'),
           @extschema@.share_agg(coalesce(a.assessed_on <= f.housed_on, false))
    FROM first_housing f LEFT JOIN first_noa a ON a.person_id = f.person_id
    WHERE f.age >= 18
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T1.3', municipality_code, period,
           @extschema@.share_agg(EXISTS (SELECT FROM @extschema@.pathway_join j WHERE j.person_id = c.person_id))
    FROM coupled c
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.3', municipality_code, period,
           @extschema@.share_agg(level >= 'B1')
    FROM language
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.4', o.municipality_code, y.period,
           @extschema@.share_agg(o.track_started_on IS NOT NULL
                                 AND o.track_started_on <= y.last_day)
    FROM obligation o JOIN years y
      ON o.obligation_start <= y.last_day
     AND (o.deadline IS NULL OR o.deadline >= y.first_day)
     AND (o.passed_on IS NULL OR o.passed_on >= y.first_day)
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.5', municipality_code, @extschema@.period(obligation_start, 'year'),
           @extschema@.share_agg(passed_on IS NOT NULL AND (deadline IS NULL OR passed_on <= deadline))
    FROM obligation
    GROUP BY 2, 3
    UNION ALL
    -- The status indicators in one pass over the snapshots.
    SELECT v.indicator_code, s.municipality_code, s.period, v.cell
    FROM (SELECT municipality_code, period,
                 @extschema@.share_agg(in_education) FILTER (WHERE education_eligible) AS t21,
                 @extschema@.share_agg(language_activity) FILTER (WHERE age >= 18) AS t22,
                 @extschema@.share_agg(paid_work) FILTER (WHERE age BETWEEN 18 AND 65) AS t26,
                 @extschema@.share_agg(welfare) FILTER (WHERE age BETWEEN 18 AND 65) AS t27,
                 @extschema@.share_agg(alternative_work) FILTER (WHERE age >= 18) AS t29,
                 @extschema@.share_agg(social_activity) FILTER (WHERE age >= 18) AS t213,
                 @extschema@.share_agg(in_education OR paid_work OR social_activity) FILTER (WHERE age >= 18) AS t214
          FROM snapshot GROUP BY municipality_code, period) s
    -- (a UNION ALL, not VALUES: a filter on indicator_code, e.g. from a query for T1.3
    -- alone, then proves every arm empty and the pass over the snapshots is skipped)
    CROSS JOIN LATERAL (SELECT 'T2.1' AS indicator_code, s.t21 AS cell UNION ALL SELECT 'T2.2', s.t22
                        UNION ALL SELECT 'T2.6', s.t26 UNION ALL SELECT 'T2.7', s.t27
                        UNION ALL SELECT 'T2.9', s.t29 UNION ALL SELECT 'T2.13', s.t213
                        UNION ALL SELECT 'T2.14', s.t214) v
)
SELECT indicator_code, municipality_code, period,
       @extschema@.numerator(cell) AS numerator, @extschema@.denominator(cell) AS denominator
FROM cells
UNION ALL
-- Counts.  T2.8: permit holders employed by the municipality's own organisation.
SELECT 'T2.8', e.municipality_code::text, y.period, count(DISTINCT e.person_id), NULL
FROM @extschema@.municipal_employment e JOIN years y
  ON e.started_on <= y.last_day
 AND (e.ended_on IS NULL OR e.ended_on >= y.first_day)
GROUP BY 2, 3
UNION ALL
-- T2.12: volunteers on the last reference date of the year.  (DISTINCT ON in a
-- subquery: a filter on indicator_code can then be pushed into every branch, so
-- a query for one indicator computes only that indicator.)
SELECT 'T2.12', municipality_code, period, volunteers, NULL
FROM (SELECT DISTINCT ON (v.municipality_code, @extschema@.period(v.reference_date, 'year'))
             v.municipality_code::text AS municipality_code, @extschema@.period(v.reference_date, 'year') AS period,
             v.volunteers::bigint AS volunteers
      FROM @extschema@.volunteer_count v
      ORDER BY v.municipality_code, @extschema@.period(v.reference_date, 'year'), v.reference_date DESC) v
UNION ALL
-- T3.3: flexible dwellings delivered in the year; T3.4: in projects started in the year.
SELECT 'T3.3', municipality_code::text, @extschema@.period(delivered_on, 'year'), sum(dwellings), NULL
FROM @extschema@.flexible_housing_project WHERE delivered_on IS NOT NULL
GROUP BY 2, 3
UNION ALL
SELECT 'T3.4', municipality_code::text, @extschema@.period(development_started_on, 'year'), sum(dwellings), NULL
FROM @extschema@.flexible_housing_project WHERE development_started_on IS NOT NULL
GROUP BY 2, 3;

COMMENT ON VIEW @extschema@.indicator_cell_live IS
    'internal: numerator and denominator of every person-level indicator per municipality and year, computed from the rows the querying role may see; refresh_monitor() stores the published figures from it';
COMMENT ON COLUMN @extschema@.indicator_cell_live.indicator_code IS 'indicator, e.g. T2.6';
COMMENT ON COLUMN @extschema@.indicator_cell_live.municipality_code IS 'municipality the persons count for';
COMMENT ON COLUMN @extschema@.indicator_cell_live.period IS 'year';
COMMENT ON COLUMN @extschema@.indicator_cell_live.numerator IS 'persons meeting the condition (shares), or the count (counts)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.denominator IS 'persons counted (shares); NULL for counts';

-- Housing ledger ---------------------------------------------------------------------
-- Per municipality: quota, housed (each person counts once, in the half-year and
-- municipality of their first housing), corrections and the opening balance, through
-- the quota_ledger aggregate.  The ledger starts at the opening balance's half-year
-- (earlier rows are ignored), or at the first half-year with any figure.

CREATE VIEW @extschema@.housing_ledger_live WITH (security_invoker = true) AS
WITH
first_housing AS (
    SELECT DISTINCT ON (person_id) person_id, municipality_code::text AS municipality_code, housed_on
    FROM @extschema@.housing ORDER BY person_id, housed_on
),
housed AS (
    SELECT municipality_code, @extschema@.period(housed_on, 'halfyear') AS period, count(*) AS housed
    FROM first_housing GROUP BY 1, 2
),
figures AS (
    SELECT municipality_code, period, sum(quota)::bigint AS quota, sum(housed)::bigint AS housed,
           sum(correction)::bigint AS correction
    FROM (SELECT municipality_code::text AS municipality_code, period, quota, 0 AS housed, 0 AS correction
          FROM @extschema@.quota
          UNION ALL
          SELECT municipality_code, period, 0, housed, 0 FROM housed
          UNION ALL
          SELECT municipality_code::text, period, 0, 0, correction FROM @extschema@.quota_correction) f
    GROUP BY 1, 2
),
opening AS (
    SELECT municipality_code::text AS municipality_code, period, balance FROM @extschema@.opening_balance
),
-- The opening balance enters as the correction of the half-year before the ledger starts.
entries AS (
    SELECT f.municipality_code, f.period, f.quota, f.housed, f.correction
    FROM figures f LEFT JOIN opening o USING (municipality_code)
    WHERE o.period IS NULL OR f.period >= o.period
    UNION ALL
    SELECT municipality_code, period OPERATOR(@extschema@.-) 1, 0, 0, balance FROM opening
),
ledgers AS (
    SELECT municipality_code,
           @extschema@.quota_ledger(period, quota, housed, correction,
                                    (SELECT @extschema@.setting_bool('carry_surplus'))) AS ledger
    FROM entries GROUP BY municipality_code
),
municipal AS (
    SELECT l.municipality_code, r.*
    FROM ledgers l CROSS JOIN LATERAL @extschema@.ledger_rows(l.ledger) r
    LEFT JOIN opening o ON o.municipality_code = l.municipality_code
    WHERE o.period IS NULL OR r.period >= o.period
),
-- Members of each region in each half-year: region_members() once per region and
-- half-year (not once per ledger row).
members AS (
    SELECT rg.code AS region, h.period, mb::text AS municipality_code
    FROM @extschema@.region rg
    CROSS JOIN (SELECT DISTINCT period FROM municipal) h
    CROSS JOIN LATERAL @extschema@.region_members(rg.code, h.period) mb
),
-- Region rows: sums over the members valid in the half-year.
regional AS (
    SELECT mb.region, mb.period,
           sum(m.quota)::bigint AS quota, sum(m.carried_in)::bigint AS carried_in,
           sum(m.obligation)::bigint AS obligation, sum(m.housed)::bigint AS housed,
           sum(m.correction)::bigint AS correction, sum(m.closing_balance)::bigint AS closing_balance
    FROM members mb
    JOIN municipal m ON m.municipality_code = mb.municipality_code AND m.period = mb.period
    GROUP BY mb.region, mb.period
),
regional_met AS (
    SELECT r.*, r.housed >= r.quota AS met_quota,
           r.obligation <= 0 OR r.housed >= r.obligation AS met_obligation
    FROM regional r
),
-- Consecutive half-years with the obligation not met: rows since the last met one.
regional_runs AS (
    SELECT r.*, count(*) FILTER (WHERE met_obligation) OVER (PARTITION BY region ORDER BY period) AS run
    FROM regional_met r
)
SELECT 'municipality' AS area_type, municipality_code AS area_code, period, quota, carried_in, obligation,
       housed, correction, closing_balance, met_quota, met_obligation, missed_in_a_row::bigint AS missed_in_a_row
FROM municipal
UNION ALL
SELECT 'region', region, period, quota, carried_in, obligation, housed, correction, closing_balance,
       met_quota, met_obligation,
       CASE WHEN met_obligation THEN 0
            ELSE row_number() OVER (PARTITION BY region, run ORDER BY period) - (run > 0)::integer END
FROM regional_runs;

COMMENT ON VIEW @extschema@.housing_ledger_live IS
    'internal: the housing ledger per municipality and region and half-year, computed from the rows the querying role may see; refresh_monitor() stores it for housing_ledger';

-- Housing schedule within the half-year --------------------------------------------
-- After m months of a half-year a municipality is on schedule when the persons
-- housed so far are at least obligation * m / 6 (compared exactly: housed * 6 >=
-- obligation * m).  Months that have not started yet are left out.

CREATE VIEW @extschema@.housing_progress_live WITH (security_invoker = true) AS
WITH
monthly AS (
    SELECT municipality_code, @extschema@.period(housed_on, 'month') AS month, count(*) AS housed
    FROM (SELECT DISTINCT ON (person_id) person_id, municipality_code::text AS municipality_code, housed_on
          FROM @extschema@.housing ORDER BY person_id, housed_on) first_housing
    GROUP BY 1, 2
),
months AS (
    SELECT l.area_code AS municipality_code, l.period, l.obligation, m.months_elapsed,
           @extschema@.period(@extschema@.period_start(l.period), 'month') AS first_month,
           @extschema@.period(@extschema@.period_start(l.period), 'month')
               OPERATOR(@extschema@.+) (m.months_elapsed - 1) AS month
    FROM @extschema@.housing_ledger_live l
    CROSS JOIN generate_series(1, 6) AS m(months_elapsed)
    WHERE l.area_type = 'municipality'
)
SELECT mo.municipality_code, mo.period, mo.month, mo.months_elapsed::bigint AS months_elapsed, mo.obligation,
       coalesce(sum(h.housed), 0)::bigint AS housed_to_date
FROM months mo
LEFT JOIN monthly h ON h.municipality_code = mo.municipality_code
                   AND h.month >= mo.first_month AND h.month <= mo.month
WHERE @extschema@.period_start(mo.month) <= current_date
GROUP BY mo.municipality_code, mo.period, mo.month, mo.months_elapsed, mo.obligation;

COMMENT ON VIEW @extschema@.housing_progress_live IS
    'internal: housed so far per municipality and month of each half-year, computed from the rows the querying role may see; refresh_monitor() stores it for housing_progress';

-- The scorecard, live ---------------------------------------------------------------
-- Every indicator per area (member municipalities and regions) and period, with
-- target, status, baseline, trend and small-cell suppression.

CREATE VIEW @extschema@.scorecard_live WITH (security_invoker = true) AS
WITH
settings AS (
    SELECT @extschema@.setting_int('min_cell_size') AS min_cell,
           @extschema@.setting_int('baseline_offset_years') AS offset_years,
           @extschema@.setting_numeric('significance_level')::double precision AS alpha
),
municipal AS (
    SELECT indicator_code, municipality_code, period, numerator, denominator
    FROM @extschema@.indicator_cell_live
    UNION ALL
    -- T3.1 per municipality: 1 of 1 when the half-year's obligation was met, else 0 of 1,
    -- so the region row counts the members that met theirs.
    SELECT 'T3.1', area_code, period, met_obligation::integer, 1
    FROM @extschema@.housing_ledger_live WHERE area_type = 'municipality'
),
years AS (
    SELECT DISTINCT period FROM municipal WHERE @extschema@.granularity(period) = 'year'
),
periods AS (
    SELECT DISTINCT period FROM municipal
),
-- Members of each region in each period of the monitor.
members AS (
    SELECT r.code AS region, p.period, m::text AS municipality_code
    FROM @extschema@.region r CROSS JOIN periods p
    CROSS JOIN LATERAL @extschema@.region_members(r.code, p.period) m
),
-- The indicators measured per municipality and summed for the region, on the grid
-- of every member and period of their granularity.  Person-based: shares of persons
-- (small cells are suppressed); T3.1 counts municipalities, T2.12 volunteers and
-- T3.3/T3.4 dwellings.
summed AS (
    SELECT i.code AS indicator_code, mb.region, mb.municipality_code, mb.period,
           c.numerator, c.denominator, i.unit = 'share' AND i.code <> 'T3.1' AS person_based
    FROM @extschema@.indicator i
    JOIN members mb ON @extschema@.granularity(mb.period) = i.granularity
    LEFT JOIN municipal c ON c.indicator_code = i.code AND c.municipality_code = mb.municipality_code
                         AND c.period = mb.period
    WHERE i.unit IN ('share', 'count') AND i.code <> 'T2.8'
),
-- T2.8 per member and year: permit holders employed (0 when none).
employment AS (
    SELECT mb.region, mb.municipality_code, mb.period, coalesce(c.numerator, 0) AS employed
    FROM members mb
    LEFT JOIN municipal c ON c.indicator_code = 'T2.8' AND c.municipality_code = mb.municipality_code
                         AND c.period = mb.period
    WHERE @extschema@.granularity(mb.period) = 'year'
),
-- T1.4 per member and year: the day the pathway started, if it did.
milestones AS (
    SELECT mb.region, mb.municipality_code, mb.period, ms.achieved_on
    FROM members mb
    LEFT JOIN @extschema@.milestone ms ON ms.indicator_code = 'T1.4' AND ms.area_code = mb.municipality_code
    WHERE @extschema@.granularity(mb.period) = 'year'
),
-- Municipality rows (a municipality in several regions appears once; its parent
-- region, for targets, is the first by code).
municipality_rows AS (
    (SELECT DISTINCT ON (indicator_code, municipality_code, period)
            indicator_code, 'municipality' AS area_type, municipality_code AS area_code,
            region AS parent_region, period, numerator, denominator, NULL::date AS done_on, person_based
     FROM summed ORDER BY indicator_code, municipality_code, period, region)
    UNION ALL
    (SELECT DISTINCT ON (municipality_code, period)
            'T2.8', 'municipality', municipality_code, region, period, employed, NULL, NULL, true
     FROM employment ORDER BY municipality_code, period, region)
    UNION ALL
    (SELECT DISTINCT ON (municipality_code, period)
            'T1.4', 'municipality', municipality_code, region, period,
            (achieved_on IS NOT NULL AND achieved_on <= @extschema@.period_end(period))::integer, 1,
            achieved_on, false
     FROM milestones ORDER BY municipality_code, period, region)
),
-- Region rows: sums over the members valid in the period; for T2.8 and T1.4 the
-- members that reached their own result.
region_rows AS (
    SELECT indicator_code, 'region' AS area_type, region AS area_code, NULL::text AS parent_region, period,
           sum(numerator)::bigint, sum(denominator)::bigint, NULL::date, bool_or(person_based)
    FROM summed GROUP BY indicator_code, region, period
    UNION ALL
    SELECT 'T2.8', 'region', region, NULL, period, count(*) FILTER (WHERE employed >= 1), count(*), NULL, false
    FROM employment GROUP BY region, period
    UNION ALL
    -- T1.4: the region is done on the day its last member was.
    SELECT 'T1.4', 'region', region, NULL, period,
           count(*) FILTER (WHERE achieved_on IS NOT NULL AND achieved_on <= @extschema@.period_end(period)),
           count(*), CASE WHEN count(achieved_on) = count(*) THEN max(achieved_on) END, false
    FROM milestones GROUP BY region, period
    UNION ALL
    -- T2.15: a milestone of the region itself.
    SELECT 'T2.15', 'region', r.code, NULL, y.period,
           (ms.achieved_on IS NOT NULL AND ms.achieved_on <= @extschema@.period_end(y.period))::integer, 1,
           ms.achieved_on, false
    FROM @extschema@.region r CROSS JOIN years y
    LEFT JOIN @extschema@.milestone ms ON ms.indicator_code = 'T2.15' AND ms.area_code = r.code
),
area_rows AS (
    SELECT * FROM municipality_rows
    UNION ALL
    SELECT * FROM region_rows
),
-- Facts of each row: indicator, target (own, else the parent region's where the
-- municipal and regional figures measure the same thing), baseline.
facts AS (
    SELECT r.indicator_code, i.theme, i.name_en AS indicator_name,
           CASE WHEN r.indicator_code = 'T2.8' AND r.area_type = 'municipality' THEN 'count'
                ELSE i.unit END AS unit,
           r.area_type, r.area_code, r.parent_region, r.period, r.numerator, r.denominator, r.done_on,
           r.person_based,
           coalesce(t.target,
                    CASE WHEN r.area_type = 'municipality' AND r.indicator_code <> 'T2.8'
                         THEN pt.target END) AS target,
           CASE WHEN @extschema@.granularity(r.period) = 'year'
                THEN r.period OPERATOR(@extschema@.-) s.offset_years
                ELSE r.period OPERATOR(@extschema@.-) (2 * s.offset_years) END AS baseline_period,
           s.min_cell, s.alpha
    FROM area_rows r
    CROSS JOIN settings s
    JOIN @extschema@.indicator i ON i.code = r.indicator_code
    LEFT JOIN @extschema@.indicator_target t
           ON t.indicator_code = r.indicator_code AND t.area_code = r.area_code AND t.period = r.period
    LEFT JOIN @extschema@.indicator_target pt
           ON pt.indicator_code = r.indicator_code AND pt.area_code = r.parent_region AND pt.period = r.period
),
-- Primary suppression: person-based cells whose denominator (shares) or count is
-- below the minimum cell size.  Empty cells have nothing to hide.
primary_suppressed AS (
    SELECT f.*,
           person_based AND coalesce(CASE WHEN unit = 'share' THEN denominator ELSE numerator END, 0)
               BETWEEN 1 AND min_cell - 1 AS primary_suppressed
    FROM facts f
),
-- Secondary suppression: when exactly one member of a region is suppressed and the
-- region's own cell is shown, also suppress the member with the next smallest
-- denominator (or count), so the suppressed cell cannot be recovered as the region
-- minus the other members.
member_cells AS (
    SELECT p.*, mb.region
    FROM primary_suppressed p
    JOIN members mb ON mb.municipality_code = p.area_code AND mb.period = p.period
    WHERE p.area_type = 'municipality' AND p.person_based
      AND p.indicator_code <> 'T2.8'    -- its region row counts municipalities, not these persons
),
lonely AS (
    SELECT mc.indicator_code, mc.region, mc.period
    FROM member_cells mc
    JOIN primary_suppressed reg ON reg.indicator_code = mc.indicator_code AND reg.area_type = 'region'
                               AND reg.area_code = mc.region AND reg.period = mc.period
    WHERE NOT reg.primary_suppressed
    GROUP BY mc.indicator_code, mc.region, mc.period
    HAVING count(*) FILTER (WHERE mc.primary_suppressed) = 1
),
secondary AS (
    SELECT DISTINCT ON (mc.indicator_code, mc.region, mc.period) mc.indicator_code, mc.area_code, mc.period
    FROM member_cells mc JOIN lonely USING (indicator_code, region, period)
    WHERE NOT mc.primary_suppressed
      AND coalesce(CASE WHEN mc.unit = 'share' THEN mc.denominator ELSE mc.numerator END, 0) > 0
    ORDER BY mc.indicator_code, mc.region, mc.period,
             CASE WHEN mc.unit = 'share' THEN mc.denominator ELSE mc.numerator END, mc.area_code
),
judged AS (
    SELECT p.*,
           p.primary_suppressed
               OR EXISTS (SELECT FROM secondary s WHERE (s.indicator_code, s.area_code, s.period)
                                                      = (p.indicator_code, p.area_code, p.period)) AS suppressed,
           CASE WHEN p.unit = 'share' THEN @extschema@.share(p.numerator, p.denominator) END AS cell,
           b.numerator AS baseline_numerator,
           coalesce(b.primary_suppressed, false)
               OR EXISTS (SELECT FROM secondary s WHERE (s.indicator_code, s.area_code, s.period)
                                                      = (p.indicator_code, p.area_code, p.baseline_period))
               AS baseline_suppressed,
           CASE WHEN p.unit = 'share' THEN @extschema@.share(b.numerator, b.denominator) END AS baseline_cell
    FROM primary_suppressed p
    LEFT JOIN primary_suppressed b
           ON b.indicator_code = p.indicator_code AND b.area_code = p.area_code AND b.period = p.baseline_period
)
SELECT j.indicator_code, j.theme::bigint AS theme, j.indicator_name, j.unit,
       j.area_code, coalesce(m.name, rg.name) AS area_name, j.area_type,
       j.period::text AS period, @extschema@.period_start(j.period) AS period_start,
       CASE WHEN NOT j.suppressed THEN j.numerator END AS numerator_count,
       CASE WHEN NOT j.suppressed THEN j.denominator END AS denominator_count,
       CASE WHEN j.suppressed THEN NULL
            WHEN j.unit = 'share' THEN round(@extschema@.share_value(j.cell)::numeric, 6)
            WHEN j.unit = 'count' THEN j.numerator::numeric
            WHEN j.unit = 'milestone' AND j.denominator > 0 THEN round(j.numerator::numeric / j.denominator, 6)
       END AS value,
       CASE WHEN NOT j.suppressed AND j.unit = 'share' THEN round(@extschema@.ci_lower(j.cell)::numeric, 6) END AS ci_lower,
       CASE WHEN NOT j.suppressed AND j.unit = 'share' THEN round(@extschema@.ci_upper(j.cell)::numeric, 6) END AS ci_upper,
       j.target::text AS target,
       CASE WHEN j.suppressed THEN 'suppressed'
            WHEN j.target IS NULL THEN 'no target'
            WHEN j.unit = 'milestone' THEN @extschema@.attainment(j.done_on, j.target, current_date)
            WHEN j.unit = 'count' THEN @extschema@.attainment(j.numerator, j.target)
            ELSE @extschema@.attainment(j.cell, j.target, j.baseline_cell)
       END AS status,
       j.baseline_period::text AS baseline_period,
       CASE WHEN NOT j.baseline_suppressed AND j.unit = 'share' THEN round(@extschema@.share_value(j.baseline_cell)::numeric, 6)
            WHEN NOT j.baseline_suppressed AND j.unit = 'count' THEN j.baseline_numerator::numeric
       END AS baseline_value,
       CASE WHEN NOT j.suppressed AND NOT j.baseline_suppressed AND j.unit = 'share'
            THEN round((@extschema@.share_increase(j.cell, j.baseline_cell) * 100)::numeric, 2) END AS change_pct_points,
       CASE WHEN j.suppressed OR j.baseline_suppressed THEN NULL
            WHEN j.unit = 'share' THEN coalesce(@extschema@.trend(j.cell, j.baseline_cell, j.alpha), 'no data')
            WHEN j.unit = 'count' THEN CASE WHEN j.baseline_numerator IS NULL OR j.numerator IS NULL THEN 'no data'
                                            WHEN j.numerator > j.baseline_numerator THEN 'rise'
                                            WHEN j.numerator < j.baseline_numerator THEN 'fall'
                                            ELSE 'no change' END
       END AS trend,
       j.suppressed
FROM judged j
LEFT JOIN @extschema@.municipality m ON m.code::text = j.area_code
LEFT JOIN @extschema@.region rg ON rg.code = j.area_code
UNION ALL
-- Qualitative results, once per region and year, so the scorecard is complete.
SELECT i.code, i.theme::bigint, i.name_en, i.unit, r.code, r.name, 'region', y.period::text,
       @extschema@.period_start(y.period), NULL, NULL, NULL, NULL, NULL, NULL, 'qualitative',
       NULL, NULL, NULL, NULL, false
FROM @extschema@.indicator i CROSS JOIN @extschema@.region r CROSS JOIN years y
WHERE i.qualitative;

COMMENT ON VIEW @extschema@.scorecard_live IS
    'internal: the scorecard computed from the rows the querying role may see; refresh_monitor() stores it for the scorecard and theme views';

-- Published figures ---------------------------------------------------------------------
-- What refresh_monitor() stored: the BI views read these tables, so readers see the
-- region's published (suppressed) figures without any right on person-level rows.
-- Registered with pg_dump: a restored database shows the same views without a refresh.

CREATE TABLE @extschema@.published_scorecard (
    indicator_code text NOT NULL,
    theme bigint NOT NULL,
    indicator_name text NOT NULL,
    unit text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    area_type text NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    numerator_count bigint,
    denominator_count bigint,
    value numeric,
    ci_lower numeric,
    ci_upper numeric,
    target text,
    status text NOT NULL,
    baseline_period text,
    baseline_value numeric,
    change_pct_points numeric,
    trend text,
    suppressed boolean NOT NULL,
    PRIMARY KEY (indicator_code, area_code, period)
);
COMMENT ON TABLE @extschema@.published_scorecard IS
    'the scorecard as last stored by refresh_monitor(); read it through the view scorecard';

CREATE TABLE @extschema@.published_housing_ledger (
    area_type text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    period text NOT NULL,
    period_start date NOT NULL,
    quota bigint,
    carried_in bigint,
    obligation bigint,
    housed bigint,
    correction bigint,
    closing_balance bigint,
    realisation_quota_pct numeric,
    realisation_obligation_pct numeric,
    met_quota boolean,
    met_obligation boolean,
    missed_in_a_row bigint,
    PRIMARY KEY (area_code, period)
);
COMMENT ON TABLE @extschema@.published_housing_ledger IS
    'the housing ledger as last stored by refresh_monitor(); read it through the view housing_ledger';

CREATE TABLE @extschema@.published_housing_progress (
    municipality_code text NOT NULL,
    municipality_name text,
    period text NOT NULL,
    month text NOT NULL,
    month_start date NOT NULL,
    months_elapsed bigint NOT NULL,
    obligation bigint,
    housed_to_date bigint NOT NULL,
    expected_to_date numeric,
    on_schedule boolean,
    PRIMARY KEY (municipality_code, month)
);
COMMENT ON TABLE @extschema@.published_housing_progress IS
    'the monthly housing schedule as last stored by refresh_monitor(); read it through the view housing_progress';

CREATE TABLE @extschema@.monitor_refresh (
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    refreshed_by name NOT NULL DEFAULT current_user,
    scorecard_rows bigint NOT NULL,
    ledger_rows bigint NOT NULL,
    progress_rows bigint NOT NULL
);
COMMENT ON TABLE @extschema@.monitor_refresh IS 'one row per run of refresh_monitor(): when, by whom, how many rows';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_scorecard', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_ledger', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_progress', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.monitor_refresh', '');

-- jit = off: the plans of the *_live views are large, and compiling them with
-- LLVM costs more than it saves: 20 s against 0.6 s without JIT on the demo
-- data in a freshly restored (not yet analyzed) database, 19 s against 14 s
-- at demo scale 3; the compilation cannot be cancelled either.
CREATE FUNCTION @extschema@.refresh_monitor(OUT scorecard_rows bigint, OUT ledger_rows bigint,
                                            OUT progress_rows bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
BEGIN
    -- The figures are for everyone: computing them from a subset of the persons
    -- (row-level security of an analyst) would publish wrong region totals.
    IF NOT (@extschema@.sees_all_persons()
            OR EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls))
            OR pg_has_role(current_user, (SELECT relowner FROM pg_class
                                          WHERE oid = '@extschema@.person'::regclass), 'MEMBER')) THEN
        RAISE EXCEPTION 'refresh_monitor() needs a role that sees every person: u16_loader, the owner of the u16 tables, or a superuser'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    DELETE FROM @extschema@.published_scorecard;
    INSERT INTO @extschema@.published_scorecard SELECT * FROM @extschema@.scorecard_live;
    GET DIAGNOSTICS scorecard_rows = ROW_COUNT;

    DELETE FROM @extschema@.published_housing_ledger;
    INSERT INTO @extschema@.published_housing_ledger
    SELECT l.area_type, l.area_code, coalesce(m.name, r.name), l.period::text, @extschema@.period_start(l.period),
           l.quota, l.carried_in, l.obligation, l.housed, l.correction, l.closing_balance,
           CASE WHEN l.quota > 0 THEN round(100.0 * l.housed / l.quota, 1) END,
           CASE WHEN l.obligation > 0 THEN round(100.0 * l.housed / l.obligation, 1) END,
           l.met_quota, l.met_obligation, l.missed_in_a_row
    FROM @extschema@.housing_ledger_live l
    LEFT JOIN @extschema@.municipality m ON m.code::text = l.area_code
    LEFT JOIN @extschema@.region r ON r.code = l.area_code;
    GET DIAGNOSTICS ledger_rows = ROW_COUNT;

    DELETE FROM @extschema@.published_housing_progress;
    INSERT INTO @extschema@.published_housing_progress
    SELECT p.municipality_code, m.name, p.period::text, p.month::text, @extschema@.period_start(p.month),
           p.months_elapsed, p.obligation, p.housed_to_date,
           round(p.obligation * p.months_elapsed / 6.0, 1),
           p.housed_to_date * 6 >= p.obligation * p.months_elapsed
    FROM @extschema@.housing_progress_live p
    LEFT JOIN @extschema@.municipality m ON m.code::text = p.municipality_code;
    GET DIAGNOSTICS progress_rows = ROW_COUNT;

    INSERT INTO @extschema@.monitor_refresh (scorecard_rows, ledger_rows, progress_rows)
    VALUES (scorecard_rows, ledger_rows, progress_rows);
END
$$;
COMMENT ON FUNCTION @extschema@.refresh_monitor() IS
    'recomputes every published figure (scorecard, housing ledger, housing schedule) from the person-level data; run after loading, as u16_loader or the owner; returns the rows stored';

-- BI views -------------------------------------------------------------------------------
-- Built-in column types only; fractions 0..1 in numeric; periods as text plus a
-- period_start date for time axes.  security_invoker: a role reads them with its
-- own rights on the published tables.

CREATE VIEW @extschema@.scorecard WITH (security_invoker = true) AS
SELECT indicator_code, theme, indicator_name, unit, area_code, area_name, area_type, period, period_start,
       numerator_count, denominator_count, value, ci_lower, ci_upper, target, status,
       baseline_period, baseline_value, change_pct_points, trend, suppressed
FROM @extschema@.published_scorecard;

CREATE VIEW @extschema@.theme1_pathway WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 1 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme2_work_integration WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 2 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme3_housing WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 3 AND unit <> 'qualitative';

CREATE VIEW @extschema@.housing_ledger WITH (security_invoker = true) AS
SELECT area_code AS municipality_code, area_name AS municipality_name, area_type, period, period_start,
       quota, carried_in, obligation, housed, correction, closing_balance,
       realisation_quota_pct, realisation_obligation_pct, met_quota, met_obligation, missed_in_a_row
FROM @extschema@.published_housing_ledger;

CREATE VIEW @extschema@.housing_progress WITH (security_invoker = true) AS
SELECT municipality_code, municipality_name, period, month, month_start, months_elapsed, obligation,
       housed_to_date, expected_to_date, on_schedule
FROM @extschema@.published_housing_progress;

-- Comments: Metabase and other BI tools show them as descriptions.
DO $$
DECLARE
    v text;
    c record;
    scorecard_columns constant jsonb := '{
        "indicator_code": "indicator of the plan of 2018, e.g. T2.6 (see u16.indicator)",
        "theme": "theme 1 (pathway), 2 (work and civic integration) or 3 (housing)",
        "indicator_name": "short name of the indicator in English",
        "unit": "share (k of n persons or municipalities; value is a fraction), count, milestone (value: fraction of areas done) or qualitative",
        "area_code": "municipality code (GM0344) or region code (U16)",
        "area_name": "name of the municipality or region",
        "area_type": "municipality or region; region rows sum the members valid in the period",
        "period": "year (2018) or half-year (2018H1) as text",
        "period_start": "first day of the period: use as the time axis",
        "numerator_count": "persons (or areas) meeting the indicator, or the count; NULL when suppressed",
        "denominator_count": "persons (or areas) counted; NULL for counts and when suppressed",
        "value": "the indicator: a fraction 0..1 for shares (format as percentage), the number for counts; NULL when suppressed or without data",
        "ci_lower": "lower bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "ci_upper": "upper bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "target": "target from u16.indicator_target, e.g. >= 90%, rise, by 2018-06-01; municipalities without their own follow their region",
        "status": "met, not met, pending (deadline ahead), no data, no target, qualitative, or suppressed",
        "baseline_period": "period compared with (setting baseline_offset_years, default one year earlier)",
        "baseline_value": "value in the baseline period; NULL when suppressed or without data",
        "change_pct_points": "value minus baseline value, in percentage points (shares only)",
        "trend": "rise or fall when the change is statistically significant (setting significance_level), else no change; no data without both values",
        "suppressed": "true when the cell is hidden to protect privacy (fewer persons than setting min_cell_size, or secondary suppression)"
    }';
BEGIN
    FOREACH v IN ARRAY ARRAY['scorecard', 'theme1_pathway', 'theme2_work_integration', 'theme3_housing'] LOOP
        FOR c IN SELECT key, value FROM jsonb_each_text(scorecard_columns) LOOP
            EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', v, c.key, c.value);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON VIEW @extschema@.scorecard IS
    'U16 monitor scorecard: every indicator of the plan of 2018 per municipality and region and period, with target, status, change since the baseline and whether it is real, small cells suppressed; as of the last refresh_monitor()';
COMMENT ON VIEW @extschema@.theme1_pathway IS
    'theme 1, start of the pathway (T1.1 placements from regional AZCs, T1.2 NOA assessments, T1.3 joined the pathway, T1.4 pathway started): scorecard rows';
COMMENT ON VIEW @extschema@.theme2_work_integration IS
    'theme 2, work and civic integration (education, language, integration, work, welfare, participation): scorecard rows';
COMMENT ON VIEW @extschema@.theme3_housing IS
    'theme 3, housing (T3.1 half-year quota realised, T3.3/T3.4 flexible dwellings): scorecard rows; details in housing_ledger';
COMMENT ON VIEW @extschema@.housing_ledger IS
    'housing quota ledger (taakstelling) per municipality and half-year, plus region rows: quota, carried balance, obligation, housed, closing balance, realisation, consecutive misses';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_code IS 'municipality code, or the region code (U16) on region rows';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_name IS 'name of the municipality or region';
COMMENT ON COLUMN @extschema@.housing_ledger.area_type IS 'municipality or region; region rows sum the members valid in the half-year';
COMMENT ON COLUMN @extschema@.housing_ledger.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.housing_ledger.period_start IS 'first day of the half-year: use as the time axis';
COMMENT ON COLUMN @extschema@.housing_ledger.quota IS 'quota (taakstelling): permit holders to house in the half-year';
COMMENT ON COLUMN @extschema@.housing_ledger.carried_in IS 'balance carried in: > 0 deficit (achterstand), < 0 surplus (voorsprong)';
COMMENT ON COLUMN @extschema@.housing_ledger.obligation IS 'obligation (opgave): quota + carried balance';
COMMENT ON COLUMN @extschema@.housing_ledger.housed IS 'permit holders housed in the half-year (each person once, at first housing)';
COMMENT ON COLUMN @extschema@.housing_ledger.correction IS 'manual correction added to the closing balance';
COMMENT ON COLUMN @extschema@.housing_ledger.closing_balance IS 'balance carried out: obligation - housed + correction; > 0 deficit, < 0 surplus';
COMMENT ON COLUMN @extschema@.housing_ledger.realisation_quota_pct IS 'housed as a percentage of the quota (0..100 and above); NULL when the quota is 0';
COMMENT ON COLUMN @extschema@.housing_ledger.realisation_obligation_pct IS 'housed as a percentage of the obligation; NULL when the obligation is 0 or less (counts as met)';
COMMENT ON COLUMN @extschema@.housing_ledger.met_quota IS 'housed at least the quota';
COMMENT ON COLUMN @extschema@.housing_ledger.met_obligation IS 'housed at least the obligation (an obligation of 0 or less counts as met)';
COMMENT ON COLUMN @extschema@.housing_ledger.missed_in_a_row IS 'consecutive half-years up to this one with the obligation not met (provinces escalate after repeated misses)';
COMMENT ON VIEW @extschema@.housing_progress IS
    'housing schedule within each half-year: per municipality and month, housed so far against obligation x months / 6';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_code IS 'municipality code';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_name IS 'name of the municipality';
COMMENT ON COLUMN @extschema@.housing_progress.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.housing_progress.month IS 'month of the half-year, e.g. 2018-03';
COMMENT ON COLUMN @extschema@.housing_progress.month_start IS 'first day of the month: use as the time axis';
COMMENT ON COLUMN @extschema@.housing_progress.months_elapsed IS 'months of the half-year up to and including this one (1..6)';
COMMENT ON COLUMN @extschema@.housing_progress.obligation IS 'obligation of the half-year (quota + carried balance)';
COMMENT ON COLUMN @extschema@.housing_progress.housed_to_date IS 'permit holders housed from the start of the half-year to the end of this month';
COMMENT ON COLUMN @extschema@.housing_progress.expected_to_date IS 'obligation x months_elapsed / 6: what is on schedule';
COMMENT ON COLUMN @extschema@.housing_progress.on_schedule IS 'housed_to_date >= obligation x months_elapsed / 6';

-- The published tables and the internal views carry the same column comments as
-- the BI views they feed; the few columns named differently are listed here.
DO $$
DECLARE
    pair text[];
    c record;
    comment text;
    other constant jsonb := '{
        "area_code": "municipality code, or the region code (U16) on region rows",
        "area_name": "name of the municipality or region",
        "area_type": "municipality or region"
    }';
BEGIN
    FOREACH pair SLICE 1 IN ARRAY ARRAY[
        ['published_scorecard', 'scorecard'], ['scorecard_live', 'scorecard'],
        ['published_housing_ledger', 'housing_ledger'], ['housing_ledger_live', 'housing_ledger'],
        ['published_housing_progress', 'housing_progress'], ['housing_progress_live', 'housing_progress']]
    LOOP
        FOR c IN SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = format('@extschema@.%I', pair[1])::regclass AND a.attnum > 0 AND NOT a.attisdropped
        LOOP
            comment := coalesce(
                col_description(format('@extschema@.%I', pair[2])::regclass,
                                (SELECT attnum FROM pg_attribute
                                 WHERE attrelid = format('@extschema@.%I', pair[2])::regclass AND attname = c.attname)),
                other ->> c.attname);
            EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], c.attname, comment);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.monitor_refresh.refreshed_at IS 'when refresh_monitor() ran';
COMMENT ON COLUMN @extschema@.monitor_refresh.refreshed_by IS 'the role that ran it';
COMMENT ON COLUMN @extschema@.monitor_refresh.scorecard_rows IS 'scorecard rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.ledger_rows IS 'housing ledger rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.progress_rows IS 'housing schedule rows stored';
-- ============================================================================
-- The report: one self-contained HTML page of the scorecard (inline CSS and
-- SVG, no scripts, nothing fetched).  Layer 5 (tools), SQL only.
--
-- report_html() reads only the BI views scorecard and housing_ledger (plus
-- the names of themes and regions and the region's members), so the page
-- shows exactly what BI tools show: the figures published by
-- refresh_monitor(), small cells suppressed.  It runs with the rights of its
-- caller (not SECURITY DEFINER): a u16_reader can make it.  Every text that
-- comes from the database goes through html_escape().
-- ============================================================================

CREATE FUNCTION @extschema@.html_escape(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT replace(replace(replace(replace(replace(coalesce(value, ''),
               '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION @extschema@.html_escape(text) IS
    'text made safe for HTML and XML text and attribute values: & < > " and '' as character references; NULL gives an empty string';

-- A value of the scorecard as text: shares as a percentage, counts as a number.
CREATE FUNCTION @extschema@.report_value_text(unit text, value numeric) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN value IS NULL THEN NULL
                WHEN unit IN ('share', 'milestone') THEN to_char(round(value * 100, 1), 'FM9999990.0') || '%'
                ELSE trim_scale(value)::text END
$$;
COMMENT ON FUNCTION @extschema@.report_value_text(text, numeric) IS
    'a scorecard value as report_html() prints it: shares and milestones as a percentage with one decimal, counts as a number';

CREATE FUNCTION @extschema@.report_html(region text DEFAULT 'U16', period @extschema@.period DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    rg text := report_html.region;
    rep_year text;
    sel text[];
    members text[];
    region_name text;
    html text;
    th record;
    ind record;
    part text;
    n_areas integer;
    n_periods integer;
    row_h constant integer := 15;
    bar_w constant integer := 360;
    x0 constant integer := 200;
    chart_h integer;
    threshold numeric;
    target_label text;
    last_half text;
    legend constant text :=
        '<p class="legend">Status: <span class="st met">met</span> <span class="st notmet">not met</span> '
        '<span class="st pending">pending</span> <span class="st nodata">no data</span> '
        '<span class="st notarget">no target</span> <span class="st suppressed">suppressed</span> '
        '(too few persons to publish: privacy). Trend against the baseline: &#9650; rise, &#9660; fall, '
        '&#9679; no change (not distinguishable from noise).</p>';
BEGIN
    IF rg IS NULL THEN
        RAISE EXCEPTION 'report_html needs a region, e.g. report_html(''U16'')' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT r.name INTO region_name FROM @extschema@.region r WHERE r.code = rg;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown region "%"', rg USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Regions are listed in u16.region, e.g. U16.';
    END IF;
    IF report_html.period IS NOT NULL
       AND @extschema@.granularity(report_html.period) NOT IN ('year', 'halfyear') THEN
        RAISE EXCEPTION 'report_html reports a year or a half-year, got %', report_html.period
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- The year reported: the one given, else the latest year with figures for
    -- the region that has targets, else the latest year with figures.
    IF report_html.period IS NOT NULL THEN
        rep_year := to_char(@extschema@.period_start(report_html.period), 'YYYY');
    ELSE
        SELECT s.period INTO rep_year FROM @extschema@.scorecard s
        WHERE s.area_code = rg AND s.area_type = 'region' AND length(s.period) = 4
          AND s.numerator_count IS NOT NULL
        ORDER BY (s.target IS NOT NULL) DESC, s.period DESC LIMIT 1;
        IF rep_year IS NULL THEN
            RAISE EXCEPTION 'no published figures for region %', rg USING ERRCODE = 'no_data_found',
                HINT = 'Load data and run SELECT * FROM u16.refresh_monitor() first.';
        END IF;
    END IF;
    sel := CASE WHEN report_html.period IS NOT NULL AND @extschema@.granularity(report_html.period) = 'halfyear'
                THEN ARRAY[rep_year, report_html.period::text]
                ELSE ARRAY[rep_year, rep_year || 'H1', rep_year || 'H2'] END;
    last_half := sel[array_length(sel, 1)];
    SELECT array_agg(m::text ORDER BY m) INTO members
    FROM @extschema@.region_members(rg, rep_year::@extschema@.period) AS m;
    members := coalesce(members, '{}');

    html := '<!DOCTYPE html>' || E'\n'
        || '<html lang="en" xmlns="http://www.w3.org/1999/xhtml">' || E'\n'
        || '<head>' || E'\n' || '<meta charset="utf-8"/>' || E'\n'
        || format('<title>U16 monitor %s %s</title>', @extschema@.html_escape(rg), @extschema@.html_escape(rep_year)) || E'\n'
        || '<style>' || E'\n'
        || 'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#1d2433;background:#fff;font-size:14px}'
        || 'h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #2b5797;padding-bottom:.2em}h3{margin-top:1.4em}'
        || 'table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ccd3de;padding:3px 6px;text-align:right;vertical-align:top}'
        || 'th{background:#eef2f8}td.l,th.l{text-align:left}table.matrix td{white-space:nowrap;font-size:12px}'
        || 'tr.region td{font-weight:bold;background:#f7f9fc}'
        || '.st{display:inline-block;padding:0 .4em;border-radius:3px}'
        || '.met{background:#d7f0dc}.notmet{background:#f8d7d4}.pending{background:#fdeec8}.nodata{background:#eceff3;color:#667}'
        || '.notarget{background:#fff}.qualitative{background:#f3eefa}'
        || '.suppressed{color:#556;background:repeating-linear-gradient(45deg,#e4e7ec 0,#e4e7ec 3px,#fff 3px,#fff 6px)}'
        || '.scroll{overflow-x:auto}.small{font-size:11px;font-weight:normal}.legend,.note{color:#445;font-size:12px}figure{margin:1em 0}figcaption{font-size:12px;color:#445}'
        || 'svg text{font-family:inherit;font-size:11px;fill:#1d2433}svg .bar{fill:#2b5797}svg .bar.notmet{fill:#c0392b}'
        || 'svg .bar.met{fill:#2e8b57}svg .bar.nostatus{fill:#2b5797}svg .ci{stroke:#1d2433;stroke-width:1}'
        || 'svg .supp{fill:#e4e7ec;stroke:#99a;stroke-dasharray:3 2}svg .target{stroke:#d35400;stroke-width:2;stroke-dasharray:6 3}'
        || 'svg .grid{stroke:#dde2ea}svg .axis{stroke:#667}svg .deficit{fill:#c0392b}svg .surplus{fill:#2e8b57}'
        || 'svg text.small{font-size:9px;fill:#556}svg text.tl{fill:#d35400;font-weight:bold}'
        || E'\n</style>\n</head>\n<body>\n'
        || '<h1>U16-monitor Asiel &amp; Integratie</h1>' || E'\n'
        || format('<p class="note">Region <b>%s</b> (%s), %s municipalities, reporting period <b>%s</b>. '
                  'Figures as published by refresh_monitor() in the views u16.scorecard and u16.housing_ledger '
                  '(what BI tools show); shares are persons, region figures are sums over the member municipalities.</p>',
                  @extschema@.html_escape(region_name), @extschema@.html_escape(rg), cardinality(members),
                  @extschema@.html_escape(array_to_string(sel[2:], ', ') || CASE WHEN cardinality(sel) > 2 THEN ' (' || rep_year || ')' ELSE '' END))
        || E'\n' || legend || E'\n';

    -- Summary: the region's statuses per theme.
    SELECT '<h2 id="summary">Summary</h2>' || E'\n'
        || '<table class="summary"><tr><th class="l">theme</th><th>met</th><th>not met</th><th>pending</th>'
        || '<th>no data</th><th>no target</th><th>suppressed</th><th>qualitative</th></tr>' || E'\n'
        || string_agg(format('<tr><td class="l"><a href="#theme-%s">%s. %s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                             t.theme, t.theme, @extschema@.html_escape(t.name_en),
                             x.met, x.not_met, x.pending, x.no_data, x.no_target, x.suppressed, x.qualitative), E'\n' ORDER BY t.theme)
        || '</table>' || E'\n'
      INTO part
    FROM @extschema@.theme t
    CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.status = 'met') AS met, count(*) FILTER (WHERE s.status = 'not met') AS not_met,
               count(*) FILTER (WHERE s.status = 'pending') AS pending, count(*) FILTER (WHERE s.status = 'no data') AS no_data,
               count(*) FILTER (WHERE s.status = 'no target') AS no_target,
               count(*) FILTER (WHERE s.status = 'suppressed') AS suppressed,
               count(*) FILTER (WHERE s.status = 'qualitative') AS qualitative
        FROM @extschema@.scorecard s
        WHERE s.theme = t.theme AND s.area_code = rg AND s.period = ANY (sel)) AS x;
    html := html || coalesce(part, '');

    FOR th IN SELECT t.theme, t.name_en, t.name_nl FROM @extschema@.theme t ORDER BY t.theme LOOP
        html := html || format(E'<section class="theme" id="theme-%s">\n<h2>Theme %s: %s</h2>\n<p class="note" lang="nl">%s</p>\n',
                               th.theme, th.theme, @extschema@.html_escape(th.name_en), @extschema@.html_escape(th.name_nl));

        -- The region's indicators.
        SELECT E'<h3>Region</h3>\n<table class="region-table"><tr><th class="l">indicator</th><th class="l">period</th>'
            || '<th>value</th><th>persons</th><th>95% interval</th><th class="l">target</th><th class="l">status</th>'
            || E'<th class="l">baseline</th><th>change</th><th class="l">trend</th></tr>\n'
            || string_agg(format('<tr><td class="l"><b>%s</b> %s</td><td class="l">%s</td><td>%s</td><td>%s</td><td>%s</td><td class="l">%s</td>'
                                 '<td class="l"><span class="st %s">%s</span></td><td class="l">%s</td><td>%s</td><td class="l">%s</td></tr>',
                    @extschema@.html_escape(s.indicator_code), @extschema@.html_escape(s.indicator_name),
                    @extschema@.html_escape(s.period),
                    CASE WHEN s.suppressed THEN 'suppressed' WHEN s.unit = 'qualitative' THEN 'qualitative'
                         ELSE coalesce(@extschema@.report_value_text(s.unit, s.value), '&#8211;') END,
                    CASE WHEN s.denominator_count IS NOT NULL THEN format('%s of %s', s.numerator_count, s.denominator_count)
                         ELSE coalesce(s.numerator_count::text, '') END,
                    CASE WHEN s.ci_lower IS NOT NULL
                         THEN @extschema@.report_value_text('share', s.ci_lower) || ' &#8211; ' || @extschema@.report_value_text('share', s.ci_upper)
                         ELSE '' END,
                    @extschema@.html_escape(s.target),
                    replace(s.status, ' ', ''), @extschema@.html_escape(s.status),
                    CASE WHEN s.baseline_value IS NOT NULL
                         THEN @extschema@.html_escape(s.baseline_period) || ': ' || @extschema@.report_value_text(s.unit, s.baseline_value)
                         ELSE '' END,
                    CASE WHEN s.change_pct_points IS NOT NULL
                         THEN to_char(s.change_pct_points, 'FMS9999990.0') || ' pt' ELSE '' END,
                    CASE s.trend WHEN 'rise' THEN '&#9650; rise' WHEN 'fall' THEN '&#9660; fall'
                                 WHEN 'no change' THEN '&#9679; no change' ELSE @extschema@.html_escape(s.trend) END),
                E'\n' ORDER BY string_to_array(substr(s.indicator_code, 2), '.')::integer[], s.period)
            || E'</table>\n'
          INTO part
        FROM @extschema@.scorecard s
        WHERE s.theme = th.theme AND s.area_code = rg AND s.area_type = 'region' AND s.period = ANY (sel);
        html := html || coalesce(part, E'<p class="note">No figures for this theme.</p>\n');

        -- Per municipality: one column per quantitative indicator and period.
        WITH cols AS (
            SELECT DISTINCT s.indicator_code, s.period, s.unit AS region_unit,
                   string_to_array(substr(s.indicator_code, 2), '.')::integer[] AS ord,
                   s.target AS region_target
            FROM @extschema@.scorecard s
            WHERE s.theme = th.theme AND s.area_code = rg AND s.unit <> 'qualitative' AND s.period = ANY (sel)
        ), areas AS (
            SELECT DISTINCT s.area_code, s.area_name, s.area_type
            FROM @extschema@.scorecard s
            WHERE s.theme = th.theme AND s.period = ANY (sel) AND s.unit <> 'qualitative'
              AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)))
        ), cells AS (
            SELECT a.area_code, a.area_name, a.area_type, c.indicator_code, c.period, c.ord, s.unit, s.value,
                   s.status, s.trend, s.suppressed, s.numerator_count, s.denominator_count, s.target
            FROM areas a CROSS JOIN cols c
            LEFT JOIN @extschema@.scorecard s
                   ON s.area_code = a.area_code AND s.indicator_code = c.indicator_code AND s.period = c.period
        )
        SELECT E'<h3>Per municipality</h3>\n<div class="scroll"><table class="matrix"><tr><th class="l">area</th>'
            || (SELECT string_agg(format('<th>%s%s<br/><span class="small">%s</span></th>', @extschema@.html_escape(c.indicator_code),
                                         CASE WHEN length(c.period) > 4 THEN ' ' || @extschema@.html_escape(c.period) ELSE '' END,
                                         coalesce('target ' || @extschema@.html_escape(c.region_target), '')),
                                  '' ORDER BY c.ord, c.period) FROM cols c)
            || E'</tr>\n'
            || (SELECT string_agg(r.line, E'\n' ORDER BY r.area_type DESC, r.area_name, r.area_code)
                FROM (SELECT x.area_code, x.area_name, x.area_type,
                             format('<tr%s><td class="l">%s</td>%s</tr>',
                                    CASE WHEN x.area_type = 'region' THEN ' class="region"' ELSE '' END,
                                    @extschema@.html_escape(CASE WHEN x.area_type = 'region' THEN x.area_code || ' (region)'
                                                                 ELSE x.area_name END),
                                    string_agg(format('<td class="%s" title="%s">%s</td>',
                                                      CASE WHEN x.status IS NULL THEN 'nodata' ELSE replace(x.status, ' ', '') END,
                                                      @extschema@.html_escape(concat_ws(', ', x.indicator_code || ' ' || x.period,
                                                          CASE WHEN x.denominator_count IS NOT NULL
                                                               THEN x.numerator_count || ' of ' || x.denominator_count END,
                                                          'target ' || x.target, x.status, 'trend ' || x.trend)),
                                                      CASE WHEN x.status IS NULL THEN '&#8211;'
                                                           WHEN x.suppressed THEN 'suppressed'
                                                           ELSE coalesce(@extschema@.report_value_text(x.unit, x.value), '&#8211;')
                                                                || CASE x.status WHEN 'met' THEN ' &#10003;' WHEN 'not met' THEN ' &#10007;'
                                                                                 WHEN 'pending' THEN ' &#8230;' ELSE '' END
                                                                || CASE x.trend WHEN 'rise' THEN ' &#9650;' WHEN 'fall' THEN ' &#9660;'
                                                                                WHEN 'no change' THEN ' &#9679;' ELSE '' END END),
                                               '' ORDER BY x.ord, x.period)) AS line
                      FROM cells x GROUP BY x.area_code, x.area_name, x.area_type) AS r)
            || E'</table></div>\n<p class="note">Cells: value, &#10003; met / &#10007; not met / &#8230; pending, and the trend; '
            || E'a cell''s tooltip gives the counts, target and status. Municipalities without a target of their own follow the region''s.</p>\n'
          INTO part;
        html := html || coalesce(part, '');

        -- A chart per share indicator: each area's value (95% interval) against the target line.
        FOR ind IN
            SELECT s.indicator_code, s.indicator_name, s.target, s.baseline_value, s.baseline_period,
                   string_to_array(substr(s.indicator_code, 2), '.')::integer[] AS ord
            FROM @extschema@.scorecard s
            WHERE s.theme = th.theme AND s.area_code = rg AND s.unit = 'share'
              AND s.period = (SELECT max(s2.period) FROM @extschema@.scorecard s2
                              WHERE s2.indicator_code = s.indicator_code AND s2.area_code = rg AND s2.period = ANY (sel))
            ORDER BY 6
        LOOP
            SELECT count(DISTINCT s.area_code), count(DISTINCT s.period) INTO n_areas, n_periods
            FROM @extschema@.scorecard s
            WHERE s.indicator_code = ind.indicator_code AND s.period = ANY (sel)
              AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)));
            chart_h := 50 + n_areas * (n_periods * row_h + 6);
            threshold := CASE WHEN ind.target ~ '^[<>=]{1,2} ?[0-9.]+%$'
                              THEN substring(ind.target FROM '([0-9.]+)%')::numeric / 100 END;
            target_label := CASE WHEN threshold IS NOT NULL THEN 'target ' || ind.target
                                 WHEN ind.target IN ('rise', 'fall') AND ind.baseline_value IS NOT NULL
                                 THEN format('%s wanted vs %s', ind.target, ind.baseline_period) END;
            IF threshold IS NULL AND ind.target IN ('rise', 'fall') THEN
                threshold := ind.baseline_value;
            END IF;

            WITH rows AS (
                SELECT s.*, dense_rank() OVER (ORDER BY CASE WHEN s.area_type = 'region' THEN 0 ELSE 1 END,
                                                        s.area_name, s.area_code) AS ai,
                       dense_rank() OVER (ORDER BY s.period) AS pi
                FROM @extschema@.scorecard s
                WHERE s.indicator_code = ind.indicator_code AND s.period = ANY (sel)
                  AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)))
            ), placed AS (
                SELECT r.*, 30 + (r.ai - 1) * (n_periods * row_h + 6) + (r.pi - 1) * row_h AS y FROM rows r
            )
            SELECT format('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="chart share-chart" '
                          'width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="%s">',
                          x0 + bar_w + 130, chart_h, x0 + bar_w + 130, chart_h,
                          @extschema@.html_escape(ind.indicator_code || ' ' || ind.indicator_name || ' per area'))
                -- Grid: 0, 25, 50, 75, 100 %.
                || (SELECT string_agg(format('<line class="grid" x1="%s" y1="22" x2="%s" y2="%s"/><text class="small" x="%s" y="18" text-anchor="middle">%s%%</text>',
                                             x0 + g * bar_w / 4, x0 + g * bar_w / 4, chart_h - 18, x0 + g * bar_w / 4, g * 25), '')
                    FROM generate_series(0, 4) AS g)
                || string_agg(
                     CASE WHEN p.pi = 1 THEN format('<text x="%s" y="%s" text-anchor="end"%s>%s</text>', x0 - 6,
                                                    p.y + row_h - 4, CASE WHEN p.area_type = 'region' THEN ' font-weight="bold"' ELSE '' END,
                                                    @extschema@.html_escape(CASE WHEN p.area_type = 'region' THEN p.area_code || ' (region)'
                                                                                 ELSE p.area_name END)) ELSE '' END
                     || CASE WHEN n_periods > 1 THEN format('<text class="small" x="%s" y="%s" text-anchor="start">%s</text>',
                                                            x0 + bar_w + 70, p.y + row_h - 4, @extschema@.html_escape(p.period)) ELSE '' END
                     || CASE WHEN p.suppressed THEN
                                  format('<rect class="supp" x="%s" y="%s" width="%s" height="%s"/><text class="small" x="%s" y="%s">suppressed</text>',
                                         x0, p.y + 2, bar_w, row_h - 3, x0 + 6, p.y + row_h - 4)
                             WHEN p.value IS NULL THEN
                                  format('<text class="small" x="%s" y="%s">no data</text>', x0 + 4, p.y + row_h - 4)
                             ELSE format('<rect class="bar %s" x="%s" y="%s" width="%s" height="%s"/>',
                                         CASE p.status WHEN 'met' THEN 'met' WHEN 'not met' THEN 'notmet' ELSE 'nostatus' END,
                                         x0, p.y + 2, round(least(greatest(p.value, 0), 1) * bar_w, 1), row_h - 3)
                                  || CASE WHEN p.ci_lower IS NOT NULL THEN
                                          format('<line class="ci" x1="%s" y1="%s" x2="%s" y2="%s"/>',
                                                 round(x0 + p.ci_lower * bar_w, 1), p.y + 2 + (row_h - 3) / 2,
                                                 round(x0 + p.ci_upper * bar_w, 1), p.y + 2 + (row_h - 3) / 2) ELSE '' END
                                  || format('<text x="%s" y="%s">%s</text>', x0 + bar_w + 6, p.y + row_h - 4,
                                            @extschema@.report_value_text('share', p.value)) END,
                     '' ORDER BY p.ai, p.pi)
                || CASE WHEN threshold IS NOT NULL THEN
                        format('<line class="target" x1="%s" y1="24" x2="%s" y2="%s"/><text class="tl" x="%s" y="%s" text-anchor="middle">%s</text>',
                               round(x0 + threshold * bar_w, 1), round(x0 + threshold * bar_w, 1), chart_h - 16,
                               round(x0 + threshold * bar_w, 1), chart_h - 4, @extschema@.html_escape(target_label))
                        ELSE '' END
                || format('<line class="axis" x1="%s" y1="22" x2="%s" y2="%s"/>', x0, x0, chart_h - 18)
                || '</svg>'
                || format('<figcaption><b>%s</b> %s, %s: share per area with its 95%% interval; %s.</figcaption></figure>',
                          @extschema@.html_escape(ind.indicator_code), @extschema@.html_escape(ind.indicator_name),
                          @extschema@.html_escape(array_to_string(ARRAY(SELECT DISTINCT p2.period FROM placed p2 ORDER BY 1), ', ')),
                          CASE WHEN target_label IS NOT NULL
                               THEN 'dashed line: ' || @extschema@.html_escape(target_label)
                                    || CASE WHEN ind.target IN ('rise', 'fall')
                                            THEN ' (the region''s value then: ' || @extschema@.report_value_text('share', ind.baseline_value) || ')'
                                            ELSE '' END
                               ELSE 'no target line (no share target set)' END)
                || E'\n'
              INTO part
            FROM placed p;
            html := html || coalesce(part, '');
        END LOOP;

        -- Theme 3: the housing ledger and the balance per municipality over the half-years.
        IF th.theme = 3 THEN
            SELECT E'<h3>Housing ledger</h3>\n<table class="ledger"><tr><th class="l">area</th><th class="l">half-year</th>'
                || '<th>quota</th><th>carried in</th><th>obligation</th><th>housed</th><th>correction</th>'
                || E'<th>closing balance</th><th>% of quota</th><th>% of obligation</th><th class="l">obligation met</th><th>missed in a row</th></tr>\n'
                || string_agg(format('<tr%s><td class="l">%s</td><td class="l">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
                                     '<td>%s</td><td>%s</td><td class="l"><span class="st %s">%s</span></td><td>%s</td></tr>',
                                     CASE WHEN l.area_type = 'region' THEN ' class="region"' ELSE '' END,
                                     @extschema@.html_escape(CASE WHEN l.area_type = 'region' THEN l.municipality_code || ' (region)'
                                                                  ELSE l.municipality_name END),
                                     @extschema@.html_escape(l.period),
                                     l.quota, l.carried_in, l.obligation, l.housed, l.correction,
                                     l.closing_balance, coalesce(l.realisation_quota_pct::text, '&#8211;'),
                                     coalesce(l.realisation_obligation_pct::text, '&#8211;'),
                                     CASE WHEN l.met_obligation THEN 'met' WHEN NOT l.met_obligation THEN 'notmet' ELSE 'nodata' END,
                                     CASE WHEN l.met_obligation THEN 'yes' WHEN NOT l.met_obligation THEN 'no' ELSE '' END,
                                     l.missed_in_a_row),
                              E'\n' ORDER BY l.area_type DESC, l.municipality_name, l.municipality_code, l.period)
                || E'</table>\n<p class="note">Balance &gt; 0 is a deficit (achterstand), &lt; 0 a surplus (voorsprong); '
                || E'obligation = quota + carried balance.</p>\n'
              INTO part
            FROM @extschema@.housing_ledger l
            WHERE l.period = ANY (sel)
              AND (l.municipality_code = rg OR (l.area_type = 'municipality' AND l.municipality_code = ANY (members)));
            html := html || coalesce(part, '');

            -- Small multiples in one chart: a panel per area, a bar per half-year.
            WITH rows AS (
                SELECT l.*, dense_rank() OVER (ORDER BY CASE WHEN l.area_type = 'region' THEN 0 ELSE 1 END,
                                                        l.municipality_name, l.municipality_code) AS ai
                FROM @extschema@.housing_ledger l
                WHERE l.period_start <= @extschema@.period_start(last_half::@extschema@.period)
                  AND (l.municipality_code = rg
                       OR (l.area_type = 'municipality'
                           AND l.municipality_code IN (SELECT m::text FROM @extschema@.region_members(rg, l.period::@extschema@.period) AS m)))
            ), halves AS (
                SELECT h.period, dense_rank() OVER (ORDER BY h.period) AS hi, count(*) OVER () AS nh
                FROM (SELECT DISTINCT r.period FROM rows r) AS h
            ), panels AS (
                SELECT r.ai, r.municipality_name, r.area_type, (r.ai - 1) % 4 AS col, (r.ai - 1) / 4 AS prow,
                       greatest(max(abs(r.closing_balance)), 1) AS scale,
                       (array_agg(r.closing_balance ORDER BY r.period DESC))[1] AS last_balance
                FROM rows r GROUP BY r.ai, r.municipality_name, r.area_type
            )
            SELECT format('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="chart balance-chart" '
                          'width="760" height="%s" viewBox="0 0 760 %s" role="img" aria-label="housing balance per municipality and half-year">',
                          (max(pn.prow) + 1) * 135 + 10, (max(pn.prow) + 1) * 135 + 10)
                || string_agg(format('<g transform="translate(%s,%s)"><rect x="0" y="0" width="180" height="125" fill="#fafbfd" stroke="#dde2ea"/>'
                                     '<text x="6" y="14"%s>%s</text><line class="axis" x1="6" y1="70" x2="174" y2="70"/>'
                                     '<text class="small" x="174" y="120" text-anchor="end">%s: %s</text>%s</g>',
                                     pn.col * 188 + 4, pn.prow * 135 + 4,
                                     CASE WHEN pn.area_type = 'region' THEN ' font-weight="bold"' ELSE '' END,
                                     @extschema@.html_escape(CASE WHEN pn.area_type = 'region' THEN rg || ' (region)'
                                                                  ELSE pn.municipality_name END),
                                     @extschema@.html_escape(last_half),
                                     CASE WHEN pn.last_balance > 0 THEN '+' ELSE '' END || coalesce(pn.last_balance::text, '?'),
                                     (SELECT string_agg(format('<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s %s: balance %s</title></rect>',
                                                               CASE WHEN r.closing_balance > 0 THEN 'deficit' ELSE 'surplus' END,
                                                               round(8 + (h.hi - 1) * (166.0 / h.nh), 1),
                                                               CASE WHEN r.closing_balance > 0 THEN round(70 - 45.0 * r.closing_balance / pn.scale, 1) ELSE 70 END,
                                                               round(166.0 / h.nh - 3, 1),
                                                               greatest(round(45.0 * abs(r.closing_balance) / pn.scale, 1), 0.5),
                                                               @extschema@.html_escape(pn.municipality_name), @extschema@.html_escape(r.period),
                                                               r.closing_balance),
                                                        '' ORDER BY h.hi)
                                      FROM rows r JOIN halves h ON h.period = r.period WHERE r.ai = pn.ai)),
                              '' ORDER BY pn.ai)
                || '</svg>'
                || format('<figcaption><b>Housing balance</b> per area at the end of each half-year, %s: '
                          'red above the line a deficit (achterstand), green below a surplus (voorsprong); each panel has its own scale.</figcaption></figure>',
                          @extschema@.html_escape((SELECT min(h.period) || ' to ' || max(h.period) FROM halves h)))
                || E'\n'
              INTO part
            FROM panels pn;
            html := html || coalesce(part, '');
        END IF;

        -- Qualitative results of the theme.
        SELECT E'<p class="note">Qualitative (no figures): '
            || string_agg(@extschema@.html_escape(x.indicator_code || ' ' || x.indicator_name), '; '
                          ORDER BY string_to_array(substr(x.indicator_code, 2), '.')::integer[])
            || E'.</p>\n'
          INTO part
        FROM (SELECT DISTINCT s.indicator_code, s.indicator_name FROM @extschema@.scorecard s
              WHERE s.theme = th.theme AND s.unit = 'qualitative' AND s.area_code = rg AND s.period = ANY (sel)) AS x;
        html := html || coalesce(part, '') || E'</section>\n';
    END LOOP;

    RETURN html || format(E'<p class="note">Generated by u16.report_html(%s, %s).</p>\n</body>\n</html>\n',
                          @extschema@.html_escape(quote_literal(rg)),
                          @extschema@.html_escape(coalesce(quote_literal(report_html.period::text), 'NULL')));
END
$$;
COMMENT ON FUNCTION @extschema@.report_html(text, @extschema@.period) IS
    'the scorecard of a region as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): per theme every indicator with value, target, status and trend for the region and each member municipality, suppressed cells marked, a chart per share indicator against its target and the housing balance per municipality; reads the views scorecard and housing_ledger only; period: a year or half-year, NULL = the latest year with figures';
