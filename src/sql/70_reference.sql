-- ============================================================================
-- Monitor model, reference data: seed rows versus user rows, settings,
-- municipalities and the region, reception locations, population, quotas,
-- the indicator catalogue and targets.  Layer 3, SQL only.
--
-- Every table here is owned by the extension and registered with
-- pg_extension_config_dump, so pg_dump keeps what users put in it.  Tables
-- that ship seed rows have a column `seeded` (true while a row is exactly as
-- the extension shipped it) and the trigger seed_guard:
--   * pg_dump dumps only rows WHERE NOT seeded (user rows and edited seeds);
--   * editing a seed row makes it a user row (seeded = false), so it is dumped;
--   * inserting a row with the key of a seed row replaces the seed row in
--     place — that is how pg_restore puts edited seed rows back, after
--     CREATE EXTENSION has inserted the seeds again;
--   * deleting a seed row (or changing its key) leaves a tombstone in
--     deleted_seed, which is dumped; restoring the tombstone deletes the
--     re-inserted seed row again.
-- Seeds are inserted with the setting u16.seeding = on (also for future
-- update scripts, which must touch seed rows only WHERE seeded), which counts
-- for superusers only.
-- ============================================================================

SELECT pg_catalog.set_config('u16.seeding', 'on', true);

-- Seed rows versus user rows --------------------------------------------------

CREATE TABLE @extschema@.deleted_seed (
    table_name text NOT NULL,
    key jsonb NOT NULL,
    deleted_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
    PRIMARY KEY (table_name, key)
);
COMMENT ON TABLE @extschema@.deleted_seed IS
    'tombstones: seed rows that users deleted (or whose key they changed); pg_dump keeps them, and restoring one deletes the seed row that CREATE EXTENSION inserted again';
COMMENT ON COLUMN @extschema@.deleted_seed.table_name IS 'table in schema u16 the seed row belonged to';
COMMENT ON COLUMN @extschema@.deleted_seed.key IS 'primary key of the deleted seed row, as a JSON object column -> value';
COMMENT ON COLUMN @extschema@.deleted_seed.deleted_at IS 'when the seed row was deleted';

-- The key of a row of `tbl` as a JSON object, for the key columns `cols`.
CREATE FUNCTION @extschema@.seed_key(row_value jsonb, cols text[]) RETURNS jsonb
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT pg_catalog.jsonb_object_agg(c, row_value OPERATOR(pg_catalog.->) c) FROM pg_catalog.unnest(cols) AS c $$;
COMMENT ON FUNCTION @extschema@.seed_key(jsonb, text[]) IS
    'the key columns cols of a row (given as jsonb) as a JSON object; used by seed_guard';

-- Whether a delete is replay_tombstone() replaying a tombstone: it sets
-- u16.tombstone and deletes from within its trigger.  Any role can set the
-- setting, so a delete outside a trigger is never a replay (it would leave no
-- tombstone, or delete a setting).
CREATE FUNCTION @extschema@.replaying_tombstone() RETURNS boolean
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT coalesce(pg_catalog.current_setting('u16.tombstone', true), '') OPERATOR(pg_catalog.=) 'replaying'
                 AND pg_catalog.pg_trigger_depth() OPERATOR(pg_catalog.>) 1 $$;
COMMENT ON FUNCTION @extschema@.replaying_tombstone() IS
    'internal: whether the delete in progress is replay_tombstone() deleting a seed row again (used by seed_guard and keep_setting)';

-- Trigger on every seeded table; the trigger arguments are the key columns.
CREATE FUNCTION @extschema@.seed_guard() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    key_columns text[] := TG_ARGV;
    -- Only u16's scripts seed, and they run as a superuser: any role can set
    -- u16.seeding, and an edit it marked seeded would not be dumped.
    seeding boolean := coalesce(current_setting('u16.seeding', true), '') OPERATOR(pg_catalog.=) 'on'
                       AND current_setting('is_superuser') OPERATOR(pg_catalog.=) 'on';
    replaying boolean := @extschema@.replaying_tombstone();
    key_match text;
    all_columns text;
    replaced bigint;
BEGIN
    IF TG_OP OPERATOR(pg_catalog.=) 'INSERT' THEN
        NEW.seeded := seeding;
        IF seeding THEN
            RETURN NEW;
        END IF;
        -- A user row with the key of a seed row replaces the seed row in place
        -- (an UPDATE, so rows referencing it stay valid).
        SELECT string_agg(format('to_jsonb(t.%1$I) OPERATOR(pg_catalog.=) to_jsonb(($1).%1$I)', k), ' AND ')
          INTO key_match FROM unnest(key_columns) AS k;
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO all_columns
          FROM pg_attribute a
         WHERE a.attrelid OPERATOR(pg_catalog.=) TG_RELID AND a.attnum OPERATOR(pg_catalog.>) 0
           AND NOT a.attisdropped AND a.attgenerated OPERATOR(pg_catalog.=) '';
        EXECUTE format('UPDATE %I.%I AS t SET (%s) = (SELECT %s FROM (SELECT ($1).*) AS n) WHERE t.seeded AND %s',
                       TG_TABLE_SCHEMA, TG_TABLE_NAME, all_columns, all_columns, key_match)
          USING NEW;
        GET DIAGNOSTICS replaced = ROW_COUNT;
        IF replaced OPERATOR(pg_catalog.>) 0 THEN
            RETURN NULL;
        END IF;
        RETURN NEW;
    ELSIF TG_OP OPERATOR(pg_catalog.=) 'UPDATE' THEN
        IF seeding THEN
            NEW.seeded := OLD.seeded;
            RETURN NEW;
        END IF;
        NEW.seeded := false;
        IF OLD.seeded AND @extschema@.seed_key(to_jsonb(OLD), key_columns)
                          OPERATOR(pg_catalog.<>) @extschema@.seed_key(to_jsonb(NEW), key_columns) THEN
            PERFORM set_config('u16.tombstone', 'recording', true);
            INSERT INTO @extschema@.deleted_seed (table_name, key)
            VALUES (TG_TABLE_NAME, @extschema@.seed_key(to_jsonb(OLD), key_columns))
            ON CONFLICT DO NOTHING;
            PERFORM set_config('u16.tombstone', '', true);
        END IF;
        RETURN NEW;
    ELSE
        IF OLD.seeded AND NOT seeding AND NOT replaying THEN
            PERFORM set_config('u16.tombstone', 'recording', true);
            INSERT INTO @extschema@.deleted_seed (table_name, key)
            VALUES (TG_TABLE_NAME, @extschema@.seed_key(to_jsonb(OLD), key_columns))
            ON CONFLICT DO NOTHING;
            PERFORM set_config('u16.tombstone', '', true);
        END IF;
        RETURN OLD;
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.seed_guard() IS
    'trigger of seeded tables: user inserts and edits are user rows (seeded = false, dumped); a user row with a seed row''s key replaces it; deleting a seed row leaves a tombstone in deleted_seed';

-- Restoring a tombstone deletes the seed row again.
CREATE FUNCTION @extschema@.replay_tombstone() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    key_match text;
BEGIN
    -- A tombstone that seed_guard records for a delete it is doing needs no replay.
    IF coalesce(current_setting('u16.tombstone', true), '') OPERATOR(pg_catalog.=) 'recording'
       OR to_regclass(format('%I.%I', TG_TABLE_SCHEMA, NEW.table_name)) IS NULL THEN
        RETURN NEW;
    END IF;
    SELECT string_agg(format('to_jsonb(t.%I) OPERATOR(pg_catalog.=) ($1 OPERATOR(pg_catalog.->) %L)', k, k), ' AND ')
      INTO key_match FROM jsonb_object_keys(NEW.key) AS k;
    PERFORM set_config('u16.tombstone', 'replaying', true);
    EXECUTE format('DELETE FROM %I.%I AS t WHERE t.seeded AND %s', TG_TABLE_SCHEMA, NEW.table_name, key_match)
      USING NEW.key;
    PERFORM set_config('u16.tombstone', '', true);
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.replay_tombstone() IS
    'trigger of deleted_seed: a tombstone inserted (by a user delete or by pg_restore) deletes the matching seed row if it is still there';
CREATE TRIGGER replay_tombstone BEFORE INSERT ON @extschema@.deleted_seed
    FOR EACH ROW EXECUTE FUNCTION @extschema@.replay_tombstone();

-- Settings ----------------------------------------------------------------------

CREATE TABLE @extschema@.setting (
    name text PRIMARY KEY,
    value text NOT NULL,
    value_type text NOT NULL
        CONSTRAINT "setting type is integer, numeric, boolean or text"
        CHECK (value_type OPERATOR(pg_catalog.=) ANY (ARRAY['integer', 'numeric', 'boolean', 'text'])),
    description text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.setting IS
    'policy settings (instellingen) the monitor''s views read, one row each; change a value with UPDATE u16.setting SET value = ... WHERE name = ...; read with setting_int, setting_numeric, setting_bool, setting_text';
COMMENT ON COLUMN @extschema@.setting.name IS 'name of the setting';
COMMENT ON COLUMN @extschema@.setting.value IS 'value as text; checked against value_type and the setting''s rule on every change';
COMMENT ON COLUMN @extschema@.setting.value_type IS 'integer, numeric, boolean or text: the accessor to read it with';
COMMENT ON COLUMN @extschema@.setting.description IS 'what the setting decides, and its default';
COMMENT ON COLUMN @extschema@.setting.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';

CREATE FUNCTION @extschema@.check_setting() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v text := NEW.value;
BEGIN
    -- A setting's name and type are u16's: the views read it with its accessor.
    IF TG_OP OPERATOR(pg_catalog.=) 'UPDATE'
       AND (NEW.name OPERATOR(pg_catalog.<>) OLD.name OR NEW.value_type OPERATOR(pg_catalog.<>) OLD.value_type) THEN
        RAISE EXCEPTION 'setting % keeps its name and type (%); change its value', OLD.name, OLD.value_type
            USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.value_type OPERATOR(pg_catalog.=) 'integer' AND v OPERATOR(pg_catalog.!~) '^\s*[+-]?[0-9]{1,9}\s*$' THEN
        RAISE EXCEPTION 'setting % must be a whole number, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    ELSIF NEW.value_type OPERATOR(pg_catalog.=) 'numeric'
          AND v OPERATOR(pg_catalog.!~) '^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$' THEN
        RAISE EXCEPTION 'setting % must be a number, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    ELSIF NEW.value_type OPERATOR(pg_catalog.=) 'boolean'
          AND lower(btrim(v)) OPERATOR(pg_catalog.<>) ALL (ARRAY['true', 'false']) THEN
        RAISE EXCEPTION 'setting % must be true or false, got ''%''', NEW.name, v USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.name OPERATOR(pg_catalog.=) 'min_cell_size' AND v::integer OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'setting min_cell_size must be at least 1, got %', v USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'baseline_offset_years' AND v::integer NOT BETWEEN 1 AND 100 THEN
        RAISE EXCEPTION 'setting baseline_offset_years must be 1 to 100 years, got %', v USING ERRCODE = 'check_violation';
    -- (as the double precision the tests read it as: 1e-400 is 0 there, 0.99999999999999999 is 1)
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'significance_level'
          AND NOT (v::numeric OPERATOR(pg_catalog.>=) 1e-300 AND v::numeric::double precision OPERATOR(pg_catalog.<) 1) THEN
        RAISE EXCEPTION 'setting significance_level must lie strictly between 0 and 1, got %', v
            USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 't1_1_reading'
          AND v OPERATOR(pg_catalog.<>) ALL (ARRAY['couplings', 'azc_leavers']) THEN
        RAISE EXCEPTION 'setting t1_1_reading must be ''couplings'' or ''azc_leavers'', got ''%''', v
            USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'reference_day'
          AND NOT EXISTS (SELECT FROM pg_catalog.generate_series(DATE '2001-01-01', DATE '2001-12-31', INTERVAL '1 day') AS d
                          WHERE pg_catalog.to_char(d, 'MM-DD') OPERATOR(pg_catalog.=) v) THEN
        RAISE EXCEPTION 'setting reference_day must be a day of every year written MM-DD (12-31; not 02-29), got ''%''', v
            USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'cohort_basis'
          AND v OPERATOR(pg_catalog.<>) ALL (ARRAY['permit', 'housing', 'obligation']) THEN
        RAISE EXCEPTION 'setting cohort_basis must be ''permit'', ''housing'' or ''obligation'', got ''%''', v
            USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) ANY (ARRAY['snapshot_max_age_days', 'join_window_months'])
          AND v::integer OPERATOR(pg_catalog.<) 0 THEN
        RAISE EXCEPTION 'setting % must not be negative, got %', NEW.name, v USING ERRCODE = 'check_violation';
    ELSIF NEW.name OPERATOR(pg_catalog.=) 'exam_term_months' AND v::integer OPERATOR(pg_catalog.<) 1 THEN
        RAISE EXCEPTION 'setting exam_term_months must be at least 1, got %', v USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.value_type OPERATOR(pg_catalog.=) 'boolean' THEN
        NEW.value := lower(btrim(v));
    ELSIF NEW.value_type OPERATOR(pg_catalog.<>) 'text' THEN
        NEW.value := btrim(v);
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_setting() IS
    'trigger of setting: the value must fit value_type and the setting''s rule (min_cell_size >= 1, 0 < significance_level < 1, ...)';
CREATE TRIGGER check_setting BEFORE INSERT OR UPDATE ON @extschema@.setting
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_setting();

-- The monitor reads every setting: deleting one would stop refresh_monitor().
-- (A tombstone of a dump, replayed on restore, may still delete it.)
CREATE FUNCTION @extschema@.keep_setting() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT @extschema@.replaying_tombstone() THEN
        RAISE EXCEPTION 'setting % cannot be deleted: the monitor reads it', OLD.name
            USING ERRCODE = 'check_violation', HINT = 'Set it back to its default (its description names it) with UPDATE.';
    END IF;
    RETURN OLD;
END
$$;
COMMENT ON FUNCTION @extschema@.keep_setting() IS
    'trigger of setting: a setting cannot be deleted (the monitor reads every one); set its value instead';
CREATE TRIGGER keep_setting BEFORE DELETE ON @extschema@.setting
    FOR EACH ROW EXECUTE FUNCTION @extschema@.keep_setting();
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.setting
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('name');

INSERT INTO @extschema@.setting (name, value, value_type, description) VALUES
    ('min_cell_size', '10', 'integer',
     'minimum cell size (privacy): a count, or a share whose denominator, is below this is suppressed in published views; default 10'),
    ('carry_surplus', 'true', 'boolean',
     'carry a housing surplus (voorsprong) into the next half-year like a deficit (achterstand); false lets surpluses lapse; default true'),
    ('baseline_offset_years', '1', 'integer',
     'the baseline (peilmoment) of "risen"/"fallen" indicators is the same indicator this many years earlier; default 1'),
    ('significance_level', '0.05', 'numeric',
     'alpha for trend(): a change counts as a rise or fall only when its p-value is below this; default 0.05'),
    ('t1_1_reading', 'couplings', 'text',
     'T1.1 reading: ''couplings'' = share of U16 couplings that came from U16 reception locations (default, the regional monitor''s reading); ''azc_leavers'' = share of U16-AZC leavers placed in the U16');
INSERT INTO @extschema@.setting (name, value, value_type, description) VALUES
    ('reference_day', '12-31', 'text',
     'reference date (peildatum) of a year''s figures, MM-DD: status, residence and age are taken on this day; a half-year uses its last day; default 12-31'),
    ('snapshot_max_age_days', '92', 'integer',
     'a stock figure uses each person''s latest status snapshot on or before the reference date and at most this many days older; persons without one are unknown, not counted with a stale status; default 92'),
    ('cohort_basis', 'permit', 'text',
     'what starts a person''s cohort (the cohort view and the standardised comparison): ''permit'' (year of the residence permit, default), ''housing'' (year of first housing) or ''obligation'' (year the civic-integration obligation started)'),
    ('join_window_months', '6', 'integer',
     'T1.3: a pathway join counts when it is at most this many months after the coupling (or before it); a year is pending until the window of its last coupling has closed within the data; default 6'),
    ('exam_term_months', '36', 'integer',
     'T2.5: an obligation counts as passed when passed within this many months of its start (the legal term); a cohort is pending until its term has ended within the data; default 36'),
    ('obligation_counts_after_deadline', 'true', 'boolean',
     'T2.4: a person whose deadline has passed without passing the exam still has an obligation and counts; false leaves them out from the year after the deadline; default true');

CREATE FUNCTION @extschema@.setting_text(setting_name text) RETURNS text
    LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    v text;
BEGIN
    SELECT s.value INTO v FROM @extschema@.setting s WHERE s.name OPERATOR(pg_catalog.=) setting_name;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown setting "%"', setting_name USING ERRCODE = 'undefined_object',
            HINT = 'The settings are listed in table u16.setting.';
    END IF;
    RETURN v;
END
$$;
COMMENT ON FUNCTION @extschema@.setting_text(text) IS 'value of a setting as text; error if there is no such setting';

CREATE FUNCTION @extschema@.setting_int(setting_name text) RETURNS integer
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::integer $$;
COMMENT ON FUNCTION @extschema@.setting_int(text) IS 'value of an integer setting, e.g. setting_int(''min_cell_size'')';

CREATE FUNCTION @extschema@.setting_numeric(setting_name text) RETURNS numeric
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::numeric $$;
COMMENT ON FUNCTION @extschema@.setting_numeric(text) IS 'value of a numeric setting, e.g. setting_numeric(''significance_level'')';

CREATE FUNCTION @extschema@.setting_bool(setting_name text) RETURNS boolean
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.setting_text(setting_name)::boolean $$;
COMMENT ON FUNCTION @extschema@.setting_bool(text) IS 'value of a boolean setting, e.g. setting_bool(''carry_surplus'')';

-- Municipalities and the region ---------------------------------------------------

CREATE DOMAIN @extschema@.municipality_code AS text
    CONSTRAINT "municipality code is GM followed by 4 digits"
    CHECK (VALUE OPERATOR(pg_catalog.~) '^GM[0-9]{4}$');
COMMENT ON DOMAIN @extschema@.municipality_code IS
    'CBS municipality code (gemeentecode): GM followed by 4 digits, e.g. GM0344 (Utrecht)';

CREATE TABLE @extschema@.municipality (
    code @extschema@.municipality_code PRIMARY KEY,
    name text NOT NULL,
    province text NOT NULL,
    valid_from date,
    valid_to date,
    seeded boolean NOT NULL DEFAULT false,
    CONSTRAINT "municipality valid_to is not before valid_from"
        CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from)
);
COMMENT ON TABLE @extschema@.municipality IS
    'municipalities (gemeenten) with the dates they existed; seeded with the U16 of 2017-2019 plus Leerdam and Zederik (merged into Vijfheerenlanden)';
COMMENT ON COLUMN @extschema@.municipality.code IS 'CBS municipality code (gemeentecode), GM + 4 digits';
COMMENT ON COLUMN @extschema@.municipality.name IS 'name (gemeentenaam)';
COMMENT ON COLUMN @extschema@.municipality.province IS 'province (provincie)';
COMMENT ON COLUMN @extschema@.municipality.valid_from IS 'first day the municipality existed; NULL = before any period the monitor covers';
COMMENT ON COLUMN @extschema@.municipality.valid_to IS 'last day the municipality existed (inclusive); NULL = still exists';
COMMENT ON COLUMN @extschema@.municipality.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.municipality
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.municipality (code, name, province, valid_from, valid_to) VALUES
    ('GM0312', 'Bunnik', 'Utrecht', NULL, NULL),
    ('GM0310', 'De Bilt', 'Utrecht', NULL, NULL),
    ('GM0736', 'De Ronde Venen', 'Utrecht', NULL, NULL),
    ('GM0321', 'Houten', 'Utrecht', NULL, NULL),
    ('GM0353', 'IJsselstein', 'Utrecht', NULL, NULL),
    ('GM0331', 'Lopik', 'Utrecht', NULL, NULL),
    ('GM0335', 'Montfoort', 'Utrecht', NULL, NULL),
    ('GM0356', 'Nieuwegein', 'Utrecht', NULL, NULL),
    ('GM0589', 'Oudewater', 'Utrecht', NULL, NULL),
    ('GM1904', 'Stichtse Vecht', 'Utrecht', NULL, NULL),
    ('GM0344', 'Utrecht', 'Utrecht', NULL, NULL),
    ('GM1581', 'Utrechtse Heuvelrug', 'Utrecht', NULL, NULL),
    ('GM0620', 'Vianen', 'Utrecht', NULL, '2018-12-31'),
    ('GM0352', 'Wijk bij Duurstede', 'Utrecht', NULL, NULL),
    ('GM0632', 'Woerden', 'Utrecht', NULL, NULL),
    ('GM0355', 'Zeist', 'Utrecht', NULL, NULL),
    ('GM1961', 'Vijfheerenlanden', 'Utrecht', '2019-01-01', NULL),
    ('GM0545', 'Leerdam', 'Zuid-Holland', NULL, '2018-12-31'),
    ('GM0707', 'Zederik', 'Zuid-Holland', NULL, '2018-12-31');

CREATE TABLE @extschema@.municipality_succession (
    old_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    new_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    effective_on date NOT NULL,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (old_code, new_code),
    CONSTRAINT "a municipality does not succeed itself" CHECK (old_code OPERATOR(pg_catalog.<>) new_code)
);
COMMENT ON TABLE @extschema@.municipality_succession IS
    'mergers (herindelingen): old municipality -> new municipality from a date, to restate history on current boundaries; Vijfheerenlanden also contains Leerdam and Zederik, which were never U16 members';
COMMENT ON COLUMN @extschema@.municipality_succession.old_code IS 'municipality that ceased';
COMMENT ON COLUMN @extschema@.municipality_succession.new_code IS 'municipality that took over its area';
COMMENT ON COLUMN @extschema@.municipality_succession.effective_on IS 'first day of the new municipality';
COMMENT ON COLUMN @extschema@.municipality_succession.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.municipality_succession
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('old_code', 'new_code');

INSERT INTO @extschema@.municipality_succession (old_code, new_code, effective_on) VALUES
    ('GM0620', 'GM1961', '2019-01-01'),
    ('GM0545', 'GM1961', '2019-01-01'),
    ('GM0707', 'GM1961', '2019-01-01');

CREATE TABLE @extschema@.region (
    code text PRIMARY KEY
        CONSTRAINT "region code is letters and digits, not a municipality code"
        CHECK (code OPERATOR(pg_catalog.~) '^[A-Z][A-Z0-9_]{0,15}$' AND code OPERATOR(pg_catalog.!~) '^GM[0-9]{4}$'),
    name text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.region IS 'regions (regio''s) that group municipalities; seeded with the U16';
COMMENT ON COLUMN @extschema@.region.code IS 'region code, e.g. U16; used as area_code of region-wide targets';
COMMENT ON COLUMN @extschema@.region.name IS 'name of the region';
COMMENT ON COLUMN @extschema@.region.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.region
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.region (code, name) VALUES
    ('U16', 'U16: the sixteen municipalities of the Utrecht region (regio Utrecht)');

CREATE TABLE @extschema@.region_member (
    region text NOT NULL REFERENCES @extschema@.region (code),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    valid_from date NOT NULL,
    valid_to date,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (region, municipality_code, valid_from),
    CONSTRAINT "membership valid_to is not before valid_from" CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from)
);
COMMENT ON TABLE @extschema@.region_member IS
    'which municipalities belonged to a region when (lidmaatschap); a figure for a period uses the members valid in that period';
COMMENT ON COLUMN @extschema@.region_member.region IS 'region code, e.g. U16';
COMMENT ON COLUMN @extschema@.region_member.municipality_code IS 'member municipality';
COMMENT ON COLUMN @extschema@.region_member.valid_from IS 'first day of membership';
COMMENT ON COLUMN @extschema@.region_member.valid_to IS 'last day of membership (inclusive); NULL = still a member';
COMMENT ON COLUMN @extschema@.region_member.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.region_member
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('region', 'municipality_code', 'valid_from');

INSERT INTO @extschema@.region_member (region, municipality_code, valid_from, valid_to)
SELECT 'U16', code, DATE '2017-01-01', NULL
FROM @extschema@.municipality
WHERE code OPERATOR(pg_catalog.<>) ALL (ARRAY['GM0620', 'GM1961', 'GM0545', 'GM0707']);
INSERT INTO @extschema@.region_member (region, municipality_code, valid_from, valid_to) VALUES
    ('U16', 'GM0620', '2017-01-01', '2018-12-31'),
    ('U16', 'GM1961', '2019-01-01', NULL);

CREATE FUNCTION @extschema@.region_members(region_code text, p @extschema@.period)
    RETURNS SETOF @extschema@.municipality_code
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT DISTINCT m.municipality_code
    FROM @extschema@.region_member m
    WHERE m.region OPERATOR(pg_catalog.=) region_code
      AND m.valid_from OPERATOR(pg_catalog.<=) @extschema@.period_end(p)
      AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>=) @extschema@.period_start(p))
    ORDER BY 1
$$;
COMMENT ON FUNCTION @extschema@.region_members(text, @extschema@.period) IS
    'municipalities that were members of the region on at least one day of the period, e.g. region_members(''U16'', ''2018'')';

-- Areas: a municipality or a region (targets and milestones are set for either).
CREATE FUNCTION @extschema@.check_area_code() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.municipality m WHERE m.code::text OPERATOR(pg_catalog.=) NEW.area_code)
       AND NOT EXISTS (SELECT 1 FROM @extschema@.region r WHERE r.code OPERATOR(pg_catalog.=) NEW.area_code) THEN
        RAISE EXCEPTION 'area code ''%'' is neither a known municipality nor a known region', NEW.area_code
            USING ERRCODE = 'foreign_key_violation', COLUMN = 'area_code',
                  HINT = 'Use a code of u16.municipality (e.g. GM0344) or of u16.region (e.g. U16).';
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_area_code() IS
    'trigger: area_code must be a code of u16.municipality or of u16.region';

-- Reception locations -------------------------------------------------------------

CREATE TABLE @extschema@.reception_location (
    code text PRIMARY KEY
        CONSTRAINT "reception location code is not empty" CHECK (code OPERATOR(pg_catalog.~) '\S'),
    name text NOT NULL,
    municipality_code @extschema@.municipality_code REFERENCES @extschema@.municipality (code),
    places integer CONSTRAINT "places is not negative" CHECK (places OPERATOR(pg_catalog.>=) 0),
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.reception_location IS
    'reception locations (AZC, COA-locaties) that couplings come from; a location counts as inside the region when its municipality is a region member';
COMMENT ON COLUMN @extschema@.reception_location.code IS 'code of the location as used in coupling data';
COMMENT ON COLUMN @extschema@.reception_location.name IS 'name of the location';
COMMENT ON COLUMN @extschema@.reception_location.municipality_code IS 'municipality the location lies in; NULL when it is not in u16.municipality (then it counts as outside every region)';
COMMENT ON COLUMN @extschema@.reception_location.places IS 'number of places (capaciteit) as given by the plan of 2018; NULL if unknown';
COMMENT ON COLUMN @extschema@.reception_location.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.reception_location
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.reception_location (code, name, municipality_code, places) VALUES
    ('AZC-UTRECHT-HAYDNLAAN', 'AZC Utrecht, Joseph Haydnlaan', 'GM0344', 590),
    ('AZC-LEERSUM-HOOGSTRAAT', 'AZC Leersum "de Hoogstraat"', 'GM1581', 525);

-- Population ----------------------------------------------------------------------

CREATE TABLE @extschema@.population (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    reference_date date NOT NULL,
    inhabitants bigint NOT NULL CONSTRAINT "inhabitants is positive" CHECK (inhabitants OPERATOR(pg_catalog.>) 0),
    source text,
    PRIMARY KEY (municipality_code, reference_date)
);
COMMENT ON TABLE @extschema@.population IS
    'inhabitants (inwoners) of a municipality on a reference date (peildatum), CBS; the quota of a half-year uses 1 January of the previous year; for a merged municipality the province sets the number. Not seeded';
COMMENT ON COLUMN @extschema@.population.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.population.reference_date IS 'reference date (peildatum) of the count, usually 1 January';
COMMENT ON COLUMN @extschema@.population.inhabitants IS 'number of inhabitants';
COMMENT ON COLUMN @extschema@.population.source IS 'where the figure comes from, e.g. CBS StatLine or the province';

CREATE TABLE @extschema@.national_population (
    reference_date date PRIMARY KEY,
    inhabitants bigint NOT NULL CONSTRAINT "inhabitants is positive" CHECK (inhabitants OPERATOR(pg_catalog.>) 0),
    source text
);
COMMENT ON TABLE @extschema@.national_population IS 'inhabitants of the Netherlands on a reference date (peildatum), CBS. Not seeded';
COMMENT ON COLUMN @extschema@.national_population.reference_date IS 'reference date (peildatum) of the count';
COMMENT ON COLUMN @extschema@.national_population.inhabitants IS 'number of inhabitants of the Netherlands';
COMMENT ON COLUMN @extschema@.national_population.source IS 'where the figure comes from';

-- Housing quotas (taakstelling) -----------------------------------------------------

CREATE TABLE @extschema@.national_quota (
    period @extschema@.period NOT NULL
        CONSTRAINT "national quota period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    version integer NOT NULL CONSTRAINT "version is positive" CHECK (version OPERATOR(pg_catalog.>) 0),
    total bigint NOT NULL CONSTRAINT "national total is not negative" CHECK (total OPERATOR(pg_catalog.>=) 0),
    published_on date,
    source text,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (period, version)
);
COMMENT ON TABLE @extschema@.national_quota IS
    'national total of permit holders to house per half-year (landelijke taakstelling), with versions because it can be revised during the half-year; the highest version is current';
COMMENT ON COLUMN @extschema@.national_quota.period IS 'half-year, e.g. 2019H1';
COMMENT ON COLUMN @extschema@.national_quota.version IS 'version number: 1 = first publication, 2 = first revision, ...';
COMMENT ON COLUMN @extschema@.national_quota.total IS 'number of permit holders to house in the Netherlands in the half-year';
COMMENT ON COLUMN @extschema@.national_quota.published_on IS 'date of publication; NULL if unknown';
COMMENT ON COLUMN @extschema@.national_quota.source IS 'where the figure comes from';
COMMENT ON COLUMN @extschema@.national_quota.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.national_quota
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('period', 'version');

INSERT INTO @extschema@.national_quota (period, version, total, published_on, source) VALUES
    ('2019H1', 1, 8000, NULL, 'first publication'),
    ('2019H1', 2, 6000, NULL, 'revised during the half-year (8,000 -> 6,000)');

CREATE TABLE @extschema@.quota (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "quota period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    quota bigint NOT NULL CONSTRAINT "quota is not negative" CHECK (quota OPERATOR(pg_catalog.>=) 0),
    source text,
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.quota IS
    'municipal housing quota (taakstelling) per half-year: permit holders the municipality must house; fill with set_statutory_quotas() or from published figures. Not seeded';
COMMENT ON COLUMN @extschema@.quota.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.quota.period IS 'half-year, e.g. 2018H1';
COMMENT ON COLUMN @extschema@.quota.quota IS 'number of permit holders to house in the half-year';
COMMENT ON COLUMN @extschema@.quota.source IS 'statutory (computed), redistributed, or the publication it comes from';

CREATE TABLE @extschema@.quota_correction (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "correction period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    correction bigint NOT NULL,
    reason text NOT NULL CONSTRAINT "a correction has a reason" CHECK (reason OPERATOR(pg_catalog.~) '\S'),
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.quota_correction IS
    'manual adjustment (correctie) of a municipality''s closing balance of a half-year, e.g. registration corrections; added to balance(h+1)';
COMMENT ON COLUMN @extschema@.quota_correction.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.quota_correction.period IS 'half-year whose closing balance is corrected';
COMMENT ON COLUMN @extschema@.quota_correction.correction IS 'persons added to the closing balance (> 0 more deficit, < 0 less)';
COMMENT ON COLUMN @extschema@.quota_correction.reason IS 'why, in words';

CREATE TABLE @extschema@.opening_balance (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    period @extschema@.period NOT NULL
        CONSTRAINT "opening balance period is a half-year"
        CHECK (@extschema@.granularity(period) OPERATOR(pg_catalog.=) 'halfyear'),
    balance bigint NOT NULL,
    PRIMARY KEY (municipality_code, period)
);
COMMENT ON TABLE @extschema@.opening_balance IS
    'balance carried into a half-year where the ledger of a municipality starts (> 0 deficit/achterstand, < 0 surplus/voorsprong); 0 if absent';
COMMENT ON COLUMN @extschema@.opening_balance.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.opening_balance.period IS 'half-year the balance is carried into';
COMMENT ON COLUMN @extschema@.opening_balance.balance IS 'carried balance: > 0 deficit (achterstand), < 0 surplus (voorsprong)';

-- Statutory quotas from a national total (Huisvestingswet 2014 art. 29) ------------

CREATE FUNCTION @extschema@.statutory_quotas(half_year @extschema@.period, national_version integer DEFAULT NULL)
    RETURNS TABLE (municipality_code @extschema@.municipality_code, reference_date date,
                   inhabitants bigint, national_inhabitants bigint, national_total bigint, quota bigint)
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ref date;
    total bigint;
    nl bigint;
BEGIN
    IF half_year IS NULL OR @extschema@.granularity(half_year) OPERATOR(pg_catalog.<>) 'halfyear' THEN
        RAISE EXCEPTION 'statutory_quotas needs a half-year such as 2018H1, got %', coalesce(half_year::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- Inhabitants on 1 January of the previous year.
    ref := make_date(extract(year FROM @extschema@.period_start(half_year))::integer OPERATOR(pg_catalog.-) 1, 1, 1);
    SELECT q.total INTO total FROM @extschema@.national_quota q
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND (national_version IS NULL OR q.version OPERATOR(pg_catalog.=) national_version)
     ORDER BY q.version DESC LIMIT 1;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no national quota for % in u16.national_quota%', half_year,
            CASE WHEN national_version IS NULL THEN '' ELSE format(' (version %s)', national_version) END
            USING ERRCODE = 'no_data_found';
    END IF;
    SELECT n.inhabitants INTO nl FROM @extschema@.national_population n WHERE n.reference_date OPERATOR(pg_catalog.=) ref;
    RETURN QUERY
    SELECT m.code, ref, p.inhabitants, nl, total,
           CASE WHEN p.inhabitants IS NOT NULL AND nl IS NOT NULL
                THEN @extschema@.statutory_quota(total, p.inhabitants, nl) END
    FROM @extschema@.municipality m
    LEFT JOIN @extschema@.population p
           ON p.municipality_code::text OPERATOR(pg_catalog.=) m.code::text
          AND p.reference_date OPERATOR(pg_catalog.=) ref
    WHERE (m.valid_from IS NULL OR m.valid_from OPERATOR(pg_catalog.<=) @extschema@.period_start(half_year))
      AND (m.valid_to IS NULL OR m.valid_to OPERATOR(pg_catalog.>=) @extschema@.period_start(half_year))
    ORDER BY m.code;
END
$$;
COMMENT ON FUNCTION @extschema@.statutory_quotas(@extschema@.period, integer) IS
    'statutory quota of every municipality existing at the start of the half-year: ceil(national total x inhabitants / inhabitants of NL), inhabitants on 1 January of the previous year; national_version NULL = the latest; quota NULL where a population figure is missing';

CREATE FUNCTION @extschema@.set_statutory_quotas(half_year @extschema@.period, region_code text DEFAULT 'U16',
                                                 national_version integer DEFAULT NULL)
    RETURNS bigint
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    missing text;
    added bigint;
BEGIN
    SELECT string_agg(s.municipality_code::text, ', ' ORDER BY s.municipality_code) INTO missing
    FROM @extschema@.statutory_quotas(half_year, national_version) s
    WHERE s.municipality_code::text OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT @extschema@.region_members(region_code, half_year)::text))
      AND s.quota IS NULL;
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION 'cannot compute the % quota of %: population figures missing', half_year, missing
            USING ERRCODE = 'no_data_found',
                  HINT = 'Add inhabitants on 1 January of the previous year to u16.population and u16.national_population.';
    END IF;
    INSERT INTO @extschema@.quota (municipality_code, period, quota, source)
    SELECT s.municipality_code, half_year, s.quota, 'statutory'
    FROM @extschema@.statutory_quotas(half_year, national_version) s
    WHERE s.municipality_code::text OPERATOR(pg_catalog.=) ANY (ARRAY(SELECT @extschema@.region_members(region_code, half_year)::text))
    ON CONFLICT DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    RETURN added;
END
$$;
COMMENT ON FUNCTION @extschema@.set_statutory_quotas(@extschema@.period, text, integer) IS
    'inserts the statutory quota of every region member of the half-year into u16.quota (source ''statutory''); existing rows are kept; returns the number of rows inserted';

CREATE FUNCTION @extschema@.redistribute_quota(half_year @extschema@.period,
                                               from_municipality @extschema@.municipality_code,
                                               to_municipality @extschema@.municipality_code,
                                               persons bigint)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    moved bigint;
    available bigint;
BEGIN
    IF persons IS NULL OR persons OPERATOR(pg_catalog.<=) 0 THEN
        RAISE EXCEPTION 'redistribute_quota moves a positive number of persons, got %', coalesce(persons::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF from_municipality OPERATOR(pg_catalog.=) to_municipality THEN
        RAISE EXCEPTION 'redistribute_quota needs two different municipalities' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT q.quota INTO available FROM @extschema@.quota q
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND q.municipality_code OPERATOR(pg_catalog.=) from_municipality;
    IF available OPERATOR(pg_catalog.<) persons THEN
        RAISE EXCEPTION 'cannot move % persons of the % quota away from %: its quota is %', persons, half_year,
            from_municipality, available USING ERRCODE = 'check_violation';
    END IF;
    -- One statement: both rows change together or not at all, so the sum stays the same.
    UPDATE @extschema@.quota q
       SET quota = q.quota OPERATOR(pg_catalog.+)
                   CASE WHEN q.municipality_code OPERATOR(pg_catalog.=) to_municipality THEN persons
                        ELSE OPERATOR(pg_catalog.-) persons END,
           source = 'redistributed'
     WHERE q.period::text OPERATOR(pg_catalog.=) half_year::text
       AND q.municipality_code OPERATOR(pg_catalog.=) ANY (ARRAY[from_municipality, to_municipality]::text[]);
    GET DIAGNOSTICS moved = ROW_COUNT;
    IF moved OPERATOR(pg_catalog.<>) 2 THEN
        RAISE EXCEPTION 'redistribute_quota needs a % quota for both % and % in u16.quota', half_year,
            from_municipality, to_municipality USING ERRCODE = 'no_data_found';
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.redistribute_quota(@extschema@.period, @extschema@.municipality_code, @extschema@.municipality_code, bigint) IS
    'moves quota of a half-year from one municipality to another (art. 29 allows it when the sum is unchanged): both rows change in one statement; a quota cannot go below 0';

-- Indicator catalogue ---------------------------------------------------------------

CREATE TABLE @extschema@.theme (
    theme integer PRIMARY KEY,
    name_en text NOT NULL,
    name_nl text NOT NULL,
    seeded boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.theme IS 'the three themes (thema''s) of the plan of 2018';
COMMENT ON COLUMN @extschema@.theme.theme IS 'theme number 1..3';
COMMENT ON COLUMN @extschema@.theme.name_en IS 'name in English';
COMMENT ON COLUMN @extschema@.theme.name_nl IS 'name in Dutch, as in the plan';
COMMENT ON COLUMN @extschema@.theme.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.theme
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('theme');

INSERT INTO @extschema@.theme (theme, name_en, name_nl) VALUES
    (1, 'Start of the pathway: from first reception to settling in the region',
        'Start doorgaande lijn: van eerste opvang naar vestiging in de regio'),
    (2, 'Work and civic integration', 'Werk en inburgering'),
    (3, 'Housing permit holders', 'Huisvesting vergunninghouders');

CREATE TABLE @extschema@.indicator (
    code text PRIMARY KEY
        CONSTRAINT "indicator code is T<theme>.<number>" CHECK (code OPERATOR(pg_catalog.~) '^T[0-9]+\.[0-9]+$'),
    theme integer NOT NULL REFERENCES @extschema@.theme (theme),
    name_en text NOT NULL,
    name_nl text NOT NULL,
    numerator text,
    denominator text,
    unit text NOT NULL
        CONSTRAINT "unit is share, count, milestone or qualitative"
        CHECK (unit OPERATOR(pg_catalog.=) ANY (ARRAY['share', 'count', 'milestone', 'qualitative'])),
    direction text
        CONSTRAINT "direction is up or down"
        CHECK (direction OPERATOR(pg_catalog.=) ANY (ARRAY['up', 'down'])),
    granularity text NOT NULL DEFAULT 'year'
        CONSTRAINT "granularity is year or halfyear"
        CHECK (granularity OPERATOR(pg_catalog.=) ANY (ARRAY['year', 'halfyear'])),
    qualitative boolean GENERATED ALWAYS AS (unit OPERATOR(pg_catalog.=) 'qualitative') STORED,
    seeded boolean NOT NULL DEFAULT false,
    -- How the monitor counts the indicator (read by the views: adding an
    -- indicator with these rules is a catalogue row).
    municipal_unit text
        CONSTRAINT "municipal unit is share, count or milestone"
        CHECK (municipal_unit OPERATOR(pg_catalog.=) ANY (ARRAY['share', 'count', 'milestone'])),
    counts text
        CONSTRAINT "counts is persons, municipalities, volunteers or dwellings"
        CHECK (counts OPERATOR(pg_catalog.=) ANY (ARRAY['persons', 'municipalities', 'volunteers', 'dwellings'])),
    region_rule text NOT NULL DEFAULT 'sum'
        CONSTRAINT "region rule is sum, members or own"
        CHECK (region_rule OPERATOR(pg_catalog.=) ANY (ARRAY['sum', 'members', 'own'])),
    members_follow_region_target boolean NOT NULL DEFAULT true,
    standardised boolean NOT NULL DEFAULT false,
    complete_register boolean NOT NULL DEFAULT false,
    -- The report's short Dutch name (report_html(..., language => 'nl')).
    short_name_nl text,
    CONSTRAINT "qualitative indicators have no numerator or denominator"
        CHECK (unit OPERATOR(pg_catalog.<>) 'qualitative' OR (numerator IS NULL AND denominator IS NULL))
);
COMMENT ON TABLE @extschema@.indicator IS
    'indicator catalogue (indicatoren) of the plan of 2018: every result, T1.1 ... T3.4, the qualitative ones included so the scorecard is complete';
COMMENT ON COLUMN @extschema@.indicator.code IS 'indicator code, T<theme>.<number>, e.g. T1.1';
COMMENT ON COLUMN @extschema@.indicator.theme IS 'theme 1..3';
COMMENT ON COLUMN @extschema@.indicator.name_en IS 'short name in English';
COMMENT ON COLUMN @extschema@.indicator.name_nl IS 'name in Dutch (resultaat in het plan)';
COMMENT ON COLUMN @extschema@.indicator.numerator IS 'what is counted (teller); NULL for milestones and qualitative results';
COMMENT ON COLUMN @extschema@.indicator.denominator IS 'out of what (noemer); NULL when the indicator is a count, milestone or qualitative';
COMMENT ON COLUMN @extschema@.indicator.unit IS 'share (k of n), count, milestone (a date) or qualitative (no numbers)';
COMMENT ON COLUMN @extschema@.indicator.direction IS 'up = higher is better, down = lower is better (T2.7 welfare); NULL for milestones and qualitative results';
COMMENT ON COLUMN @extschema@.indicator.granularity IS 'period the indicator is measured over: year, or halfyear (T3.1)';
COMMENT ON COLUMN @extschema@.indicator.qualitative IS 'true for results without numbers (T2.10, T2.11, T2.16, T3.2)';
COMMENT ON COLUMN @extschema@.indicator.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
COMMENT ON COLUMN @extschema@.indicator.municipal_unit IS 'unit of the municipal rows when it differs from unit: count for T2.8 (persons employed; the region counts the members employing one); NULL = unit';
COMMENT ON COLUMN @extschema@.indicator.counts IS 'what a municipal figure counts: persons (small cells are suppressed), municipalities, volunteers or dwellings; NULL for milestones and qualitative results';
COMMENT ON COLUMN @extschema@.indicator.region_rule IS 'how the region row is made: sum (numerators and denominators of the members valid in the period), members (the members that reached their own result, of all members), own (a figure of the region itself, e.g. a regional decision)';
COMMENT ON COLUMN @extschema@.indicator.members_follow_region_target IS 'true: a municipality without a target of its own follows its region''s target (shares, milestones); false: a region''s target applies to the region row only (counts, and results that count members)';
COMMENT ON COLUMN @extschema@.indicator.standardised IS 'true: rise and fall compare the period with the baseline standardised to the period''s mix of years since the start of the cohort (setting cohort_basis), so shares that grow with time in the country compare like with like';
COMMENT ON COLUMN @extschema@.indicator.short_name_nl IS 'short name in Dutch, as the Dutch report shows it beside the plan''s full wording (name_nl); NULL = the report uses name_nl';
COMMENT ON COLUMN @extschema@.indicator.complete_register IS 'true: the source is a complete register (projects, volunteer counts, employment, milestones reached), so a period it covers (from its first year with a row) without rows for a municipality is 0 or not reached, not no data';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.indicator
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('code');

INSERT INTO @extschema@.indicator (code, theme, name_en, name_nl, numerator, denominator, unit, direction, granularity) VALUES
    ('T1.1', 1, 'placements from U16 reception locations',
     'Plaatsingen vanuit COA-locaties in onze regio naar de U16-gemeenten stijgen naar 90%',
     'persons coupled to a U16 municipality in the period whose reception location lies in the U16',
     'persons coupled to a U16 municipality in the period', 'share', 'up', 'year'),
    ('T1.2', 1, 'NOA assessment done',
     'Bij tenminste 60% van de in U16-gemeenten nieuw geplaatste statushouders zijn de NOA-assessments uitgevoerd',
     'persons newly housed in a U16 municipality in the period with an NOA assessment dated on or before housing',
     'persons newly housed in a U16 municipality in the period (18+)', 'share', 'up', 'year'),
    ('T1.3', 1, 'joined the pathway',
     '60% van de gekoppelde statushouders zijn aangehaakt aan de doorgaande lijn',
     'persons coupled in the period who joined the pathway', 'persons coupled in the period', 'share', 'up', 'year'),
    ('T1.4', 1, 'pathway (incl. health) started everywhere',
     'De doorgaande lijn (inclusief gezondheid) is op 1 juni 2018 overal opgepakt',
     'municipalities that started the pathway', 'U16 municipalities', 'milestone', NULL, 'year'),
    ('T2.1', 2, 'education participation',
     'Het aandeel vergunninghouders dat in aanmerking komt voor regulier en passend onderwijs en hieraan deelneemt is gestegen',
     'eligible persons enrolled in regular or suitable education on the reference date', 'eligible persons',
     'share', 'up', 'year'),
    ('T2.2', 2, 'language activities',
     'De deelname van vergunninghouders aan taalactiviteiten is gestegen',
     'adults taking part in language activities in the period', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.3', 2, 'language level',
     'Het taalniveau van vergunninghouders met een afgeronde taalopleiding is gestegen',
     'persons with a completed language course whose level is B1 or higher',
     'persons with a completed language course in the period', 'share', 'up', 'year'),
    ('T2.4', 2, 'civic-integration track',
     'Het aandeel vergunninghouders dat deelneemt aan een inburgeringstraject is gestegen',
     'obliged persons with an active integration track', 'persons with an integration obligation',
     'share', 'up', 'year'),
    ('T2.5', 2, 'integration exam passed',
     'Het aandeel vergunninghouders dat is geslaagd voor het inburgeringsexamen is gestegen',
     'obliged persons who passed', 'obliged persons of the cohort', 'share', 'up', 'year'),
    ('T2.6', 2, 'paid work',
     'Het aandeel vergunninghouders met betaald werk is gestegen',
     'persons 18-65 with paid work on the reference date', 'persons 18-65', 'share', 'up', 'year'),
    ('T2.7', 2, 'welfare',
     'Het aandeel vergunninghouders in de bijstand is gedaald',
     'persons 18-65 on welfare on the reference date', 'persons 18-65', 'share', 'down', 'year'),
    ('T2.8', 2, 'municipality employs a permit holder',
     'In elke gemeentelijke organisatie is minimaal 1 vergunninghouder betaald in dienst genomen',
     'municipalities whose own organisation employs at least one permit holder', 'U16 municipalities',
     'share', 'up', 'year'),
    ('T2.9', 2, 'alternative work',
     'Het aandeel vergunninghouders dat deelneemt aan alternatief werk is gestegen',
     'adults in a work placement (taakstage, werkstage, werkervaringsplek)', 'adult permit holders',
     'share', 'up', 'year'),
    ('T2.10', 2, 'newcomers sufficiently informed',
     'Nieuwkomers zijn na aankomst in een gemeente voldoende geïnformeerd', NULL, NULL, 'qualitative', NULL, 'year'),
    ('T2.11', 2, 'health problems addressed',
     'Gezondheidsproblemen van nieuwkomers worden zo goed mogelijk aangepakt', NULL, NULL, 'qualitative', NULL, 'year'),
    ('T2.12', 2, 'enough volunteers',
     'Er zijn in elke gemeente voldoende vrijwilligers voor de begeleiding van vergunninghouders',
     'volunteers per municipality', NULL, 'count', 'up', 'year'),
    ('T2.13', 2, 'social participation',
     'Statushouders nemen voldoende deel aan maatschappelijke activiteiten',
     'adults active in social activities', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.14', 2, 'everyone participates',
     'Alle statushouders doen mee: volgen een opleiding, hebben werk en/of doen mee aan maatschappelijke activiteiten',
     'adults in education or work or a social activity', 'adult permit holders', 'share', 'up', 'year'),
    ('T2.15', 2, 'decision on play therapy in AZCs',
     'Voor 1 maart 2018 is een besluit door de U16 genomen over de inzet van speltherapie in de AZC''s',
     NULL, NULL, 'milestone', NULL, 'year'),
    ('T2.16', 2, 'partners'' expertise on health promoted',
     'De deskundigheid van relevante lokale partners over gezondheid van statushouders is bevorderd',
     NULL, NULL, 'qualitative', NULL, 'year'),
    ('T3.1', 3, 'half-year quota realised',
     'Gemeenten realiseren hun halfjaarlijkse huisvestingstaakstellingen',
     'municipalities that housed at least their obligation (quota plus carried balance) in the half-year',
     'U16 municipalities', 'share', 'up', 'halfyear'),
    ('T3.2', 3, 'better matching of permit holders and dwellings',
     'Een betere matching van vergunninghouders, rekening houdend met woningvraag en -aanbod',
     NULL, NULL, 'qualitative', NULL, 'year'),
    ('T3.3', 3, 'flexible dwellings delivered',
     'Oplevering x aantal flexibele woningen', 'flexible dwellings delivered in the year', NULL, 'count', 'up', 'year'),
    ('T3.4', 3, 'flexible projects started',
     'Start ontwikkeling van nieuwe flexibele woningbouwprojecten voor x aantal woningen',
     'dwellings in flexible housing projects whose development started in the year', NULL, 'count', 'up', 'year');

-- How each indicator is counted (see the column comments).
UPDATE @extschema@.indicator i
   SET municipal_unit = r.municipal_unit, counts = r.counts, region_rule = r.region_rule,
       members_follow_region_target = r.follow, standardised = r.standardised,
       complete_register = r.complete_register
  FROM (VALUES
    ('T1.1', NULL, 'persons', 'sum', true, false, false),
    ('T1.2', NULL, 'persons', 'sum', true, false, false),
    ('T1.3', NULL, 'persons', 'sum', true, false, false),
    ('T1.4', NULL, NULL, 'members', true, false, true),
    ('T2.1', NULL, 'persons', 'sum', true, true, false),
    ('T2.2', NULL, 'persons', 'sum', true, true, false),
    ('T2.3', NULL, 'persons', 'sum', true, true, false),
    ('T2.4', NULL, 'persons', 'sum', true, true, false),
    ('T2.5', NULL, 'persons', 'sum', true, false, false),
    ('T2.6', NULL, 'persons', 'sum', true, true, false),
    ('T2.7', NULL, 'persons', 'sum', true, true, false),
    ('T2.8', 'count', 'persons', 'members', false, false, true),
    ('T2.9', NULL, 'persons', 'sum', true, true, false),
    ('T2.10', NULL, NULL, 'own', false, false, false),
    ('T2.11', NULL, NULL, 'own', false, false, false),
    ('T2.12', NULL, 'volunteers', 'sum', false, false, true),
    ('T2.13', NULL, 'persons', 'sum', true, true, false),
    ('T2.14', NULL, 'persons', 'sum', true, true, false),
    ('T2.15', NULL, NULL, 'own', false, false, true),
    ('T2.16', NULL, NULL, 'own', false, false, false),
    ('T3.1', NULL, 'municipalities', 'members', false, false, false),
    ('T3.2', NULL, NULL, 'own', false, false, false),
    ('T3.3', NULL, 'dwellings', 'sum', false, false, true),
    ('T3.4', NULL, 'dwellings', 'sum', false, false, true))
    AS r(code, municipal_unit, counts, region_rule, follow, standardised, complete_register)
 WHERE i.code OPERATOR(pg_catalog.=) r.code AND i.seeded;

-- The short Dutch names of the report.
UPDATE @extschema@.indicator i SET short_name_nl = r.short_name_nl
  FROM (VALUES
    ('T1.1', 'Plaatsingen vanuit azc''s in de regio'),
    ('T1.2', 'NOA-assessment uitgevoerd'),
    ('T1.3', 'Aangehaakt aan de doorgaande lijn'),
    ('T1.4', 'Doorgaande lijn overal gestart'),
    ('T2.1', 'Deelname aan onderwijs'),
    ('T2.2', 'Deelname aan taalactiviteiten'),
    ('T2.3', 'Taalniveau B1 of hoger'),
    ('T2.4', 'Deelname aan inburgeringstraject'),
    ('T2.5', 'Geslaagd voor het inburgeringsexamen'),
    ('T2.6', 'Betaald werk'),
    ('T2.7', 'In de bijstand'),
    ('T2.8', 'Vergunninghouder in dienst van de gemeente'),
    ('T2.9', 'Alternatief werk'),
    ('T2.10', 'Nieuwkomers voldoende geïnformeerd'),
    ('T2.11', 'Gezondheidsproblemen aangepakt'),
    ('T2.12', 'Voldoende vrijwilligers'),
    ('T2.13', 'Maatschappelijke deelname'),
    ('T2.14', 'Iedereen doet mee'),
    ('T2.15', 'Besluit over speltherapie in azc''s'),
    ('T2.16', 'Deskundigheid van partners over gezondheid'),
    ('T3.1', 'Halfjaarlijkse taakstelling gehaald'),
    ('T3.2', 'Betere matching van woningen'),
    ('T3.3', 'Flexibele woningen opgeleverd'),
    ('T3.4', 'Flexibele woningbouwprojecten gestart'))
    AS r(code, short_name_nl)
 WHERE i.code OPERATOR(pg_catalog.=) r.code AND i.seeded;

-- Targets ---------------------------------------------------------------------------

CREATE TABLE @extschema@.indicator_target (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    period @extschema@.period NOT NULL,
    target @extschema@.target NOT NULL,
    note text,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (indicator_code, area_code, period)
);
COMMENT ON TABLE @extschema@.indicator_target IS
    'targets (doelen) per indicator, area and period; seeded with the plan of 2018, users add or change targets for other years and areas';
COMMENT ON COLUMN @extschema@.indicator_target.indicator_code IS 'indicator, e.g. T1.1';
COMMENT ON COLUMN @extschema@.indicator_target.area_code IS 'a municipality code (GM0344) or a region code (U16): the area the target is for';
COMMENT ON COLUMN @extschema@.indicator_target.period IS 'period the target is for: a year, or a half-year for T3.1';
COMMENT ON COLUMN @extschema@.indicator_target.target IS 'the target: ''>= 90%'', ''>= 1'', ''rise'', ''fall'', ''by 2018-06-01''';
COMMENT ON COLUMN @extschema@.indicator_target.note IS 'where the target comes from, or how it is read';
COMMENT ON COLUMN @extschema@.indicator_target.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER check_area_code BEFORE INSERT OR UPDATE ON @extschema@.indicator_target
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_area_code();
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.indicator_target
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('indicator_code', 'area_code', 'period');

INSERT INTO @extschema@.indicator_target (indicator_code, area_code, period, target, note) VALUES
    ('T1.1', 'U16', '2018', '>= 90%', 'plan 2018: placements from reception locations in the region rise to 90%'),
    ('T1.2', 'U16', '2018', '>= 60%', 'plan 2018: at least 60% of newly housed permit holders assessed'),
    ('T1.3', 'U16', '2018', '>= 60%', 'plan 2018: 60% of coupled permit holders joined the pathway'),
    ('T1.4', 'U16', '2018', 'by 2018-06-01', 'plan 2018: pathway (incl. health) started everywhere on 1 June 2018'),
    ('T2.1', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.2', 'U16', '2018', 'rise', 'plan 2018: participation has risen'),
    ('T2.3', 'U16', '2018', 'rise', 'plan 2018: language level has risen'),
    ('T2.4', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.5', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.6', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.7', 'U16', '2018', 'fall', 'plan 2018: share has fallen'),
    ('T2.8', 'U16', '2018', '= 100%', 'plan 2018: every municipal organisation employs at least one permit holder'),
    ('T2.9', 'U16', '2018', 'rise', 'plan 2018: share has risen'),
    ('T2.14', 'U16', '2018', '= 100%', 'plan 2018: all permit holders take part'),
    ('T2.15', 'U16', '2018', 'before 2018-03-01', 'plan 2018: decision on play therapy before (voor) 1 March 2018; a decision on 1 March is too late'),
    ('T3.1', 'U16', '2018H1', '= 100%', 'plan 2018: every municipality realises its half-year quota'),
    ('T3.1', 'U16', '2018H2', '= 100%', 'plan 2018: every municipality realises its half-year quota');
INSERT INTO @extschema@.indicator_target (indicator_code, area_code, period, target, note)
SELECT 'T2.8', m, '2018', '>= 1', 'plan 2018: at least one permit holder employed by the municipal organisation'
FROM @extschema@.region_members('U16', '2018') AS m;

-- Registration with pg_dump -------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('@extschema@.deleted_seed', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipality_succession', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.region', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.region_member', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.reception_location', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.national_population', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.national_quota', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.quota', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.quota_correction', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.opening_balance', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.theme', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator', 'WHERE NOT seeded');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.indicator_target', 'WHERE NOT seeded');

SELECT pg_catalog.set_config('u16.seeding', 'off', true);
