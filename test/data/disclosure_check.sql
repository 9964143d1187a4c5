-- disclosure_check(): what no published row of the monitor may do, as one row per
-- rule with its number of failures (0 each).  Used by sql/monitor_disclosure.sql
-- on an adversarial fixture and on the demo data.  Needs search_path public, u16.

-- The scorecard's and the cohorts' rows in one shape, for the relations below.
CREATE VIEW all_rows AS
SELECT 'scorecard' AS kind, indicator_code, boundaries, area_type, area_code, period, NULL::bigint AS cohort, suppressed
FROM scorecard
UNION ALL
SELECT 'cohort', indicator_code, boundaries, area_type, area_code, period, cohort, suppressed
FROM cohort;
CREATE FUNCTION disclosure_check() RETURNS TABLE (check_name text, failures bigint) LANGUAGE sql AS $$
    -- A withheld row shows no figure, interval, baseline, change or trend.
    SELECT 'withheld rows show nothing', count(*)
    FROM scorecard WHERE suppressed AND (numerator_count IS NOT NULL OR denominator_count IS NOT NULL OR value IS NOT NULL
          OR ci_lower IS NOT NULL OR ci_upper IS NOT NULL OR baseline_value IS NOT NULL OR change_pct_points IS NOT NULL
          OR crude_change_pct_points IS NOT NULL OR trend IS NOT NULL OR comparison IS NOT NULL OR interval_vs_target IS NOT NULL)
    UNION ALL
    -- ... and no status but its own yes/no result (T2.8 counts members).
    SELECT 'withheld rows judge nothing', count(*)
    FROM scorecard s JOIN indicator i ON i.code = s.indicator_code
    WHERE s.suppressed AND s.status <> 'suppressed' AND NOT (i.region_rule = 'members' AND s.area_type = 'municipality')
    UNION ALL
    -- A row whose baseline is withheld shows no baseline, change or trend, and its
    -- rise/fall status is 'baseline suppressed'.
    SELECT 'rows with a withheld baseline reveal nothing of it', count(*)
    FROM scorecard s JOIN scorecard b
      ON (b.indicator_code, b.boundaries, b.area_code, b.period) = (s.indicator_code, s.boundaries, s.area_code, s.baseline_period)
    WHERE b.suppressed AND NOT s.suppressed
      AND (s.baseline_value IS NOT NULL OR s.change_pct_points IS NOT NULL OR s.crude_change_pct_points IS NOT NULL
           OR s.trend IS NOT NULL OR s.comparison IS NOT NULL
           OR (target_kind(s.target::target) IN ('rise', 'fall') AND s.status <> 'baseline suppressed'))
    UNION ALL
    -- No region row with exactly one withheld member (it would be the region minus
    -- the others), on either boundary set, in the scorecard and per cohort.
    SELECT 'no region row reveals a member', count(*)
    FROM (SELECT s.indicator_code, s.boundaries, s.period
          FROM scorecard s JOIN scorecard r
            ON (r.indicator_code, r.boundaries, r.period, r.area_type) = (s.indicator_code, s.boundaries, s.period, 'region')
          JOIN indicator i ON i.code = s.indicator_code
          WHERE s.area_type = 'municipality' AND NOT r.suppressed AND i.region_rule = 'sum' AND i.counts = 'persons'
          GROUP BY 1, 2, 3 HAVING count(*) FILTER (WHERE s.suppressed) = 1) x
    UNION ALL
    SELECT 'no region cohort reveals a member''s cohort', count(*)
    FROM (SELECT c.indicator_code, c.boundaries, c.period, c.cohort
          FROM cohort c JOIN cohort r
            ON (r.indicator_code, r.boundaries, r.period, r.area_type) = (c.indicator_code, c.boundaries, c.period, 'region')
           AND r.cohort IS NOT DISTINCT FROM c.cohort
          WHERE c.area_type = 'municipality' AND NOT r.suppressed
          GROUP BY 1, 2, 3, 4 HAVING count(*) FILTER (WHERE c.suppressed) = 1) x
    UNION ALL
    -- No shown row with exactly one withheld cohort (it would be the row minus the others).
    SELECT 'no row reveals one of its cohorts', count(*)
    FROM (SELECT c.indicator_code, c.boundaries, c.area_code, c.period
          FROM cohort c JOIN scorecard s USING (indicator_code, boundaries, area_code, period)
          WHERE NOT s.suppressed
          GROUP BY 1, 2, 3, 4 HAVING count(*) FILTER (WHERE c.suppressed) = 1) x
    UNION ALL
    -- A municipality is the same on both boundary sets where it did not merge: the
    -- same cells are withheld in both.
    SELECT 'a municipality is withheld alike on both boundary sets', count(*)
    FROM scorecard h JOIN scorecard c
      ON (c.indicator_code, c.boundaries, c.area_code, c.period) = (h.indicator_code, 'current', h.area_code, h.period)
    WHERE h.boundaries = 'historical' AND h.area_type = 'municipality'
      AND h.area_code NOT IN (SELECT new_code FROM municipality_succession)
      AND (h.numerator_count, h.denominator_count) IS DISTINCT FROM (c.numerator_count, c.denominator_count)
    UNION ALL
    -- A level row (T2.3) is shown only with its area's row.
    SELECT 'levels are withheld with their area', count(*)
    FROM language_level l JOIN scorecard s
      ON (s.indicator_code, s.boundaries, s.area_code, s.period) = ('T2.3', l.boundaries, l.area_code, l.period)
    WHERE l.suppressed <> s.suppressed
    UNION ALL
    -- No region level with exactly one member withheld at that level, as a reader
    -- counts them: a member without a row at the level has nobody there.
    SELECT 'no region level reveals a member''s level', count(*)
    FROM (SELECT l.boundaries, l.period, l.level
          FROM language_level l JOIN language_level r
            ON (r.boundaries, r.period, r.level, r.area_type) = (l.boundaries, l.period, l.level, 'region')
          WHERE l.area_type = 'municipality' AND NOT r.suppressed
          GROUP BY 1, 2, 3 HAVING count(*) FILTER (WHERE l.suppressed) = 1) x
    UNION ALL
    -- ... so every area withheld in T2.3 has a row, withheld, for each of the five
    -- levels, and every area shown with persons has all five, 0 included, adding up
    -- to its total.
    SELECT 'every area in T2.3 has all five levels', count(*)
    FROM scorecard s
    LEFT JOIN (SELECT boundaries, area_code, period, count(DISTINCT level_order) AS levels, sum(persons_count) AS persons
               FROM language_level GROUP BY 1, 2, 3) l USING (boundaries, area_code, period)
    WHERE s.indicator_code = 'T2.3' AND length(s.period) = 4
      AND (s.suppressed OR s.denominator_count > 0)
      AND (l.levels IS DISTINCT FROM 5 OR (NOT s.suppressed AND l.persons IS DISTINCT FROM s.denominator_count))
    UNION ALL
    -- A merged municipality on current boundaries is the sum of its predecessors'
    -- historical rows, for every indicator that counts persons (T2.8 too): not
    -- exactly one of them withheld.  (A predecessor without rows, such as
    -- Leerdam, is taken to add nothing: a stronger reader than the rule assumes.)
    SELECT 'a restated municipality reveals no predecessor', count(*)
    FROM (SELECT c.kind, c.indicator_code, c.area_code, c.period, c.cohort
          FROM all_rows c
          JOIN indicator i ON i.code = c.indicator_code AND i.counts = 'persons' AND i.region_rule <> 'own'
          JOIN municipality_today t ON t.current_code = c.area_code
          JOIN all_rows h ON (h.kind, h.indicator_code, h.boundaries, h.area_type, h.area_code, h.period)
                           = (c.kind, c.indicator_code, 'historical', 'municipality', t.code, c.period)
                         AND h.cohort IS NOT DISTINCT FROM c.cohort
          WHERE c.boundaries = 'current' AND c.area_type = 'municipality'
            AND c.area_code IN (SELECT new_code FROM municipality_succession)
          GROUP BY c.kind, c.indicator_code, c.area_code, c.period, c.cohort, c.suppressed
          HAVING c.suppressed::integer + count(*) FILTER (WHERE h.suppressed) = 1) x
    UNION ALL
    -- A region on both boundary sets: its current row less its historical row
    -- is the historical rows that count on one side only (a member whose
    -- successor is no member today; a municipality that was no member then, whose
    -- successor is one): not exactly one of all these withheld.
    SELECT 'a region on both boundary sets reveals no member', count(*)
    FROM (SELECT g.kind, g.indicator_code, g.area_code, g.period, g.cohort
          FROM all_rows g
          JOIN indicator i ON i.code = g.indicator_code AND i.counts = 'persons' AND i.region_rule = 'sum'
          LEFT JOIN LATERAL (
              SELECT h.suppressed
              FROM all_rows h JOIN municipality_today t ON t.code = h.area_code
              WHERE (h.kind, h.indicator_code, h.boundaries, h.area_type, h.period)
                  = (g.kind, g.indicator_code, 'historical', 'municipality', g.period)
                AND h.cohort IS NOT DISTINCT FROM g.cohort
                AND (h.area_code IN (SELECT region_members(g.area_code, g.period::period)::text))
                 <> (t.current_code IN (SELECT region_members(g.area_code, period(current_date, 'year'))::text))
              UNION ALL
              SELECT o.suppressed
              FROM all_rows o
              WHERE (o.kind, o.indicator_code, o.boundaries, o.area_type, o.area_code, o.period)
                  = (g.kind, g.indicator_code, 'historical', 'region', g.area_code, g.period)
                AND o.cohort IS NOT DISTINCT FROM g.cohort) parts ON true
          WHERE g.boundaries = 'current' AND g.area_type = 'region'
          GROUP BY g.kind, g.indicator_code, g.area_code, g.period, g.cohort, g.suppressed
          HAVING g.suppressed::integer + count(*) FILTER (WHERE parts.suppressed) = 1) x
$$;
