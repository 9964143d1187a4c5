-- ============================================================================
-- The monitor, part 5: from cells to the rows that may be published, and the
-- additive relations between them that the disclosure control protects.
-- Layer 4: SQL, with the computation in C (src/candidate_rows.c).
--
-- refresh_monitor() (86) runs these steps over the scratch tables:
--   1. monitor_cell: the cells, stored once (indicator_cell_live, the ledger);
--   2. monitor_row: every candidate row, from candidate_rows()
--      (src/candidate_rows.c, in memory): the scorecard's rows (kind
--      'scorecard'), cohorts ('cohort') and the T2.3 level distribution
--      ('level'), per area on both boundary sets (the current set restated
--      through municipality_today), municipal rows and the region rows by the
--      indicator's region rule, with primary suppression of rows counting 1
--      to min_cell_size - 1 persons (a share by its denominator); plus the
--      remainders of restated areas (area type 'remainder', never published);
--   3. the secondary suppression, by candidate_rows(true) in memory before
--      the rows are stored (protect_hidden_rows() (86) does the same over
--      stored rows): every way rows add up (a relation), and while a
--      relation has exactly one hidden row, which the others would reveal,
--      hide one more of its rows (src/suppression.c); then level rows follow
--      their area's scorecard row;
--   4. the judged views (85) read the rows with their hidden flags.
-- ============================================================================

-- The candidate rows of the refresh in progress, computed from its cells and
-- members (src/candidate_rows.c says how, rule by rule); with protect, the
-- secondary suppression as well (step 3, in memory).  The rows of
-- monitor_row, numbered 1, 2, ... in row_id in the order made.
CREATE FUNCTION @extschema@.candidate_rows(protect boolean)
    RETURNS SETOF @extschema@.monitor_row
    AS 'MODULE_PATHNAME', 'u16_candidate_rows'
    LANGUAGE C STABLE STRICT PARALLEL RESTRICTED ROWS 100000
    SET search_path = pg_catalog, pg_temp;  -- the SQL it runs names u16's objects with their schema
COMMENT ON FUNCTION @extschema@.candidate_rows(boolean) IS
    'internal: the candidate rows of the refresh in progress (scorecard, cohort, level; municipal, region and remainder rows on both boundary sets) computed from monitor_cell and monitor_member, with the primary suppression (1 to min_cell_size - 1 persons) and, with protect, the secondary suppression (what protect_hidden_rows() does over stored rows)';
