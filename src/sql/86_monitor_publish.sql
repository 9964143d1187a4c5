-- ============================================================================
-- The monitor, part 7: refresh_monitor(), which publishes, and the BI views.
-- Layer 4, SQL only.  Built-in column types only; fractions 0..1 in numeric;
-- periods as text plus a period_start date for time axes; boundaries
-- 'historical' (figures on the members of their time) or 'current' (restated
-- on today's municipalities: filter on one of them in a BI tool).
-- ============================================================================

-- Disclosure control, step 3 (84_monitor_rows.sql) over stored rows: while a
-- relation (rows that add up) has exactly one hidden row, hide one more of its
-- rows.  The relations, the order of picks and the rounds are in
-- src/suppression.c (the rules: docs/monitor.md, "What is withheld").  Then
-- the level rows (T2.3) are withheld with their area's scorecard row.  A
-- refresh does this in memory, in candidate_rows(true); these functions do it
-- over monitor_row, where sql/monitor_suppression.sql checks the rules against
-- plain SQL and sql/monitor_candidates.sql checks candidate_rows(true) against
-- them.
CREATE FUNCTION @extschema@.secondary_suppression() RETURNS bigint[]
    AS 'MODULE_PATHNAME', 'u16_secondary_suppression'
    LANGUAGE C STABLE PARALLEL RESTRICTED
    SET search_path = pg_catalog, pg_temp;  -- the SQL it runs names u16's objects with their schema
COMMENT ON FUNCTION @extschema@.secondary_suppression() IS
    'internal, called by protect_hidden_rows(): the rows of monitor_row to hide as well, so that no relation (a region and its members, an area and its cohorts, a restated municipality, a region on both boundary sets) has exactly one hidden row; NULL if none';

CREATE FUNCTION @extschema@.protect_hidden_rows() RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, @extschema@, pg_temp   -- u16's operators on periods, after the built-ins
    AS $$
DECLARE
    picked bigint[] := @extschema@.secondary_suppression();
BEGIN
    -- (a hash join: monitor_row has no index, which would slow down storing its rows)
    UPDATE @extschema@.monitor_row r SET hidden = true, secondary = true FROM unnest(picked) p(row_id)
    WHERE r.row_id = p.row_id;
    -- The language level groups are shares of their area's persons.
    UPDATE @extschema@.monitor_row l SET hidden = c.hidden, secondary = c.secondary
    FROM @extschema@.monitor_row c
    WHERE l.kind = 'level' AND c.kind = 'scorecard'
      AND (c.indicator_code, c.boundaries, c.area_type, c.area_code, c.period)
        = (l.indicator_code, l.boundaries, l.area_type, l.area_code, l.period)
      AND (l.hidden, l.secondary) IS DISTINCT FROM (c.hidden, c.secondary);
    RETURN coalesce(cardinality(picked), 0);
END
$$;
COMMENT ON FUNCTION @extschema@.protect_hidden_rows() IS
    'internal: secondary suppression over the rows stored in monitor_row, as candidate_rows(true) does it in memory for refresh_monitor() (the tests compare the two); returns the rows it hid';

-- Publishing one table by difference, as REFRESH MATERIALIZED VIEW
-- CONCURRENTLY does it: the rows identical to fresh ones stay, the others are
-- deleted, the new ones inserted (src/publish.c).
CREATE FUNCTION @extschema@.publish(target regclass, fresh_rows text) RETURNS bigint
    AS 'MODULE_PATHNAME', 'u16_publish'
    LANGUAGE C STRICT
    SET search_path = pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.publish(regclass, text) IS
    'internal, called by refresh_monitor(): replaces the rows of a published table by the rows of a query, writing only the rows that changed; returns the rows the table holds';

-- jit = off: the plans of the *_live views are large, and compiling them with
-- LLVM costs more than it saves (docs/dba.md).  enable_mergejoin = off: the
-- steps over the scratch tables join CTEs, which the planner estimates at a
-- few rows (default selectivities), so it sorted tens of thousands of rows for
-- merge joins; hash joins do the same joins without the sorts (scale 10: 8.3 s
-- instead of 8.9-10.8 s of backend CPU, docs/benchmark-history.md).
-- default_statistics_target = 10: the scratch tables are analysed on every
-- refresh, and their joins need sizes and distinct counts, not fine histograms
-- (analysing monitor_row: 60 ms instead of 190 ms at scale 10).
CREATE FUNCTION @extschema@.refresh_monitor(OUT scorecard_rows bigint, OUT ledger_rows bigint,
                                            OUT progress_rows bigint, OUT cohort_rows bigint, OUT level_rows bigint)
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    SET jit = off
    SET enable_mergejoin = off
    SET default_statistics_target = 10
    AS $$
DECLARE
    -- Planner statistics of the scratch tables, where this role may gather them.
    may_analyze boolean := pg_has_role((SELECT relowner FROM pg_class WHERE oid = '@extschema@.monitor_row'::regclass), 'USAGE');
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
    -- One refresh at a time: the scratch tables are shared.  (EXCLUSIVE lets
    -- analysts read monitor_run and monitor_housed, which views of theirs
    -- read; those two are emptied with DELETE, which does not wait for them
    -- or make them wait, as TRUNCATE would.)
    LOCK TABLE @extschema@.monitor_run, @extschema@.monitor_cell, @extschema@.monitor_member, @extschema@.monitor_row,
        @extschema@.monitor_housed
        IN EXCLUSIVE MODE;
    TRUNCATE @extschema@.monitor_cell, @extschema@.monitor_member, @extschema@.monitor_row;
    DELETE FROM @extschema@.monitor_run;
    DELETE FROM @extschema@.monitor_housed;
    -- The span of the data, once for the whole run.
    INSERT INTO @extschema@.monitor_run (first_year, last_year, data_date)
    SELECT first_year, last_year, data_date FROM @extschema@.monitor_span;

    -- 1. The cells, once; with them, from the same pass over the persons, the
    -- first housings per month that the housing ledger and schedule count.
    WITH cells AS MATERIALIZED (SELECT * FROM @extschema@.indicator_cells()),
    housed AS (
        INSERT INTO @extschema@.monitor_housed (municipality_code, month, housed)
        SELECT municipality_code, period, numerator FROM cells WHERE indicator_code = 'housed'
    )
    INSERT INTO @extschema@.monitor_cell
    SELECT indicator_code, 'historical', municipality_code, period, cohort_year, level, numerator, denominator,
           done_on, open_until, met
    FROM cells WHERE indicator_code <> 'housed';
    IF may_analyze THEN ANALYZE @extschema@.monitor_cell; END IF;

    -- The housing ledger, once; T3.1 is whether each municipality met its obligation.
    ledger_rows := @extschema@.publish('@extschema@.published_housing_ledger', $q$
        SELECT l.area_type, l.area_code, coalesce(m.name, r.name) AS area_name, l.period::text AS period,
               @extschema@.period_start(l.period) AS period_start, l.quota, l.carried_in, l.obligation, l.housed,
               l.correction, l.closing_balance,
               CASE WHEN l.quota > 0 THEN round(100.0 * l.housed / l.quota, 1) END AS realisation_quota_pct,
               CASE WHEN l.obligation > 0 THEN round(100.0 * l.housed / l.obligation, 1) END AS realisation_obligation_pct,
               l.met_quota, l.met_obligation, l.missed_in_a_row, l.boundaries, l.carried_from_predecessors,
               l.opening_balance
        FROM @extschema@.housing_ledger_live l
        LEFT JOIN @extschema@.municipality m ON m.code::text = l.area_code
        LEFT JOIN @extschema@.region r ON r.code = l.area_code$q$);
    INSERT INTO @extschema@.monitor_cell (indicator_code, boundaries, area_code, period, numerator, denominator, met)
    SELECT 'T3.1', l.boundaries, l.area_code, l.period::@extschema@.period, l.met_obligation::integer, 1, l.met_obligation
    FROM @extschema@.published_housing_ledger l
    WHERE l.area_type = 'municipality';

    progress_rows := @extschema@.publish('@extschema@.published_housing_progress', $q$
        SELECT p.municipality_code, m.name AS municipality_name, p.period::text AS period, p.month::text AS month,
               @extschema@.period_start(p.month) AS month_start, p.months_elapsed, p.obligation, p.housed_to_date,
               round(p.obligation * p.months_elapsed / 6.0, 1) AS expected_to_date,
               p.housed_to_date * 6 >= p.obligation * p.months_elapsed AS on_schedule, p.boundaries
        FROM @extschema@.housing_progress_live p
        LEFT JOIN @extschema@.municipality m ON m.code::text = p.municipality_code$q$);

    -- The members of each region in the periods of the cells and in every year of
    -- the data, so that a year without any cell still has its rows (0 where a
    -- complete register covers it, else no data).
    INSERT INTO @extschema@.monitor_member (boundaries, region, period, municipality_code)
    SELECT boundaries, region, period, municipality_code
    FROM @extschema@.region_members_in(ARRAY(
        SELECT period FROM @extschema@.monitor_cell
        UNION
        SELECT @extschema@.period(make_date(y, 1, 1), 'year')
        FROM @extschema@.monitor_run r, generate_series(r.first_year, r.last_year) y));
    IF may_analyze THEN ANALYZE @extschema@.monitor_member; END IF;

    -- 2. The rows that may be published, and the remainders; 3. with their
    -- secondary suppression, computed in memory before they are stored.
    INSERT INTO @extschema@.monitor_row SELECT * FROM @extschema@.candidate_rows(true);
    IF may_analyze THEN ANALYZE @extschema@.monitor_row; END IF;

    -- 4. Publish.
    scorecard_rows := @extschema@.publish('@extschema@.published_scorecard', 'SELECT * FROM @extschema@.monitor_scorecard');
    cohort_rows := @extschema@.publish('@extschema@.published_cohort', 'SELECT * FROM @extschema@.monitor_cohort');
    level_rows := @extschema@.publish('@extschema@.published_language_level',
                                      'SELECT * FROM @extschema@.monitor_language_level');

    INSERT INTO @extschema@.monitor_refresh (scorecard_rows, ledger_rows, progress_rows, cohort_rows, level_rows, data_date)
    VALUES (scorecard_rows, ledger_rows, progress_rows, cohort_rows, level_rows,
            (SELECT data_date FROM @extschema@.monitor_run));
    TRUNCATE @extschema@.monitor_cell, @extschema@.monitor_member, @extschema@.monitor_row;
    DELETE FROM @extschema@.monitor_run;
    DELETE FROM @extschema@.monitor_housed;
END
$$;
COMMENT ON FUNCTION @extschema@.refresh_monitor() IS
    'recomputes every published figure (scorecard, cohorts, language levels, housing ledger, housing schedule) from the person-level data, on historical and current boundaries, with small cells and what would reveal them withheld; run after loading, as u16_loader or the owner; returns the rows stored';

-- BI views -------------------------------------------------------------------------------
-- security_invoker: a role reads them with its own rights on the published tables.

CREATE VIEW @extschema@.scorecard WITH (security_invoker = true) AS
SELECT indicator_code, theme, indicator_name, unit, boundaries, area_code, area_name, area_type, period, period_start,
       numerator_count, denominator_count, value, ci_lower, ci_upper, target, status, interval_vs_target,
       baseline_period, baseline_value, comparison, change_pct_points, crude_change_pct_points, trend, note, suppressed
FROM @extschema@.published_scorecard;

CREATE VIEW @extschema@.theme1_pathway WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 1 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme2_work_integration WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 2 AND unit <> 'qualitative';
CREATE VIEW @extschema@.theme3_housing WITH (security_invoker = true) AS
SELECT * FROM @extschema@.scorecard WHERE theme = 3 AND unit <> 'qualitative';

CREATE VIEW @extschema@.cohort WITH (security_invoker = true) AS
SELECT indicator_code, theme, indicator_name, boundaries, area_code, area_name, area_type, period, period_start,
       cohort, years_since_start, numerator_count, denominator_count, value, ci_lower, ci_upper, suppressed
FROM @extschema@.published_cohort;

CREATE VIEW @extschema@.language_level WITH (security_invoker = true) AS
SELECT boundaries, area_code, area_name, area_type, period, period_start, level, level_order, persons_count,
       total_count, level_share, suppressed
FROM @extschema@.published_language_level;

CREATE VIEW @extschema@.housing_ledger WITH (security_invoker = true) AS
SELECT area_code AS municipality_code, area_name AS municipality_name, area_type, boundaries, period, period_start,
       quota, carried_in, carried_from_predecessors, opening_balance, obligation, housed, correction, closing_balance,
       realisation_quota_pct, realisation_obligation_pct, met_quota, met_obligation, missed_in_a_row
FROM @extschema@.published_housing_ledger;

CREATE VIEW @extschema@.housing_progress WITH (security_invoker = true) AS
SELECT municipality_code, municipality_name, boundaries, period, month, month_start, months_elapsed, obligation,
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
        "boundaries": "historical (each period on the municipalities and region members of its own time) or current (every period restated on today''s municipalities: predecessors summed into their successor); filter on one",
        "area_code": "municipality code (GM0344) or region code (U16)",
        "area_name": "name of the municipality or region",
        "area_type": "municipality or region; region rows sum the members valid in the period (historical) or today (current)",
        "period": "year (2018) or half-year (2018H1) as text",
        "period_start": "first day of the period: use as the time axis",
        "numerator_count": "persons (or areas) meeting the indicator, or the count; NULL when suppressed",
        "denominator_count": "persons (or areas) counted; NULL for counts and when suppressed",
        "value": "the indicator: a fraction 0..1 for shares (format as percentage), the number for counts; NULL when suppressed or without data",
        "ci_lower": "lower bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "ci_upper": "upper bound of the 95% Wilson confidence interval of a share, fraction 0..1",
        "target": "target from u16.indicator_target, e.g. >= 90%, rise, by 2018-06-01, before 2018-03-01; municipalities without their own follow their region where the catalogue says so",
        "status": "met, not met, no change (a rise or fall target whose change is not distinguishable from noise), pending (deadline ahead, or a figure that can still change: T1.3 join window, T2.5 exam term), no data, no target, suppressed, baseline suppressed (the baseline is withheld, so no judgement), qualitative, or an assessment: met, partly met, not met",
        "interval_vs_target": "for threshold targets: above or below when the whole 95% interval lies on that side of the threshold, overlaps when it contains it",
        "baseline_period": "period compared with (setting baseline_offset_years, default one year earlier)",
        "baseline_value": "value in the baseline period; NULL when suppressed or without data",
        "comparison": "how change_pct_points and trend compare with the baseline: standardised (the baseline year''s rates weighted by this period''s mix of years since the start of the cohorts, over published cohorts) or crude",
        "change_pct_points": "change against the baseline in percentage points (shares), by the method in comparison",
        "crude_change_pct_points": "value minus baseline value in percentage points, without standardisation",
        "trend": "rise or fall when the change is statistically significant at setting significance_level (shares: the comparison''s test; counts: exact Poisson test), else no change; pending while the figure can still change; no data without both values",
        "note": "summary of the assessment in u16.assessment_note, if any",
        "suppressed": "true when the row is withheld to protect privacy (fewer persons than setting min_cell_size, or it would reveal such a row)"
    }';
BEGIN
    FOREACH v IN ARRAY ARRAY['scorecard', 'theme1_pathway', 'theme2_work_integration', 'theme3_housing'] LOOP
        FOR c IN SELECT key, value FROM jsonb_each_text(scorecard_columns) LOOP
            EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', v, c.key, c.value);
        END LOOP;
    END LOOP;
    FOR c IN SELECT key, value FROM jsonb_each_text(scorecard_columns || '{
        "cohort": "the year the persons'' cohort started (setting cohort_basis: year of the residence permit by default); NULL for persons whose start is unknown",
        "years_since_start": "years from the start of the cohort to the period: 0, 1, 2, 3 or 4+ (text); NULL for an unknown cohort",
        "numerator_count": "persons of the cohort meeting the indicator; NULL when suppressed",
        "denominator_count": "persons of the cohort counted; NULL when suppressed",
        "value": "the cohort''s share, fraction 0..1; NULL when suppressed"
    }'::jsonb) WHERE key IN (SELECT attname FROM pg_attribute WHERE attrelid = '@extschema@.cohort'::regclass) LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.cohort.%I IS %L', c.key, c.value);
    END LOOP;
    FOR c IN SELECT key, value FROM jsonb_each_text(scorecard_columns || '{
        "level": "language level group on the CEFR scale: below A1, A1, A2, B1, B2 and above",
        "level_order": "1..5 from below A1 to B2 and above: sort on it",
        "persons_count": "persons whose last measurement of the year after a completed course is at this level (0 when none: every level has a row); NULL when suppressed",
        "total_count": "persons with a completed course in the year (the denominator of T2.3); NULL when suppressed",
        "level_share": "persons_count / total_count, fraction 0..1; NULL when suppressed"
    }'::jsonb) WHERE key IN (SELECT attname FROM pg_attribute WHERE attrelid = '@extschema@.language_level'::regclass) LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.language_level.%I IS %L', c.key, c.value);
    END LOOP;
END
$$;
COMMENT ON VIEW @extschema@.scorecard IS
    'U16 monitor scorecard: every indicator of the plan of 2018 per municipality and region and period, on historical and current boundaries, with target, status, change since the baseline and whether it is real, small cells and what would reveal them withheld; as of the last refresh_monitor()';
COMMENT ON VIEW @extschema@.theme1_pathway IS
    'theme 1, start of the pathway (T1.1 placements from regional AZCs, T1.2 NOA assessments, T1.3 joined the pathway, T1.4 pathway started): scorecard rows';
COMMENT ON VIEW @extschema@.theme2_work_integration IS
    'theme 2, work and civic integration (education, language, integration, work, welfare, participation): scorecard rows';
COMMENT ON VIEW @extschema@.theme3_housing IS
    'theme 3, housing (T3.1 half-year quota realised, T3.3/T3.4 flexible dwellings): scorecard rows; details in housing_ledger';
COMMENT ON VIEW @extschema@.cohort IS
    'the person shares of theme 2 per cohort (year the persons started, setting cohort_basis) and years since its start, per area, period and boundaries; the cohorts of a scorecard row add up to it; suppressed like the scorecard';
COMMENT ON VIEW @extschema@.language_level IS
    'T2.3 language levels: persons with a completed course in the year per level group (below A1 ... B2 and above, all five, 0 included), per area and boundaries, for every area with persons in T2.3 or a suppressed T2.3; suppressed with the area''s T2.3 row';
COMMENT ON VIEW @extschema@.housing_ledger IS
    'housing quota ledger (taakstelling) per municipality and half-year, plus region rows, on historical and current boundaries: quota, carried balance (from predecessors at a merger, and opening balances), obligation, housed, closing balance, realisation, consecutive misses';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_code IS 'municipality code, or the region code (U16) on region rows';
COMMENT ON COLUMN @extschema@.housing_ledger.municipality_name IS 'name of the municipality or region';
COMMENT ON COLUMN @extschema@.housing_ledger.area_type IS 'municipality or region; region rows sum the members valid in the half-year (historical) or today (current)';
COMMENT ON COLUMN @extschema@.housing_ledger.boundaries IS 'historical (the municipalities of the time) or current (restated on today''s municipalities: predecessors summed into their successor); filter on one';
COMMENT ON COLUMN @extschema@.housing_ledger.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.housing_ledger.period_start IS 'first day of the half-year: use as the time axis';
COMMENT ON COLUMN @extschema@.housing_ledger.quota IS 'quota (taakstelling): permit holders to house in the half-year';
COMMENT ON COLUMN @extschema@.housing_ledger.carried_in IS 'balance carried in: > 0 deficit (achterstand), < 0 surplus (voorsprong)';
COMMENT ON COLUMN @extschema@.housing_ledger.carried_from_predecessors IS 'of carried_in: the closing balances of the municipalities this one succeeded, on its first half-year (historical boundaries); NULL on other rows';
COMMENT ON COLUMN @extschema@.housing_ledger.opening_balance IS 'of carried_in: the opening balance given in u16.opening_balance for this half-year (e.g. for predecessors without data); NULL on other rows';
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
    'housing schedule within each half-year: per municipality and month that the data cover to its end, housed so far against obligation x months / 6, on historical and current boundaries';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_code IS 'municipality code';
COMMENT ON COLUMN @extschema@.housing_progress.municipality_name IS 'name of the municipality';
COMMENT ON COLUMN @extschema@.housing_progress.boundaries IS 'historical or current (restated on today''s municipalities)';
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
        "area_type": "municipality or region",
        "boundaries": "historical or current"
    }';
BEGIN
    FOREACH pair SLICE 1 IN ARRAY ARRAY[
        ['published_scorecard', 'scorecard'], ['monitor_scorecard', 'scorecard'],
        ['published_cohort', 'cohort'], ['monitor_cohort', 'cohort'],
        ['published_language_level', 'language_level'], ['monitor_language_level', 'language_level'],
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
COMMENT ON COLUMN @extschema@.monitor_refresh.cohort_rows IS 'cohort rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.level_rows IS 'language level rows stored';
COMMENT ON COLUMN @extschema@.monitor_refresh.data_date IS 'the last date the person-level data covered (u16.data_date)';

-- An update of u16 recomputes a monitor that was published, so that its figures
-- follow the rules of the new version (run by ALTER EXTENSION u16 UPDATE; at
-- CREATE EXTENSION there is nothing published yet).
DO $$
BEGIN
    IF EXISTS (SELECT FROM @extschema@.published_scorecard) THEN
        PERFORM @extschema@.refresh_monitor();
    END IF;
END
$$;
