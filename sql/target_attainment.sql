-- attainment of share, count, rise/fall and deadline targets
SET search_path = public, u16;

-- Share thresholds at the exact boundary, by hand.
SELECT actual, t, attainment(actual, t)
FROM (VALUES ('45/50'::share, '>= 90%'::target), ('8999/10000', '>= 90%'), ('9/10', '>= 90%'),
             ('9/10', '> 90%'), ('9/10', '= 90%'), ('9/10', '<= 90%'), ('9/10', '< 90%'),
             ('90001/100000', '> 90%'), ('1/3', '>= 33.3333%'), ('1/3', '<= 33.3333%'),
             ('1/3', '< 33.3334%'), ('10/10', '= 100%'), ('9/10', '= 100%'), ('0/5', '>= 0%'),
             ('0/5', '> 0%'), ('1/1000000', '>= 0.0001%'), ('1/1000001', '>= 0.0001%'),
             ('1/20', '<= 5%'), ('1/20', '< 5%'),
             ('9223372036854775806/9223372036854775807', '= 100%'),
             ('9223372036854775806/9223372036854775807', '>= 99.9999%'),
             ('9223372036854775807/9223372036854775807', '= 100%'),
             ('0/0', '>= 90%'), (NULL, '>= 90%')) v(actual, t);

-- Against exact numeric arithmetic on every k/n with n <= 40, for thresholds
-- given as (operator, percent) and turned into target text independently.
WITH shares AS (
    SELECT k, n FROM generate_series(1, 40) n, generate_series(0, n) k
), thresholds AS (
    SELECT op, pct, (op || ' ' || pct || '%')::target AS t
    FROM unnest(ARRAY['<', '<=', '=', '>=', '>']) op,
         unnest(ARRAY[0, 0.0001, 2.5, 5, 12.5, 25, 33.3333, 33.3334, 50, 60, 62.5, 66.6666, 66.6667,
                      90, 97.5, 99.9999, 100]::numeric[]) pct
), judged AS (
    SELECT attainment(share(k, n), t) AS got,
           CASE op WHEN '<' THEN k * 100 < pct * n WHEN '<=' THEN k * 100 <= pct * n
                   WHEN '=' THEN k * 100 = pct * n WHEN '>=' THEN k * 100 >= pct * n
                   ELSE k * 100 > pct * n END AS expected
    FROM shares, thresholds
)
SELECT count(*) AS cases, count(*) FILTER (WHERE got = CASE WHEN expected THEN 'met' ELSE 'not met' END) AS agree,
       count(*) FILTER (WHERE got = 'met') AS met
FROM judged;

-- Count thresholds, by hand and against SQL comparisons.
SELECT actual, t, attainment(actual, t)
FROM (VALUES (1::bigint, '>= 1'::target), (0, '>= 1'), (3, '<= 3'), (4, '<= 3'), (2, '< 3'), (3, '< 3'),
             (3, '= 3'), (2, '> 2'), (3, '> 2'), (-1, '>= 0'), (-1, '< 1'),
             (9223372036854775807, '>= 2147483647'), (2147483647, '> 2147483647'), (NULL, '>= 1')) v(actual, t);
SELECT count(*) AS cases,
       count(*) FILTER (WHERE attainment(a, (op || ' ' || c)::target)
                              = CASE WHEN CASE op WHEN '<' THEN a < c WHEN '<=' THEN a <= c WHEN '=' THEN a = c
                                                  WHEN '>=' THEN a >= c ELSE a > c END
                                     THEN 'met' ELSE 'not met' END) AS agree
FROM generate_series(-2, 12) a, generate_series(0, 10) c, unnest(ARRAY['<', '<=', '=', '>=', '>']) op;

-- rise and fall: strictly above / below the baseline's proportion, exactly;
-- equal proportions (1/2 and 2/4) are not met; empty or NULL is no data.
SELECT actual, t, baseline, attainment(actual, t, baseline)
FROM (VALUES ('3/4'::share, 'rise'::target, '2/4'::share), ('2/4', 'rise', '1/2'), ('2/4', 'fall', '1/2'),
             ('1/4', 'fall', '1/2'), ('1/4', 'rise', '1/2'), ('3/4', 'fall', '1/2'),
             ('9223372036854775806/9223372036854775807', 'rise', '9223372036854775805/9223372036854775806'),
             ('0/0', 'rise', '1/2'), ('1/2', 'rise', '0/0'), (NULL, 'fall', '1/2'), ('1/2', 'fall', NULL),
             ('0/0', 'fall', NULL)) v(actual, t, baseline);
WITH shares AS (
    SELECT k, n, share(k, n) AS s FROM generate_series(1, 12) n, generate_series(0, n) k
)
SELECT count(*) AS pairs,
       count(*) FILTER (WHERE attainment(a.s, 'rise', b.s)
                              = CASE WHEN a.k * b.n > b.k * a.n THEN 'met' ELSE 'not met' END) AS rise_agree,
       count(*) FILTER (WHERE attainment(a.s, 'fall', b.s)
                              = CASE WHEN a.k * b.n < b.k * a.n THEN 'met' ELSE 'not met' END) AS fall_agree
FROM shares a, shares b;
-- The three-argument form also takes a share threshold and then ignores the
-- baseline, so one expression serves every share indicator of a scorecard.
SELECT attainment('45/50'::share, '>= 90%', '50/50'::share) AS threshold_met,
       attainment('8999/10000'::share, '>= 90%', NULL) AS threshold_not_met,
       attainment('0/0'::share, '>= 90%', '1/2'::share) AS threshold_no_data;

-- Deadlines: met if done on or before the deadline, pending while not done
-- and as_of <= deadline, else not met; done after as_of is not done yet.
SET DateStyle = ISO, YMD;
SELECT done_on, as_of, attainment(done_on, 'by 2018-06-01', as_of)
FROM (VALUES (date '2018-05-01', date '2018-07-01'), ('2018-06-01', '2018-07-01'), ('2018-06-02', '2018-07-01'),
             ('2018-06-01', '2018-06-01'), (NULL, '2018-05-31'), (NULL, '2018-06-01'), (NULL, '2018-06-02'),
             ('2018-05-20', '2018-05-10'), ('2018-06-20', '2018-05-10'), ('2018-06-20', '2018-06-10'),
             ('2018-06-20', '2018-06-20'), ('2018-05-01', NULL), (NULL, NULL),
             ('-infinity', '2018-07-01'), ('infinity', '2018-07-01'), (NULL, 'infinity')) v(done_on, as_of);
-- Against the rule written in SQL, on every combination of days around the deadline.
WITH days AS (SELECT d::date AS d FROM generate_series(date '2018-05-25', date '2018-06-08', '1 day') d),
cases AS (SELECT done.d AS done_on, asof.d AS as_of FROM days done, days asof
          UNION ALL SELECT NULL, d FROM days)
SELECT count(*) AS cases,
       count(*) FILTER (WHERE attainment(done_on, 'by 2018-06-01', as_of)
                              = CASE WHEN done_on <= as_of AND done_on <= '2018-06-01' THEN 'met'
                                     WHEN done_on <= as_of THEN 'not met'
                                     WHEN as_of <= '2018-06-01' THEN 'pending'
                                     ELSE 'not met' END) AS agree
FROM cases;

-- 'before D' (strictly before): the same rule with D - 1 as the last day that
-- counts, so something done on D itself is not met.
SELECT done_on, as_of, attainment(done_on, 'before 2018-03-01', as_of)
FROM (VALUES (date '2018-02-28', date '2018-12-31'), ('2018-03-01', '2018-12-31'),
             (NULL, '2018-02-28'), (NULL, '2018-03-01')) v(done_on, as_of);
WITH days AS (SELECT d::date AS d FROM generate_series(date '2018-02-20', date '2018-03-08', '1 day') d),
cases AS (SELECT done.d AS done_on, asof.d AS as_of FROM days done, days asof
          UNION ALL SELECT NULL, d FROM days)
SELECT count(*) AS cases,
       count(*) FILTER (WHERE attainment(done_on, 'before 2018-03-01', as_of)
                              = CASE WHEN done_on <= as_of AND done_on < '2018-03-01' THEN 'met'
                                     WHEN done_on <= as_of THEN 'not met'
                                     WHEN as_of < '2018-03-01' THEN 'pending'
                                     ELSE 'not met' END) AS agree
FROM cases;

-- A NULL target gives NULL for every form.
SELECT attainment('1/2'::share, NULL::target) IS NULL AS share_form,
       attainment(1::bigint, NULL::target) IS NULL AS count_form,
       attainment('1/2'::share, NULL::target, '1/3'::share) IS NULL AS change_form,
       attainment(date '2018-01-01', NULL::target, date '2018-02-01') IS NULL AS deadline_form;

-- A target of the wrong kind is an error (22023), even without data.
\set VERBOSITY default
SELECT attainment('45/50'::share, '>= 1');
SELECT attainment('45/50'::share, 'by 2018-06-01');
SELECT attainment('45/50'::share, 'rise');
SELECT attainment(NULL::share, 'rise');
SELECT attainment(5, '>= 90%');
SELECT attainment(5, 'fall');
SELECT attainment(5, 'by 2018-06-01');
SELECT attainment(NULL::bigint, '>= 90%');
SELECT attainment('1/2'::share, '>= 1', '1/3'::share);
SELECT attainment('1/2'::share, 'by 2018-06-01', '1/3'::share);
SELECT attainment(date '2018-05-01', '>= 90%', date '2018-07-01');
SELECT attainment(date '2018-05-01', 'rise', date '2018-07-01');
SELECT attainment(NULL::date, '>= 1', NULL::date);
CREATE FUNCTION attainment_sqlstate_of(query text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE query;
    RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
SELECT query, attainment_sqlstate_of(query)
FROM (VALUES ($$SELECT u16.attainment('1/2'::u16.share, '>= 1')$$),
             ($$SELECT u16.attainment(1, 'rise')$$),
             ($$SELECT u16.attainment(NULL::date, '>= 1', NULL::date)$$),
             ($$SELECT u16.attainment('1/2'::u16.share, '>= 50%')$$)) v(query);
