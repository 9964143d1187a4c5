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
