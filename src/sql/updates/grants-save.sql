-- Every update, first: the grants the database gave on u16's objects (its own
-- grants, not the ones u16's scripts give, which pg_init_privs records), kept
-- across the update.  A migration that drops and re-creates a view or a
-- function (to change its columns or result) would lose them; grants-restore.sql,
-- after the code, gives them again.  A migration may add a grant it needs to
-- give (import_line to u16_loader).
CREATE TEMPORARY TABLE u16_kept_grant (
    kind text NOT NULL,         -- 'TABLE', 'SEQUENCE' or 'ROUTINE', as GRANT names it
    object text NOT NULL,       -- regclass or regprocedure text: found again by name
    grantee text NOT NULL,      -- a quoted role name, or PUBLIC
    privilege text NOT NULL,
    grantable boolean NOT NULL
);
INSERT INTO pg_temp.u16_kept_grant
SELECT o.kind, o.object,
       CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
            ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)) END,
       a.privilege_type, a.is_grantable
FROM (SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.oid::pg_catalog.regclass::text AS object,
             c.relacl AS acl, c.relowner AS owner, 'pg_catalog.pg_class'::pg_catalog.regclass AS classid, c.oid
      FROM pg_catalog.pg_class c
      UNION ALL
      SELECT 'ROUTINE', p.oid::pg_catalog.regprocedure::text, p.proacl, p.proowner, 'pg_catalog.pg_proc'::pg_catalog.regclass, p.oid
      FROM pg_catalog.pg_proc p) o
JOIN pg_catalog.pg_depend d
  ON d.classid OPERATOR(pg_catalog.=) o.classid AND d.objid OPERATOR(pg_catalog.=) o.oid AND d.objsubid OPERATOR(pg_catalog.=) 0
 AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass AND d.deptype OPERATOR(pg_catalog.=) 'e'
 AND d.refobjid OPERATOR(pg_catalog.=) (SELECT e.oid FROM pg_catalog.pg_extension e WHERE e.extname OPERATOR(pg_catalog.=) 'u16')
CROSS JOIN LATERAL pg_catalog.aclexplode(o.acl) a
WHERE a.grantee OPERATOR(pg_catalog.<>) o.owner
  AND NOT EXISTS (SELECT FROM pg_catalog.pg_init_privs i, pg_catalog.aclexplode(i.initprivs) ia
                  WHERE i.classoid OPERATOR(pg_catalog.=) o.classid AND i.objoid OPERATOR(pg_catalog.=) o.oid
                    AND i.objsubid OPERATOR(pg_catalog.=) 0
                    AND ia.grantee OPERATOR(pg_catalog.=) a.grantee
                    AND ia.privilege_type OPERATOR(pg_catalog.=) a.privilege_type);

