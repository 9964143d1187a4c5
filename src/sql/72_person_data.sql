-- ============================================================================
-- Monitor model, person-level inputs (pseudonymous) and municipality-level
-- inputs.  Layer 3, SQL only but for is_bsn() (src/bsn.c).
--
-- A person is identified by a pseudonymous id only, never by a citizen
-- service number (BSN): ids that pass the BSN eleven-test are refused.
-- Every person has a responsible municipality (person.municipality_code, the
-- current one) and may have a residence history (u16.residence); row-level
-- security on every person-level table goes through them (76_access.sql).
-- All tables are registered with pg_extension_config_dump (no seeds, so every
-- row is dumped).
-- ============================================================================

-- Value domains -------------------------------------------------------------------

-- The eleven-test in C (src/bsn.c): the domain check runs for every person id.
CREATE FUNCTION @extschema@.is_bsn(value text) RETURNS boolean
    AS 'MODULE_PATHNAME', 'u16_is_bsn_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_bsn(text) IS
    'true if the text is 8 or 9 digits passing the eleven-test (elfproef) of a citizen service number (BSN), with or without the separators _ . : - (1234.56.782)';

-- '+' and a length check rather than '{1,64}': PostgreSQL's regex engine runs a
-- bounded repetition as 64 copies of the class (docs/benchmarks.md).
-- COLLATE "C": ids are told apart, never sorted as words, and the person pass
-- merges every person-level table in person order, bytewise instead of with
-- strcoll() (docs/benchmark-history.md).
CREATE DOMAIN @extschema@.person_id AS text COLLATE "C"
    CONSTRAINT "person id is 1-64 letters, digits or _.:-"
        CHECK (VALUE OPERATOR(pg_catalog.~) '^[A-Za-z0-9_.:-]+$'
               AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 64)
    CONSTRAINT "person id is a pseudonym, not a citizen service number (BSN)"
        CHECK (NOT @extschema@.is_bsn(VALUE));
COMMENT ON DOMAIN @extschema@.person_id IS
    'pseudonymous person id (pseudoniem): 1-64 letters, digits or _ . : -, never a citizen service number (BSN)';

CREATE TYPE @extschema@.cefr_level AS ENUM ('A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2');
COMMENT ON TYPE @extschema@.cefr_level IS
    'language level on the CEFR scale (ERK-niveau), ordered A0 < A1 < A2 < B1 < B2 < C1 < C2';

-- Persons -------------------------------------------------------------------------

-- The primary keys of the inputs of the person pass (person_cells(), 82) carry
-- the columns it reads (INCLUDE), and it selects exactly the key's columns in
-- their order (src/person_cells.c): it reads them in person order from the
-- index alone, with no visit to the table and nothing computed per row,
-- wherever the rows lie (pseudonyms arrive
-- in no order; with the rows in random order, scale 10: 1.2-1.8 s instead of
-- 5.3-5.6 s, docs/benchmarks.md).  The rows a load adds are read from the table
-- until (auto)vacuum marks their pages all-visible (docs/dba.md).
CREATE TABLE @extschema@.person (
    person_id @extschema@.person_id,
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    birth_year integer
        CONSTRAINT "birth year lies between 1900 and 2100"
        CHECK (birth_year OPERATOR(pg_catalog.>=) 1900 AND birth_year OPERATOR(pg_catalog.<=) 2100),
    sex text CONSTRAINT "sex is F, M or X" CHECK (sex OPERATOR(pg_catalog.=) ANY (ARRAY['F', 'M', 'X'])),
    permit_date date,
    family_reunification boolean NOT NULL DEFAULT false,
    PRIMARY KEY (person_id) INCLUDE (municipality_code, birth_year, permit_date),
    CONSTRAINT "permit date is not before the birth year"
        CHECK (extract(year FROM permit_date) OPERATOR(pg_catalog.>=) birth_year)
);
COMMENT ON TABLE @extschema@.person IS
    'permit holders (statushouders, vergunninghouders), pseudonymous: one row per person';
COMMENT ON COLUMN @extschema@.person.person_id IS 'pseudonymous id (pseudoniem); never a citizen service number (BSN)';
COMMENT ON COLUMN @extschema@.person.municipality_code IS
    'current (responsible) municipality; a person without residence rows counts here on every date; analysts of this municipality, and of every municipality in the person''s residence history, see the person''s rows';
COMMENT ON COLUMN @extschema@.person.birth_year IS 'year of birth (geboortejaar); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.sex IS 'F, M or X (geslacht); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.permit_date IS 'date the residence permit was granted (verblijfsvergunning); NULL if unknown';
COMMENT ON COLUMN @extschema@.person.family_reunification IS 'joined family later (nareiziger); counts for the quota like everyone else';

-- Residence over time -----------------------------------------------------------------

-- A range of person ids, so that an exclusion constraint can say "the same
-- person" with GiST's range equality (no btree_gist needed): the range
-- [id, id] equals another exactly when the ids are equal.
CREATE TYPE @extschema@.person_id_range AS RANGE (subtype = text, collation = "C");
COMMENT ON TYPE @extschema@.person_id_range IS
    'internal: a range of person ids; [id, id] stands for one person in the exclusion constraint of u16.residence';

CREATE TABLE @extschema@.residence (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    valid_from date NOT NULL,
    valid_to date,
    PRIMARY KEY (person_id, valid_from) INCLUDE (municipality_code, valid_to),
    CONSTRAINT "residence valid_to is not before valid_from" CHECK (valid_to OPERATOR(pg_catalog.>=) valid_from),
    CONSTRAINT "residences of a person do not overlap"
        EXCLUDE USING gist (@extschema@.person_id_range(person_id, person_id, '[]') WITH OPERATOR(pg_catalog.=),
                            pg_catalog.daterange(valid_from, valid_to, '[]') WITH OPERATOR(pg_catalog.&&))
);
COMMENT ON TABLE @extschema@.residence IS
    'where a person lived when (woonplaats in de tijd): stock figures count a person in the municipality of residence on the reference date; a person without residence rows counts in person.municipality_code on every date';
COMMENT ON COLUMN @extschema@.residence.person_id IS 'person';
COMMENT ON COLUMN @extschema@.residence.municipality_code IS 'municipality the person lived in';
COMMENT ON COLUMN @extschema@.residence.valid_from IS 'first day of living there';
COMMENT ON COLUMN @extschema@.residence.valid_to IS 'last day of living there (inclusive); NULL = still living there; the periods of one person do not overlap';
CREATE INDEX ON @extschema@.residence (municipality_code);

-- Coupling, housing, assessments, pathway -------------------------------------------

CREATE TABLE @extschema@.coupling (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    coupled_on date NOT NULL,
    reception_location_code text REFERENCES @extschema@.reception_location (code),
    PRIMARY KEY (person_id, coupled_on) INCLUDE (municipality_code, reception_location_code)
);
COMMENT ON TABLE @extschema@.coupling IS
    'couplings (koppelingen): COA assigns a permit holder to a municipality for housing; one per person per date';
COMMENT ON COLUMN @extschema@.coupling.person_id IS 'person';
COMMENT ON COLUMN @extschema@.coupling.municipality_code IS 'municipality the person is coupled to';
COMMENT ON COLUMN @extschema@.coupling.coupled_on IS 'date of the coupling (koppeldatum); not before the permit date';
COMMENT ON COLUMN @extschema@.coupling.reception_location_code IS 'reception location (AZC) the person was coupled from; NULL if unknown';

-- A coupling needs a permit: not before the person's permit date.
CREATE FUNCTION @extschema@.check_coupling_date() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
    AS $$
DECLARE
    permit date;
BEGIN
    SELECT p.permit_date INTO permit FROM @extschema@.person p WHERE p.person_id OPERATOR(pg_catalog.=) NEW.person_id;
    IF permit IS NOT NULL AND NEW.coupled_on OPERATOR(pg_catalog.<) permit THEN
        RAISE EXCEPTION 'coupled on % is before the permit date % of person %', NEW.coupled_on, permit, NEW.person_id
            USING ERRCODE = 'check_violation', COLUMN = 'coupled_on', TABLE = TG_TABLE_NAME, SCHEMA = TG_TABLE_SCHEMA;
    END IF;
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION @extschema@.check_coupling_date() IS
    'trigger of coupling: coupled_on is not before the person''s permit date';
CREATE TRIGGER check_coupling_date BEFORE INSERT OR UPDATE ON @extschema@.coupling
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_coupling_date();

CREATE TABLE @extschema@.housing (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    housed_on date NOT NULL,
    dwelling_type text
        CONSTRAINT "dwelling type is regular, flexible, shared or other"
        CHECK (dwelling_type OPERATOR(pg_catalog.=) ANY (ARRAY['regular', 'flexible', 'shared', 'other'])),
    PRIMARY KEY (person_id, housed_on) INCLUDE (municipality_code)
);
COMMENT ON TABLE @extschema@.housing IS
    'housing (huisvesting): the person moves into a dwelling in the municipality; counts for the quota in the half-year of housed_on';
COMMENT ON COLUMN @extschema@.housing.person_id IS 'person';
COMMENT ON COLUMN @extschema@.housing.municipality_code IS 'municipality the dwelling lies in';
COMMENT ON COLUMN @extschema@.housing.housed_on IS 'date the person counts as housed (huisvestingsdatum)';
COMMENT ON COLUMN @extschema@.housing.dwelling_type IS 'regular (reguliere woning), flexible (flexwoning), shared (gedeelde woning) or other; NULL if unknown';

CREATE TABLE @extschema@.assessment (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    kind text NOT NULL
        CONSTRAINT "assessment kind is a lower-case word such as noa"
        CHECK (kind OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    assessed_on date NOT NULL,
    PRIMARY KEY (person_id, kind, assessed_on)
);
COMMENT ON TABLE @extschema@.assessment IS
    'assessments of a person: kind noa is the NOA assessment of learning and work potential taken in the AZC (T1.2)';
COMMENT ON COLUMN @extschema@.assessment.person_id IS 'person';
COMMENT ON COLUMN @extschema@.assessment.kind IS 'kind of assessment, lower case: noa (NOA-assessment), or another word';
COMMENT ON COLUMN @extschema@.assessment.assessed_on IS 'date of the assessment';

CREATE TABLE @extschema@.pathway_join (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    joined_on date NOT NULL,
    PRIMARY KEY (person_id, joined_on)
);
COMMENT ON TABLE @extschema@.pathway_join IS
    'joins of the regional pathway (aanhaken bij de doorgaande lijn): the date a personal plan was made (T1.3)';
COMMENT ON COLUMN @extschema@.pathway_join.person_id IS 'person';
COMMENT ON COLUMN @extschema@.pathway_join.joined_on IS 'date the person joined the pathway (plan van aanpak opgesteld)';

-- Civic integration, exams, language ----------------------------------------------

CREATE TABLE @extschema@.civic_integration (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    law_regime text NOT NULL
        CONSTRAINT "law regime is 2013 or 2021" CHECK (law_regime OPERATOR(pg_catalog.=) ANY (ARRAY['2013', '2021'])),
    obligation_start date NOT NULL,
    deadline date,
    track_started_on date,
    route text
        CONSTRAINT "route is b1, education or z"
        CHECK (route OPERATOR(pg_catalog.=) ANY (ARRAY['b1', 'education', 'z'])),
    exemption text
        CONSTRAINT "exemption is exempt or dispensation"
        CHECK (exemption OPERATOR(pg_catalog.=) ANY (ARRAY['exempt', 'dispensation'])),
    passed_on date,
    PRIMARY KEY (person_id, law_regime) INCLUDE (obligation_start, deadline, track_started_on, passed_on, exemption),
    CONSTRAINT "deadline is after the obligation start" CHECK (deadline OPERATOR(pg_catalog.>) obligation_start),
    CONSTRAINT "routes exist under the 2021 law only"
        CHECK (route IS NULL OR law_regime OPERATOR(pg_catalog.=) '2021'),
    CONSTRAINT "a person who passed is not also exempted"
        CHECK (passed_on IS NULL OR exemption IS NULL)
);
COMMENT ON TABLE @extschema@.civic_integration IS
    'civic-integration obligation (inburgeringsplicht) of a person under the 2013 law (exam A2) or the 2021 law (B1, with routes)';
COMMENT ON COLUMN @extschema@.civic_integration.person_id IS 'person';
COMMENT ON COLUMN @extschema@.civic_integration.law_regime IS 'Wet inburgering 2013 or 2021';
COMMENT ON COLUMN @extschema@.civic_integration.obligation_start IS 'start of the obligation (start inburgeringsplicht)';
COMMENT ON COLUMN @extschema@.civic_integration.deadline IS 'end of the term to comply (inburgeringstermijn); after obligation_start';
COMMENT ON COLUMN @extschema@.civic_integration.track_started_on IS 'start of an integration track (inburgeringstraject) (T2.4); NULL if none';
COMMENT ON COLUMN @extschema@.civic_integration.route IS '2021 law only: b1 (B1-route), education (onderwijsroute) or z (Z-route)';
COMMENT ON COLUMN @extschema@.civic_integration.exemption IS 'exempt (vrijstelling) or dispensation (ontheffing); NULL if neither';
COMMENT ON COLUMN @extschema@.civic_integration.passed_on IS 'date the obligation was met (inburgeringsexamen gehaald); NULL if not (yet)';

CREATE TABLE @extschema@.exam_result (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    component text NOT NULL
        CONSTRAINT "exam component is a lower-case word such as reading"
        CHECK (component OPERATOR(pg_catalog.~) '^[a-z][a-z0-9_]*$'),
    taken_on date NOT NULL,
    passed boolean NOT NULL,
    level @extschema@.cefr_level,
    PRIMARY KEY (person_id, component, taken_on)
);
COMMENT ON TABLE @extschema@.exam_result IS 'results of civic-integration exam components (examenonderdelen)';
COMMENT ON COLUMN @extschema@.exam_result.person_id IS 'person';
COMMENT ON COLUMN @extschema@.exam_result.component IS 'component, lower case: reading, listening, writing, speaking, knm, ...';
COMMENT ON COLUMN @extschema@.exam_result.taken_on IS 'date of the exam';
COMMENT ON COLUMN @extschema@.exam_result.passed IS 'passed (geslaagd)';
COMMENT ON COLUMN @extschema@.exam_result.level IS 'CEFR level the component was taken at; NULL if not applicable';

CREATE TABLE @extschema@.language_measurement (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    measured_on date NOT NULL,
    level @extschema@.cefr_level NOT NULL,
    course_completed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (person_id, measured_on) INCLUDE (level, course_completed)
);
COMMENT ON TABLE @extschema@.language_measurement IS
    'measured language level (taalniveau) of a person on a date, on the CEFR scale (T2.3)';
COMMENT ON COLUMN @extschema@.language_measurement.person_id IS 'person';
COMMENT ON COLUMN @extschema@.language_measurement.measured_on IS 'date of the measurement';
COMMENT ON COLUMN @extschema@.language_measurement.level IS 'CEFR level A0 < A1 < A2 < B1 < B2 < C1 < C2';
COMMENT ON COLUMN @extschema@.language_measurement.course_completed IS 'measured at the end of a completed language course (afgeronde taalopleiding)';

-- Status on a reference date --------------------------------------------------------

CREATE TABLE @extschema@.status_snapshot (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    reference_date date NOT NULL,
    education_eligible boolean,
    in_education boolean,
    paid_work boolean,
    welfare boolean,
    alternative_work boolean,
    language_activity boolean,
    social_activity boolean,
    PRIMARY KEY (person_id, reference_date)
        INCLUDE (education_eligible, in_education, paid_work, welfare, alternative_work, language_activity, social_activity),
    CONSTRAINT "a person in education is eligible for it"
        CHECK (in_education IS NOT TRUE OR education_eligible IS NOT FALSE)
);
COMMENT ON TABLE @extschema@.status_snapshot IS
    'status of a person on a reference date (peildatum): education, work, welfare, placements, language and social activities; NULL = not known';
COMMENT ON COLUMN @extschema@.status_snapshot.person_id IS 'person';
COMMENT ON COLUMN @extschema@.status_snapshot.reference_date IS 'reference date (peildatum)';
COMMENT ON COLUMN @extschema@.status_snapshot.education_eligible IS 'eligible for regular or suitable education (komt in aanmerking voor onderwijs) (T2.1)';
COMMENT ON COLUMN @extschema@.status_snapshot.in_education IS 'enrolled in regular or suitable education (neemt deel aan onderwijs) (T2.1, T2.14)';
COMMENT ON COLUMN @extschema@.status_snapshot.paid_work IS 'has paid work (betaald werk) (T2.6, T2.14)';
COMMENT ON COLUMN @extschema@.status_snapshot.welfare IS 'receives welfare (bijstand) (T2.7)';
COMMENT ON COLUMN @extschema@.status_snapshot.alternative_work IS 'in a work placement: taakstage, werkstage, werkervaringsplek (T2.9)';
COMMENT ON COLUMN @extschema@.status_snapshot.language_activity IS 'takes part in language activities (taalactiviteiten) (T2.2)';
COMMENT ON COLUMN @extschema@.status_snapshot.social_activity IS 'takes part in social activities (maatschappelijke activiteiten) (T2.13, T2.14)';

CREATE TABLE @extschema@.municipal_employment (
    person_id @extschema@.person_id NOT NULL REFERENCES @extschema@.person (person_id),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    started_on date NOT NULL,
    ended_on date,
    PRIMARY KEY (person_id, municipality_code, started_on),
    CONSTRAINT "employment ends on or after it starts" CHECK (ended_on OPERATOR(pg_catalog.>=) started_on)
);
COMMENT ON TABLE @extschema@.municipal_employment IS
    'permit holders employed (in dienst) by a municipality''s own organisation (T2.8)';
COMMENT ON COLUMN @extschema@.municipal_employment.person_id IS 'person';
COMMENT ON COLUMN @extschema@.municipal_employment.municipality_code IS 'employing municipality';
COMMENT ON COLUMN @extschema@.municipal_employment.started_on IS 'first day of employment';
COMMENT ON COLUMN @extschema@.municipal_employment.ended_on IS 'last day of employment (inclusive); NULL = still employed';

-- Municipality-level inputs (no persons) ---------------------------------------------

CREATE TABLE @extschema@.volunteer_count (
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    reference_date date NOT NULL,
    volunteers integer NOT NULL CONSTRAINT "volunteers is not negative" CHECK (volunteers OPERATOR(pg_catalog.>=) 0),
    PRIMARY KEY (municipality_code, reference_date)
);
COMMENT ON TABLE @extschema@.volunteer_count IS
    'volunteers (vrijwilligers) guiding permit holders in a municipality on a reference date (T2.12)';
COMMENT ON COLUMN @extschema@.volunteer_count.municipality_code IS 'municipality';
COMMENT ON COLUMN @extschema@.volunteer_count.reference_date IS 'reference date (peildatum)';
COMMENT ON COLUMN @extschema@.volunteer_count.volunteers IS 'number of volunteers';

CREATE TABLE @extschema@.flexible_housing_project (
    project_id text PRIMARY KEY
        CONSTRAINT "project id is not empty" CHECK (project_id OPERATOR(pg_catalog.~) '\S'),
    municipality_code @extschema@.municipality_code NOT NULL REFERENCES @extschema@.municipality (code),
    name text NOT NULL,
    dwellings integer NOT NULL CONSTRAINT "dwellings is positive" CHECK (dwellings OPERATOR(pg_catalog.>) 0),
    development_started_on date,
    delivered_on date,
    CONSTRAINT "delivery is not before the start of development"
        CHECK (delivered_on OPERATOR(pg_catalog.>=) development_started_on)
);
COMMENT ON TABLE @extschema@.flexible_housing_project IS
    'flexible housing projects (flexibele woningbouwprojecten): dwellings started and delivered (T3.3, T3.4)';
COMMENT ON COLUMN @extschema@.flexible_housing_project.project_id IS 'project id';
COMMENT ON COLUMN @extschema@.flexible_housing_project.municipality_code IS 'municipality of the project';
COMMENT ON COLUMN @extschema@.flexible_housing_project.name IS 'project name';
COMMENT ON COLUMN @extschema@.flexible_housing_project.dwellings IS 'number of dwellings (woningen)';
COMMENT ON COLUMN @extschema@.flexible_housing_project.development_started_on IS 'start of development (start ontwikkeling) (T3.4); NULL if not started';
COMMENT ON COLUMN @extschema@.flexible_housing_project.delivered_on IS 'delivery (oplevering) (T3.3); NULL if not delivered';

CREATE TABLE @extschema@.milestone (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    achieved_on date NOT NULL,
    note text,
    PRIMARY KEY (indicator_code, area_code)
);
COMMENT ON TABLE @extschema@.milestone IS
    'milestones (mijlpalen) reached by a municipality or the region: pathway started (T1.4), decision on play therapy (T2.15)';
COMMENT ON COLUMN @extschema@.milestone.indicator_code IS 'indicator, e.g. T1.4';
COMMENT ON COLUMN @extschema@.milestone.area_code IS 'municipality code or region code';
COMMENT ON COLUMN @extschema@.milestone.achieved_on IS 'date the milestone was reached';
COMMENT ON COLUMN @extschema@.milestone.note IS 'remark, e.g. the decision''s reference';
CREATE TRIGGER check_area_code BEFORE INSERT OR UPDATE ON @extschema@.milestone
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_area_code();

CREATE TABLE @extschema@.assessment_note (
    indicator_code text NOT NULL REFERENCES @extschema@.indicator (code),
    area_code text NOT NULL,
    period @extschema@.period NOT NULL,
    status text NOT NULL
        CONSTRAINT "assessment status is met, partly met or not met"
        CHECK (status OPERATOR(pg_catalog.=) ANY (ARRAY['met', 'partly met', 'not met'])),
    summary text NOT NULL CONSTRAINT "an assessment has a summary" CHECK (summary OPERATOR(pg_catalog.~) '\S'),
    evidence_url text
        CONSTRAINT "evidence url is an http(s) address" CHECK (evidence_url OPERATOR(pg_catalog.~) '^https?://\S+$'),
    assessed_on date NOT NULL,
    assessed_by text NOT NULL CONSTRAINT "an assessment names its assessor" CHECK (assessed_by OPERATOR(pg_catalog.~) '\S'),
    PRIMARY KEY (indicator_code, area_code, period)
);
COMMENT ON TABLE @extschema@.assessment_note IS
    'qualitative assessments (kwalitatieve beoordeling) of results without numbers (T2.10, T2.11, T2.16, T3.2), or notes on any result: the scorecard and the report show their status and summary';
COMMENT ON COLUMN @extschema@.assessment_note.indicator_code IS 'indicator, e.g. T2.10';
COMMENT ON COLUMN @extschema@.assessment_note.area_code IS 'municipality code or region code';
COMMENT ON COLUMN @extschema@.assessment_note.period IS 'period assessed, e.g. 2018';
COMMENT ON COLUMN @extschema@.assessment_note.status IS 'met, partly met or not met (gehaald, deels gehaald, niet gehaald)';
COMMENT ON COLUMN @extschema@.assessment_note.summary IS 'the judgement in a sentence or two, as published';
COMMENT ON COLUMN @extschema@.assessment_note.evidence_url IS 'where the evidence is (a report, minutes), http or https; NULL if none';
COMMENT ON COLUMN @extschema@.assessment_note.assessed_on IS 'date of the assessment';
COMMENT ON COLUMN @extschema@.assessment_note.assessed_by IS 'who assessed: a person, team or body (e.g. bestuurstafel Sociaal Domein)';
CREATE TRIGGER check_area_code BEFORE INSERT OR UPDATE ON @extschema@.assessment_note
    FOR EACH ROW EXECUTE FUNCTION @extschema@.check_area_code();

-- Indexes for the foreign keys and the municipality look-ups of row-level security.
CREATE INDEX ON @extschema@.person (municipality_code);
CREATE INDEX ON @extschema@.coupling (municipality_code, coupled_on);
CREATE INDEX ON @extschema@.housing (municipality_code, housed_on);
CREATE INDEX ON @extschema@.municipal_employment (municipality_code);

-- Indexes on the dates that bound the monitor (monitor_span): its first and last
-- year and the last date the data covers are a min and a max of each, read from
-- these instead of every row (a refresh or a live view at scale 10: 1 ms instead
-- of about 0.5 s).
CREATE INDEX ON @extschema@.status_snapshot (reference_date);
CREATE INDEX ON @extschema@.coupling (coupled_on);
CREATE INDEX ON @extschema@.housing (housed_on);
CREATE INDEX ON @extschema@.language_measurement (measured_on);
CREATE INDEX ON @extschema@.civic_integration (obligation_start);
CREATE INDEX ON @extschema@.civic_integration ((greatest(track_started_on, passed_on)));
CREATE INDEX ON @extschema@.pathway_join (joined_on);
CREATE INDEX ON @extschema@.assessment (assessed_on);

-- A person-level view (security_invoker: row-level security applies to whoever queries it)

CREATE VIEW @extschema@.person_overview WITH (security_invoker = true) AS
SELECT p.person_id::text AS person_id,
       p.municipality_code::text AS municipality_code,
       p.birth_year,
       p.sex,
       p.permit_date,
       p.family_reunification,
       (SELECT min(c.coupled_on) FROM @extschema@.coupling c WHERE c.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS first_coupled_on,
       (SELECT min(h.housed_on) FROM @extschema@.housing h WHERE h.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS first_housed_on,
       (SELECT min(a.assessed_on) FROM @extschema@.assessment a
         WHERE a.person_id OPERATOR(pg_catalog.=) p.person_id AND a.kind OPERATOR(pg_catalog.=) 'noa')
           AS noa_assessed_on,
       (SELECT min(j.joined_on) FROM @extschema@.pathway_join j WHERE j.person_id OPERATOR(pg_catalog.=) p.person_id)
           AS joined_pathway_on,
       (SELECT max(l.level)::text FROM @extschema@.language_measurement l
         WHERE l.person_id OPERATOR(pg_catalog.=) p.person_id) AS highest_language_level
FROM @extschema@.person p;
COMMENT ON VIEW @extschema@.person_overview IS
    'one row per person with the first coupling, housing, NOA assessment and pathway dates and the highest language level; security_invoker, so analysts see only their own municipality''s persons';
COMMENT ON COLUMN @extschema@.person_overview.person_id IS 'pseudonymous person id';
COMMENT ON COLUMN @extschema@.person_overview.municipality_code IS 'responsible municipality';
COMMENT ON COLUMN @extschema@.person_overview.birth_year IS 'year of birth';
COMMENT ON COLUMN @extschema@.person_overview.sex IS 'F, M or X';
COMMENT ON COLUMN @extschema@.person_overview.permit_date IS 'date the residence permit was granted';
COMMENT ON COLUMN @extschema@.person_overview.family_reunification IS 'joined family later (nareiziger)';
COMMENT ON COLUMN @extschema@.person_overview.first_coupled_on IS 'date of the first coupling';
COMMENT ON COLUMN @extschema@.person_overview.first_housed_on IS 'date of the first housing';
COMMENT ON COLUMN @extschema@.person_overview.noa_assessed_on IS 'date of the first NOA assessment';
COMMENT ON COLUMN @extschema@.person_overview.joined_pathway_on IS 'date the person first joined the pathway';
COMMENT ON COLUMN @extschema@.person_overview.highest_language_level IS 'highest CEFR level measured';

-- Registration with pg_dump -------------------------------------------------------

SELECT pg_catalog.pg_extension_config_dump('@extschema@.person', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.residence', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.coupling', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.housing', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.pathway_join', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.civic_integration', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.exam_result', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.language_measurement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.status_snapshot', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.municipal_employment', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.volunteer_count', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.flexible_housing_project', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.milestone', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.assessment_note', '');
