
-- ============================================================================
-- The schema u16 must belong to a superuser (or the role installing u16).
-- PostgreSQL uses a schema named in the control file that already exists as it
-- is, whoever owns it, and leaves it outside the extension; its owner could
-- then add look-alike functions and operators next to u16's (say a
-- u16.share_value(text) that captures share_value('45/60')) or rename the
-- schema.  So a schema pre-created by any other role stops CREATE EXTENSION,
-- as does one in which a role other than a superuser may create objects (a
-- grant of CREATE, also to PUBLIC).  The check is re-applied by every update.
-- Everything here is schema-qualified: the script's search_path is u16.
-- ============================================================================

DO $$
DECLARE
    owner_name pg_catalog.name;
    creator_name text;
BEGIN
    SELECT r.rolname INTO owner_name
    FROM pg_catalog.pg_namespace n
    JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) n.nspowner
    WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
      AND NOT r.rolsuper
      AND r.rolname OPERATOR(pg_catalog.<>) CURRENT_USER;
    IF FOUND THEN
        RAISE EXCEPTION 'schema % is owned by role %, which is not a superuser', '@extschema@', owner_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The owner of an extension''s schema can add objects that shadow the extension''s own.',
                  HINT = pg_catalog.format('Drop the schema, or give it to a superuser first: ALTER SCHEMA %s OWNER TO %I;',
                                           '@extschema@', CURRENT_USER);
    END IF;
    SELECT CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC' ELSE pg_catalog.quote_ident(r.rolname) END
    INTO creator_name
    FROM pg_catalog.pg_namespace n
    CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) a
    LEFT JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
    WHERE n.oid OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
      AND a.privilege_type OPERATOR(pg_catalog.=) 'CREATE'
      AND a.grantee OPERATOR(pg_catalog.<>) n.nspowner
      AND NOT coalesce(r.rolsuper, false)
    ORDER BY 1 LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'role % may create objects in schema %', creator_name, '@extschema@'
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'A role that may create objects in an extension''s schema can add objects that shadow the extension''s own.',
                  HINT = pg_catalog.format('REVOKE CREATE ON SCHEMA %s FROM %s;', '@extschema@', creator_name);
    END IF;
END
$$;
