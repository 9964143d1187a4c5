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
