-- ============================================================================
-- The monitor: every indicator per area and period, the housing ledger and
-- the monthly housing schedule.  Layer 4, SQL only.
--
-- Data flow (see README "The monitor"):
--   person-level tables (row-level security)
--     -> *_live views: the arithmetic, computed from what the querying role
--        may see (security_invoker); internal, not for BI tools
--     -> refresh_monitor(): run by u16_loader (or the owner) after loading;
--        stores the live results, small cells suppressed, in published_*
--     -> BI views scorecard, theme1_pathway, theme2_work_integration,
--        theme3_housing, housing_ledger, housing_progress: built-in column
--        types only, every column commented, readable by u16_reader
-- Region figures always sum numerators and denominators of the members valid
-- in the period; they never average percentages.
-- ============================================================================

-- Municipal cells of the person-level indicators --------------------------------
-- One row per indicator, municipality and year: numerator and denominator
-- (shares) or numerator alone (counts).  Who counts where:
--   couplings and housing: the municipality coupled to / housed in;
--   status, language, civic integration: the person's responsible municipality;
--   ages are years of the reference date minus birth year; persons of unknown
--   age are left out of age-bound denominators; unknown (NULL) conditions are
--   left out of both parts (share_agg).
-- The sorts that pick one row per person and year (first coupling, last snapshot,
-- last language measurement) order person ids COLLATE "C": byte order is faster
-- than the database collation's, and as ids only need to be told apart, the same
-- rows win.  (Not where the primary key's order can serve instead of a sort: first
-- housing per person, ORDER BY person_id, housed_on.)

CREATE VIEW @extschema@.indicator_cell_live WITH (security_invoker = true) AS
WITH
-- The years with any dated row, with their first and last day (computed once here,
-- not per joined row).  Distinct dates per table first: hashing a few thousand
-- dates per table is much cheaper than one UNION over every row.
years AS (
    SELECT period, @extschema@.period_start(period) AS first_day, @extschema@.period_end(period) AS last_day
    FROM (SELECT DISTINCT @extschema@.period(d, 'year') AS period
          FROM (SELECT DISTINCT coupled_on AS d FROM @extschema@.coupling
                UNION ALL SELECT DISTINCT housed_on FROM @extschema@.housing
                UNION ALL SELECT DISTINCT reference_date FROM @extschema@.status_snapshot
                UNION ALL SELECT DISTINCT measured_on FROM @extschema@.language_measurement
                UNION ALL SELECT DISTINCT obligation_start FROM @extschema@.civic_integration) dates) y
),
-- The region(s) a municipality belongs to on a day.
membership AS (
    SELECT region, municipality_code::text AS municipality_code, valid_from,
           coalesce(valid_to, 'infinity'::date) AS valid_to
    FROM @extschema@.region_member
),
-- Each person's first coupling in a year (T1.1, T1.3).
coupled AS (
    SELECT DISTINCT ON (c.person_id COLLATE "C", @extschema@.period(c.coupled_on, 'year'))
           c.person_id, c.municipality_code::text AS municipality_code, c.coupled_on,
           @extschema@.period(c.coupled_on, 'year') AS period,
           c.reception_location_code, l.municipality_code::text AS location_municipality
    FROM @extschema@.coupling c
    LEFT JOIN @extschema@.reception_location l ON l.code = c.reception_location_code
    ORDER BY c.person_id COLLATE "C", @extschema@.period(c.coupled_on, 'year'), c.coupled_on
),
-- Is the coupling's reception location in a region the municipality belongs to?
-- NULL when the location is not given; a location outside u16.municipality is outside.
-- A hash join of the couplings with the pairs of members of one region (not a
-- correlated subquery per coupling: that was most of the view's time at scale).
coupled_in_region AS (
    SELECT DISTINCT cp.person_id, cp.period
    FROM coupled cp
    JOIN membership a ON a.municipality_code = cp.municipality_code
                     AND cp.coupled_on BETWEEN a.valid_from AND a.valid_to
    JOIN membership b ON b.region = a.region AND b.municipality_code = cp.location_municipality
                     AND cp.coupled_on BETWEEN b.valid_from AND b.valid_to
),
coupled_within AS (
    SELECT cp.*,
           CASE WHEN cp.reception_location_code IS NULL THEN NULL
                ELSE w.person_id IS NOT NULL END AS within_region
    FROM coupled cp
    LEFT JOIN coupled_in_region w ON w.person_id = cp.person_id AND w.period = cp.period
),
-- Each person's first housing ever (T1.2: newly housed), and the day of their first
-- NOA assessment (a hash join, not an index probe per person).
first_housing AS (
    SELECT DISTINCT ON (h.person_id) h.person_id, h.municipality_code::text AS municipality_code,
           h.housed_on, date_part('year', h.housed_on)::integer - p.birth_year AS age
    FROM @extschema@.housing h JOIN @extschema@.person p USING (person_id)
    ORDER BY h.person_id, h.housed_on
),
first_noa AS (
    SELECT person_id, min(assessed_on) AS assessed_on
    FROM @extschema@.assessment WHERE kind = 'noa' GROUP BY person_id
),
-- Each person's last status snapshot in a year (T2.1, T2.2, T2.6, T2.7, T2.9, T2.13, T2.14):
-- chosen before the join with person, so the sort carries narrower rows.  The year is
-- an integer computed once a row, under the sort: 'age' is written into each of the
-- seven FILTERs below, where extract() (numeric) cost more than the aggregates.
snapshot AS (
    SELECT s.*, p.municipality_code::text AS municipality_code, s.year - p.birth_year AS age
    FROM (SELECT DISTINCT ON (s.person_id COLLATE "C", @extschema@.period(s.reference_date, 'year'))
                 s.*, @extschema@.period(s.reference_date, 'year') AS period,
                 date_part('year', s.reference_date)::integer AS year
          FROM @extschema@.status_snapshot s
          ORDER BY s.person_id COLLATE "C", @extschema@.period(s.reference_date, 'year'), s.reference_date DESC) s
    JOIN @extschema@.person p USING (person_id)
),
-- Each person's last measurement after a completed language course in a year (T2.3).
language AS (
    SELECT DISTINCT ON (l.person_id COLLATE "C", @extschema@.period(l.measured_on, 'year'))
           l.person_id, l.level, p.municipality_code::text AS municipality_code,
           @extschema@.period(l.measured_on, 'year') AS period
    FROM @extschema@.language_measurement l JOIN @extschema@.person p USING (person_id)
    WHERE l.course_completed
    ORDER BY l.person_id COLLATE "C", @extschema@.period(l.measured_on, 'year'), l.measured_on DESC
),
-- Civic-integration obligations (T2.4: active in the year; T2.5: cohort of the start year).
obligation AS (
    SELECT ci.*, p.municipality_code::text AS municipality_code
    FROM @extschema@.civic_integration ci JOIN @extschema@.person p USING (person_id)
    WHERE ci.exemption IS NULL
),
cells AS (
    -- T1.1, reading 'couplings': couplings to a municipality from the region's own AZCs.
    SELECT 'T1.1' AS indicator_code, municipality_code, period,
           @extschema@.share_agg(within_region) AS cell
    FROM coupled_within
    WHERE @extschema@.setting_text('t1_1_reading') = 'couplings'
    GROUP BY municipality_code, period
    UNION ALL
    -- T1.1, reading 'azc_leavers': leavers of a municipality's AZCs placed within the region.
    SELECT 'T1.1', location_municipality, period, @extschema@.share_agg(within_region)
    FROM coupled_within
    WHERE @extschema@.setting_text('t1_1_reading') = 'azc_leavers' AND location_municipality IS NOT NULL
    GROUP BY location_municipality, period
    UNION ALL
    SELECT 'T1.2', f.municipality_code, @extschema@.period(f.housed_on, 'year'),
           @extschema@.share_agg(coalesce(a.assessed_on <= f.housed_on, false))
    FROM first_housing f LEFT JOIN first_noa a ON a.person_id = f.person_id
    WHERE f.age >= 18
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T1.3', municipality_code, period,
           @extschema@.share_agg(EXISTS (SELECT FROM @extschema@.pathway_join j WHERE j.person_id = c.person_id))
    FROM coupled c
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.3', municipality_code, period,
           @extschema@.share_agg(level >= 'B1')
    FROM language
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.4', o.municipality_code, y.period,
           @extschema@.share_agg(o.track_started_on IS NOT NULL
                                 AND o.track_started_on <= y.last_day)
    FROM obligation o JOIN years y
      ON o.obligation_start <= y.last_day
     AND (o.deadline IS NULL OR o.deadline >= y.first_day)
     AND (o.passed_on IS NULL OR o.passed_on >= y.first_day)
    GROUP BY 2, 3
    UNION ALL
    SELECT 'T2.5', municipality_code, @extschema@.period(obligation_start, 'year'),
           @extschema@.share_agg(passed_on IS NOT NULL AND (deadline IS NULL OR passed_on <= deadline))
    FROM obligation
    GROUP BY 2, 3
    UNION ALL
    -- The status indicators in one pass over the snapshots.
    SELECT v.indicator_code, s.municipality_code, s.period, v.cell
    FROM (SELECT municipality_code, period,
                 @extschema@.share_agg(in_education) FILTER (WHERE education_eligible) AS t21,
                 @extschema@.share_agg(language_activity) FILTER (WHERE age >= 18) AS t22,
                 @extschema@.share_agg(paid_work) FILTER (WHERE age BETWEEN 18 AND 65) AS t26,
                 @extschema@.share_agg(welfare) FILTER (WHERE age BETWEEN 18 AND 65) AS t27,
                 @extschema@.share_agg(alternative_work) FILTER (WHERE age >= 18) AS t29,
                 @extschema@.share_agg(social_activity) FILTER (WHERE age >= 18) AS t213,
                 @extschema@.share_agg(in_education OR paid_work OR social_activity) FILTER (WHERE age >= 18) AS t214
          FROM snapshot GROUP BY municipality_code, period) s
    -- (a UNION ALL, not VALUES: a filter on indicator_code, e.g. from a query for T1.3
    -- alone, then proves every arm empty and the pass over the snapshots is skipped)
    CROSS JOIN LATERAL (SELECT 'T2.1' AS indicator_code, s.t21 AS cell UNION ALL SELECT 'T2.2', s.t22
                        UNION ALL SELECT 'T2.6', s.t26 UNION ALL SELECT 'T2.7', s.t27
                        UNION ALL SELECT 'T2.9', s.t29 UNION ALL SELECT 'T2.13', s.t213
                        UNION ALL SELECT 'T2.14', s.t214) v
)
SELECT indicator_code, municipality_code, period,
       @extschema@.numerator(cell) AS numerator, @extschema@.denominator(cell) AS denominator
FROM cells
UNION ALL
-- Counts.  T2.8: permit holders employed by the municipality's own organisation.
SELECT 'T2.8', e.municipality_code::text, y.period, count(DISTINCT e.person_id), NULL
FROM @extschema@.municipal_employment e JOIN years y
  ON e.started_on <= y.last_day
 AND (e.ended_on IS NULL OR e.ended_on >= y.first_day)
GROUP BY 2, 3
UNION ALL
-- T2.12: volunteers on the last reference date of the year.  (DISTINCT ON in a
-- subquery: a filter on indicator_code can then be pushed into every branch, so
-- a query for one indicator computes only that indicator.)
SELECT 'T2.12', municipality_code, period, volunteers, NULL
FROM (SELECT DISTINCT ON (v.municipality_code, @extschema@.period(v.reference_date, 'year'))
             v.municipality_code::text AS municipality_code, @extschema@.period(v.reference_date, 'year') AS period,
             v.volunteers::bigint AS volunteers
      FROM @extschema@.volunteer_count v
      ORDER BY v.municipality_code, @extschema@.period(v.reference_date, 'year'), v.reference_date DESC) v
UNION ALL
-- T3.3: flexible dwellings delivered in the year; T3.4: in projects started in the year.
SELECT 'T3.3', municipality_code::text, @extschema@.period(delivered_on, 'year'), sum(dwellings), NULL
FROM @extschema@.flexible_housing_project WHERE delivered_on IS NOT NULL
GROUP BY 2, 3
UNION ALL
SELECT 'T3.4', municipality_code::text, @extschema@.period(development_started_on, 'year'), sum(dwellings), NULL
FROM @extschema@.flexible_housing_project WHERE development_started_on IS NOT NULL
GROUP BY 2, 3;

COMMENT ON VIEW @extschema@.indicator_cell_live IS
    'internal: numerator and denominator of every person-level indicator per municipality and year, computed from the rows the querying role may see; refresh_monitor() stores the published figures from it';
COMMENT ON COLUMN @extschema@.indicator_cell_live.indicator_code IS 'indicator, e.g. T2.6';
COMMENT ON COLUMN @extschema@.indicator_cell_live.municipality_code IS 'municipality the persons count for';
COMMENT ON COLUMN @extschema@.indicator_cell_live.period IS 'year';
COMMENT ON COLUMN @extschema@.indicator_cell_live.numerator IS 'persons meeting the condition (shares), or the count (counts)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.denominator IS 'persons counted (shares); NULL for counts';

-- Housing ledger ---------------------------------------------------------------------
-- Per municipality: quota, housed (each person counts once, in the half-year and
-- municipality of their first housing), corrections and the opening balance, through
-- the quota_ledger aggregate.  The ledger starts at the opening balance's half-year
-- (earlier rows are ignored), or at the first half-year with any figure.

CREATE VIEW @extschema@.housing_ledger_live WITH (security_invoker = true) AS
WITH
first_housing AS (
    SELECT DISTINCT ON (person_id) person_id, municipality_code::text AS municipality_code, housed_on
    FROM @extschema@.housing ORDER BY person_id, housed_on
),
housed AS (
    SELECT municipality_code, @extschema@.period(housed_on, 'halfyear') AS period, count(*) AS housed
    FROM first_housing GROUP BY 1, 2
),
figures AS (
    SELECT municipality_code, period, sum(quota)::bigint AS quota, sum(housed)::bigint AS housed,
           sum(correction)::bigint AS correction
    FROM (SELECT municipality_code::text AS municipality_code, period, quota, 0 AS housed, 0 AS correction
          FROM @extschema@.quota
          UNION ALL
          SELECT municipality_code, period, 0, housed, 0 FROM housed
          UNION ALL
          SELECT municipality_code::text, period, 0, 0, correction FROM @extschema@.quota_correction) f
    GROUP BY 1, 2
),
opening AS (
    SELECT municipality_code::text AS municipality_code, period, balance FROM @extschema@.opening_balance
),
-- The opening balance enters as the correction of the half-year before the ledger starts.
entries AS (
    SELECT f.municipality_code, f.period, f.quota, f.housed, f.correction
    FROM figures f LEFT JOIN opening o USING (municipality_code)
    WHERE o.period IS NULL OR f.period >= o.period
    UNION ALL
    SELECT municipality_code, period OPERATOR(@extschema@.-) 1, 0, 0, balance FROM opening
),
ledgers AS (
    SELECT municipality_code,
           @extschema@.quota_ledger(period, quota, housed, correction,
                                    (SELECT @extschema@.setting_bool('carry_surplus'))) AS ledger
    FROM entries GROUP BY municipality_code
),
municipal AS (
    SELECT l.municipality_code, r.*
    FROM ledgers l CROSS JOIN LATERAL @extschema@.ledger_rows(l.ledger) r
    LEFT JOIN opening o ON o.municipality_code = l.municipality_code
    WHERE o.period IS NULL OR r.period >= o.period
),
-- Members of each region in each half-year: region_members() once per region and
-- half-year (not once per ledger row).
members AS (
    SELECT rg.code AS region, h.period, mb::text AS municipality_code
    FROM @extschema@.region rg
    CROSS JOIN (SELECT DISTINCT period FROM municipal) h
    CROSS JOIN LATERAL @extschema@.region_members(rg.code, h.period) mb
),
-- Region rows: sums over the members valid in the half-year.
regional AS (
    SELECT mb.region, mb.period,
           sum(m.quota)::bigint AS quota, sum(m.carried_in)::bigint AS carried_in,
           sum(m.obligation)::bigint AS obligation, sum(m.housed)::bigint AS housed,
           sum(m.correction)::bigint AS correction, sum(m.closing_balance)::bigint AS closing_balance
    FROM members mb
    JOIN municipal m ON m.municipality_code = mb.municipality_code AND m.period = mb.period
    GROUP BY mb.region, mb.period
),
regional_met AS (
    SELECT r.*, r.housed >= r.quota AS met_quota,
           r.obligation <= 0 OR r.housed >= r.obligation AS met_obligation
    FROM regional r
),
-- Consecutive half-years with the obligation not met: rows since the last met one.
regional_runs AS (
    SELECT r.*, count(*) FILTER (WHERE met_obligation) OVER (PARTITION BY region ORDER BY period) AS run
    FROM regional_met r
)
SELECT 'municipality' AS area_type, municipality_code AS area_code, period, quota, carried_in, obligation,
       housed, correction, closing_balance, met_quota, met_obligation, missed_in_a_row::bigint AS missed_in_a_row
FROM municipal
UNION ALL
SELECT 'region', region, period, quota, carried_in, obligation, housed, correction, closing_balance,
       met_quota, met_obligation,
       CASE WHEN met_obligation THEN 0
            ELSE row_number() OVER (PARTITION BY region, run ORDER BY period) - (run > 0)::integer END
FROM regional_runs;

COMMENT ON VIEW @extschema@.housing_ledger_live IS
    'internal: the housing ledger per municipality and region and half-year, computed from the rows the querying role may see; refresh_monitor() stores it for housing_ledger';

-- Housing schedule within the half-year --------------------------------------------
-- After m months of a half-year a municipality is on schedule when the persons
-- housed so far are at least obligation * m / 6 (compared exactly: housed * 6 >=
-- obligation * m).  Months that have not started yet are left out.

CREATE VIEW @extschema@.housing_progress_live WITH (security_invoker = true) AS
WITH
monthly AS (
    SELECT municipality_code, @extschema@.period(housed_on, 'month') AS month, count(*) AS housed
    FROM (SELECT DISTINCT ON (person_id) person_id, municipality_code::text AS municipality_code, housed_on
          FROM @extschema@.housing ORDER BY person_id, housed_on) first_housing
    GROUP BY 1, 2
),
months AS (
    SELECT l.area_code AS municipality_code, l.period, l.obligation, m.months_elapsed,
           @extschema@.period(@extschema@.period_start(l.period), 'month') AS first_month,
           @extschema@.period(@extschema@.period_start(l.period), 'month')
               OPERATOR(@extschema@.+) (m.months_elapsed - 1) AS month
    FROM @extschema@.housing_ledger_live l
    CROSS JOIN generate_series(1, 6) AS m(months_elapsed)
    WHERE l.area_type = 'municipality'
)
SELECT mo.municipality_code, mo.period, mo.month, mo.months_elapsed::bigint AS months_elapsed, mo.obligation,
       coalesce(sum(h.housed), 0)::bigint AS housed_to_date
FROM months mo
LEFT JOIN monthly h ON h.municipality_code = mo.municipality_code
                   AND h.month >= mo.first_month AND h.month <= mo.month
WHERE @extschema@.period_start(mo.month) <= current_date
GROUP BY mo.municipality_code, mo.period, mo.month, mo.months_elapsed, mo.obligation;

COMMENT ON VIEW @extschema@.housing_progress_live IS
    'internal: housed so far per municipality and month of each half-year, computed from the rows the querying role may see; refresh_monitor() stores it for housing_progress';

-- The scorecard, live ---------------------------------------------------------------
-- Every indicator per area (member municipalities and regions) and period, with
-- target, status, baseline, trend and small-cell suppression.

CREATE VIEW @extschema@.scorecard_live WITH (security_invoker = true) AS
WITH
-- MATERIALIZED: read once.  Inlined, the settings were looked up again for every
-- row that uses them (setting_int() is a function with its own query), which cost
-- more than a second at national scale.
settings AS MATERIALIZED (
    SELECT @extschema@.setting_int('min_cell_size') AS min_cell,
           @extschema@.setting_int('baseline_offset_years') AS offset_years,
           @extschema@.setting_numeric('significance_level')::double precision AS alpha
),
municipal AS (
    SELECT indicator_code, municipality_code, period, numerator, denominator
    FROM @extschema@.indicator_cell_live
    UNION ALL
    -- T3.1 per municipality: 1 of 1 when the half-year's obligation was met, else 0 of 1,
    -- so the region row counts the members that met theirs.
    SELECT 'T3.1', area_code, period, met_obligation::integer, 1
    FROM @extschema@.housing_ledger_live WHERE area_type = 'municipality'
),
years AS (
    SELECT DISTINCT period FROM municipal WHERE @extschema@.granularity(period) = 'year'
),
periods AS (
    SELECT DISTINCT period FROM municipal
),
-- Members of each region in each period of the monitor.
members AS (
    SELECT r.code AS region, p.period, m::text AS municipality_code
    FROM @extschema@.region r CROSS JOIN periods p
    CROSS JOIN LATERAL @extschema@.region_members(r.code, p.period) m
),
-- The indicators measured per municipality and summed for the region, on the grid
-- of every member and period of their granularity.  Person-based: shares of persons
-- (small cells are suppressed); T3.1 counts municipalities, T2.12 volunteers and
-- T3.3/T3.4 dwellings.
summed AS (
    SELECT i.code AS indicator_code, mb.region, mb.municipality_code, mb.period,
           c.numerator, c.denominator, i.unit = 'share' AND i.code <> 'T3.1' AS person_based
    FROM @extschema@.indicator i
    JOIN members mb ON @extschema@.granularity(mb.period) = i.granularity
    LEFT JOIN municipal c ON c.indicator_code = i.code AND c.municipality_code = mb.municipality_code
                         AND c.period = mb.period
    WHERE i.unit IN ('share', 'count') AND i.code <> 'T2.8'
),
-- T2.8 per member and year: permit holders employed (0 when none).
employment AS (
    SELECT mb.region, mb.municipality_code, mb.period, coalesce(c.numerator, 0) AS employed
    FROM members mb
    LEFT JOIN municipal c ON c.indicator_code = 'T2.8' AND c.municipality_code = mb.municipality_code
                         AND c.period = mb.period
    WHERE @extschema@.granularity(mb.period) = 'year'
),
-- T1.4 per member and year: the day the pathway started, if it did.
milestones AS (
    SELECT mb.region, mb.municipality_code, mb.period, ms.achieved_on
    FROM members mb
    LEFT JOIN @extschema@.milestone ms ON ms.indicator_code = 'T1.4' AND ms.area_code = mb.municipality_code
    WHERE @extschema@.granularity(mb.period) = 'year'
),
-- Municipality rows (a municipality in several regions appears once; its parent
-- region, for targets, is the first by code).
municipality_rows AS (
    (SELECT DISTINCT ON (indicator_code, municipality_code, period)
            indicator_code, 'municipality' AS area_type, municipality_code AS area_code,
            region AS parent_region, period, numerator, denominator, NULL::date AS done_on, person_based
     FROM summed ORDER BY indicator_code, municipality_code, period, region)
    UNION ALL
    (SELECT DISTINCT ON (municipality_code, period)
            'T2.8', 'municipality', municipality_code, region, period, employed, NULL, NULL, true
     FROM employment ORDER BY municipality_code, period, region)
    UNION ALL
    (SELECT DISTINCT ON (municipality_code, period)
            'T1.4', 'municipality', municipality_code, region, period,
            (achieved_on IS NOT NULL AND achieved_on <= @extschema@.period_end(period))::integer, 1,
            achieved_on, false
     FROM milestones ORDER BY municipality_code, period, region)
),
-- Region rows: sums over the members valid in the period; for T2.8 and T1.4 the
-- members that reached their own result.
region_rows AS (
    SELECT indicator_code, 'region' AS area_type, region AS area_code, NULL::text AS parent_region, period,
           sum(numerator)::bigint, sum(denominator)::bigint, NULL::date, bool_or(person_based)
    FROM summed GROUP BY indicator_code, region, period
    UNION ALL
    SELECT 'T2.8', 'region', region, NULL, period, count(*) FILTER (WHERE employed >= 1), count(*), NULL, false
    FROM employment GROUP BY region, period
    UNION ALL
    -- T1.4: the region is done on the day its last member was.
    SELECT 'T1.4', 'region', region, NULL, period,
           count(*) FILTER (WHERE achieved_on IS NOT NULL AND achieved_on <= @extschema@.period_end(period)),
           count(*), CASE WHEN count(achieved_on) = count(*) THEN max(achieved_on) END, false
    FROM milestones GROUP BY region, period
    UNION ALL
    -- T2.15: a milestone of the region itself.
    SELECT 'T2.15', 'region', r.code, NULL, y.period,
           (ms.achieved_on IS NOT NULL AND ms.achieved_on <= @extschema@.period_end(y.period))::integer, 1,
           ms.achieved_on, false
    FROM @extschema@.region r CROSS JOIN years y
    LEFT JOIN @extschema@.milestone ms ON ms.indicator_code = 'T2.15' AND ms.area_code = r.code
),
area_rows AS (
    SELECT * FROM municipality_rows
    UNION ALL
    SELECT * FROM region_rows
),
-- Facts of each row: indicator, target (own, else the parent region's where the
-- municipal and regional figures measure the same thing), baseline.
facts AS (
    SELECT r.indicator_code, i.theme, i.name_en AS indicator_name,
           CASE WHEN r.indicator_code = 'T2.8' AND r.area_type = 'municipality' THEN 'count'
                ELSE i.unit END AS unit,
           r.area_type, r.area_code, r.parent_region, r.period, r.numerator, r.denominator, r.done_on,
           r.person_based,
           coalesce(t.target,
                    CASE WHEN r.area_type = 'municipality' AND r.indicator_code <> 'T2.8'
                         THEN pt.target END) AS target,
           CASE WHEN @extschema@.granularity(r.period) = 'year'
                THEN r.period OPERATOR(@extschema@.-) s.offset_years
                ELSE r.period OPERATOR(@extschema@.-) (2 * s.offset_years) END AS baseline_period,
           s.min_cell, s.alpha
    FROM area_rows r
    CROSS JOIN settings s
    JOIN @extschema@.indicator i ON i.code = r.indicator_code
    LEFT JOIN @extschema@.indicator_target t
           ON t.indicator_code = r.indicator_code AND t.area_code = r.area_code AND t.period = r.period
    LEFT JOIN @extschema@.indicator_target pt
           ON pt.indicator_code = r.indicator_code AND pt.area_code = r.parent_region AND pt.period = r.period
),
-- Primary suppression: person-based cells whose denominator (shares) or count is
-- below the minimum cell size.  Empty cells have nothing to hide.
primary_suppressed AS (
    SELECT f.*,
           person_based AND coalesce(CASE WHEN unit = 'share' THEN denominator ELSE numerator END, 0)
               BETWEEN 1 AND min_cell - 1 AS primary_suppressed
    FROM facts f
),
-- Secondary suppression: when exactly one member of a region is suppressed and the
-- region's own cell is shown, also suppress the member with the next smallest
-- denominator (or count), so the suppressed cell cannot be recovered as the region
-- minus the other members.
member_cells AS (
    SELECT p.*, mb.region
    FROM primary_suppressed p
    JOIN members mb ON mb.municipality_code = p.area_code AND mb.period = p.period
    WHERE p.area_type = 'municipality' AND p.person_based
      AND p.indicator_code <> 'T2.8'    -- its region row counts municipalities, not these persons
),
lonely AS (
    SELECT mc.indicator_code, mc.region, mc.period
    FROM member_cells mc
    JOIN primary_suppressed reg ON reg.indicator_code = mc.indicator_code AND reg.area_type = 'region'
                               AND reg.area_code = mc.region AND reg.period = mc.period
    WHERE NOT reg.primary_suppressed
    GROUP BY mc.indicator_code, mc.region, mc.period
    HAVING count(*) FILTER (WHERE mc.primary_suppressed) = 1
),
secondary AS (
    SELECT DISTINCT ON (mc.indicator_code, mc.region, mc.period) mc.indicator_code, mc.area_code, mc.period
    FROM member_cells mc JOIN lonely USING (indicator_code, region, period)
    WHERE NOT mc.primary_suppressed
      AND coalesce(CASE WHEN mc.unit = 'share' THEN mc.denominator ELSE mc.numerator END, 0) > 0
    ORDER BY mc.indicator_code, mc.region, mc.period,
             CASE WHEN mc.unit = 'share' THEN mc.denominator ELSE mc.numerator END, mc.area_code
),
judged AS (
    SELECT p.*,
           p.primary_suppressed
               OR EXISTS (SELECT FROM secondary s WHERE (s.indicator_code, s.area_code, s.period)
                                                      = (p.indicator_code, p.area_code, p.period)) AS suppressed,
           CASE WHEN p.unit = 'share' THEN @extschema@.share(p.numerator, p.denominator) END AS cell,
           b.numerator AS baseline_numerator,
           coalesce(b.primary_suppressed, false)
               OR EXISTS (SELECT FROM secondary s WHERE (s.indicator_code, s.area_code, s.period)
                                                      = (p.indicator_code, p.area_code, p.baseline_period))
               AS baseline_suppressed,
           CASE WHEN p.unit = 'share' THEN @extschema@.share(b.numerator, b.denominator) END AS baseline_cell
    FROM primary_suppressed p
    LEFT JOIN primary_suppressed b
           ON b.indicator_code = p.indicator_code AND b.area_code = p.area_code AND b.period = p.baseline_period
)
SELECT j.indicator_code, j.theme::bigint AS theme, j.indicator_name, j.unit,
       j.area_code, coalesce(m.name, rg.name) AS area_name, j.area_type,
       j.period::text AS period, @extschema@.period_start(j.period) AS period_start,
       CASE WHEN NOT j.suppressed THEN j.numerator END AS numerator_count,
       CASE WHEN NOT j.suppressed THEN j.denominator END AS denominator_count,
       CASE WHEN j.suppressed THEN NULL
            WHEN j.unit = 'share' THEN round(@extschema@.share_value(j.cell)::numeric, 6)
            WHEN j.unit = 'count' THEN j.numerator::numeric
            WHEN j.unit = 'milestone' AND j.denominator > 0 THEN round(j.numerator::numeric / j.denominator, 6)
       END AS value,
       CASE WHEN NOT j.suppressed AND j.unit = 'share' THEN round(@extschema@.ci_lower(j.cell)::numeric, 6) END AS ci_lower,
       CASE WHEN NOT j.suppressed AND j.unit = 'share' THEN round(@extschema@.ci_upper(j.cell)::numeric, 6) END AS ci_upper,
       j.target::text AS target,
       CASE WHEN j.suppressed THEN 'suppressed'
            WHEN j.target IS NULL THEN 'no target'
            WHEN j.unit = 'milestone' THEN @extschema@.attainment(j.done_on, j.target, current_date)
            WHEN j.unit = 'count' THEN @extschema@.attainment(j.numerator, j.target)
            ELSE @extschema@.attainment(j.cell, j.target, j.baseline_cell)
       END AS status,
       j.baseline_period::text AS baseline_period,
       CASE WHEN NOT j.baseline_suppressed AND j.unit = 'share' THEN round(@extschema@.share_value(j.baseline_cell)::numeric, 6)
            WHEN NOT j.baseline_suppressed AND j.unit = 'count' THEN j.baseline_numerator::numeric
       END AS baseline_value,
       CASE WHEN NOT j.suppressed AND NOT j.baseline_suppressed AND j.unit = 'share'
            THEN round((@extschema@.share_increase(j.cell, j.baseline_cell) * 100)::numeric, 2) END AS change_pct_points,
       CASE WHEN j.suppressed OR j.baseline_suppressed THEN NULL
            WHEN j.unit = 'share' THEN coalesce(@extschema@.trend(j.cell, j.baseline_cell, j.alpha), 'no data')
            WHEN j.unit = 'count' THEN CASE WHEN j.baseline_numerator IS NULL OR j.numerator IS NULL THEN 'no data'
                                            WHEN j.numerator > j.baseline_numerator THEN 'rise'
                                            WHEN j.numerator < j.baseline_numerator THEN 'fall'
                                            ELSE 'no change' END
       END AS trend,
       j.suppressed
FROM judged j
LEFT JOIN @extschema@.municipality m ON m.code::text = j.area_code
LEFT JOIN @extschema@.region rg ON rg.code = j.area_code
UNION ALL
-- Qualitative results, once per region and year, so the scorecard is complete.
SELECT i.code, i.theme::bigint, i.name_en, i.unit, r.code, r.name, 'region', y.period::text,
       @extschema@.period_start(y.period), NULL, NULL, NULL, NULL, NULL, NULL, 'qualitative',
       NULL, NULL, NULL, NULL, false
FROM @extschema@.indicator i CROSS JOIN @extschema@.region r CROSS JOIN years y
WHERE i.qualitative;

COMMENT ON VIEW @extschema@.scorecard_live IS
    'internal: the scorecard computed from the rows the querying role may see; refresh_monitor() stores it for the scorecard and theme views';

-- Published figures ---------------------------------------------------------------------
-- What refresh_monitor() stored: the BI views read these tables, so readers see the
-- region's published (suppressed) figures without any right on person-level rows.
-- Registered with pg_dump: a restored database shows the same views without a refresh.

CREATE TABLE @extschema@.published_scorecard (
    indicator_code text NOT NULL,
    theme bigint NOT NULL,
    indicator_name text NOT NULL,
    unit text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    area_type text NOT NULL,
    period text NOT NULL,
    period_start date NOT NULL,
    numerator_count bigint,
    denominator_count bigint,
    value numeric,
    ci_lower numeric,
    ci_upper numeric,
    target text,
    status text NOT NULL,
    baseline_period text,
    baseline_value numeric,
    change_pct_points numeric,
    trend text,
    suppressed boolean NOT NULL,
    PRIMARY KEY (indicator_code, area_code, period)
);
COMMENT ON TABLE @extschema@.published_scorecard IS
    'the scorecard as last stored by refresh_monitor(); read it through the view scorecard';

CREATE TABLE @extschema@.published_housing_ledger (
    area_type text NOT NULL,
    area_code text NOT NULL,
    area_name text,
    period text NOT NULL,
    period_start date NOT NULL,
    quota bigint,
    carried_in bigint,
    obligation bigint,
    housed bigint,
    correction bigint,
    closing_balance bigint,
    realisation_quota_pct numeric,
    realisation_obligation_pct numeric,
    met_quota boolean,
    met_obligation boolean,
    missed_in_a_row bigint,
    PRIMARY KEY (area_code, period)
);
COMMENT ON TABLE @extschema@.published_housing_ledger IS
    'the housing ledger as last stored by refresh_monitor(); read it through the view housing_ledger';

CREATE TABLE @extschema@.published_housing_progress (
    municipality_code text NOT NULL,
    municipality_name text,
    period text NOT NULL,
    month text NOT NULL,
    month_start date NOT NULL,
    months_elapsed bigint NOT NULL,
    obligation bigint,
    housed_to_date bigint NOT NULL,
    expected_to_date numeric,
    on_schedule boolean,
    PRIMARY KEY (municipality_code, month)
);
COMMENT ON TABLE @extschema@.published_housing_progress IS
    'the monthly housing schedule as last stored by refresh_monitor(); read it through the view housing_progress';

CREATE TABLE @extschema@.monitor_refresh (
    refreshed_at timestamptz NOT NULL DEFAULT now(),
    refreshed_by name NOT NULL DEFAULT current_user,
    scorecard_rows bigint NOT NULL,
    ledger_rows bigint NOT NULL,
    progress_rows bigint NOT NULL
);
COMMENT ON TABLE @extschema@.monitor_refresh IS 'one row per run of refresh_monitor(): when, by whom, how many rows';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_scorecard', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_ledger', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.published_housing_progress', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.monitor_refresh', '');

-- jit = off: the plans of the *_live views are large, and compiling them with
-- LLVM costs more than it saves: 20 s against 0.6 s without JIT on the demo
-- data in a freshly restored (not yet analyzed) database, 19 s against 14 s
-- at demo scale 3; the compilation cannot be cancelled either.
CREATE FUNCTION @extschema@.refresh_monitor(OUT scorecard_rows bigint, OUT ledger_rows bigint,
                                            OUT progress_rows bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    AS $$
BEGIN
    -- The figures are for everyone: computing them from a subset of the persons
    -- (row-level security of an analyst) would publish wrong region totals.
    IF NOT (@extschema@.sees_all_persons()
            OR EXISTS (SELECT FROM pg_roles WHERE rolname = current_user AND (rolsuper OR rolbypassrls))
            OR pg_has_role(current_user, (SELECT relowner FROM pg_class
                                          WHERE oid = '@extschema@.person'::regclass), 'MEMBER')) THEN
        RAISE EXCEPTION 'refresh_monitor() needs a role that sees every person: u16_loader, the owner of the u16 tables, or a superuser'
            USING ERRCODE = 'insufficient_privilege';
    END IF;

    DELETE FROM @extschema@.published_scorecard;
    INSERT INTO @extschema@.published_scorecard SELECT * FROM @extschema@.scorecard_live;
    GET DIAGNOSTICS scorecard_rows = ROW_COUNT;

    DELETE FROM @extschema@.published_housing_ledger;
    INSERT INTO @extschema@.published_housing_ledger
    SELECT l.area_type, l.area_code, coalesce(m.name, r.name), l.period::text, @extschema@.period_start(l.period),
           l.quota, l.carried_in, l.obligation, l.housed, l.correction, l.closing_balance,
           CASE WHEN l.quota > 0 THEN round(100.0 * l.housed / l.quota, 1) END,
           CASE WHEN l.obligation > 0 THEN round(100.0 * l.housed / l.obligation, 1) END,
           l.met_quota, l.met_obligation, l.missed_in_a_row
    FROM @extschema@.housing_ledger_live l
    LEFT JOIN @extschema@.municipality m ON m.code::text = l.area_code
    LEFT JOIN @extschema@.region r ON r.code = l.area_code;
    GET DIAGNOSTICS ledger_rows = ROW_COUNT;

    DELETE FROM @extschema@.published_housing_progress;
    INSERT INTO @extschema@.published_housing_progress
    SELECT p.municipality_code, m.name, p.period::text, p.month::text, @extschema@.period_start(p.month),
           p.months_elapsed, p.obligation, p.housed_to_date,
           round(p.obligation * p.months_elapsed / 6.0, 1),
           p.housed_to_date * 6 >= p.obligation * p.months_elapsed
    FROM @extschema@.housing_progress_live p
    LEFT JOIN @extschema@.municipality m ON m.code::text = p.municipality_code;
    GET DIAGNOSTICS progress_rows = ROW_COUNT;

    INSERT INTO @extschema@.monitor_refresh (scorecard_rows, ledger_rows, progress_rows)
    VALUES (scorecard_rows, ledger_rows, progress_rows);
END
$$;
COMMENT ON FUNCTION @extschema@.refresh_monitor() IS
    'recomputes every published figure (scorecard, housing ledger, housing schedule) from the person-level data; run after loading, as u16_loader or the owner; returns the rows stored';

-- BI views -------------------------------------------------------------------------------
-- Built-in column types only; fractions 0..1 in numeric; periods as text plus a
-- period_start date for time axes.  security_invoker: a role reads them with its
-- own rights on the published tables.

CREATE VIEW @extschema@.scorecard WITH (security_invoker = true) AS
SELECT indicator_code, theme, indicator_name, unit, area_code, area_name, area_type, period, period_start,
       numerator_count, denominator_count, value, ci_lower, ci_upper, target, status,
       baseline_period, baseline_value, change_pct_points, trend, suppressed
FROM @extschema@.published_scorecard;

CREATE VIEW @extschema@.theme1_pathway WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 1 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme2_work_integration WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 2 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme3_housing WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 3 AND unit <> 'qualitative';

CREATE VIEW @extschema@.housing_ledger WITH (security_invoker = true) AS
SELECT area_code AS municipality_code, area_name AS municipality_name, area_type, period, period_start,
       quota, carried_in, obligation, housed, correction, closing_balance,
       realisation_quota_pct, realisation_obligation_pct, met_quota, met_obligation, missed_in_a_row
FROM @extschema@.published_housing_ledger;

CREATE VIEW @extschema@.housing_progress WITH (security_invoker = true) AS
SELECT municipality_code, municipality_name, period, month, month_start, months_elapsed, obligation,
       housed_to_date, expected_to_date, on_schedule
FROM @extschema@.published_housing_progress;

-- Comments: Metabase and other BI tools show them as descriptions.
DO $$
DECLARE
    v text;
    c record;
    scorecard_columns constant jsonb := '{
        "indicator_code": "indicator of the plan of 2018, e.g. T2.6 (see u16.indicator)",
        "theme": "theme 1 (pathway), 2 (work and civic integration) or 3 (housing)",
        "indicator_name": "short name of the indicator in English",
        "unit": "share (k of n persons or municipalities; value is a fraction), count, milestone (value: fraction of areas done) or qualitative",
        "area_code": "municipality code (GM0344) or region code (U16)",
        "area_name": "name of the municipality or region",
        "area_type": "municipality or region; region rows sum the members valid in the period",
        "period": "year (2018) or half-year (2018H1) as text",
        "period_start": "first day of the period: use as the time axis",
        "numerator_count": "persons (or areas) meeting the indicator, or the count; NULL when suppressed",
        "denominator_count": "persons (or areas) counted; NULL for counts and when suppressed",
        "value": "the indicator: a fraction 0..1 for shares (format as percentage), the number for counts; NULL when suppressed or without data",
        "ci_lower": "lower bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "ci_upper": "upper bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "target": "target from u16.indicator_target, e.g. >= 90%, rise, by 2018-06-01; municipalities without their own follow their region",
        "status": "met, not met, pending (deadline ahead), no data, no target, qualitative, or suppressed",
        "baseline_period": "period compared with (setting baseline_offset_years, default one year earlier)",
        "baseline_value": "value in the baseline period; NULL when suppressed or without data",
        "change_pct_points": "value minus baseline value, in percentage points (shares only)",
        "trend": "rise or fall when the change is statistically significant (setting significance_level), else no change; no data without both values",
        "suppressed": "true when the cell is hidden to protect privacy (fewer persons than setting min_cell_size, or secondary suppression)"
    }';
BEGIN
    FOREACH v IN ARRAY ARRAY['scorecard', 'theme1_pathway', 'theme2_work_integration', 'theme3_housing'] LOOP
        FOR c IN SELECT key, value FROM jsonb_each_text(scorecard_columns) LOOP
            EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', v, c.key, c.value);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON VIEW @extschema@.scorecard IS
    'U16 monitor scorecard: every indicator of the plan of 2018 per municipality and region and period, with target, status, change since the baseline and whether it is real, small cells suppressed; as of the last refresh_monitor()';
COMMENT ON VIEW @extschema@.theme1_pathway IS
    'theme 1, start of the pathway (T1.1 placements from regional AZCs, T1.2 NOA assessments, T1.3 joined the pathway, T1.4 pathway started): scorecard rows';
COMMENT ON VIEW @extschema@.theme2_work_integration IS
    'theme 2, work and civic integration (education, language, integration, work, welfare, participation): scorecard rows';
COMMENT ON VIEW @extschema@.theme3_housing IS
    'theme 3, housing (T3.1 half-year quota realised, T3.3/T3.4 flexible dwellings): scorecard rows; details in housing_ledger';
COMMENT ON VIEW @extschema@.housing_ledger IS
    'housing quota ledger (taakstelling) per municipality and half-year, plus region rows: quota, carried balance, obligation, housed, closing balance, realisation, consecutive misses';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_code IS 'municipality code, or the region code (U16) on region rows';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_name IS 'name of the municipality or region';
COMMENT ON COLUMN @extschema@.housing_ledger.area_type IS 'municipality or region; region rows sum the members valid in the half-year';
COMMENT ON COLUMN @extschema@.housing_ledger.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.housing_ledger.period_start IS 'first day of the half-year: use as the time axis';
COMMENT ON COLUMN @extschema@.housing_ledger.quota IS 'quota (taakstelling): permit holders to house in the half-year';
COMMENT ON COLUMN @extschema@.housing_ledger.carried_in IS 'balance carried in: > 0 deficit (achterstand), < 0 surplus (voorsprong)';
COMMENT ON COLUMN @extschema@.housing_ledger.obligation IS 'obligation (opgave): quota + carried balance';
COMMENT ON COLUMN @extschema@.housing_ledger.housed IS 'permit holders housed in the half-year (each person once, at first housing)';
COMMENT ON COLUMN @extschema@.housing_ledger.correction IS 'manual correction added to the closing balance';
COMMENT ON COLUMN @extschema@.housing_ledger.closing_balance IS 'balance carried out: obligation - housed + correction; > 0 deficit, < 0 surplus';
COMMENT ON COLUMN @extschema@.housing_ledger.realisation_quota_pct IS 'housed as a percentage of the quota (0..100 and above); NULL when the quota is 0';
COMMENT ON COLUMN @extschema@.housing_ledger.realisation_obligation_pct IS 'housed as a percentage of the obligation; NULL when the obligation is 0 or less (counts as met)';
COMMENT ON COLUMN @extschema@.housing_ledger.met_quota IS 'housed at least the quota';
COMMENT ON COLUMN @extschema@.housing_ledger.met_obligation IS 'housed at least the obligation (an obligation of 0 or less counts as met)';
COMMENT ON COLUMN @extschema@.housing_ledger.missed_in_a_row IS 'consecutive half-years up to this one with the obligation not met (provinces escalate after repeated misses)';
COMMENT ON VIEW @extschema@.housing_progress IS
    'housing schedule within each half-year: per municipality and month, housed so far against obligation x months / 6';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_code IS 'municipality code';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_name IS 'name of the municipality';
COMMENT ON COLUMN @extschema@.housing_progress.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.housing_progress.month IS 'month of the half-year, e.g. 2018-03';
COMMENT ON COLUMN @extschema@.housing_progress.month_start IS 'first day of the month: use as the time axis';
COMMENT ON COLUMN @extschema@.housing_progress.months_elapsed IS 'months of the half-year up to and including this one (1..6)';
COMMENT ON COLUMN @extschema@.housing_progress.obligation IS 'obligation of the half-year (quota + carried balance)';
COMMENT ON COLUMN @extschema@.housing_progress.housed_to_date IS 'permit holders housed from the start of the half-year to the end of this month';
COMMENT ON COLUMN @extschema@.housing_progress.expected_to_date IS 'obligation x months_elapsed / 6: what is on schedule';
COMMENT ON COLUMN @extschema@.housing_progress.on_schedule IS 'housed_to_date >= obligation x months_elapsed / 6';

-- The published tables and the internal views carry the same column comments as
-- the BI views they feed; the few columns named differently are listed here.
DO $$
DECLARE
    pair text[];
    c record;
    comment text;
    other constant jsonb := '{
        "area_code": "municipality code, or the region code (U16) on region rows",
        "area_name": "name of the municipality or region",
        "area_type": "municipality or region"
    }';
BEGIN
    FOREACH pair SLICE 1 IN ARRAY ARRAY[
        ['published_scorecard', 'scorecard'], ['scorecard_live', 'scorecard'],
        ['published_housing_ledger', 'housing_ledger'], ['housing_ledger_live', 'housing_ledger'],
        ['published_housing_progress', 'housing_progress'], ['housing_progress_live', 'housing_progress']]
    LOOP
        FOR c IN SELECT a.attname FROM pg_attribute a
                 WHERE a.attrelid = format('@extschema@.%I', pair[1])::regclass AND a.attnum > 0 AND NOT a.attisdropped
        LOOP
            comment := coalesce(
                col_description(format('@extschema@.%I', pair[2])::regclass,
                                (SELECT attnum FROM pg_attribute
                                 WHERE attrelid = format('@extschema@.%I', pair[2])::regclass AND attname = c.attname)),
                other ->> c.attname);
            EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', pair[1], c.attname, comment);
        END LOOP;
    END LOOP;
END
$$;
COMMENT ON COLUMN @extschema@.monitor_refresh.refreshed_at IS 'when refresh_monitor() ran';
COMMENT ON COLUMN @extschema@.monitor_refresh.refreshed_by IS 'the role that ran it';
COMMENT ON COLUMN @extschema@.monitor_refresh.scorecard_rows IS 'scorecard rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.ledger_rows IS 'housing ledger rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.progress_rows IS 'housing schedule rows stored';
