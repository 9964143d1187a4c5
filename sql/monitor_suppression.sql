-- Secondary suppression (src/suppression.c) against the same rules written in
-- plain SQL: the relations as a view over monitor_row and monitor_member, and
-- the rounds as a loop of statements.  On random candidate rows of every kind,
-- area type and boundary set, with members that change between periods, a
-- municipality in two regions, ceased municipalities (Leerdam, Vianen,
-- Zederik into Vijfheerenlanden), codes that municipality_today does not know,
-- and an indicator that is not summed over persons (never in a relation).
CREATE DATABASE u16_suppression;
\c u16_suppression
SET client_min_messages = warning;
CREATE EXTENSION u16;
SELECT setseed(0.16);

-- The relations, as plain SQL: (relation, row_id).
CREATE VIEW plain_relation AS
WITH
rows AS (
    SELECT r.*, concat_ws('|', r.kind, r.indicator_code, r.period::text, r.cohort_year, r.level) AS cell_key,
           t.current_code, i.region_rule = 'sum' AS sums
    FROM u16.monitor_row r
    JOIN u16.indicator i ON i.code = r.indicator_code AND i.counts = 'persons'
    LEFT JOIN u16.municipality_today t ON t.code = r.area_code
    WHERE r.kind <> 'level'
)
-- a region and its members (where the region row sums the members' persons)
SELECT concat_ws('|', 'region', r.boundaries, coalesce(g.region, r.area_code), r.cell_key) AS relation, r.row_id
FROM rows r
LEFT JOIN (SELECT DISTINCT boundaries, period, region, municipality_code FROM u16.monitor_member) g
  ON (g.boundaries, g.period::text, g.municipality_code) = (r.boundaries, r.period::text, r.area_code)
WHERE r.sums AND (r.area_type = 'region' OR (r.area_type = 'municipality' AND g.region IS NOT NULL))
UNION ALL
-- an area and its cohorts
SELECT concat_ws('|', 'cohorts', r.boundaries, r.area_type, r.area_code, r.indicator_code, r.period::text), r.row_id
FROM rows r
WHERE r.sums AND r.area_type <> 'remainder' AND r.kind IN ('scorecard', 'cohort')
  AND EXISTS (SELECT FROM rows c WHERE c.kind = 'cohort' AND (c.indicator_code, c.boundaries, c.area_code, c.period::text)
                                                          = (r.indicator_code, r.boundaries, r.area_code, r.period::text))
UNION ALL
-- a restated municipality: its current row, its predecessors' rows, its remainder
-- (every indicator that counts persons)
SELECT concat_ws('|', 'restated', CASE WHEN r.boundaries = 'historical' THEN r.current_code ELSE r.area_code END, r.cell_key),
       r.row_id
FROM rows r
WHERE r.area_type IN ('municipality', 'remainder')
UNION ALL
-- a region on both boundary sets: its rows, its current members' remainders,
-- and the historical rows on one side only
SELECT concat_ws('|', 'region restated', g.region, r.cell_key), r.row_id
FROM rows r
JOIN (SELECT DISTINCT region, period::text AS period FROM u16.monitor_member) g ON g.region = r.area_code AND g.period = r.period::text
WHERE r.sums AND r.area_type = 'region'
UNION ALL
SELECT concat_ws('|', 'region restated', g.region, r.cell_key), r.row_id
FROM rows r
JOIN (SELECT DISTINCT region, period::text AS period, municipality_code FROM u16.monitor_member WHERE boundaries = 'current') g
  ON g.municipality_code = r.area_code AND g.period = r.period::text
WHERE r.sums AND r.area_type = 'remainder'
UNION ALL
-- historical rows on one side only: a member then whose successor is no member
-- now, or no member then whose successor is one now
SELECT concat_ws('|', 'region restated', g.region, r.cell_key), r.row_id
FROM rows r
JOIN (SELECT DISTINCT region, period::text AS period FROM u16.monitor_member) g ON g.period = r.period::text
WHERE r.sums AND r.area_type = 'municipality' AND r.boundaries = 'historical'
  AND EXISTS (SELECT FROM u16.monitor_member m WHERE (m.boundaries, m.region, m.period::text, m.municipality_code)
                                                 = ('historical', g.region, r.period::text, r.area_code))
   <> EXISTS (SELECT FROM u16.monitor_member m WHERE (m.boundaries, m.region, m.period::text, m.municipality_code)
                                                 = ('current', g.region, r.period::text, r.current_code));

-- The rounds, as plain SQL: every relation with exactly one hidden row picks
-- its unhidden row first in the order of the rules; the picks of a round are
-- hidden together.  Returns the number of rounds that picked rows.
CREATE FUNCTION plain_protect() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    rounds integer := 0;
    picked bigint;
BEGIN
    CREATE TEMP TABLE relation AS SELECT * FROM plain_relation;
    LOOP
        WITH lonely AS (
            SELECT rel.relation FROM relation rel JOIN u16.monitor_row r USING (row_id)
            GROUP BY rel.relation HAVING count(*) FILTER (WHERE r.hidden) = 1
        ),
        pick AS (
            SELECT DISTINCT ON (l.relation) r.row_id
            FROM lonely l JOIN relation rel USING (relation) JOIN u16.monitor_row r USING (row_id)
            WHERE NOT r.hidden AND r.area_type <> 'remainder' AND r.size > 0
            ORDER BY l.relation, r.kind = 'scorecard', r.area_type = 'region', r.boundaries = 'historical', r.size,
                     r.area_code COLLATE "C", r.indicator_code COLLATE "C", r.period, r.cohort_year, r.level COLLATE "C",
                     r.kind COLLATE "C", r.boundaries COLLATE "C", r.area_type COLLATE "C"
        ),
        hidden AS (
            UPDATE u16.monitor_row m SET hidden = true, secondary = true FROM pick WHERE m.row_id = pick.row_id
            RETURNING m.row_id
        )
        SELECT count(*) INTO picked FROM hidden;
        EXIT WHEN picked = 0;
        rounds := rounds + 1;
    END LOOP;
    UPDATE u16.monitor_row l SET hidden = c.hidden, secondary = c.secondary
    FROM u16.monitor_row c
    WHERE l.kind = 'level' AND c.kind = 'scorecard'
      AND (c.indicator_code, c.boundaries, c.area_type, c.area_code, c.period::text)
        = (l.indicator_code, l.boundaries, l.area_type, l.area_code, l.period::text)
      AND (l.hidden, l.secondary) IS DISTINCT FROM (c.hidden, c.secondary);
    DROP TABLE relation;
    RETURN rounds;
END $$;

-- Random candidate rows.  Areas: municipalities of the region (some ceased),
-- two not in municipality_today, the regions U16 and R2, and remainders of
-- current municipalities.  Even sizes 0 to 14 (so that candidates tie), hidden
-- from 1 to 4 persons.
CREATE TEMP TABLE area (boundaries text, area_type text, area_code text);
INSERT INTO area
SELECT 'historical', 'municipality', code FROM (VALUES ('GM0307'), ('GM0310'), ('GM0344'), ('GM0355'), ('GM0545'), ('GM0620'),
                                                       ('GM0707'), ('GM0356'), ('GM9998'), ('GM9999')) c(code)
UNION ALL
SELECT 'current', 'municipality', code FROM (VALUES ('GM0307'), ('GM0310'), ('GM0344'), ('GM0355'), ('GM1961'), ('GM0356'),
                                                    ('GM9999')) c(code)
UNION ALL
SELECT b, 'region', r FROM (VALUES ('historical'), ('current')) v(b), (VALUES ('U16'), ('R2')) w(r)
UNION ALL
SELECT 'current', 'remainder', code FROM (VALUES ('GM1961'), ('GM0344'), ('GM9999')) c(code);
INSERT INTO u16.monitor_row (kind, indicator_code, boundaries, area_type, area_code, period, cohort_year, level, size, hidden)
SELECT kind, indicator_code, boundaries, area_type, area_code, period::u16.period, cohort_year, level, size, size BETWEEN 1 AND 4
FROM (SELECT k.kind, i.indicator_code, a.boundaries, a.area_type, a.area_code, p.period, k.cohort_year, k.level,
             (floor(random() * 8) * 2)::bigint AS size
      FROM area a
      CROSS JOIN (VALUES ('T2.6'), ('T1.3'), ('T2.8')) i(indicator_code)
      CROSS JOIN (VALUES ('2018'), ('2019'), ('2019H1')) p(period)
      CROSS JOIN (VALUES ('scorecard', NULL::integer, NULL::text), ('cohort', 2016, NULL), ('cohort', 2017, NULL),
                         ('level', NULL, 'A1'), ('level', NULL, 'B1')) k(kind, cohort_year, level)
      WHERE random() < 0.9 AND NOT (a.area_type = 'remainder' AND k.kind = 'level')
      OFFSET 0) x;
-- Members: most municipalities in U16 each period, some in R2 (GM0356 in both
-- in 2019), the ceased ones historically until 2018, three listed twice; current
-- members today.
INSERT INTO u16.monitor_member (boundaries, region, period, municipality_code)
SELECT 'historical', region, period::u16.period, code
FROM (VALUES ('2018'), ('2019'), ('2019H1')) p(period)
CROSS JOIN (VALUES ('GM0307'), ('GM0310'), ('GM0344'), ('GM0355'), ('GM0545'), ('GM0620'), ('GM0707'), ('GM0356'),
                   ('GM9998')) c(code)
CROSS JOIN LATERAL (SELECT CASE WHEN code IN ('GM0356', 'GM9998') THEN 'R2' ELSE 'U16' END AS region
                    UNION ALL SELECT 'U16' WHERE code = 'GM0356' AND period = '2019') g
WHERE NOT (code IN ('GM0545', 'GM0620', 'GM0707') AND period <> '2018') AND random() < 0.9
UNION ALL
SELECT 'current', region, period::u16.period, code
FROM (VALUES ('2018'), ('2019'), ('2019H1')) p(period)
CROSS JOIN (VALUES ('GM0307', 'U16'), ('GM0310', 'U16'), ('GM0344', 'U16'), ('GM0355', 'U16'), ('GM1961', 'U16'),
                   ('GM0356', 'R2'), ('GM9999', 'R2')) c(code, region)
UNION ALL
-- (members twice, as two spells of membership within one period give it)
SELECT 'historical', region, period::u16.period, code
FROM (VALUES ('2018'), ('2019'), ('2019H1')) p(period), (VALUES ('GM0310', 'U16'), ('GM0344', 'U16'), ('GM9998', 'R2')) c(code, region);

SELECT count(*) > 500 AS many_rows, count(*) FILTER (WHERE hidden) > 100 AS many_hidden FROM u16.monitor_row;
SELECT left(relation, strpos(relation, '|') - 1) AS relation_kind, count(DISTINCT relation) > 10 AS several
FROM plain_relation GROUP BY 1 ORDER BY 1;

-- Plain SQL first, then the C pass from the same primary suppression.
CREATE TEMP TABLE primary_state AS SELECT row_id, hidden FROM u16.monitor_row;
SELECT plain_protect() > 1 AS several_rounds;
CREATE TEMP TABLE plain_state AS SELECT row_id, hidden, secondary FROM u16.monitor_row;
UPDATE u16.monitor_row m SET hidden = p.hidden, secondary = false FROM primary_state p WHERE p.row_id = m.row_id;
SELECT u16.protect_hidden_rows()
       = (SELECT count(*) FROM plain_state p JOIN u16.monitor_row m USING (row_id) WHERE p.secondary AND m.kind <> 'level')
       AS counts_the_rows_it_hid;
SELECT count(*) FILTER (WHERE p.secondary) > 50 AS plain_hid_many,
       count(*) FILTER (WHERE (m.hidden, m.secondary) IS DISTINCT FROM (p.hidden, p.secondary)) AS differing
FROM u16.monitor_row m JOIN plain_state p USING (row_id);

\c contrib_regression
DROP DATABASE u16_suppression;
