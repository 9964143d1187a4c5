-- u16 0.1.0 -> 0.2.0.  Released scripts are never edited: every change to the
-- install script parts (src/sql/NN_*.sql) after 0.1.0 is repeated here, so that
-- an upgraded database equals a fresh install (test/t/upgrade checks it).
-- No changes yet.
\echo Use "ALTER EXTENSION u16 UPDATE TO '0.2.0'" to load this file. \quit
