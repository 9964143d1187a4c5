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

-- Counts (volunteers, dwellings): no proportions, so an exact test of two
-- Poisson counts over equal periods.
CREATE FUNCTION @extschema@.count_p_value(current bigint, baseline bigint)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_count_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.count_p_value(bigint, bigint) IS
    'two-sided p-value that two counts over periods of equal length come from the same Poisson rate: the exact conditional test (given the total, the current count is binomial with p = 1/2), min(1, 2 x the smaller tail)';

CREATE FUNCTION @extschema@.count_trend(current bigint, baseline bigint, alpha double precision DEFAULT 0.05)
    RETURNS text
    AS 'MODULE_PATHNAME', 'u16_count_trend' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.count_trend(bigint, bigint, double precision) IS
    '''rise'' or ''fall'' when count_p_value(current, baseline) is below alpha, else ''no change''';

CREATE FUNCTION @extschema@.normal_p_value(z double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'u16_normal_p_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normal_p_value(double precision) IS
    'two-sided p-value of a standard normal test statistic z: erfc(|z| / sqrt 2); used for the standardised comparison';
