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
