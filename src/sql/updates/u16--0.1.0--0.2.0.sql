-- u16 0.1.0 -> 0.2.0.  Released scripts are never edited: every change to the
-- install script parts (src/sql/NN_*.sql) after 0.1.0 is repeated here, so that
-- an upgraded database equals a fresh install (test/t/upgrade checks it).
\echo Use "ALTER EXTENSION u16 UPDATE TO '0.2.0'" to load this file. \quit

-- The monitor's live views, faster at national scale (issue #8; 80_monitor.sql has
-- the reasons in comments): the "first/last row per person" sorts compare person
-- ids in byte order (COLLATE "C"), the status snapshot's year is an integer
-- computed once a row, and scorecard_live reads its settings once.  Same columns,
-- so CREATE OR REPLACE keeps comments, grants and dependent views.

CREATE OR REPLACE VIEW @extschema@.indicator_cell_live WITH (security_invoker = true) AS
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

CREATE OR REPLACE VIEW @extschema@.housing_ledger_live WITH (security_invoker = true) AS
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

CREATE OR REPLACE VIEW @extschema@.housing_progress_live WITH (security_invoker = true) AS
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

CREATE OR REPLACE VIEW @extschema@.scorecard_live WITH (security_invoker = true) AS
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
