-- period: constructor, accessors, arithmetic, series, containment, daterange
SET search_path = public, u16;
SET DateStyle = ISO, YMD;

-- Every period of a few years, with its first and last day computed
-- independently with make_date and interval arithmetic.  1900 is no leap
-- year, 2000 and 2020 are; 1000 and 9999 are the ends of the range.
CREATE TABLE period_cases AS
WITH y AS (SELECT unnest(ARRAY[1000, 1900, 2000, 2018, 2019, 2020, 9999]) AS y),
parts AS (
    SELECT y, y::text AS t, 1 AS m, 12 AS len, 'year' AS g FROM y
    UNION ALL SELECT y, y || 'H' || h, 1 + (h - 1) * 6, 6, 'halfyear' FROM y, generate_series(1, 2) h
    UNION ALL SELECT y, y || 'Q' || q, 1 + (q - 1) * 3, 3, 'quarter' FROM y, generate_series(1, 4) q
    UNION ALL SELECT y, y || '-' || lpad(m::text, 2, '0'), m, 1, 'month' FROM y, generate_series(1, 12) m
)
SELECT t::period AS p, t, g, make_date(y, m, 1) AS first_day,
       (make_date(y, m, 1) + make_interval(months => len) - interval '1 day')::date AS last_day,
       y * 12 + m - 1 AS start_month, len
FROM parts;

SELECT count(*) AS periods,
       count(*) FILTER (WHERE period_start(p) = first_day) AS start_ok,
       count(*) FILTER (WHERE period_end(p) = last_day) AS end_ok,
       count(*) FILTER (WHERE granularity(p) = g) AS granularity_ok,
       count(*) FILTER (WHERE p::daterange = daterange(first_day, last_day, '[]')) AS daterange_ok
FROM period_cases;

-- Boundaries by hand: leap February, December, the last half-year and quarter.
SELECT p, period_start(p), period_end(p), p::daterange
FROM (VALUES ('2020-02'::period), ('2019-02'), ('2000-02'), ('1900-02'), ('2018-12'),
             ('2018H2'), ('2018Q4'), ('2018Q1'), ('2020'), ('1000'), ('9999'), ('9999-12')) v(p);

-- period(date, granularity) on every day of 1999..2001 and of 2020 (leap
-- years), against the period text built from the date's fields.
WITH days AS (
    SELECT d::date AS d FROM generate_series(date '1999-01-01', date '2001-12-31', '1 day') d
    UNION ALL SELECT d::date FROM generate_series(date '2020-01-01', date '2020-12-31', '1 day') d
)
SELECT count(*) AS days,
       count(*) FILTER (WHERE period(d, 'year')::text = to_char(d, 'YYYY')) AS year_ok,
       count(*) FILTER (WHERE period(d, 'halfyear')::text
                              = to_char(d, 'YYYY') || 'H' || CASE WHEN extract(month FROM d) <= 6 THEN 1 ELSE 2 END) AS half_ok,
       count(*) FILTER (WHERE period(d, 'quarter')::text = to_char(d, 'YYYY') || 'Q' || to_char(d, 'Q')) AS quarter_ok,
       count(*) FILTER (WHERE period(d, 'month')::text = to_char(d, 'YYYY-MM')) AS month_ok,
       count(*) FILTER (WHERE period(d, 'month') @> d AND period(d, 'quarter') @> d
                              AND period(d, 'halfyear') @> d AND period(d, 'year') @> d) AS contains_ok
FROM days;

SELECT period(date '2018-06-30', 'halfyear') AS last_day_h1, period(date '2018-07-01', 'halfyear') AS first_day_h2,
       period(date '2020-02-29', 'month') AS leap_day, period(date '2018-12-31', 'quarter') AS new_years_eve,
       period(date '1000-01-01', 'year') AS first, period(date '9999-12-31', 'month') AS last;
-- Granularity names are case-insensitive; anything else lists the valid ones.
SELECT period(date '2018-05-17', 'YEAR') AS y, period(date '2018-05-17', 'HalfYear') AS h;
SELECT period(date '2018-05-17', 'week');
SELECT period(date '2018-05-17', 'half-year');
SELECT period(date '2018-05-17', '');
-- Dates outside the years 1000..9999: 22003.
SELECT period(date '0999-12-31', 'year');
SELECT period(date '10000-01-01', 'month');
SELECT period(date 'infinity', 'month');
SELECT period(NULL::date, 'month') IS NULL AS strict_date, period(date '2018-01-01', NULL) IS NULL AS strict_granularity;

-- period + integer and period - integer against independent month arithmetic:
-- the shifted period starts len * n months later and has the same granularity.
SELECT count(*) AS shifts,
       count(*) FILTER (WHERE period_start(p + n) = (first_day + make_interval(months => len * n))::date
                              AND granularity(p + n) = g) AS plus_ok,
       count(*) FILTER (WHERE p - n = p + (-n)) AS minus_ok,
       count(*) FILTER (WHERE (p + n) - p = n) AS difference_ok
FROM period_cases, generate_series(-30, 30) n
WHERE extract(year FROM first_day) BETWEEN 1900 AND 2020;

-- Boundaries by hand: H2 + 1, month 12 + 1, Q4 + 1, Q1 - 1, across leap years.
SELECT '2018H2'::period + 1 AS h2_plus_1, '2018-12'::period + 1 AS dec_plus_1, '2018Q4'::period + 1 AS q4_plus_1,
       '2018Q1'::period - 1 AS q1_minus_1, '2018H1'::period - 1 AS h1_minus_1, '2018-01'::period - 1 AS jan_minus_1,
       '2018'::period + 2 AS year_plus_2, '2019-02'::period + 12 AS feb_plus_12, '2018-05'::period + 0 AS plus_0;
SELECT '2019-01'::period - '2018-01'::period AS months, '2018H1'::period - '2019H2'::period AS halves,
       '2018Q3'::period - '2018Q3'::period AS zero, '9999-12'::period - '1000-01'::period AS whole_range;

-- The ends of the range: the last and first periods shift inward, not outward (22003).
SELECT '9999'::period - 8999 AS first_year, '1000-01'::period + 107999 AS last_month,
       '9999H2'::period + 0 AS last_half;
SELECT '9999'::period + 1;
SELECT '9999-12'::period + 1;
SELECT '9999H2'::period + 1;
SELECT '9999Q4'::period + 1;
SELECT '1000'::period - 1;
SELECT '1000-01'::period - 1;
SELECT '1000Q1'::period + (-1);
SELECT '2018'::period + 2147483647;
SELECT '2018-01'::period - (-2147483648);
SELECT '2018'::period - 2147483647;

-- period - period of different granularities: 22023.
SELECT '2018'::period - '2018H1'::period;
SELECT '2018-01'::period - '2018Q1'::period;

-- periods(from, to) against the periods of a date series; inclusive; empty
-- when from > to.
SELECT array_agg(p) FROM periods('2018H1', '2019H2') p;
SELECT array_agg(p) FROM periods('2018Q3', '2019Q2') p;
SELECT array_agg(p) FROM periods('2018-11', '2019-02') p;
SELECT array_agg(p) FROM periods('2017', '2020') p;
SELECT count(*) AS single FROM periods('2018Q2', '2018Q2');
SELECT count(*) AS reversed FROM periods('2019Q2', '2018Q2');
SELECT count(*) AS all_months, (array_agg(p ORDER BY p))[1] AS first, (array_agg(p ORDER BY p DESC))[1] AS last
FROM periods('1000-01', '9999-12') p;
SELECT (SELECT array_agg(p) FROM periods('2016-03', '2021-10') p)
     = (SELECT array_agg(period(d::date, 'month') ORDER BY d)
        FROM generate_series(date '2016-03-01', date '2021-10-01', interval '1 month') d) AS months_equal_date_series;
SELECT periods('2018', '2018H1');
SELECT count(*) AS strict_no_rows FROM periods('2018-01', NULL);

-- The planner knows how many rows periods() gives (planner support function;
-- the planner never estimates fewer than 1 row).
CREATE FUNCTION period_plan_rows(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || query INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END $$;
SELECT period_plan_rows($$SELECT * FROM periods('2018-01', '2019-12')$$) AS months_24,
       period_plan_rows($$SELECT * FROM periods('2018H1', '2018H1')$$) AS halves_1,
       period_plan_rows($$SELECT * FROM periods('1000', '9999')$$) AS years_9000,
       period_plan_rows($$SELECT * FROM periods('2018Q1', '2017Q1')$$) AS reversed_clamped_to_1;

-- SQLSTATEs, checked explicitly: 22003 out of range, 22023 bad arguments.
CREATE FUNCTION query_sqlstate(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT query, query_sqlstate(query)
FROM (VALUES ($$SELECT '9999'::u16.period + 1$$), ($$SELECT '1000-01'::u16.period - 1$$),
             ($$SELECT '2018'::u16.period - '2018Q1'::u16.period$$),
             ($$SELECT u16.periods('2018', '2018-01')$$),
             ($$SELECT u16.period(date '2018-01-01', 'week')$$),
             ($$SELECT u16.period(date '0999-01-01', 'year')$$),
             ($$SELECT '9998'::u16.period + 1$$)) v(query);

-- Containment of dates: first and last day in, the days around out.
SELECT p, p @> period_start(p) AS first_in, p @> period_end(p) AS last_in,
       p @> period_start(p) - 1 AS day_before, p @> period_end(p) + 1 AS day_after,
       period_end(p) <@ p AS commuted
FROM (VALUES ('2018'::period), ('2018H2'), ('2018Q1'), ('2020-02'), ('2019-02')) v(p);

-- Containment of periods across granularities, against day ranges computed by
-- hand: a @> b iff a's first day <= b's first day and b's last day <= a's last day.
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE (a.p @> b.p) = (a.first_day <= b.first_day AND b.last_day <= a.last_day)) AS contains_ok,
       count(*) FILTER (WHERE (b.p <@ a.p) = (a.p @> b.p)) AS contained_by_ok,
       count(*) FILTER (WHERE a.p @> b.p) AS containing_pairs
FROM period_cases a, period_cases b
WHERE extract(year FROM a.first_day) IN (2018, 2019) AND extract(year FROM b.first_day) IN (2018, 2019);
SELECT '2018'::period @> '2018H2'::period AS year_half, '2018H2'::period @> '2018Q3'::period AS half_quarter,
       '2018H2'::period @> '2018Q2'::period AS h2_q2, '2018Q1'::period @> '2018-03'::period AS q1_march,
       '2018Q1'::period @> '2018-04'::period AS q1_april, '2018H2'::period @> '2018'::period AS half_year,
       '2018Q2'::period @> '2018Q2'::period AS itself, '2018'::period @> '2019-01'::period AS next_year;

-- The cast to daterange works with range operators.
SELECT '2018H1'::period::daterange @> date '2018-06-30' AS in_range,
       '2018H1'::period::daterange && '2018Q3'::period::daterange AS overlaps,
       '2018H1'::period::daterange -|- '2018H2'::period::daterange AS adjacent,
       upper('2018-02'::period::daterange) - lower('2018-02'::period::daterange) AS days_in_feb;

-- period_start, period_end and the operators are strict.
SELECT period_start(NULL) IS NULL AS a, period_end(NULL) IS NULL AS b, granularity(NULL) IS NULL AS c,
       ('2018'::period + NULL) IS NULL AS d, ('2018'::period @> NULL::date) IS NULL AS e;
