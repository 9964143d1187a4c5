-- The monitor fixture, published, for the client tests.
SET search_path = public, u16;
\i test/data/monitor_fixture.sql
SELECT * FROM refresh_monitor();
