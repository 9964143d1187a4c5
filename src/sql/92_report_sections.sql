-- ============================================================================
-- The report, part 3: its sections.  Layer 5 (tools), SQL only.
--
-- Each function writes one part of the page from the context ctx
-- (report_context(), 93): the CSS (the one place for styles, screen and A4
-- print), the title block, the summary, a theme, the figures of the area,
-- the per-municipality matrix, the charts, the cohorts, the language levels,
-- the housing ledger and the notes.  Tables have header cells with scope;
-- every cell that shows a scorecard row carries
-- data-cell="indicator|area|period", and every row of the language levels
-- data-level="area|year|level order", so tests can find them.
-- ============================================================================

-- A text as a CSS string literal, safe inside <style> in HTML and XML.
CREATE FUNCTION @extschema@.report_css_string(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT '"' || regexp_replace(replace(replace(replace(replace(replace(replace(coalesce(value, ''),
               '\', '\\'), '"', '\22 '), '<', '\3c '), '>', '\3e '), '&', '\26 '), E'\n', '\a '),
               '[\x01-\x1f\x7f]', ' ', 'g') || '"'
$$;
COMMENT ON FUNCTION @extschema@.report_css_string(text) IS
    'a text as a double-quoted CSS string (for content: in @page rules), with \ " < > & and newlines as CSS escapes, other control characters as spaces';

CREATE FUNCTION @extschema@.report_css(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT E'<style>\n'
    || ':root{--ink:#1b2430;--muted:#5a6473;--line:#d3dae4;--accent:#1f4e79;--accent-soft:#eaf0f7;--band:#fff4d6}'
    || 'html{-webkit-print-color-adjust:exact;print-color-adjust:exact}'
    || 'body{font-family:"DejaVu Sans","Segoe UI",Roboto,Arial,sans-serif;font-size:14px;line-height:1.45;color:var(--ink);background:#fff;max-width:980px;margin:0 auto;padding:24px 28px}'
    || 'h1{font-size:26px;margin:.1em 0 .1em;color:var(--accent);font-weight:700}'
    || 'h2{font-size:19px;color:var(--accent);border-bottom:2px solid var(--accent);padding-bottom:4px;margin:1.6em 0 .6em}'
    || 'h3{font-size:15px;margin:1.4em 0 .5em;color:var(--ink)}'
    || 'a{color:var(--accent)}'
    || '.titleblock{border-left:6px solid var(--accent);padding:6px 0 6px 18px;margin-bottom:18px}'
    || '.kicker{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);margin:0}'
    || '.subtitle{font-size:15px;margin:.2em 0 .8em;color:var(--ink)}'
    || 'dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:0;font-size:13px}'
    || 'dl.meta div{display:contents}dl.meta dt{color:var(--muted)}dl.meta dd{margin:0}'
    || 'nav.toc{background:var(--accent-soft);padding:8px 16px;margin:12px 0 8px;font-size:13px}'
    || 'nav.toc h2{font-size:13px;border:0;margin:.3em 0;padding:0;color:var(--ink)}nav.toc ol{margin:.2em 0 .4em;padding-left:1.4em;columns:2}'
    || '.legend{border:1px solid var(--line);padding:8px 14px;font-size:12.5px;margin:12px 0}'
    || '.legend h2{font-size:14px;border:0;margin:.2em 0 .4em;padding:0;color:var(--ink)}'
    || '.legend ul{list-style:none;padding:0;margin:.2em 0 .5em;display:flex;flex-wrap:wrap;gap:4px 14px}.legend p{margin:.3em 0}'
    || 'table{border-collapse:collapse;margin:.4em 0 1em;font-size:12.5px;width:100%}'
    || 'caption{text-align:left;font-weight:700;padding:4px 0;font-size:13px;caption-side:top}'
    || 'th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:right;vertical-align:top}'
    || 'thead th{background:var(--accent-soft);border-bottom:2px solid var(--accent);font-weight:700;vertical-align:bottom}'
    || 'th[scope=row],td.l,th.l{text-align:left}th[scope=row]{font-weight:normal}'
    || 'tr.region th,tr.region td{font-weight:700;background:#f6f8fb}tr.focus th,tr.focus td{background:var(--band);font-weight:700}'
    || '.code{font-weight:700;color:var(--accent);white-space:nowrap}.muted,.zero{color:var(--muted)}.nowrap{white-space:nowrap}'
    || 'td.suppressed{color:#3a3f47;background:#eceef1;font-style:italic}'
    || '.st,.flag{display:inline-block;padding:0 .45em;border-radius:3px;white-space:nowrap;border:1px solid transparent;font-size:.95em}'
    || '.st-met{background:#dcefe2;color:#1d5130}.st-not-met{background:#f7dcd8;color:#8a1c12}.st-partly-met{background:#fbe7c8;color:#6f4500}'
    || '.st-no-change{background:#e3e8f1;color:#2f3e57}.st-pending{background:#fff1bf;color:#5e4a00}.st-no-data{background:#eeeeee;color:#505050}'
    || '.st-no-target{background:#fff;border-color:#c9d0da;color:#4a4a4a}.st-suppressed{background:#eceef1;color:#333;border-color:#c9d0da}'
    || '.st-baseline-suppressed{background:#ece6f4;color:#47356a}.st-qualitative{background:#e6eef8;color:#24466f}'
    || '.tr-rise .sym,.tr-fall .sym{color:var(--accent)}'
    || 'table.summary{width:auto;min-width:60%}table.summary td{min-width:5.5em}tr.total th,tr.total td{font-weight:700;border-top:2px solid var(--line)}'
    || 'table.figures{font-size:12px}table.figures th[scope=row]{min-width:12em}'
    || '.cohort-grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:0 24px}.cohort-grid table{font-size:12px}.cohort-grid caption{font-size:12.5px}'
    || 'table.levels{width:auto;min-width:50%}'
    || 'table.matrix{font-size:11.5px}table.matrix thead th{text-align:center;font-weight:normal}table.matrix td{white-space:nowrap}'
    || 'table.matrix .sym{display:inline-block;width:1em;text-align:center}'
    || 'figure{margin:1em 0 1.4em}figcaption{font-size:12px;color:var(--muted);margin-top:4px}figcaption b{color:var(--ink)}.plan{font-style:italic}'
    || 'svg.chart{width:100%;max-width:680px;height:auto;display:block}'
    || 'svg text{font-family:"DejaVu Sans",Arial,sans-serif;font-size:11px;fill:var(--ink)}'
    || 'svg .label.region,svg .label.focus,svg .value.strong{font-weight:700}svg .axis-label{font-size:9.5px;fill:var(--muted)}'
    || 'svg .note-label{font-size:10px;fill:#444;font-style:italic}'
    || 'svg .grid{stroke:#e3e7ee;stroke-width:1}svg .axis{stroke:#7a8494;stroke-width:1}'
    || 'svg .bar{fill:#9fb3cc}svg .bar.region{fill:#3d6a99}svg .bar.focus{fill:var(--accent)}svg .band{fill:var(--band)}'
    || 'svg .ci{stroke:var(--ink);stroke-width:1;fill:none}'
    || 'svg .supp{fill:#f1f2f4;stroke:#a7afba;stroke-dasharray:3 2}'
    || 'svg .refline{stroke:#b34700;stroke-width:1.6;stroke-dasharray:6 3}svg .refline-label{fill:#8a3600;font-weight:700;font-size:10.5px}'
    || 'svg .panel{fill:#fafbfd;stroke:#dde2ea}svg .deficit{fill:#b8392b}svg .surplus{fill:#2e7d4f}'
    || 'svg .obl{fill:#c9d6e6}svg .housed{fill:var(--accent)}svg .housed.behind{fill:#7c93b0}'
    || 'svg .obligation{stroke:#1b2430;stroke-width:1.2}svg .schedule{fill:none;stroke:#b34700;stroke-width:1.6;stroke-dasharray:6 3}'
    || '.notes p,.note{font-size:12.5px;color:var(--muted)}.note-text{white-space:pre-line}'
    || 'footer{margin-top:2em;font-size:11.5px;color:var(--muted);border-top:1px solid var(--line);padding-top:6px}'
    -- A4 print: a title block on the first page, every theme on a new page,
    -- tables and charts kept whole, page numbers in the margin.
    || format('@page{size:A4;margin:17mm 15mm 18mm 15mm;@top-left{content:%s;font-size:8pt;color:#5a6473;font-family:"DejaVu Sans",Arial,sans-serif}'
              '@bottom-right{content:%s;font-size:8pt;color:#5a6473;font-family:"DejaVu Sans",Arial,sans-serif}}',
              @extschema@.report_css_string((ctx -> 'labels' ->> 'title') || ' · ' || (ctx ->> 'heading') || ' · ' || (ctx ->> 'period_text')),
              (SELECT string_agg(@extschema@.report_css_string(p.part)
                                 || CASE p.i WHEN 1 THEN ' counter(page) ' WHEN 2 THEN ' counter(pages) ' ELSE '' END, '' ORDER BY p.i)
               FROM unnest(string_to_array(ctx -> 'labels' ->> 'page', '%s')) WITH ORDINALITY AS p(part, i)))
    || '@page:first{@top-left{content:none}}'
    || '@media print{body{max-width:none;margin:0;padding:0;font-size:9.5pt}nav.toc{break-inside:avoid}'
    || 'section.theme,section.notes{break-before:page}h2,h3,caption{break-after:avoid}'
    || 'figure,table.summary,table.figures,table.matrix,table.cohorts,table.levels,table.progress,.cohort-grid,.legend,.titleblock,tr{break-inside:avoid}'
    || '.cohort-grid{grid-template-columns:1fr 1fr}.cohort-grid table{font-size:8pt}'
    || 'thead{display:table-header-group}svg.chart{max-width:100%}a{color:inherit;text-decoration:none}}'
    || E'\n</style>'
$$;
COMMENT ON FUNCTION @extschema@.report_css(jsonb) IS
    'the report''s styles, screen and A4 print (page numbers and a running head in the page margins, a page break before each theme, tables and charts never cut): the one place for them';

CREATE FUNCTION @extschema@.report_title(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<header class="titleblock">\n<p class="kicker">%s</p>\n<h1>%s</h1>\n<p class="subtitle">%s</p>\n<dl class="meta">\n%s</dl>\n</header>\n',
                  @extschema@.report_t(ctx, 'title'),
                  @extschema@.html_escape(ctx ->> 'heading'),
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'title.subtitle', ctx ->> 'period_text')),
                  format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.area'),
                         @extschema@.html_escape(CASE WHEN ctx ->> 'area_type' = 'region'
                              THEN format(ctx -> 'labels' ->> 'meta.area.region', ctx ->> 'area', jsonb_array_length(ctx -> 'members'))
                              WHEN ctx ->> 'region' IS NULL
                              THEN format(ctx -> 'labels' ->> 'meta.area.alone', ctx ->> 'area_name', ctx ->> 'area')
                              ELSE format(ctx -> 'labels' ->> 'meta.area.municipality', ctx ->> 'area_name', ctx ->> 'area',
                                          jsonb_array_length(ctx -> 'members'), ctx ->> 'region') END))
                  || format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.period'),
                            @extschema@.html_escape(CASE WHEN jsonb_array_length(ctx -> 'periods') > 2
                                 THEN format(ctx -> 'labels' ->> 'meta.period.year', ctx ->> 'year',
                                             (SELECT string_agg(h, ', ' ORDER BY h) FROM jsonb_array_elements_text(ctx -> 'halves') AS h))
                                 ELSE format(ctx -> 'labels' ->> 'meta.period.half', ctx ->> 'last_half', ctx ->> 'year') END))
                  || format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.data_date'),
                            coalesce(@extschema@.html_escape(@extschema@.report_date((ctx ->> 'data_date')::date, ctx)),
                                     @extschema@.report_t(ctx, 'meta.not_refreshed')))
                  || format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.refreshed'),
                            coalesce(@extschema@.html_escape(format(ctx -> 'labels' ->> 'time.at',
                                         @extschema@.report_date((ctx ->> 'refreshed_at')::timestamptz::date, ctx),
                                         to_char((ctx ->> 'refreshed_at')::timestamptz, 'HH24:MI'))),
                                     @extschema@.report_t(ctx, 'meta.not_refreshed')))
                  || format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.boundaries'),
                            @extschema@.report_t(ctx, 'boundaries.' || (ctx ->> 'boundaries')))
                  || format(E'<div><dt>%s</dt><dd>%s</dd></div>\n', @extschema@.report_t(ctx, 'meta.source'),
                            @extschema@.report_t(ctx, 'meta.source.text')))
$$;
COMMENT ON FUNCTION @extschema@.report_title(jsonb) IS
    'the title block: the monitor, the area, the period, the date of the data and of the last refresh_monitor(), the boundaries and the source';

CREATE FUNCTION @extschema@.report_contents(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<nav class="toc" aria-labelledby="toc-h">\n<h2 id="toc-h">%s</h2>\n<ol>\n<li><a href="#summary">%s</a></li>\n%s<li><a href="#notes">%s</a></li>\n</ol>\n</nav>\n',
                  @extschema@.report_t(ctx, 'contents'), @extschema@.report_t(ctx, 'heading.summary'),
                  (SELECT string_agg(format(E'<li><a href="#theme-%s">%s</a></li>\n', t.theme,
                                            @extschema@.html_escape(format(ctx -> 'labels' ->> 'heading.theme', t.theme,
                                                                           CASE WHEN ctx ->> 'lang' = 'nl' THEN t.name_nl ELSE t.name_en END))),
                                     '' ORDER BY t.theme)
                   FROM @extschema@.theme t),
                  @extschema@.report_t(ctx, 'heading.notes'))
$$;
COMMENT ON FUNCTION @extschema@.report_contents(jsonb) IS 'the table of contents: summary, the themes, notes (links within the page)';

CREATE FUNCTION @extschema@.report_legend(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<section class="legend" aria-labelledby="legend-h">\n<h2 id="legend-h">%s</h2>\n<p>%s</p>\n<ul>%s</ul>\n<p>%s</p>\n<ul>%s</ul>\n<p>%s %s</p>\n</section>\n',
                  @extschema@.report_t(ctx, 'legend.title'), @extschema@.report_t(ctx, 'legend.status'),
                  (SELECT string_agg(format('<li>%s: %s</li>', @extschema@.report_status(s.status, ctx),
                                            @extschema@.report_t(ctx, 'status.' || replace(s.status, ' ', '_') || '.long')), '' ORDER BY s.ord)
                   FROM unnest(ARRAY['met', 'partly met', 'not met', 'no change', 'pending', 'baseline suppressed', 'suppressed',
                                     'no data', 'no target', 'qualitative']) WITH ORDINALITY AS s(status, ord)),
                  @extschema@.report_t(ctx, 'legend.trend'),
                  (SELECT string_agg(format('<li>%s</li>', @extschema@.report_trend(t, ctx)), '' ORDER BY o)
                   FROM unnest(ARRAY['rise', 'fall', 'no change', 'pending']) WITH ORDINALITY AS x(t, o)),
                  @extschema@.report_t(ctx, 'legend.interval'), @extschema@.report_t(ctx, 'legend.suppressed'))
$$;
COMMENT ON FUNCTION @extschema@.report_legend(jsonb) IS 'how to read the report: every status with its symbol and meaning, the trend symbols, intervals and suppression';

-- The scorecard rows of the report's area in its periods.
-- (RETURNS TABLE, not SETOF scorecard: no dependency on the view's row type,
-- so a later migration may drop and recreate the view.)
CREATE FUNCTION @extschema@.report_rows(ctx jsonb, only_theme integer DEFAULT NULL)
    RETURNS TABLE (indicator_code text, theme bigint, unit text, area_code text, period text, numerator_count bigint,
                   denominator_count bigint, value numeric, ci_lower numeric, ci_upper numeric, target text, status text,
                   baseline_period text, baseline_value numeric, comparison text, change_pct_points numeric, trend text,
                   note text, suppressed boolean)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT s.indicator_code, s.theme, s.unit, s.area_code, s.period, s.numerator_count, s.denominator_count, s.value,
           s.ci_lower, s.ci_upper, s.target, s.status, s.baseline_period, s.baseline_value, s.comparison,
           s.change_pct_points, s.trend, s.note, s.suppressed
    FROM @extschema@.scorecard s
    JOIN @extschema@.report_indicators(ctx) i ON i.code = s.indicator_code
    WHERE s.boundaries = ctx ->> 'boundaries' AND s.area_code = ctx ->> 'area'
      AND s.period IN (SELECT jsonb_array_elements_text(ctx -> 'periods'))
      AND (only_theme IS NULL OR s.theme = only_theme)
    ORDER BY i.ord, s.period
$$;
COMMENT ON FUNCTION @extschema@.report_rows(jsonb, integer) IS
    'the scorecard rows of the report''s area, boundaries and periods (optionally one theme), in the catalogue''s order';

CREATE FUNCTION @extschema@.report_summary(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH rows AS (
        SELECT r.theme, r.status FROM @extschema@.report_rows(ctx) AS r
    ), statuses AS (
        SELECT DISTINCT r.status,
               coalesce(array_position(ARRAY['met', 'partly met', 'not met', 'no change', 'pending', 'baseline suppressed',
                                             'suppressed', 'no data', 'no target', 'qualitative'], r.status), 99) AS ord
        FROM rows r
    )
    SELECT format(E'<section class="summary" id="summary" aria-labelledby="summary-h">\n<h2 id="summary-h">%s</h2>\n'
                  '<table class="summary">\n<caption>%s</caption>\n<thead><tr><th scope="col" class="l">%s</th>%s<th scope="col">%s</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n</section>\n',
                  @extschema@.report_t(ctx, 'heading.summary'),
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'summary.caption', ctx ->> 'heading', ctx ->> 'period_text')),
                  @extschema@.report_t(ctx, 'col.status'),
                  (SELECT string_agg(format('<th scope="col"><a href="#theme-%s" title="%s">%s</a></th>', t.theme,
                                            @extschema@.html_escape(CASE WHEN ctx ->> 'lang' = 'nl' THEN t.name_nl ELSE t.name_en END),
                                            @extschema@.html_escape(format(ctx -> 'labels' ->> 'summary.theme', t.theme))),
                                     '' ORDER BY t.theme)
                   FROM @extschema@.theme t),
                  @extschema@.report_t(ctx, 'summary.total'),
                  (SELECT string_agg(format(E'<tr><th scope="row">%s</th>%s<td>%s</td></tr>\n', @extschema@.report_status(s.status, ctx),
                                            (SELECT string_agg(CASE WHEN c.n = 0 THEN '<td class="zero">0</td>' ELSE format('<td>%s</td>', c.n) END,
                                                               '' ORDER BY t.theme)
                                             FROM @extschema@.theme t
                                             CROSS JOIN LATERAL (SELECT count(*) AS n FROM rows r WHERE r.theme = t.theme AND r.status = s.status) AS c),
                                            (SELECT count(*) FROM rows r WHERE r.status = s.status)),
                                     '' ORDER BY s.ord, s.status)
                   FROM statuses s)
                  || format(E'<tr class="total"><th scope="row">%s</th>%s<td>%s</td></tr>\n', @extschema@.report_t(ctx, 'summary.total'),
                            (SELECT string_agg(format('<td>%s</td>', (SELECT count(*) FROM rows r WHERE r.theme = t.theme)), '' ORDER BY t.theme)
                             FROM @extschema@.theme t),
                            (SELECT count(*) FROM rows)))
$$;
COMMENT ON FUNCTION @extschema@.report_summary(jsonb) IS
    'the summary: per theme how many results of the area have each status (only statuses that occur), with the status words and symbols';

-- The area's figures of one theme: value, counts, interval, target, status,
-- baseline, change and trend; suppressed rows show the word only.
CREATE FUNCTION @extschema@.report_figures(ctx jsonb, theme integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN count(*) = 0 THEN format(E'<p class="note">%s</p>\n', @extschema@.report_t(ctx, 'figures.none')) ELSE
           format(E'<table class="figures">\n<caption>%s</caption>\n<thead><tr>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table>\n%s',
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'figures.caption', ctx ->> 'heading', ctx ->> 'period_text')),
                  (SELECT string_agg(format('<th scope="col"%s>%s</th>', CASE WHEN k IN ('col.result', 'col.target', 'col.status', 'col.trend') THEN ' class="l"' ELSE '' END,
                                            @extschema@.report_t(ctx, k)), '' ORDER BY o)
                   FROM unnest(ARRAY['col.result', 'col.period', 'col.value', 'col.persons', 'col.interval', 'col.target', 'col.status',
                                     'col.baseline', 'col.change', 'col.trend']) WITH ORDINALITY AS c(k, o)),
                  string_agg(format(E'<tr><th scope="row"><span class="code">%s</span> %s%s</th><td class="nowrap">%s</td><td data-cell="%s"%s>%s</td><td class="nowrap">%s</td>'
                                    '<td class="nowrap">%s</td><td class="l">%s</td><td class="l">%s</td><td class="nowrap">%s</td><td class="nowrap">%s</td><td class="l">%s</td></tr>\n',
                                    @extschema@.html_escape(r.indicator_code), @extschema@.html_escape(i.name),
                                    CASE WHEN r.note IS NOT NULL
                                         THEN format(' <a class="muted" href="#note-%s">[%s]</a>', translate(r.indicator_code, '.', '-'), @extschema@.report_t(ctx, 'figures.note'))
                                         ELSE '' END,
                                    @extschema@.html_escape(r.period),
                                    @extschema@.html_escape(r.indicator_code || '|' || r.area_code || '|' || r.period),
                                    CASE WHEN r.suppressed THEN ' class="suppressed"' ELSE '' END,
                                    CASE WHEN r.suppressed THEN @extschema@.report_t(ctx, 'status.suppressed')
                                         WHEN r.unit = 'qualitative' THEN '–'
                                         WHEN i.yes_no THEN @extschema@.report_t(ctx, CASE WHEN r.value > 0 THEN 'yes' ELSE 'no' END)
                                         ELSE coalesce(@extschema@.report_value(r.unit, r.value, ctx), '–') END,
                                    CASE WHEN r.suppressed OR r.numerator_count IS NULL OR i.yes_no THEN ''
                                         WHEN r.denominator_count IS NOT NULL
                                         THEN @extschema@.html_escape(format(ctx -> 'labels' ->> 'count.of', @extschema@.report_number(r.numerator_count, 0, ctx),
                                                                             @extschema@.report_number(r.denominator_count, 0, ctx)))
                                         ELSE '' END,
                                    CASE WHEN NOT r.suppressed AND r.ci_lower IS NOT NULL AND NOT i.yes_no
                                         THEN @extschema@.report_pct(r.ci_lower, ctx) || '–' || @extschema@.report_pct(r.ci_upper, ctx) ELSE '' END,
                                    coalesce(@extschema@.html_escape(@extschema@.report_target(r.target, r.unit, ctx)), ''),
                                    @extschema@.report_status(r.status, ctx),
                                    CASE WHEN r.baseline_value IS NOT NULL AND i.yes_no
                                         THEN @extschema@.html_escape(r.baseline_period) || ': '
                                              || @extschema@.report_t(ctx, CASE WHEN r.baseline_value > 0 THEN 'yes' ELSE 'no' END)
                                         WHEN r.baseline_value IS NOT NULL
                                         THEN @extschema@.html_escape(r.baseline_period) || ': ' || @extschema@.report_value(r.unit, r.baseline_value, ctx)
                                         ELSE '' END,
                                    CASE WHEN i.yes_no THEN ''
                                         WHEN r.change_pct_points IS NOT NULL
                                         THEN @extschema@.html_escape(format(ctx -> 'labels' ->> 'change.points',
                                                  CASE WHEN r.change_pct_points > 0 THEN '+' ELSE '' END || @extschema@.report_number(r.change_pct_points, 1, ctx)))
                                              || CASE WHEN r.comparison = 'standardised' THEN ' †' ELSE '' END
                                         ELSE '' END,
                                    @extschema@.report_trend(r.trend, ctx)),
                             '' ORDER BY i.ord, r.period),
                  CASE WHEN bool_or(r.comparison = 'standardised')
                       THEN format(E'<p class="note">† %s</p>\n', @extschema@.report_t(ctx, 'change.standardised')) ELSE '' END) END
    FROM @extschema@.report_rows(ctx, theme) AS r
    -- A municipality's row of a result that counts the members reaching it
    -- (T1.4, T3.1: 0 or 1 of 1) says yes or no, not 0% with an interval.
    JOIN (SELECT x.*, ctx ->> 'area_type' = 'municipality' AND x.region_rule = 'members' AS members_rule
          FROM @extschema@.report_indicators(ctx) AS x) AS i0 ON i0.code = r.indicator_code
    CROSS JOIN LATERAL (SELECT i0.*, i0.members_rule AND r.unit IN ('share', 'milestone') AND r.denominator_count IS NOT DISTINCT FROM 1
                               AND NOT r.suppressed AS yes_no) AS i
$$;
COMMENT ON FUNCTION @extschema@.report_figures(jsonb, integer) IS
    'the table of the area''s results of one theme: value, counts, 95% interval, target in words, status, baseline, change in percentage points (standardised marked †) and trend; a suppressed row shows the word suppressed and nothing else of its own';

-- Region reports: every member's value and status, at most six results per
-- table so it fits an A4 page.
CREATE FUNCTION @extschema@.report_matrix(ctx jsonb, theme integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH cols AS (
        SELECT s.indicator_code, s.period, s.unit, s.target, i.name, i.ord,
               row_number() OVER (ORDER BY i.ord, s.period) AS c
        FROM @extschema@.scorecard s JOIN @extschema@.report_indicators(ctx) i ON i.code = s.indicator_code
        WHERE s.boundaries = ctx ->> 'boundaries' AND s.area_code = ctx ->> 'area' AND s.theme = report_matrix.theme
          AND s.unit <> 'qualitative' AND s.period IN (SELECT jsonb_array_elements_text(ctx -> 'periods'))
    ), chunks AS (
        SELECT c.*, (c.c - 1) / 6 + 1 AS chunk, max((c.c - 1) / 6 + 1) OVER () AS chunks FROM cols c
    ), areas AS (
        SELECT a.code, a.label, a.region, row_number() OVER (ORDER BY a.region DESC, a.label, a.code) AS ord
        FROM (SELECT ctx ->> 'area' AS code, ctx ->> 'area' AS label, true AS region
              UNION ALL
              SELECT m.code::text, m.name, false FROM @extschema@.municipality m
              WHERE m.code::text IN (SELECT jsonb_array_elements_text(ctx -> 'members'))) AS a
    )
    SELECT string_agg(t.html, '' ORDER BY t.chunk)
    FROM (
        SELECT k.chunk,
               format(E'<table class="matrix">\n<caption>%s</caption>\n<thead><tr><th scope="col" class="l">%s</th>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table>\n',
                      @extschema@.html_escape(format(ctx -> 'labels' ->> 'matrix.caption', ctx ->> 'period_text', k.chunk, max(k.chunks))),
                      @extschema@.report_t(ctx, 'col.area'),
                      string_agg(format('<th scope="col"><span class="code">%s</span>%s<br/>%s%s</th>', @extschema@.html_escape(k.indicator_code),
                                        CASE WHEN length(k.period) > 4 THEN ' ' || @extschema@.html_escape(k.period) ELSE '' END,
                                        @extschema@.html_escape(k.name),
                                        coalesce('<br/><span class="muted">' || @extschema@.html_escape(@extschema@.report_target(k.target, k.unit, ctx)) || '</span>', '')),
                                 '' ORDER BY k.c),
                      (SELECT string_agg(format(E'<tr%s><th scope="row">%s</th>%s</tr>\n', CASE WHEN a.region THEN ' class="region"' ELSE '' END,
                                                @extschema@.html_escape(a.label),
                                                (SELECT string_agg(
                                                            format('<td data-cell="%s"%s>%s</td>',
                                                                   @extschema@.html_escape(k2.indicator_code || '|' || a.code || '|' || k2.period),
                                                                   CASE WHEN s.suppressed THEN ' class="suppressed"' ELSE '' END,
                                                                   CASE WHEN s.indicator_code IS NULL THEN '<span class="muted">·</span>'
                                                                        WHEN s.suppressed THEN @extschema@.report_t(ctx, 'status.suppressed')
                                                                        ELSE coalesce(@extschema@.report_value(s.unit, s.value, ctx), '–')
                                                                             || format(' <span class="sym st-%s" role="img" aria-label="%s">%s</span>',
                                                                                       @extschema@.report_class(s.status),
                                                                                       @extschema@.html_escape(coalesce(ctx -> 'labels' ->> ('status.' || replace(s.status, ' ', '_')), s.status)),
                                                                                       @extschema@.report_status_symbol(s.status)) END),
                                                            '' ORDER BY k2.c)
                                                 FROM chunks k2
                                                 LEFT JOIN @extschema@.scorecard s
                                                        ON s.boundaries = ctx ->> 'boundaries' AND s.indicator_code = k2.indicator_code
                                                       AND s.period = k2.period AND s.area_code = a.code
                                                 WHERE k2.chunk = k.chunk)),
                                         '' ORDER BY a.ord)
                       FROM areas a)) AS html
        FROM chunks k GROUP BY k.chunk
    ) AS t
$$;
COMMENT ON FUNCTION @extschema@.report_matrix(jsonb, integer) IS
    'region reports: a table per six results of the theme with the region and every member municipality, value and status symbol (with its word for screen readers) per cell; suppressed cells show the word only';

CREATE FUNCTION @extschema@.report_charts(ctx jsonb, theme integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT coalesce(string_agg(@extschema@.report_chart_compare(ctx, i.code, i.name, i.plan_text), '' ORDER BY i.ord), '')
    FROM @extschema@.report_indicators(ctx) AS i
    WHERE i.theme = report_charts.theme AND i.region_rule = 'sum' AND i.unit IN ('share', 'count')
$$;
COMMENT ON FUNCTION @extschema@.report_charts(jsonb, integer) IS
    'a comparison chart for each result of the theme that sums persons, volunteers or dwellings over the members (not the results that count municipalities meeting their own target)';

CREATE FUNCTION @extschema@.report_cohorts(ctx jsonb, indicator_code text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN count(c.indicator_code) = 0
                THEN format(E'<p class="note">%s</p>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'cohort.none', report_cohorts.indicator_code || ' ' || min(i.name), ctx ->> 'heading')))
                ELSE format(E'<table class="cohorts">\n<caption>%s</caption>\n<thead><tr><th scope="col" class="l">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col">%s</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n',
                            @extschema@.html_escape(format(ctx -> 'labels' ->> 'cohort.caption', report_cohorts.indicator_code || ' ' || min(i.name),
                                                           ctx ->> 'heading', ctx ->> 'year',
                                                           ctx -> 'labels' ->> ('cohort.basis.' || @extschema@.setting_text('cohort_basis')))),
                            @extschema@.report_t(ctx, 'cohort.col.cohort'), @extschema@.report_t(ctx, 'cohort.col.years'),
                            @extschema@.report_t(ctx, 'col.persons'), @extschema@.report_t(ctx, 'col.value'), @extschema@.report_t(ctx, 'col.interval'),
                            string_agg(format(E'<tr><th scope="row">%s</th><td>%s</td><td class="nowrap">%s</td><td%s>%s</td><td class="nowrap">%s</td></tr>\n',
                                              coalesce(c.cohort::text, @extschema@.report_t(ctx, 'cohort.unknown')),
                                              coalesce(@extschema@.html_escape(c.years_since_start), ''),
                                              CASE WHEN c.suppressed OR c.numerator_count IS NULL THEN ''
                                                   ELSE @extschema@.html_escape(format(ctx -> 'labels' ->> 'count.of', @extschema@.report_number(c.numerator_count, 0, ctx),
                                                                                       @extschema@.report_number(c.denominator_count, 0, ctx))) END,
                                              CASE WHEN c.suppressed THEN ' class="suppressed"' ELSE '' END,
                                              CASE WHEN c.suppressed THEN @extschema@.report_t(ctx, 'status.suppressed')
                                                   ELSE coalesce(@extschema@.report_pct(c.value, ctx), '–') END,
                                              CASE WHEN NOT c.suppressed AND c.ci_lower IS NOT NULL
                                                   THEN @extschema@.report_pct(c.ci_lower, ctx) || '–' || @extschema@.report_pct(c.ci_upper, ctx) ELSE '' END),
                                       '' ORDER BY c.cohort NULLS LAST)) END
    FROM @extschema@.report_indicators(ctx) AS i
    LEFT JOIN @extschema@.cohort c
           ON c.indicator_code = i.code AND c.boundaries = ctx ->> 'boundaries' AND c.area_code = ctx ->> 'area'
          AND c.period = ctx ->> 'year'
    WHERE i.code = report_cohorts.indicator_code
$$;
COMMENT ON FUNCTION @extschema@.report_cohorts(jsonb, text) IS
    'the table of one indicator''s cohorts for the report''s area and year (u16.cohort): cohort, years since its start, counts, share and interval; suppressed cohorts show the word only';

-- A share cell of the level table: the share, the word for a suppressed level,
-- or a dash where there is no row.
CREATE FUNCTION @extschema@.report_level_share(suppressed boolean, share numeric, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN suppressed THEN '<td class="suppressed">' || @extschema@.report_t(ctx, 'status.suppressed') || '</td>'
                ELSE '<td>' || coalesce(@extschema@.report_pct(share, ctx), '–') || '</td>' END
$$;
COMMENT ON FUNCTION @extschema@.report_level_share(boolean, numeric, jsonb) IS
    'a share cell of report_levels(): the share in the report''s format, the word for a suppressed level, a dash where there is none';

-- T2.3 by language level (the plan: "also report the level distribution"):
-- the area's five levels in the year, from u16.language_level, each with its
-- count and share, and in a municipal report the region's share beside it.
CREATE FUNCTION @extschema@.report_levels(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH levels AS (            -- the area's, and in a municipal report the region's
        SELECT l.*, l.area_code = ctx ->> 'area' AS own FROM @extschema@.language_level l
        WHERE l.boundaries = ctx ->> 'boundaries' AND l.period = ctx ->> 'year'
          AND l.area_code IN (ctx ->> 'area', CASE WHEN ctx ->> 'area_type' = 'municipality' THEN ctx ->> 'region' END)
    ),
    t23 AS (
        SELECT i.code || ' ' || i.name AS indicator FROM @extschema@.report_indicators(ctx) i WHERE i.code = 'T2.3'
    )
    SELECT format(E'<h3>%s</h3>\n', @extschema@.report_t(ctx, 'heading.levels'))
        || CASE WHEN count(o.level_order) = 0
                THEN format(E'<p class="note">%s</p>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'level.none', min(t.indicator), ctx ->> 'heading')))
                ELSE format(E'<table class="levels">\n<caption>%s</caption>\n<thead><tr><th scope="col" class="l">%s</th><th scope="col">%s</th><th scope="col">%s</th>%s</tr></thead>\n<tbody>\n%s</tbody>\n</table>\n<p class="note">%s</p>\n',
                            @extschema@.html_escape(format(ctx -> 'labels' ->> 'level.caption', min(t.indicator), ctx ->> 'heading', ctx ->> 'year')),
                            @extschema@.report_t(ctx, 'level.col.level'), @extschema@.report_t(ctx, 'col.persons'),
                            @extschema@.report_t(ctx, 'level.col.share'),
                            CASE WHEN ctx ->> 'area_type' = 'municipality'
                                 THEN format('<th scope="col">%s</th>', @extschema@.html_escape(format(ctx -> 'labels' ->> 'level.col.region', ctx ->> 'region')))
                                 ELSE '' END,
                            string_agg(format(E'<tr data-level="%s|%s|%s"><th scope="row">%s</th><td class="nowrap">%s</td>%s%s</tr>\n',
                                              @extschema@.html_escape(ctx ->> 'area'), @extschema@.html_escape(ctx ->> 'year'), o.level_order,
                                              @extschema@.report_t(ctx, 'level.' || o.level_order),
                                              CASE WHEN o.suppressed THEN ''
                                                   ELSE @extschema@.html_escape(format(ctx -> 'labels' ->> 'count.of', @extschema@.report_number(o.persons_count, 0, ctx),
                                                                                       @extschema@.report_number(o.total_count, 0, ctx))) END,
                                              @extschema@.report_level_share(o.suppressed, o.level_share, ctx),
                                              CASE WHEN ctx ->> 'area_type' = 'municipality'
                                                   THEN @extschema@.report_level_share(r.suppressed, r.level_share, ctx) ELSE '' END),
                                       '' ORDER BY o.level_order) FILTER (WHERE o.level_order IS NOT NULL),
                            @extschema@.report_t(ctx, 'level.note')) END
    FROM t23 t
    LEFT JOIN levels o ON o.own
    LEFT JOIN levels r ON NOT r.own AND r.level_order = o.level_order
$$;
COMMENT ON FUNCTION @extschema@.report_levels(jsonb) IS
    'T2.3 by language level for the report''s area and year (u16.language_level): the five levels with count and share, and in a municipal report the region''s share; suppressed levels show the word only';

CREATE FUNCTION @extschema@.report_progress(ctx jsonb, half text) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<h3>%s</h3>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'heading.progress', half)))
        || CASE WHEN count(*) = 0 THEN format(E'<p class="note">%s</p>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'progress.none', half))) ELSE
           @extschema@.report_chart_progress(ctx, half)
           || format(E'<table class="progress">\n<caption>%s</caption>\n<thead><tr><th scope="col" class="l">%s</th><th scope="col">%s</th><th scope="col">%s</th><th scope="col" class="l">%s</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n',
                     @extschema@.html_escape(format(ctx -> 'labels' ->> 'progress.caption', half)),
                     @extschema@.report_t(ctx, 'progress.col.month'), @extschema@.report_t(ctx, 'progress.col.housed'),
                     @extschema@.report_t(ctx, 'progress.col.expected'), @extschema@.report_t(ctx, 'progress.col.on_schedule'),
                     string_agg(format(E'<tr><th scope="row">%s</th><td>%s</td><td>%s</td><td class="l">%s</td></tr>\n',
                                       @extschema@.html_escape((ctx -> 'labels' ->> ('month.' || extract(month FROM p.month_start)::integer)) || ' ' || extract(year FROM p.month_start)),
                                       @extschema@.report_number(p.housed_to_date, 0, ctx), @extschema@.report_number(p.expected_to_date, 1, ctx),
                                       CASE WHEN p.on_schedule THEN '<span class="flag st-met"><span class="sym" aria-hidden="true">✓</span> ' || @extschema@.report_t(ctx, 'yes') || '</span>'
                                            ELSE '<span class="flag st-not-met"><span class="sym" aria-hidden="true">✗</span> ' || @extschema@.report_t(ctx, 'no') || '</span>' END),
                                '' ORDER BY p.month)) END
    FROM @extschema@.housing_progress p
    WHERE p.boundaries = ctx ->> 'boundaries' AND p.municipality_code = ctx ->> 'area' AND p.period = half
$$;
COMMENT ON FUNCTION @extschema@.report_progress(jsonb, text) IS
    'a municipality''s months of one half-year against the schedule (obligation x months / 6): chart and table';

CREATE FUNCTION @extschema@.report_ledger(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    WITH rows AS (
        SELECT l.*,
               CASE WHEN l.area_type = 'region' THEN 0 ELSE 1 END AS rank_area
        FROM @extschema@.housing_ledger l
        WHERE l.boundaries = ctx ->> 'boundaries'
          AND CASE WHEN ctx ->> 'area_type' = 'region'
                   THEN l.period IN (SELECT jsonb_array_elements_text(ctx -> 'halves'))
                        AND (l.municipality_code = ctx ->> 'area'
                             OR (l.area_type = 'municipality' AND l.municipality_code IN (SELECT jsonb_array_elements_text(ctx -> 'members'))))
                   ELSE l.municipality_code = ctx ->> 'area' AND l.period <= ctx ->> 'last_half' END
    )
    SELECT format(E'<h3>%s</h3>\n', @extschema@.report_t(ctx, 'heading.ledger'))
        || CASE WHEN count(*) = 0 THEN format(E'<p class="note">%s</p>\n', @extschema@.report_t(ctx, 'ledger.none')) ELSE
           format(E'<table class="ledger">\n<caption>%s</caption>\n<thead><tr>%s%s</tr></thead>\n<tbody>\n%s</tbody>\n</table>\n<p class="note">%s</p>\n',
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'ledger.caption',
                                                 CASE WHEN ctx ->> 'area_type' = 'region' THEN ctx ->> 'period_text'
                                                      ELSE ctx ->> 'heading' || ', ' || min(r.period) || '–' || max(r.period) END)),
                  CASE WHEN ctx ->> 'area_type' = 'region' THEN format('<th scope="col" class="l">%s</th>', @extschema@.report_t(ctx, 'col.area')) ELSE '' END,
                  (SELECT string_agg(format('<th scope="col"%s>%s</th>', CASE WHEN k IN ('ledger.col.half', 'ledger.col.met') THEN ' class="l"' ELSE '' END,
                                            @extschema@.report_t(ctx, k)), '' ORDER BY o)
                   FROM unnest(ARRAY['ledger.col.half', 'ledger.col.quota', 'ledger.col.carried', 'ledger.col.obligation', 'ledger.col.housed',
                                     'ledger.col.correction', 'ledger.col.balance', 'ledger.col.pct', 'ledger.col.met', 'ledger.col.missed'])
                        WITH ORDINALITY AS c(k, o)),
                  string_agg(format(E'<tr%s>%s<td class="l">%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class="l">%s</td><td>%s</td></tr>\n',
                                    CASE WHEN r.area_type = 'region' AND ctx ->> 'area_type' = 'region' THEN ' class="region"' ELSE '' END,
                                    CASE WHEN ctx ->> 'area_type' = 'region'
                                         THEN format('<th scope="row">%s</th>', @extschema@.html_escape(CASE WHEN r.area_type = 'region' THEN r.municipality_code ELSE r.municipality_name END))
                                         ELSE '' END,
                                    @extschema@.html_escape(r.period),
                                    @extschema@.report_number(r.quota, 0, ctx),
                                    coalesce(CASE WHEN r.carried_in > 0 THEN '+' ELSE '' END || @extschema@.report_number(r.carried_in, 0, ctx), ''),
                                    @extschema@.report_number(r.obligation, 0, ctx), @extschema@.report_number(r.housed, 0, ctx),
                                    coalesce(@extschema@.report_number(r.correction, 0, ctx), ''),
                                    coalesce(CASE WHEN r.closing_balance > 0 THEN '+' ELSE '' END || @extschema@.report_number(r.closing_balance, 0, ctx), ''),
                                    coalesce(@extschema@.report_number(r.realisation_obligation_pct, 1, ctx) || '%', '–'),
                                    CASE WHEN r.met_obligation THEN @extschema@.report_status('met', ctx)
                                         WHEN NOT r.met_obligation THEN @extschema@.report_status('not met', ctx) ELSE '' END,
                                    coalesce(r.missed_in_a_row::text, '')),
                             '' ORDER BY r.rank_area, r.municipality_name, r.municipality_code, r.period),
                  @extschema@.report_t(ctx, 'ledger.note')) END
        || CASE WHEN ctx ->> 'area_type' = 'region' THEN @extschema@.report_chart_balance(ctx)
                ELSE @extschema@.report_chart_ledger(ctx) || @extschema@.report_progress(ctx, ctx ->> 'last_half') END
    FROM rows r
$$;
COMMENT ON FUNCTION @extschema@.report_ledger(jsonb) IS
    'the housing ledger: for a region every member in the report''s half-years with the balance chart; for a municipality its ledger over time up to the report''s last half-year, a chart of it and the months of that half-year against the schedule';

CREATE FUNCTION @extschema@.report_theme(ctx jsonb, theme integer) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<section class="theme" id="theme-%1$s" aria-labelledby="theme-%1$s-h">\n<h2 id="theme-%1$s-h">%2$s</h2>\n', t.theme,
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'heading.theme', t.theme,
                                                 CASE WHEN ctx ->> 'lang' = 'nl' THEN t.name_nl ELSE t.name_en END)))
        || @extschema@.report_figures(ctx, t.theme)
        || CASE WHEN ctx ->> 'area_type' = 'region'
                THEN coalesce(format(E'<h3>%s</h3>\n', @extschema@.report_t(ctx, 'heading.matrix')) || @extschema@.report_matrix(ctx, t.theme)
                              || format(E'<p class="note">%s</p>\n', @extschema@.report_t(ctx, 'matrix.note')), '')
                ELSE '' END
        || coalesce((SELECT format(E'<h3>%s</h3>\n<div class="cohort-grid">\n%s</div>\n<p class="note">%s</p>\n',
                                   @extschema@.report_t(ctx, 'heading.cohort_section'),
                                   string_agg(@extschema@.report_cohorts(ctx, i.code), '' ORDER BY i.ord),
                                   @extschema@.report_t(ctx, 'cohort.note'))
                     FROM @extschema@.report_indicators(ctx) i
                     WHERE i.theme = t.theme AND i.code IN (SELECT jsonb_array_elements_text(ctx -> 'cohort_indicators'))
                     HAVING count(*) > 0), '')
        || CASE WHEN t.theme = (ctx ->> 'level_theme')::integer THEN @extschema@.report_levels(ctx) ELSE '' END
        || coalesce(format(E'<h3>%s</h3>\n', @extschema@.report_t(ctx, 'heading.charts')) || nullif(@extschema@.report_charts(ctx, t.theme), ''), '')
        || CASE WHEN t.theme = (ctx ->> 'ledger_theme')::integer THEN @extschema@.report_ledger(ctx) ELSE '' END
        || E'</section>\n'
    FROM @extschema@.theme t WHERE t.theme = report_theme.theme
$$;
COMMENT ON FUNCTION @extschema@.report_theme(jsonb, integer) IS
    'one theme of the report: its results, for a region the table per municipality, the comparison charts, the cohort tables (ctx cohort_indicators), in the theme of T2.3 its language levels (ctx level_theme) and, in the housing theme, the ledger';

CREATE FUNCTION @extschema@.report_notes(ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format(E'<section class="notes" id="notes" aria-labelledby="notes-h">\n<h2 id="notes-h">%s</h2>\n<h3>%s</h3>\n',
                  @extschema@.report_t(ctx, 'heading.notes'), @extschema@.report_t(ctx, 'heading.assessments'))
        || coalesce((SELECT format(E'<table class="assessments">\n<thead><tr><th scope="col" class="l">%s</th><th scope="col">%s</th><th scope="col" class="l">%s</th><th scope="col" class="l">%s</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n',
                                   @extschema@.report_t(ctx, 'col.result'), @extschema@.report_t(ctx, 'col.period'),
                                   @extschema@.report_t(ctx, 'col.status'), @extschema@.report_t(ctx, 'heading.notes'),
                                   string_agg(format(E'<tr id="note-%s"><th scope="row"><span class="code">%s</span> %s</th><td>%s</td><td class="l">%s</td><td class="l note-text">%s</td></tr>\n',
                                                     translate(r.indicator_code, '.', '-'), @extschema@.html_escape(r.indicator_code), @extschema@.html_escape(i.name),
                                                     @extschema@.html_escape(r.period), @extschema@.report_status(r.status, ctx), @extschema@.html_escape(r.note)),
                                              '' ORDER BY i.ord, r.period))
                     FROM @extschema@.report_rows(ctx) r JOIN @extschema@.report_indicators(ctx) i ON i.code = r.indicator_code
                     WHERE r.note IS NOT NULL
                     HAVING count(*) > 0),
                    format(E'<p>%s</p>\n', @extschema@.report_t(ctx, 'notes.assessments.none')))
        || coalesce((SELECT format(E'<p>%s</p>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'notes.qualitative',
                                   string_agg(i.code || ' ' || i.name || ' (' || coalesce(ctx -> 'labels' ->> ('status.' || replace(r.status, ' ', '_')), r.status) || ')',
                                              '; ' ORDER BY i.ord))))
                     FROM @extschema@.report_rows(ctx) r JOIN @extschema@.report_indicators(ctx) i ON i.code = r.indicator_code
                     WHERE i.qualitative HAVING count(*) > 0), '')
        || format(E'<h3>%s</h3>\n', @extschema@.report_t(ctx, 'heading.indicators'))
        || format(E'<table class="plan">\n<thead><tr><th scope="col" class="l">%s</th><th scope="col" class="l">%s</th></tr></thead>\n<tbody>\n%s</tbody>\n</table>\n',
                  @extschema@.report_t(ctx, 'col.result'), @extschema@.html_escape(format(ctx -> 'labels' ->> 'chart.plan', '…')),
                  (SELECT string_agg(format(E'<tr><th scope="row"><span class="code">%s</span> %s</th><td class="l" lang="nl">%s</td></tr>\n',
                                            @extschema@.html_escape(i.code), @extschema@.html_escape(i.name), @extschema@.html_escape(i.plan_text)),
                                     '' ORDER BY i.ord)
                   FROM @extschema@.report_indicators(ctx) i))
        || format(E'<p>%s</p>\n<p>%s</p>\n<p>%s</p>\n',
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'notes.suppression', @extschema@.setting_int('min_cell_size'))),
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'notes.trend', ctx ->> 'baseline_text')),
                  @extschema@.report_t(ctx, 'notes.region_rows'))
        || E'</section>\n'
        || format(E'<footer>%s</footer>\n', @extschema@.html_escape(format(ctx -> 'labels' ->> 'notes.generated', ctx ->> 'call')))
$$;
COMMENT ON FUNCTION @extschema@.report_notes(jsonb) IS
    'the notes: the assessments of the area''s results (scorecard.note with their status), the qualitative results, the plan''s wording of every result, how suppression and trends work, and the call that made the page';
