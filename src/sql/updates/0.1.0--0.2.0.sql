-- Migration 0.1.0 -> 0.2.0: state only.  src/sql/update-script appends every
-- function, view, trigger, comment and DO block of the install-script parts.

-- import() works set-based: its scratch table import_seen (keys of the accepted
-- lines) becomes import_line (the state of every line).
DROP TABLE @extschema@.import_seen;
CREATE UNLOGGED TABLE @extschema@.import_line (
    run_id bigint NOT NULL,
    line_number bigint NOT NULL,
    state text NOT NULL,
    key jsonb,
    failure jsonb,
    PRIMARY KEY (run_id, line_number)
) WITH (fillfactor = 50);
DO $$
BEGIN
    IF EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 'u16_loader') THEN
        GRANT SELECT, INSERT, UPDATE, DELETE ON @extschema@.import_line TO u16_loader;
    END IF;
END
$$;

-- The person_id pattern with '+' and a length check instead of a bounded
-- repetition (faster, same rule: the re-added constraint checks every stored id
-- once).  is_bsn() itself, now in C, is re-applied with the code.
ALTER DOMAIN @extschema@.person_id DROP CONSTRAINT "person id is 1-64 letters, digits or _.:-";
ALTER DOMAIN @extschema@.person_id ADD CONSTRAINT "person id is 1-64 letters, digits or _.:-"
    CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]+$'
           AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 64);

-- Seeded rows: the national quota's sources no longer cite a file outside u16.
SELECT pg_catalog.set_config('u16.seeding', 'on', true);
UPDATE @extschema@.national_quota SET source = 'first publication'
 WHERE seeded AND period::text OPERATOR(pg_catalog.=) '2019H1' AND version OPERATOR(pg_catalog.=) 1;
UPDATE @extschema@.national_quota SET source = 'revised during the half-year (8,000 -> 6,000)'
 WHERE seeded AND period::text OPERATOR(pg_catalog.=) '2019H1' AND version OPERATOR(pg_catalog.=) 2;
SELECT pg_catalog.set_config('u16.seeding', 'off', true);
