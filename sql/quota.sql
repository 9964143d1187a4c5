-- Housing quota: statutory formula, quota ledger with carry-over (docs/domain.md)
SET search_path = public, u16;

-- Statutory quota: national 13,000, municipality 10,000, NL 17,000,000 -> 7.65 -> 8.
SELECT statutory_quota(13000, 10000, 17000000) AS domain_example,
       statutory_quota(17000, 10000, 17000000) AS exact_division,
       statutory_quota(0, 10000, 17000000) AS nothing,
       statutory_quota(9000000000000000000, 9000000000000000000, 9000000000000000000) AS near_bigint_max;
-- Against ceil() in numeric arithmetic on a grid of inputs.
SELECT count(*) AS cases,
       count(*) FILTER (WHERE statutory_quota(t, i, n) <> ceil(t::numeric * i / n)) AS mismatches
FROM generate_series(0, 20000, 1999) t, generate_series(0, 400000, 33333) i,
     (VALUES (17081507), (400001), (1)) v(n);
SELECT statutory_quota(100, 10, 0);
SELECT statutory_quota(100, 10, -5);
SELECT statutory_quota(-1, 10, 100);
SELECT statutory_quota(100, -10, 100);
SELECT statutory_quota(9000000000000000000, 9000000000000000000, 1);

-- Worked examples.  An opening balance B carried into period P is a row
-- (P - 1, quota 0, housed 0, correction B).
-- Dalfsen 2018: quota 40, deficit carried 20 -> obligation 60; housed 45 -> 75%.
-- Dalfsen 2019: quota 20 + deficit 15 = 35; housed 24 -> 68.6%.
SELECT r.period, r.quota, r.carried_in, r.obligation, r.housed, r.closing_balance,
       round(r.realisation_obligation::numeric, 3) AS realisation_obligation
FROM (SELECT quota_ledger(p, q, h, c) AS l
      FROM (VALUES ('2017'::period, 0, 0, 20), ('2018', 40, 45, 0), ('2019', 20, 24, 0))
           v(p, q, h, c)) x,
     ledger_rows(l) r;
-- Stichtse Vecht 2021-H1: deficit 20 + quota 50 = 70; housed 32 -> deficit 38;
-- 2021-H2: quota 41 + 38 = obligation 79.
SELECT r.period, r.carried_in, r.quota, r.obligation, r.housed, r.closing_balance
FROM (SELECT quota_ledger(p, q, h, c) AS l
      FROM (VALUES ('2020H2'::period, 0, 0, 20), ('2021H1', 50, 32, 0), ('2021H2', 41, 0, 0))
           v(p, q, h, c)) x,
     ledger_rows(l) r WHERE r.period >= '2021H1';
-- Gooise Meren 2020: quotas 18 (H1) + 22 (H2), housed 46 in the year -> surplus 6.
SELECT quota_deficit(p, q, h) AS year_balance
FROM (VALUES ('2020'::period, 18 + 22, 46)) v(p, q, h);
SELECT quota_deficit(p, q, h) AS halfyear_balance
FROM (VALUES ('2020H1'::period, 18, 20), ('2020H2', 22, 26)) v(p, q, h);

-- Both policies: a surplus of 5, then 8 housed of 10.
-- Carried: obligation 10 - 5 = 5, closing -3.  Not carried: obligation 10, closing 2.
SELECT quota_deficit(p, q, h, 0, true) AS carry_surplus,
       quota_deficit(p, q, h, 0, false) AS no_carry,
       quota_deficit(p, q, h) AS default_carries
FROM (VALUES ('2018H1'::period, 10::bigint, 15::bigint), ('2018H2', 10, 8)) v(p, q, h);
SELECT r.period, r.carried_in, r.obligation, r.closing_balance, r.met_quota, r.met_obligation,
       r.realisation_obligation
FROM (SELECT quota_ledger(p, q, h, 0, false) AS l
      FROM (VALUES ('2018H1'::period, 10::bigint, 15::bigint), ('2018H2', 10, 8)) v(p, q, h)) x,
     ledger_rows(l) r;

-- Corrections adjust the closing balance.
SELECT quota_deficit(p, q, h, c) AS with_corrections
FROM (VALUES ('2018H1'::period, 10, 8, 1), ('2018H2', 10, 10, -2)) v(p, q, h, c);

-- Gaps are periods with nothing in them; consecutive misses are counted;
-- an obligation <= 0 counts as met and has no realisation.
SELECT r.*
FROM (SELECT quota_ledger(p, q, h) AS l
      FROM (VALUES ('2018H1'::period, 10, 4), ('2019H1', 10, 6), ('2019H2', 0, 20), ('2020H1', 0, 0)) v(p, q, h)) x,
     ledger_rows(l) r;
SELECT closing_balance(l), carried_in(l), obligation(l), missed_in_a_row(l)
FROM (SELECT quota_ledger(p, q, h) AS l
      FROM (VALUES ('2018H1'::period, 10, 4), ('2018H2', 10, 6)) v(p, q, h)) x;
SELECT closing_balance('{}'::quota_ledger) IS NULL AS empty_is_null,
       quota_deficit(p, q, h) IS NULL AS no_rows_is_null
FROM (VALUES ('2018H1'::period, 10, 4)) v(p, q, h) WHERE false;

-- NULL quota, housed or correction count as 0; NULL carry_surplus is the default.
SELECT quota_deficit(p, q, h, c, s) AS nulls_as_zero
FROM (VALUES ('2018H1'::period, 10::bigint, NULL::bigint, NULL::bigint, NULL::boolean),
             ('2018H2', NULL, 3, 1, NULL)) v(p, q, h, c, s);

-- The transition function called directly (SQLsmith found that a NULL ledger
-- crashed the server): a NULL ledger is the empty ledger {}, so an aggregate
-- of the user's without INITCOND works too; a NULL period is still an error.
SELECT quota_ledger_accum(NULL, '2018H1', 40, 45) AS from_null,
       quota_ledger_accum(NULL, '2018H1', 40, 45, 0, false) AS from_null_no_carry,
       quota_ledger_accum('{}', '2018H1', 40, 45) AS from_empty,
       quota_ledger_accum('{carry_surplus=true;2018H1=40/45/0}', '2018H2', 20, 10, 2) AS from_ledger;
SELECT quota_ledger_combine(quota_ledger_accum(quota_ledger_in(NULL::cstring), NULL::period, NULL::bigint, NULL::bigint),
                            NULL::quota_ledger) AS sqlsmith_case;
SELECT quota_ledger_accum(NULL, NULL, NULL::bigint, NULL::bigint);
SELECT quota_ledger_accum(NULL, NULL, NULL::integer, NULL::integer);
-- Untyped NULL counts fit both overloads: ambiguous, as sum(NULL) is.  (Terse:
-- PostgreSQL 19 words the hint differently.)
\set VERBOSITY terse
SELECT quota_ledger_accum(NULL, NULL, NULL, NULL);
\set VERBOSITY default
CREATE AGGREGATE pg_temp.ledger_without_initcond(period, bigint, bigint) (
    SFUNC = quota_ledger_accum, STYPE = quota_ledger);
SELECT pg_temp.ledger_without_initcond(p, q, h ORDER BY p) AS without_initcond,
       quota_ledger(p, q, h ORDER BY p) AS with_initcond
FROM (VALUES ('2018H1'::period, 40, 45), ('2018H2', 20, 10)) v(p, q, h);

-- Row order does not matter.
CREATE TABLE quota_rows AS
SELECT m AS municipality, '2010H1'::period + (h - 1) AS period,
       (m * 7 + h * 13) % 40 AS quota, (m * 11 + h * 5) % 45 AS housed,
       CASE WHEN (m + h) % 9 = 0 THEN (m % 5) - 2 ELSE 0 END AS correction
FROM generate_series(1, 60) m, generate_series(1, 20) h;
SELECT count(*) AS municipalities,
       count(*) FILTER (WHERE a = b AND a = c) AS order_independent,
       count(*) FILTER (WHERE na = nb) AS order_independent_no_carry
FROM (SELECT municipality,
             quota_deficit(period, quota, housed, correction ORDER BY period) AS a,
             quota_deficit(period, quota, housed, correction ORDER BY period DESC) AS b,
             quota_deficit(period, quota, housed, correction ORDER BY (quota * 31 + housed) % 17) AS c,
             quota_deficit(period, quota, housed, correction, false ORDER BY period) AS na,
             quota_deficit(period, quota, housed, correction, false ORDER BY period DESC) AS nb
      FROM quota_rows GROUP BY municipality) x;

-- The window form against a plain recursive CTE, both policies.
WITH RECURSIVE ordered AS (
    SELECT municipality, period, quota, housed, correction,
           row_number() OVER (PARTITION BY municipality ORDER BY period) AS n
    FROM quota_rows
), walk AS (
    SELECT municipality, n, (quota + 0 - housed + correction)::bigint AS carried_balance,
           (quota + 0 - housed + correction)::bigint AS plain_balance
    FROM ordered WHERE n = 1
    UNION ALL
    SELECT o.municipality, o.n,
           w.carried_balance + o.quota - o.housed + o.correction,
           greatest(w.plain_balance, 0) + o.quota - o.housed + o.correction
    FROM walk w JOIN ordered o ON o.municipality = w.municipality AND o.n = w.n + 1
), windowed AS (
    SELECT municipality, row_number() OVER w AS n,
           quota_deficit(period, quota, housed, correction) OVER w AS carried_balance,
           quota_deficit(period, quota, housed, correction, false) OVER w AS plain_balance
    FROM quota_rows WINDOW w AS (PARTITION BY municipality ORDER BY period)
)
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE w.carried_balance = c.carried_balance) AS carry_equal,
       count(*) FILTER (WHERE w.plain_balance = c.plain_balance) AS no_carry_equal,
       count(*) FILTER (WHERE c.plain_balance <> c.carried_balance) AS policies_differ
FROM windowed w JOIN walk c USING (municipality, n);

-- Integer counts (the rows above) and bigint counts give the same balances and
-- ledgers: the integer overloads only spare a cast a row.  The no-carry balance
-- also equals its closed form in plain window SQL (Lindley's recursion): the
-- running sum minus the lowest running sum before the row, when that is below 0.
SELECT count(*) AS rows_checked,
       count(*) FILTER (WHERE carried_int = carried_bigint AND plain_int = plain_bigint) AS int_equals_bigint,
       count(*) FILTER (WHERE ledger_int = ledger_bigint) AS ledgers_equal,
       count(*) FILTER (WHERE plain_int = running_sum - least(coalesce(lowest_before, 0), 0)) AS closed_form_equal
FROM (SELECT quota_deficit(period, quota, housed, correction) OVER w AS carried_int,
             quota_deficit(period, quota::bigint, housed::bigint, correction::bigint) OVER w AS carried_bigint,
             quota_deficit(period, quota, housed, correction, false) OVER w AS plain_int,
             quota_deficit(period, quota::bigint, housed::bigint, correction::bigint, false) OVER w AS plain_bigint,
             quota_ledger(period, quota, housed, correction, false) OVER w::text AS ledger_int,
             quota_ledger(period, quota::bigint, housed::bigint, correction::bigint, false) OVER w::text AS ledger_bigint,
             running_sum,
             min(running_sum) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS lowest_before
      FROM (SELECT *, sum(quota - housed + correction) OVER (PARTITION BY municipality ORDER BY period) AS running_sum
            FROM quota_rows) r
      WINDOW w AS (PARTITION BY municipality ORDER BY period)) x;
-- Which overload: integer counts (with smallints) take the integer one, a
-- bigint among them the bigint one; NULLs count as 0 in both.  All-smallint
-- counts fit both equally: PostgreSQL asks for a cast (docs/reference.md).
CREATE TEMP TABLE small_counts (p period, q smallint, h smallint);
INSERT INTO small_counts VALUES ('2018H1', 10, 4), ('2018H2', 10, 6);
SELECT quota_deficit(p, q::integer, h) AS smallint_and_integer_counts,
       quota_deficit(p, q, h::bigint) AS mixed_counts,
       quota_deficit(p, q::integer, NULL::integer, 1) AS null_housed_int,
       quota_deficit(p, q::bigint, NULL::bigint, 1) AS null_housed_bigint
FROM small_counts;
\set VERBOSITY terse
SELECT quota_deficit(p, q, h) FROM small_counts;
\set VERBOSITY default

-- Long ledgers: 150 half-years, more than a ledger's first allocation inside an
-- aggregate (64 periods), so the state grows twice; window and ORDER BY forms
-- against the recursive CTE.
CREATE TABLE quota_long AS
SELECT m AS municipality, '1950H1'::period + (h - 1) AS period, h AS n,
       (m * 7 + h * 13) % 40 AS quota, (m * 11 + h * 5) % 45 AS housed
FROM generate_series(1, 5) m, generate_series(1, 150) h;
WITH RECURSIVE walk AS (
    SELECT municipality, n, (quota - housed)::bigint AS balance FROM quota_long WHERE n = 1
    UNION ALL
    SELECT l.municipality, l.n, w.balance + l.quota - l.housed
    FROM walk w JOIN quota_long l ON l.municipality = w.municipality AND l.n = w.n + 1
), windowed AS (
    SELECT municipality, n, quota_deficit(period, quota, housed) OVER (PARTITION BY municipality ORDER BY period) AS balance
    FROM quota_long
), grouped AS (
    SELECT municipality, quota_deficit(period, quota, housed ORDER BY period) AS up,
           quota_deficit(period, quota, housed ORDER BY period DESC) AS down
    FROM quota_long GROUP BY municipality
)
SELECT (SELECT count(*) FROM windowed w JOIN walk c USING (municipality, n) WHERE w.balance = c.balance) AS window_rows_equal,
       (SELECT count(*) FROM grouped g JOIN walk c ON c.municipality = g.municipality AND c.n = 150
        WHERE g.up = c.balance AND g.down = c.balance) AS ledgers_equal;

-- Forced parallel equals serial.
CREATE TABLE quota_big AS
SELECT m AS municipality, '2000H1'::period + (h - 1) AS period,
       (m * 7 + h * 13) % 40 AS quota, (m * 11 + h * 5) % 45 AS housed
FROM generate_series(1, 400) m, generate_series(1, 40) h;
ANALYZE quota_big;
CREATE TEMP TABLE quota_serial AS
SELECT municipality, quota_deficit(period, quota, housed) AS b FROM quota_big GROUP BY municipality;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SET parallel_leader_participation = off;
SET enable_hashagg = off;
EXPLAIN (COSTS OFF) SELECT quota_ledger(period, quota, housed) FROM quota_big WHERE municipality = 7;
SELECT closing_balance(quota_ledger(period, quota, housed)) = (SELECT b FROM quota_serial WHERE municipality = 7) AS parallel_equals_serial
FROM quota_big WHERE municipality = 7;
SELECT count(*) AS municipalities, count(*) FILTER (WHERE p.b = s.b) AS equal
FROM (SELECT municipality, quota_deficit(period, quota, housed) AS b FROM quota_big GROUP BY municipality) p
JOIN quota_serial s USING (municipality);
RESET ALL;
SET search_path = public, u16;

-- Errors name the period.
SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, 10, 4), ('2018H1', 5, 5)) v(p, q, h);
SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, 10, 4), ('2018', 5, 5)) v(p, q, h);
SELECT quota_deficit(p, q, h) FROM (VALUES (NULL::period, 10, 4)) v(p, q, h);
SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, -1, 4)) v(p, q, h);
SELECT quota_deficit(p, q, h, 0, s) FROM (VALUES ('2018H1'::period, 1, 4, true), ('2018H2', 1, 1, false)) v(p, q, h, s);
SELECT quota_deficit(p, q, h) FROM (VALUES ('2018H1'::period, 9223372036854775807, 0), ('2018H2', 9223372036854775807, 0)) v(p, q, h);

-- Text and binary forms of the ledger.
SELECT quota_ledger(p, q, h, c, false)
FROM (VALUES ('2019H1'::period, 8, 7, -1), ('2018H2', 10, 4, 0)) v(p, q, h, c);
SELECT l, l::text::quota_ledger::text = l::text AS round_trips
FROM (VALUES ('{}'::quota_ledger), (' { carry_surplus = true ; 2018H1 = 40 / 45 / 0 ; 2018H2=1/2/-3 } ')) v(l);
SELECT '{carry_surplus=maybe}'::quota_ledger;
SELECT '{carry_surplus=true;2018H1=40/45}'::quota_ledger;
SELECT '{carry_surplus=true;2018X1=40/45/0}'::quota_ledger;
SELECT '{carry_surplus=true;2018H1=40/45/0;2018H1=1/1/1}'::quota_ledger;
SELECT closing_balance('{carry_surplus=true;2018H1=40/45/0;2018H1=1/1/1}'::text::quota_ledger);
CREATE TABLE quota_ledgers (id int, l quota_ledger);
INSERT INTO quota_ledgers
SELECT municipality, quota_ledger(period, quota, housed) FROM quota_rows WHERE municipality <= 3 GROUP BY municipality;
INSERT INTO quota_ledgers VALUES (4, '{}');
\copy quota_ledgers TO 'results/quota_ledgers.bin' WITH (FORMAT binary)
CREATE TABLE quota_ledgers_back (LIKE quota_ledgers);
\copy quota_ledgers_back FROM 'results/quota_ledgers.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_back, count(*) FILTER (WHERE a.l::text = b.l::text) AS identical
FROM quota_ledgers a JOIN quota_ledgers_back b USING (id);
-- Stored ledgers roll up further: combine two halves of a municipality's rows.
SELECT closing_balance(quota_ledger_combine(a, b)) = (SELECT quota_deficit(period, quota, housed) FROM quota_rows WHERE municipality = 5) AS combine_equals_whole
FROM (SELECT quota_ledger(period, quota, housed) FILTER (WHERE period < '2015H1') AS a,
             quota_ledger(period, quota, housed) FILTER (WHERE period >= '2015H1') AS b
      FROM quota_rows WHERE municipality = 5) x;

-- Ledgers built in ascending order (cached last step, O(1) a row) and in any
-- other order (sorted and walked) agree with each other and with the last row
-- of ledger_rows, also across gaps, for both policies.
CREATE TABLE quota_gappy AS
SELECT * FROM quota_rows WHERE (municipality * 3 + (period - '2010H1'::period)) % 4 <> 0;
SELECT count(*) AS ledgers,
       count(*) FILTER (WHERE (closing_balance(up), carried_in(up), obligation(up), missed_in_a_row(up))
                            = (closing_balance(down), carried_in(down), obligation(down), missed_in_a_row(down))) AS orders_agree,
       count(*) FILTER (WHERE (closing_balance(up), carried_in(up), obligation(up), missed_in_a_row(up))
                            = (SELECT r.closing_balance, r.carried_in, r.obligation, r.missed_in_a_row::bigint
                               FROM ledger_rows(down) r ORDER BY r.period DESC LIMIT 1)) AS rows_agree,
       sum((SELECT count(*) FROM ledger_rows(up)) - (SELECT count(*) FROM quota_gappy g WHERE g.municipality = x.municipality))
           FILTER (WHERE carry) AS gap_rows_listed,
       (SELECT count(*) FROM quota_rows r
        WHERE NOT EXISTS (SELECT FROM quota_gappy g WHERE (g.municipality, g.period) = (r.municipality, r.period))
          AND r.period > (SELECT min(period) FROM quota_gappy g WHERE g.municipality = r.municipality)
          AND r.period < (SELECT max(period) FROM quota_gappy g WHERE g.municipality = r.municipality)) AS rows_removed_inside
FROM (SELECT municipality, carry,
             quota_ledger(period, quota, housed, correction, carry ORDER BY period) AS up,
             quota_ledger(period, quota, housed, correction, carry ORDER BY period DESC) AS down
      FROM quota_gappy, (VALUES (true), (false)) c(carry)
      GROUP BY municipality, carry) x;
