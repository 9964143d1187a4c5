/*
 * candidate_rows.c — the monitor's candidate rows (the rows that may be
 * published, and the remainders), in memory.
 *
 *   candidate_rows(protect boolean) → setof monitor_row
 *
 * reads the cells of the refresh in progress (monitor_cell), the members of
 * each region (monitor_member), the catalogue (indicator), the regions,
 * municipality_today, the setting min_cell_size and the data's last date
 * (monitor_run), and returns, for refresh_monitor() (86_monitor_publish.sql)
 * to store in monitor_row:
 *
 *   1. The cells on both boundary sets: historical as computed; current
 *      restated through municipality_today (numerators and denominators
 *      summed; a milestone is reached when every predecessor reached it; a
 *      municipality's own result holds when one of its predecessors' did).
 *      The cells of an indicator that has cells of its own on current
 *      boundaries (the ledger's) are taken as they are.
 *   2. Municipal rows: each member of a region in each period of the
 *      indicator's granularity (kind 'scorecard'; a municipality in several
 *      regions once, with the first region by code as its parent).  A
 *      complete register gives 0 or 'not reached' from its first period on;
 *      other indicators without a cell have no data.  A milestone is reached
 *      when done by the end of the period (or the last date of the data); in
 *      a complete register, without a row it is not reached, also when the
 *      register has no row of the indicator at all.
 *      With them the municipal cohort rows (kind 'cohort', shares of theme 2
 *      that count persons and add up for the region) and T2.3's level rows
 *      (kind 'level').
 *   3. Region rows: a region's own result (region rule 'own', on both
 *      boundary sets in every period of the cells and members); the sum of
 *      its members' rows (rule 'sum': numerators, denominators, persons, dwellings,
 *      volunteers; every kind); or the members that reached their own result,
 *      of all members (rule 'members'; reached by the region when its last
 *      member reached it; members without a result counted apart).
 *      monitor_member lists each member of a region once per period.
 *   4. Remainders (area type 'remainder', never published): per current
 *      municipality and indicator that counts persons, the persons of
 *      historical cells of predecessors that have no municipal row in the
 *      period (no member then, e.g. Leerdam and
 *      Zederik inside Vijfheerenlanden), as scorecard and cohort rows.
 *
 * Primary suppression: a row that counts persons is hidden when it counts 1
 * to min_cell_size - 1 of them (a share by its denominator, a count by its
 * numerator).  With protect (as refresh_monitor() calls it), then the
 * secondary suppression of suppression.c over the rows in memory (hidden and
 * secondary), and the level rows follow their area's scorecard row, as
 * protect_hidden_rows() does over stored rows.  sql/monitor_candidates.sql
 * checks every row without protect against the same rules written in plain
 * SQL, on random cells, and with protect against protect_hidden_rows() run
 * over the rows stored.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "common/int.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "in_memory.h"
#include "interned.h"
#include "parse.h"
#include "suppression.h"

/* period_end(), the last day of a period (period.c). */
extern Datum u16_period_end(PG_FUNCTION_ARGS);

typedef enum Rule
{
	RULE_SUM,
	RULE_MEMBERS,
	RULE_OWN
} Rule;

typedef struct Indicator
{
	bool		known;			/* in the catalogue, not qualitative */
	U16Granularity granularity;
	Rule		rule;
	bool		complete_register;
	bool		counts_persons;
	bool		share;			/* unit: regions and remainders */
	bool		milestone;
	bool		municipal_share;	/* coalesce(municipal_unit, unit) */
	bool		municipal_milestone;
	bool		by_cohort;
	bool		current_cells;	/* has cells of its own on current boundaries */
} Indicator;

/* The figures of a cell or row; has_*: not NULL. */
typedef struct Figures
{
	int64		numerator;
	int64		denominator;
	DateADT		done_on;
	DateADT		open_until;
	bool		met;
	bool		has_numerator;
	bool		has_denominator;
	bool		has_done_on;
	bool		has_open_until;
	bool		has_met;
} Figures;

/* Figures added up: sums, latest dates, any met; and counts of the rows. */
typedef struct Sum
{
	Figures		total;
	int64		rows;
	int64		rows_done;		/* with a done_on */
	int64		rows_met_known; /* with a met */
	int64		rows_met;		/* met */
} Sum;

/* What a cell or row is.  All int32, so that keys compare as blobs. */
typedef struct Key
{
	int32		kind;			/* interned; -1 for cells */
	int32		indicator;
	int32		boundaries;
	int32		area;
	int32		period;
	int32		has_cohort;
	int32		cohort_year;
	int32		level;			/* interned; -1: none */
} Key;

typedef struct SumEntry
{
	Key			key;
	Sum			sum;
} SumEntry;

/* Per indicator and boundary set: the first period of its cells. */
typedef struct FirstEntry
{
	Key			key;
	int32		period;
} FirstEntry;

/* Per boundary set, period and municipality: its regions, the first by code its parent. */
typedef struct MemberEntry
{
	Key			key;			/* boundaries, period, area */
	int32		parent;
	List	   *regions;		/* one per row of monitor_member */
} MemberEntry;

typedef struct Cell
{
	Key			key;
	Figures		figures;
} Cell;

typedef struct Row Row;

typedef struct Pass
{
	MemoryContext context;		/* of everything below: it outlives SPI's */
	const char *schema;
	Interned	strings;
	Indicator  *indicators;		/* by interned code; n_indicators of them */
	int32		n_indicators;
	int32		min_cell;
	bool		has_data_date;
	DateADT		data_date;
	Cell	   *cells;			/* monitor_cell, then the restated cells */
	int64		n_cells;
	int64		n_read_cells;
	int32		today_count;
	int32	   *today;			/* municipality today, by interned code; -1: unknown */
	BlobMap    *restated;
	BlobMap    *crude;			/* per indicator, boundaries, area, period */
	BlobMap    *strata;			/* per cohort or level */
	BlobMap    *coverage;		/* per indicator, boundaries: the first period */
	BlobMap    *members;
	BlobMap    *region_rows;
	BlobMap    *municipal_rows; /* the municipal scorecard rows made */
	BlobMap    *remainders;
	List	   *regions;		/* of region: interned codes */
	List	   *periods;		/* of the cells and the members, each once */
	/* interned words */
	int32		historical;
	int32		current;
	int32		scorecard;
	int32		cohort;
	int32		level;
	int32		municipality;
	int32		region;
	int32		remainder;
	/* the rows made, and the secondary suppression (protect) */
	Row		   *rows;
	int64		n_rows;
	int64		max_rows;
	Suppression *suppression;	/* NULL: primary suppression only */
} Pass;

/* ---------- keys, sums ---------- */

static Key
key_of(int32 kind, int32 indicator, int32 boundaries, int32 area, int32 period, bool has_cohort, int32 cohort_year,
	   int32 level)
{
	Key			key;

	memset(&key, 0, sizeof(key));
	key.kind = kind;
	key.indicator = indicator;
	key.boundaries = boundaries;
	key.area = area;
	key.period = period;
	key.has_cohort = has_cohort;
	key.cohort_year = has_cohort ? cohort_year : 0;
	key.level = level;
	return key;
}

static void *
find(BlobMap *map, Key key)
{
	return blob_find(map, &key);
}

/* The sum of a key, zero when new (entries are made zeroed). */
static Sum *
sum_of(BlobMap *map, Key key)
{
	SumEntry   *e = blob_enter(map, &key, NULL);

	return &e->sum;
}

static int64
add_counts(int64 a, int64 b)
{
	int64		result;

	if (pg_add_s64_overflow(a, b, &result))
		ereport(ERROR, (errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE), errmsg("bigint out of range")));
	return result;
}

/* Adds a cell's or row's figures: sums, latest dates, any met (NULLs ignored, as in SQL). */
static void
add(Sum *s, const Figures *f)
{
	Figures    *t = &s->total;

	s->rows++;
	if (f->has_numerator)
		t->numerator = add_counts(t->has_numerator ? t->numerator : 0, f->numerator), t->has_numerator = true;
	if (f->has_denominator)
		t->denominator = add_counts(t->has_denominator ? t->denominator : 0, f->denominator), t->has_denominator = true;
	if (f->has_done_on)
	{
		s->rows_done++;
		t->done_on = t->has_done_on ? Max(t->done_on, f->done_on) : f->done_on;
		t->has_done_on = true;
	}
	if (f->has_open_until)
	{
		t->open_until = t->has_open_until ? Max(t->open_until, f->open_until) : f->open_until;
		t->has_open_until = true;
	}
	if (f->has_met)
	{
		s->rows_met_known++;
		s->rows_met += f->met;
		t->met = (t->has_met && t->met) || f->met;
		t->has_met = true;
	}
}

/* ---------- reading ---------- */

static const Indicator *
indicator_of(const Pass *pass, int32 code)
{
	static const Indicator unknown = {false};

	if (code < 0 || code >= pass->n_indicators || !pass->indicators[code].known)
		return &unknown;
	return &pass->indicators[code];
}

static Indicator *
indicator_slot(Pass *pass, int32 code)
{
	if (code >= pass->n_indicators)
	{
		int32		n = Max(code + 1, pass->n_indicators * 2);

		pass->indicators = pass->indicators == NULL ? palloc0(sizeof(Indicator) * n)
			: repalloc(pass->indicators, sizeof(Indicator) * n);
		memset(pass->indicators + pass->n_indicators, 0, sizeof(Indicator) * (n - pass->n_indicators));
		pass->n_indicators = n;
	}
	return &pass->indicators[code];
}

static void
read_indicators(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT code, granularity, region_rule, complete_register, counts, unit, "
					 "coalesce(municipal_unit, unit), theme = 2 "
					 "FROM %s.indicator WHERE NOT qualitative", pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[8];
		bool		isnull[8];
		Indicator  *ind;

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		ind = indicator_slot(pass, intern_text(&pass->strings, v[0], false));
		ind->known = true;
		ind->granularity = text_is(v[1], "halfyear") ? U16_GRANULARITY_HALFYEAR : U16_GRANULARITY_YEAR;
		ind->rule = text_is(v[2], "members") ? RULE_MEMBERS : text_is(v[2], "own") ? RULE_OWN : RULE_SUM;
		ind->complete_register = !isnull[3] && DatumGetBool(v[3]);
		ind->counts_persons = !isnull[4] && text_is(v[4], "persons");
		ind->share = text_is(v[5], "share");
		ind->milestone = text_is(v[5], "milestone");
		ind->municipal_share = text_is(v[6], "share");
		ind->municipal_milestone = text_is(v[6], "milestone");
		ind->by_cohort = !isnull[7] && DatumGetBool(v[7]) && ind->share && ind->counts_persons && ind->rule == RULE_SUM;
	}
	SPI_freetuptable(SPI_tuptable);
}

static void
read_settings(Pass *pass)
{
	bool		isnull;

	select_rows(pass->context, psprintf("SELECT %1$s.setting_int('min_cell_size'), (SELECT data_date FROM %1$s.monitor_run)", pass->schema));
	pass->min_cell = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	pass->data_date = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull));
	pass->has_data_date = !isnull;
	SPI_freetuptable(SPI_tuptable);
	select_rows(pass->context, psprintf("SELECT code FROM %s.region", pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
		pass->regions = lappend_int(pass->regions,
									intern(&pass->strings, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1)));
	SPI_freetuptable(SPI_tuptable);
}

static void
read_today(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT code::text, current_code::text FROM %s.municipality_today", pass->schema));
	pass->today_count = pass->strings.n + 2 * (int32) SPI_processed + 1;
	pass->today = palloc(sizeof(int32) * pass->today_count);
	memset(pass->today, -1, sizeof(int32) * pass->today_count);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[2];
		bool		isnull[2];
		int32		code;

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		code = intern_text(&pass->strings, v[0], isnull[0]);
		if (code >= 0 && !isnull[1])
			pass->today[code] = intern_text(&pass->strings, v[1], false);
	}
	SPI_freetuptable(SPI_tuptable);
}

/* The municipality today of an interned code; -1 when municipality_today does not know it. */
static int32
today_of(const Pass *pass, int32 code)
{
	return code >= 0 && code < pass->today_count ? pass->today[code] : -1;
}

/* A period of the monitor: of a cell, or of the members (every year of the data). */
static void
note_period(Pass *pass, int32 period)
{
	if (!list_member_int(pass->periods, period))
		pass->periods = lappend_int(pass->periods, period);
}

static void
read_cells(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT indicator_code, boundaries, area_code, period, cohort_year, level, numerator, denominator, "
					 "done_on, open_until, met FROM %s.monitor_cell", pass->schema));
	/* room for each cell restated too */
	pass->cells = palloc(sizeof(Cell) * Max(2 * SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[11];
		bool		isnull[11];
		Cell	   *c = &pass->cells[pass->n_cells++];
		Figures    *f = &c->figures;

		CHECK_FOR_INTERRUPTS();
		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		c->key = key_of(-1, intern_text(&pass->strings, v[0], false), intern_text(&pass->strings, v[1], false),
						intern_text(&pass->strings, v[2], false), DatumGetInt32(v[3]), !isnull[4],
						DatumGetInt32(v[4]), intern_text(&pass->strings, v[5], isnull[5]));
		memset(f, 0, sizeof(Figures));
		f->has_numerator = !isnull[6];
		f->numerator = isnull[6] ? 0 : DatumGetInt64(v[6]);
		f->has_denominator = !isnull[7];
		f->denominator = isnull[7] ? 0 : DatumGetInt64(v[7]);
		f->has_done_on = !isnull[8];
		f->done_on = isnull[8] ? 0 : DatumGetDateADT(v[8]);
		f->has_open_until = !isnull[9];
		f->open_until = isnull[9] ? 0 : DatumGetDateADT(v[9]);
		f->has_met = !isnull[10];
		f->met = !isnull[10] && DatumGetBool(v[10]);
		if (c->key.boundaries == pass->current)
			indicator_slot(pass, c->key.indicator)->current_cells = true;
		note_period(pass, c->key.period);
	}
	pass->n_read_cells = pass->n_cells;
	SPI_freetuptable(SPI_tuptable);
}

/* The members, ordered so that each municipality's first region (its parent) comes first. */
static void
read_members(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT boundaries, period, municipality_code, region FROM %s.monitor_member "
					 "ORDER BY boundaries, period, municipality_code, region", pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[4];
		bool		isnull[4];
		bool		found;
		MemberEntry *m;
		int32		region;

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		m = blob_enter(pass->members,
					   &(Key) {-1, -1, intern_text(&pass->strings, v[0], false),
						   intern_text(&pass->strings, v[2], false), DatumGetInt32(v[1]), 0, 0, -1},
					   &found);
		region = intern_text(&pass->strings, v[3], false);
		note_period(pass, DatumGetInt32(v[1]));
		if (!found)
		{
			m->parent = region;
			m->regions = NIL;
		}
		m->regions = lappend_int(m->regions, region);
		if (pass->suppression)
			suppression_add_member(pass->suppression, m->key.boundaries, region, m->key.period, m->key.area);
	}
	SPI_freetuptable(SPI_tuptable);
}

static MemberEntry *
member_of(Pass *pass, int32 boundaries, int32 area, int32 period)
{
	return find(pass->members, (Key) {-1, -1, boundaries, area, period, 0, 0, -1});
}

/* ---------- 1. the cells on both boundary sets ---------- */

static void
restate_cells(Pass *pass)
{
	for (int64 i = 0; i < pass->n_read_cells; i++)
	{
		const Cell *c = &pass->cells[i];
		int32		today = today_of(pass, c->key.area);
		Key			key = c->key;

		if (c->key.boundaries != pass->historical || indicator_slot(pass, c->key.indicator)->current_cells)
			continue;
		key.boundaries = pass->current;
		key.area = today >= 0 ? today : c->key.area;
		add(sum_of(pass->restated, key), &c->figures);
	}
	for (int64 at = 0; at < blob_count(pass->restated); at++)
	{
		SumEntry   *e = blob_entry(pass->restated, at);
		Cell	   *c = &pass->cells[pass->n_cells++];

		c->key = e->key;
		c->figures = e->sum.total;
		/* reached when every predecessor reached it */
		c->figures.has_done_on = e->sum.rows_done == e->sum.rows;
	}
}

/* Per cell: the crude figures (all cohorts), the strata (a cohort, a level) and the first period. */
static void
sum_cells(Pass *pass)
{
	for (int64 i = 0; i < pass->n_cells; i++)
	{
		const Cell *c = &pass->cells[i];
		const Key  *k = &c->key;
		Key			coverage = key_of(-1, k->indicator, k->boundaries, -1, 0, false, 0, -1);
		bool		found;
		FirstEntry *first = blob_enter(pass->coverage, &coverage, &found);

		if (!found || k->period < first->period)
			first->period = k->period;
		if (k->level < 0)
		{
			add(sum_of(pass->crude, key_of(-1, k->indicator, k->boundaries, k->area, k->period, false, 0, -1)),
				&c->figures);
			add(sum_of(pass->strata, key_of(pass->cohort, k->indicator, k->boundaries, k->area, k->period,
											k->has_cohort, k->cohort_year, -1)), &c->figures);
		}
		else
			add(sum_of(pass->strata, key_of(pass->level, k->indicator, k->boundaries, k->area, k->period,
											false, 0, k->level)), &c->figures);
	}
}

/* ---------- rows ---------- */

struct Row
{
	Key			key;			/* kind, indicator, boundaries, area, period, cohort, level */
	int32		area_type;
	int32		parent;			/* -1: none */
	Figures		figures;
	bool		has_unknown_members;
	int64		unknown_members;
	bool		has_size;
	int64		size;
	bool		hidden;
	bool		secondary;
};

static Datum
text_or_null(Pass *pass, int32 string, bool *isnull)
{
	*isnull = string < 0;
	return string < 0 ? (Datum) 0 : interned_text(&pass->strings, string);
}

/* Keeps a row, with its primary suppression. */
static void
emit(Pass *pass, const Row *r)
{
	Row		   *kept;

	if (pass->n_rows == pass->max_rows)
	{
		pass->max_rows = Max(16384, 2 * pass->max_rows);
		pass->rows = pass->rows ? repalloc_huge(pass->rows, pass->max_rows * sizeof(Row))
			: palloc_extended(pass->max_rows * sizeof(Row), MCXT_ALLOC_HUGE);
	}
	kept = &pass->rows[pass->n_rows++];
	*kept = *r;
	kept->hidden = r->has_size && r->size >= 1 && r->size <= (int64) pass->min_cell - 1;
	kept->secondary = false;
}

/* A kept row, into the function's result as monitor_row's columns (row_id: its number). */
static void
store_row(Pass *pass, Tuplestorestate *store, TupleDesc desc, int64 number, const Row *r)
{
	Datum		v[19];
	bool		n[19];
	const Figures *f = &r->figures;

	v[0] = Int64GetDatum(number), n[0] = false;
	v[1] = text_or_null(pass, r->key.kind, &n[1]);
	v[2] = text_or_null(pass, r->key.indicator, &n[2]);
	v[3] = text_or_null(pass, r->key.boundaries, &n[3]);
	v[4] = text_or_null(pass, r->area_type, &n[4]);
	v[5] = text_or_null(pass, r->key.area, &n[5]);
	v[6] = text_or_null(pass, r->parent, &n[6]);
	v[7] = Int32GetDatum(r->key.period), n[7] = false;
	v[8] = Int32GetDatum(r->key.cohort_year), n[8] = !r->key.has_cohort;
	v[9] = text_or_null(pass, r->key.level, &n[9]);
	v[10] = Int64GetDatum(f->numerator), n[10] = !f->has_numerator;
	v[11] = Int64GetDatum(f->denominator), n[11] = !f->has_denominator;
	v[12] = DateADTGetDatum(f->done_on), n[12] = !f->has_done_on;
	v[13] = DateADTGetDatum(f->open_until), n[13] = !f->has_open_until;
	v[14] = BoolGetDatum(f->met), n[14] = !f->has_met;
	v[15] = Int64GetDatum(r->unknown_members), n[15] = !r->has_unknown_members;
	v[16] = Int64GetDatum(r->size), n[16] = !r->has_size;
	v[17] = BoolGetDatum(r->hidden), n[17] = false;
	v[18] = BoolGetDatum(r->secondary), n[18] = false;
	tuplestore_putvalues(store, desc, v, n);
}

/* A row's persons: its denominator for shares, else its numerator. */
static void
set_size(Row *r, bool share)
{
	r->has_size = share ? r->figures.has_denominator : r->figures.has_numerator;
	r->size = share ? r->figures.denominator : r->figures.numerator;
}

/* The region rows a municipal row adds to: one per membership. */
static void
add_to_regions(Pass *pass, const Row *r, const MemberEntry *m)
{
	const Indicator *ind = indicator_of(pass, r->key.indicator);
	ListCell   *lc;

	if (!(ind->rule == RULE_SUM || (ind->rule == RULE_MEMBERS && r->key.kind == pass->scorecard)))
		return;
	foreach(lc, m->regions)
	{
		Key			key = r->key;

		key.area = lfirst_int(lc);
		add(sum_of(pass->region_rows, key), &r->figures);
	}
}

static void
emit_municipal(Pass *pass, Row *r, const MemberEntry *m)
{
	r->area_type = pass->municipality;
	r->parent = m->parent;
	emit(pass, r);
	add_to_regions(pass, r, m);
}

/* Whether a milestone done on done_on is reached in the period; -1: unknown. */
static int
reached(const Pass *pass, const Figures *c, int32 period, bool otherwise_not)
{
	if (c != NULL && c->has_done_on)
	{
		DateADT		end = DatumGetDateADT(DirectFunctionCall1(u16_period_end, Int32GetDatum(period)));

		if (pass->has_data_date)
			end = Min(end, pass->data_date);
		return c->done_on <= end;
	}
	return otherwise_not ? 0 : -1;
}

static void
set_milestone(Row *r, int reached_state)
{
	r->figures.has_numerator = r->figures.has_denominator = r->figures.has_met = reached_state >= 0;
	r->figures.numerator = reached_state > 0;
	r->figures.denominator = 1;
	r->figures.met = reached_state > 0;
}

/* ---------- 2. municipal rows ---------- */

/* A member's scorecard row of an indicator. */
static void
municipal_row(Pass *pass, const MemberEntry *m, int32 indicator)
{
	const Indicator *ind = indicator_of(pass, indicator);
	const Key  *mk = &m->key;
	Key			key = key_of(-1, indicator, mk->boundaries, mk->area, mk->period, false, 0, -1);
	SumEntry   *crude = find(pass->crude, key);
	FirstEntry *first = find(pass->coverage, key_of(-1, indicator, mk->boundaries, -1, 0, false, 0, -1));
	const Figures *c = crude ? &crude->sum.total : NULL;
	bool		covered = ind->complete_register && first != NULL && mk->period >= first->period;
	Row			r = {0};

	r.key = key;
	r.key.kind = pass->scorecard;
	if (c != NULL)
		r.figures = *c;
	if (ind->municipal_milestone)			/* a register of milestones: no row is not reached */
		set_milestone(&r, reached(pass, c, mk->period, ind->complete_register));
	else
	{
		if (!r.figures.has_numerator && covered)
			r.figures.has_numerator = true, r.figures.numerator = 0;
		if (!r.figures.has_met && covered)
			r.figures.has_met = true, r.figures.met = false;
	}
	if (ind->counts_persons)
		set_size(&r, ind->municipal_share);
	blob_enter(pass->municipal_rows, &key, NULL);
	emit_municipal(pass, &r, m);
}

static void
municipal_scorecard_rows(Pass *pass)
{
	for (int64 at = 0; at < blob_count(pass->members); at++)
	{
		MemberEntry *m = blob_entry(pass->members, at);

		CHECK_FOR_INTERRUPTS();
		for (int32 i = 0; i < pass->n_indicators; i++)
		{
			const Indicator *ind = indicator_of(pass, i);

			if (ind->known && ind->rule != RULE_OWN && ind->granularity == u16_period_granularity(m->key.period))
				municipal_row(pass, m, i);
		}
	}
}

/* The members' cohort and level rows. */
static void
municipal_strata_rows(Pass *pass)
{
	for (int64 at = 0; at < blob_count(pass->strata); at++)
	{
		SumEntry   *e = blob_entry(pass->strata, at);
		const Indicator *ind = indicator_of(pass, e->key.indicator);
		MemberEntry *m = member_of(pass, e->key.boundaries, e->key.area, e->key.period);
		Row			r = {0};

		if (!ind->known || m == NULL || (e->key.kind == pass->cohort && !ind->by_cohort))
			continue;
		r.key = e->key;
		r.figures.has_numerator = e->sum.total.has_numerator;
		r.figures.numerator = e->sum.total.numerator;
		r.figures.has_denominator = e->sum.total.has_denominator;
		r.figures.denominator = e->sum.total.denominator;
		if (ind->counts_persons && e->key.kind != pass->level)
			set_size(&r, ind->municipal_share);
		emit_municipal(pass, &r, m);
	}
}

/* ---------- 3. region rows ---------- */

/* A region's own result, on both boundary sets, in every period of the cells. */
static void
own_rows(Pass *pass)
{
	for (int32 i = 0; i < pass->n_indicators; i++)
	{
		const Indicator *ind = indicator_of(pass, i);
		ListCell   *region;

		if (!ind->known || ind->rule != RULE_OWN)
			continue;
		foreach(region, pass->regions)
		{
			ListCell   *period;

			foreach(period, pass->periods)
			{
				int32		boundaries[2] = {pass->historical, pass->current};

				if (u16_period_granularity(lfirst_int(period)) != ind->granularity)
					continue;
				for (int b = 0; b < 2; b++)
				{
					Key			key = key_of(-1, i, boundaries[b], lfirst_int(region), lfirst_int(period), false, 0, -1);
					SumEntry   *crude = find(pass->crude, key);
					Row			r = {0};

					r.key = key;
					r.key.kind = pass->scorecard;
					r.area_type = pass->region;
					r.parent = -1;
					if (crude != NULL)
						r.figures = crude->sum.total;
					r.figures.has_met = false;
					if (ind->milestone)
						set_milestone(&r, reached(pass, crude ? &crude->sum.total : NULL, key.period,
												  ind->complete_register));
					r.figures.has_met = false;
					emit(pass, &r);
				}
			}
		}
	}
}

/* The sums of the members' rows (rule sum), or their results (rule members). */
static void
summed_region_rows(Pass *pass)
{
	for (int64 at = 0; at < blob_count(pass->region_rows); at++)
	{
		SumEntry   *e = blob_entry(pass->region_rows, at);
		const Indicator *ind = indicator_of(pass, e->key.indicator);
		const Sum  *s = &e->sum;
		Row			r = {0};

		r.key = e->key;
		r.area_type = pass->region;
		r.parent = -1;
		if (ind->rule == RULE_SUM)
		{
			r.figures = s->total;
			r.figures.has_done_on = r.figures.has_met = false;
			if (ind->counts_persons && e->key.kind != pass->level)
				set_size(&r, ind->share);
		}
		else
		{
			r.figures.has_numerator = r.figures.has_denominator = s->rows_met_known > 0;
			r.figures.numerator = s->rows_met;
			r.figures.denominator = s->rows;
			r.figures.has_done_on = s->rows_done == s->rows;
			r.figures.done_on = s->total.done_on;
			r.has_unknown_members = true;
			r.unknown_members = s->rows - s->rows_met_known;
		}
		emit(pass, &r);
	}
}

/* ---------- 4. remainders ---------- */

static void
remainder_rows(Pass *pass)
{
	for (int64 i = 0; i < pass->n_read_cells; i++)
	{
		const Cell *c = &pass->cells[i];
		const Indicator *ind = indicator_of(pass, c->key.indicator);
		int32		today = today_of(pass, c->key.area);
		Key			key = c->key;
		Figures		size = {0};

		if (c->key.boundaries != pass->historical || c->key.level >= 0 || !ind->known || !ind->counts_persons
			|| ind->rule == RULE_OWN || today < 0
			|| find(pass->municipal_rows, key_of(-1, key.indicator, key.boundaries, key.area, key.period, false, 0, -1)))
			continue;
		size.has_numerator = ind->municipal_share ? c->figures.has_denominator : c->figures.has_numerator;
		size.numerator = ind->municipal_share ? c->figures.denominator : c->figures.numerator;
		key.boundaries = pass->current;
		key.area = today;
		key.kind = pass->cohort;
		add(sum_of(pass->remainders, key), &size);
		key.kind = pass->scorecard;
		key.has_cohort = false;
		key.cohort_year = 0;
		add(sum_of(pass->remainders, key), &size);
	}
	for (int64 at = 0; at < blob_count(pass->remainders); at++)
	{
		SumEntry   *e = blob_entry(pass->remainders, at);
		Row			r = {0};

		r.key = e->key;
		r.area_type = pass->remainder;
		r.parent = -1;
		r.has_size = e->sum.total.has_numerator;
		r.size = e->sum.total.numerator;
		emit(pass, &r);
	}
}

/* ---------- 5. the secondary suppression (protect) ---------- */

/* A level row's area and period: its scorecard row's key. */
typedef struct AreaKey
{
	int32		indicator;
	int32		boundaries;
	int32		area_type;
	int32		area;
	int32		period;
} AreaKey;

typedef struct AreaEntry
{
	AreaKey		key;
	const Row  *scorecard;
} AreaEntry;

static AreaKey
area_key(const Row *r)
{
	return (AreaKey) {r->key.indicator, r->key.boundaries, r->area_type, r->key.area, r->key.period};
}

/* Whether a row is in the relations of the secondary suppression: it counts persons, and is no level row. */
static bool
in_relations(const Pass *pass, const Row *r)
{
	const Indicator *ind = indicator_of(pass, r->key.indicator);

	return r->key.kind != pass->level && ind->known && ind->counts_persons;
}

/* The rows of the relations, to the suppression; returns their row numbers, in the order fed. */
static int64 *
feed_rows(Pass *pass)
{
	int64	   *fed = palloc(sizeof(int64) * Max(pass->n_rows, 1));
	int64		n_fed = 0;

	for (int64 i = 0; i < pass->n_rows; i++)
	{
		const Row  *r = &pass->rows[i];
		SuppressionRow s;

		if (!in_relations(pass, r))
			continue;
		if (n_fed == PG_INT32_MAX)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED), errmsg("candidate_rows(): too many rows")));
		s.kind = r->key.kind;
		s.indicator = r->key.indicator;
		s.boundaries = r->key.boundaries;
		s.area_type = r->area_type;
		s.area = r->key.area;
		s.current = today_of(pass, r->key.area);
		s.period = r->key.period;
		s.has_cohort = r->key.has_cohort;
		s.cohort_year = r->key.cohort_year;
		s.level = r->key.level;
		s.size = r->has_size ? r->size : 0;
		s.hidden = r->hidden;
		s.sums_for_region = indicator_of(pass, r->key.indicator)->rule == RULE_SUM;
		suppression_add_row(pass->suppression, &s);
		fed[n_fed++] = i;
	}
	return fed;
}

/* The picks of the rounds hidden; then each level row as its area's scorecard row. */
static void
protect_rows(Pass *pass)
{
	int64	   *fed = feed_rows(pass);
	int32	   *picks;
	int32		n_picks = suppression_run(pass->suppression, &picks);
	BlobMap    *scorecards = blob_map(sizeof(AreaKey), sizeof(AreaEntry));

	for (int32 i = 0; i < n_picks; i++)
		pass->rows[fed[picks[i]]].hidden = pass->rows[fed[picks[i]]].secondary = true;
	for (int64 i = 0; i < pass->n_rows; i++)
		if (pass->rows[i].key.kind == pass->scorecard)
		{
			AreaKey		key = area_key(&pass->rows[i]);
			AreaEntry  *e = blob_enter(scorecards, &key, NULL);

			if (e->scorecard == NULL)
				e->scorecard = &pass->rows[i];
		}
	for (int64 i = 0; i < pass->n_rows; i++)
	{
		Row		   *r = &pass->rows[i];
		AreaKey		key = area_key(r);
		AreaEntry  *e = r->key.kind == pass->level ? blob_find(scorecards, &key) : NULL;

		if (e != NULL)
		{
			r->hidden = e->scorecard->hidden;
			r->secondary = e->scorecard->secondary;
		}
	}
}

/* ---------- the function ---------- */

static void
start_pass(Pass *pass)
{
	interned_init(&pass->strings);
	pass->historical = intern(&pass->strings, "historical");
	pass->current = intern(&pass->strings, "current");
	pass->scorecard = intern(&pass->strings, "scorecard");
	pass->cohort = intern(&pass->strings, "cohort");
	pass->level = intern(&pass->strings, "level");
	pass->municipality = intern(&pass->strings, "municipality");
	pass->region = intern(&pass->strings, "region");
	pass->remainder = intern(&pass->strings, "remainder");
	pass->restated = blob_map(sizeof(Key), sizeof(SumEntry));
	pass->crude = blob_map(sizeof(Key), sizeof(SumEntry));
	pass->strata = blob_map(sizeof(Key), sizeof(SumEntry));
	pass->coverage = blob_map(sizeof(Key), sizeof(FirstEntry));
	pass->members = blob_map(sizeof(Key), sizeof(MemberEntry));
	pass->region_rows = blob_map(sizeof(Key), sizeof(SumEntry));
	pass->municipal_rows = blob_map(sizeof(Key), sizeof(Key));
	pass->remainders = blob_map(sizeof(Key), sizeof(SumEntry));
}

PG_FUNCTION_INFO_V1(u16_candidate_rows);
Datum
u16_candidate_rows(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	MemoryContext context,
				old;
	Pass		pass = {0};

	InitMaterializedSRF(fcinfo, 0);
	pass.schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));

	context = AllocSetContextCreate(CurrentMemoryContext, "u16 candidate_rows", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	pass.context = context;
	old = MemoryContextSwitchTo(context);
	start_pass(&pass);
	if (PG_GETARG_BOOL(0))
		pass.suppression = suppression_create(&pass.strings);
	read_indicators(&pass);
	read_settings(&pass);
	read_today(&pass);
	read_cells(&pass);
	read_members(&pass);
	SPI_finish();

	MemoryContextSwitchTo(context);
	restate_cells(&pass);
	sum_cells(&pass);
	municipal_scorecard_rows(&pass);
	municipal_strata_rows(&pass);
	own_rows(&pass);
	summed_region_rows(&pass);
	remainder_rows(&pass);
	if (pass.suppression)
		protect_rows(&pass);
	for (int64 i = 0; i < pass.n_rows; i++)
		store_row(&pass, rsinfo->setResult, rsinfo->setDesc, i + 1, &pass.rows[i]);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(context);
	return (Datum) 0;
}
