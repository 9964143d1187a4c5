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
-- The same with integer counts (no cast a row over integer columns).
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer, integer)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer, integer, boolean)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_combine(@extschema@.quota_ledger, @extschema@.quota_ledger)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_combine' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
-- The aggregate's result, checked: a period twice or a balance beyond bigint is
-- an error here, not when the stored ledger is output (or dumped).
CREATE FUNCTION @extschema@.quota_ledger_final(@extschema@.quota_ledger)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_final' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.quota_ledger_final(@extschema@.quota_ledger) IS
    'final function of quota_ledger(): the ledger, refused if a period appears twice or a balance leaves bigint';

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
    FINALFUNC = @extschema@.quota_ledger_final,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.quota_ledger_final,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, bigint, bigint, bigint, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.quota_ledger_final,
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

-- Integer overloads, as sum() has: the same aggregates over integer counts
-- (smallint and integer columns), with no cast to bigint a row.
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.quota_ledger_final,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.quota_ledger_final,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.quota_ledger_final,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer, boolean) (
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
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer, boolean) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer, boolean) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';
