-- ============================================================================
-- Access control: which municipality's person-level rows a role may see,
-- row-level security on every person-level table, and create_roles() for
-- the three group roles.  Layer 3, SQL only.
--
-- Roles are cluster-wide, so CREATE EXTENSION creates none; a DBA runs
-- SELECT * FROM u16.create_roles() once (per database, for the grants) and
-- grants the group roles to login roles:
--   u16_loader   loads and maintains data: every table, staging and import;
--                sees every person-level row
--   u16_reader   reference data, targets, settings and aggregate views only;
--                no person-level table
--   u16_analyst  what u16_reader may, plus person-level tables and views, but
--                only rows of persons who live or lived in a municipality of
--                the role's scope (analyst_scope)
-- Superusers and the owner of the tables (whoever ran CREATE EXTENSION)
-- bypass row-level security, as PostgreSQL does.
-- ============================================================================

CREATE TABLE @extschema@.analyst_scope (
    role_name name NOT NULL,
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    PRIMARY KEY (role_name, municipality_code)
);
COMMENT ON TABLE @extschema@.analyst_scope IS
    'municipalities whose person-level rows a role may see (row-level security); a role sees a municipality''s rows when it is a member of a role_name listed with that municipality_code';
COMMENT ON COLUMN @extschema@.analyst_scope.role_name IS 'role (login or group role) that gets access; members of it get access too';
COMMENT ON COLUMN @extschema@.analyst_scope.municipality_code IS 'municipality whose persons the role may see';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.analyst_scope', '');

CREATE FUNCTION @extschema@.sees_all_persons() RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_roles r
                   WHERE r.rolname OPERATOR(pg_catalog.=) 'u16_loader'
                     AND pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER'))
$$;
COMMENT ON FUNCTION @extschema@.sees_all_persons() IS
    'true when the current role is a member of u16_loader, which sees every person-level row';

CREATE FUNCTION @extschema@.visible_municipalities() RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(array_agg(DISTINCT s.municipality_code::text), '{}')
    FROM @extschema@.analyst_scope s
    JOIN pg_catalog.pg_roles r ON r.rolname OPERATOR(pg_catalog.=) s.role_name
    WHERE pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'MEMBER')
$$;
COMMENT ON FUNCTION @extschema@.visible_municipalities() IS
    'municipality codes whose person-level rows the current role may see through analyst_scope (membership counts)';

-- Row-level security: a person, and all of the person's rows, are visible when
-- the person's municipality (person.municipality_code, the one responsible) is.
-- A residence row is visible when its own municipality is; and a row of the
-- other person-level tables also when its date lies in such a residence period
-- (an analyst of the municipality a person left sees the person's rows of the
-- time the person lived there, but not the person row, which says where the
-- person went, nor anything dated after).  The policies apply to every role
-- (PUBLIC); the function calls are scalar subqueries, evaluated once per query.
-- Safe to run again: update scripts re-apply it, so a changed policy reaches
-- upgraded databases.
DO $$
DECLARE
    t text;
    first_day text;
    last_day text;
BEGIN
    ALTER TABLE @extschema@.residence ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS municipality_scope ON @extschema@.residence;
    CREATE POLICY municipality_scope ON @extschema@.residence
        USING ((SELECT @extschema@.sees_all_persons())
               OR municipality_code::text OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_municipalities())::text[]));
    ALTER TABLE @extschema@.person ENABLE ROW LEVEL SECURITY;
    DROP POLICY IF EXISTS municipality_scope ON @extschema@.person;
    CREATE POLICY municipality_scope ON @extschema@.person
        USING ((SELECT @extschema@.sees_all_persons())
               OR municipality_code::text OPERATOR(pg_catalog.=) ANY ((SELECT @extschema@.visible_municipalities())::text[]));
    -- Each table with the first and last day its row is about (its own columns,
    -- none of which residence has).
    FOR t, first_day, last_day IN
        SELECT * FROM (VALUES ('coupling', 'coupled_on', 'coupled_on'), ('housing', 'housed_on', 'housed_on'),
                              ('assessment', 'assessed_on', 'assessed_on'), ('pathway_join', 'joined_on', 'joined_on'),
                              ('civic_integration', 'obligation_start', 'obligation_start'),
                              ('exam_result', 'taken_on', 'taken_on'), ('language_measurement', 'measured_on', 'measured_on'),
                              ('status_snapshot', 'reference_date', 'reference_date'),
                              ('municipal_employment', 'started_on', 'coalesce(ended_on, ''infinity'')')) AS x(t, f, l)
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE @extschema@.%I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE pg_catalog.format('DROP POLICY IF EXISTS municipality_scope ON @extschema@.%I', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY municipality_scope ON @extschema@.%1$I USING ('
            'EXISTS (SELECT 1 FROM @extschema@.person p WHERE p.person_id OPERATOR(pg_catalog.=) %1$I.person_id)'
            ' OR EXISTS (SELECT 1 FROM @extschema@.residence r WHERE r.person_id OPERATOR(pg_catalog.=) %1$I.person_id'
            ' AND r.valid_from OPERATOR(pg_catalog.<=) %3$s'
            ' AND coalesce(r.valid_to, ''infinity'') OPERATOR(pg_catalog.>=) %2$s))',
            t, first_day, last_day);
    END LOOP;
END
$$;

-- Roles and grants -------------------------------------------------------------------

CREATE FUNCTION @extschema@.create_roles() RETURNS SETOF text
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    role_name text;
    rel record;
    schema_name text := '@extschema@';
BEGIN
    FOREACH role_name IN ARRAY ARRAY['u16_loader', 'u16_reader', 'u16_analyst'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) role_name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', role_name);
            RETURN NEXT format('created role %s', role_name);
        END IF;
        EXECUTE format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, role_name);
        EXECUTE format('GRANT SELECT ON %I.analyst_scope TO %I', schema_name, role_name);
    END LOOP;
    IF NOT pg_has_role('u16_analyst', 'u16_reader', 'MEMBER') THEN
        GRANT u16_reader TO u16_analyst;
        RETURN NEXT 'granted u16_reader to u16_analyst';
    END IF;

    FOR rel IN
        SELECT c.relname, c.relkind, c.relrowsecurity
        FROM pg_class c
        WHERE c.relnamespace OPERATOR(pg_catalog.=) schema_name::regnamespace
          AND c.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['r', 'p', 'v', 'm', 'S']::"char"[])
        ORDER BY c.relname
    LOOP
        IF rel.relkind OPERATOR(pg_catalog.=) 'S' THEN
            EXECUTE format('GRANT USAGE, SELECT, UPDATE ON SEQUENCE %I.%I TO u16_loader', schema_name, rel.relname);
            CONTINUE;
        END IF;
        IF rel.relname OPERATOR(pg_catalog.=) 'analyst_scope' THEN
            CONTINUE;
        END IF;
        -- The loader reads everything and writes every table except the import catalogue.
        IF rel.relkind OPERATOR(pg_catalog.=) ANY (ARRAY['v', 'm']::"char"[])
           OR rel.relname OPERATOR(pg_catalog.=) 'import_entity' THEN
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_loader', schema_name, rel.relname);
        ELSE
            EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON %I.%I TO u16_loader', schema_name, rel.relname);
        END IF;
        -- refresh_monitor() empties its scratch tables with TRUNCATE.
        IF rel.relkind OPERATOR(pg_catalog.=) 'r' AND rel.relname OPERATOR(pg_catalog.~) '^monitor_(run|cell|member|row|housed)$' THEN
            EXECUTE format('GRANT TRUNCATE ON %I.%I TO u16_loader', schema_name, rel.relname);
        END IF;
        -- Person-level data (row-level security, and the views that read it: person_overview,
        -- first_housing, first_housing_month, data_date, monitor_span, monitor_dates,
        -- person_cell_context and the monitor's internal *_live views, with the scratch tables these
        -- read, monitor_run and monitor_housed, empty outside a refresh) to analysts;
        -- loading internals and the monitor's scratch tables and the views over them
        -- (monitor_*) to nobody else; everything else, the
        -- published monitor and its BI views included, to readers.
        IF rel.relrowsecurity OR rel.relname OPERATOR(pg_catalog.~) '(^person_(overview|cell_context)|^first_housing(_month)?|^data_date|^monitor_(span|run|dates|housed)|_live)$' THEN
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_analyst', schema_name, rel.relname);
        ELSIF rel.relname OPERATOR(pg_catalog.~) '^(stage_|import_(run|error|line)$|monitor_(run|cell|member|row|cell_both|row_source|region_row_source|remainder_source|standardised|scorecard|cohort|language_level)$)' THEN
            NULL;
        ELSE
            EXECUTE format('GRANT SELECT ON %I.%I TO u16_reader', schema_name, rel.relname);
        END IF;
    END LOOP;
    RETURN NEXT format('granted privileges on the tables and views of schema %s', schema_name);
END
$$;
COMMENT ON FUNCTION @extschema@.create_roles() IS
    'creates the NOLOGIN group roles u16_loader, u16_reader and u16_analyst if missing and grants them their privileges in this database; idempotent, rerun after ALTER EXTENSION u16 UPDATE; needs a superuser (or CREATEROLE and the extension owner)';
