-- ============================================================================
-- The report, part 4: the context of one report and report_html().
-- Layer 5 (tools), SQL only.
-- ============================================================================

-- Everything a section needs to know about the report it is part of.
CREATE FUNCTION @extschema@.report_context(area text, period @extschema@.period, language text,
                                           boundaries text DEFAULT 'historical')
    RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    a constant text := report_context.area;
    b constant text := report_context.boundaries;
    labels jsonb := @extschema@.report_labels(report_context.language);
    area_type text;
    area_name text;
    region text;
    yr text;
    periods text[];
    members text[];
    member_period @extschema@.period;
    refresh record;
    years text;
BEGIN
    IF b IS NULL OR b NOT IN ('historical', 'current') THEN
        RAISE EXCEPTION 'report boundaries must be historical or current, got %', coalesce(quote_literal(b), 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF a IS NULL THEN
        RAISE EXCEPTION 'report_html needs an area: a region (e.g. U16) or a municipality (e.g. GM0344)'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT 'region', r.name INTO area_type, area_name FROM @extschema@.region r WHERE r.code = a;
    IF NOT FOUND THEN
        SELECT 'municipality', m.name INTO area_type, area_name FROM @extschema@.municipality m WHERE m.code::text = a;
    END IF;
    IF area_type IS NULL THEN
        RAISE EXCEPTION 'unknown area "%"', a USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Use a region of u16.region (e.g. U16) or a municipality of u16.municipality (e.g. GM0344).';
    END IF;
    IF report_context.period IS NOT NULL
       AND @extschema@.granularity(report_context.period) NOT IN ('year', 'halfyear') THEN
        RAISE EXCEPTION 'report_html reports a year or a half-year, got %', report_context.period
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- The year reported: the one given, else the latest year with figures for
    -- the area that has targets, else the latest year with figures, else (all
    -- withheld or without data) the latest year with rows.
    IF report_context.period IS NOT NULL THEN
        yr := to_char(@extschema@.period_start(report_context.period), 'YYYY');
    ELSE
        SELECT s.period INTO yr FROM @extschema@.scorecard s
        WHERE s.boundaries = b AND s.area_code = a AND length(s.period) = 4
        ORDER BY (s.numerator_count IS NOT NULL) DESC, (s.target IS NOT NULL AND s.numerator_count IS NOT NULL) DESC,
                 s.period DESC
        LIMIT 1;
    END IF;
    periods := CASE WHEN report_context.period IS NOT NULL AND @extschema@.granularity(report_context.period) = 'halfyear'
                    THEN ARRAY[yr, report_context.period::text]
                    ELSE ARRAY[yr, yr || 'H1', yr || 'H2'] END;
    IF yr IS NULL OR NOT EXISTS (SELECT FROM @extschema@.scorecard s
                                 WHERE s.boundaries = b AND s.area_code = a AND s.period = ANY (periods)) THEN
        SELECT string_agg(DISTINCT s.period, ', ' ORDER BY s.period) INTO years FROM @extschema@.scorecard s
        WHERE s.boundaries = b AND s.area_code = a AND length(s.period) = 4;
        RAISE EXCEPTION 'no published figures for % in % on % boundaries', a, coalesce(report_context.period::text, 'any year'), b
            USING ERRCODE = 'no_data_found',
                  HINT = CASE WHEN years IS NOT NULL THEN format('%s has figures for %s.', a, years)
                              WHEN EXISTS (SELECT FROM @extschema@.scorecard s WHERE s.boundaries = b)
                              THEN format('%s has no published figures on %s boundaries: it is in no region''s figures%s.', a, b,
                                          CASE WHEN b = 'current' THEN ' (a merged municipality counts in its successor)' ELSE '' END)
                              ELSE 'Load data and run SELECT * FROM u16.refresh_monitor() first.' END;
    END IF;

    -- The region and its members: of the year (historical), or of today (current).
    member_period := CASE WHEN b = 'historical' THEN yr::@extschema@.period ELSE @extschema@.period(current_date, 'year') END;
    IF area_type = 'region' THEN
        region := a;
    ELSE
        SELECT r.code INTO region FROM @extschema@.region r
        WHERE a IN (SELECT m::text FROM @extschema@.region_members(r.code, member_period) AS m)
        ORDER BY r.code LIMIT 1;
    END IF;
    IF region IS NOT NULL THEN
        SELECT array_agg(m::text ORDER BY m) INTO members FROM @extschema@.region_members(region, member_period) AS m;
    END IF;
    SELECT r.refreshed_at, r.data_date INTO refresh FROM @extschema@.monitor_refresh r ORDER BY r.refreshed_at DESC LIMIT 1;

    RETURN jsonb_build_object(
        'lang', report_context.language, 'labels', labels, 'boundaries', b,
        'area', a, 'area_type', area_type, 'area_name', area_name, 'region', region,
        'members', to_jsonb(coalesce(members, '{}')),
        'heading', format(labels ->> CASE WHEN area_type = 'region' THEN 'title.region' ELSE 'title.municipality' END,
                          CASE WHEN area_type = 'region' THEN a ELSE area_name END),
        'year', yr, 'periods', to_jsonb(periods), 'halves', to_jsonb(periods[2:]), 'last_half', periods[array_length(periods, 1)],
        'period_text', CASE WHEN array_length(periods, 1) > 2 THEN yr ELSE periods[2] END,
        'baseline_text', coalesce((SELECT string_agg(DISTINCT s.baseline_period, ', ' ORDER BY s.baseline_period)
                                   FROM @extschema@.scorecard s
                                   WHERE s.boundaries = b AND s.area_code = a AND s.period = yr), '–'),
        'data_date', refresh.data_date, 'refreshed_at', refresh.refreshed_at,
        'cohort_indicators', to_jsonb(ARRAY['T2.6', 'T2.5']),
        'ledger_theme', (SELECT i.theme FROM @extschema@.indicator i WHERE i.code = 'T3.1'),
        'level_theme', (SELECT i.theme FROM @extschema@.indicator i WHERE i.code = 'T2.3'),
        'call', format('u16.report_html(%L, %s, %L%s)', a, coalesce(quote_literal(report_context.period::text), 'NULL'),
                       report_context.language, CASE WHEN b <> 'historical' THEN format(', %L', b) ELSE '' END));
END
$$;
COMMENT ON FUNCTION @extschema@.report_context(text, @extschema@.period, text, text) IS
    'the context every part of a report reads (jsonb): the area and its type, name, region and the region''s members, the year and periods, the boundaries, the language and its labels, the date of the data and of the last refresh; checks the arguments (22023) and that there are figures (P0002, no_data_found)';

CREATE FUNCTION @extschema@.report_html(area text DEFAULT 'U16', period @extschema@.period DEFAULT NULL,
                                        language text DEFAULT 'nl', boundaries text DEFAULT 'historical')
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ctx jsonb := @extschema@.report_context(area, period, language, boundaries);
BEGIN
    RETURN E'<!DOCTYPE html>\n'
        || format(E'<html lang="%s" xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<meta charset="utf-8"/>\n'
                  '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n<title>%s</title>\n',
                  @extschema@.html_escape(ctx ->> 'lang'),
                  @extschema@.html_escape((ctx -> 'labels' ->> 'title') || ' — ' || (ctx ->> 'heading') || ' — ' || (ctx ->> 'period_text')))
        || @extschema@.report_css(ctx)
        || E'\n</head>\n<body>\n<main>\n'
        || @extschema@.report_title(ctx)
        || @extschema@.report_contents(ctx)
        || @extschema@.report_legend(ctx)
        || @extschema@.report_summary(ctx)
        || (SELECT string_agg(@extschema@.report_theme(ctx, t.theme), '' ORDER BY t.theme) FROM @extschema@.theme t)
        || @extschema@.report_notes(ctx)
        || E'</main>\n</body>\n</html>\n';
END
$$;
COMMENT ON FUNCTION @extschema@.report_html(text, @extschema@.period, text, text) IS
    'the monitor as one self-contained HTML page for print and screen (inline CSS and SVG, no scripts, nothing fetched): area a region (U16) or a municipality (GM0344, compared with the region and the other members); period a year or half-year, NULL = the latest year with figures; language nl (default) or en, or any language in u16.report_label; boundaries historical (default) or current; reads the published views only, suppressed cells stay suppressed';
