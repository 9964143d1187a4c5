-- ============================================================================
-- The monitor, part 4: the housing ledger (taakstelling) and the monthly
-- schedule, on historical and on current boundaries.  Layer 4, SQL only.
--
-- Per municipality: quota, housed (each person once, at first housing),
-- corrections, the opening balance and, for a municipality that succeeded
-- others in a merger, the closing balances its predecessors with a quota in
-- the data carry into its first half-year (an opening balance of the
-- successor covers the others, and its part of a predecessor that was split
-- among several successors), through the quota_ledger aggregate
-- (carry-over rules in docs/domain.md).  Region rows sum the members; current boundaries sum the
-- predecessors' rows into their successor.
-- ============================================================================

-- The municipal ledgers on historical boundaries.  A successor's first
-- half-year needs its predecessors' closing balances, which may themselves
-- carry their own predecessors' (chains of mergers): so the ledgers are
-- computed until the carried balances no longer change, one round per link
-- of the longest chain.  A municipality has a ledger when it has a quota in
-- the data or a balance carried in.  The ledger starts at its opening
-- balance's half-year, or its first half-year as a successor, or else at the
-- first half-year with any figure; earlier rows are left out.
CREATE FUNCTION @extschema@.municipal_ledger_rows()
    RETURNS TABLE (municipality_code text, period @extschema@.period, quota bigint, carried_in bigint,
                   obligation bigint, housed bigint, correction bigint, closing_balance bigint,
                   met_quota boolean, met_obligation boolean, missed_in_a_row bigint,
                   carried_from_predecessors bigint, opening_balance bigint)
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, @extschema@, pg_temp   -- u16's operators and min() on periods, after the built-ins
    AS $$
#variable_conflict use_column
DECLARE
    carried jsonb := '{}';   -- successor code -> balance carried in from its predecessors
    previous jsonb;
    -- The rows of the last round, one array per column (arrays of plain values:
    -- cheaper to keep and read than jsonb, which printed every value).
    codes text[];
    periods @extschema@.period[];
    quotas bigint[];
    carried_ins bigint[];
    obligations bigint[];
    housings bigint[];
    corrections bigint[];
    closing_balances bigint[];
    met_quotas boolean[];
    met_obligations boolean[];
    misses bigint[];
    inherited_balances bigint[];
    opening_balances bigint[];
    carry_surplus boolean := @extschema@.setting_bool('carry_surplus');
    -- First housings per municipality and half-year, counted once for all rounds.
    housed_codes text[];
    housed_periods @extschema@.period[];
    housed_counts bigint[];
BEGIN
    SELECT array_agg(h.municipality_code), array_agg(h.period), array_agg(h.housed)
    INTO housed_codes, housed_periods, housed_counts
    FROM (SELECT h.municipality_code, @extschema@.period(@extschema@.period_start(h.month), 'halfyear') AS period,
                 sum(h.housed)::bigint AS housed
          FROM @extschema@.first_housing_month h GROUP BY 1, 2) h;
    FOR round IN 1 .. 1 + (SELECT count(*) FROM @extschema@.municipality_succession) LOOP
        WITH
        housed AS (
            SELECT h.municipality_code, h.period, h.housed
            FROM unnest(housed_codes, housed_periods, housed_counts) AS h(municipality_code, period, housed)
        ),
        figures AS (
            SELECT f.municipality_code, f.period, sum(f.quota)::bigint AS quota, sum(f.housed)::bigint AS housed,
                   sum(f.correction)::bigint AS correction
            FROM (SELECT q.municipality_code::text AS municipality_code, q.period, q.quota, 0 AS housed, 0 AS correction
                  FROM @extschema@.quota q
                  UNION ALL
                  SELECT h.municipality_code, h.period, 0, h.housed, 0 FROM housed h
                  UNION ALL
                  SELECT c.municipality_code::text, c.period, 0, 0, c.correction FROM @extschema@.quota_correction c) f
            GROUP BY 1, 2
        ),
        -- Balances carried in: the opening balance, and as a successor the
        -- predecessors' closing balances, both into the half-year given.  A
        -- successor into which no predecessor carries a balance (none has a
        -- quota in the data, or the one it has was split) and that has no
        -- opening balance then carries nothing in: no row here, so no ledger
        -- for it alone.
        opening AS (
            SELECT municipality_code, period, sum(opening)::bigint AS opening, sum(inherited)::bigint AS inherited
            FROM (SELECT o.municipality_code::text AS municipality_code, o.period, o.balance AS opening,
                         NULL::bigint AS inherited, true AS carries
                  FROM @extschema@.opening_balance o
                  UNION ALL
                  SELECT s.code, s.period, NULL, coalesce((carried ->> s.code)::bigint, 0), carried ? s.code
                  FROM (SELECT DISTINCT x.new_code::text AS code, @extschema@.period(x.effective_on, 'halfyear') AS period
                        FROM @extschema@.municipality_succession x) s) b
            GROUP BY 1, 2
            HAVING bool_or(carries)
        ),
        -- A ledger starts at an opening balance, or at a merger for a successor
        -- that is new then (no quota before it).  One that absorbs others keeps
        -- its own history: their balances (and its opening balance of that
        -- half-year, for the part not in the data) carry into it at the merger.
        starts AS (
            SELECT o.municipality_code, min(o.period) AS start
            FROM opening o
            WHERE o.inherited IS NULL
               OR NOT EXISTS (SELECT FROM @extschema@.quota q
                              WHERE q.municipality_code::text = o.municipality_code AND q.period < o.period)
            GROUP BY 1
        ),
        -- A municipality has a ledger when it has a quota in the data, or an
        -- opening or inherited balance.  A balance carried in enters as a
        -- correction of the half-year before.
        entries AS (
            SELECT e.municipality_code, e.period, sum(e.quota)::bigint AS quota, sum(e.housed)::bigint AS housed,
                   sum(e.correction)::bigint AS correction
            FROM (SELECT f.municipality_code, f.period, f.quota, f.housed, f.correction
                  FROM figures f LEFT JOIN starts s USING (municipality_code)
                  WHERE (s.start IS NULL OR f.period >= s.start)
                    AND (s.start IS NOT NULL
                         OR EXISTS (SELECT FROM @extschema@.quota q WHERE q.municipality_code::text = f.municipality_code))
                  UNION ALL
                  SELECT o.municipality_code, o.period OPERATOR(@extschema@.-) 1, 0, 0,
                         coalesce(o.opening, 0) + coalesce(o.inherited, 0)
                  FROM opening o) e
            GROUP BY 1, 2
        ),
        -- Every ledger runs to the last half-year of any (or the last its
        -- municipality existed in): a balance still owed after its last quota,
        -- housing or correction, or carried in with nothing else, stays in the
        -- ledger and in its region's sums.
        ended AS (
            SELECT e.municipality_code, e.period, e.quota, e.housed, e.correction FROM entries e
            UNION ALL
            SELECT l.municipality_code, x.ends, 0, 0, 0
            FROM (SELECT e.municipality_code, max(e.period) AS period FROM entries e GROUP BY 1) l
            CROSS JOIN LATERAL (   -- least() passes over a NULL: a municipality that did not cease
                SELECT least((SELECT max(a.period) FROM entries a),
                             (SELECT @extschema@.period(m.valid_to, 'halfyear') FROM @extschema@.municipality m
                              WHERE m.code::text = l.municipality_code)) AS ends) x
            WHERE x.ends > l.period
        ),
        -- The half-year before a balance carried in is shown without it (its
        -- correction and closing balance are the municipality's own; the flags
        -- do not depend on them).
        rows AS (
            SELECT l.municipality_code, r.period, r.quota, r.carried_in, r.obligation, r.housed,
                   r.correction - c.carried AS correction, r.closing_balance - c.carried AS closing_balance,
                   r.met_quota, r.met_obligation, r.missed_in_a_row,
                   s.start, o.opening, o.inherited
            FROM (SELECT e.municipality_code, @extschema@.quota_ledger(e.period, e.quota, e.housed, e.correction, carry_surplus) AS ledger
                  FROM ended e GROUP BY 1) l
            CROSS JOIN LATERAL @extschema@.ledger_rows(l.ledger) r
            LEFT JOIN starts s USING (municipality_code)
            LEFT JOIN opening o ON o.municipality_code = l.municipality_code AND o.period = r.period
            LEFT JOIN opening n ON n.municipality_code = l.municipality_code AND n.period = r.period OPERATOR(@extschema@.+) 1
            CROSS JOIN LATERAL (SELECT coalesce(n.opening, 0) + coalesce(n.inherited, 0) AS carried) c
            WHERE s.start IS NULL OR r.period >= s.start
        )
        SELECT array_agg(municipality_code), array_agg(period), array_agg(quota), array_agg(carried_in),
               array_agg(obligation), array_agg(housed), array_agg(correction), array_agg(closing_balance),
               array_agg(met_quota), array_agg(met_obligation), array_agg(missed_in_a_row), array_agg(inherited),
               array_agg(opening)
        INTO codes, periods, quotas, carried_ins, obligations, housings, corrections, closing_balances, met_quotas,
             met_obligations, misses, inherited_balances, opening_balances
        FROM rows;

        -- What each successor inherits: the closing balances, at the last half-year
        -- before the successor starts, of its predecessors with a quota in the data
        -- (the rest is the successor's opening balance).  A predecessor divided
        -- among several successors (a split) carries into none of them: how its
        -- balance is shared is the province's decision, given as the successors'
        -- opening balances; carrying it whole into each would count it twice.
        previous := carried;
        SELECT coalesce(jsonb_object_agg(code, balance), '{}') INTO carried
        FROM (SELECT x.new_code::text AS code, sum(last.closing_balance)::bigint AS balance
              FROM @extschema@.municipality_succession x
              JOIN (SELECT DISTINCT q.municipality_code FROM @extschema@.quota q) q ON q.municipality_code = x.old_code
              CROSS JOIN LATERAL (
                  SELECT r.closing_balance
                  FROM unnest(codes, periods, closing_balances) AS r(municipality_code, period, closing_balance)
                  WHERE r.municipality_code = x.old_code::text
                    AND r.period < @extschema@.period(x.effective_on, 'halfyear')
                  ORDER BY r.period DESC LIMIT 1) last
              WHERE NOT EXISTS (SELECT FROM @extschema@.municipality_succession y
                                WHERE y.old_code = x.old_code AND y.new_code <> x.new_code)
              GROUP BY 1) c;
        EXIT WHEN carried = previous;
    END LOOP;

    RETURN QUERY
    SELECT * FROM unnest(codes, periods, quotas, carried_ins, obligations, housings, corrections, closing_balances,
                         met_quotas, met_obligations, misses, inherited_balances, opening_balances);
END
$$;
COMMENT ON FUNCTION @extschema@.municipal_ledger_rows() IS
    'internal: the housing ledger of every municipality per half-year on historical boundaries, a successor''s first half-year carrying its predecessors'' closing balances; read through housing_ledger_live';

CREATE VIEW @extschema@.housing_ledger_live WITH (security_invoker = true) AS
WITH
municipal AS (SELECT * FROM @extschema@.municipal_ledger_rows()),
-- Current boundaries: every predecessor's rows summed into its successor.
restated AS (
    SELECT t.current_code AS municipality_code, m.period,
           sum(m.quota)::bigint AS quota, sum(m.carried_in)::bigint AS carried_in, sum(m.obligation)::bigint AS obligation,
           sum(m.housed)::bigint AS housed, sum(m.correction)::bigint AS correction,
           sum(m.closing_balance)::bigint AS closing_balance,
           sum(m.carried_from_predecessors)::bigint AS carried_from_predecessors,
           sum(m.opening_balance)::bigint AS opening_balance
    FROM municipal m JOIN @extschema@.municipality_today t ON t.code = m.municipality_code
    GROUP BY 1, 2
),
-- Members of each region per half-year (region_members_in).
members AS (
    SELECT boundaries, region, period, municipality_code
    FROM @extschema@.region_members_in(ARRAY(SELECT DISTINCT period FROM municipal))
),
summed AS (
    -- Areas whose rows are sums: the restated municipalities and the regions.
    SELECT 'current' AS boundaries, 'municipality' AS area_type, r.municipality_code AS area_code, r.period,
           r.quota, r.carried_in, r.obligation, r.housed, r.correction, r.closing_balance,
           r.carried_from_predecessors, r.opening_balance
    FROM restated r
    UNION ALL
    SELECT mb.boundaries, 'region', mb.region, mb.period,
           sum(x.quota)::bigint, sum(x.carried_in)::bigint, sum(x.obligation)::bigint, sum(x.housed)::bigint,
           sum(x.correction)::bigint, sum(x.closing_balance)::bigint,
           sum(x.carried_from_predecessors)::bigint, sum(x.opening_balance)::bigint
    FROM members mb
    JOIN (SELECT 'historical' AS boundaries, municipality_code, period, quota, carried_in, obligation, housed, correction,
                 closing_balance, carried_from_predecessors, opening_balance FROM municipal
          UNION ALL
          SELECT 'current', municipality_code, period, quota, carried_in, obligation, housed, correction,
                 closing_balance, carried_from_predecessors, opening_balance FROM restated) x
      ON x.boundaries = mb.boundaries AND x.municipality_code = mb.municipality_code AND x.period = mb.period
    GROUP BY mb.boundaries, mb.region, mb.period
),
-- Their flags, and consecutive half-years with the obligation not met (the rows
-- since the last one met).
summed_met AS (
    SELECT s.*, s.housed >= s.quota AS met_quota, s.obligation <= 0 OR s.housed >= s.obligation AS met_obligation
    FROM summed s
),
summed_runs AS (
    SELECT s.*, count(*) FILTER (WHERE met_obligation)
                    OVER (PARTITION BY boundaries, area_type, area_code ORDER BY period) AS run
    FROM summed_met s
)
SELECT 'historical' AS boundaries, 'municipality' AS area_type, municipality_code AS area_code, period, quota, carried_in,
       obligation, housed, correction, closing_balance, met_quota, met_obligation, missed_in_a_row,
       carried_from_predecessors, opening_balance
FROM municipal
UNION ALL
SELECT boundaries, area_type, area_code, period, quota, carried_in, obligation, housed, correction, closing_balance,
       met_quota, met_obligation,
       CASE WHEN met_obligation THEN 0
            ELSE row_number() OVER (PARTITION BY boundaries, area_type, area_code, run ORDER BY period) - (run > 0)::integer END,
       carried_from_predecessors, opening_balance
FROM summed_runs;

COMMENT ON VIEW @extschema@.housing_ledger_live IS
    'internal: the housing ledger per municipality and region and half-year, on historical and current boundaries, computed from the rows the querying role may see; refresh_monitor() stores it for housing_ledger';

-- Housing schedule within the half-year --------------------------------------------
-- After m months of a half-year a municipality is on schedule when the persons
-- housed so far are at least obligation * m / 6 (compared exactly: housed * 6 >=
-- obligation * m).  Months after the last date the data covers are left out.
-- The obligations come from the ledger refresh_monitor() has just stored.

CREATE VIEW @extschema@.housing_progress_live WITH (security_invoker = true) AS
WITH
-- First housings per municipality and month, then restated: a month's housings
-- in a predecessor count for its successor.
monthly_historical AS (
    SELECT h.municipality_code, h.month, h.housed FROM @extschema@.first_housing_month h
),
monthly AS (
    SELECT 'historical' AS boundaries, municipality_code, month, housed FROM monthly_historical
    UNION ALL
    SELECT 'current', coalesce(t.current_code, m.municipality_code), m.month, sum(m.housed)::bigint
    FROM monthly_historical m
    LEFT JOIN @extschema@.municipality_today t ON t.code = m.municipality_code
    GROUP BY 2, 3
),
months AS (
    SELECT l.boundaries, l.area_code AS municipality_code, l.period::@extschema@.period AS period, l.obligation, m.months_elapsed,
           @extschema@.period(l.period_start, 'month') OPERATOR(@extschema@.+) (m.months_elapsed - 1) AS month
    FROM @extschema@.published_housing_ledger l
    CROSS JOIN generate_series(1, 6) AS m(months_elapsed)
    WHERE l.area_type = 'municipality'
)
-- Housed to date: the running sum of the half-year's months, for the months the
-- data cover to their end (a month the data cover in part would be judged as
-- if it were over).
SELECT mo.boundaries, mo.municipality_code, mo.period, mo.month, mo.months_elapsed::bigint AS months_elapsed, mo.obligation,
       sum(coalesce(h.housed, 0)) OVER (PARTITION BY mo.boundaries, mo.municipality_code, mo.period ORDER BY mo.months_elapsed
                                        ROWS UNBOUNDED PRECEDING)::bigint AS housed_to_date
FROM months mo
LEFT JOIN monthly h ON h.boundaries = mo.boundaries AND h.municipality_code = mo.municipality_code AND h.month = mo.month
WHERE @extschema@.period_end(mo.month) <= (SELECT data_date FROM @extschema@.monitor_dates);

COMMENT ON VIEW @extschema@.housing_progress_live IS
    'internal: housed so far per municipality and month of each half-year, for the months the data cover to their end, on historical and current boundaries, against the obligations of the published ledger; refresh_monitor() stores it for housing_progress';
