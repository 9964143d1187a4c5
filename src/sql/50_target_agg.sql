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
