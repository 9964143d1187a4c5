-- make demo: u16 with the demo data of test/demo/generate.sql (seed 1, the
-- U16 of 2017-2019), the published monitor, and a text summary per theme.
-- Run by test/demo/run in a fresh database; psql variable :year (default 2018).
\set ON_ERROR_STOP 1
\if :{?year}
\else
\set year 2018
\endif
\pset footer off
\pset null ''
SET client_min_messages = warning;
CREATE EXTENSION u16;
SELECT * FROM u16.create_roles() \g /dev/null

\set seed 1
\set scale 1
SELECT clock_timestamp() AS demo_t0 \gset
\ir generate.sql
SET search_path = public, u16;
SELECT * FROM u16.refresh_monitor() \g /dev/null

\echo
\echo '== u16 demo: the U16 monitor on generated data =='
\echo
SELECT format('Generated (seed 1, pseudonymous, synthetic) and published in %s s: %s persons (%s moved within the U16), '
              '%s couplings, %s housings, %s residence rows, %s status snapshots, %s other person-level rows; '
              'then refresh_monitor() stored %s scorecard rows.',
              round(extract(epoch FROM clock_timestamp() - :'demo_t0'::timestamptz)::numeric, 1),
              (SELECT count(*) FROM u16.person),
              (SELECT count(*) FROM (SELECT r.person_id FROM u16.residence r
                                     JOIN u16.municipality_today t ON t.code = r.municipality_code::text
                                     GROUP BY r.person_id HAVING count(DISTINCT t.current_code) > 1) m),
              (SELECT count(*) FROM u16.coupling), (SELECT count(*) FROM u16.housing),
              (SELECT count(*) FROM u16.residence), (SELECT count(*) FROM u16.status_snapshot),
              (SELECT count(*) FROM u16.assessment) + (SELECT count(*) FROM u16.pathway_join)
                + (SELECT count(*) FROM u16.civic_integration) + (SELECT count(*) FROM u16.exam_result)
                + (SELECT count(*) FROM u16.language_measurement) + (SELECT count(*) FROM u16.municipal_employment),
              (SELECT count(*) FROM u16.scorecard)) AS summary \gset
\echo :summary
\echo 'Values are shares of persons (%) unless the unit says count; "(s)" = suppressed: fewer than'
\echo 'min_cell_size (10) persons, or hidden so that a suppressed cell cannot be recomputed.'

-- The region's rows of one theme for the year (and its half-years).  "change
-- pt" is standardised on the years since the cohorts' start where comparison
-- says so (the crude change beside it), else crude.
PREPARE region_rows(bigint) AS
SELECT indicator_code AS code, left(indicator_name, 36) AS indicator, period,
       CASE WHEN suppressed THEN '(s)' WHEN unit = 'qualitative' THEN 'qualitative'
            ELSE u16.report_value_text(unit, value) END AS value,
       CASE WHEN denominator_count IS NOT NULL THEN numerator_count || '/' || denominator_count END AS persons,
       target, status,
       CASE WHEN baseline_value IS NOT NULL THEN u16.report_value_text(unit, baseline_value) END AS baseline,
       to_char(change_pct_points, 'FMS990.0')
         || CASE WHEN comparison = 'standardised' THEN ' std (' || to_char(crude_change_pct_points, 'FMS990.0') || ')'
                 ELSE '' END AS "change pt (crude)",
       trend
FROM u16.scorecard
WHERE theme = $1 AND area_code = 'U16' AND period IN (:'year', :'year' || 'H1', :'year' || 'H2') AND boundaries = 'historical'
ORDER BY string_to_array(substr(indicator_code, 2), '.')::integer[], period;

-- One indicator per municipality over the years.
PREPARE by_year(text) AS
SELECT CASE WHEN area_type = 'region' THEN 'U16 (region)' ELSE area_name END AS area,
       max(CASE WHEN period = '2017' THEN coalesce(u16.report_value_text(unit, value), CASE WHEN suppressed THEN '(s)' END) END) AS "2017",
       max(CASE WHEN period = '2018' THEN coalesce(u16.report_value_text(unit, value), CASE WHEN suppressed THEN '(s)' END) END) AS "2018",
       max(CASE WHEN period = '2019' THEN coalesce(u16.report_value_text(unit, value), CASE WHEN suppressed THEN '(s)' END) END) AS "2019",
       max(CASE WHEN period = '2019' THEN trend END) AS "trend 2019"
FROM u16.scorecard
WHERE indicator_code = $1 AND period IN ('2017', '2018', '2019') AND boundaries = 'historical'
  AND (area_code = 'U16' OR area_code IN (SELECT m::text FROM unnest(ARRAY['2017', '2018', '2019']::u16.period[]) AS y,
                                                             u16.region_members('U16', y) AS m))
GROUP BY area_type, area_name ORDER BY area_type DESC, area_name;

\echo
\echo '-- Theme 1: start of the pathway (region U16) ----------------------------------'
EXECUTE region_rows(1);
\echo 'T1.1 placements from U16 reception locations, per municipality:'
EXECUTE by_year('T1.1');

\echo '-- Theme 2: work and civic integration (region U16) ----------------------------'
EXECUTE region_rows(2);
\echo '"no change": a rise or fall not distinguishable from chance; "pending": can still change (exam'
\echo 'term); "baseline suppressed": nothing to compare with; "std": compared at the same years since'
\echo 'the start of the cohorts (the crude change in brackets); "partly met": a qualitative assessment.'
\echo
\echo 'T2.6 paid work (persons 18-65, last status of the year, at most 92 days old), per municipality:'
EXECUTE by_year('T2.6');
\echo 'T2.6 for Vianen and Vijfheerenlanden (merged 2019-01-01) on both boundary sets: historical'
\echo 'counts the municipalities of each year, current restates the past on today''s municipalities'
\echo '(so Vijfheerenlanden has a baseline for 2019):'
SELECT boundaries, area_name AS area,
       max(CASE WHEN period = '2017' THEN cell END) AS "2017",
       max(CASE WHEN period = '2018' THEN cell END) AS "2018",
       max(CASE WHEN period = '2019' THEN cell END) AS "2019",
       max(CASE WHEN period = '2019' THEN trend END) AS "trend 2019"
FROM (SELECT boundaries, area_name, period, trend,
             CASE WHEN suppressed THEN '(s)'
                  WHEN value IS NOT NULL THEN u16.report_value_text(unit, value) || ' ' || numerator_count || '/' || denominator_count
             END AS cell
      FROM u16.scorecard
      WHERE indicator_code = 'T2.6' AND area_code IN ('GM0620', 'GM1961') AND period IN ('2017', '2018', '2019')) s
GROUP BY boundaries, area_name ORDER BY boundaries DESC, area_name;
\echo 'By cohort (year of the residence permit), region U16: T2.6 in the latest year; T2.5 per year'
\echo 'the obligation started (passed within its term; pending until the last term has ended):'
SELECT indicator_code AS code, period, coalesce(cohort::text, 'unknown') AS cohort,
       coalesce(years_since_start, '?') AS "years since start",
       CASE WHEN suppressed THEN '(s)' ELSE numerator_count || '/' || denominator_count END AS persons,
       CASE WHEN suppressed THEN '(s)' ELSE u16.report_value_text('share', value) END AS value
FROM u16.cohort
WHERE area_code = 'U16' AND boundaries = 'historical'
  AND (indicator_code = 'T2.5'
       OR (indicator_code = 'T2.6' AND period = (SELECT max(period) FROM u16.cohort WHERE indicator_code = 'T2.6')))
ORDER BY indicator_code DESC, period, cohort NULLS LAST;

\echo '-- Theme 3: housing (region U16) --------------------------------------------------'
EXECUTE region_rows(3);
\echo 'Housing ledger: quota, housed and closing balance (> 0 deficit, < 0 surplus) per half-year:'
SELECT CASE WHEN area_type = 'region' THEN 'U16 (region)' ELSE municipality_name END AS area,
       string_agg(format('%s/%s %s', quota, housed, to_char(closing_balance, 'FMS9990')), ' | ' ORDER BY period)
           AS "2017H1 .. 2019H2: quota/housed balance",
       max(missed_in_a_row) FILTER (WHERE period = '2019H2') AS "missed in a row"
FROM u16.housing_ledger
WHERE (municipality_code = 'U16' OR area_type = 'municipality') AND boundaries = 'historical'
GROUP BY area_type, municipality_name ORDER BY area_type DESC, municipality_name;
SELECT format('Vijfheerenlanden 2019H1 carried in %s: Vianen''s closing balance of 2018H2 (%s) and its opening balance '
              'for Leerdam and Zederik, not in the data (%s).', carried_in, carried_from_predecessors, opening_balance)
           AS carried
FROM u16.housing_ledger WHERE municipality_code = 'GM1961' AND period = '2019H1' AND boundaries = 'historical' \gset
\echo :carried

\echo
\echo '-- Assessments (results without numbers, and notes) -----------------------------'
SELECT indicator_code AS code, CASE WHEN area_type = 'region' THEN area_code ELSE area_name END AS area, period, status, note
FROM u16.scorecard
WHERE note IS NOT NULL AND boundaries = 'historical'
ORDER BY period, area_type DESC, string_to_array(substr(indicator_code, 2), '.')::integer[], area_name;
SELECT string_agg(format('%s %s', status, n), ', ' ORDER BY n DESC, status) AS statuses
FROM (SELECT status, count(*) AS n FROM u16.scorecard
      WHERE boundaries = 'historical' AND period IN (:'year', :'year' || 'H1', :'year' || 'H2')
      GROUP BY status) s \gset
\echo 'Statuses of all' :year 'rows (municipalities and region, historical boundaries):'
\echo '  ' :statuses
