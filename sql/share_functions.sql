-- share: constructor, accessors, Wilson interval, addition
SET search_path = public, u16;

SELECT share(45, 60), share(0, 0), share(0, 10), share(10, 10);
SELECT share(61, 60);
SELECT share(-1, 3);
SELECT share(1, -1);
SELECT share(NULL, 3) IS NULL AS strict;

SELECT numerator('45/60'), denominator('45/60'),
       share_value('45/60') = 45.0 / 60 AS value_is_k_over_n,
       share_value('0/10'), share_value('10/10'), share_value('0/0') IS NULL AS empty_is_null;

-- Wilson score interval, checked against the values in the issue
-- (45/60 at 95%: 0.627679 .. 0.842235; 0/10: 0 .. 0.277533).
SELECT round(ci_lower('45/60')::numeric, 6) AS lower_45_60,
       round(ci_upper('45/60')::numeric, 6) AS upper_45_60,
       round(ci_lower('0/10')::numeric, 6) AS lower_0_10,
       round(ci_upper('0/10')::numeric, 6) AS upper_0_10,
       ci_upper('10/10') AS upper_10_10;

-- ...and against the closed form computed in plain SQL with z = 1.959963984540054
-- (the 97.5% normal quantile), at the default level and at 90% (z = 1.6448536269514722).
WITH cases(k, n, level, z) AS (
    VALUES (45, 60, 0.95, 1.959963984540054), (1, 3, 0.95, 1.959963984540054),
           (123, 4567, 0.95, 1.959963984540054), (7, 9, 0.90, 1.6448536269514722),
           (500, 1000, 0.90, 1.6448536269514722)
), closed AS (
    SELECT k, n, level,
           ((k::float8 / n) + z * z / (2 * n)) / (1 + z * z / n) AS centre,
           z * sqrt((k::float8 / n) * (1 - k::float8 / n) / n + z * z / (4.0 * n * n))
             / (1 + z * z / n) AS half
    FROM cases
)
SELECT k, n, level,
       abs(ci_lower(share(k, n), level) - (centre - half)) < 1e-12 AS lower_ok,
       abs(ci_upper(share(k, n), level) - (centre + half)) < 1e-12 AS upper_ok
FROM closed;

-- Wider confidence gives a wider interval, and the interval contains k/n.
SELECT ci_lower('45/60', 0.99) < ci_lower('45/60', 0.95) AS wider_lower,
       ci_upper('45/60', 0.99) > ci_upper('45/60', 0.95) AS wider_upper,
       ci_lower('45/60') < share_value('45/60') AND share_value('45/60') < ci_upper('45/60') AS contains;

SELECT ci_lower('0/0') IS NULL AS lower_empty, ci_upper('0/0') IS NULL AS upper_empty;
SELECT ci_lower('45/60', 0);
SELECT ci_upper('45/60', 1);
SELECT ci_lower('45/60', -0.5);
SELECT ci_upper('45/60', 'NaN');

-- share + share sums both counts; overflow is 22003.
SELECT '45/60'::share + '5/40'::share AS sum, '0/0'::share + '3/4'::share AS with_empty;
SELECT '9223372036854775807/9223372036854775807'::share + '0/1'::share;
SELECT '1/9223372036854775807'::share + '9223372036854775807/9223372036854775807'::share;
-- Neither operand is modified by +.
SELECT a, a + b, a, b FROM (VALUES ('1/2'::share, '3/4'::share)) AS v(a, b);
