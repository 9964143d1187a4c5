-- share: text and binary input/output
SET search_path = public, u16;

-- Valid literals: canonical output, whitespace around numbers and the slash.
SELECT s::text AS literal, s::share AS parsed, numerator(s::share), denominator(s::share)
FROM (VALUES ('45/60'), ('0/0'), ('0/10'), ('10/10'), ('  3/4  '), (E'\t3 / 4\n'),
             ('007/010'), ('9223372036854775807/9223372036854775807')) AS v(s);

-- Text round trip: output parses back to the same value.
SELECT s, s::text::share = s AS round_trips
FROM (VALUES ('45/60'::share), ('0/0'), ('9223372036854775806/9223372036854775807')) AS v(s);

-- Malformed text: 22P02 with the offending text.
\set VERBOSITY default
SELECT ''::share;
SELECT '   '::share;
SELECT '45'::share;
SELECT '45/'::share;
SELECT '/60'::share;
SELECT '45//60'::share;
SELECT '45/60/2'::share;
SELECT '45 60'::share;
SELECT '+45/60'::share;
SELECT '4.5/60'::share;
SELECT '1e2/200'::share;
SELECT '45/60x'::share;
SELECT 'x45/60'::share;
SELECT '0x10/20'::share;
SELECT '- 1/2'::share;
SELECT '45%'::share;
-- Readable but not a share: 22003.
SELECT '61/60'::share;
SELECT '1/0'::share;
SELECT '-1/3'::share;
SELECT '-1/-1'::share;
SELECT '9223372036854775808/9223372036854775808'::share;
SELECT '1/99999999999999999999999'::share;
-- A syntax error wins over a range error in the same literal.
SELECT '99999999999999999999/x'::share;

-- SQLSTATEs, checked explicitly.
CREATE FUNCTION sqlstate_of(literal text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM literal::share;
    RETURN 'valid';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT literal, sqlstate_of(literal)
FROM (VALUES ('45/60'), ('45/'), ('abc'), ('61/60'), ('-1/3'), ('99999999999999999999/1')) AS v(literal);

-- Binary round trip through COPY ... (FORMAT binary).
CREATE TABLE share_io_src (id int, s share);
INSERT INTO share_io_src VALUES (1, '45/60'), (2, '0/0'), (3, '0/10'), (4, NULL),
    (5, '9223372036854775807/9223372036854775807');
\copy share_io_src TO 'results/share_io.bin' WITH (FORMAT binary)
CREATE TABLE share_io_dst (LIKE share_io_src);
\copy share_io_dst FROM 'results/share_io.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_back,
       count(*) FILTER (WHERE d.s IS NOT DISTINCT FROM s.s) AS identical
FROM share_io_src s JOIN share_io_dst d USING (id);

-- share_send: numerator then denominator as big-endian int8.
SELECT share_send('45/60');

-- Binary receive re-validates: 16 bytes saying 5/3 are rejected.
CREATE TABLE share_io_bytes (b bytea);
INSERT INTO share_io_bytes VALUES ('\x00000000000000050000000000000003');
\copy share_io_bytes TO 'results/share_io_bad.bin' WITH (FORMAT binary)
CREATE TABLE share_io_bad (s share);
\copy share_io_bad FROM 'results/share_io_bad.bin' WITH (FORMAT binary)
-- ...and a wrong length is rejected too.
TRUNCATE share_io_bytes;
INSERT INTO share_io_bytes VALUES ('\x0000000000000005');
\copy share_io_bytes TO 'results/share_io_short.bin' WITH (FORMAT binary)
\copy share_io_bad FROM 'results/share_io_short.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_loaded FROM share_io_bad;
