-- ============================================================================
-- The monitor, part 3: the cells of every indicator per municipality, year
-- and cohort.  Layer 4.  The person indicators are counted in one pass over
-- each person's rows by person_cells() (src/person_cells.c), from the views
-- below that say what it reads; the registers of municipalities here in SQL.
--
-- Who counts where (docs/domain.md):
--   * events that name a municipality count there: a coupling (T1.1, T1.3)
--     where the person was coupled to, a first housing (T1.2) where housed;
--   * a municipality code used on a date after its municipality ceased (a
--     merger) counts as its successor (municipality_code_on);
--   * everything else counts a person in the municipality they lived in on
--     the period's reference date (u16.residence; a person without residence
--     rows in person.municipality_code on every date); a person living in no
--     municipality of the data on that day does not count;
--   * status on the reference date (T2.1, T2.6, T2.7, T2.9, T2.13, T2.14) is
--     each person's latest snapshot on or before it and at most
--     snapshot_max_age_days older; a person without one is unknown (left out
--     of numerator and denominator), never counted with a stale status;
--   * T2.2 counts language activity on any snapshot in the year;
--   * ages are the reference date's year minus the birth year; unknown ages
--     are left out of age-bound denominators;
--   * T2.4 and T2.5 count persons, not obligations: of a person's obligations
--     (exempt ones left out) the one under the newest law counts.
-- Each row is a cell of one indicator: municipality (historical code), year,
-- the persons' cohort year (setting cohort_basis) and, for T2.3, the language
-- level group, so that refresh_monitor() can publish cohorts and the level
-- distribution from the same cells as the scorecard.
-- ============================================================================

-- What person_cells() needs besides the person-level tables, a row per item (kind):
--   setting    code = the setting's name, other = its value as text,
--              number = as an integer, flag = as a boolean (those it reads:
--              cohort_basis, t1_1_reading, snapshot_max_age_days,
--              exam_term_months, join_window_months,
--              obligation_counts_after_deadline)
--   ceased     code = a municipality code that ceased, other = the code it
--              counts as in [from_day, to_day) (municipality_code_on)
--   member     code = a municipality, other = the region it belongs to in
--              [from_day, to_day] (to_day infinity while it still does)
--   location   code = a reception location, other = its municipality
CREATE VIEW @extschema@.person_cell_context WITH (security_invoker = true) AS
SELECT 'setting' AS kind, s.name AS code, s.value AS other,
       CASE WHEN s.name IN ('snapshot_max_age_days', 'exam_term_months', 'join_window_months')
            THEN @extschema@.setting_int(s.name) END AS number,
       CASE WHEN s.name = 'obligation_counts_after_deadline' THEN @extschema@.setting_bool(s.name) END AS flag,
       NULL::date AS from_day, NULL::date AS to_day
FROM @extschema@.setting s
WHERE s.name IN ('cohort_basis', 't1_1_reading', 'snapshot_max_age_days', 'exam_term_months', 'join_window_months',
                 'obligation_counts_after_deadline')
UNION ALL
SELECT 'ceased', code, counts_as, NULL, NULL, valid_from, valid_to
FROM @extschema@.municipality_code_on
UNION ALL
SELECT 'member', municipality_code::text, region, NULL, NULL, valid_from, coalesce(valid_to, 'infinity')
FROM @extschema@.region_member
UNION ALL
SELECT 'location', code, municipality_code::text, NULL, NULL, NULL, NULL
FROM @extschema@.reception_location;
COMMENT ON VIEW @extschema@.person_cell_context IS
    'internal: what person_cells() reads besides the person-level tables: settings, ceased municipality codes, region members and reception locations, a row per item';
COMMENT ON COLUMN @extschema@.person_cell_context.kind IS 'setting, ceased, member or location';
COMMENT ON COLUMN @extschema@.person_cell_context.code IS 'setting name (setting), municipality code (ceased, member), reception location (location)';
COMMENT ON COLUMN @extschema@.person_cell_context.other IS 'the setting''s value (setting), the code it counts as (ceased), region (member), municipality (location)';
COMMENT ON COLUMN @extschema@.person_cell_context.number IS 'an integer setting''s value (setting)';
COMMENT ON COLUMN @extschema@.person_cell_context.flag IS 'a boolean setting''s value (setting)';
COMMENT ON COLUMN @extschema@.person_cell_context.from_day IS 'first day (ceased, member)';
COMMENT ON COLUMN @extschema@.person_cell_context.to_day IS 'last day (member), first day after (ceased)';

-- The person indicators, in one pass over each person's rows (src/person_cells.c):
-- the cells of T1.1-T1.3, T2.1-T2.7, T2.9, T2.13, T2.14 and T2.3's level
-- groups, and as indicator_code 'housed' the first housings per municipality
-- and month (first_housing_month: the pass finds each person's first housing
-- for T1.2 anyway), from the person-level tables and person_cell_context, as
-- the querying role sees them, of the persons in part `part` of `parts` ranges of person ids
-- (cut along the planner's histogram of person.person_id; without one, or
-- where no parallel workers may run, part 1 is everyone), for the years whose
-- reference dates are given.  Cells are sums over persons, so the parts add up
-- to the cells of everyone, and parallel workers can each count a part.
CREATE FUNCTION @extschema@.person_cells(part integer, parts integer, reference_dates date[])
    RETURNS TABLE (indicator_code text, municipality_code text, year integer, cohort_year integer, level text,
                   numerator bigint, denominator bigint, open_until date, month integer)
    AS 'MODULE_PATHNAME', 'u16_person_cells'
    LANGUAGE C STABLE STRICT PARALLEL SAFE COST 10000000 ROWS 50000
    SET search_path = pg_catalog, pg_temp;  -- the SQL it runs names u16's objects with their schema
COMMENT ON FUNCTION @extschema@.person_cells(integer, integer, date[]) IS
    'internal: the cells of the person indicators (T1.1-T1.3, T2.1-T2.7, T2.9, T2.13, T2.14, T2.3 per level group), and the first housings per municipality and month (indicator_code housed, with month), of the persons in one part of parts ranges of person ids, for the years of the given reference dates, in one pass over each person''s rows; summed over the parts, the cells of everyone';

CREATE VIEW @extschema@.indicator_cell_live WITH (security_invoker = true) AS
WITH years AS MATERIALIZED (
    SELECT @extschema@.period(make_date(y, 1, 1), 'year') AS period, make_date(y, 1, 1) AS first_day,
           make_date(y, 12, 31) AS last_day,
           @extschema@.reference_date(@extschema@.period(make_date(y, 1, 1), 'year')) AS reference_date
    FROM @extschema@.monitor_dates b,
         generate_series(b.first_year, b.last_year) y
),
reference_dates AS MATERIALIZED (
    SELECT coalesce(array_agg(reference_date ORDER BY first_day), '{}') AS d FROM years
)
-- The person indicators, counted in eight parts of the persons (which
-- parallel workers share out: a Parallel Append) and summed; the years'
-- reference dates are computed once (the leader passes them to the workers).
-- The first housings ('housed') are per month.
SELECT c.indicator_code, c.municipality_code,
       CASE WHEN c.month IS NULL THEN @extschema@.period(make_date(c.year, 1, 1), 'year')
            ELSE @extschema@.period(make_date(c.year, c.month, 1), 'month') END AS period,
       c.cohort_year, c.level, sum(c.numerator)::bigint AS numerator, sum(c.denominator)::bigint AS denominator,
       NULL::date AS done_on, max(c.open_until) AS open_until, NULL::boolean AS met
FROM (SELECT * FROM @extschema@.person_cells(1, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(2, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(3, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(4, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(5, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(6, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(7, 8, (SELECT d FROM reference_dates))
      UNION ALL SELECT * FROM @extschema@.person_cells(8, 8, (SELECT d FROM reference_dates))) c
GROUP BY c.indicator_code, c.municipality_code, c.year, c.month, c.cohort_year, c.level
UNION ALL
-- T2.8: permit holders employed by the municipality's own organisation in the
-- year; the municipality's own result is to employ at least one.  Registers
-- of municipalities (employment, volunteers, projects) count a ceased code as
-- its successor from the merger on, as events do.
SELECT 'T2.8', coalesce(c.counts_as, e.municipality_code::text), y.period, NULL, NULL, count(DISTINCT e.person_id),
       NULL, NULL, NULL, count(DISTINCT e.person_id) >= 1
FROM @extschema@.municipal_employment e
JOIN years y ON e.started_on <= y.last_day AND (e.ended_on IS NULL OR e.ended_on >= y.first_day)
LEFT JOIN @extschema@.municipality_code_on c
       ON c.code = e.municipality_code::text AND y.reference_date >= c.valid_from AND y.reference_date < c.valid_to
GROUP BY 2, 3
UNION ALL
-- T2.12: volunteers on the latest count of the year on or before its reference date.
SELECT 'T2.12', municipality_code, period, NULL, NULL, volunteers, NULL, NULL, NULL, NULL
FROM (SELECT DISTINCT ON (coalesce(c.counts_as, v.municipality_code::text), p.period)
             coalesce(c.counts_as, v.municipality_code::text) AS municipality_code, p.period,
             v.volunteers::bigint AS volunteers
      FROM @extschema@.volunteer_count v
      CROSS JOIN LATERAL (SELECT @extschema@.period(v.reference_date, 'year') AS period) p
      LEFT JOIN @extschema@.municipality_code_on c
             ON c.code = v.municipality_code::text AND v.reference_date >= c.valid_from AND v.reference_date < c.valid_to
      WHERE v.reference_date <= @extschema@.reference_date(p.period)
      ORDER BY coalesce(c.counts_as, v.municipality_code::text), p.period, v.reference_date DESC) v
UNION ALL
-- T3.3: flexible dwellings delivered in the year; T3.4: in projects started in the year.
SELECT f.indicator_code, coalesce(c.counts_as, f.municipality_code::text), @extschema@.period(f.day, 'year'), NULL,
       NULL, sum(f.dwellings), NULL, NULL, NULL, NULL
FROM (SELECT 'T3.3' AS indicator_code, municipality_code, delivered_on AS day, dwellings
      FROM @extschema@.flexible_housing_project WHERE delivered_on IS NOT NULL
      UNION ALL
      SELECT 'T3.4', municipality_code, development_started_on, dwellings
      FROM @extschema@.flexible_housing_project WHERE development_started_on IS NOT NULL) f
LEFT JOIN @extschema@.municipality_code_on c
       ON c.code = f.municipality_code::text AND f.day >= c.valid_from AND f.day < c.valid_to
GROUP BY 1, 2, 3
UNION ALL
-- Milestones (T1.4 per municipality, T2.15 of the region), every year of the monitor.
SELECT ms.indicator_code, ms.area_code, y.period, NULL, NULL, NULL, NULL, ms.achieved_on, NULL, NULL
FROM @extschema@.milestone ms CROSS JOIN years y;

COMMENT ON VIEW @extschema@.indicator_cell_live IS
    'internal: the cells of every indicator per municipality (historical boundaries), year, cohort and language level, and the first housings per municipality and month (indicator_code housed), computed from the rows the querying role may see; refresh_monitor() publishes from them';
COMMENT ON COLUMN @extschema@.indicator_cell_live.indicator_code IS 'indicator, e.g. T2.6; housed: the persons first housed in the month (numerator), which the housing ledger counts';
COMMENT ON COLUMN @extschema@.indicator_cell_live.municipality_code IS 'municipality the persons count in (or the region, for a result of the region itself)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.period IS 'year; month for housed';
COMMENT ON COLUMN @extschema@.indicator_cell_live.cohort_year IS 'year the persons'' cohort started (setting cohort_basis); NULL if unknown or not a person share';
COMMENT ON COLUMN @extschema@.indicator_cell_live.level IS 'T2.3: language level group (below A1, A1, A2, B1, B2 and above); NULL on the cells of the share itself';
COMMENT ON COLUMN @extschema@.indicator_cell_live.numerator IS 'persons meeting the condition (shares), or the count (counts)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.denominator IS 'persons counted (shares); NULL for counts and milestones';
COMMENT ON COLUMN @extschema@.indicator_cell_live.done_on IS 'milestones: the day it was reached';
COMMENT ON COLUMN @extschema@.indicator_cell_live.open_until IS 'the figure can still change until this day: the last coupling''s pathway-join window (T1.3), the last obligation''s exam term (T2.5)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.met IS 'T2.8: the municipality employs at least one permit holder';

-- indicator_cell_live for refresh_monitor(): PostgreSQL (15 to 19) plans the
-- query of an INSERT ... SELECT without parallel workers, but runs a PL/pgSQL
-- RETURN QUERY with them (the person pass in parts, docs/benchmarks.md).
CREATE FUNCTION @extschema@.indicator_cells() RETURNS SETOF @extschema@.indicator_cell_live
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    RETURN QUERY SELECT * FROM @extschema@.indicator_cell_live;
END
$$;
COMMENT ON FUNCTION @extschema@.indicator_cells() IS
    'internal: the rows of indicator_cell_live, computed by a query that may use parallel workers; called by refresh_monitor()';
