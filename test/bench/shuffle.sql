-- The person-level inputs stored as a warehouse stores them: in no order of
-- person.  The demo generator writes each person's rows together, and in
-- person_id order; real pseudonyms arrive in the order of loading, which has
-- nothing to do with their sort order.  Every person-level input is rewritten
-- in the order of a hash of its person_id (CLUSTER on a throwaway index), so
-- that nothing the monitor reads in person order finds it stored that way.
-- Run by test/bench/run (BENCH=monitor) after generating, before VACUUM ANALYZE.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['person', 'residence', 'status_snapshot', 'language_measurement', 'civic_integration',
                             'coupling', 'pathway_join', 'housing', 'assessment', 'exam_result', 'municipal_employment'] LOOP
        EXECUTE format('CREATE INDEX bench_shuffle ON u16.%I (md5(person_id))', t);
        EXECUTE format('CLUSTER u16.%I USING bench_shuffle', t);
        EXECUTE 'DROP INDEX u16.bench_shuffle';
    END LOOP;
END
$$;
