-- ============================================================================
-- The monitor, part 3: the cells of every indicator per municipality, year
-- and cohort.  Layer 4, SQL only.
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

CREATE VIEW @extschema@.indicator_cell_live WITH (security_invoker = true) AS
WITH
-- MATERIALIZED: each setting read once per query, not once per row.
settings AS MATERIALIZED (
    SELECT @extschema@.setting_int('snapshot_max_age_days') AS max_age,
           @extschema@.setting_text('cohort_basis') AS cohort_basis,
           @extschema@.setting_int('join_window_months') AS join_window,
           @extschema@.setting_int('exam_term_months') AS exam_term,
           @extschema@.setting_bool('obligation_counts_after_deadline') AS after_deadline,
           @extschema@.setting_text('t1_1_reading') AS t1_1_reading
),
-- The years of the monitor (monitor_dates).
years AS MATERIALIZED (
    SELECT @extschema@.period(make_date(y, 1, 1), 'year') AS period, y AS year,
           make_date(y, 1, 1) AS first_day, make_date(y, 12, 31) AS last_day,
           @extschema@.reference_date(@extschema@.period(make_date(y, 1, 1), 'year')) AS reference_date
    FROM @extschema@.monitor_dates b,
         generate_series(b.first_year, b.last_year) y
),
-- Each person's cohort year by the setting cohort_basis (one branch runs).
cohort AS (
    SELECT p.person_id, extract(year FROM p.permit_date)::integer AS cohort_year
    FROM @extschema@.person p
    WHERE (SELECT cohort_basis FROM settings) = 'permit' AND p.permit_date IS NOT NULL
    UNION ALL
    SELECT h.person_id, extract(year FROM h.housed_on)::integer
    FROM @extschema@.first_housing h
    WHERE (SELECT cohort_basis FROM settings) = 'housing'
    UNION ALL
    SELECT ci.person_id, extract(year FROM min(ci.obligation_start))::integer
    FROM @extschema@.civic_integration ci
    WHERE (SELECT cohort_basis FROM settings) = 'obligation' AND ci.exemption IS NULL
    GROUP BY ci.person_id
),
person_facts AS (
    SELECT p.person_id::text COLLATE "C" AS person_id, p.birth_year, p.municipality_code::text AS home, c.cohort_year,
           h.person_id IS NOT NULL AS has_history
    FROM @extschema@.person p
    LEFT JOIN cohort c ON c.person_id = p.person_id
    LEFT JOIN (SELECT DISTINCT person_id FROM @extschema@.residence) h ON h.person_id = p.person_id
),
-- Where persons with a residence history lived on each year's reference date.
place AS (
    SELECT r.person_id::text COLLATE "C" AS person_id, y.year, y.reference_date, r.municipality_code::text AS municipality_code
    FROM @extschema@.residence r
    JOIN years y ON y.reference_date >= r.valid_from AND y.reference_date <= coalesce(r.valid_to, 'infinity')
),
-- Status per person and year, in one pass and without a sort: the latest
-- snapshot in the window [reference date - snapshot_max_age_days, reference
-- date] (one exactly that many days old still counts) wins through max() of a
-- bigint that packs the date above two bits per condition (0 unknown, 1 false,
-- 2 true), in the order decoded in located.
-- T2.2 looks at every snapshot of the year.
status AS (
    SELECT s.person_id::text COLLATE "C" AS person_id, y.year, y.reference_date,
           max(((s.reference_date - DATE '1900-01-01')::bigint << 12)
               | ((CASE WHEN s.education_eligible THEN 2 WHEN NOT s.education_eligible THEN 1 ELSE 0 END) << 0)
               | ((CASE WHEN s.in_education THEN 2 WHEN NOT s.in_education THEN 1 ELSE 0 END) << 2)
               | ((CASE WHEN s.paid_work THEN 2 WHEN NOT s.paid_work THEN 1 ELSE 0 END) << 4)
               | ((CASE WHEN s.welfare THEN 2 WHEN NOT s.welfare THEN 1 ELSE 0 END) << 6)
               | ((CASE WHEN s.alternative_work THEN 2 WHEN NOT s.alternative_work THEN 1 ELSE 0 END) << 8)
               | ((CASE WHEN s.social_activity THEN 2 WHEN NOT s.social_activity THEN 1 ELSE 0 END) << 10))
               FILTER (WHERE s.reference_date <= y.reference_date
                         AND s.reference_date >= y.reference_date - (SELECT max_age FROM settings)) AS packed,
           bool_or(s.language_activity) FILTER (WHERE s.reference_date BETWEEN y.first_day AND y.last_day) AS language_activity
    FROM @extschema@.status_snapshot s
    JOIN years y ON s.reference_date >= least(y.first_day, y.reference_date - (SELECT max_age FROM settings))
                AND s.reference_date <= greatest(y.last_day, y.reference_date)
    GROUP BY 1, 2, 3
),
-- Language per person and year (T2.3): the last measurement of the year after a
-- completed course, its level (0 = A0 ... 6 = C2) packed under the date.
language AS (
    SELECT l.person_id::text COLLATE "C" AS person_id, y.year, y.reference_date,
           max(((l.measured_on - DATE '1900-01-01')::bigint << 3)
               | (array_position(enum_range(NULL::@extschema@.cefr_level), l.level) - 1)) & 7 AS level
    FROM @extschema@.language_measurement l
    JOIN years y ON l.measured_on BETWEEN y.first_day AND y.last_day
    WHERE l.course_completed
    GROUP BY 1, 2, 3
),
-- T2.4 per person and year: of the obligations in force in the year (started by
-- its end, not passed before it, and, unless obligation_counts_after_deadline,
-- with the deadline not before it), the one under the newest law; whether its
-- track had started by the end of the year.  Packed: law * 2 + track.
obligation AS (
    SELECT ci.person_id::text COLLATE "C" AS person_id, y.year, y.reference_date,
           max((ci.law_regime::integer) * 2
               + (ci.track_started_on IS NOT NULL AND ci.track_started_on <= y.last_day)::integer) AS packed
    FROM @extschema@.civic_integration ci
    JOIN years y ON ci.obligation_start <= y.last_day
                AND (ci.passed_on IS NULL OR ci.passed_on >= y.first_day)
                AND ((SELECT after_deadline FROM settings) OR ci.deadline IS NULL OR ci.deadline >= y.first_day)
    WHERE ci.exemption IS NULL
    GROUP BY 1, 2, 3
),
-- T2.5 per person: the obligation under the newest law (exempt ones left out)
-- makes the cohort of its start year; passed when within exam_term_months of
-- the start.  The cohort's figure is final once every term has ended.
exam AS (
    SELECT e.*, y.reference_date
    FROM (SELECT DISTINCT ON (ci.person_id COLLATE "C") ci.person_id::text COLLATE "C" AS person_id,
                 extract(year FROM ci.obligation_start)::integer AS year,
                 ci.passed_on IS NOT NULL
                     AND ci.passed_on <= ci.obligation_start + make_interval(months => (SELECT exam_term FROM settings))
                     AS passed,
                 (ci.obligation_start + make_interval(months => (SELECT exam_term FROM settings)))::date AS term_end
          FROM @extschema@.civic_integration ci
          WHERE ci.exemption IS NULL
          ORDER BY ci.person_id COLLATE "C", ci.law_regime DESC) e
    JOIN years y USING (year)
),
-- The rows of all four sources, each as it is (a person-year has a row per
-- source it appears in; each indicator reads one source, whose columns are
-- NULL in the others' rows), with where the person lived on the year's
-- reference date (a code that had ceased by then counts as its successor),
-- the age and the cohort.
located AS (
    SELECT x.*, x.year - pf.birth_year AS age, pf.cohort_year,
           coalesce(c.counts_as, r.municipality_code) AS municipality_code,
           CASE (x.status >> 0) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS education_eligible,
           CASE (x.status >> 2) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS in_education,
           CASE (x.status >> 4) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS paid_work,
           CASE (x.status >> 6) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS welfare,
           CASE (x.status >> 8) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS alternative_work,
           CASE (x.status >> 10) & 3 WHEN 2 THEN true WHEN 1 THEN false END AS social_activity
    FROM (SELECT person_id, year, reference_date, packed AS status, language_activity, NULL::bigint AS level,
                 NULL::integer AS obligation, NULL::boolean AS passed, NULL::date AS term_end
          FROM status
          UNION ALL SELECT person_id, year, reference_date, NULL, NULL, level, NULL, NULL, NULL FROM language
          UNION ALL SELECT person_id, year, reference_date, NULL, NULL, NULL, packed, NULL, NULL FROM obligation
          UNION ALL SELECT person_id, year, reference_date, NULL, NULL, NULL, NULL, passed, term_end FROM exam) x
    JOIN person_facts pf USING (person_id)
    LEFT JOIN place pl ON pf.has_history AND pl.person_id = x.person_id AND pl.year = x.year
    CROSS JOIN LATERAL (SELECT CASE WHEN pf.has_history THEN pl.municipality_code ELSE pf.home END AS municipality_code) r
    LEFT JOIN @extschema@.municipality_code_on c
           ON c.code = r.municipality_code AND x.reference_date >= c.valid_from AND x.reference_date < c.valid_to
),
-- The person indicators of theme 2 in one pass, per municipality, year, cohort
-- and language level group (T2.3's distribution; no group for the rows of
-- other sources); the cells without the level are the sums of these groups.
person_groups AS (
    SELECT municipality_code, year, cohort_year, level_group,
           @extschema@.share_agg(in_education) FILTER (WHERE education_eligible) AS t21,
           @extschema@.share_agg(language_activity) FILTER (WHERE age >= 18) AS t22,
           @extschema@.share_agg(level >= 3) AS t23,
           @extschema@.share_agg(obligation % 2 = 1) AS t24,
           @extschema@.share_agg(passed) AS t25, max(term_end) AS t25_open_until,
           @extschema@.share_agg(paid_work) FILTER (WHERE age BETWEEN 18 AND 65) AS t26,
           @extschema@.share_agg(welfare) FILTER (WHERE age BETWEEN 18 AND 65) AS t27,
           @extschema@.share_agg(alternative_work) FILTER (WHERE age >= 18) AS t29,
           @extschema@.share_agg(social_activity) FILTER (WHERE age >= 18) AS t213,
           @extschema@.share_agg(in_education OR paid_work OR social_activity) FILTER (WHERE age >= 18) AS t214
    FROM (SELECT l.*, CASE l.level WHEN 0 THEN 'below A1' WHEN 1 THEN 'A1' WHEN 2 THEN 'A2' WHEN 3 THEN 'B1'
                                   WHEN 4 THEN 'B2 and above' WHEN 5 THEN 'B2 and above' WHEN 6 THEN 'B2 and above' END
                                   AS level_group
          FROM located l WHERE l.municipality_code IS NOT NULL) x
    GROUP BY municipality_code, year, cohort_year, level_group
),
person_cells AS (
    SELECT @extschema@.period(make_date(year, 1, 1), 'year') AS period, municipality_code, cohort_year,
           @extschema@.rollup(t21) AS t21, @extschema@.rollup(t22) AS t22, @extschema@.rollup(t23) AS t23,
           @extschema@.rollup(t24) AS t24, @extschema@.rollup(t25) AS t25, max(t25_open_until) AS t25_open_until,
           @extschema@.rollup(t26) AS t26, @extschema@.rollup(t27) AS t27, @extschema@.rollup(t29) AS t29,
           @extschema@.rollup(t213) AS t213, @extschema@.rollup(t214) AS t214
    FROM person_groups
    GROUP BY municipality_code, year, cohort_year
),
-- Each person's first coupling in a year (T1.1, T1.3).
coupled AS (
    SELECT DISTINCT ON (c.person_id COLLATE "C", @extschema@.period(c.coupled_on, 'year'))
           c.person_id::text COLLATE "C" AS person_id, coalesce(m.counts_as, c.municipality_code::text) AS municipality_code,
           c.coupled_on, @extschema@.period(c.coupled_on, 'year') AS period,
           c.reception_location_code, l.municipality_code::text AS location_municipality
    FROM @extschema@.coupling c
    LEFT JOIN @extschema@.reception_location l ON l.code = c.reception_location_code
    LEFT JOIN @extschema@.municipality_code_on m
           ON m.code = c.municipality_code::text AND c.coupled_on >= m.valid_from AND c.coupled_on < m.valid_to
    ORDER BY c.person_id COLLATE "C", @extschema@.period(c.coupled_on, 'year'), c.coupled_on
),
-- The region(s) a municipality belongs to on a day.
membership AS (
    SELECT region, municipality_code::text AS municipality_code, valid_from,
           coalesce(valid_to, 'infinity'::date) AS valid_to
    FROM @extschema@.region_member
),
-- Couplings whose reception location lies in a region the municipality belongs
-- to on the day: a hash join with the pairs of members of one region (not a
-- correlated subquery per coupling).
coupled_in_region AS (
    SELECT DISTINCT cp.person_id, cp.period
    FROM coupled cp
    JOIN membership a ON a.municipality_code = cp.municipality_code
                     AND cp.coupled_on BETWEEN a.valid_from AND a.valid_to
    JOIN membership b ON b.region = a.region AND b.municipality_code = cp.location_municipality
                     AND cp.coupled_on BETWEEN b.valid_from AND b.valid_to
),
-- T1.1 within the region (NULL when the location is not given; a location
-- outside u16.municipality is outside); T1.3 a first pathway join on or before
-- the end of the window after the coupling.
coupled_within AS (
    SELECT cp.*, pf.cohort_year,
           CASE WHEN cp.reception_location_code IS NULL THEN NULL ELSE w.person_id IS NOT NULL END AS within_region,
           coalesce(j.first_join <= cp.coupled_on + make_interval(months => (SELECT join_window FROM settings)), false) AS joined,
           (cp.coupled_on + make_interval(months => (SELECT join_window FROM settings)))::date AS window_end
    FROM coupled cp
    JOIN person_facts pf USING (person_id)
    LEFT JOIN coupled_in_region w USING (person_id, period)
    LEFT JOIN (SELECT person_id::text COLLATE "C" AS person_id, min(joined_on) AS first_join
               FROM @extschema@.pathway_join GROUP BY 1) j USING (person_id)
),
-- Each person's first housing, with age and first NOA assessment (T1.2).
housed AS (
    SELECT h.municipality_code, @extschema@.period(h.housed_on, 'year') AS period, pf.cohort_year,
           extract(year FROM h.housed_on)::integer - pf.birth_year AS age,
           coalesce(a.assessed_on <= h.housed_on, false) AS assessed
    FROM @extschema@.first_housing h
    JOIN person_facts pf USING (person_id)
    LEFT JOIN (SELECT person_id::text COLLATE "C" AS person_id, min(assessed_on) AS assessed_on
               FROM @extschema@.assessment WHERE kind = 'noa' GROUP BY 1) a USING (person_id)
),
event_cells AS (
    -- T1.1, reading 'couplings': couplings to a municipality from the region's own AZCs.
    SELECT 'T1.1' AS indicator_code, municipality_code, period, cohort_year,
           @extschema@.share_agg(within_region) AS cell, NULL::date AS open_until
    FROM coupled_within
    WHERE (SELECT t1_1_reading FROM settings) = 'couplings'
    GROUP BY 2, 3, 4
    UNION ALL
    -- T1.1, reading 'azc_leavers': leavers of a municipality's AZCs placed within the region.
    SELECT 'T1.1', location_municipality, period, cohort_year, @extschema@.share_agg(within_region), NULL
    FROM coupled_within
    WHERE (SELECT t1_1_reading FROM settings) = 'azc_leavers' AND location_municipality IS NOT NULL
    GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'T1.2', municipality_code, period, cohort_year, @extschema@.share_agg(assessed), NULL
    FROM housed WHERE age >= 18
    GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'T1.3', municipality_code, period, cohort_year, @extschema@.share_agg(joined), max(window_end)
    FROM coupled_within
    GROUP BY 2, 3, 4
)
SELECT indicator_code, municipality_code, period, cohort_year, NULL::text AS level,
       @extschema@.numerator(cell) AS numerator, @extschema@.denominator(cell) AS denominator,
       NULL::date AS done_on, open_until, NULL::boolean AS met
FROM event_cells
UNION ALL
-- (a UNION ALL, not VALUES: a filter on indicator_code then proves the other arms
-- empty and skips the pass that feeds them.)  The level rows of T2.3 count the
-- persons of each level group (numerator = denominator).
SELECT v.indicator_code, c.municipality_code, c.period, c.cohort_year, NULL,
       @extschema@.numerator(v.cell), @extschema@.denominator(v.cell), NULL, v.open_until, NULL
FROM person_cells c
CROSS JOIN LATERAL (SELECT 'T2.1' AS indicator_code, c.t21 AS cell, NULL::date AS open_until
                    UNION ALL SELECT 'T2.2', c.t22, NULL UNION ALL SELECT 'T2.3', c.t23, NULL
                    UNION ALL SELECT 'T2.4', c.t24, NULL UNION ALL SELECT 'T2.5', c.t25, c.t25_open_until
                    UNION ALL SELECT 'T2.6', c.t26, NULL UNION ALL SELECT 'T2.7', c.t27, NULL
                    UNION ALL SELECT 'T2.9', c.t29, NULL UNION ALL SELECT 'T2.13', c.t213, NULL
                    UNION ALL SELECT 'T2.14', c.t214, NULL) v
WHERE @extschema@.denominator(v.cell) > 0
UNION ALL
SELECT 'T2.3', g.municipality_code, @extschema@.period(make_date(g.year, 1, 1), 'year'), g.cohort_year, g.level_group,
       @extschema@.denominator(g.t23), @extschema@.denominator(g.t23), NULL, NULL, NULL
FROM person_groups g
WHERE g.level_group IS NOT NULL
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
    'internal: the cells of every indicator per municipality (historical boundaries), year, cohort and language level, computed from the rows the querying role may see; refresh_monitor() publishes from them';
COMMENT ON COLUMN @extschema@.indicator_cell_live.indicator_code IS 'indicator, e.g. T2.6';
COMMENT ON COLUMN @extschema@.indicator_cell_live.municipality_code IS 'municipality the persons count in (or the region, for a result of the region itself)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.period IS 'year';
COMMENT ON COLUMN @extschema@.indicator_cell_live.cohort_year IS 'year the persons'' cohort started (setting cohort_basis); NULL if unknown or not a person share';
COMMENT ON COLUMN @extschema@.indicator_cell_live.level IS 'T2.3: language level group (below A1, A1, A2, B1, B2 and above); NULL on the cells of the share itself';
COMMENT ON COLUMN @extschema@.indicator_cell_live.numerator IS 'persons meeting the condition (shares), or the count (counts)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.denominator IS 'persons counted (shares); NULL for counts and milestones';
COMMENT ON COLUMN @extschema@.indicator_cell_live.done_on IS 'milestones: the day it was reached';
COMMENT ON COLUMN @extschema@.indicator_cell_live.open_until IS 'the figure can still change until this day: the last coupling''s pathway-join window (T1.3), the last obligation''s exam term (T2.5)';
COMMENT ON COLUMN @extschema@.indicator_cell_live.met IS 'T2.8: the municipality employs at least one permit holder';
