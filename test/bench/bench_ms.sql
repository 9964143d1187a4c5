-- Shared by the bench scripts (\ir bench_ms.sql): wall-time measurement in ms.

-- One run of a query, every row produced.
CREATE FUNCTION bench_once(query text) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE query;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

-- Medians of two queries that compute the same thing, timed in turns (u16, plain,
-- plain, u16, u16, plain, ...) after one warm-up run each, so that a slow spell of
-- the machine hits both sides alike.  The bench reports the ratio of the medians.
CREATE FUNCTION bench_pair(u16_query text, plain_query text, reps int,
                           OUT u16_ms numeric, OUT plain_ms numeric) LANGUAGE plpgsql AS $$
DECLARE
    u16_times numeric[] := '{}';
    plain_times numeric[] := '{}';
BEGIN
    PERFORM bench_once(u16_query);
    PERFORM bench_once(plain_query);
    FOR i IN 1 .. reps LOOP
        FOR side IN 0 .. 1 LOOP
            IF (side + i) % 2 = 1 THEN
                u16_times := u16_times || bench_once(u16_query);
            ELSE
                plain_times := plain_times || bench_once(plain_query);
            END IF;
        END LOOP;
    END LOOP;
    u16_ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(u16_times) x);
    plain_ms := (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(plain_times) x);
END $$;
