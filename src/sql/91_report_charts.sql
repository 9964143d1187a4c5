-- ============================================================================
-- The report, part 2: charts.  Layer 5 (tools), SQL only.
--
-- Each chart is an inline SVG with role="img", a <title> and a <desc> that
-- say in words what it shows (the values included), so a screen reader gets
-- the figures too.  The helpers compute coordinates from data handed to
-- them; the functions that read the views (report_chart_compare, ...) only
-- gather rows.  Coordinates are written with a decimal point, whatever the
-- language.
-- ============================================================================

-- The smallest 1, 2, 2.5 or 5 times a power of ten at or above x: the top of
-- an axis.
CREATE FUNCTION @extschema@.report_nice_max(x numeric) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN x IS NULL OR x <= 0 THEN 1 ELSE
           (SELECT min(m * 10 ^ e)
            FROM (VALUES (1::numeric), (2), (2.5), (5), (10)) AS f(m),
                 (SELECT floor(log(x))::integer AS e) AS p
            WHERE m * 10 ^ e >= x) END
$$;
COMMENT ON FUNCTION @extschema@.report_nice_max(numeric) IS
    'the top of a chart axis: the smallest 1, 2, 2.5, 5 or 10 times a power of ten at or above x (1 for nothing to show)';

-- The frame of every chart: <svg> with its text alternative.
CREATE FUNCTION @extschema@.report_svg(chart_id text, width integer, height integer, title text, description text, body text)
    RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT format('<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="%1$s" width="%2$s" height="%3$s" viewBox="0 0 %2$s %3$s" '
                  'role="img" aria-labelledby="%1$s-t %1$s-d"><title id="%1$s-t">%4$s</title><desc id="%1$s-d">%5$s</desc>%6$s</svg>',
                  chart_id, width, height, title, description, body)
$$;
COMMENT ON FUNCTION @extschema@.report_svg(text, integer, integer, text, text, text) IS
    'an inline SVG chart with role img, a <title> and a <desc> (already escaped) referenced by aria-labelledby, around body';

-- A horizontal bar chart, one bar per area: bars is a JSON array of
-- {label, value, lo, hi, suppressed, focus, region}; percent = values are
-- fractions 0..1 (else counts, scaled to the largest); line_value draws a
-- dashed reference line (a target or a baseline) labelled line_label.
CREATE FUNCTION @extschema@.report_chart_bars(ctx jsonb, chart_id text, title text, description text, bars jsonb,
                                              percent boolean, line_value numeric, line_label text)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    w constant integer := 680;
    x0 constant integer := 200;   -- left end of the bars
    bw constant integer := 370;   -- bar length of the full scale
    rh constant integer := 17;    -- row height
    top constant integer := 26;
    n integer := jsonb_array_length(bars);
    n_region integer;
    h integer;
    scale numeric;
    body text;
    lx numeric;
BEGIN
    SELECT count(*) FILTER (WHERE (b ->> 'region')::boolean) INTO n_region FROM jsonb_array_elements(bars) AS b;
    h := top + n * rh + CASE WHEN n_region > 0 AND n > n_region THEN 6 ELSE 0 END + CASE WHEN line_value IS NOT NULL THEN 30 ELSE 12 END;
    scale := CASE WHEN percent THEN 1
                  ELSE @extschema@.report_nice_max((SELECT max((b ->> 'value')::numeric) FROM jsonb_array_elements(bars) AS b)) END;
    -- Grid and axis labels: five steps.
    SELECT string_agg(format('<line class="grid" x1="%1$s" y1="%2$s" x2="%1$s" y2="%3$s"/><text class="axis-label" x="%1$s" y="%4$s" text-anchor="middle">%5$s</text>',
                             x0 + g * bw / 4, top - 4, h - CASE WHEN line_value IS NOT NULL THEN 26 ELSE 8 END, top - 9,
                             CASE WHEN percent THEN (g * 25)::text || '%'
                                  ELSE @extschema@.report_number(scale * g / 4, CASE WHEN scale * g / 4 = trunc(scale * g / 4) THEN 0 ELSE 1 END, ctx) END),
                      '' ORDER BY g)
      INTO body FROM generate_series(0, 4) AS g;
    -- The rows.
    SELECT body || string_agg(
             CASE WHEN r.focus THEN format('<rect class="band" x="0" y="%s" width="%s" height="%s"/>', r.y, w, rh) ELSE '' END
             || format('<text class="%s" x="%s" y="%s" text-anchor="end">%s%s</text>',
                       CASE WHEN r.focus THEN 'label focus' WHEN r.region THEN 'label region' ELSE 'label' END,
                       x0 - 8, r.y + rh - 5, CASE WHEN r.focus THEN '▶ ' ELSE '' END, @extschema@.html_escape(r.label))
             || CASE WHEN r.suppressed THEN
                     format('<rect class="supp" x="%s" y="%s" width="%s" height="%s"/><text class="note-label" x="%s" y="%s">%s</text>',
                            x0, r.y + 3, bw, rh - 6, x0 + 6, r.y + rh - 5, @extschema@.report_t(ctx, 'status.suppressed'))
                     WHEN r.value IS NULL THEN
                     format('<text class="note-label" x="%s" y="%s">%s</text>', x0 + 6, r.y + rh - 5, @extschema@.report_t(ctx, 'status.no_data'))
                     ELSE
                     format('<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>',
                            CASE WHEN r.focus THEN 'bar focus' WHEN r.region THEN 'bar region' ELSE 'bar' END,
                            x0, r.y + 3, round(least(greatest(r.value / scale, 0), 1) * bw, 1), rh - 6)
                     || CASE WHEN r.lo IS NOT NULL AND r.hi IS NOT NULL THEN
                             format('<path class="ci" d="M%1$s %3$s V%4$s M%1$s %5$s H%2$s M%2$s %3$s V%4$s"/>',
                                    round(x0 + least(greatest(r.lo / scale, 0), 1) * bw, 1), round(x0 + least(greatest(r.hi / scale, 0), 1) * bw, 1),
                                    r.y + 5, r.y + rh - 5, r.y + rh / 2.0)
                             ELSE '' END
                     || format('<text class="%s" x="%s" y="%s">%s</text>',
                               CASE WHEN r.focus OR r.region THEN 'value strong' ELSE 'value' END, x0 + bw + 8, r.y + rh - 5,
                               CASE WHEN percent THEN @extschema@.report_pct(r.value, ctx) ELSE @extschema@.report_number(r.value, 0, ctx) END)
                     END,
             '' ORDER BY r.ord)
      INTO body
    FROM (SELECT b.ord, b.e ->> 'label' AS label, (b.e ->> 'value')::numeric AS value,
                 (b.e ->> 'lo')::numeric AS lo, (b.e ->> 'hi')::numeric AS hi,
                 coalesce((b.e ->> 'suppressed')::boolean, false) AS suppressed,
                 coalesce((b.e ->> 'focus')::boolean, false) AS focus,
                 coalesce((b.e ->> 'region')::boolean, false) AS region,
                 top + (b.ord - 1) * rh + CASE WHEN n_region > 0 AND b.ord > n_region THEN 6 ELSE 0 END AS y
          FROM jsonb_array_elements(bars) WITH ORDINALITY AS b(e, ord)) AS r;
    body := body || format('<line class="axis" x1="%1$s" y1="%2$s" x2="%1$s" y2="%3$s"/>', x0, top - 4,
                           h - CASE WHEN line_value IS NOT NULL THEN 26 ELSE 8 END);
    IF line_value IS NOT NULL THEN
        lx := round(x0 + least(greatest(line_value / scale, 0), 1) * bw, 1);
        body := body || format('<line class="refline" x1="%1$s" y1="%2$s" x2="%1$s" y2="%3$s"/>'
                               '<text class="refline-label" x="%4$s" y="%5$s" text-anchor="middle">%6$s</text>',
                               lx, top - 4, h - 24, least(greatest(lx, x0 + 90), w - 110), h - 8, line_label);
    END IF;
    RETURN @extschema@.report_svg(chart_id, w, h, title, description, body);
END
$$;
COMMENT ON FUNCTION @extschema@.report_chart_bars(jsonb, text, text, text, jsonb, boolean, numeric, text) IS
    'a horizontal bar chart (SVG) of areas: bars = [{label, value, lo, hi, suppressed, focus, region}], percent (fractions) or counts, an optional dashed reference line; suppressed bars are drawn hatched with the word, never with a value';

-- One indicator compared across the region and its members, the report's
-- area marked: a share chart (with intervals) or, for counts, the members.
CREATE FUNCTION @extschema@.report_chart_compare(ctx jsonb, indicator_code text, indicator_name text, plan_text text)
    RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    ic constant text := indicator_code;
    b constant text := ctx ->> 'boundaries';
    yr constant text := ctx ->> 'year';
    rg constant text := ctx ->> 'region';
    focus_code constant text := CASE WHEN ctx ->> 'area_type' = 'municipality' THEN ctx ->> 'area' END;
    members text[] := ARRAY(SELECT jsonb_array_elements_text(ctx -> 'members'));
    unit text;
    percent boolean;
    bars jsonb;
    descr text;
    own record;
    line_value numeric;
    line_label text;
    kind text;
    rank_text text;
    caption text;
    chart_id text := 'chart-' || translate(indicator_code, '.', '-');
BEGIN
    SELECT s.unit INTO unit FROM @extschema@.scorecard s
    WHERE s.boundaries = b AND s.indicator_code = ic AND s.period = yr AND s.area_code = coalesce(rg, ctx ->> 'area')
    LIMIT 1;
    IF unit IS NULL OR unit NOT IN ('share', 'count') THEN
        RETURN '';
    END IF;
    percent := unit = 'share';
    WITH rows AS (
        SELECT s.area_code, s.area_type, s.value, s.ci_lower, s.ci_upper, s.suppressed,
               CASE WHEN s.area_type = 'region' THEN s.area_code ELSE s.area_name END AS label,
               s.area_type = 'region' AS region, s.area_code = focus_code AS focus
        FROM @extschema@.scorecard s
        WHERE s.boundaries = b AND s.indicator_code = ic AND s.period = yr
          AND ((s.area_type = 'region' AND s.area_code = rg AND percent)
               OR (s.area_type = 'municipality' AND (s.area_code = ANY (members) OR s.area_code = focus_code)))
    ), ordered AS (
        SELECT r.*, row_number() OVER (ORDER BY r.region DESC, r.value DESC NULLS LAST, r.suppressed, r.label, r.area_code) AS ord,
               CASE WHEN NOT r.region AND r.value IS NOT NULL
                    THEN rank() OVER (PARTITION BY r.region, r.value IS NOT NULL ORDER BY r.value DESC) END AS pos,
               count(*) FILTER (WHERE NOT r.region AND r.value IS NOT NULL) OVER () AS n_with
        FROM rows r
    )
    SELECT jsonb_agg(jsonb_build_object('label', o.label, 'value', o.value, 'lo', o.ci_lower, 'hi', o.ci_upper,
                                        'suppressed', o.suppressed, 'focus', o.focus, 'region', o.region) ORDER BY o.ord),
           string_agg(format(ctx -> 'labels' ->> 'chart.desc.item', o.label,
                             CASE WHEN o.suppressed THEN ctx -> 'labels' ->> 'status.suppressed'
                                  WHEN o.value IS NULL THEN ctx -> 'labels' ->> 'status.no_data'
                                  ELSE @extschema@.report_value(unit, o.value, ctx)
                                       || CASE WHEN o.ci_lower IS NOT NULL
                                               THEN ' (' || @extschema@.report_pct(o.ci_lower, ctx) || '–' || @extschema@.report_pct(o.ci_upper, ctx) || ')'
                                               ELSE '' END END), '; ' ORDER BY o.ord),
           max(CASE WHEN o.focus THEN
                    CASE WHEN o.pos IS NOT NULL THEN format(ctx -> 'labels' ->> 'chart.caption.focus', o.label, o.pos, o.n_with)
                         ELSE format(ctx -> 'labels' ->> 'chart.caption.focus_none', o.label) END END)
      INTO bars, descr, rank_text
    FROM ordered o;
    IF bars IS NULL THEN
        RETURN '';
    END IF;

    -- The reference line: the threshold of the target of the report's area,
    -- or for rise and fall its baseline.
    SELECT s.target, s.baseline_value, s.baseline_period, s.area_code, s.area_name, s.area_type INTO own
    FROM @extschema@.scorecard s
    WHERE s.boundaries = b AND s.indicator_code = ic AND s.period = yr AND s.area_code = ctx ->> 'area';
    IF own.target IS NOT NULL AND percent THEN
        kind := @extschema@.target_kind(own.target::@extschema@.target);
        IF kind IN ('at_least', 'above', 'at_most', 'below', 'exactly') THEN
            line_value := @extschema@.target_threshold(own.target::@extschema@.target);
            line_label := format(ctx -> 'labels' ->> 'chart.target', @extschema@.report_target(own.target, unit, ctx));
        ELSIF kind IN ('rise', 'fall') AND own.baseline_value IS NOT NULL THEN
            line_value := own.baseline_value;
            line_label := format(ctx -> 'labels' ->> 'chart.baseline', own.baseline_period,
                                 CASE WHEN own.area_type = 'region' THEN own.area_code ELSE own.area_name END,
                                 @extschema@.report_pct(own.baseline_value, ctx));
        END IF;
    END IF;

    caption := CASE WHEN percent THEN format(ctx -> 'labels' ->> 'chart.caption.share', yr)
                    ELSE format(ctx -> 'labels' ->> 'chart.caption.count', yr,
                                coalesce((SELECT @extschema@.report_number(s.value, 0, ctx) FROM @extschema@.scorecard s
                                          WHERE s.boundaries = b AND s.indicator_code = ic AND s.period = yr AND s.area_code = rg),
                                         '–')) END
               || ' ' || (ctx -> 'labels' ->> 'chart.sorted')
               || coalesce(' ' || rank_text, '')
               || ' ' || CASE WHEN line_label IS NOT NULL THEN format(ctx -> 'labels' ->> 'chart.target_line', line_label)
                              WHEN percent THEN ctx -> 'labels' ->> 'chart.no_line' ELSE '' END;
    RETURN format(E'<figure class="chart-figure">\n%s\n<figcaption><span class="code">%s</span> <b>%s</b> — %s<br/><span class="plan" lang="nl">%s</span></figcaption>\n</figure>\n',
                  @extschema@.report_chart_bars(
                      ctx, chart_id,
                      @extschema@.html_escape(format(ctx -> 'labels' ->> 'chart.title', indicator_code, indicator_name,
                                                     ctx -> 'labels' ->> CASE WHEN percent THEN 'chart.share' ELSE 'chart.count' END, yr)),
                      @extschema@.html_escape(descr || CASE WHEN line_label IS NOT NULL THEN '. ' || line_label ELSE '' END),
                      bars, percent, line_value, @extschema@.html_escape(line_label)),
                  @extschema@.html_escape(indicator_code), @extschema@.html_escape(indicator_name),
                  @extschema@.html_escape(caption),
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'chart.plan', plan_text)));
END
$$;
COMMENT ON FUNCTION @extschema@.report_chart_compare(jsonb, text, text, text) IS
    'a figure comparing one indicator across the region and its member municipalities in the report''s year (shares with intervals and the target or baseline line; counts per member), the report''s own municipality marked and ranked';

-- The region's housing balance: a small panel per area, a bar per half-year.
CREATE FUNCTION @extschema@.report_chart_balance(ctx jsonb) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    b constant text := ctx ->> 'boundaries';
    rg constant text := ctx ->> 'area';
    last_half constant text := ctx ->> 'last_half';
    body text;
    descr text;
    n_rows integer;
    first_half text;
BEGIN
    WITH rows AS (
        SELECT l.municipality_code, l.municipality_name, l.area_type, l.period, l.closing_balance
        FROM @extschema@.housing_ledger l
        WHERE l.boundaries = b AND l.period <= last_half
          AND (l.municipality_code = rg
               OR (l.area_type = 'municipality'
                   AND l.municipality_code IN (SELECT jsonb_array_elements_text(ctx -> 'members'))))
    ), areas AS (
        SELECT r.municipality_code, r.area_type,
               CASE WHEN r.area_type = 'region' THEN r.municipality_code ELSE min(r.municipality_name) END AS label,
               greatest(max(abs(r.closing_balance)), 1) AS scale,
               row_number() OVER (ORDER BY r.area_type = 'region' DESC, min(r.municipality_name), r.municipality_code) AS ai
        FROM rows r GROUP BY r.municipality_code, r.area_type
    ), halves AS (
        SELECT h.period, row_number() OVER (ORDER BY h.period) AS hi, count(*) OVER () AS nh
        FROM (SELECT DISTINCT r.period FROM rows r) AS h
    )
    SELECT string_agg(format('<g transform="translate(%s,%s)"><rect class="panel" x="0" y="0" width="162" height="112"/>'
                             '<text class="%s" x="6" y="14">%s</text><line class="axis" x1="6" y1="62" x2="156" y2="62"/>%s'
                             '<text class="axis-label" x="156" y="106" text-anchor="end">%s: %s</text></g>',
                             ((a.ai - 1) % 4) * 168 + 2, ((a.ai - 1) / 4) * 118 + 2,
                             CASE WHEN a.area_type = 'region' THEN 'label region' ELSE 'label' END,
                             @extschema@.html_escape(a.label),
                             (SELECT string_agg(format('<rect class="%s" x="%s" y="%s" width="%s" height="%s"/>',
                                                       CASE WHEN r.closing_balance > 0 THEN 'deficit' ELSE 'surplus' END,
                                                       round(8 + (h.hi - 1) * (148.0 / h.nh), 1),
                                                       CASE WHEN r.closing_balance > 0 THEN round(62 - 36.0 * r.closing_balance / a.scale, 1) ELSE 62 END,
                                                       round(148.0 / h.nh - 3, 1),
                                                       greatest(round(36.0 * abs(r.closing_balance) / a.scale, 1), 0.6)),
                                                '' ORDER BY h.hi)
                              FROM rows r JOIN halves h ON h.period = r.period WHERE r.municipality_code = a.municipality_code),
                             @extschema@.html_escape(last_half),
                             coalesce((SELECT CASE WHEN r.closing_balance > 0 THEN '+' ELSE '' END || @extschema@.report_number(r.closing_balance, 0, ctx)
                                       FROM rows r WHERE r.municipality_code = a.municipality_code AND r.period = last_half), '–')),
                      '' ORDER BY a.ai),
           string_agg((SELECT string_agg(format(ctx -> 'labels' ->> 'balance.chart.desc', a.label, r.period,
                                                CASE WHEN r.closing_balance > 0 THEN '+' ELSE '' END || @extschema@.report_number(r.closing_balance, 0, ctx)),
                                         '; ' ORDER BY r.period)
                       FROM rows r WHERE r.municipality_code = a.municipality_code), '; ' ORDER BY a.ai),
           max(a.ai), (SELECT min(h.period) FROM halves h)
      INTO body, descr, n_rows, first_half
    FROM areas a;
    IF body IS NULL THEN
        RETURN '';
    END IF;
    RETURN format(E'<figure class="chart-figure">\n%s\n<figcaption>%s</figcaption>\n</figure>\n',
                  @extschema@.report_svg('chart-balance', 676, ((n_rows - 1) / 4 + 1) * 118 + 4,
                                         @extschema@.html_escape(format(ctx -> 'labels' ->> 'balance.chart.title', first_half || '–' || last_half)),
                                         @extschema@.html_escape(descr), body),
                  @extschema@.report_t(ctx, 'balance.chart.caption'));
END
$$;
COMMENT ON FUNCTION @extschema@.report_chart_balance(jsonb) IS
    'the region report''s housing balance chart: a panel per area (the region and each member), a bar per half-year up to the report''s last, deficits up and surpluses down';

-- One municipality's ledger over time: obligation and housed per half-year.
CREATE FUNCTION @extschema@.report_chart_ledger(ctx jsonb) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    b constant text := ctx ->> 'boundaries';
    area constant text := ctx ->> 'area';
    last_half constant text := ctx ->> 'last_half';
    w constant integer := 680;
    h constant integer := 240;
    x0 constant integer := 56;
    y0 constant integer := 200;   -- the zero line
    ph constant integer := 170;   -- plot height
    n integer;
    scale numeric;
    body text;
    descr text;
    span text;
BEGIN
    SELECT count(*), @extschema@.report_nice_max(greatest(max(l.obligation), max(l.housed))), min(l.period) || '–' || max(l.period)
      INTO n, scale, span
    FROM @extschema@.housing_ledger l
    WHERE l.boundaries = b AND l.municipality_code = area AND l.period <= last_half;
    IF n = 0 THEN
        RETURN '';
    END IF;
    SELECT string_agg(format('<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/><text class="axis-label" x="%s" y="%s" text-anchor="end">%s</text>',
                             x0, round(y0 - g * ph / 4.0, 1), w - 8, round(y0 - g * ph / 4.0, 1), x0 - 6, round(y0 - g * ph / 4.0 + 4, 1),
                             @extschema@.report_number(scale * g / 4, CASE WHEN scale * g / 4 = trunc(scale * g / 4) THEN 0 ELSE 1 END, ctx)),
                      '' ORDER BY g)
      INTO body FROM generate_series(0, 4) AS g;
    SELECT body || string_agg(
               format('<rect class="obl" x="%s" y="%s" width="%s" height="%s"/><rect class="housed" x="%s" y="%s" width="%s" height="%s"/>'
                      '<text class="value" x="%s" y="%s" text-anchor="middle">%s</text><text class="axis-label" x="%s" y="%s" text-anchor="middle">%s</text>',
                      round(gx + 6, 1), round(y0 - ph * greatest(l.obligation, 0) / scale, 1), round(gw / 2 - 7, 1), round(ph * greatest(l.obligation, 0) / scale, 1),
                      round(gx + gw / 2 + 1, 1), round(y0 - ph * greatest(l.housed, 0) / scale, 1), round(gw / 2 - 7, 1), round(ph * greatest(l.housed, 0) / scale, 1),
                      round(gx + gw / 2, 1), round(y0 - ph * greatest(l.obligation, l.housed, 0) / scale - 5, 1),
                      CASE WHEN l.closing_balance > 0 THEN '+' ELSE '' END || @extschema@.report_number(l.closing_balance, 0, ctx),
                      round(gx + gw / 2, 1), y0 + 16, @extschema@.html_escape(l.period)),
               '' ORDER BY l.period),
           string_agg(format(ctx -> 'labels' ->> 'ledger.chart.desc', l.period, @extschema@.report_number(l.obligation, 0, ctx),
                             @extschema@.report_number(l.housed, 0, ctx),
                             CASE WHEN l.closing_balance > 0 THEN '+' ELSE '' END || @extschema@.report_number(l.closing_balance, 0, ctx)),
                      '; ' ORDER BY l.period)
      INTO body, descr
    FROM (SELECT l.*, x0 + (row_number() OVER (ORDER BY l.period) - 1) * ((w - 8 - x0)::numeric / n) AS gx,
                 (w - 8 - x0)::numeric / n AS gw
          FROM @extschema@.housing_ledger l
          WHERE l.boundaries = b AND l.municipality_code = area AND l.period <= last_half) AS l;
    body := body || format('<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>', x0, y0, w - 8, y0);
    RETURN format(E'<figure class="chart-figure">\n%s\n<figcaption>%s</figcaption>\n</figure>\n',
                  @extschema@.report_svg('chart-ledger', w, h,
                                         @extschema@.html_escape(format(ctx -> 'labels' ->> 'ledger.chart.title', span)),
                                         @extschema@.html_escape(descr), body),
                  @extschema@.report_t(ctx, 'ledger.chart.caption'));
END
$$;
COMMENT ON FUNCTION @extschema@.report_chart_ledger(jsonb) IS
    'a municipal report''s ledger chart: per half-year up to the report''s last, the obligation (light) and the permit holders housed (dark), the closing balance above';

-- One municipality's months of a half-year against the schedule.
CREATE FUNCTION @extschema@.report_chart_progress(ctx jsonb, half text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    b constant text := ctx ->> 'boundaries';
    area constant text := ctx ->> 'area';
    w constant integer := 680;
    h constant integer := 240;
    x0 constant integer := 56;
    y0 constant integer := 200;
    ph constant integer := 170;
    gw constant numeric := (680 - 8 - 56) / 6.0;
    obligation bigint;
    scale numeric;
    body text;
    descr text;
    schedule text;
BEGIN
    SELECT max(p.obligation), @extschema@.report_nice_max(greatest(max(p.obligation), max(p.housed_to_date)))
      INTO obligation, scale
    FROM @extschema@.housing_progress p
    WHERE p.boundaries = b AND p.municipality_code = area AND p.period = half;
    IF scale IS NULL OR obligation IS NULL THEN
        RETURN '';
    END IF;
    SELECT string_agg(format('<line class="grid" x1="%s" y1="%s" x2="%s" y2="%s"/><text class="axis-label" x="%s" y="%s" text-anchor="end">%s</text>',
                             x0, round(y0 - g * ph / 4.0, 1), w - 8, round(y0 - g * ph / 4.0, 1), x0 - 6, round(y0 - g * ph / 4.0 + 4, 1),
                             @extschema@.report_number(scale * g / 4, CASE WHEN scale * g / 4 = trunc(scale * g / 4) THEN 0 ELSE 1 END, ctx)),
                      '' ORDER BY g)
      INTO body FROM generate_series(0, 4) AS g;
    SELECT body || string_agg(
               format('<rect class="%s" x="%s" y="%s" width="%s" height="%s"/><text class="value" x="%s" y="%s" text-anchor="middle">%s</text>'
                      '<text class="axis-label" x="%s" y="%s" text-anchor="middle">%s</text>',
                      CASE WHEN p.on_schedule THEN 'housed' ELSE 'housed behind' END,
                      round(x0 + (p.months_elapsed - 1) * gw + 14, 1), round(y0 - ph * greatest(p.housed_to_date, 0) / scale, 1),
                      round(gw - 28, 1), round(ph * greatest(p.housed_to_date, 0) / scale, 1),
                      round(x0 + (p.months_elapsed - 0.5) * gw, 1), round(y0 - ph * greatest(p.housed_to_date, 0) / scale - 5, 1),
                      @extschema@.report_number(p.housed_to_date, 0, ctx) || CASE WHEN p.on_schedule THEN ' ✓' ELSE '' END,
                      round(x0 + (p.months_elapsed - 0.5) * gw, 1), y0 + 16,
                      @extschema@.html_escape(ctx -> 'labels' ->> ('month.' || extract(month FROM p.month_start)::integer))),
               '' ORDER BY p.month),
           string_agg(format(ctx -> 'labels' ->> 'progress.chart.desc', ctx -> 'labels' ->> ('month.' || extract(month FROM p.month_start)::integer),
                             @extschema@.report_number(p.housed_to_date, 0, ctx), @extschema@.report_number(p.expected_to_date, 1, ctx)),
                      '; ' ORDER BY p.month),
           string_agg(format('%s,%s', round(x0 + p.months_elapsed * gw, 1), round(y0 - ph * greatest(p.expected_to_date, 0) / scale, 1)),
                      ' ' ORDER BY p.month)
      INTO body, descr, schedule
    FROM @extschema@.housing_progress p
    WHERE p.boundaries = b AND p.municipality_code = area AND p.period = half;
    body := body
        || format('<polyline class="schedule" points="%s,%s %s"/>', x0, y0, schedule)
        || format('<line class="obligation" x1="%s" y1="%s" x2="%s" y2="%s"/>', x0, round(y0 - ph * greatest(obligation, 0) / scale, 1),
                  w - 8, round(y0 - ph * greatest(obligation, 0) / scale, 1))
        || format('<line class="axis" x1="%s" y1="%s" x2="%s" y2="%s"/>', x0, y0, w - 8, y0);
    RETURN format(E'<figure class="chart-figure">\n%s\n<figcaption>%s</figcaption>\n</figure>\n',
                  @extschema@.report_svg('chart-progress', w, h,
                                         @extschema@.html_escape(format(ctx -> 'labels' ->> 'progress.chart.title', half)),
                                         @extschema@.html_escape(descr), body),
                  @extschema@.html_escape(format(ctx -> 'labels' ->> 'progress.chart.caption', @extschema@.report_number(obligation, 0, ctx))));
END
$$;
COMMENT ON FUNCTION @extschema@.report_chart_progress(jsonb, text) IS
    'a municipal report''s schedule chart: housed so far at the end of each month of the half-year (bars, ✓ when on schedule), the schedule (dashed) and the obligation (line)';
