-- ============================================================================
-- The report: one self-contained HTML page of the scorecard (inline CSS and
-- SVG, no scripts, nothing fetched).  Layer 5 (tools), SQL only.
--
-- report_html() reads only the BI views scorecard and housing_ledger (plus
-- the names of themes and regions and the region's members), so the page
-- shows exactly what BI tools show: the figures published by
-- refresh_monitor(), small cells suppressed.  It runs with the rights of its
-- caller (not SECURITY DEFINER): a u16_reader can make it.  Every text that
-- comes from the database goes through html_escape().
-- ============================================================================

CREATE FUNCTION @extschema@.html_escape(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT replace(replace(replace(replace(replace(coalesce(value, ''),
               '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION @extschema@.html_escape(text) IS
    'text made safe for HTML and XML text and attribute values: & < > " and '' as character references; NULL gives an empty string';

-- A value of the scorecard as text: shares as a percentage, counts as a number.
CREATE FUNCTION @extschema@.report_value_text(unit text, value numeric) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN value IS NULL THEN NULL
                WHEN unit IN ('share', 'milestone') THEN to_char(round(value * 100, 1), 'FM9999990.0') || '%'
                ELSE trim_scale(value)::text END
$$;
COMMENT ON FUNCTION @extschema@.report_value_text(text, numeric) IS
    'a scorecard value as report_html() prints it: shares and milestones as a percentage with one decimal, counts as a number';

CREATE FUNCTION @extschema@.report_html(region text DEFAULT 'U16', period @extschema@.period DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
#variable_conflict use_column
DECLARE
    rg text := report_html.region;
    rep_year text;
    sel text[];
    members text[];
    region_name text;
    html text;
    th record;
    ind record;
    part text;
    n_areas integer;
    n_periods integer;
    row_h constant integer := 15;
    bar_w constant integer := 360;
    x0 constant integer := 200;
    chart_h integer;
    threshold numeric;
    target_label text;
    last_half text;
    legend constant text :=
        '<p class="legend">Status: <span class="st met">met</span> <span class="st notmet">not met</span> '
        '<span class="st pending">pending</span> <span class="st nodata">no data</span> '
        '<span class="st notarget">no target</span> <span class="st suppressed">suppressed</span> '
        '(too few persons to publish: privacy). Trend against the baseline: &#9650; rise, &#9660; fall, '
        '&#9679; no change (not distinguishable from noise).</p>';
BEGIN
    IF rg IS NULL THEN
        RAISE EXCEPTION 'report_html needs a region, e.g. report_html(''U16'')' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    SELECT r.name INTO region_name FROM @extschema@.region r WHERE r.code = rg;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'unknown region "%"', rg USING ERRCODE = 'invalid_parameter_value',
            HINT = 'Regions are listed in u16.region, e.g. U16.';
    END IF;
    IF report_html.period IS NOT NULL
       AND @extschema@.granularity(report_html.period) NOT IN ('year', 'halfyear') THEN
        RAISE EXCEPTION 'report_html reports a year or a half-year, got %', report_html.period
            USING ERRCODE = 'invalid_parameter_value';
    END IF;

    -- The year reported: the one given, else the latest year with figures for
    -- the region that has targets, else the latest year with figures.
    IF report_html.period IS NOT NULL THEN
        rep_year := to_char(@extschema@.period_start(report_html.period), 'YYYY');
    ELSE
        SELECT s.period INTO rep_year FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
        WHERE s.area_code = rg AND s.area_type = 'region' AND length(s.period) = 4
          AND s.numerator_count IS NOT NULL
        ORDER BY (s.target IS NOT NULL) DESC, s.period DESC LIMIT 1;
        IF rep_year IS NULL THEN
            RAISE EXCEPTION 'no published figures for region %', rg USING ERRCODE = 'no_data_found',
                HINT = 'Load data and run SELECT * FROM u16.refresh_monitor() first.';
        END IF;
    END IF;
    sel := CASE WHEN report_html.period IS NOT NULL AND @extschema@.granularity(report_html.period) = 'halfyear'
                THEN ARRAY[rep_year, report_html.period::text]
                ELSE ARRAY[rep_year, rep_year || 'H1', rep_year || 'H2'] END;
    last_half := sel[array_length(sel, 1)];
    SELECT array_agg(m::text ORDER BY m) INTO members
    FROM @extschema@.region_members(rg, rep_year::@extschema@.period) AS m;
    members := coalesce(members, '{}');

    html := '<!DOCTYPE html>' || E'\n'
        || '<html lang="en" xmlns="http://www.w3.org/1999/xhtml">' || E'\n'
        || '<head>' || E'\n' || '<meta charset="utf-8"/>' || E'\n'
        || format('<title>U16 monitor %s %s</title>', @extschema@.html_escape(rg), @extschema@.html_escape(rep_year)) || E'\n'
        || '<style>' || E'\n'
        || 'body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",Arial,sans-serif;margin:2em auto;max-width:1200px;padding:0 1em;color:#1d2433;background:#fff;font-size:14px}'
        || 'h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #2b5797;padding-bottom:.2em}h3{margin-top:1.4em}'
        || 'table{border-collapse:collapse;margin:.5em 0 1em}th,td{border:1px solid #ccd3de;padding:3px 6px;text-align:right;vertical-align:top}'
        || 'th{background:#eef2f8}td.l,th.l{text-align:left}table.matrix td{white-space:nowrap;font-size:12px}'
        || 'tr.region td{font-weight:bold;background:#f7f9fc}'
        || '.st{display:inline-block;padding:0 .4em;border-radius:3px}'
        || '.met{background:#d7f0dc}.notmet{background:#f8d7d4}.pending{background:#fdeec8}.nodata{background:#eceff3;color:#667}'
        || '.notarget{background:#fff}.qualitative{background:#f3eefa}'
        || '.suppressed{color:#556;background:repeating-linear-gradient(45deg,#e4e7ec 0,#e4e7ec 3px,#fff 3px,#fff 6px)}'
        || '.scroll{overflow-x:auto}.small{font-size:11px;font-weight:normal}.legend,.note{color:#445;font-size:12px}figure{margin:1em 0}figcaption{font-size:12px;color:#445}'
        || 'svg text{font-family:inherit;font-size:11px;fill:#1d2433}svg .bar{fill:#2b5797}svg .bar.notmet{fill:#c0392b}'
        || 'svg .bar.met{fill:#2e8b57}svg .bar.nostatus{fill:#2b5797}svg .ci{stroke:#1d2433;stroke-width:1}'
        || 'svg .supp{fill:#e4e7ec;stroke:#99a;stroke-dasharray:3 2}svg .target{stroke:#d35400;stroke-width:2;stroke-dasharray:6 3}'
        || 'svg .grid{stroke:#dde2ea}svg .axis{stroke:#667}svg .deficit{fill:#c0392b}svg .surplus{fill:#2e8b57}'
        || 'svg text.small{font-size:9px;fill:#556}svg text.tl{fill:#d35400;font-weight:bold}'
        || E'\n</style>\n</head>\n<body>\n'
        || '<h1>U16-monitor Asiel &amp; Integratie</h1>' || E'\n'
        || format('<p class="note">Region <b>%s</b> (%s), %s municipalities, reporting period <b>%s</b>. '
                  'Figures as published by refresh_monitor() in the views u16.scorecard and u16.housing_ledger '
                  '(what BI tools show); shares are persons, region figures are sums over the member municipalities.</p>',
                  @extschema@.html_escape(region_name), @extschema@.html_escape(rg), cardinality(members),
                  @extschema@.html_escape(array_to_string(sel[2:], ', ') || CASE WHEN cardinality(sel) > 2 THEN ' (' || rep_year || ')' ELSE '' END))
        || E'\n' || legend || E'\n';

    -- Summary: the region's statuses per theme.
    SELECT '<h2 id="summary">Summary</h2>' || E'\n'
        || '<table class="summary"><tr><th class="l">theme</th><th>met</th><th>not met</th><th>pending</th>'
        || '<th>no data</th><th>no target</th><th>suppressed</th><th>qualitative</th></tr>' || E'\n'
        || string_agg(format('<tr><td class="l"><a href="#theme-%s">%s. %s</a></td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>',
                             t.theme, t.theme, @extschema@.html_escape(t.name_en),
                             x.met, x.not_met, x.pending, x.no_data, x.no_target, x.suppressed, x.qualitative), E'\n' ORDER BY t.theme)
        || '</table>' || E'\n'
      INTO part
    FROM @extschema@.theme t
    CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.status = 'met') AS met, count(*) FILTER (WHERE s.status = 'not met') AS not_met,
               count(*) FILTER (WHERE s.status = 'pending') AS pending, count(*) FILTER (WHERE s.status = 'no data') AS no_data,
               count(*) FILTER (WHERE s.status = 'no target') AS no_target,
               count(*) FILTER (WHERE s.status = 'suppressed') AS suppressed,
               count(*) FILTER (WHERE s.status = 'qualitative') AS qualitative
        FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
        WHERE s.theme = t.theme AND s.area_code = rg AND s.period = ANY (sel)) AS x;
    html := html || coalesce(part, '');

    FOR th IN SELECT t.theme, t.name_en, t.name_nl FROM @extschema@.theme t ORDER BY t.theme LOOP
        html := html || format(E'<section class="theme" id="theme-%s">\n<h2>Theme %s: %s</h2>\n<p class="note" lang="nl">%s</p>\n',
                               th.theme, th.theme, @extschema@.html_escape(th.name_en), @extschema@.html_escape(th.name_nl));

        -- The region's indicators.
        SELECT E'<h3>Region</h3>\n<table class="region-table"><tr><th class="l">indicator</th><th class="l">period</th>'
            || '<th>value</th><th>persons</th><th>95% interval</th><th class="l">target</th><th class="l">status</th>'
            || E'<th class="l">baseline</th><th>change</th><th class="l">trend</th></tr>\n'
            || string_agg(format('<tr><td class="l"><b>%s</b> %s</td><td class="l">%s</td><td>%s</td><td>%s</td><td>%s</td><td class="l">%s</td>'
                                 '<td class="l"><span class="st %s">%s</span></td><td class="l">%s</td><td>%s</td><td class="l">%s</td></tr>',
                    @extschema@.html_escape(s.indicator_code), @extschema@.html_escape(s.indicator_name),
                    @extschema@.html_escape(s.period),
                    CASE WHEN s.suppressed THEN 'suppressed' WHEN s.unit = 'qualitative' THEN 'qualitative'
                         ELSE coalesce(@extschema@.report_value_text(s.unit, s.value), '&#8211;') END,
                    CASE WHEN s.denominator_count IS NOT NULL THEN format('%s of %s', s.numerator_count, s.denominator_count)
                         ELSE coalesce(s.numerator_count::text, '') END,
                    CASE WHEN s.ci_lower IS NOT NULL
                         THEN @extschema@.report_value_text('share', s.ci_lower) || ' &#8211; ' || @extschema@.report_value_text('share', s.ci_upper)
                         ELSE '' END,
                    @extschema@.html_escape(s.target),
                    replace(s.status, ' ', ''), @extschema@.html_escape(s.status),
                    CASE WHEN s.baseline_value IS NOT NULL
                         THEN @extschema@.html_escape(s.baseline_period) || ': ' || @extschema@.report_value_text(s.unit, s.baseline_value)
                         ELSE '' END,
                    CASE WHEN s.change_pct_points IS NOT NULL
                         THEN to_char(s.change_pct_points, 'FMS9999990.0') || ' pt' ELSE '' END,
                    CASE s.trend WHEN 'rise' THEN '&#9650; rise' WHEN 'fall' THEN '&#9660; fall'
                                 WHEN 'no change' THEN '&#9679; no change' ELSE @extschema@.html_escape(s.trend) END),
                E'\n' ORDER BY string_to_array(substr(s.indicator_code, 2), '.')::integer[], s.period)
            || E'</table>\n'
          INTO part
        FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
        WHERE s.theme = th.theme AND s.area_code = rg AND s.area_type = 'region' AND s.period = ANY (sel);
        html := html || coalesce(part, E'<p class="note">No figures for this theme.</p>\n');

        -- Per municipality: one column per quantitative indicator and period.
        WITH cols AS (
            SELECT DISTINCT s.indicator_code, s.period, s.unit AS region_unit,
                   string_to_array(substr(s.indicator_code, 2), '.')::integer[] AS ord,
                   s.target AS region_target
            FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
            WHERE s.theme = th.theme AND s.area_code = rg AND s.unit <> 'qualitative' AND s.period = ANY (sel)
        ), areas AS (
            SELECT DISTINCT s.area_code, s.area_name, s.area_type
            FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
            WHERE s.theme = th.theme AND s.period = ANY (sel) AND s.unit <> 'qualitative'
              AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)))
        ), cells AS (
            SELECT a.area_code, a.area_name, a.area_type, c.indicator_code, c.period, c.ord, s.unit, s.value,
                   s.status, s.trend, s.suppressed, s.numerator_count, s.denominator_count, s.target
            FROM areas a CROSS JOIN cols c
            LEFT JOIN (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
                   ON s.area_code = a.area_code AND s.indicator_code = c.indicator_code AND s.period = c.period
        )
        SELECT E'<h3>Per municipality</h3>\n<div class="scroll"><table class="matrix"><tr><th class="l">area</th>'
            || (SELECT string_agg(format('<th>%s%s<br/><span class="small">%s</span></th>', @extschema@.html_escape(c.indicator_code),
                                         CASE WHEN length(c.period) > 4 THEN ' ' || @extschema@.html_escape(c.period) ELSE '' END,
                                         coalesce('target ' || @extschema@.html_escape(c.region_target), '')),
                                  '' ORDER BY c.ord, c.period) FROM cols c)
            || E'</tr>\n'
            || (SELECT string_agg(r.line, E'\n' ORDER BY r.area_type DESC, r.area_name, r.area_code)
                FROM (SELECT x.area_code, x.area_name, x.area_type,
                             format('<tr%s><td class="l">%s</td>%s</tr>',
                                    CASE WHEN x.area_type = 'region' THEN ' class="region"' ELSE '' END,
                                    @extschema@.html_escape(CASE WHEN x.area_type = 'region' THEN x.area_code || ' (region)'
                                                                 ELSE x.area_name END),
                                    string_agg(format('<td class="%s" title="%s">%s</td>',
                                                      CASE WHEN x.status IS NULL THEN 'nodata' ELSE replace(x.status, ' ', '') END,
                                                      @extschema@.html_escape(concat_ws(', ', x.indicator_code || ' ' || x.period,
                                                          CASE WHEN x.denominator_count IS NOT NULL
                                                               THEN x.numerator_count || ' of ' || x.denominator_count END,
                                                          'target ' || x.target, x.status, 'trend ' || x.trend)),
                                                      CASE WHEN x.status IS NULL THEN '&#8211;'
                                                           WHEN x.suppressed THEN 'suppressed'
                                                           ELSE coalesce(@extschema@.report_value_text(x.unit, x.value), '&#8211;')
                                                                || CASE x.status WHEN 'met' THEN ' &#10003;' WHEN 'not met' THEN ' &#10007;'
                                                                                 WHEN 'pending' THEN ' &#8230;' ELSE '' END
                                                                || CASE x.trend WHEN 'rise' THEN ' &#9650;' WHEN 'fall' THEN ' &#9660;'
                                                                                WHEN 'no change' THEN ' &#9679;' ELSE '' END END),
                                               '' ORDER BY x.ord, x.period)) AS line
                      FROM cells x GROUP BY x.area_code, x.area_name, x.area_type) AS r)
            || E'</table></div>\n<p class="note">Cells: value, &#10003; met / &#10007; not met / &#8230; pending, and the trend; '
            || E'a cell''s tooltip gives the counts, target and status. Municipalities without a target of their own follow the region''s.</p>\n'
          INTO part;
        html := html || coalesce(part, '');

        -- A chart per share indicator: each area's value (95% interval) against the target line.
        FOR ind IN
            SELECT s.indicator_code, s.indicator_name, s.target, s.baseline_value, s.baseline_period,
                   string_to_array(substr(s.indicator_code, 2), '.')::integer[] AS ord
            FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
            WHERE s.theme = th.theme AND s.area_code = rg AND s.unit = 'share'
              AND s.period = (SELECT max(s2.period) FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s2
                              WHERE s2.indicator_code = s.indicator_code AND s2.area_code = rg AND s2.period = ANY (sel))
            ORDER BY 6
        LOOP
            SELECT count(DISTINCT s.area_code), count(DISTINCT s.period) INTO n_areas, n_periods
            FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
            WHERE s.indicator_code = ind.indicator_code AND s.period = ANY (sel)
              AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)));
            chart_h := 50 + n_areas * (n_periods * row_h + 6);
            threshold := CASE WHEN ind.target ~ '^[<>=]{1,2} ?[0-9.]+%$'
                              THEN substring(ind.target FROM '([0-9.]+)%')::numeric / 100 END;
            target_label := CASE WHEN threshold IS NOT NULL THEN 'target ' || ind.target
                                 WHEN ind.target IN ('rise', 'fall') AND ind.baseline_value IS NOT NULL
                                 THEN format('%s wanted vs %s', ind.target, ind.baseline_period) END;
            IF threshold IS NULL AND ind.target IN ('rise', 'fall') THEN
                threshold := ind.baseline_value;
            END IF;

            WITH rows AS (
                SELECT s.*, dense_rank() OVER (ORDER BY CASE WHEN s.area_type = 'region' THEN 0 ELSE 1 END,
                                                        s.area_name, s.area_code) AS ai,
                       dense_rank() OVER (ORDER BY s.period) AS pi
                FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
                WHERE s.indicator_code = ind.indicator_code AND s.period = ANY (sel)
                  AND (s.area_code = rg OR (s.area_type = 'municipality' AND s.area_code = ANY (members)))
            ), placed AS (
                SELECT r.*, 30 + (r.ai - 1) * (n_periods * row_h + 6) + (r.pi - 1) * row_h AS y FROM rows r
            )
            SELECT format('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="chart share-chart" '
                          'width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="%s">',
                          x0 + bar_w + 130, chart_h, x0 + bar_w + 130, chart_h,
                          @extschema@.html_escape(ind.indicator_code || ' ' || ind.indicator_name || ' per area'))
                -- Grid: 0, 25, 50, 75, 100 %.
                || (SELECT string_agg(format('<line class="grid" x1="%s" y1="22" x2="%s" y2="%s"/><text class="small" x="%s" y="18" text-anchor="middle">%s%%</text>',
                                             x0 + g * bar_w / 4, x0 + g * bar_w / 4, chart_h - 18, x0 + g * bar_w / 4, g * 25), '')
                    FROM generate_series(0, 4) AS g)
                || string_agg(
                     CASE WHEN p.pi = 1 THEN format('<text x="%s" y="%s" text-anchor="end"%s>%s</text>', x0 - 6,
                                                    p.y + row_h - 4, CASE WHEN p.area_type = 'region' THEN ' font-weight="bold"' ELSE '' END,
                                                    @extschema@.html_escape(CASE WHEN p.area_type = 'region' THEN p.area_code || ' (region)'
                                                                                 ELSE p.area_name END)) ELSE '' END
                     || CASE WHEN n_periods > 1 THEN format('<text class="small" x="%s" y="%s" text-anchor="start">%s</text>',
                                                            x0 + bar_w + 70, p.y + row_h - 4, @extschema@.html_escape(p.period)) ELSE '' END
                     || CASE WHEN p.suppressed THEN
                                  format('<rect class="supp" x="%s" y="%s" width="%s" height="%s"/><text class="small" x="%s" y="%s">suppressed</text>',
                                         x0, p.y + 2, bar_w, row_h - 3, x0 + 6, p.y + row_h - 4)
                             WHEN p.value IS NULL THEN
                                  format('<text class="small" x="%s" y="%s">no data</text>', x0 + 4, p.y + row_h - 4)
                             ELSE format('<rect class="bar %s" x="%s" y="%s" width="%s" height="%s"/>',
                                         CASE p.status WHEN 'met' THEN 'met' WHEN 'not met' THEN 'notmet' ELSE 'nostatus' END,
                                         x0, p.y + 2, round(least(greatest(p.value, 0), 1) * bar_w, 1), row_h - 3)
                                  || CASE WHEN p.ci_lower IS NOT NULL THEN
                                          format('<line class="ci" x1="%s" y1="%s" x2="%s" y2="%s"/>',
                                                 round(x0 + p.ci_lower * bar_w, 1), p.y + 2 + (row_h - 3) / 2,
                                                 round(x0 + p.ci_upper * bar_w, 1), p.y + 2 + (row_h - 3) / 2) ELSE '' END
                                  || format('<text x="%s" y="%s">%s</text>', x0 + bar_w + 6, p.y + row_h - 4,
                                            @extschema@.report_value_text('share', p.value)) END,
                     '' ORDER BY p.ai, p.pi)
                || CASE WHEN threshold IS NOT NULL THEN
                        format('<line class="target" x1="%s" y1="24" x2="%s" y2="%s"/><text class="tl" x="%s" y="%s" text-anchor="middle">%s</text>',
                               round(x0 + threshold * bar_w, 1), round(x0 + threshold * bar_w, 1), chart_h - 16,
                               round(x0 + threshold * bar_w, 1), chart_h - 4, @extschema@.html_escape(target_label))
                        ELSE '' END
                || format('<line class="axis" x1="%s" y1="22" x2="%s" y2="%s"/>', x0, x0, chart_h - 18)
                || '</svg>'
                || format('<figcaption><b>%s</b> %s, %s: share per area with its 95%% interval; %s.</figcaption></figure>',
                          @extschema@.html_escape(ind.indicator_code), @extschema@.html_escape(ind.indicator_name),
                          @extschema@.html_escape(array_to_string(ARRAY(SELECT DISTINCT p2.period FROM placed p2 ORDER BY 1), ', ')),
                          CASE WHEN target_label IS NOT NULL
                               THEN 'dashed line: ' || @extschema@.html_escape(target_label)
                                    || CASE WHEN ind.target IN ('rise', 'fall')
                                            THEN ' (the region''s value then: ' || @extschema@.report_value_text('share', ind.baseline_value) || ')'
                                            ELSE '' END
                               ELSE 'no target line (no share target set)' END)
                || E'\n'
              INTO part
            FROM placed p;
            html := html || coalesce(part, '');
        END LOOP;

        -- Theme 3: the housing ledger and the balance per municipality over the half-years.
        IF th.theme = 3 THEN
            SELECT E'<h3>Housing ledger</h3>\n<table class="ledger"><tr><th class="l">area</th><th class="l">half-year</th>'
                || '<th>quota</th><th>carried in</th><th>obligation</th><th>housed</th><th>correction</th>'
                || E'<th>closing balance</th><th>% of quota</th><th>% of obligation</th><th class="l">obligation met</th><th>missed in a row</th></tr>\n'
                || string_agg(format('<tr%s><td class="l">%s</td><td class="l">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>'
                                     '<td>%s</td><td>%s</td><td class="l"><span class="st %s">%s</span></td><td>%s</td></tr>',
                                     CASE WHEN l.area_type = 'region' THEN ' class="region"' ELSE '' END,
                                     @extschema@.html_escape(CASE WHEN l.area_type = 'region' THEN l.municipality_code || ' (region)'
                                                                  ELSE l.municipality_name END),
                                     @extschema@.html_escape(l.period),
                                     l.quota, l.carried_in, l.obligation, l.housed, l.correction,
                                     l.closing_balance, coalesce(l.realisation_quota_pct::text, '&#8211;'),
                                     coalesce(l.realisation_obligation_pct::text, '&#8211;'),
                                     CASE WHEN l.met_obligation THEN 'met' WHEN NOT l.met_obligation THEN 'notmet' ELSE 'nodata' END,
                                     CASE WHEN l.met_obligation THEN 'yes' WHEN NOT l.met_obligation THEN 'no' ELSE '' END,
                                     l.missed_in_a_row),
                              E'\n' ORDER BY l.area_type DESC, l.municipality_name, l.municipality_code, l.period)
                || E'</table>\n<p class="note">Balance &gt; 0 is a deficit (achterstand), &lt; 0 a surplus (voorsprong); '
                || E'obligation = quota + carried balance.</p>\n'
              INTO part
            FROM (SELECT * FROM @extschema@.housing_ledger WHERE boundaries = 'historical') l
            WHERE l.period = ANY (sel)
              AND (l.municipality_code = rg OR (l.area_type = 'municipality' AND l.municipality_code = ANY (members)));
            html := html || coalesce(part, '');

            -- Small multiples in one chart: a panel per area, a bar per half-year.
            WITH rows AS (
                SELECT l.*, dense_rank() OVER (ORDER BY CASE WHEN l.area_type = 'region' THEN 0 ELSE 1 END,
                                                        l.municipality_name, l.municipality_code) AS ai
                FROM (SELECT * FROM @extschema@.housing_ledger WHERE boundaries = 'historical') l
                WHERE l.period_start <= @extschema@.period_start(last_half::@extschema@.period)
                  AND (l.municipality_code = rg
                       OR (l.area_type = 'municipality'
                           AND l.municipality_code IN (SELECT m::text FROM @extschema@.region_members(rg, l.period::@extschema@.period) AS m)))
            ), halves AS (
                SELECT h.period, dense_rank() OVER (ORDER BY h.period) AS hi, count(*) OVER () AS nh
                FROM (SELECT DISTINCT r.period FROM rows r) AS h
            ), panels AS (
                SELECT r.ai, r.municipality_name, r.area_type, (r.ai - 1) % 4 AS col, (r.ai - 1) / 4 AS prow,
                       greatest(max(abs(r.closing_balance)), 1) AS scale,
                       (array_agg(r.closing_balance ORDER BY r.period DESC))[1] AS last_balance
                FROM rows r GROUP BY r.ai, r.municipality_name, r.area_type
            )
            SELECT format('<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" class="chart balance-chart" '
                          'width="760" height="%s" viewBox="0 0 760 %s" role="img" aria-label="housing balance per municipality and half-year">',
                          (max(pn.prow) + 1) * 135 + 10, (max(pn.prow) + 1) * 135 + 10)
                || string_agg(format('<g transform="translate(%s,%s)"><rect x="0" y="0" width="180" height="125" fill="#fafbfd" stroke="#dde2ea"/>'
                                     '<text x="6" y="14"%s>%s</text><line class="axis" x1="6" y1="70" x2="174" y2="70"/>'
                                     '<text class="small" x="174" y="120" text-anchor="end">%s: %s</text>%s</g>',
                                     pn.col * 188 + 4, pn.prow * 135 + 4,
                                     CASE WHEN pn.area_type = 'region' THEN ' font-weight="bold"' ELSE '' END,
                                     @extschema@.html_escape(CASE WHEN pn.area_type = 'region' THEN rg || ' (region)'
                                                                  ELSE pn.municipality_name END),
                                     @extschema@.html_escape(last_half),
                                     CASE WHEN pn.last_balance > 0 THEN '+' ELSE '' END || coalesce(pn.last_balance::text, '?'),
                                     (SELECT string_agg(format('<rect class="%s" x="%s" y="%s" width="%s" height="%s"><title>%s %s: balance %s</title></rect>',
                                                               CASE WHEN r.closing_balance > 0 THEN 'deficit' ELSE 'surplus' END,
                                                               round(8 + (h.hi - 1) * (166.0 / h.nh), 1),
                                                               CASE WHEN r.closing_balance > 0 THEN round(70 - 45.0 * r.closing_balance / pn.scale, 1) ELSE 70 END,
                                                               round(166.0 / h.nh - 3, 1),
                                                               greatest(round(45.0 * abs(r.closing_balance) / pn.scale, 1), 0.5),
                                                               @extschema@.html_escape(pn.municipality_name), @extschema@.html_escape(r.period),
                                                               r.closing_balance),
                                                        '' ORDER BY h.hi)
                                      FROM rows r JOIN halves h ON h.period = r.period WHERE r.ai = pn.ai)),
                              '' ORDER BY pn.ai)
                || '</svg>'
                || format('<figcaption><b>Housing balance</b> per area at the end of each half-year, %s: '
                          'red above the line a deficit (achterstand), green below a surplus (voorsprong); each panel has its own scale.</figcaption></figure>',
                          @extschema@.html_escape((SELECT min(h.period) || ' to ' || max(h.period) FROM halves h)))
                || E'\n'
              INTO part
            FROM panels pn;
            html := html || coalesce(part, '');
        END IF;

        -- Qualitative results of the theme.
        SELECT E'<p class="note">Qualitative (no figures): '
            || string_agg(@extschema@.html_escape(x.indicator_code || ' ' || x.indicator_name), '; '
                          ORDER BY string_to_array(substr(x.indicator_code, 2), '.')::integer[])
            || E'.</p>\n'
          INTO part
        FROM (SELECT DISTINCT s.indicator_code, s.indicator_name FROM (SELECT * FROM @extschema@.scorecard WHERE boundaries = 'historical') s
              WHERE s.theme = th.theme AND s.unit = 'qualitative' AND s.area_code = rg AND s.period = ANY (sel)) AS x;
        html := html || coalesce(part, '') || E'</section>\n';
    END LOOP;

    RETURN html || format(E'<p class="note">Generated by u16.report_html(%s, %s).</p>\n</body>\n</html>\n',
                          @extschema@.html_escape(quote_literal(rg)),
                          @extschema@.html_escape(coalesce(quote_literal(report_html.period::text), 'NULL')));
END
$$;
COMMENT ON FUNCTION @extschema@.report_html(text, @extschema@.period) IS
    'the scorecard of a region as one self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched): per theme every indicator with value, target, status and trend for the region and each member municipality, suppressed cells marked, a chart per share indicator against its target and the housing balance per municipality; reads the views scorecard and housing_ledger only; period: a year or half-year, NULL = the latest year with figures';
