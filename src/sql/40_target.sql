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

-- Accessors: what a target asks, without reading its text.
CREATE FUNCTION @extschema@.target_kind(t @extschema@.target) RETURNS text
    AS 'MODULE_PATHNAME', 'u16_target_kind_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_kind(@extschema@.target) IS
    'what the target asks: at_least (>=), above (>), at_most (<=), below (<), exactly (=), rise, fall, by (a deadline, that day included) or before (strictly before the date)';
CREATE FUNCTION @extschema@.target_threshold(t @extschema@.target) RETURNS numeric
    AS 'MODULE_PATHNAME', 'u16_target_threshold' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_threshold(@extschema@.target) IS
    'the number a threshold target compares with: a proportion 0..1 for share targets (0.9 for >= 90%), the count for count targets; NULL for rise, fall and deadlines';
CREATE FUNCTION @extschema@.target_deadline(t @extschema@.target) RETURNS date
    AS 'MODULE_PATHNAME', 'u16_target_deadline' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.target_deadline(@extschema@.target) IS
    'the date of a deadline target (by or before); NULL for other targets';
