-- period: text and binary input/output
SET search_path = public, u16;

-- Valid literals: canonical output; accepted variants are an optional '-' before
-- H or Q, lower-case h and q, and whitespace around the whole literal.
SELECT p AS literal, p::period AS parsed, granularity(p::period)
FROM (VALUES ('2018'), ('2018H1'), ('2018H2'), ('2018Q1'), ('2018Q2'), ('2018Q3'), ('2018Q4'),
             ('2018-01'), ('2018-05'), ('2018-12'), ('2018-H1'), ('2018h2'), ('2018-h2'),
             ('2018-Q3'), ('2018q4'), ('2018-q1'), ('  2018H1  '), (E'\t2018-05\n'),
             ('1000'), ('9999'), ('1000-01'), ('9999-12'), ('9999H2'), ('9999Q4')) AS v(p);

-- Text round trip on every period of the whole range: output parses back to
-- the same value, and the canonical text is built independently in SQL.
WITH y AS (SELECT generate_series(1000, 9999) AS y),
texts AS (
    SELECT y::text AS t FROM y
    UNION ALL SELECT y || 'H' || h FROM y, generate_series(1, 2) h
    UNION ALL SELECT y || 'Q' || q FROM y, generate_series(1, 4) q
    UNION ALL SELECT y || '-' || lpad(m::text, 2, '0') FROM y, generate_series(1, 12) m
)
SELECT count(*) AS periods,
       count(*) FILTER (WHERE t::period::text = t) AS canonical,
       count(*) FILTER (WHERE t::period::text::period = t::period) AS round_trips,
       count(DISTINCT t::period) AS distinct_values
FROM texts;

-- Malformed text: 22P02 naming the text.  Years outside 1000..9999 are
-- malformed too.
\set VERBOSITY default
SELECT ''::period;
SELECT '   '::period;
SELECT '999'::period;
SELECT '0999'::period;
SELECT '10000'::period;
SELECT '-2018'::period;
SELECT '2018H0'::period;
SELECT '2018H3'::period;
SELECT '2018Q0'::period;
SELECT '2018Q5'::period;
SELECT '2018-00'::period;
SELECT '2018-13'::period;
SELECT '2018-5'::period;
SELECT '2018-005'::period;
SELECT '2018-'::period;
SELECT '2018H'::period;
SELECT '2018H12'::period;
SELECT '2018 H1'::period;
SELECT '2018--H1'::period;
SELECT '2018/05'::period;
SELECT '2018M05'::period;
SELECT '2018-05-01'::period;
SELECT '18H1'::period;
SELECT 'H1 2018'::period;
SELECT '2018H1x'::period;

-- SQLSTATEs, checked explicitly.
CREATE FUNCTION period_sqlstate_of(literal text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM literal::period;
    RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT literal, period_sqlstate_of(literal)
FROM (VALUES ('2018'), ('2018X1'), ('999'), ('10000'), ('2018-13'), ('2018Q5')) AS v(literal);

-- Binary round trip through COPY ... (FORMAT binary).
CREATE TABLE period_io_src (id int, p period);
INSERT INTO period_io_src VALUES (1, '2018'), (2, '2018H2'), (3, '2018Q3'), (4, '2018-05'),
    (5, NULL), (6, '1000'), (7, '9999-12');
\copy period_io_src TO 'results/period_io.bin' WITH (FORMAT binary)
CREATE TABLE period_io_dst (LIKE period_io_src);
\copy period_io_dst FROM 'results/period_io.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_back,
       count(*) FILTER (WHERE d.p IS NOT DISTINCT FROM s.p) AS identical
FROM period_io_src s JOIN period_io_dst d USING (id);

-- period_send: the code start_month * 4 + granularity as a big-endian int4,
-- start_month = year * 12 + month - 1.  2018H2: (2018 * 12 + 6) * 4 + 1 = 96889.
SELECT period_send('2018H2') AS sent, to_hex((2018 * 12 + 6) * 4 + 1) AS expected_hex;

-- Binary receive re-validates.
CREATE TABLE period_io_bytes (b bytea);
CREATE TABLE period_io_bad (p period);
-- A half-year starting in March (misaligned): (2018 * 12 + 2) * 4 + 1 = 96873.
INSERT INTO period_io_bytes VALUES (int4send((2018 * 12 + 2) * 4 + 1));
\copy period_io_bytes TO 'results/period_io_bad.bin' WITH (FORMAT binary)
\copy period_io_bad FROM 'results/period_io_bad.bin' WITH (FORMAT binary)
-- The year 999 (the month 999-12): (999 * 12 + 11) * 4 + 3 = 47999.
TRUNCATE period_io_bytes;
INSERT INTO period_io_bytes VALUES (int4send((999 * 12 + 11) * 4 + 3));
\copy period_io_bytes TO 'results/period_io_bad.bin' WITH (FORMAT binary)
\copy period_io_bad FROM 'results/period_io_bad.bin' WITH (FORMAT binary)
-- The year 10000: 10000 * 12 * 4 = 480000.
TRUNCATE period_io_bytes;
INSERT INTO period_io_bytes VALUES (int4send(480000));
\copy period_io_bytes TO 'results/period_io_bad.bin' WITH (FORMAT binary)
\copy period_io_bad FROM 'results/period_io_bad.bin' WITH (FORMAT binary)
-- A wrong length.
TRUNCATE period_io_bytes;
INSERT INTO period_io_bytes VALUES ('\x0017a7');
\copy period_io_bytes TO 'results/period_io_bad.bin' WITH (FORMAT binary)
\copy period_io_bad FROM 'results/period_io_bad.bin' WITH (FORMAT binary)
-- ...while the valid neighbours of those codes load: 2018Q2, 1000-01, 9999-12.
TRUNCATE period_io_bytes;
INSERT INTO period_io_bytes VALUES (int4send((2018 * 12 + 3) * 4 + 2)), (int4send(1000 * 12 * 4 + 3)),
    (int4send((9999 * 12 + 11) * 4 + 3));
\copy period_io_bytes TO 'results/period_io_good.bin' WITH (FORMAT binary)
\copy period_io_bad FROM 'results/period_io_good.bin' WITH (FORMAT binary)
SELECT p FROM period_io_bad ORDER BY p;
