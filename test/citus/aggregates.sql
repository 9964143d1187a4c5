-- test/citus/aggregates.sql — u16's aggregates on a Citus cluster (run by
-- test/citus/run on the coordinator, with u16 and citus created and the two
-- workers added).  Prints one line per check: "ok - ..." or "not ok - ...",
-- with "#" lines explaining a failure.
--
-- Warehouse tables, distributed: person-level rows (person_status, by
-- municipality) and quota ledger rows (ledger, by municipality;
-- ledger_by_period, the same rows by period, u16's own type), each with a
-- local copy on the coordinator.  Every aggregate of u16 runs in the three
-- shapes Citus plans, and must give exactly the rows the local copy gives:
--   pushdown  grouped by the distribution column: the whole aggregate runs on
--             the workers (no worker_partial_agg, nothing above the Citus scan)
--   combined  grouped by another column: worker_partial_agg on the workers,
--             coord_combine_agg on the coordinator
--   whole     no GROUP BY: the same partial and combine over the whole table
-- with citus.coordinator_aggregation_strategy = 'disabled', so that no
-- aggregate may fall back to pulling rows to the coordinator: it is planned
-- for the workers, or the query fails.  Then quota_deficit as a window over
-- the distributed ledger, and that every aggregate of u16 was covered.
\set ON_ERROR_STOP 1
SET client_min_messages = warning;
SET search_path = public, u16;
SET citus.coordinator_aggregation_strategy = 'disabled';
SELECT CASE WHEN current_setting('citus.coordinator_aggregation_strategy') = 'disabled'
            THEN 'ok' ELSE 'not ok' END
       || ' - citus.coordinator_aggregation_strategy is disabled: no aggregate may pull rows to the coordinator';
SELECT CASE WHEN count(*) = 2 THEN 'ok' ELSE 'not ok' END
       || ' - the coordinator has 2 active workers (citus_get_active_worker_nodes)'
FROM citus_get_active_worker_nodes();
SELECT CASE WHEN bool_and(success AND result = (SELECT extversion FROM pg_extension WHERE extname = 'u16'))
                 AND count(*) = 2
            THEN 'ok' ELSE 'not ok' END
       || ' - CREATE EXTENSION u16 on the coordinator created u16 '
       || (SELECT extversion FROM pg_extension WHERE extname = 'u16') || ' on both workers: '
       || string_agg(nodeport::text || ' ' || result, ', ' ORDER BY nodeport)
FROM run_command_on_workers($$SELECT extversion FROM pg_extension WHERE extname = 'u16'$$);

-- Person-level rows: 40 municipalities in 4 regions, 6 half-years, 25 persons
-- each; has_work with NULLs; household = k of n household members with work.
CREATE TABLE person_status (
    person_id text, municipality text, region text, period period,
    has_work boolean, household share);
INSERT INTO person_status
SELECT 'P' || m || '-' || p || '-' || i, 'GM' || lpad(m::text, 4, '0'), 'R' || (m % 4),
       '2017H1'::period + p,
       CASE WHEN (m * 31 + p * 7 + i) % 11 = 0 THEN NULL ELSE (m * 13 + p * 5 + i * 3) % 10 < 4 END,
       share((m + i) % 3, 2 + (m * 7 + i) % 4)
FROM generate_series(1, 40) m, generate_series(0, 5) p, generate_series(1, 25) i;
-- Two municipalities without any non-NULL has_work (share_agg gives 0/0).
UPDATE person_status SET has_work = NULL WHERE municipality IN ('GM0007', 'GM0008');
CREATE TABLE person_status_local AS TABLE person_status;

-- Ledger rows: the 40 municipalities over 12 half-years (2014H1..2019H2).
CREATE TABLE ledger (
    municipality text, region text, period period,
    quota bigint, housed bigint, correction bigint);
INSERT INTO ledger
SELECT 'GM' || lpad(m::text, 4, '0'), 'R' || (m % 4), '2014H1'::period + h,
       (m * 7 + h * 13) % 40, (m * 11 + h * 5) % 45, CASE WHEN (m + h) % 9 = 0 THEN 2 ELSE 0 END
FROM generate_series(1, 40) m, generate_series(0, 11) h;
CREATE TABLE ledger_local AS TABLE ledger;
CREATE TABLE ledger_by_period AS TABLE ledger;

SELECT create_distributed_table('person_status', 'municipality') \gset
SELECT create_distributed_table('ledger', 'municipality') \gset
SELECT create_distributed_table('ledger_by_period', 'period') \gset
SELECT CASE WHEN count(*) = 3 AND bool_and(citus_table_type = 'distributed') AND bool_and(shard_count > 1)
            THEN 'ok' ELSE 'not ok' END
       || ' - three distributed tables: ' || string_agg(table_name::text || ' by ' || distribution_column
                                                      || ', ' || shard_count || ' shards', '; ' ORDER BY table_name::text)
FROM citus_tables WHERE table_name::text IN ('person_status', 'ledger', 'ledger_by_period');
SELECT CASE WHEN count(DISTINCT nodeport) = 2 THEN 'ok' ELSE 'not ok' END
       || ' - the shards of person_status lie on both workers'
FROM citus_shards WHERE table_name = 'person_status'::regclass;
SELECT CASE WHEN (SELECT count(*) FROM person_status) = (SELECT count(*) FROM person_status_local)
             AND (SELECT count(*) FROM ledger_by_period) = (SELECT count(*) FROM ledger_local)
            THEN 'ok' ELSE 'not ok' END
       || ' - the distributed tables hold the rows of their local copies ('
       || (SELECT count(*) FROM person_status) || ' person rows, ' || (SELECT count(*) FROM ledger) || ' ledger rows)';

-- The checks: each query is a format() string whose %1$s is the table.
CREATE TEMP TABLE checks (
    n serial, shape text, agg regprocedure, distributed text, local text, query text);
-- Person rows.
INSERT INTO checks (shape, agg, distributed, local, query)
SELECT s.shape, q.agg::regprocedure, 'person_status', 'person_status_local',
       format(q.query, s.select_list, s.grouping)
FROM (VALUES
        ('pushdown', 'municipality, ', ' GROUP BY municipality'),
        ('combined', 'region, period, ', ' GROUP BY region, period'),
        ('whole', '', '')) s(shape, select_list, grouping),
     (VALUES
        ('u16.share_agg(boolean)', 'SELECT %sshare_agg(has_work) FROM %%1$s%s'),
        ('u16.share_agg(boolean)', 'SELECT %sshare_agg(has_work) FILTER (WHERE household > share(0, 1)) FROM %%1$s%s'),
        ('u16.rollup(u16.share)', 'SELECT %srollup(household) FROM %%1$s%s'),
        ('u16.attainment_agg(u16.share,u16.target)', 'SELECT %sattainment_agg(household, ''>= 50%%%%'') FROM %%1$s%s'),
        ('u16.min(u16.period)', 'SELECT %smin(period) FROM %%1$s%s'),
        ('u16.max(u16.period)', 'SELECT %smax(period) FROM %%1$s%s'),
        ('u16.share_agg(boolean)', 'SELECT %sshare_value(share_agg(has_work)), ci_lower(rollup(household)) FROM %%1$s%s')
     ) q(agg, query);
-- Ledger rows: every overload of quota_ledger and quota_deficit (bigint
-- columns, and integer through casts), with and without correction and
-- carry_surplus.  pushdown: ledger by municipality, grouped by it; combined:
-- ledger_by_period grouped by municipality (each ledger's rows lie in many
-- shards); whole: ledger_by_period, one municipality's rows, no GROUP BY.
INSERT INTO checks (shape, agg, distributed, local, query)
SELECT s.shape, format('u16.%s(u16.period,%s)', a.name, array_to_string(array_fill(c.type, ARRAY[a.counts]), ',')
                      || CASE WHEN a.carry <> '' THEN ',boolean' ELSE '' END)::regprocedure,
       s.distributed, 'ledger_local',
       format('SELECT %s%s(period, %s%s) FROM %%1$s%s', s.select_list, a.name,
              array_to_string((ARRAY['quota', 'housed', 'correction'])[1:a.counts], c.typecast || ', ') || c.typecast,
              a.carry, s.grouping)
FROM (VALUES
        ('pushdown', 'ledger', 'municipality, ', ' GROUP BY municipality'),
        ('combined', 'ledger_by_period', 'municipality, ', ' GROUP BY municipality'),
        ('whole', 'ledger_by_period', '', ' WHERE municipality = ''GM0017''')) s(shape, distributed, select_list, grouping),
     (VALUES ('quota_ledger', 2, ''), ('quota_ledger', 3, ''), ('quota_ledger', 3, ', false'),
             ('quota_deficit', 2, ''), ('quota_deficit', 3, ''), ('quota_deficit', 3, ', false'),
             ('quota_deficit', 3, ', true')) a(name, counts, carry),
     (VALUES ('bigint', ''), ('integer', '::integer')) c(type, typecast);

-- The rows of a query as one text, in a fixed order (sorted here: wrapping
-- the query in an aggregate would change the shape Citus plans), and its
-- plan as text.  (Temporary functions: Citus creates them only locally.)
SET client_min_messages = error;
CREATE FUNCTION pg_temp.sorted_rows(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    rec record;
    lines text[] := '{}';
BEGIN
    FOR rec IN EXECUTE query LOOP
        lines := lines || rec::text;
    END LOOP;
    RETURN (SELECT count(*) || CASE count(*) WHEN 1 THEN ' row' ELSE ' rows' END || E'\n'
                   || coalesce(string_agg(l, E'\n' ORDER BY l), '') FROM unnest(lines) l);
END $$;
CREATE FUNCTION pg_temp.plan_text(query text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    line text;
    result text := '';
BEGIN
    FOR line IN EXECUTE 'EXPLAIN (VERBOSE, COSTS OFF) ' || query LOOP
        result := result || line || E'\n';
    END LOOP;
    RETURN result;
END $$;

-- run_check: the distributed query against the local one, and its plan
-- against the shape.  One line "ok - ..." or "not ok - ..." plus # lines.
CREATE FUNCTION pg_temp.run_check(c checks) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE
    dist_query text := format(c.query, c.distributed);
    local_rows text;
    dist_rows text;
    plan text;
    shape_ok boolean;
    what text := format('%s: %s', c.shape, format(c.query, c.distributed));
BEGIN
    local_rows := pg_temp.sorted_rows(format(c.query, c.local));
    BEGIN
        dist_rows := pg_temp.sorted_rows(dist_query);
        plan := pg_temp.plan_text(dist_query);
    EXCEPTION WHEN OTHERS THEN
        RETURN NEXT 'not ok - ' || what;
        RETURN NEXT '#   ERROR: ' || SQLERRM;
        RETURN;
    END;
    IF c.shape = 'pushdown' THEN
        -- Nothing above the Citus scan, and the aggregate inside the workers' query.
        shape_ok := plan LIKE 'Custom Scan (Citus Adaptive)%' AND plan NOT LIKE '%worker_partial_agg%'
                    AND plan ~ ('Query: SELECT .*' || (SELECT proname FROM pg_proc WHERE oid = c.agg) || '\(');
    ELSE
        shape_ok := plan LIKE '%worker_partial_agg%' AND plan LIKE '%coord_combine_agg%';
    END IF;
    IF dist_rows IS NOT DISTINCT FROM local_rows AND shape_ok AND local_rows NOT LIKE '0 rows%' THEN
        RETURN NEXT format('ok - %s: the local result (%s)', what, split_part(local_rows, E'\n', 1));
    ELSE
        RETURN NEXT 'not ok - ' || what;
        IF NOT shape_ok THEN
            RETURN NEXT '#   plan not of the ' || c.shape || ' shape:';
            RETURN QUERY SELECT '#     ' || l FROM regexp_split_to_table(plan, E'\n') l WHERE l <> '';
        END IF;
        IF dist_rows IS DISTINCT FROM local_rows THEN
            RETURN NEXT '#   distributed: ' || replace(coalesce(dist_rows, 'NULL'), E'\n', ' | ');
            RETURN NEXT '#   local:       ' || replace(coalesce(local_rows, 'NULL'), E'\n', ' | ');
        END IF;
    END IF;
END $$;

SELECT pg_temp.run_check(c) FROM checks c ORDER BY n;

-- The combined shape in full, as a DBA sees it.
SELECT '# EXPLAIN VERBOSE of the combined shape:';
SELECT '#   ' || l FROM regexp_split_to_table(pg_temp.plan_text(
    'SELECT region, period, share_agg(has_work) FROM person_status GROUP BY region, period'), E'\n') l WHERE l <> '';

-- quota_deficit as a window over the distributed ledger: partitioned by the
-- distribution column, the whole window runs on the workers.
CREATE TEMP TABLE window_checks (n serial, query text);
INSERT INTO window_checks (query) VALUES
 ('SELECT municipality, period, quota, housed, quota_deficit(period, quota, housed, correction) OVER w, quota_deficit(period, quota, housed, correction, false) OVER w FROM %1$s WINDOW w AS (PARTITION BY municipality ORDER BY period)'),
 ('SELECT municipality, period, quota_deficit(period, quota::integer, housed::integer) OVER (PARTITION BY municipality ORDER BY period ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM %1$s'),
 ('SELECT municipality, period, quota_deficit(period, quota, housed, correction, true) OVER (PARTITION BY municipality) FROM %1$s');
SELECT CASE WHEN d.r = l.r AND l.r NOT LIKE '0 rows%' AND p LIKE 'Custom Scan (Citus Adaptive)%' AND p LIKE '%WindowAgg%'
            THEN 'ok - window: ' || format(w.query, 'ledger') || ': the local result (' || split_part(l.r, E'\n', 1) || ')'
            ELSE 'not ok - window: ' || format(w.query, 'ledger') || E'\n#   ' || replace(p, E'\n', E'\n#   ') END
FROM window_checks w,
     LATERAL (SELECT pg_temp.sorted_rows(format(w.query, 'ledger')) AS r) d,
     LATERAL (SELECT pg_temp.sorted_rows(format(w.query, 'ledger_local')) AS r) l,
     LATERAL (SELECT pg_temp.plan_text(format(w.query, 'ledger')) AS p) x
ORDER BY w.n;

-- The setting bites: an aggregate without a combine function cannot run
-- over the whole table, so the query fails instead of pulling rows.
CREATE AGGREGATE pg_temp.all_true(boolean) (SFUNC = booland_statefunc, STYPE = boolean);
CREATE FUNCTION pg_temp.error_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;
SELECT CASE WHEN e LIKE '%unsupported aggregate%' THEN 'ok' ELSE 'not ok' END
       || ' - control: an aggregate without a combine function over the whole table fails (' || e || ')'
FROM pg_temp.error_of('SELECT pg_temp.all_true(has_work) FROM person_status') e;

-- Every aggregate of u16 was checked in all three shapes.
SELECT CASE WHEN count(*) = 0 THEN 'ok' ELSE 'not ok' END
       || ' - every aggregate of u16 ran in the pushdown, combined and whole shapes'
       || coalesce(' (missing: ' || string_agg(missing, ', ') || ')', ' ('
                   || (SELECT count(DISTINCT agg) FROM checks) || ' aggregates)')
FROM (SELECT a.aggfnoid::regprocedure::text || ' ' || s.shape AS missing
      FROM pg_aggregate a
      JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = a.aggfnoid AND d.deptype = 'e'
      JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'u16',
           (VALUES ('pushdown'), ('combined'), ('whole')) s(shape)
      WHERE NOT EXISTS (SELECT FROM checks c WHERE c.agg = a.aggfnoid AND c.shape = s.shape)) m;
