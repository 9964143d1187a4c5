-- Every u16 aggregate can be split: by parallel query, by Citus (partial
-- aggregation on workers, states shipped as text or binary) and in TimescaleDB
-- continuous aggregates.  That needs, per aggregate: PARALLEL SAFE, a combine
-- function, a concrete (not pseudo-type, not internal) state type with text
-- and binary I/O, and no dependence on input order (no ordered-set kind).
-- A new aggregate appears in this list, so it cannot be added without
-- meeting the rules.
SELECT p.oid::regprocedure AS aggregate,
       a.aggkind = 'n' AS normal_kind,
       p.proparallel = 's' AS parallel_safe,
       a.aggcombinefn <> 0 AS has_combine,
       t.typname AS state_type,
       t.typtype <> 'p' AS concrete_state,
       t.typinput <> 0 AND t.typoutput <> 0 AND t.typreceive <> 0 AND t.typsend <> 0 AS state_has_text_and_binary_io,
       a.aggminvtransfn <> 0 AS moving_inverse
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_type t ON t.oid = a.aggtranstype
WHERE p.pronamespace = 'u16'::regnamespace
ORDER BY p.oid::regprocedure::text COLLATE "C";

-- The states round-trip exactly through their text form (Citus ships partial
-- states as text; the binary round trips are in share_io.sql and quota.sql).
SET search_path = public, u16;
SELECT s::text::share = s AS share_text
FROM (SELECT share_agg(i % 3 = 0) AS s FROM generate_series(1, 1000) i) x;
SELECT l::text = l::text::quota_ledger::text AS ledger_text
FROM (SELECT quota_ledger('2018H1'::period + i, i, i % 7, 1) AS l FROM generate_series(0, 9) i) x;
