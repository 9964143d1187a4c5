-- target: text and binary input/output, ordering and hashing
SET search_path = public, u16;
SET DateStyle = ISO, YMD;

-- Valid literals: canonical output.  Accepted variants: whitespace around the
-- literal, between operator and number and before '%'; words in any case;
-- trailing zeros of decimals.
SELECT t AS literal, t::target AS parsed
FROM (VALUES ('>= 90%'), ('> 50%'), ('<= 5%'), ('< 5%'), ('= 100%'), ('>= 0%'), ('>= 0.0001%'),
             ('>= 12.3456%'), ('>= 90.50%'), ('>= 90.0000%'), ('>=90%'), ('  >=   90 %  '), ('>= 007%'),
             ('>= 1'), ('<= 3'), ('= 0'), ('> 2147483647'), ('<1'), ('>= 0010'),
             ('rise'), ('fall'), ('RISE'), (' Fall '),
             ('by 2018-06-01'), ('BY 2018-03-01'), ('by   2020-02-29'), ('by 1000-01-01'), ('by 9999-12-31'),
             ('before 2018-03-01'), ('Before 2018-03-01 '), ('before 1000-01-01')) AS v(t);

-- Round trips, with the canonical text built independently: every share
-- threshold whose parts per million are a multiple of 37 (and 0.0001%, 100%),
-- with each operator.
WITH thresholds AS (
    SELECT op, ppm, op || ' ' || trim_scale(ppm / 10000.0)::text || '%' AS t
    FROM unnest(ARRAY['<', '<=', '=', '>=', '>']) op,
         (SELECT generate_series(0, 1000000, 37) AS ppm UNION VALUES (1), (1000000)) p
)
SELECT count(*) AS share_thresholds,
       count(*) FILTER (WHERE t::target::text = t) AS canonical,
       count(*) FILTER (WHERE t::target::text::target = t::target) AS round_trips,
       count(DISTINCT t::target) AS distinct_values
FROM thresholds;
-- Count thresholds.
WITH thresholds AS (
    SELECT op || ' ' || n AS t
    FROM unnest(ARRAY['<', '<=', '=', '>=', '>']) op,
         unnest(ARRAY[0, 1, 2, 9, 10, 99, 1000, 65535, 65536, 2147483646, 2147483647]) n
)
SELECT count(*) AS count_thresholds, count(*) FILTER (WHERE t::target::text = t) AS canonical,
       count(DISTINCT t::target) AS distinct_values
FROM thresholds;
-- Deadlines on every 13th day of the whole range and every day of 1999..2001
-- and 2020: the text is PostgreSQL's own date output, and attainment on
-- the deadline day itself and the day after checks that the stored day is
-- that date.
WITH days AS (
    SELECT d::date AS d FROM generate_series(date '1000-01-01', date '9999-12-31', '13 days') d
    UNION SELECT d::date FROM generate_series(date '1999-01-01', date '2001-12-31', '1 day') d
    UNION SELECT d::date FROM generate_series(date '2020-01-01', date '2020-12-31', '1 day') d
    UNION VALUES (date '9999-12-31')
)
SELECT count(*) AS deadlines,
       count(*) FILTER (WHERE ('by ' || d)::target::text = 'by ' || d) AS canonical,
       count(*) FILTER (WHERE attainment(d, ('by ' || d)::target, d) = 'met'
                          AND attainment(NULL, ('by ' || d)::target, d) = 'pending') AS deadline_day_ok,
       count(*) FILTER (WHERE d = '9999-12-31'
                           OR (attainment(d + 1, ('by ' || d)::target, d + 1) = 'not met'
                               AND attainment(NULL, ('by ' || d)::target, d + 1) = 'not met')) AS day_after_ok
FROM days;

-- Malformed text: 22P02 naming the text.
\set VERBOSITY default
SELECT ''::target;
SELECT '90%'::target;
SELECT '>= '::target;
SELECT '>= %'::target;
SELECT '>= 90.12345%'::target;
SELECT '>= 90.%'::target;
SELECT '>= .5%'::target;
SELECT '>= 1.5'::target;
SELECT '>= 90%%'::target;
SELECT '>= 90% x'::target;
SELECT '=> 90%'::target;
SELECT '== 90%'::target;
SELECT '<> 90%'::target;
SELECT '!= 1'::target;
SELECT '≥ 90%'::target;
SELECT '>= 1e2'::target;
SELECT '>= +5'::target;
SELECT '>= 0x10'::target;
SELECT 'rises'::target;
SELECT 'rise 5%'::target;
SELECT 'up'::target;
SELECT 'by'::target;
SELECT 'by2018-06-01'::target;
SELECT 'by 2018-6-1'::target;
SELECT 'by 2018-02-29'::target;
SELECT 'by 1900-02-29'::target;
SELECT 'by 2018-04-31'::target;
SELECT 'by 2018-13-01'::target;
SELECT 'by 2018-06-00'::target;
SELECT 'by 0999-12-31'::target;
SELECT 'by 10000-01-01'::target;
SELECT 'by 2018-06-01 12:00'::target;
SELECT 'before'::target;
SELECT 'before2018-03-01'::target;
SELECT 'befor 2018-03-01'::target;
SELECT 'before 2018-02-30'::target;
-- Readable but out of range: 22003.
SELECT '>= 100.0001%'::target;
SELECT '>= 101%'::target;
SELECT '>= -5%'::target;
SELECT '>= 99999999999999999999999%'::target;
SELECT '>= -1'::target;
SELECT '>= 2147483648'::target;
SELECT '<= 99999999999999999999999'::target;

CREATE FUNCTION target_sqlstate_of(literal text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM literal::target;
    RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT literal, target_sqlstate_of(literal)
FROM (VALUES ('>= 90%'), ('>= 90.12345%'), ('by 2018-02-29'), ('rises'), ('>= 101%'), ('>= -1'),
             ('>= 2147483648'), ('by 2018-06-01')) AS v(literal);

-- Binary round trip through COPY ... (FORMAT binary).
CREATE TABLE target_io_src (id int, t target);
INSERT INTO target_io_src VALUES (1, '>= 90%'), (2, '< 0.0001%'), (3, '>= 1'), (4, NULL), (5, 'rise'),
    (6, 'fall'), (7, 'by 2018-06-01'), (8, 'by 1000-01-01'), (9, '> 2147483647'), (10, '= 100%');
\copy target_io_src TO 'results/target_io.bin' WITH (FORMAT binary)
CREATE TABLE target_io_dst (LIKE target_io_src);
\copy target_io_dst FROM 'results/target_io.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_back,
       count(*) FILTER (WHERE d.t IS NOT DISTINCT FROM s.t) AS identical
FROM target_io_src s JOIN target_io_dst d USING (id);

-- target_send: kind << 40 | operator << 32 | (value + 2^31) as a big-endian int8.
-- '>= 90%': kind 1, operator 4 (>=), 900000 parts per million.
-- 'by 2018-06-01': kind 4, operator 0, the date as days since 2000-01-01.
SELECT target_send('>= 90%') = int8send((1::bigint << 40) | (4::bigint << 32) | (900000 + 2147483648)) AS share_bytes,
       target_send('<= 3') = int8send((2::bigint << 40) | (2::bigint << 32) | (3 + 2147483648)) AS count_bytes,
       target_send('fall') = int8send((3::bigint << 40) | (2::bigint << 32) | 2147483648) AS change_bytes,
       target_send('by 2018-06-01') = int8send((4::bigint << 40) | ((date '2018-06-01' - date '2000-01-01') + 2147483648)) AS deadline_bytes,
       target_send('by 1999-12-31') = int8send((4::bigint << 40) | (-1 + 2147483648)) AS deadline_before_2000,
       target_send('before 2018-03-01') = int8send((4::bigint << 40) | (1::bigint << 32) | ((date '2018-03-01' - date '2000-01-01') + 2147483648)) AS strict_deadline_bytes;

-- Binary receive re-validates each of these codes.
CREATE TABLE target_io_codes (why text, code bigint);
INSERT INTO target_io_codes VALUES
    ('kind 0', (0::bigint << 40) | (4::bigint << 32) | 2147483648),
    ('kind 5', (5::bigint << 40) | (4::bigint << 32) | 2147483648),
    ('operator 0 on a share', (1::bigint << 40) | 2147483648),
    ('operator 6 on a count', (2::bigint << 40) | (6::bigint << 32) | 2147483648),
    ('share above 100%', (1::bigint << 40) | (4::bigint << 32) | (1000001 + 2147483648)),
    ('negative share', (1::bigint << 40) | (4::bigint << 32) | (-1 + 2147483648)),
    ('negative count', (2::bigint << 40) | (4::bigint << 32) | (-1 + 2147483648)),
    ('change operator 3', (3::bigint << 40) | (3::bigint << 32) | 2147483648),
    ('rise with a value', (3::bigint << 40) | (1::bigint << 32) | (5 + 2147483648)),
    ('deadline with an operator', (4::bigint << 40) | (4::bigint << 32) | 2147483648),
    ('deadline 0999-12-31', (4::bigint << 40) | ((date '0999-12-31' - date '2000-01-01') + 2147483648)),
    ('deadline 10000-01-01', (4::bigint << 40) | ((date '10000-01-01' - date '2000-01-01') + 2147483648)),
    ('negative code', -1),
    ('high bits set', (1::bigint << 48) | (1::bigint << 40) | (4::bigint << 32) | 2147483648);
-- Each code goes through \copy as the single column of a one-row file; every
-- load fails.
CREATE TABLE target_io_bytes (b bytea);
CREATE TABLE target_io_bad (t target);
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'kind 0';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'kind 5';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'operator 0 on a share';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'operator 6 on a count';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'share above 100%';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'negative share';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'negative count';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'change operator 3';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'rise with a value';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'deadline with an operator';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'deadline 0999-12-31';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'deadline 10000-01-01';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'negative code';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes SELECT int8send(code) FROM target_io_codes WHERE why = 'high bits set';
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
-- A wrong length.
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes VALUES ('\x000001040000');
\copy target_io_bytes TO 'results/target_io_bad.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_bad.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_loaded FROM target_io_bad;
-- ...while the valid neighbours load: 100%, 0%, 2147483647, fall, the range's ends.
TRUNCATE target_io_bytes;
INSERT INTO target_io_bytes VALUES
    (int8send((1::bigint << 40) | (4::bigint << 32) | (1000000 + 2147483648))),
    (int8send((1::bigint << 40) | (4::bigint << 32) | 2147483648)),
    (int8send((2::bigint << 40) | (5::bigint << 32) | 4294967295)),
    (int8send((3::bigint << 40) | (2::bigint << 32) | 2147483648)),
    (int8send((4::bigint << 40) | ((date '1000-01-01' - date '2000-01-01') + 2147483648))),
    (int8send((4::bigint << 40) | ((date '9999-12-31' - date '2000-01-01') + 2147483648)));
\copy target_io_bytes TO 'results/target_io_good.bin' WITH (FORMAT binary)
\copy target_io_bad FROM 'results/target_io_good.bin' WITH (FORMAT binary)
SELECT t FROM target_io_bad;

-- Accessors: target_kind, target_threshold (a proportion for shares, the count
-- for counts) and target_deadline, against the text each target was written as.
SELECT t, target_kind(t::target), target_threshold(t::target), target_deadline(t::target)
FROM (VALUES ('>= 90%'), ('> 50.25%'), ('<= 5%'), ('< 0.0001%'), ('= 100%'), ('>= 1'), ('< 2147483647'),
             ('rise'), ('fall'), ('by 2018-06-01'), ('before 2018-03-01')) v(t);
-- Every share threshold of the round trip above: threshold * 100 is the number written.
WITH thresholds AS (
    SELECT op, ppm, op || ' ' || trim_scale(ppm / 10000.0)::text || '%' AS t
    FROM unnest(ARRAY['<', '<=', '=', '>=', '>']) op,
         (SELECT generate_series(0, 1000000, 37) AS ppm UNION VALUES (1), (1000000)) p
)
SELECT count(*) AS share_thresholds,
       count(*) FILTER (WHERE target_threshold(t::target) = ppm / 1000000.0) AS threshold_agrees,
       count(*) FILTER (WHERE target_kind(t::target) = CASE op WHEN '<' THEN 'below' WHEN '<=' THEN 'at_most'
                                                              WHEN '=' THEN 'exactly' WHEN '>=' THEN 'at_least'
                                                              ELSE 'above' END) AS kind_agrees
FROM thresholds;
