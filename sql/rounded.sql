-- rounded(x, digits): the monitor's published fractions.  It must give the
-- numeric round(x::numeric, digits) gives, bit for bit (publish() compares
-- binary images: a different scale or last digit would rewrite every row).
-- Compared here as numeric_send() images and stored sizes, on random values
-- of every magnitude, on shares k/n and their Wilson bounds, on values built
-- next to a tie (m + 0.5) / 10^digits, and on the special values.
SET search_path = public, u16;
SELECT setseed(0.16);

CREATE TEMP TABLE rounding_case AS
SELECT random() AS x FROM generate_series(1, 50000)
UNION ALL SELECT (random() * 2 - 1) * 10 ^ (random() * 14 - 7) FROM generate_series(1, 50000)
UNION ALL SELECT (floor(random() * 1e6) + 0.5) / 1e6 FROM generate_series(1, 20000)
UNION ALL SELECT -(floor(random() * 1e6) + 0.5) / 1e6 FROM generate_series(1, 5000)
UNION ALL SELECT (floor(random() * 100) + 0.5) / 100 FROM generate_series(1, 5000)
UNION ALL SELECT k::float8 / n FROM generate_series(1, 150) n, generate_series(0, n) k
UNION ALL SELECT ci_lower(share(k, n)) FROM generate_series(1, 150) n, generate_series(0, n) k
UNION ALL SELECT ci_upper(share(k, n)) FROM generate_series(1, 150) n, generate_series(0, n) k
UNION ALL SELECT unnest('{NaN, Infinity, -Infinity, 0, -0, 1e300, -1e-300, 5e-7, 1.5e-6, 2.5e-7, 0.1234565,
                         999999999.5, 999.9999995, 1e-9, 0.5, -0.5, 2.5, 123456789.123456789}'::float8[]);

SELECT digits, count(*) > 100000 AS many_values,
       count(*) FILTER (WHERE numeric_send(rounded(x, digits)) IS DISTINCT FROM numeric_send(round(x::numeric, digits))
                           OR pg_column_size(rounded(x, digits)) <> pg_column_size(round(x::numeric, digits))) AS differing
FROM rounding_case, unnest('{0, 1, 2, 6, 9, 10, -2}'::int[]) AS digits
GROUP BY digits ORDER BY digits;

-- By hand: ties round away from zero, the scale is always digits, NULL in gives NULL out.
SELECT rounded(0.0000005, 6) AS up, rounded(-0.0000005, 6) AS down, rounded(0.25, 1) AS quarter,
       rounded(2.0 / 3, 6) AS two_thirds, rounded(1, 6) AS one, rounded(-1e-9, 6) AS minus_tiny,
       rounded('NaN', 6) AS nan, rounded(NULL, 6) IS NULL AS strict;
