-- make demo: what u16's share type and aggregates do, on a small example.
\pset footer off
SET client_min_messages = warning;
CREATE EXTENSION u16;
SET search_path = public, u16;

\echo
\echo '== u16 demo: counting shares of persons (k of n) =='
\echo
\echo 'A status snapshot of permit holders aged 18-65 in four U16 municipalities'
\echo '(pseudonymous, generated): has paid work? NULL = not known.'
CREATE TABLE status AS
SELECT m.code AS municipality, m.name, p AS person,
       CASE WHEN (p * 37 + m.seed) % 23 = 0 THEN NULL
            ELSE (p * 7919 + m.seed) % 100 < m.work_pct END AS has_work
FROM (VALUES ('GM0344', 'Utrecht', 420, 31, 1),
             ('GM0356', 'Nieuwegein', 80, 27, 2),
             ('GM0632', 'Woerden', 60, 35, 3),
             ('GM0589', 'Oudewater', 9, 40, 4)) AS m(code, name, persons, work_pct, seed),
     generate_series(1, m.persons) AS p;

\echo
\echo '1. Per municipality: share_agg counts k (true) of n (known), with a 95% Wilson interval.'
\echo '   Small municipalities get wide intervals: 9 persons tell little.'
SELECT municipality, name, share_agg(has_work) AS paid_work,
       round(100 * share_value(share_agg(has_work))::numeric, 1) AS pct,
       round(100 * ci_lower(share_agg(has_work))::numeric, 1) AS ci_low_pct,
       round(100 * ci_upper(share_agg(has_work))::numeric, 1) AS ci_high_pct
FROM status GROUP BY municipality, name ORDER BY municipality;

\echo
\echo '2. The region: rollup sums the municipal shares (counts, never averages of percentages).'
SELECT rollup(paid_work) AS region,
       round(100 * share_value(rollup(paid_work))::numeric, 1) AS region_pct,
       round(100 * avg(share_value(paid_work))::numeric, 1) AS wrong_average_of_pcts
FROM (SELECT municipality, share_agg(has_work) AS paid_work FROM status GROUP BY municipality) m;

\echo
\echo '3. Shares are exact values: they sort by proportion, and 1/2 is not the same observation as 2/4.'
SELECT s, share_value(s) AS value FROM (VALUES ('2/4'::share), ('45/60'), ('0/0'), ('1/2'), ('9/9')) v(s) ORDER BY s;

\echo
\echo '4. Invalid input is refused with a clear error (SQLSTATE 22P02 / 22003):'
\set ON_ERROR_STOP 0
SELECT '61/60'::share;
SELECT '45 van 60'::share;
\set ON_ERROR_STOP 1
\echo
