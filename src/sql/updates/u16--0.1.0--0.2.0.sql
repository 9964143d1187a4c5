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

-- import() works set-based (issue #8: loading the whole country's data line by
-- line took hours): all staged lines at once, chunks bisected on failure, single
-- lines only to explain a failure.  Its scratch table import_seen (keys of the
-- accepted lines) becomes import_line (the state of every line).
DROP TABLE @extschema@.import_seen;
CREATE UNLOGGED TABLE @extschema@.import_line (
    run_id bigint NOT NULL,
    line_number bigint NOT NULL,
    state text NOT NULL,
    key jsonb,
    failure jsonb,
    PRIMARY KEY (run_id, line_number)
) WITH (fillfactor = 50);   -- room on every page: the state changes are HOT updates
COMMENT ON TABLE @extschema@.import_line IS
    'scratch table of u16.import(): where each staged line of a running import stands; empty between runs';
COMMENT ON COLUMN @extschema@.import_line.run_id IS 'import run';
COMMENT ON COLUMN @extschema@.import_line.line_number IS 'line_number of the staged line';
COMMENT ON COLUMN @extschema@.import_line.state IS
    'pending (checks passed so far), waiting (a later line of a key, for the next round), accepted (written, or already present), failed (a check failed; to be explained), rejected (explained in u16.import_error)';
COMMENT ON COLUMN @extschema@.import_line.key IS 'primary key of the line, cast to the column types';
COMMENT ON COLUMN @extschema@.import_line.failure IS 'the error of a line that failed on its own: message, constraint, column, sqlstate';

-- The loader writes import_line as it wrote import_seen (create_roles() grants this
-- on a fresh install).
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'u16_loader') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.import_line TO u16_loader;
    END IF;
END
$$;

-- The import -------------------------------------------------------------------------
--
-- import() works on all staged lines at once, in a few set-based statements.  The
-- statements that can fail on a bad value, the casts and the write, run over
-- chunks of lines (import_chunks); a chunk that fails is split until its failing
-- lines stand alone (import_try), and chunks shrink while lines fail.  The failed
-- lines are then explained together, in one statement.  Every function here pins
-- search_path to pg_catalog, pg_temp, so operators in the generated statements
-- resolve to pg_catalog's.

-- A staged line as it is kept in import_error: values that look like a citizen
-- service number (BSN) in a person-id column are withheld.
CREATE FUNCTION @extschema@.import_kept(raw jsonb, person_columns text[]) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT raw || coalesce(jsonb_object_agg(c, '"(withheld: looks like a BSN)"'::jsonb)
                               FILTER (WHERE @extschema@.is_bsn(btrim(raw ->> c))), '{}')
    FROM unnest(person_columns) AS c
$$;
COMMENT ON FUNCTION @extschema@.import_kept(jsonb, text[]) IS
    'a staged line as u16.import_error keeps it: the values of the given person-id columns withheld where they look like a BSN';

-- Runs the prepared statement named 'prepared' (parameters: run, first line, last
-- line; result: two counts) in a subtransaction.  If it fails, it runs on parts of
-- the range instead, down to single lines; a single line that fails is marked
-- failed with its error.
-- Returns the counts summed over the parts that succeeded, and the number of
-- lines marked failed.  A failing range of more than 8 lines is split in halves;
-- when the first half had no failing line, the second half is known to fail and
-- is split without being tried whole.  A failing range of up to 8 lines is tried
-- line by line: each failing line has to be tried alone for its error anyway,
-- and in a file with many bad lines halving further would try most lines twice.
-- The statements join the staging table and import_line on line_number within the
-- chunk's range.  Both were just filled and their statistics, if any, describe
-- earlier runs (and the loader may not ANALYZE them), so the planner is told
-- (by import_chunks, the caller) to use their primary keys: a chunk then costs the
-- same at line 10 as at line 2,000,000.
CREATE FUNCTION @extschema@.import_try(prepared text, run bigint, first_line bigint, last_line bigint,
                                       known_to_fail boolean,
                                       OUT first_count bigint, OUT second_count bigint, OUT failed_lines bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    line_by_line constant bigint := 8;
    middle bigint := first_line + (last_line - first_line) / 2;
    by_line boolean;
    part_first bigint;
    part_last bigint;
    part record;
    err_message text;
    err_constraint text;
    err_column text;
    err_state text;
BEGIN
    first_count := 0;
    second_count := 0;
    failed_lines := 0;
    IF NOT known_to_fail THEN
        BEGIN
            EXECUTE format('EXECUTE %I(%s, %s, %s)', prepared, run, first_line, last_line)
               INTO first_count, second_count;
            RETURN;
        EXCEPTION WHEN OTHERS THEN
            GET STACKED DIAGNOSTICS err_message = MESSAGE_TEXT, err_constraint = CONSTRAINT_NAME,
                                    err_column = COLUMN_NAME, err_state = RETURNED_SQLSTATE;
        END;
        IF first_line = last_line THEN
            UPDATE @extschema@.import_line l
               SET state = 'failed',
                   failure = jsonb_build_object('message', err_message, 'constraint', err_constraint,
                                                'column', err_column, 'sqlstate', err_state)
             WHERE l.run_id = run AND l.line_number = first_line;
            failed_lines := 1;
            RETURN;
        END IF;
    END IF;
    -- The parts: single lines, or two halves.
    by_line := last_line - first_line < line_by_line;
    part_first := first_line;
    WHILE part_first <= last_line LOOP
        part_last := CASE WHEN by_line THEN part_first ELSE least(part_first + (middle - first_line), last_line) END;
        SELECT * INTO part FROM @extschema@.import_try(prepared, run, part_first, part_last,
            known_to_fail => NOT by_line AND part_first > first_line AND failed_lines = 0);
        first_count := first_count + part.first_count;
        second_count := second_count + part.second_count;
        failed_lines := failed_lines + part.failed_lines;
        part_first := part_last + 1;
    END LOOP;
END
$$;
COMMENT ON FUNCTION @extschema@.import_try(text, bigint, bigint, bigint, boolean) IS
    'step of u16.import(): runs a prepared statement over lines first..last, splitting the range on failure down to single lines, which are marked failed';

-- import_try over all lines of a run, chunk by chunk.  A chunk has up to 1,000
-- lines; when lines fail, chunks get smaller, to about one failing line each (at
-- least 8 lines): bisecting a chunk with many failing lines repeats its work at
-- every level, which made a file with 1 % bad lines cost three times a clean one.
-- The statement is prepared once with a generic plan: parsing and planning it for
-- every try was most of the cost of a file with many bad lines.
CREATE FUNCTION @extschema@.import_chunks(statement text, run bigint, OUT first_count bigint, OUT second_count bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    SET enable_nestloop = on
    SET enable_seqscan = off
    SET enable_hashjoin = off
    SET enable_mergejoin = off
    SET plan_cache_mode = force_generic_plan
    AS $$
DECLARE
    prepared constant text := 'u16_import_' || run;   -- one step of a run at a time
    most_lines constant bigint := 1000;
    fewest_lines constant bigint := 8;
    chunk_lines bigint := most_lines;
    chunk_first bigint;
    tried bigint := 0;
    failed bigint := 0;
    part record;
BEGIN
    first_count := 0;
    second_count := 0;
    -- Each chunk starts at a line that exists: line numbers given by the loader may
    -- have gaps, or be negative.
    chunk_first := (SELECT min(l.line_number) FROM @extschema@.import_line l WHERE l.run_id = run);
    EXECUTE format('PREPARE %I(bigint, bigint, bigint) AS %s', prepared, statement);
    BEGIN
        WHILE chunk_first IS NOT NULL LOOP
            SELECT * INTO part FROM @extschema@.import_try(prepared, run, chunk_first, chunk_first + chunk_lines - 1, false);
            first_count := first_count + part.first_count;
            second_count := second_count + part.second_count;
            tried := tried + chunk_lines;
            failed := failed + part.failed_lines;
            chunk_first := (SELECT min(l.line_number) FROM @extschema@.import_line l
                             WHERE l.run_id = run AND l.line_number >= chunk_first + chunk_lines);
            chunk_lines := greatest(fewest_lines, least(most_lines, tried / (failed + 1)));
        END LOOP;
    EXCEPTION WHEN OTHERS THEN
        EXECUTE format('DEALLOCATE %I', prepared);   -- prepared statements outlive transactions
        RAISE;
    END;
    EXECUTE format('DEALLOCATE %I', prepared);
END
$$;
COMMENT ON FUNCTION @extschema@.import_chunks(text, bigint) IS
    'step of u16.import(): u16.import_try() over all lines of a run, up to 1,000 lines at a time';

-- The statements over all lines of a run join tables without up-to-date
-- statistics (see import_try); hash joins keep them linear whatever the planner
-- believes about the row counts.
CREATE OR REPLACE FUNCTION @extschema@.import(entity text, header_lines integer DEFAULT 1,
                                   OUT loaded bigint, OUT rejected bigint)
    RETURNS record
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    SET enable_nestloop = off
    AS $$
DECLARE
    target regclass;
    stage regclass;
    run bigint;
    -- Columns of the target: name, type, required, default expression.
    col_names text[];
    col_types regtype[];
    col_required boolean[];
    col_defaults text[];
    person_cols text[];
    key_cols text[];
    casts text[];      -- per column: the staged text as the column's type
    quick_check text;
    upsert text;
    fk record;
    fks jsonb;
    reference_checks text := '';   -- step 5: one UNION ALL branch per foreign key
    written record;
    n_staged bigint := 0;
    n_inserted bigint := 0;
    n_updated bigint := 0;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.import_entity e WHERE e.entity = import.entity) THEN
        RAISE EXCEPTION 'cannot import "%": not an importable table', entity
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = (SELECT 'Importable: ' || string_agg(e.entity, ', ' ORDER BY e.load_order)
                          FROM @extschema@.import_entity e);
    END IF;
    IF header_lines IS NULL OR header_lines < 0 THEN
        RAISE EXCEPTION 'header_lines must be 0 or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    target := format('@extschema@.%I', entity)::regclass;
    stage := format('@extschema@.%I', 'stage_' || entity)::regclass;

    SELECT array_agg(a.attname::text ORDER BY a.attnum), array_agg(a.atttypid::regtype ORDER BY a.attnum),
           array_agg(a.attnotnull AND NOT a.atthasdef ORDER BY a.attnum),
           array_agg(pg_get_expr(d.adbin, d.adrelid) ORDER BY a.attnum)
      INTO col_names, col_types, col_required, col_defaults
      FROM pg_attribute a
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE a.attrelid = target AND a.attnum > 0 AND NOT a.attisdropped
       AND a.attgenerated = '' AND a.attname <> 'seeded';
    person_cols := ARRAY(SELECT c FROM unnest(col_names, col_types) AS x(c, t)
                         WHERE t = '@extschema@.person_id'::regtype);
    casts := ARRAY(SELECT format('CAST(nullif(btrim(s.%I), '''') AS %s)', c, t)
                   FROM unnest(col_names, col_types) WITH ORDINALITY AS x(c, t, o) ORDER BY o);

    SELECT array_agg(a.attname::text ORDER BY k.ord) INTO key_cols
      FROM pg_constraint c, unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord), pg_attribute a
     WHERE c.conrelid = target AND c.contype = 'p'
       AND a.attrelid = target AND a.attnum = k.attnum;

    -- Foreign keys: [{"cols": [...], "ref": "u16.person", "ref_cols": [...]}, ...]
    SELECT coalesce(jsonb_agg(jsonb_build_object(
               'cols', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum),
               'ref', c.confrelid::regclass::text,
               'ref_cols', (SELECT jsonb_agg(a.attname ORDER BY k.ord) FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                            JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum))
               ORDER BY c.conname), '[]')
      INTO fks
      FROM pg_constraint c
     WHERE c.conrelid = target AND c.contype = 'f';

    -- The write, over the pending lines between $2 and $3: INSERT ... ON
    -- CONFLICT (key) DO UPDATE the other columns when they differ.  RETURNING
    -- (xmax = 0) is true for an insert, false for an update; no row comes back
    -- when nothing changed.  Empty values take the column default.  Returns the
    -- numbers inserted and updated.
    upsert := format('INSERT INTO %s AS t (%s) SELECT %s FROM %s AS s JOIN @extschema@.import_line l ON l.line_number = s.line_number'
                     ' WHERE l.run_id = $1 AND l.state = ''pending'' AND l.line_number BETWEEN $2 AND $3 AND s.line_number BETWEEN $2 AND $3'
                     ' ON CONFLICT (%s) ',
        target,
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(col_names) AS c),
        (SELECT string_agg(CASE WHEN d IS NULL THEN v ELSE format('coalesce(%s, %s)', v, d) END, ', ')
           FROM unnest(casts, col_defaults) AS x(v, d)),
        stage,
        (SELECT string_agg(quote_ident(c), ', ') FROM unnest(key_cols) AS c));
    IF col_names <@ key_cols THEN
        upsert := upsert || 'DO NOTHING';
    ELSE
        upsert := upsert || format('DO UPDATE SET (%s) = ROW(%s) WHERE jsonb_build_array(%s) IS DISTINCT FROM jsonb_build_array(%s)',
            (SELECT string_agg(quote_ident(c), ', ') FROM unnest(col_names) AS c WHERE c <> ALL (key_cols)),
            (SELECT string_agg(format('EXCLUDED.%I', c), ', ') FROM unnest(col_names) AS c WHERE c <> ALL (key_cols)),
            (SELECT string_agg(format('t.%I', c), ', ') FROM unnest(col_names) AS c WHERE c <> ALL (key_cols)),
            (SELECT string_agg(format('EXCLUDED.%I', c), ', ') FROM unnest(col_names) AS c WHERE c <> ALL (key_cols)));
    END IF;
    upsert := format('WITH written AS (%s RETURNING (t.xmax = 0) AS inserted) '
                     'SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written', upsert);


    INSERT INTO @extschema@.import_run (entity) VALUES (import.entity) RETURNING run_id INTO run;

    -- 1. Every staged line.  A required value left empty, or a date not written
    --    YYYY-MM-DD, fails the line at once.
    SELECT coalesce(string_agg(x.test, ' OR '), 'false') INTO quick_check
      FROM (SELECT format('nullif(btrim(s.%I), '''') IS NULL', c) AS test
              FROM unnest(col_names, col_required) AS y(c, required) WHERE required
            UNION ALL
            SELECT format('nullif(btrim(s.%I), '''') !~ ''^[0-9]{4}-[0-9]{2}-[0-9]{2}$''', c)
              FROM unnest(col_names, col_types) AS y(c, t) WHERE t = 'date'::regtype) x;
    EXECUTE format('INSERT INTO @extschema@.import_line (run_id, line_number, state) '
                   'SELECT $1, s.line_number, CASE WHEN %s THEN ''failed'' ELSE ''pending'' END FROM %s AS s',
                   quick_check, stage) USING run;
    GET DIAGNOSTICS n_staged = ROW_COUNT;

    -- 2. Every value cast to its column's type (num_nulls() makes sure that all
    --    are, not only the key's); a line with a value that does not cast fails.
    PERFORM @extschema@.import_chunks(format(
        'WITH cast_lines AS (UPDATE @extschema@.import_line l SET key = jsonb_build_object(%s),'
        ' state = CASE WHEN num_nulls(%s) >= 0 THEN ''pending'' END FROM %s AS s'
        ' WHERE l.run_id = $1 AND l.state = ''pending'' AND l.line_number BETWEEN $2 AND $3'
        ' AND s.line_number = l.line_number AND s.line_number BETWEEN $2 AND $3 RETURNING 1) SELECT count(*), 0 FROM cast_lines',
        (SELECT string_agg(format('%L, %s', c, v), ', ') FROM unnest(col_names, casts) AS x(c, v) WHERE c = ANY (key_cols)),
        array_to_string(casts, ', '), stage), run);

    -- 3. References: a line whose foreign-key values are all given must find them.
    --    (Values are cast under CASE: the staging table holds lines that failed
    --    their casts, and the planner may evaluate a condition on the staging table
    --    before the join that leaves those lines out.)  Each foreign key also gets
    --    its branch of the explanation in step 5.
    FOR fk IN SELECT ARRAY(SELECT jsonb_array_elements_text(f -> 'cols')) AS cols, f ->> 'ref' AS ref,
                     ARRAY(SELECT jsonb_array_elements_text(f -> 'ref_cols')) AS ref_cols, o AS ord
              FROM jsonb_array_elements(fks) WITH ORDINALITY AS x(f, o)
    LOOP
        EXECUTE format('UPDATE @extschema@.import_line l SET state = ''failed'' FROM %s AS s'
                       ' WHERE l.run_id = $1 AND l.state = ''pending'' AND s.line_number = l.line_number'
                       ' AND %s AND NOT EXISTS (SELECT 1 FROM %s AS t WHERE %s)',
            stage,
            (SELECT string_agg(format('CASE WHEN l.state = ''pending'' THEN %s END IS NOT NULL', casts[array_position(col_names, c)]), ' AND ')
               FROM unnest(fk.cols) AS c),
            fk.ref,
            (SELECT string_agg(format('t.%I = CASE WHEN l.state = ''pending'' THEN %s END', rc, casts[array_position(col_names, c)]), ' AND ')
               FROM unnest(fk.cols, fk.ref_cols) AS x(c, rc)))
        USING run;
        -- For step 5: failed lines whose valid values do not find the reference.
        reference_checks := reference_checks || format(
            ' UNION ALL SELECT k.line_number, 2, %s, %L, v.value, @extschema@.reference_problem(v.value, %L::regclass)'
            '  FROM clean k, LATERAL (SELECT string_agg(k.clean ->> c, '', '') AS value FROM unnest(%L::text[]) AS c) v'
            '  WHERE k.clean ?& %L::text[] AND NOT EXISTS (SELECT 1 FROM %s AS t WHERE %s)',
            fk.ord, array_to_string(fk.cols, ', '), fk.ref, fk.cols, fk.cols, fk.ref,
            (SELECT string_agg(format('t.%I = (k.clean ->> %L)', rc, c), ' AND ')
               FROM unnest(fk.cols, fk.ref_cols) AS x(c, rc)));
    END LOOP;

    -- 4. Write, in rounds.  A pending line whose key an earlier round wrote is a
    --    duplicate; of the pending lines with one key, the first is written and the
    --    others wait for the next round.  So a line that the table refuses (a CHECK
    --    rule, a trigger) fails, and the next line with its key gets its turn.
    LOOP
        EXECUTE format(
            'WITH duplicate AS (UPDATE @extschema@.import_line l SET state = ''rejected'' FROM @extschema@.import_line a'
            ' WHERE l.run_id = $1 AND l.state = ''pending'' AND a.run_id = $1 AND a.state = ''accepted'' AND a.key = l.key'
            ' RETURNING l.line_number, l.key, a.line_number AS first_line)'
            ' INSERT INTO @extschema@.import_error SELECT $1, $2, d.line_number + $3, array_to_string($4, '', ''),'
            ' (SELECT string_agg(d.key ->> c, '', '') FROM unnest($4) AS c),'
            ' format(''duplicate of line %%s (same %%s)'', d.first_line + $3, array_to_string($4, '', '')),'
            ' @extschema@.import_kept(to_jsonb(s) - ''line_number'', $5)'
            ' FROM duplicate d JOIN %s AS s ON s.line_number = d.line_number', stage)
        USING run, entity, header_lines, key_cols, person_cols;
        UPDATE @extschema@.import_line l SET state = 'waiting'
         WHERE l.run_id = run AND l.state = 'pending'
           AND l.line_number IN (SELECT p.line_number
                                   FROM (SELECT p.line_number, row_number() OVER (PARTITION BY p.key ORDER BY p.line_number) AS n
                                           FROM @extschema@.import_line p WHERE p.run_id = run AND p.state = 'pending') p
                                  WHERE p.n > 1);
        SELECT * INTO written FROM @extschema@.import_chunks(upsert, run);
        n_inserted := n_inserted + written.first_count;
        n_updated := n_updated + written.second_count;
        UPDATE @extschema@.import_line l SET state = 'accepted' WHERE l.run_id = run AND l.state = 'pending';
        UPDATE @extschema@.import_line l SET state = 'pending' WHERE l.run_id = run AND l.state = 'waiting';
        EXIT WHEN NOT FOUND;
    END LOOP;

    -- 5. Explain every failed line, in one statement over all of them: each value
    --    that is missing or of the wrong type (input_problem), each reference that a
    --    line's valid values do not find, or else the error the table gave the line
    --    (a broken CHECK rule names its columns).  Errors in line order, and within a
    --    line in column order, then references.
    EXECUTE format(
        'WITH failed AS ('
        '  SELECT s.line_number, l.failure, to_jsonb(s) - ''line_number'' AS raw,'
        '         @extschema@.import_kept(to_jsonb(s) - ''line_number'', $4) AS kept'
        '  FROM %1$s AS s JOIN @extschema@.import_line l ON l.line_number = s.line_number'
        '  WHERE l.run_id = $1 AND l.state = ''failed''),'
        ' cells AS ('
        '  SELECT f.line_number, c.ord, c.name, v.val,'
        '         CASE WHEN v.val IS NOT NULL THEN @extschema@.input_problem(v.val, c.type)'
        '              WHEN c.required THEN format(''%%s is empty; a value is required'', c.name) END AS problem'
        '  FROM failed f, unnest($5::text[], $6::regtype[], $7::boolean[]) WITH ORDINALITY AS c(name, type, required, ord),'
        '       LATERAL (SELECT nullif(btrim(f.raw ->> c.name), '''') AS val) v),'
        ' clean AS ('
        '  SELECT c.line_number, coalesce(jsonb_object_agg(c.name, c.val) FILTER (WHERE c.val IS NOT NULL AND c.problem IS NULL), ''{}'') AS clean'
        '  FROM cells c GROUP BY c.line_number),'
        ' problems AS ('
        '  SELECT c.line_number, 1 AS kind, c.ord, c.name AS column_name,'
        '         CASE WHEN c.val IS NOT NULL THEN f.kept ->> c.name END AS value, c.problem AS reason'
        '  FROM cells c JOIN failed f USING (line_number) WHERE c.problem IS NOT NULL'
        '  %2$s),'
        ' rules AS ('
        '  SELECT f.line_number, coalesce(nullif(f.failure ->> ''column'', ''''),'
        '         (SELECT string_agg(a.attname::text, '', '' ORDER BY a.attnum) FROM pg_constraint k'
        '          JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)'
        '          WHERE k.conrelid = $8 AND k.conname = nullif(f.failure ->> ''constraint'', ''''))) AS columns'
        '  FROM failed f WHERE NOT EXISTS (SELECT 1 FROM problems p WHERE p.line_number = f.line_number))'
        ' INSERT INTO @extschema@.import_error'
        ' SELECT $1, $2, e.line_number + $3, e.column_name, e.value, e.reason, f.kept'
        ' FROM (SELECT line_number, kind, ord, column_name, value, reason FROM problems'
        '       UNION ALL'
        '       SELECT r.line_number, 3, 0, r.columns,'
        '              (SELECT string_agg(coalesce(f.kept ->> btrim(c), ''''), '', '') FROM unnest(string_to_array(r.columns, '','')) AS c),'
        '              CASE WHEN f.failure ->> ''sqlstate'' = ''23514'' AND coalesce(f.failure ->> ''constraint'', '''') <> '''''
        '                   THEN format(''breaks the rule "%%s"'', f.failure ->> ''constraint'')'
        '                   ELSE coalesce(f.failure ->> ''message'', ''the line could not be loaded'') END'
        '       FROM rules r JOIN failed f USING (line_number)) e'
        ' JOIN failed f USING (line_number)'
        ' ORDER BY e.line_number, e.kind, e.ord',
        stage, reference_checks)
    USING run, entity, header_lines, person_cols, col_names, col_types, col_required, target;

    loaded := (SELECT count(*) FROM @extschema@.import_line l WHERE l.run_id = run AND l.state = 'accepted');
    rejected := n_staged - loaded;
    UPDATE @extschema@.import_run ir
       SET staged = n_staged, loaded = import.loaded, rejected = import.rejected,
           inserted = n_inserted, updated = n_updated, unchanged = import.loaded - n_inserted - n_updated
     WHERE ir.run_id = run;
    DELETE FROM @extschema@.import_line l WHERE l.run_id = run;
    EXECUTE format('DELETE FROM %s', stage);
    PERFORM setval(pg_get_serial_sequence(stage::text, 'line_number'), 1, false);
END
$$;

-- quota_ledger and quota_deficit over integer counts (issue #8: a window over
-- integer columns no longer casts three values a row).
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer, integer)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.quota_ledger_accum(@extschema@.quota_ledger, @extschema@.period,
                                               integer, integer, integer, boolean)
    RETURNS @extschema@.quota_ledger
    AS 'MODULE_PATHNAME', 'u16_quota_ledger_accum_int4' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer, boolean) (
    SFUNC = @extschema@.quota_ledger_accum, STYPE = @extschema@.quota_ledger, INITCOND = '{}',
    FINALFUNC = @extschema@.closing_balance,
    COMBINEFUNC = @extschema@.quota_ledger_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_ledger(@extschema@.period, integer, integer, integer, boolean) IS
    'quota_ledger(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';
COMMENT ON AGGREGATE @extschema@.quota_deficit(@extschema@.period, integer, integer, integer, boolean) IS
    'quota_deficit(period, quota, housed, ...) over integer counts: the same as the bigint form';

-- The person_id domain checks faster (issue #8: loading at national scale):
-- is_bsn() in C (src/bsn.c), and the id pattern with '+' and a length check
-- instead of a bounded repetition.  Same rule, so the re-added constraint
-- passes on every stored id (it checks them, once).
CREATE OR REPLACE FUNCTION @extschema@.is_bsn(value text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_is_bsn_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
ALTER DOMAIN @extschema@.person_id DROP CONSTRAINT "person id is 1-64 letters, digits or _.:-";
ALTER DOMAIN @extschema@.person_id ADD CONSTRAINT "person id is 1-64 letters, digits or _.:-"
    CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]+$'
           AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 64);
