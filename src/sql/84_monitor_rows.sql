-- ============================================================================
-- The monitor, part 5: from cells to the rows that may be published, and the
-- additive relations between them that the disclosure control protects.
-- Layer 4, SQL only.
--
-- refresh_monitor() (86) runs these steps over the scratch tables:
--   1. monitor_cell: the cells, stored once (indicator_cell_live, the ledger);
--   2. monitor_row: every candidate row: the scorecard's rows (kind
--      'scorecard'), cohorts ('cohort') and the T2.3 level distribution
--      ('level'), per area on both boundary sets, with primary suppression of
--      rows counting 1 to min_cell_size - 1 persons (a share by its
--      denominator, as a level group by its area's): first the municipal rows
--      from the cells (monitor_row_source), then the region rows that add
--      them up (monitor_region_row_source, reading them stored, with their
--      statistics); plus the remainders of restated areas (area type
--      'remainder', never published), from monitor_remainder_source;
--   3. protect_hidden_rows() (86): every way rows add up (a relation), and
--      while a relation has exactly one hidden row, which the others would
--      reveal, hide one more of its rows (src/suppression.c); then level
--      rows follow their area's scorecard row;
--   4. the judged views (85) read the rows with their hidden flags.
-- ============================================================================

-- The cells on both boundary sets: historical as computed, current restated
-- through municipality_today (numerators and denominators summed; a milestone
-- is reached when every predecessor reached it; a municipality's own result
-- holds when one of its predecessors' did).  Cells computed for both sets
-- (the ledger's) are taken as they are.
CREATE VIEW @extschema@.monitor_cell_both WITH (security_invoker = true) AS
SELECT indicator_code, boundaries, area_code, period, cohort_year, level, numerator, denominator, done_on, open_until, met
FROM @extschema@.monitor_cell
UNION ALL
SELECT c.indicator_code, 'current', coalesce(t.current_code, c.area_code), c.period, c.cohort_year, c.level,
       sum(c.numerator)::bigint, sum(c.denominator)::bigint,
       CASE WHEN count(c.done_on) = count(*) THEN max(c.done_on) END, max(c.open_until), bool_or(c.met)
FROM @extschema@.monitor_cell c
LEFT JOIN @extschema@.municipality_today t ON t.code = c.area_code
WHERE c.boundaries = 'historical'
  -- (the indicators with cells of their own on current boundaries, listed once)
  AND c.indicator_code <> ALL (ARRAY(SELECT DISTINCT x.indicator_code FROM @extschema@.monitor_cell x WHERE x.boundaries = 'current'))
GROUP BY c.indicator_code, coalesce(t.current_code, c.area_code), c.period, c.cohort_year, c.level;
COMMENT ON VIEW @extschema@.monitor_cell_both IS
    'internal: the cells of the refresh on historical boundaries and restated on current boundaries';

-- The candidate rows computed from the cells.  Municipal rows: each member of
-- a region in each period of the indicator's granularity (complete registers
-- give 0 or not reached from their first period on; other indicators without a
-- cell have no data); and the rows of a region's own result (region rule
-- 'own').  The other region rows add up these municipal rows once they are
-- stored (monitor_region_row_source).
CREATE VIEW @extschema@.monitor_row_source WITH (security_invoker = true) AS
WITH
settings AS MATERIALIZED (
    SELECT @extschema@.setting_int('min_cell_size') AS min_cell, (SELECT data_date FROM @extschema@.monitor_run) AS data_date
),
cells AS (SELECT * FROM @extschema@.monitor_cell_both),
coverage AS (
    SELECT indicator_code, boundaries, min(period) AS first_period FROM cells GROUP BY 1, 2
),
-- A municipality in several regions has its rows once, under the first region by code.
member AS (
    SELECT DISTINCT ON (boundaries, period, municipality_code) boundaries, period, municipality_code, region AS parent_region
    FROM @extschema@.monitor_member
    ORDER BY boundaries, period, municipality_code, region
),
indicator AS (
    SELECT i.code AS indicator_code, i.granularity, i.region_rule, i.complete_register, i.counts, i.unit,
           coalesce(i.municipal_unit, i.unit) AS municipal_unit,
           i.theme = 2 AND i.unit = 'share' AND i.counts = 'persons' AND i.region_rule = 'sum' AS by_cohort
    FROM @extschema@.indicator i
    WHERE NOT i.qualitative
),
-- All cohorts (level NULL), per cohort, and per level group (T2.3).
crude AS (
    SELECT indicator_code, boundaries, area_code, period, sum(numerator)::bigint AS numerator,
           sum(denominator)::bigint AS denominator, max(done_on) AS done_on, max(open_until) AS open_until,
           bool_or(met) AS met
    FROM cells WHERE level IS NULL GROUP BY 1, 2, 3, 4
),
strata AS (
    SELECT 'cohort' AS kind, indicator_code, boundaries, area_code, period, cohort_year, NULL::text AS level,
           sum(numerator)::bigint AS numerator, sum(denominator)::bigint AS denominator
    FROM cells WHERE level IS NULL GROUP BY 2, 3, 4, 5, 6
    UNION ALL
    SELECT 'level', indicator_code, boundaries, area_code, period, NULL, level, sum(numerator)::bigint, sum(denominator)::bigint
    FROM cells WHERE level IS NOT NULL GROUP BY 2, 3, 4, 5, 7
),
municipal AS (
    SELECT 'scorecard' AS kind, i.indicator_code, m.boundaries, m.municipality_code AS area_code, m.parent_region, m.period,
           NULL::integer AS cohort_year, NULL::text AS level, i.region_rule, i.counts, i.municipal_unit,
           CASE WHEN i.municipal_unit = 'milestone' THEN x.milestone_met::integer
                ELSE coalesce(c.numerator, CASE WHEN x.covered THEN 0 END) END AS numerator,
           CASE WHEN i.municipal_unit = 'milestone' THEN CASE WHEN x.milestone_met IS NOT NULL THEN 1 END
                ELSE c.denominator END AS denominator,
           c.done_on, c.open_until,
           CASE WHEN i.municipal_unit = 'milestone' THEN x.milestone_met
                ELSE coalesce(c.met, CASE WHEN x.covered THEN false END) END AS met
    FROM indicator i
    JOIN member m ON @extschema@.granularity(m.period) = i.granularity
    CROSS JOIN settings s
    LEFT JOIN crude c ON (c.indicator_code, c.boundaries, c.area_code, c.period)
                       = (i.indicator_code, m.boundaries, m.municipality_code, m.period)
    LEFT JOIN coverage v ON (v.indicator_code, v.boundaries) = (i.indicator_code, m.boundaries)
    -- covered: a complete register from its first period on; a milestone is met
    -- when reached by the end of the period (or the last date of the data).
    CROSS JOIN LATERAL (SELECT i.complete_register AND m.period >= v.first_period AS covered) x0
    CROSS JOIN LATERAL (SELECT x0.covered,
                               coalesce(c.done_on <= least(@extschema@.period_end(m.period), s.data_date),
                                        CASE WHEN x0.covered THEN false END) AS milestone_met) x
    WHERE i.region_rule IN ('sum', 'members')
    UNION ALL
    SELECT st.kind, st.indicator_code, m.boundaries, m.municipality_code, m.parent_region, m.period, st.cohort_year, st.level,
           i.region_rule, i.counts, i.municipal_unit, st.numerator, st.denominator, NULL, NULL, NULL
    FROM strata st
    JOIN indicator i USING (indicator_code)
    JOIN member m ON (m.boundaries, m.period, m.municipality_code) = (st.boundaries, st.period, st.area_code)
    WHERE (st.kind = 'cohort' AND i.by_cohort) OR st.kind = 'level'
),
own AS (
    -- A result of the region itself (a milestone: reached or not as for a municipality).
    SELECT 'scorecard' AS kind, i.indicator_code, b.boundaries, r.code AS area_code, p.period, NULL::integer AS cohort_year,
           NULL::text AS level,
           CASE WHEN i.unit = 'milestone' THEN x.milestone_met::integer ELSE c.numerator END,
           CASE WHEN i.unit = 'milestone' THEN CASE WHEN x.milestone_met IS NOT NULL THEN 1 END ELSE c.denominator END,
           c.done_on, c.open_until, NULL::bigint AS unknown_members
    FROM indicator i
    CROSS JOIN settings s
    CROSS JOIN @extschema@.region r
    CROSS JOIN (VALUES ('historical'), ('current')) b(boundaries)
    JOIN (SELECT DISTINCT period FROM @extschema@.monitor_cell) p ON @extschema@.granularity(p.period) = i.granularity
    LEFT JOIN crude c ON (c.indicator_code, c.boundaries, c.area_code, c.period) = (i.indicator_code, b.boundaries, r.code, p.period)
    CROSS JOIN LATERAL (SELECT coalesce(c.done_on <= least(@extschema@.period_end(p.period), s.data_date),
                                        CASE WHEN i.complete_register THEN false END) AS milestone_met) x
    WHERE i.region_rule = 'own'
),
area_rows AS (
    SELECT kind, indicator_code, boundaries, 'municipality' AS area_type, area_code, parent_region, period, cohort_year, level,
           numerator, denominator, done_on, open_until, met, NULL::bigint AS unknown_members,
           CASE WHEN counts = 'persons' AND kind <> 'level'
                THEN CASE WHEN municipal_unit = 'share' THEN denominator ELSE numerator END END AS size
    FROM municipal
    UNION ALL
    SELECT kind, indicator_code, boundaries, 'region', area_code, NULL, period, cohort_year, level, numerator, denominator,
           done_on, open_until, NULL, unknown_members, NULL
    FROM own
)
SELECT a.*, coalesce(a.size BETWEEN 1 AND s.min_cell - 1, false) AS hidden
FROM area_rows a CROSS JOIN settings s;
COMMENT ON VIEW @extschema@.monitor_row_source IS
    'internal: the candidate rows computed from the cells (scorecard, cohort, level): municipal rows and the rows of a region''s own result, per period and boundary set, with the primary suppression (1 to min_cell_size - 1 persons)';

-- The region rows that add up their members' stored rows (monitor_row, area
-- type 'municipality'), by the indicator's region rule: the sum of the members
-- ('sum': numerators, denominators, persons, dwellings, volunteers), or the
-- members that reached their own result, of all members ('members'; a
-- milestone is reached by the region when its last member reached it).
CREATE VIEW @extschema@.monitor_region_row_source WITH (security_invoker = true) AS
WITH
regional AS (
    SELECT mu.kind, mu.indicator_code, mu.boundaries, rm.region AS area_code, mu.period, mu.cohort_year, mu.level,
           sum(mu.numerator)::bigint AS numerator, sum(mu.denominator)::bigint AS denominator,
           NULL::date AS done_on, max(mu.open_until) AS open_until, NULL::bigint AS unknown_members
    FROM @extschema@.monitor_row mu
    JOIN @extschema@.indicator i ON i.code = mu.indicator_code AND i.region_rule = 'sum'
    JOIN @extschema@.monitor_member rm
      ON (rm.boundaries, rm.period, rm.municipality_code) = (mu.boundaries, mu.period, mu.area_code)
    WHERE mu.area_type = 'municipality'
    GROUP BY mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period, mu.cohort_year, mu.level
    UNION ALL
    SELECT mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period, NULL, NULL,
           CASE WHEN count(mu.met) > 0 THEN count(*) FILTER (WHERE mu.met) END,
           CASE WHEN count(mu.met) > 0 THEN count(*) END,
           CASE WHEN count(mu.done_on) = count(*) THEN max(mu.done_on) END, NULL,
           count(*) FILTER (WHERE mu.met IS NULL)
    FROM @extschema@.monitor_row mu
    JOIN @extschema@.indicator i ON i.code = mu.indicator_code AND i.region_rule = 'members'
    JOIN @extschema@.monitor_member rm
      ON (rm.boundaries, rm.period, rm.municipality_code) = (mu.boundaries, mu.period, mu.area_code)
    WHERE mu.area_type = 'municipality' AND mu.kind = 'scorecard'
    GROUP BY mu.kind, mu.indicator_code, mu.boundaries, rm.region, mu.period
)
SELECT r.kind, r.indicator_code, r.boundaries, 'region' AS area_type, r.area_code, NULL::text AS parent_region, r.period,
       r.cohort_year, r.level, r.numerator, r.denominator, r.done_on, r.open_until, NULL::boolean AS met, r.unknown_members,
       x.size, coalesce(x.size BETWEEN 1 AND @extschema@.setting_int('min_cell_size') - 1, false) AS hidden
FROM regional r
JOIN @extschema@.indicator i ON i.code = r.indicator_code
CROSS JOIN LATERAL (SELECT CASE WHEN i.counts = 'persons' AND i.region_rule = 'sum' AND r.kind <> 'level'
                                THEN CASE WHEN i.unit = 'share' THEN r.denominator ELSE r.numerator END END AS size) x;
COMMENT ON VIEW @extschema@.monitor_region_row_source IS
    'internal: the region rows that add up their members'' rows of monitor_row (region rules sum and members), with the primary suppression';

-- The remainders of restated areas: the persons a current-boundary row counts
-- that no published historical row contains (a predecessor that was no member
-- in the period, e.g. Leerdam and Zederik inside Vijfheerenlanden).  Rows of
-- area type 'remainder', never published; 1 to min_cell_size - 1 persons make
-- them as hidden as a small row.
CREATE VIEW @extschema@.monitor_remainder_source WITH (security_invoker = true) AS
WITH parts AS (
    -- The cells of non-member predecessors, as rows of each kind.
    SELECT k.kind, c.indicator_code, t.current_code AS area_code, c.period, k.cohort_year, c.level,
           CASE WHEN i.unit <> 'share' THEN c.numerator ELSE c.denominator END AS size
    FROM @extschema@.monitor_cell c
    JOIN @extschema@.municipality_today t ON t.code = c.area_code
    JOIN @extschema@.indicator i ON i.code = c.indicator_code AND i.counts = 'persons' AND i.region_rule = 'sum'
    CROSS JOIN LATERAL (SELECT 'scorecard' AS kind, NULL::integer AS cohort_year
                        UNION ALL SELECT 'cohort', c.cohort_year) k
    WHERE c.boundaries = 'historical' AND c.level IS NULL
      AND NOT EXISTS (SELECT FROM @extschema@.monitor_row m
                      WHERE (m.kind, m.boundaries, m.area_type, m.area_code, m.period, m.indicator_code)
                          = ('scorecard', 'historical', 'municipality', c.area_code, c.period, c.indicator_code))
)
SELECT kind, indicator_code, 'current' AS boundaries, 'remainder' AS area_type, area_code, period, cohort_year, level,
       sum(size)::bigint AS size
FROM parts
GROUP BY kind, indicator_code, area_code, period, cohort_year, level;
COMMENT ON VIEW @extschema@.monitor_remainder_source IS
    'internal: per current-boundary municipality, the persons of predecessors that have no published historical row in the period (never published)';

-- The internal views' columns carry the comments of the scratch tables' columns.
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN
        SELECT v.relname, a.attname,
               coalesce(col_description('@extschema@.monitor_row'::regclass,
                                        (SELECT r.attnum FROM pg_attribute r
                                         WHERE r.attrelid = '@extschema@.monitor_row'::regclass AND r.attname = a.attname)),
                        col_description('@extschema@.monitor_cell'::regclass,
                                        (SELECT r.attnum FROM pg_attribute r
                                         WHERE r.attrelid = '@extschema@.monitor_cell'::regclass AND r.attname = a.attname)))
                   AS comment
        FROM pg_class v JOIN pg_attribute a ON a.attrelid = v.oid AND a.attnum > 0
        WHERE v.relnamespace = '@extschema@'::regnamespace
          AND v.relname IN ('monitor_cell_both', 'monitor_row_source', 'monitor_region_row_source', 'monitor_remainder_source')
    LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', c.relname, c.attname, c.comment);
    END LOOP;
END
$$;
