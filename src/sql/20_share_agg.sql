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
