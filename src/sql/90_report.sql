-- ============================================================================
-- The report, part 1: its words and formats.  Layer 5 (tools), SQL only.
--
-- report_html() (93_report_html.sql) writes one self-contained HTML page
-- (inline CSS and SVG, no scripts, nothing fetched) for a region or for one
-- municipality, in Dutch (default) or English, made for the screen and for
-- A4 print.  It is assembled from parts:
--   90  labels (report_label: key, language, text), number, date, target
--       and status formats, the indicator order from the catalogue
--   91  chart helpers (SVG with <title> and <desc>)
--   92  sections: CSS, title block, summary, one per theme, cohorts,
--       language levels, ledger, notes
--   93  the context of one report and report_html() itself
-- The report reads only the published views (scorecard, cohort,
-- language_level, housing_ledger, housing_progress, monitor_refresh) and
-- reference tables, so it shows exactly what BI tools show: suppressed cells
-- stay suppressed.
-- It runs with the rights of its caller (never SECURITY DEFINER), and every
-- text from the database, labels included, goes through html_escape().
--
-- Every section function takes the report's context, a jsonb object made by
-- report_context(): area, area_type, area_name, region, members, year,
-- periods, halves, last_half, boundaries, lang, labels (key -> text), dates.
-- ============================================================================

SELECT pg_catalog.set_config('u16.seeding', 'on', true);

CREATE FUNCTION @extschema@.html_escape(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT replace(replace(replace(replace(replace(coalesce(value, ''),
               '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), '"', '&quot;'), '''', '&#39;')
$$;
COMMENT ON FUNCTION @extschema@.html_escape(text) IS
    'text made safe for HTML and XML text and attribute values: & < > " and '' as character references; NULL gives an empty string';

-- A word as part of a CSS class name ('no change' -> 'no-change'): lower-case
-- letters and digits, every other run as one '-', whatever a row holds.
CREATE FUNCTION @extschema@.report_class(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT regexp_replace(lower(coalesce(value, '')), '[^a-z0-9]+', '-', 'g')
$$;
COMMENT ON FUNCTION @extschema@.report_class(text) IS
    'a word as part of a CSS class name: lower-case letters and digits, every other run of characters as one hyphen';

-- A value of the scorecard as text, language-neutral (psql summaries).
CREATE FUNCTION @extschema@.report_value_text(unit text, value numeric) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN value IS NULL THEN NULL
                WHEN unit IN ('share', 'milestone') THEN to_char(round(value * 100, 1), 'FM9999990.0') || '%'
                ELSE trim_scale(value)::text END
$$;
COMMENT ON FUNCTION @extschema@.report_value_text(text, numeric) IS
    'a scorecard value as plain text with a decimal point (for psql summaries): shares and milestones as a percentage with one decimal, counts as a number; report_html() formats per language with report_value()';

-- The words of the report ----------------------------------------------------------

CREATE TABLE @extschema@.report_label (
    key text NOT NULL
        CONSTRAINT "label key is lower-case words with dots" CHECK (key OPERATOR(pg_catalog.~) '^[a-z0-9_]+(\.[a-z0-9_]+)*$'),
    language text NOT NULL
        CONSTRAINT "label language is a language code such as nl or en" CHECK (language OPERATOR(pg_catalog.~) '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$'),
    text text NOT NULL,
    seeded boolean NOT NULL DEFAULT false,
    PRIMARY KEY (key, language)
);
COMMENT ON TABLE @extschema@.report_label IS
    'the words of report_html() per language: headings, legends, statuses, chart labels, month names and number formats; a language is available when it has rows (seeded: nl and en), so a third language is rows, not code; texts with %s are format() templates';
COMMENT ON COLUMN @extschema@.report_label.key IS 'what the text is for, e.g. status.not_met, heading.summary, month.6, number.decimal';
COMMENT ON COLUMN @extschema@.report_label.language IS 'language code (BCP 47), e.g. nl or en; also the lang attribute of the page';
COMMENT ON COLUMN @extschema@.report_label.text IS 'the text, plain (it is HTML-escaped when written); %s marks where format() puts a value';
COMMENT ON COLUMN @extschema@.report_label.seeded IS 'true while the row is exactly as the extension shipped it (not dumped); false once edited';
CREATE TRIGGER seed_guard BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.report_label
    FOR EACH ROW EXECUTE FUNCTION @extschema@.seed_guard('key', 'language');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.report_label', 'WHERE NOT seeded');

INSERT INTO @extschema@.report_label (key, language, text)
SELECT l.key, v.language, v.text
FROM (VALUES
    -- number and date formats
    ('number.decimal', ',', '.'),
    ('number.group', '.', ','),
    ('number.minus', '−', '−'),
    ('date.format', '%s %s %s', '%s %s %s'),
    ('month.1', 'januari', 'January'), ('month.2', 'februari', 'February'), ('month.3', 'maart', 'March'),
    ('month.4', 'april', 'April'), ('month.5', 'mei', 'May'), ('month.6', 'juni', 'June'),
    ('month.7', 'juli', 'July'), ('month.8', 'augustus', 'August'), ('month.9', 'september', 'September'),
    ('month.10', 'oktober', 'October'), ('month.11', 'november', 'November'), ('month.12', 'december', 'December'),
    ('time.at', '%s, %s uur', '%s at %s'),
    -- title block
    ('title', 'U16-monitor Asiel & Integratie', 'U16 monitor Asylum & Integration'),
    ('title.region', 'Regio %s', 'Region %s'),
    ('title.municipality', 'Gemeente %s', 'Municipality of %s'),
    ('title.subtitle', 'Rapportage %s over de resultaten van het plan van 2018', 'Report %s on the results of the plan of 2018'),
    ('meta.area', 'Gebied', 'Area'),
    ('meta.area.region', 'regio %s, %s gemeenten', 'region %s, %s municipalities'),
    ('meta.area.municipality', 'gemeente %s (%s), een van de %s gemeenten van regio %s', 'municipality %s (%s), one of the %s municipalities of region %s'),
    ('meta.area.alone', 'gemeente %s (%s), in de periode geen lid van een regio', 'municipality %s (%s), member of no region in the period'),
    ('meta.period', 'Periode', 'Period'),
    ('meta.period.year', 'jaar %s; halfjaren %s', 'year %s; half-years %s'),
    ('meta.period.half', 'halfjaar %s (jaar %s)', 'half-year %s (year %s)'),
    ('meta.data_date', 'Stand van de gegevens', 'Data up to'),
    ('meta.refreshed', 'Cijfers berekend', 'Figures computed'),
    ('meta.not_refreshed', 'nog niet berekend', 'not yet computed'),
    ('meta.boundaries', 'Gemeentegrenzen', 'Boundaries'),
    ('boundaries.historical', 'historisch: elke periode met de gemeenten en regioleden van toen', 'historical: each period with the municipalities and region members of its time'),
    ('boundaries.current', 'huidig: elke periode omgerekend naar de gemeenten van nu', 'current: each period restated on today''s municipalities'),
    ('meta.source', 'Bron', 'Source'),
    ('meta.source.text', 'de gepubliceerde cijfers van de U16-monitor (u16.scorecard, u16.cohort, u16.language_level, u16.housing_ledger, u16.housing_progress), dezelfde als in BI-rapportages', 'the published figures of the U16 monitor (u16.scorecard, u16.cohort, u16.language_level, u16.housing_ledger, u16.housing_progress), the same as in BI tools'),
    ('contents', 'Inhoud', 'Contents'),
    -- legend
    ('legend.title', 'Leeswijzer', 'How to read this report'),
    ('legend.status', 'Status ten opzichte van het doel:', 'Status against the target:'),
    ('legend.trend', 'Trend ten opzichte van de nulmeting:', 'Trend against the baseline:'),
    ('legend.suppressed', 'Afgeschermd: te weinig personen om te publiceren (privacy), of een cijfer waaruit zo''n klein aantal af te leiden is.', 'Suppressed: too few persons to publish (privacy), or a figure that would reveal such a small number.'),
    ('legend.interval', 'Het 95%-interval geeft de onzekerheid van een aandeel; een stijging of daling telt alleen als die niet door toeval te verklaren is.', 'The 95% interval shows the uncertainty of a share; a rise or fall counts only when chance cannot explain it.'),
    -- statuses
    ('status.met', 'gehaald', 'met'),
    ('status.not_met', 'niet gehaald', 'not met'),
    ('status.partly_met', 'deels gehaald', 'partly met'),
    ('status.no_change', 'geen verandering', 'no change'),
    ('status.pending', 'nog open', 'pending'),
    ('status.no_data', 'geen gegevens', 'no data'),
    ('status.no_target', 'geen doel', 'no target'),
    ('status.suppressed', 'afgeschermd', 'suppressed'),
    ('status.baseline_suppressed', 'nulmeting afgeschermd', 'baseline suppressed'),
    ('status.qualitative', 'kwalitatief', 'qualitative'),
    ('status.met.long', 'het doel is bereikt', 'the target is reached'),
    ('status.not_met.long', 'het doel is niet bereikt', 'the target is not reached'),
    ('status.partly_met.long', 'het doel is deels bereikt (beoordeling)', 'the target is partly reached (assessment)'),
    ('status.no_change.long', 'gestegen of gedaald, maar niet meer dan toeval', 'a rise or fall no larger than chance'),
    ('status.pending.long', 'de termijn loopt nog, of het cijfer kan nog veranderen', 'the deadline is ahead, or the figure can still change'),
    ('status.no_data.long', 'geen cijfers', 'no figures'),
    ('status.no_target.long', 'voor dit resultaat is geen doel gesteld', 'no target is set for this result'),
    ('status.suppressed.long', 'te weinig personen om te publiceren', 'too few persons to publish'),
    ('status.baseline_suppressed.long', 'de nulmeting is afgeschermd, dus geen oordeel', 'the baseline is withheld, so no judgement'),
    ('status.qualitative.long', 'resultaat zonder cijfers', 'a result without figures'),
    -- trends
    ('trend.rise', 'stijging', 'rise'),
    ('trend.fall', 'daling', 'fall'),
    ('trend.no_change', 'geen verandering', 'no change'),
    ('trend.pending', 'nog open', 'pending'),
    ('trend.no_data', 'geen gegevens', 'no data'),
    -- targets
    ('target.at_least', 'minimaal %s', 'at least %s'),
    ('target.above', 'meer dan %s', 'more than %s'),
    ('target.at_most', 'hoogstens %s', 'at most %s'),
    ('target.below', 'minder dan %s', 'less than %s'),
    ('target.exactly', '%s', 'exactly %s'),
    ('target.rise', 'stijging', 'a rise'),
    ('target.fall', 'daling', 'a fall'),
    ('target.by', 'uiterlijk %s', 'by %s'),
    ('target.before', 'vóór %s', 'before %s'),
    -- headings
    ('heading.summary', 'Samenvatting', 'Summary'),
    ('heading.theme', 'Thema %s. %s', 'Theme %s. %s'),
    ('heading.matrix', 'Per gemeente', 'Per municipality'),
    ('heading.charts', 'Vergelijking tussen de gemeenten', 'Comparison of the municipalities'),
    ('heading.ledger', 'Huisvesting van vergunninghouders: taakstelling en realisatie', 'Housing permit holders: quota and realisation'),
    ('heading.progress', 'Voortgang per maand in %s', 'Progress by month in %s'),
    ('heading.notes', 'Toelichting', 'Notes'),
    ('heading.assessments', 'Beoordelingen', 'Assessments'),
    ('heading.indicators', 'De resultaten uit het plan', 'The results of the plan'),
    -- summary
    ('summary.caption', 'Status van de resultaten van %s in %s, per thema (aantal resultaten)', 'Status of the results of %s in %s, per theme (number of results)'),
    ('summary.theme', 'Thema %s', 'Theme %s'),
    ('summary.total', 'Totaal', 'Total'),
    -- the figures table
    ('figures.caption', 'Resultaten van %s, %s', 'Results of %s, %s'),
    ('col.result', 'Resultaat', 'Result'),
    ('col.period', 'Periode', 'Period'),
    ('col.value', 'Waarde', 'Value'),
    ('col.persons', 'Aantal', 'Count'),
    ('col.interval', '95%-interval', '95% interval'),
    ('col.target', 'Doel', 'Target'),
    ('col.status', 'Status', 'Status'),
    ('col.baseline', 'Nulmeting', 'Baseline'),
    ('col.change', 'Verandering', 'Change'),
    ('col.trend', 'Trend', 'Trend'),
    ('col.area', 'Gebied', 'Area'),
    ('count.of', '%s van %s', '%s of %s'),
    ('change.points', '%s %%-punt', '%s pp'),
    ('change.standardised', 'gestandaardiseerd naar cohort', 'standardised by cohort'),
    ('figures.none', 'Geen cijfers voor dit thema in deze periode.', 'No figures for this theme in this period.'),
    ('figures.note', 'Zie de toelichting', 'See the notes'),
    -- matrix
    ('matrix.caption', 'Waarde en status per gemeente, %s (deel %s van %s)', 'Value and status per municipality, %s (part %s of %s)'),
    ('matrix.note', 'Gemeenten zonder eigen doel volgen het doel van de regio waar het plan dat zegt.', 'Municipalities without a target of their own follow the region''s target where the plan says so.'),
    -- charts
    ('chart.title', '%s %s: %s per gebied, %s', '%s %s: %s per area, %s'),
    ('chart.share', 'aandeel', 'share'),
    ('chart.count', 'aantal', 'count'),
    ('chart.caption.share', 'Aandeel per gebied met het 95%%-interval (lijntje), %s.', 'Share per area with its 95%% interval (whisker), %s.'),
    ('chart.caption.count', 'Aantal per gemeente, %s; de regio telt op tot %s.', 'Count per municipality, %s; the region adds up to %s.'),
    ('chart.caption.focus', '%s is gemarkeerd (▶): plaats %s van %s gemeenten met een cijfer.', '%s is marked (▶): position %s of %s municipalities with a figure.'),
    ('chart.caption.focus_none', '%s is gemarkeerd (▶); er is geen cijfer om te vergelijken.', '%s is marked (▶); there is no figure to compare.'),
    ('chart.target', 'doel: %s', 'target: %s'),
    ('chart.baseline', 'nulmeting %s van %s: %s', 'baseline %s of %s: %s'),
    ('chart.target_line', 'Stippellijn: %s.', 'Dashed line: %s.'),
    ('chart.no_line', 'Geen doellijn: er is geen drempel als doel.', 'No target line: the target is not a threshold.'),
    ('chart.plan', 'Plan: “%s”', 'Plan: “%s”'),
    ('chart.desc.item', '%s: %s', '%s: %s'),
    ('chart.sorted', 'Gemeenten gesorteerd van hoog naar laag.', 'Municipalities sorted from high to low.'),
    -- cohorts
    ('cohort.caption', '%s van %s in %s naar cohort (%s)', '%s of %s in %s by cohort (%s)'),
    ('cohort.basis.permit', 'jaar van de verblijfsvergunning', 'year of the residence permit'),
    ('cohort.basis.housing', 'jaar van de eerste huisvesting', 'year of first housing'),
    ('cohort.basis.obligation', 'jaar waarin de inburgeringsplicht begon', 'year the civic-integration obligation started'),
    ('heading.cohort_section', 'Naar cohort', 'By cohort'),
    ('cohort.col.cohort', 'Cohort', 'Cohort'),
    ('cohort.col.years', 'Jaren sinds start', 'Years since start'),
    ('cohort.unknown', 'onbekend', 'unknown'),
    ('cohort.note', 'De cohorten tellen op tot het cijfer in de tabel hierboven; een cohort met te weinig personen is afgeschermd.', 'The cohorts add up to the figure in the table above; a cohort with too few persons is suppressed.'),
    ('cohort.none', 'Geen cohortcijfers van %s voor %s.', 'No cohort figures of %s for %s.'),
    -- language levels (T2.3)
    ('heading.levels', 'Naar taalniveau', 'By language level'),
    ('level.caption', 'Personen met een afgeronde taalcursus, %2$s, %3$s, naar hun laatst gemeten niveau (%1$s)', 'Persons with a completed language course, %2$s, %3$s, by the last level measured (%1$s)'),
    ('level.col.level', 'Niveau', 'Level'),
    ('level.col.share', 'Aandeel', 'Share'),
    ('level.col.region', 'Aandeel in %s', 'Share in %s'),
    ('level.1', 'onder A1', 'below A1'),
    ('level.2', 'A1', 'A1'),
    ('level.3', 'A2', 'A2'),
    ('level.4', 'B1', 'B1'),
    ('level.5', 'B2 en hoger', 'B2 and above'),
    ('level.note', 'Personen met een afgeronde taalcursus in het jaar, naar hun laatste meting; B1 en hoger telt voor het resultaat. Is het resultaat afgeschermd, dan is elk niveau dat ook.', 'Persons with a completed language course in the year, by their last measurement; B1 and above counts for the result. When the result is suppressed, so is every level.'),
    ('level.none', 'Geen taalniveaus van %s voor %s.', 'No language levels of %s for %s.'),
    -- housing ledger
    ('ledger.caption', 'Taakstelling en realisatie per halfjaar, %s', 'Quota and realisation per half-year, %s'),
    ('ledger.col.half', 'Halfjaar', 'Half-year'),
    ('ledger.col.quota', 'Taakstelling', 'Quota'),
    ('ledger.col.carried', 'Meegenomen saldo', 'Carried balance'),
    ('ledger.col.obligation', 'Opgave', 'Obligation'),
    ('ledger.col.housed', 'Gehuisvest', 'Housed'),
    ('ledger.col.correction', 'Correctie', 'Correction'),
    ('ledger.col.balance', 'Saldo einde halfjaar', 'Closing balance'),
    ('ledger.col.pct', '% van opgave', '% of obligation'),
    ('ledger.col.met', 'Opgave gehaald', 'Obligation met'),
    ('ledger.col.missed', 'Gemist op rij', 'Missed in a row'),
    ('ledger.note', 'Opgave = taakstelling + meegenomen saldo. Saldo > 0 is een achterstand, < 0 een voorsprong.', 'Obligation = quota + carried balance. A balance > 0 is a deficit, < 0 a surplus.'),
    ('ledger.none', 'Geen gegevens over de huisvesting in deze periode.', 'No housing figures in this period.'),
    ('ledger.chart.title', 'Opgave en gehuisveste vergunninghouders per halfjaar, %s', 'Obligation and permit holders housed per half-year, %s'),
    ('ledger.chart.caption', 'Lichte staaf: opgave; donkere staaf: gehuisvest; het getal erboven is het saldo aan het eind van het halfjaar (+ achterstand, − voorsprong).', 'Light bar: obligation; dark bar: housed; the number above is the closing balance (+ deficit, − surplus).'),
    ('ledger.chart.desc', '%s: opgave %s, gehuisvest %s, saldo %s', '%s: obligation %s, housed %s, balance %s'),
    ('balance.chart.title', 'Saldo per gebied aan het eind van elk halfjaar, %s', 'Balance per area at the end of each half-year, %s'),
    ('balance.chart.caption', 'Staaf boven de lijn (rood, +): achterstand; onder de lijn (groen, −): voorsprong. Elk paneel heeft een eigen schaal.', 'Bar above the line (red, +): deficit; below the line (green, −): surplus. Each panel has its own scale.'),
    ('balance.chart.desc', '%s, %s: saldo %s', '%s, %s: balance %s'),
    ('progress.caption', 'Gehuisvest tot en met elke maand van %s tegen het schema (opgave × maanden / 6)', 'Housed up to each month of %s against the schedule (obligation × months / 6)'),
    ('progress.col.month', 'Maand', 'Month'),
    ('progress.col.housed', 'Gehuisvest tot nu', 'Housed so far'),
    ('progress.col.expected', 'Volgens schema', 'On schedule would be'),
    ('progress.col.on_schedule', 'Op schema', 'On schedule'),
    ('progress.chart.title', 'Voortgang van de huisvesting per maand, %s', 'Housing progress by month, %s'),
    ('progress.chart.caption', 'Staven: gehuisvest tot en met de maand; stippellijn: volgens schema; bovenste lijn: de opgave van het halfjaar (%s).', 'Bars: housed up to the month; dashed line: on schedule; top line: the obligation of the half-year (%s).'),
    ('progress.chart.desc', '%s: gehuisvest %s, volgens schema %s', '%s: housed %s, on schedule %s'),
    ('progress.none', 'Geen maandcijfers voor %s.', 'No monthly figures for %s.'),
    -- notes
    ('notes.assessments.none', 'Er zijn (nog) geen beoordelingen van de kwalitatieve resultaten vastgelegd.', 'No assessments of the qualitative results have been recorded (yet).'),
    ('notes.qualitative', 'Kwalitatieve resultaten (zonder cijfers): %s.', 'Qualitative results (without figures): %s.'),
    ('notes.suppression', 'Afscherming: een cijfer over minder personen dan %s wordt niet gepubliceerd, net als een cijfer waaruit het af te leiden is. Afgeschermde cellen blijven in dit rapport afgeschermd.', 'Suppression: a figure about fewer persons than %s is not published, nor is a figure that would reveal it. Suppressed cells stay suppressed in this report.'),
    ('notes.trend', 'Trend: de verandering ten opzichte van de nulmeting (%s) telt als stijging of daling wanneer die statistisch significant is; aandelen die met de verblijfsduur groeien worden naar cohort gestandaardiseerd.', 'Trend: the change against the baseline (%s) counts as a rise or fall when it is statistically significant; shares that grow with the time since arrival are standardised by cohort.'),
    ('notes.region_rows', 'Regiocijfers zijn de som over de gemeenten die in de periode lid waren.', 'Region figures are sums over the municipalities that were members in the period.'),
    ('notes.generated', 'Gemaakt met %s.', 'Made with %s.'),
    ('page', 'pagina %s van %s', 'page %s of %s'),
    ('yes', 'ja', 'yes'),
    ('no', 'nee', 'no'))
    AS l(key, nl, en)
CROSS JOIN LATERAL (VALUES ('nl', l.nl), ('en', l.en)) AS v(language, text);

-- The labels of a language as one object (key -> text); an unknown language
-- is an error naming the ones there are.
CREATE FUNCTION @extschema@.report_labels(language text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    labels jsonb;
BEGIN
    SELECT jsonb_object_agg(l.key, l.text) INTO labels
    FROM @extschema@.report_label l WHERE l.language = report_labels.language;
    IF labels IS NULL THEN
        RAISE EXCEPTION 'unknown report language "%" (available: %)', coalesce(report_labels.language, 'NULL'),
            coalesce((SELECT string_agg(DISTINCT l.language, ', ' ORDER BY l.language) FROM @extschema@.report_label l), 'none')
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'A language is available when u16.report_label has its rows.';
    END IF;
    RETURN labels;
END
$$;
COMMENT ON FUNCTION @extschema@.report_labels(text) IS
    'the words of the report in one language as a jsonb object key -> text; an unknown language is an error (22023) naming the available ones';

-- A label of the report's language, HTML-escaped; a missing key is an error.
CREATE FUNCTION @extschema@.report_t(ctx jsonb, key text) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    t text := ctx -> 'labels' ->> key;
BEGIN
    IF t IS NULL THEN
        RAISE EXCEPTION 'report label "%" is missing for language %', key, ctx ->> 'lang'
            USING ERRCODE = 'undefined_object', HINT = 'Add it to u16.report_label.';
    END IF;
    RETURN @extschema@.html_escape(t);
END
$$;
COMMENT ON FUNCTION @extschema@.report_t(jsonb, text) IS
    'a label of the report''s language (ctx from report_context()), HTML-escaped; error if the key is missing';

-- Numbers: the language's decimal sign; digit groups from five digits on
-- (10.000, not 1.162); a real minus sign.
CREATE FUNCTION @extschema@.report_number(value numeric, decimals integer, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN value IS NULL THEN NULL ELSE
           CASE WHEN r.v < 0 THEN @extschema@.html_escape(ctx -> 'labels' ->> 'number.minus') ELSE '' END
           || CASE WHEN abs(r.v) >= 10000
                   THEN regexp_replace(split_part(r.digits, '.', 1), '(\d)(?=(\d{3})+$)',
                                       '\1' || replace(@extschema@.html_escape(ctx -> 'labels' ->> 'number.group'), '\', '\\'), 'g')
                   ELSE split_part(r.digits, '.', 1) END
           || CASE WHEN decimals > 0 THEN @extschema@.html_escape(ctx -> 'labels' ->> 'number.decimal') || split_part(r.digits, '.', 2)
                   ELSE '' END END
    FROM (SELECT round(value, greatest(decimals, 0)) AS v) AS v0
    CROSS JOIN LATERAL (SELECT v0.v,
                               to_char(abs(v0.v), 'FM99999999999999990' || CASE WHEN decimals > 0 THEN '.' || repeat('0', decimals) ELSE '' END)
                               AS digits) AS r
$$;
COMMENT ON FUNCTION @extschema@.report_number(numeric, integer, jsonb) IS
    'a number as the report writes it in its language: rounded to decimals, the language''s decimal sign, digit groups from 10000 on, a minus sign (U+2212)';

CREATE FUNCTION @extschema@.report_pct(fraction numeric, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$ SELECT @extschema@.report_number(fraction * 100, 1, ctx) || '%' $$;
COMMENT ON FUNCTION @extschema@.report_pct(numeric, jsonb) IS
    'a fraction 0..1 as a percentage with one decimal in the report''s language: 68,3% (nl), 68.3% (en)';

CREATE FUNCTION @extschema@.report_value(unit text, value numeric, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN unit IN ('share', 'milestone') THEN @extschema@.report_pct(value, ctx)
                ELSE @extschema@.report_number(value, 0, ctx) END
$$;
COMMENT ON FUNCTION @extschema@.report_value(text, numeric, jsonb) IS
    'a scorecard value in the report''s language: shares and milestones as a percentage, counts as a whole number; NULL stays NULL';

CREATE FUNCTION @extschema@.report_date(d date, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN d IS NOT NULL THEN
           format(ctx -> 'labels' ->> 'date.format', extract(day FROM d)::integer,
                  ctx -> 'labels' ->> ('month.' || extract(month FROM d)::integer), extract(year FROM d)::integer) END
$$;
COMMENT ON FUNCTION @extschema@.report_date(date, jsonb) IS
    'a date as the report writes it in its language: 1 juni 2018 (nl), 1 June 2018 (en); not escaped';

-- A target in words, from the target's accessors (never from its text).
CREATE FUNCTION @extschema@.report_target(target text, unit text, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN target IS NULL THEN NULL ELSE
           format(ctx -> 'labels' ->> ('target.' || k.kind),
                  CASE WHEN k.kind IN ('by', 'before') THEN @extschema@.report_date(@extschema@.target_deadline(t.t), ctx)
                       WHEN k.threshold IS NULL THEN NULL
                       WHEN unit IN ('share', 'milestone') THEN
                            @extschema@.report_number(k.threshold * 100, least(scale(trim_scale(k.threshold * 100)), 4), ctx) || '%'
                       ELSE @extschema@.report_number(k.threshold, 0, ctx) END) END
    FROM (SELECT target::@extschema@.target AS t) AS t
    CROSS JOIN LATERAL (SELECT @extschema@.target_kind(t.t) AS kind, @extschema@.target_threshold(t.t) AS threshold) AS k
$$;
COMMENT ON FUNCTION @extschema@.report_target(text, text, jsonb) IS
    'a target in words in the report''s language (minimaal 90%, stijging, uiterlijk 1 juni 2018), from target_kind, target_threshold and target_deadline; unit share or milestone reads the threshold as a proportion; not escaped';

-- Status and trend: a symbol and a word, never colour alone.
CREATE FUNCTION @extschema@.report_status_symbol(status text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE status WHEN 'met' THEN '✓' WHEN 'not met' THEN '✗' WHEN 'partly met' THEN '◐'
                       WHEN 'no change' THEN '≈' WHEN 'pending' THEN '…' WHEN 'no data' THEN '–'
                       WHEN 'no target' THEN '○' WHEN 'suppressed' THEN '▨' WHEN 'baseline suppressed' THEN '◌'
                       WHEN 'qualitative' THEN '✎' ELSE '?' END
$$;
COMMENT ON FUNCTION @extschema@.report_status_symbol(text) IS
    'the symbol the report shows beside a status word: ✓ met, ✗ not met, ◐ partly met, ≈ no change, … pending, – no data, ○ no target, ▨ suppressed, ◌ baseline suppressed, ✎ qualitative';

CREATE FUNCTION @extschema@.report_status(status text, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN status IS NULL THEN '' ELSE
           format('<span class="st st-%s"><span class="sym" aria-hidden="true">%s</span> %s</span>',
                  @extschema@.report_class(status), @extschema@.report_status_symbol(status),
                  coalesce(@extschema@.html_escape(ctx -> 'labels' ->> ('status.' || replace(status, ' ', '_'))),
                           @extschema@.html_escape(status))) END
$$;
COMMENT ON FUNCTION @extschema@.report_status(text, jsonb) IS
    'a status as HTML: a coloured badge with a symbol and the status word in the report''s language (colour is never the only carrier)';

CREATE FUNCTION @extschema@.report_trend(trend text, ctx jsonb) RETURNS text
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT CASE WHEN trend IS NULL THEN '' ELSE
           format('<span class="tr tr-%s"><span class="sym" aria-hidden="true">%s</span> %s</span>',
                  @extschema@.report_class(trend),
                  CASE trend WHEN 'rise' THEN '▲' WHEN 'fall' THEN '▼' WHEN 'no change' THEN '●' WHEN 'pending' THEN '…' ELSE '–' END,
                  coalesce(@extschema@.html_escape(ctx -> 'labels' ->> ('trend.' || replace(trend, ' ', '_'))),
                           @extschema@.html_escape(trend))) END
$$;
COMMENT ON FUNCTION @extschema@.report_trend(text, jsonb) IS
    'a trend as HTML: ▲ rise, ▼ fall, ● no change, … pending with the word in the report''s language';

-- The indicators in the catalogue's order (theme, then number), named in the
-- report's language: the one place that orders them.
CREATE FUNCTION @extschema@.report_indicators(ctx jsonb)
    RETURNS TABLE (code text, theme integer, ord bigint, name text, plan_text text, unit text,
                   counts text, region_rule text, qualitative boolean)
    LANGUAGE sql STABLE
    SET search_path = pg_catalog, pg_temp
    AS $$
    SELECT i.code, i.theme,
           row_number() OVER (ORDER BY i.theme, split_part(i.code, '.', 2)::integer, i.code),
           CASE WHEN ctx ->> 'lang' = 'nl' THEN coalesce(i.short_name_nl, i.name_nl)
                ELSE upper(left(i.name_en, 1)) || substr(i.name_en, 2) END,
           i.name_nl, i.unit, i.counts, i.region_rule, i.qualitative
    FROM @extschema@.indicator i
    ORDER BY 3
$$;
COMMENT ON FUNCTION @extschema@.report_indicators(jsonb) IS
    'the indicator catalogue in report order (theme, then number) with the name in the report''s language (nl: short_name_nl, else name_en with a capital) and the plan''s Dutch wording';

SELECT pg_catalog.set_config('u16.seeding', 'off', true);
