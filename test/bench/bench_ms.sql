-- Shared by the bench scripts (\ir bench_ms.sql).
-- Median wall time in ms of :reps runs of a query (after one warm-up run).
CREATE FUNCTION bench_ms(query text, reps int) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    times numeric[] := '{}';
BEGIN
    EXECUTE query;
    FOR i IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        times := times || extract(epoch FROM clock_timestamp() - t0) * 1000;
    END LOOP;
    RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(times) x);
END $$;

-- Median wall times in ms of two queries that compute the same thing, timed in
-- turns (u16, plain, plain, u16, u16, plain, ...) after one warm-up run each, so
-- that a slow spell of the machine hits both sides alike.  The ratio of the two
-- medians is what the bench reports.
CREATE FUNCTION bench_pair(u16_query text, plain_query text, reps int,
                           OUT u16_ms numeric, OUT plain_ms numeric) LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    u16_times numeric[] := '{}';
    plain_times numeric[] := '{}';
BEGIN
    EXECUTE u16_query;
    EXECUTE plain_query;
    FOR i IN 1 .. reps LOOP
        FOR side IN 0 .. 1 LOOP
            t0 := clock_timestamp();
            IF (side + i) % 2 = 1 THEN
                EXECUTE u16_query;
                u16_times := u16_times || extract(epoch FROM clock_timestamp() - t0) * 1000;
            ELSE
                EXECUTE plain_query;
                plain_times := plain_times || extract(epoch FROM clock_timestamp() - t0) * 1000;
            END IF;
        END LOOP;
    END LOOP;
    u16_ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(u16_times) x);
    plain_ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(plain_times) x);
END $$;
