-- ============================================================================
-- The monitor, part 2: shared steps.  Layer 4, SQL only.
-- ============================================================================

-- The reference date (peildatum) of a period: for a year the day of setting
-- reference_day in it (default 31 December), for any other period its last day.
CREATE FUNCTION @extschema@.reference_date(p @extschema@.period) RETURNS date
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN @extschema@.granularity(p) OPERATOR(pg_catalog.=) 'year'
                THEN pg_catalog.to_date(pg_catalog.to_char(@extschema@.period_start(p), 'YYYY') OPERATOR(pg_catalog.||) '-'
                                        OPERATOR(pg_catalog.||) @extschema@.setting_text('reference_day'), 'YYYY-MM-DD')
                ELSE @extschema@.period_end(p) END
$$;
COMMENT ON FUNCTION @extschema@.reference_date(@extschema@.period) IS
    'reference date (peildatum) of a period: for a year the day of setting reference_day (default 12-31), for a half-year, quarter or month its last day';

-- A municipality code as it counts on a date: registers keep using a code after
-- a merger (housings, couplings or addresses in Vianen after 1 January 2019), and
-- from the merger on such a code counts for its successor.  Per ceased code the
-- date ranges and the code that counts in each (chains of mergers followed; one
-- successor per code, as in municipality_today).  Codes that never ceased are
-- not listed: they count as themselves.
CREATE VIEW @extschema@.municipality_code_on WITH (security_invoker = true) AS
WITH RECURSIVE successor AS (
    SELECT DISTINCT ON (x.old_code) x.old_code::text AS code, x.new_code::text AS new_code, x.effective_on
    FROM @extschema@.municipality_succession x
    ORDER BY x.old_code, x.effective_on DESC, x.new_code
),
chain AS (
    SELECT code, new_code AS counts_as, effective_on AS valid_from, 1 AS step FROM successor
    UNION ALL
    SELECT c.code, s.new_code, s.effective_on, c.step + 1
    FROM chain c JOIN successor s ON s.code = c.counts_as
    WHERE c.step < 50
)
SELECT code, '-infinity'::date AS valid_from, min(valid_from) AS valid_to, code AS counts_as
FROM chain GROUP BY code
UNION ALL
SELECT code, valid_from, coalesce(lead(valid_from) OVER (PARTITION BY code ORDER BY step), 'infinity'), counts_as
FROM chain;
COMMENT ON VIEW @extschema@.municipality_code_on IS
    'internal: for each municipality code that ceased, the code it counts as in each date range [valid_from, valid_to): itself before its merger, its successor after';
COMMENT ON COLUMN @extschema@.municipality_code_on.code IS 'municipality code as registered';
COMMENT ON COLUMN @extschema@.municipality_code_on.valid_from IS 'first day of the range';
COMMENT ON COLUMN @extschema@.municipality_code_on.valid_to IS 'first day after the range';
COMMENT ON COLUMN @extschema@.municipality_code_on.counts_as IS 'the municipality the code counts as in the range';

-- First housing per person: T1.2 (newly housed), the housing ledger (each
-- person counts once, at first housing), the monthly schedule, and cohorts by
-- year of first housing; in the municipality its code counts as on the day.
CREATE VIEW @extschema@.first_housing WITH (security_invoker = true) AS
SELECT h.person_id, coalesce(c.counts_as, h.municipality_code) AS municipality_code, h.housed_on
FROM (SELECT DISTINCT ON (person_id) person_id::text AS person_id, municipality_code::text AS municipality_code, housed_on
      FROM @extschema@.housing
      ORDER BY person_id, housed_on) h
LEFT JOIN @extschema@.municipality_code_on c
       ON c.code = h.municipality_code AND h.housed_on >= c.valid_from AND h.housed_on < c.valid_to;
COMMENT ON VIEW @extschema@.first_housing IS
    'internal: each person''s first housing (municipality and date), the one that counts for the quota and for T1.2';
COMMENT ON COLUMN @extschema@.first_housing.person_id IS 'person';
COMMENT ON COLUMN @extschema@.first_housing.municipality_code IS 'municipality of the first housing (a code that had ceased by then counts as its successor)';
COMMENT ON COLUMN @extschema@.first_housing.housed_on IS 'date of the first housing';

-- First housings per municipality and month: as counted for the run in
-- monitor_housed during refresh_monitor() (by the person pass, with the cells:
-- indicator_cell_live's 'housed'), else counted now.
CREATE VIEW @extschema@.first_housing_month WITH (security_invoker = true) AS
SELECT municipality_code, month, housed FROM @extschema@.monitor_housed
UNION ALL
SELECT h.municipality_code, @extschema@.period(h.housed_on, 'month'), count(*)
FROM @extschema@.first_housing h
WHERE NOT EXISTS (SELECT FROM @extschema@.monitor_run)
GROUP BY 1, 2;
COMMENT ON VIEW @extschema@.first_housing_month IS
    'internal: first housings per municipality and month, as stored for the run in monitor_housed during refresh_monitor(), else counted';
COMMENT ON COLUMN @extschema@.first_housing_month.municipality_code IS 'municipality of the first housing (a code that had ceased by then counts as its successor)';
COMMENT ON COLUMN @extschema@.first_housing_month.month IS 'month of the first housing';
COMMENT ON COLUMN @extschema@.first_housing_month.housed IS 'persons first housed';

-- Members per region of the given periods: a period has the members valid on
-- at least one of its days (historical boundaries), or the members valid today
-- (current boundaries, for every period in which the region had members: a
-- period before the region existed is not restated).  Each member once, also
-- when two spells of membership fall in one period (a region row sums its
-- members, never one twice).  One rule for the scorecard's rows
-- (monitor_member) and the housing ledger.
CREATE FUNCTION @extschema@.region_members_in(periods @extschema@.period[])
    RETURNS TABLE (boundaries text, region text, period @extschema@.period, municipality_code text)
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH historical AS (
        SELECT DISTINCT m.region, p.period, m.municipality_code::text AS municipality_code
        FROM @extschema@.region_member m
        JOIN (SELECT DISTINCT x AS period FROM unnest(periods) AS x) p
          ON m.valid_from OPERATOR(pg_catalog.<=) @extschema@.period_end(p.period)
         AND coalesce(m.valid_to, 'infinity') OPERATOR(pg_catalog.>=) @extschema@.period_start(p.period)
    )
    SELECT 'historical', h.region, h.period, h.municipality_code FROM historical h
    UNION ALL
    SELECT DISTINCT 'current', m.region, p.period, m.municipality_code::text
    FROM @extschema@.region_member m
    JOIN (SELECT DISTINCT h.region, h.period FROM historical h) p ON p.region OPERATOR(pg_catalog.=) m.region
    WHERE m.valid_from OPERATOR(pg_catalog.<=) current_date
      AND coalesce(m.valid_to, 'infinity') OPERATOR(pg_catalog.>=) current_date
$$;
COMMENT ON FUNCTION @extschema@.region_members_in(@extschema@.period[]) IS
    'internal: the members of each region in the given periods, on historical boundaries (valid in the period) and on current boundaries (valid today, for the periods in which the region had members)';

-- Each municipality's code on today's boundaries, through the successions
-- (Vianen -> Vijfheerenlanden); a municipality that still exists maps to itself.
-- Chains of mergers are followed; where one code has several successors, the
-- latest one (then the smallest code) is taken: splits are not modelled.
CREATE VIEW @extschema@.municipality_today WITH (security_invoker = true) AS
WITH RECURSIVE chain AS (
    SELECT code::text AS code, code::text AS current_code, 0 AS depth
    FROM @extschema@.municipality
    UNION ALL
    SELECT c.code, s.new_code::text, c.depth + 1
    FROM chain c
    CROSS JOIN LATERAL (SELECT x.new_code FROM @extschema@.municipality_succession x
                        WHERE x.old_code::text = c.current_code
                        ORDER BY x.effective_on DESC, x.new_code LIMIT 1) s
    WHERE c.depth < 50
)
SELECT DISTINCT ON (code) code, current_code
FROM chain
ORDER BY code, depth DESC;
COMMENT ON VIEW @extschema@.municipality_today IS
    'internal: every municipality with the municipality that covers its area today (itself, or its successor through u16.municipality_succession)';
COMMENT ON COLUMN @extschema@.municipality_today.code IS 'municipality code';
COMMENT ON COLUMN @extschema@.municipality_today.current_code IS 'the municipality on today''s boundaries';

-- The span of the data, a min and a max of dates of each person-level input
-- (read from their indexes, 72_person_data.sql): the years of the monitor run
-- from the first to the last year of any coupling, housing, status,
-- measurement or obligation start; the last date the data covers (the
-- latest date of any person-level input) decides which figures are still open
-- (a pathway-join window, an exam term) and as of when milestones of the current
-- period are judged, never the wall clock.
CREATE VIEW @extschema@.monitor_span WITH (security_invoker = true) AS
SELECT extract(year FROM min(first_date))::integer AS first_year, extract(year FROM max(last_date))::integer AS last_year,
       max(greatest(last_date, other_date)) AS data_date
FROM (SELECT min(reference_date) AS first_date, max(reference_date) AS last_date, NULL::date AS other_date
      FROM @extschema@.status_snapshot
      UNION ALL SELECT min(coupled_on), max(coupled_on), NULL FROM @extschema@.coupling
      UNION ALL SELECT min(housed_on), max(housed_on), NULL FROM @extschema@.housing
      UNION ALL SELECT min(measured_on), max(measured_on), NULL FROM @extschema@.language_measurement
      UNION ALL SELECT min(obligation_start), max(obligation_start), max(greatest(track_started_on, passed_on))
                FROM @extschema@.civic_integration
      UNION ALL SELECT NULL, NULL, max(joined_on) FROM @extschema@.pathway_join
      UNION ALL SELECT NULL, NULL, max(assessed_on) FROM @extschema@.assessment) d;
COMMENT ON VIEW @extschema@.monitor_span IS
    'internal: the years of the monitor and the last date the person-level data covers: a min and a max of each input''s dates, read from their indexes';
COMMENT ON COLUMN @extschema@.monitor_span.first_year IS 'the first year of any coupling, housing, status, measurement or obligation';
COMMENT ON COLUMN @extschema@.monitor_span.last_year IS 'the last year of any coupling, housing, status, measurement or obligation';
COMMENT ON COLUMN @extschema@.monitor_span.data_date IS 'the latest date of any person-level input';

-- The span as the monitor uses it: within refresh_monitor() as computed once
-- for the whole run (monitor_run), else computed now.
CREATE VIEW @extschema@.monitor_dates WITH (security_invoker = true) AS
SELECT first_year, last_year, data_date FROM @extschema@.monitor_run
UNION ALL
SELECT first_year, last_year, data_date FROM @extschema@.monitor_span WHERE NOT EXISTS (SELECT FROM @extschema@.monitor_run)
LIMIT 1;
COMMENT ON VIEW @extschema@.monitor_dates IS
    'internal: monitor_span, as stored for the run in monitor_run during refresh_monitor(), else computed';
COMMENT ON COLUMN @extschema@.monitor_dates.first_year IS 'the first year of the monitor';
COMMENT ON COLUMN @extschema@.monitor_dates.last_year IS 'the last year of the monitor';
COMMENT ON COLUMN @extschema@.monitor_dates.data_date IS 'the last date the person-level data cover';

-- The last date the data covers (see monitor_span).
CREATE VIEW @extschema@.data_date WITH (security_invoker = true) AS
SELECT data_date FROM @extschema@.monitor_span;
COMMENT ON VIEW @extschema@.data_date IS
    'internal: the last date the person-level data covers (status reference dates, couplings, housings, joins, assessments, measurements, obligations)';
COMMENT ON COLUMN @extschema@.data_date.data_date IS 'the latest date of any person-level input; NULL without data';
