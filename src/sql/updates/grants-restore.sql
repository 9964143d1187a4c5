
-- Every update, last: the grants kept by grants-save.sql, given again where
-- the update re-created the object.  A grant given in an extension script is
-- recorded in pg_init_privs as u16's own, and pg_dump leaves such grants out
-- (a restore would lose them); these are the database's, so each object's
-- pg_init_privs is set back to what u16's scripts gave it.  An object the
-- update removed (or whose arguments changed) takes its grants with it, with a
-- notice.
DO $$
DECLARE
    kept record;
    target oid;
    catalog oid;
    initial aclitem[];
BEGIN
    FOR kept IN SELECT g.kind, g.object, pg_catalog.array_agg(g) AS grants
                FROM pg_temp.u16_kept_grant g GROUP BY g.kind, g.object ORDER BY g.object LOOP
        IF kept.kind OPERATOR(pg_catalog.=) 'ROUTINE' THEN
            target := pg_catalog.to_regprocedure(kept.object);
            catalog := 'pg_catalog.pg_proc'::pg_catalog.regclass;
        ELSE
            target := pg_catalog.to_regclass(kept.object);
            catalog := 'pg_catalog.pg_class'::pg_catalog.regclass;
        END IF;
        IF target IS NULL THEN
            RAISE NOTICE 'u16 update: % was removed, and the grants on it with it', kept.object;
            CONTINUE;
        END IF;
        SELECT i.initprivs INTO initial FROM pg_catalog.pg_init_privs i
        WHERE i.classoid OPERATOR(pg_catalog.=) catalog AND i.objoid OPERATOR(pg_catalog.=) target
          AND i.objsubid OPERATOR(pg_catalog.=) 0;
        EXECUTE (SELECT pg_catalog.string_agg(pg_catalog.format('GRANT %s ON %s %s TO %s%s', g.privilege, g.kind, g.object,
                                                                g.grantee, CASE WHEN g.grantable THEN ' WITH GRANT OPTION' END), '; ')
                 FROM pg_catalog.unnest(kept.grants) g);
        IF initial IS NULL THEN
            DELETE FROM pg_catalog.pg_init_privs i
            WHERE i.classoid OPERATOR(pg_catalog.=) catalog AND i.objoid OPERATOR(pg_catalog.=) target
              AND i.objsubid OPERATOR(pg_catalog.=) 0;
        ELSE
            UPDATE pg_catalog.pg_init_privs i SET initprivs = initial
            WHERE i.classoid OPERATOR(pg_catalog.=) catalog AND i.objoid OPERATOR(pg_catalog.=) target
              AND i.objsubid OPERATOR(pg_catalog.=) 0;
        END IF;
    END LOOP;
END
$$;
DROP TABLE pg_temp.u16_kept_grant;
