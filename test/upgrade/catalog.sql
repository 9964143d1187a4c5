-- The definition of every member of extension u16, one line each, free of OIDs:
-- what a fresh install and an upgraded install must agree on (test/t/upgrade).
WITH members AS (
    SELECT d.classid, d.objid, d.objsubid
    FROM pg_depend d
    WHERE d.refclassid = 'pg_extension'::regclass
      AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'u16')
      AND d.deptype = 'e'
),
described AS (
    SELECT pg_describe_object(m.classid, m.objid, m.objsubid) AS object,
           CASE m.classid
               WHEN 'pg_proc'::regclass THEN
                   (SELECT CASE WHEN p.prokind = 'a'
                                THEN format('aggregate %s sfunc=%s stype=%s init=%s final=%s combine=%s msfunc=%s minv=%s mstype=%s minit=%s sortop=%s parallel=%s',
                                            p.oid::regprocedure, a.aggtransfn::regproc, a.aggtranstype::regtype, a.agginitval,
                                            a.aggfinalfn::regproc, a.aggcombinefn::regproc, a.aggmtransfn::regproc,
                                            a.aggminvtransfn::regproc, a.aggmtranstype::regtype, a.aggminitval,
                                            a.aggsortop::regoperator, p.proparallel)
                                ELSE pg_get_functiondef(p.oid) END
                    FROM pg_proc p LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid WHERE p.oid = m.objid)
               WHEN 'pg_class'::regclass THEN
                   (SELECT concat_ws(E'\n', c.relkind::text, array_to_string(c.reloptions, ','),
                                     CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                                     (SELECT string_agg(format('%s %s %s %s %s', a.attname, format_type(a.atttypid, a.atttypmod),
                                                               a.attnotnull, pg_get_expr(ad.adbin, ad.adrelid),
                                                               nullif(a.attcollation, 0)::regcollation), E'\n' ORDER BY a.attnum)
                                      FROM pg_attribute a LEFT JOIN pg_attrdef ad ON (ad.adrelid, ad.adnum) = (a.attrelid, a.attnum)
                                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                                     (SELECT string_agg(format('%s %s', co.conname, pg_get_constraintdef(co.oid)), E'\n' ORDER BY co.conname)
                                      FROM pg_constraint co WHERE co.conrelid = c.oid),
                                     (SELECT string_agg(pg_get_indexdef(i.indexrelid), E'\n' ORDER BY pg_get_indexdef(i.indexrelid))
                                      FROM pg_index i WHERE i.indrelid = c.oid),
                                     (SELECT string_agg(pg_get_triggerdef(t.oid), E'\n' ORDER BY pg_get_triggerdef(t.oid))
                                      FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal),
                                     (SELECT string_agg(format('%s %s %s', po.polname, po.polcmd, pg_get_expr(po.polqual, po.polrelid)), E'\n' ORDER BY po.polname)
                                      FROM pg_policy po WHERE po.polrelid = c.oid),
                                     c.relrowsecurity::text,
                                     (SELECT string_agg(format('%s: %s', a.attname, col_description(c.oid, a.attnum)), E'\n' ORDER BY a.attnum)
                                      FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0))
                    FROM pg_class c WHERE c.oid = m.objid)
               WHEN 'pg_type'::regclass THEN
                   (SELECT format('%s len=%s byval=%s align=%s storage=%s in=%s out=%s recv=%s send=%s collation=%s %s %s',
                                  t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput, t.typoutput,
                                  t.typreceive, t.typsend, nullif(t.typcollation, 0)::regcollation,
                                  (SELECT string_agg(pg_get_constraintdef(co.oid), ' ' ORDER BY co.conname)
                                   FROM pg_constraint co WHERE co.contypid = t.oid),
                                  (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid))
                    FROM pg_type t WHERE t.oid = m.objid)
               WHEN 'pg_operator'::regclass THEN
                   (SELECT format('%s code=%s com=%s neg=%s rest=%s join=%s hashes=%s merges=%s',
                                  o.oid::regoperator, o.oprcode, o.oprcom::regoperator, o.oprnegate::regoperator,
                                  o.oprrest, o.oprjoin, o.oprcanhash, o.oprcanmerge)
                    FROM pg_operator o WHERE o.oid = m.objid)
               WHEN 'pg_opclass'::regclass THEN
                   (SELECT format('%s default=%s ops=%s procs=%s', am.amname, oc.opcdefault,
                                  (SELECT string_agg(format('%s:%s', ao.amopstrategy, ao.amopopr::regoperator), ' ' ORDER BY ao.amopstrategy)
                                   FROM pg_amop ao WHERE ao.amopfamily = oc.opcfamily),
                                  (SELECT string_agg(format('%s:%s', ap.amprocnum, ap.amproc::regprocedure), ' ' ORDER BY ap.amprocnum)
                                   FROM pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily))
                    FROM pg_opclass oc JOIN pg_am am ON am.oid = oc.opcmethod WHERE oc.oid = m.objid)
               WHEN 'pg_cast'::regclass THEN
                   (SELECT format('%s -> %s via %s context %s', c.castsource::regtype, c.casttarget::regtype,
                                  c.castfunc::regprocedure, c.castcontext)
                    FROM pg_cast c WHERE c.oid = m.objid)
           END AS definition,
           obj_description(m.objid, m.classid::regclass::name) AS comment
    FROM members m
)
SELECT object || E'\n' || coalesce(definition, '') || E'\n' || coalesce(comment, '')
FROM described
ORDER BY object;

-- The rows of every extension table (seeds and settings), as a digest per table.
SELECT c.relname || ' ' || x.n || ' ' || x.h
FROM pg_class c,
     LATERAL (SELECT (xpath('/row/n/text()', r))[1]::text AS n, (xpath('/row/h/text()', r))[1]::text AS h
              FROM query_to_xml(format('SELECT count(*) AS n, md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) AS h FROM u16.%I t',
                                       c.relname), false, true, '') AS r) x
WHERE c.relnamespace = 'u16'::regnamespace AND c.relkind = 'r'
ORDER BY c.relname;

-- The grants pg_init_privs records as u16's own (pg_dump leaves those out).
SELECT pg_describe_object(i.classoid, i.objoid, i.objsubid) || ' ' || i.initprivs::text
FROM pg_init_privs i
JOIN pg_depend d ON (d.classid, d.objid, d.objsubid) = (i.classoid, i.objoid, 0)
WHERE d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e'
  AND d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'u16')
ORDER BY 1;
