/*
 * person_cells.c — the person indicators of the monitor (T1.1-T1.3, T2.1-T2.7,
 * T2.9, T2.13, T2.14 and T2.3's level groups) in one pass over each person's
 * rows, and the first housings per municipality and month that the housing
 * ledger counts (the pass finds each person's first housing for T1.2 anyway).
 *
 *   person_cells(part, parts, reference_dates) → (indicator_code,
 *       municipality_code, year, cohort_year, level, numerator, denominator,
 *       open_until, month)
 *
 * month is NULL on the cells of the indicators; the first housings are rows
 * with indicator_code 'housed', the month and the persons in numerator.
 *
 * counts the persons of one part of `parts` ranges of person ids (part_bounds);
 * the cells of everyone are the sums over the parts, which indicator_cell_live
 * adds up, so that parallel workers can each take a part.  The years of the
 * monitor come as their reference dates, computed once for all parts.
 *
 * The inputs: the nine person-level tables (the sources, source_of), each
 * read in person order from its primary key through a cursor of its own and
 * merged here by person id (a Merge Append of the nine cost more than the
 * pass itself: docs/benchmark-history.md), and the small view person_cell_context
 * (settings, ceased municipality codes, region members, reception
 * locations).  The rows of one person are collected, the person's
 * contributions are added to the cells, and the next person starts; nothing
 * per person is kept.  The rules are those of docs/domain.md and
 * docs/monitor.md, written out at the functions below; sql/monitor.sql and
 * sql/monitor_random.sql check every cell against plain SQL.
 *
 * Dates are DateADT; a NULL upper date (valid_to, deadline, passed_on,
 * track_started_on, a first join or assessment that never happened) is held
 * as +infinity, which makes every comparison come out as the SQL with IS NULL
 * does.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "executor/tuptable.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "optimizer/cost.h"
#include "tcop/dest.h"
#include "tcop/pquery.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "in_memory.h"

#define NO_DAY			DATEVAL_NOEND	/* NULL upper dates: +infinity */
#define NO_YEAR			PG_INT32_MIN	/* unknown cohort or birth year */
#define MAX_CODE		10000			/* municipality codes GM0000..GM9999 */

/* The indicators, in output order, and T2.3's language level groups. */
typedef enum Indicator
{
	T1_1, T1_2, T1_3, T2_1, T2_2, T2_3, T2_4, T2_5, T2_6, T2_7, T2_9, T2_13, T2_14,
	INDICATORS
} Indicator;

static const char *const indicator_code[INDICATORS] = {
	"T1.1", "T1.2", "T1.3", "T2.1", "T2.2", "T2.3", "T2.4", "T2.5", "T2.6", "T2.7",
	"T2.9", "T2.13", "T2.14"
};

/* level 0 = the indicator's own cell; 1..5 the groups of T2.3 */
static const char *const level_group[] = {
	NULL, "below A1", "A1", "A2", "B1", "B2 and above"
};

/* cefr level (0 = A0 ... 6 = C2) -> level group */
static const int group_of_level[7] = {1, 2, 3, 4, 5, 5, 5};

/* The cells of every indicator of one municipality, year and cohort. */
typedef struct CellGroupKey
{
	int32		municipality;
	int32		year;
	int32		cohort;
} CellGroupKey;

typedef struct Cell
{
	bool		exists;
	int64		numerator;
	int64		denominator;
	DateADT		open_until;		/* NO_DAY: none */
} Cell;

typedef struct CellGroup
{
	CellGroupKey	key;
	Cell		cells[INDICATORS];
	int64		level_count[6]; /* persons per level group of T2.3 (1..5) */
} CellGroup;

/* First housings of one municipality and month, for the housing ledger. */
typedef struct HousedKey
{
	int32		municipality;
	int32		year;
	int32		month;			/* 1..12 */
} HousedKey;

typedef struct Housed
{
	HousedKey	key;
	int64		persons;
} Housed;

/* Context: years, ceased codes, region members, reception locations. */
typedef struct Year
{
	int			year;
	DateADT		first_day;
	DateADT		last_day;
	DateADT		reference;
} Year;

typedef struct Ceased			/* code counts as counts_as in [from, to) */
{
	int			code;
	int			counts_as;
	DateADT		from;
	DateADT		to;
} Ceased;

typedef struct Member			/* code belongs to region in [from, to] */
{
	int			code;
	int			region;
	DateADT		from;
	DateADT		to;
} Member;

typedef struct Location
{
	const char *code;			/* not NUL-terminated */
	int			length;
	int			municipality;	/* -1: unknown */
} Location;

/* One person's rows. */
typedef struct Residence
{
	int			code;
	DateADT		from;
	DateADT		to;
} Residence;

typedef struct StatusRow
{
	DateADT		day;
	int			conditions;		/* two bits each (conditions_of) */
} StatusRow;

typedef struct Measurement
{
	DateADT		day;
	int			level;
} Measurement;

typedef struct Obligation
{
	int			law;
	DateADT		start;
	DateADT		term_end;
	DateADT		deadline;
	DateADT		track_started_on;
	DateADT		passed_on;
	bool		passed;
} Obligation;

typedef struct Coupling
{
	int			code;
	int			location;		/* municipality of the location; -1 unknown */
	bool		has_location;
	DateADT		day;
	DateADT		window_end;
	int			year;
} Coupling;

#define LIST(type) struct { type *at; int n; int size; }

typedef struct Person
{
	bool		seen;			/* the person row was read */
	int			home;
	int			birth_year;		/* NO_YEAR: unknown */
	DateADT		permit_date;	/* NO_DAY: none */
	DateADT		first_join;
	DateADT		first_noa;
	DateADT		first_housing;
	int			housing_code;
	LIST(Residence) residences;
	LIST(StatusRow) snapshots;
	LIST(Measurement) measurements;
	LIST(Obligation) obligations;
	LIST(Coupling) couplings;
} Person;

typedef struct Pass
{
	/* settings */
	int			max_age;
	int			exam_term;		/* months */
	int			join_window;	/* months */
	int			settings_read;
	char		cohort_basis;	/* 'p'ermit, 'h'ousing, 'o'bligation */
	bool		azc_leavers;
	bool		after_deadline;
	/* context */
	Year	   *years;
	int			n_years;
	Ceased	   *ceased;			/* sorted by code; ceased_from[code] the first */
	int			n_ceased;
	int		   *ceased_from;
	Member	   *members;		/* sorted by code; members_from[code] the first */
	int			n_members;
	int		   *members_from;
	char	  **regions;
	int			n_regions;
	Location   *locations;
	int			n_locations;
	/* the person being read, and the cells */
	MemoryContext context;
	Person		person;
	BlobMap    *cells;
	BlobMap    *housed;
} Pass;

/* Add to a person's list; the lists live as long as the pass. */
#define APPEND(pass, list, value) \
	do { \
		if ((list).n == (list).size) \
		{ \
			(list).size = (list).size ? (list).size * 2 : 8; \
			(list).at = (list).at ? repalloc((list).at, sizeof(*(list).at) * (list).size) \
				: MemoryContextAlloc((pass)->context, sizeof(*(list).at) * (list).size); \
		} \
		(list).at[(list).n++] = (value); \
	} while (0)

/* ----- small helpers ----- */

/* 'GM0344' -> 344 */
static int
code_number(Datum text_datum)
{
	text	   *t = DatumGetTextPP(text_datum);
	const char *s = VARDATA_ANY(t);
	int			n = 0;

	if (VARSIZE_ANY_EXHDR(t) != 6 || s[0] != 'G' || s[1] != 'M')
		elog(ERROR, "municipality code \"%s\" is not GM followed by four digits", text_to_cstring(t));
	for (int i = 2; i < 6; i++)
	{
		if (s[i] < '0' || s[i] > '9')
			elog(ERROR, "municipality code \"%s\" is not GM followed by four digits", text_to_cstring(t));
		n = n * 10 + (s[i] - '0');
	}
	return n;
}

static void
year_and_month_of(DateADT day, int *year, int *month)
{
	int			d;

	j2date(day + POSTGRES_EPOCH_JDATE, year, month, &d);
}

static int
year_of(DateADT day)
{
	int			y,
				m;

	year_and_month_of(day, &y, &m);
	return y;
}

static DateADT
date_or(bool isnull, Datum value, DateADT otherwise)
{
	return isnull ? otherwise : DatumGetDateADT(value);
}

/* The municipality a code counts as on a day (municipality_code_on). */
static int
counts_as(const Pass *pass, int code, DateADT day)
{
	for (int i = pass->ceased_from[code]; i < pass->ceased_from[code + 1]; i++)
	{
		const Ceased *c = &pass->ceased[i];

		if (day >= c->from && day < c->to)
			return c->counts_as;
	}
	return code;
}

/* Whether two municipalities belong to one region on a day. */
static bool
same_region(const Pass *pass, int a, int b, DateADT day)
{
	for (int i = pass->members_from[a]; i < pass->members_from[a + 1]; i++)
	{
		const Member *m = &pass->members[i];

		if (day < m->from || day > m->to)
			continue;
		for (int j = pass->members_from[b]; j < pass->members_from[b + 1]; j++)
		{
			const Member *o = &pass->members[j];

			if (o->region == m->region && day >= o->from && day <= o->to)
				return true;
		}
	}
	return false;
}

/* Byte order of strings that are not NUL-terminated, as ORDER BY ... COLLATE "C". */
static int
bytes_compare(const char *a, int a_len, const char *b, int b_len)
{
	int			c = memcmp(a, b, Min(a_len, b_len));

	return c != 0 ? c : (a_len > b_len) - (a_len < b_len);
}

/* Byte order of the codes (any order will do, the same for sort and search). */
static int
location_compare(const void *a, const void *b)
{
	const Location *x = a;
	const Location *y = b;

	return bytes_compare(x->code, x->length, y->code, y->length);
}

/* The municipality of a reception location; -1 when unknown.  No copy a row. */
static int
location_municipality(const Pass *pass, Datum code_datum)
{
	text	   *code = DatumGetTextPP(code_datum);
	Location	key = {VARDATA_ANY(code), VARSIZE_ANY_EXHDR(code), -1};
	Location   *found = bsearch(&key, pass->locations, pass->n_locations, sizeof(Location), location_compare);

	return found ? found->municipality : -1;
}

/* ----- the cells ----- */

static CellGroup *
group(Pass *pass, int municipality, int year, int cohort)
{
	CellGroupKey	key = {municipality, year, cohort};
	CellGroup	   *g;
	bool		found;

	g = blob_enter(pass->cells, &key, &found);
	if (!found)
	{
		for (int i = 0; i < INDICATORS; i++)
			g->cells[i].open_until = NO_DAY;
	}
	return g;
}

/*
 * share_agg of a three-valued condition (0 unknown, 1 false, 2 true) into a
 * cell, which exists from then on (the event indicators publish cells without
 * known conditions too; the others only cells with a denominator).
 */
static Cell *
count(CellGroup *g, Indicator indicator, int condition)
{
	Cell	   *c = &g->cells[indicator];

	c->exists = true;
	if (condition != 0)
	{
		c->denominator++;
		c->numerator += (condition == 2);
	}
	return c;
}

/* open_until = max(day) */
static void
open_until(Cell *c, DateADT day)
{
	if (c->open_until == NO_DAY || day > c->open_until)
		c->open_until = day;
}

static int
truth(bool value)
{
	return value ? 2 : 1;
}

/* ----- one person ----- */

/* The municipality the person lived in on a day, as it counts then; -1 none. */
static int
place(const Pass *pass, const Person *p, DateADT day)
{
	if (p->residences.n == 0)
		return counts_as(pass, p->home, day);
	for (int i = 0; i < p->residences.n; i++)
	{
		const Residence *r = &p->residences.at[i];

		if (day >= r->from && day <= r->to)
			return counts_as(pass, r->code, day);
	}
	return -1;
}

/* The cohort year by setting cohort_basis; NO_YEAR when unknown. */
static int
cohort_of(const Pass *pass, const Person *p)
{
	DateADT		start = NO_DAY;

	switch (pass->cohort_basis)
	{
		case 'p':
			start = p->permit_date;
			break;
		case 'h':
			start = p->first_housing;
			break;
		case 'o':
			for (int i = 0; i < p->obligations.n; i++)
				start = Min(start, p->obligations.at[i].start);
			break;
	}
	return start == NO_DAY ? NO_YEAR : year_of(start);
}

/*
 * Status on the reference date: the latest snapshot in [reference - max_age,
 * reference]; T2.2's language activity: any snapshot in the year (bool_or).
 */
static void
count_status(Pass *pass, const Person *p, const Year *y, CellGroup *g)
{
	const StatusRow *latest = NULL;
	int			language = 0;
	int			age = p->birth_year == NO_YEAR ? -1 : y->year - p->birth_year;
	bool		adult = p->birth_year != NO_YEAR && age >= 18;
	bool		working_age = adult && age <= 65;

	for (int i = 0; i < p->snapshots.n; i++)
	{
		const StatusRow *s = &p->snapshots.at[i];
		int			activity = (s->conditions >> 12) & 3;

		if (s->day <= y->reference && s->day >= y->reference - pass->max_age &&
			(latest == NULL || s->day > latest->day))
			latest = s;
		if (s->day >= y->first_day && s->day <= y->last_day && activity > language)
			language = activity;	/* true (2) over false (1) over unknown (0) */
	}
	if (adult)
		count(g, T2_2, language);
	if (latest != NULL)
	{
		int			c = latest->conditions;
		int			eligible = c & 3,
					education = (c >> 2) & 3,
					work = (c >> 4) & 3,
					welfare = (c >> 6) & 3,
					alternative = (c >> 8) & 3,
					social = (c >> 10) & 3;
		int			any = (education == 2 || work == 2 || social == 2) ? 2
			: (education == 1 && work == 1 && social == 1) ? 1 : 0;

		if (eligible == 2)
			count(g, T2_1, education);
		if (working_age)
		{
			count(g, T2_6, work);
			count(g, T2_7, welfare);
		}
		if (adult)
		{
			count(g, T2_9, alternative);
			count(g, T2_13, social);
			count(g, T2_14, any);
		}
	}
}

/* T2.3: the last measurement of the year after a completed course. */
static void
count_language(Pass *pass, const Person *p, const Year *y, CellGroup *g)
{
	const Measurement *last = NULL;

	for (int i = 0; i < p->measurements.n; i++)
	{
		const Measurement *m = &p->measurements.at[i];

		if (m->day >= y->first_day && m->day <= y->last_day && (last == NULL || m->day > last->day))
			last = m;
	}
	if (last != NULL)
	{
		count(g, T2_3, truth(last->level >= 3));
		g->level_count[group_of_level[last->level]]++;
	}
}

/*
 * T2.4: of the obligations in force in the year (started by its end, not
 * passed before it, and unless obligation_counts_after_deadline the deadline
 * not before it) the one under the newest law: has its track started by the
 * end of the year?
 */
static void
count_obligation(Pass *pass, const Person *p, const Year *y, CellGroup *g)
{
	const Obligation *newest = NULL;

	for (int i = 0; i < p->obligations.n; i++)
	{
		const Obligation *o = &p->obligations.at[i];

		if (o->start <= y->last_day && o->passed_on >= y->first_day &&
			(pass->after_deadline || o->deadline >= y->first_day) &&
			(newest == NULL || o->law > newest->law))
			newest = o;
	}
	if (newest != NULL)
		count(g, T2_4, truth(newest->track_started_on <= y->last_day));
}

/*
 * T2.5: the obligation under the newest law makes the cohort of its start
 * year; passed when within exam_term_months; open until the term ends.
 */
static void
count_exam(Pass *pass, const Person *p, int cohort)
{
	const Obligation *newest = NULL;
	int			year;

	for (int i = 0; i < p->obligations.n; i++)
		if (newest == NULL || p->obligations.at[i].law > newest->law)
			newest = &p->obligations.at[i];
	if (newest == NULL)
		return;
	year = year_of(newest->start);
	for (int i = 0; i < pass->n_years; i++)
	{
		const Year *y = &pass->years[i];
		int			where;

		if (y->year != year)
			continue;
		where = place(pass, p, y->reference);
		if (where >= 0)
			open_until(count(group(pass, where, y->year, cohort), T2_5, truth(newest->passed)),
					   newest->term_end);
	}
}

/*
 * T1.1 and T1.3, each person's first coupling in a year: within the region
 * (NULL when the location is unknown) and joined a pathway within the window.
 */
static void
count_couplings(Pass *pass, const Person *p, int cohort)
{
	for (int i = 0; i < p->couplings.n; i++)
	{
		const Coupling *k = &p->couplings.at[i];
		int			year = k->year;
		int			code;
		int			location;
		int			within = 0;
		bool		first = true;

		for (int j = 0; j < p->couplings.n && first; j++)
			if (j != i && p->couplings.at[j].day < k->day && p->couplings.at[j].year == year)
				first = false;
		if (!first)
			continue;
		code = counts_as(pass, k->code, k->day);
		/* the location's municipality as it counts on the day, too (an AZC in Vianen lies in Vijfheerenlanden from 2019) */
		location = k->location >= 0 ? counts_as(pass, k->location, k->day) : -1;
		if (k->has_location)
			within = truth(location >= 0 && same_region(pass, code, location, k->day));
		if (!pass->azc_leavers)
			count(group(pass, code, year, cohort), T1_1, within);
		else if (location >= 0)
			count(group(pass, location, year, cohort), T1_1, within);
		open_until(count(group(pass, code, year, cohort), T1_3, truth(p->first_join <= k->window_end)),
				   k->window_end);
	}
}

/* T1.2: first housings of adults, assessed (NOA) by the day of housing. */
static void
count_housing(Pass *pass, const Person *p, int cohort)
{
	int			year;

	if (p->first_housing == NO_DAY || p->birth_year == NO_YEAR)
		return;
	year = year_of(p->first_housing);
	if (year - p->birth_year >= 18)
		count(group(pass, counts_as(pass, p->housing_code, p->first_housing), year, cohort), T1_2,
			  truth(p->first_noa <= p->first_housing));
}

/*
 * The ledger's housed: every person once, at the first housing, in the month
 * and the municipality its code counts as on the day (first_housing_month).
 */
static void
count_first_housing(Pass *pass, const Person *p)
{
	HousedKey	key;
	Housed	   *h;

	if (p->first_housing == NO_DAY)
		return;
	key.municipality = counts_as(pass, p->housing_code, p->first_housing);
	year_and_month_of(p->first_housing, &key.year, &key.month);
	h = blob_enter(pass->housed, &key, NULL);
	h->persons++;
}

static void
finish_person(Pass *pass)
{
	Person	   *p = &pass->person;
	int			cohort;

	if (p->seen)
	{
		cohort = cohort_of(pass, p);
		for (int i = 0; i < pass->n_years; i++)
		{
			const Year *y = &pass->years[i];
			int			where = place(pass, p, y->reference);

			CellGroup	   *g;

			if (where < 0)
				continue;
			g = group(pass, where, y->year, cohort);
			count_status(pass, p, y, g);
			count_language(pass, p, y, g);
			count_obligation(pass, p, y, g);
		}
		count_exam(pass, p, cohort);
		count_couplings(pass, p, cohort);
		count_housing(pass, p, cohort);
	}
	count_first_housing(pass, p);
	p->seen = false;
	p->first_join = p->first_noa = p->first_housing = NO_DAY;
	p->residences.n = p->snapshots.n = p->measurements.n = p->obligations.n = p->couplings.n = 0;
}

/* ----- reading ----- */

/*
 * The sources, each one table read in person order from its primary key.
 * The columns are the key's own, in its order (key columns, then INCLUDE:
 * 72_person_data.sql), so that its index-only scan hands over the index
 * tuples as they are, with nothing computed per row (the one expression,
 * a language measurement's level as a number, is on a small source).
 */
typedef enum Input
{
	PERSON, RESIDENCE, STATUS, LANGUAGE, OBLIGATION, COUPLING, PATHWAY_JOIN, HOUSING, NOA_ASSESSMENT,
	INPUTS
} Input;

static const struct
{
	const char *table;
	const char *columns;
} source_of[INPUTS] = {
	[PERSON] = {"person", "person_id, municipality_code, birth_year, permit_date"},
	[RESIDENCE] = {"residence", "person_id, valid_from, municipality_code, valid_to"},
	[STATUS] = {"status_snapshot", "person_id, reference_date, education_eligible, in_education, paid_work, "
	"welfare, alternative_work, language_activity, social_activity"},
	[LANGUAGE] = {"language_measurement", "person_id, measured_on, CASE level WHEN 'A0' THEN 0 WHEN 'A1' THEN 1 "
	"WHEN 'A2' THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4 WHEN 'C1' THEN 5 WHEN 'C2' THEN 6 END, course_completed"},
	[OBLIGATION] = {"civic_integration", "person_id, law_regime, obligation_start, deadline, track_started_on, "
	"passed_on, exemption"},
	[COUPLING] = {"coupling", "person_id, coupled_on, municipality_code, reception_location_code"},
	[PATHWAY_JOIN] = {"pathway_join", "person_id, joined_on"},
	[HOUSING] = {"housing", "person_id, housed_on, municipality_code"},
	[NOA_ASSESSMENT] = {"assessment", "person_id, kind, assessed_on"},
};

/* A row of a source that counts, as the pass needs it. */
typedef struct InputRow
{
	int			code;			/* municipality number */
	int			location;		/* municipality of the reception location; -1: unknown */
	bool		has_location;
	int			number;			/* birth year (NO_YEAR: unknown), level or law */
	DateADT		day;			/* NO_DAY: none */
	DateADT		until;
	DateADT		track_started_on;
	DateADT		passed_on;
	int			conditions;		/* status: two bits each (condition) */
	int			id_len;
	char		id[NAMEDATALEN * 2];
} InputRow;

/*
 * The day n months after a day, as date + interval 'n months' gives it: the
 * same day of the month, or the month's last day where the month is shorter.
 */
static DateADT
add_months(DateADT day, int months)
{
	int			y,
				m,
				d;
	int			index;

	j2date(day + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	index = y * 12 + (m - 1) + months;
	y = index / 12;
	m = index % 12 + 1;
	d = Min(d, day_tab[isleap(y)][m - 1]);
	return date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
}

/* A status condition in the two bits of its number: 0 unknown, 1 false, 2 true. */
static int
condition(Datum *v, bool *isnull, int column, int number)
{
	return isnull[column] ? 0 : (DatumGetBool(v[column]) ? 2 : 1) << (2 * number);
}

/* '2013' -> 2013 */
static int
law_number(Datum value)
{
	text	   *t = DatumGetTextPP(value);
	char		digits[12];
	int			len = Min(VARSIZE_ANY_EXHDR(t), (int) sizeof(digits) - 1);

	memcpy(digits, VARDATA_ANY(t), len);
	digits[len] = '\0';
	return pg_strtoint32(digits);
}

/*
 * A row of a source as the pass needs it (codes as numbers, NULL dates as
 * NO_DAY); false for a row that counts for nothing: a measurement without a
 * completed course, an exempted obligation, an assessment other than the NOA.
 */
static bool
decode_row(const Pass *pass, Input input, Datum *v, bool *isnull, InputRow *r)
{
	text	   *id = DatumGetTextPP(v[0]);

	memset(r, 0, offsetof(InputRow, id_len));
	r->id_len = VARSIZE_ANY_EXHDR(id);
	if (r->id_len >= (int) sizeof(r->id))
		elog(ERROR, "person id longer than %d bytes", (int) sizeof(r->id) - 1);
	memcpy(r->id, VARDATA_ANY(id), r->id_len);
	r->until = r->track_started_on = r->passed_on = NO_DAY;
	r->location = -1;
	switch (input)
	{
		case PERSON:
			r->code = code_number(v[1]);
			r->number = isnull[2] ? NO_YEAR : DatumGetInt32(v[2]);
			r->day = date_or(isnull[3], v[3], NO_DAY);
			break;
		case RESIDENCE:
		case COUPLING:
		case HOUSING:
			r->day = date_or(isnull[1], v[1], NO_DAY);
			r->code = code_number(v[2]);
			if (input == RESIDENCE)
				r->until = date_or(isnull[3], v[3], NO_DAY);
			r->has_location = input == COUPLING && !isnull[3];
			if (r->has_location)
				r->location = location_municipality(pass, v[3]);
			break;
		case STATUS:
			r->day = date_or(isnull[1], v[1], NO_DAY);
			/* eligible, education, work, welfare, alternative work, social, language activity */
			r->conditions = condition(v, isnull, 2, 0) | condition(v, isnull, 3, 1) | condition(v, isnull, 4, 2)
				| condition(v, isnull, 5, 3) | condition(v, isnull, 6, 4) | condition(v, isnull, 8, 5)
				| condition(v, isnull, 7, 6);
			break;
		case LANGUAGE:
			if (isnull[3] || !DatumGetBool(v[3]))
				return false;
			r->day = date_or(isnull[1], v[1], NO_DAY);
			r->number = DatumGetInt32(v[2]);
			break;
		case OBLIGATION:
			if (!isnull[6])
				return false;
			r->number = law_number(v[1]);
			r->day = date_or(isnull[2], v[2], NO_DAY);
			r->until = date_or(isnull[3], v[3], NO_DAY);
			r->track_started_on = date_or(isnull[4], v[4], NO_DAY);
			r->passed_on = date_or(isnull[5], v[5], NO_DAY);
			break;
		case NOA_ASSESSMENT:
			if (!text_is(v[1], "noa"))
				return false;
			r->day = date_or(isnull[2], v[2], NO_DAY);
			break;
		case PATHWAY_JOIN:
			r->day = date_or(isnull[1], v[1], NO_DAY);
			break;
		case INPUTS:
			break;
	}
	return true;
}

/* A row of the person being read, from one of the sources. */
static void
take_row(Pass *pass, Input input, const InputRow *r)
{
	Person	   *p = &pass->person;

	switch (input)
	{
		case PERSON:
			p->seen = true;
			p->home = r->code;
			p->birth_year = r->number;
			p->permit_date = r->day;
			break;
		case RESIDENCE:
			{
				Residence	res = {r->code, r->day, r->until};

				APPEND(pass, p->residences, res);
				break;
			}
		case STATUS:
			{
				StatusRow	s = {r->day, r->conditions};

				APPEND(pass, p->snapshots, s);
				break;
			}
		case LANGUAGE:
			{
				Measurement m = {r->day, r->number};

				if (m.level < 0 || m.level > 6)
					elog(ERROR, "language level %d out of range", m.level);
				APPEND(pass, p->measurements, m);
				break;
			}
		case OBLIGATION:
			{
				Obligation	o = {r->number, r->day, add_months(r->day, pass->exam_term), r->until,
				r->track_started_on, r->passed_on};

				o.passed = o.passed_on <= o.term_end;
				APPEND(pass, p->obligations, o);
				break;
			}
		case COUPLING:
			{
				Coupling	k = {r->code, r->location, r->has_location, r->day,
				add_months(r->day, pass->join_window), year_of(r->day)};

				APPEND(pass, p->couplings, k);
				break;
			}
		case PATHWAY_JOIN:
			p->first_join = Min(p->first_join, r->day);
			break;
		case NOA_ASSESSMENT:
			p->first_noa = Min(p->first_noa, r->day);
			break;
		case HOUSING:
			if (p->first_housing == NO_DAY || r->day < p->first_housing)
			{
				p->first_housing = r->day;
				p->housing_code = r->code;
			}
			break;
		case INPUTS:
			break;
	}
}

/*
 * A source, in person order, read a batch at a time from its cursor: the
 * cursor hands the rows to the source (a DestReceiver), which keeps those
 * that count, decoded.
 */
#define BATCH 256

typedef struct Source
{
	DestReceiver pub;
	Pass	   *pass;
	Input		input;
	Portal		cursor;
	MemoryContext row_context;
	bool		done;			/* the cursor has no more rows */
	int			n;				/* rows kept of the batch */
	int			at;				/* the next of them */
	InputRow	rows[BATCH];
} Source;

static bool
receive_slot(TupleTableSlot *slot, DestReceiver *self)
{
	Source	   *s = (Source *) self;
	MemoryContext old = MemoryContextSwitchTo(s->row_context);

	slot_getallattrs(slot);
	if (decode_row(s->pass, s->input, slot->tts_values, slot->tts_isnull, &s->rows[s->n]))
		s->n++;
	MemoryContextSwitchTo(old);
	return true;
}

/* Ceased and Member start with the code. */
static int
code_compare(const void *a, const void *b)
{
	return *(const int *) a - *(const int *) b;
}

/* from[code] .. from[code + 1] - 1: the entries of a code in a sorted array */
static int *
index_by_code(const void *entries, int n, size_t size)
{
	int		   *from = palloc(sizeof(int) * (MAX_CODE + 1));
	int			i = 0;

	for (int code = 0; code <= MAX_CODE; code++)
	{
		while (i < n && *(const int *) ((const char *) entries + i * size) < code)
			i++;
		from[code] = i;
	}
	return from;
}

static int
region_number(Pass *pass, char *region)
{
	for (int i = 0; i < pass->n_regions; i++)
		if (strcmp(pass->regions[i], region) == 0)
			return i;
	pass->regions[pass->n_regions] = region;
	return pass->n_regions++;
}

/* One setting (person_cell_context checks and converts the values). */
static void
read_setting(Pass *pass, const char *name, const char *value, Datum number, Datum flag)
{
	if (strcmp(name, "cohort_basis") == 0)
		pass->cohort_basis = value[0];
	else if (strcmp(name, "t1_1_reading") == 0)
		pass->azc_leavers = strcmp(value, "azc_leavers") == 0;
	else if (strcmp(name, "snapshot_max_age_days") == 0)
		pass->max_age = DatumGetInt32(number);
	else if (strcmp(name, "exam_term_months") == 0)
		pass->exam_term = DatumGetInt32(number);
	else if (strcmp(name, "join_window_months") == 0)
		pass->join_window = DatumGetInt32(number);
	else if (strcmp(name, "obligation_counts_after_deadline") == 0)
		pass->after_deadline = DatumGetBool(flag);
	else
		return;
	pass->settings_read++;
}

/* The years of the monitor, given by their reference dates (one a year). */
static void
read_years(Pass *pass, ArrayType *reference_dates)
{
	Datum	   *days;
	bool	   *isnull;
	int			n;

	deconstruct_array(reference_dates, DATEOID, sizeof(DateADT), true, TYPALIGN_INT, &days, &isnull, &n);
	pass->years = palloc0(sizeof(Year) * (n + 1));
	for (int i = 0; i < n; i++)
	{
		Year	   *y;

		if (isnull[i])
			continue;
		y = &pass->years[pass->n_years++];
		y->reference = DatumGetDateADT(days[i]);
		y->year = year_of(y->reference);
		y->first_day = date2j(y->year, 1, 1) - POSTGRES_EPOCH_JDATE;
		y->last_day = date2j(y->year, 12, 31) - POSTGRES_EPOCH_JDATE;
	}
}

/* settings, ceased codes, members, locations (person_cell_context) */
static void
read_context(Pass *pass, const char *schema)
{
	char	   *query = psprintf("SELECT kind, code, other, number, flag, from_day, to_day FROM %s.person_cell_context",
								 quote_identifier(schema));
	uint64		n;

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.person_cell_context failed", schema);
	n = SPI_processed;
	pass->ceased = palloc0(sizeof(Ceased) * (n + 1));
	pass->members = palloc0(sizeof(Member) * (n + 1));
	pass->locations = palloc0(sizeof(Location) * (n + 1));
	pass->regions = palloc0(sizeof(char *) * (n + 1));
	for (uint64 i = 0; i < n; i++)
	{
		Datum		v[7];
		bool		isnull[7];

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		if (text_is(v[0], "setting"))
			read_setting(pass, TextDatumGetCString(v[1]), TextDatumGetCString(v[2]), v[3], v[4]);
		else if (text_is(v[0], "ceased"))
		{
			Ceased	   *c = &pass->ceased[pass->n_ceased++];

			c->code = code_number(v[1]);
			c->counts_as = code_number(v[2]);
			c->from = DatumGetDateADT(v[5]);
			c->to = DatumGetDateADT(v[6]);
		}
		else if (text_is(v[0], "member"))
		{
			Member	   *m = &pass->members[pass->n_members++];

			m->code = code_number(v[1]);
			m->region = region_number(pass, TextDatumGetCString(v[2]));
			m->from = DatumGetDateADT(v[5]);
			m->to = DatumGetDateADT(v[6]);
		}
		else if (text_is(v[0], "location"))
		{
			Location   *l = &pass->locations[pass->n_locations++];

			l->code = TextDatumGetCString(v[1]);
			l->length = strlen(l->code);
			l->municipality = isnull[2] ? -1 : code_number(v[2]);
		}
	}
	if (pass->settings_read != 6)
		ereport(ERROR, (errcode(ERRCODE_UNDEFINED_OBJECT),
						errmsg("person_cells() needs the settings cohort_basis, t1_1_reading, snapshot_max_age_days, exam_term_months, join_window_months and obligation_counts_after_deadline in u16.setting")));
	qsort(pass->locations, pass->n_locations, sizeof(Location), location_compare);
	qsort(pass->ceased, pass->n_ceased, sizeof(Ceased), code_compare);
	qsort(pass->members, pass->n_members, sizeof(Member), code_compare);
	pass->ceased_from = index_by_code(pass->ceased, pass->n_ceased, sizeof(Ceased));
	pass->members_from = index_by_code(pass->members, pass->n_members, sizeof(Member));
}

/*
 * The bounds of part `part` of `parts` ranges of person ids: cut at equal
 * steps of the planner's histogram of person.person_id (pg_stats).  Every
 * part of one statement reads the same histogram (the statement's snapshot,
 * in the leader and in parallel workers alike), so the parts cover every
 * person exactly once; without a histogram (never analysed, or hidden by
 * row-level security) part 1 is everyone and the others are empty.  The
 * split decides only who counts in which part, never a figure: the cells
 * are sums over persons.  Where no parallel workers may run
 * (max_parallel_workers_per_gather = 0) part 1 is everyone too: splitting
 * would only add each part's start.  *from and *to are NULL where unbounded.
 */
static bool
part_bounds(const char *schema, int part, int parts, char **from, char **to)
{
	char	   *query = psprintf("SELECT histogram_bounds::text::text[] FROM pg_catalog.pg_stats "
								 "WHERE schemaname = %s AND tablename = 'person' AND attname = 'person_id'",
								 quote_literal_cstr(schema));
	Datum	   *bounds = NULL;
	int			n = 0;
	bool		isnull = true;

	*from = *to = NULL;
	if (parts == 1 || max_parallel_workers_per_gather == 0)
		return part == 1;
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", query);
	if (SPI_processed == 1)
	{
		Datum		array = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);

		if (!isnull)
			deconstruct_array(DatumGetArrayTypeP(array), TEXTOID, -1, false, TYPALIGN_INT, &bounds, NULL, &n);
	}
	if (n < 2)
		return part == 1;
	/* cut k of parts - 1: the bound k / parts of the way along the histogram */
	if (part > 1)
		*from = TextDatumGetCString(bounds[(int) ((int64) (part - 1) * (n - 1) / parts)]);
	if (part < parts)
		*to = TextDatumGetCString(bounds[(int) ((int64) part * (n - 1) / parts)]);
	return true;
}

/* A source of the persons in [from, to), its cursor open. */
static Source *
open_source(Pass *pass, const char *schema, Input input, const char *from, const char *to)
{
	Source	   *s = palloc0(sizeof(Source));
	StringInfoData query;
	SPIParseOpenOptions options = {0};

	initStringInfo(&query);
	appendStringInfo(&query, "SELECT %s FROM %s.%s WHERE true", source_of[input].columns,
					 quote_identifier(schema), source_of[input].table);
	if (from)
		appendStringInfo(&query, " AND person_id >= %s", quote_literal_cstr(from));
	if (to)
		appendStringInfo(&query, " AND person_id < %s", quote_literal_cstr(to));
	appendStringInfoString(&query, " ORDER BY person_id");
	options.read_only = true;
	options.cursorOptions = CURSOR_OPT_NO_SCROLL;
	s->cursor = SPI_cursor_parse_open(NULL, query.data, &options);
	s->pub = row_receiver(receive_slot);
	s->pass = pass;
	s->input = input;
	s->row_context = AllocSetContextCreate(CurrentMemoryContext, "u16 person source rows", ALLOCSET_SMALL_SIZES);
	return s;
}

/* The source's next row, reading the next batch where needed; NULL at the end. */
static const InputRow *
next_row(Source *s)
{
	while (s->at == s->n && !s->done)
	{
		s->n = s->at = 0;
		MemoryContextReset(s->row_context);
		s->done = PortalRunFetch(s->cursor, FETCH_FORWARD, BATCH, &s->pub) < BATCH;
	}
	return s->at < s->n ? &s->rows[s->at] : NULL;
}

/*
 * The rows of the persons in [from, to) into the pass: the sources merged by
 * person (ids in byte order, the person_id domain's collation "C"), each
 * person's rows source by source.
 */
static void
read_persons(Pass *pass, const char *schema, const char *from, const char *to)
{
	Source	   *sources[INPUTS];
	char		id[NAMEDATALEN * 2];
	int			id_len = -1;

	for (int i = 0; i < INPUTS; i++)
		sources[i] = open_source(pass, schema, i, from, to);
	for (;;)
	{
		const InputRow *first = NULL;

		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < INPUTS; i++)
		{
			const InputRow *r = next_row(sources[i]);

			if (r != NULL && (first == NULL || bytes_compare(r->id, r->id_len, first->id, first->id_len) < 0))
				first = r;
		}
		if (first == NULL)
			break;
		if (id_len >= 0 && bytes_compare(first->id, first->id_len, id, id_len) <= 0)
			elog(ERROR, "the sources of person_cells() are not in person order at person id \"%.*s\"",
				 first->id_len, first->id);
		finish_person(pass);	/* the one before, if any */
		id_len = first->id_len;
		memcpy(id, first->id, id_len);
		for (int i = 0; i < INPUTS; i++)
		{
			const InputRow *r;

			while ((r = next_row(sources[i])) != NULL && r->id_len == id_len && memcmp(r->id, id, id_len) == 0)
			{
				take_row(pass, i, r);
				sources[i]->at++;
			}
		}
	}
	finish_person(pass);
	for (int i = 0; i < INPUTS; i++)
		SPI_cursor_close(sources[i]->cursor);
}

/* One row of the result. */
static void
emit(Tuplestorestate *store, TupleDesc desc, const CellGroupKey *key, Indicator indicator, int level,
	 int64 numerator, int64 denominator, DateADT open_until)
{
	Datum		v[9];
	bool		isnull[9] = {false};

	v[0] = CStringGetTextDatum(indicator_code[indicator]);
	v[1] = CStringGetTextDatum(psprintf("GM%04d", key->municipality));
	v[2] = Int32GetDatum(key->year);
	v[3] = Int32GetDatum(key->cohort);
	isnull[3] = key->cohort == NO_YEAR;
	v[4] = level ? CStringGetTextDatum(level_group[level]) : (Datum) 0;
	isnull[4] = level == 0;
	v[5] = Int64GetDatum(numerator);
	v[6] = Int64GetDatum(denominator);
	v[7] = DateADTGetDatum(open_until);
	isnull[7] = open_until == NO_DAY;
	isnull[8] = true;			/* month */
	tuplestore_putvalues(store, desc, v, isnull);
}

/* A row of first housings: indicator_code 'housed', the count in numerator. */
static void
emit_housed(Tuplestorestate *store, TupleDesc desc, const Housed *h)
{
	Datum		v[9];
	/* cohort_year, level, denominator and open_until NULL */
	bool		isnull[9] = {false, false, false, true, true, false, true, true, false};

	v[0] = CStringGetTextDatum("housed");
	v[1] = CStringGetTextDatum(psprintf("GM%04d", h->key.municipality));
	v[2] = Int32GetDatum(h->key.year);
	v[5] = Int64GetDatum(h->persons);
	v[8] = Int32GetDatum(h->key.month);
	tuplestore_putvalues(store, desc, v, isnull);
}

/*
 * The cells as rows: an event indicator's cell wherever it has events, a
 * share's cell where it has a denominator; T2.3's level groups count persons
 * (numerator = denominator).  Then the first housings per month.
 */
static void
emit_cells(Pass *pass, TupleDesc desc, Tuplestorestate *store)
{
	for (int64 at = 0; at < blob_count(pass->cells); at++)
	{
		const CellGroup *g = blob_entry(pass->cells, at);

		for (int i = 0; i < INDICATORS; i++)
		{
			const Cell *c = &g->cells[i];

			if (c->exists && (i < T2_1 || c->denominator > 0))
				emit(store, desc, &g->key, i, 0, c->numerator, c->denominator, c->open_until);
		}
		for (int level = 1; level < 6; level++)
			if (g->level_count[level] > 0)
				emit(store, desc, &g->key, T2_3, level, g->level_count[level], g->level_count[level], NO_DAY);
	}
	for (int64 at = 0; at < blob_count(pass->housed); at++)
		emit_housed(store, desc, blob_entry(pass->housed, at));
}

PG_FUNCTION_INFO_V1(u16_person_cells);
Datum
u16_person_cells(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));
	int			part = PG_GETARG_INT32(0);
	int			parts = PG_GETARG_INT32(1);
	char	   *from,
			   *to;
	MemoryContext pass_context,
				old;
	TupleDesc	desc;
	Tuplestorestate *store;
	Pass	   *pass;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) || !(rsinfo->allowedModes & SFRM_Materialize))
		ereport(ERROR, (errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
						errmsg("person_cells() must be called where a set can be returned, as in FROM")));
	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "person_cells() must return a row type");
	if (parts < 1 || part < 1 || part > parts)
		ereport(ERROR, (errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						errmsg("person_cells(%d, %d): part must be 1 to parts", part, parts)));

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	desc = CreateTupleDescCopy(desc);
	store = tuplestore_begin_heap(rsinfo->allowedModes & SFRM_Materialize_Random, false, work_mem);
	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = store;
	rsinfo->setDesc = desc;
	MemoryContextSwitchTo(old);

	pass_context = AllocSetContextCreate(CurrentMemoryContext, "u16 person_cells", ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(pass_context);
	pass = palloc0(sizeof(Pass));
	pass->context = pass_context;
	pass->person.first_join = pass->person.first_noa = pass->person.first_housing = NO_DAY;
	pass->cells = blob_map(sizeof(CellGroupKey), sizeof(CellGroup));
	pass->housed = blob_map(sizeof(HousedKey), sizeof(Housed));

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(pass_context);
	if (part_bounds(schema, part, parts, &from, &to))
	{
		read_years(pass, PG_GETARG_ARRAYTYPE_P(2));
		read_context(pass, schema);
		read_persons(pass, schema, from, to);
	}
	SPI_finish();

	MemoryContextSwitchTo(pass_context);
	emit_cells(pass, desc, store);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(pass_context);
	return (Datum) 0;
}
