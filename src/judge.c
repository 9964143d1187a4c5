/*
 * judge.c — the judged scorecard rows of the refresh in progress, in memory.
 *
 *   judged_rows() → setof the quantitative rows of monitor_scorecard
 *
 * reads the scorecard rows of monitor_row (after the disclosure control),
 * the catalogue, the targets, the standardised comparisons
 * (standardised_rates(), src/standardised.c), the names of the areas, the
 * assessment notes, the settings baseline_offset_years and significance_level
 * and the data's last date, and returns per row what monitor_scorecard
 * (85_monitor_judge.sql) publishes: value, interval, target, status, baseline,
 * change, trend, and what a hidden row withholds withheld.  The rules, row by
 * row (docs/monitor.md):
 *
 *   unit        a municipality's own unit where the catalogue has one
 *               (municipal_unit), else the indicator's
 *   baseline    the row of the same indicator, boundary set and area
 *               baseline_offset_years earlier (twice as many half-years)
 *   target      the area's own; a municipality without one follows its
 *               region's where the catalogue says so
 *   open        a figure that can still change: its window is open
 *               (open_until after the data's last date), or, but for
 *               milestones, the data do not cover its period to the end
 *               (a running year or half-year): not compared, status 'pending'
 *   change      shares: standardised (rate - baseline_rate) where the
 *               catalogue says so and cohorts allow it, else the crude
 *               difference of the two proportions
 *   trend       'rise' or 'fall' when significant at significance_level
 *               (standardised: z-test with the standardised variance, or the
 *               crude test where that variance is 0; crude
 *               shares: trend(); counts: the exact Poisson test), else
 *               'no change'; 'pending' while open; 'no data' without both
 *   status      a member's own yes/no result where the region counts members
 *               and no target applies, or its count is hidden (a target on the
 *               count would reveal it); else 'suppressed' when hidden; 'no target';
 *               milestones: the deadline by the period's end (or the data's
 *               last date), 'no data' where it is not known whether it was
 *               reached (a register that is not complete, without a row);
 *               'pending' while open; rise and fall: the trend
 *               ('baseline suppressed' when the baseline is hidden); counts
 *               and shares: the threshold (region rows with members without
 *               data: decided only if it holds whatever they did)
 *
 * Each rule calls the same functions as the SQL the view used to be (share(),
 * trend(), attainment(), round(x::numeric, 6) as rounded.c computes it, ...),
 * so every figure keeps its bits; sql/monitor_judged.sql checks every row
 * against that SQL, on random rows and targets.
 */
#include "compat.h"

#include <math.h>

#include "access/htup_details.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/fmgrprotos.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/tuplestore.h"

#include "in_memory.h"
#include "interned.h"
#include "parse.h"
#include "rounded.h"
#include "share.h"

/* The SQL functions of u16 the rules call. */
extern Datum u16_share_make(PG_FUNCTION_ARGS);
extern Datum u16_share_value(PG_FUNCTION_ARGS);
extern Datum u16_share_ci_lower(PG_FUNCTION_ARGS);
extern Datum u16_share_ci_upper(PG_FUNCTION_ARGS);
extern Datum u16_share_denominator(PG_FUNCTION_ARGS);
extern Datum u16_share_increase(PG_FUNCTION_ARGS);
extern Datum u16_share_trend(PG_FUNCTION_ARGS);
extern Datum u16_count_trend(PG_FUNCTION_ARGS);
extern Datum u16_normal_p_value(PG_FUNCTION_ARGS);
extern Datum u16_attainment_share(PG_FUNCTION_ARGS);
extern Datum u16_attainment_count(PG_FUNCTION_ARGS);
extern Datum u16_attainment_deadline(PG_FUNCTION_ARGS);
extern Datum u16_target_kind_name(PG_FUNCTION_ARGS);
extern Datum u16_target_threshold(PG_FUNCTION_ARGS);
extern Datum u16_target_out(PG_FUNCTION_ARGS);
extern Datum u16_period_out(PG_FUNCTION_ARGS);
extern Datum u16_period_start(PG_FUNCTION_ARGS);
extern Datum u16_period_end(PG_FUNCTION_ARGS);
extern Datum u16_period_minus(PG_FUNCTION_ARGS);

/* A value that may be NULL. */
typedef struct Value
{
	Datum		datum;
	bool		null;
} Value;

static const Value null_value = {(Datum) 0, true};

static Value
value_of(Datum datum)
{
	Value		v = {datum, false};

	return v;
}

/* Calls a function of u16 with arguments that may be NULL, as the executor would (not strict). */
static Value
call(PGFunction function, int nargs, const Value *args)
{
	LOCAL_FCINFO(fcinfo, 4);
	Value		result;

	Assert(nargs <= 4);
	InitFunctionCallInfoData(*fcinfo, NULL, nargs, InvalidOid, NULL, NULL);
	for (int i = 0; i < nargs; i++)
	{
		fcinfo->args[i].value = args[i].datum;
		fcinfo->args[i].isnull = args[i].null;
	}
	result.datum = function(fcinfo);
	result.null = fcinfo->isnull;
	return result;
}

/* The same for a strict function: NULL when an argument is. */
static Value
call_strict(PGFunction function, int nargs, const Value *args)
{
	for (int i = 0; i < nargs; i++)
		if (args[i].null)
			return null_value;
	return call(function, nargs, args);
}

#define CALL(f, ...) call((f), lengthof(((Value[]) {__VA_ARGS__})), (Value[]) {__VA_ARGS__})
#define STRICT(f, ...) call_strict((f), lengthof(((Value[]) {__VA_ARGS__})), (Value[]) {__VA_ARGS__})

static bool
text_equals(Value v, const char *word)
{
	return !v.null && text_is(v.datum, word);
}

/* round(x::numeric, digits) */
static Value
round_float(Value x, int digits)
{
	if (x.null)
		return null_value;
	return value_of(rounded_numeric(DatumGetFloat8(x.datum), digits));
}

typedef struct Indicator
{
	bool		known;
	int64		theme;
	int32		name;
	bool		standardised;
	bool		members_rule;	/* region rule 'members' */
	int32		unit;			/* interned */
	int32		municipal_unit; /* coalesce(municipal_unit, unit) */
	bool		follow_region;	/* members_follow_region_target */
} Indicator;

typedef struct Key
{
	int32		indicator;
	int32		boundaries;
	int32		area_type;		/* -1 where the key has none */
	int32		area;
	int32		period;
} Key;

typedef struct Row
{
	Key			key;
	int32		parent;
	Value		numerator;
	Value		denominator;
	Value		done_on;
	Value		open_until;
	Value		met;
	Value		unknown_members;
	bool		hidden;
} Row;

typedef struct RowEntry
{
	Key			key;
	Row		   *row;
} RowEntry;

typedef struct GoalEntry
{
	Key			key;			/* indicator, area, period */
	Datum		target;
} GoalEntry;

typedef struct RatesEntry
{
	Key			key;			/* indicator, boundaries, area, period */
	double		rate;
	double		baseline_rate;
	double		variance;
} RatesEntry;

typedef struct NoteEntry
{
	Key			key;			/* indicator, area, period */
	int32		summary;
} NoteEntry;

typedef struct Pass
{
	MemoryContext context;
	const char *schema;
	Interned	strings;
	Indicator  *indicators;		/* by interned code, n_slots of them */
	int32		n_slots;
	int32	   *names;			/* area's name by interned code, n_slots; -1: none */
	Row		   *rows;
	int64		n_rows;
	BlobMap    *row_index;
	BlobMap    *targets;
	BlobMap    *rates;
	BlobMap    *notes;
	int32		offset_years;
	double		alpha;
	Value		data_date;
	/* interned words */
	int32		municipality;
	int32		share;
	int32		count;
	int32		milestone;
	Tuplestorestate *store;
	TupleDesc	desc;
} Pass;

static Key
key_of(int32 indicator, int32 boundaries, int32 area_type, int32 area, int32 period)
{
	Key			key = {indicator, boundaries, area_type, area, period};

	return key;
}

static Value
text_value(Pass *pass, int32 string)
{
	return string < 0 ? null_value : value_of(interned_text(&pass->strings, string));
}

static int32
intern_column(Pass *pass, HeapTuple tuple, int column)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tuple, SPI_tuptable->tupdesc, column, &isnull);

	return intern_text(&pass->strings, d, isnull);
}

static Value
column(HeapTuple tuple, int column)
{
	Value		v;

	v.datum = SPI_getbinval(tuple, SPI_tuptable->tupdesc, column, &v.null);
	return v;
}

/* ---------- reading ---------- */

/* Grows the arrays by interned code to hold every string interned so far. */
static void
make_room(Pass *pass)
{
	int32		n = pass->strings.n;

	if (n <= pass->n_slots)
		return;
	n = Max(n, 2 * pass->n_slots);
	pass->indicators = repalloc(pass->indicators, sizeof(Indicator) * n);
	memset(pass->indicators + pass->n_slots, 0, sizeof(Indicator) * (n - pass->n_slots));
	pass->names = repalloc(pass->names, sizeof(int32) * n);
	for (int32 i = pass->n_slots; i < n; i++)
		pass->names[i] = -1;
	pass->n_slots = n;
}

static void
read_indicators(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT code, theme, name_en, standardised, region_rule = 'members', unit, "
										"coalesce(municipal_unit, unit), members_follow_region_target "
										"FROM %s.indicator", pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		int32		code = intern_column(pass, t, 1);
		Indicator  *ind;

		make_room(pass);
		ind = &pass->indicators[code];
		ind->known = true;
		ind->theme = DatumGetInt32(column(t, 2).datum);
		ind->name = intern_column(pass, t, 3);
		ind->standardised = DatumGetBool(column(t, 4).datum);
		ind->members_rule = DatumGetBool(column(t, 5).datum);
		ind->unit = intern_column(pass, t, 6);
		ind->municipal_unit = intern_column(pass, t, 7);
		ind->follow_region = DatumGetBool(column(t, 8).datum);
	}
}

static void
read_settings(Pass *pass)
{
	HeapTuple	t;

	select_rows(pass->context,
				psprintf("SELECT %1$s.setting_int('baseline_offset_years'), "
						 "%1$s.setting_numeric('significance_level')::double precision, "
						 "(SELECT data_date FROM %1$s.monitor_run)", pass->schema));
	t = SPI_tuptable->vals[0];
	pass->offset_years = DatumGetInt32(column(t, 1).datum);
	pass->alpha = DatumGetFloat8(column(t, 2).datum);
	pass->data_date = column(t, 3);
}

/* Municipalities' names, then regions' where no municipality has the code. */
static void
read_names(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT code::text, name, 1 FROM %1$s.municipality "
										"UNION ALL SELECT code, name, 2 FROM %1$s.region ORDER BY 3",
										pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		int32		code = intern_column(pass, t, 1);
		int32		name = intern_column(pass, t, 2);

		make_room(pass);
		if (pass->names[code] < 0)
			pass->names[code] = name;
	}
}

/* A query's rows keyed by its first three columns (indicator, area, period), into a map. */
static void *
enter_keyed(Pass *pass, BlobMap *map, HeapTuple t)
{
	Key			key = key_of(intern_column(pass, t, 1), -1, -1, intern_column(pass, t, 2),
							 DatumGetInt32(column(t, 3).datum));

	return blob_enter(map, &key, NULL);
}

static void
read_targets(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT indicator_code, area_code, period, target FROM %s.indicator_target",
										pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		GoalEntry  *e = enter_keyed(pass, pass->targets, SPI_tuptable->vals[i]);

		e->target = column(SPI_tuptable->vals[i], 4).datum;	/* by value: 8 bytes */
	}
}

static void
read_notes(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT indicator_code, area_code, period, summary FROM %s.assessment_note",
										pass->schema));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		NoteEntry  *e = enter_keyed(pass, pass->notes, SPI_tuptable->vals[i]);

		e->summary = intern_column(pass, SPI_tuptable->vals[i], 4);
	}
}

static void
read_rates(Pass *pass)
{
	select_rows(pass->context, psprintf("SELECT indicator_code, boundaries, area_code, period, rate, baseline_rate, "
										"variance FROM %s.standardised_rates(%d)", pass->schema, pass->offset_years));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		Key			key = key_of(intern_column(pass, t, 1), intern_column(pass, t, 2), -1,
								 intern_column(pass, t, 3), DatumGetInt32(column(t, 4).datum));
		RatesEntry *e = blob_enter(pass->rates, &key, NULL);

		e->rate = DatumGetFloat8(column(t, 5).datum);
		e->baseline_rate = DatumGetFloat8(column(t, 6).datum);
		e->variance = DatumGetFloat8(column(t, 7).datum);
	}
}

/* The scorecard rows (not the remainders), indexed by their key for their baselines. */
static void
read_rows(Pass *pass)
{
	select_rows(pass->context,
				psprintf("SELECT indicator_code, boundaries, area_type, area_code, period, parent_region, numerator, "
						 "denominator, done_on, open_until, met, unknown_members, hidden "
						 "FROM %s.monitor_row WHERE kind = 'scorecard' AND area_type <> 'remainder'", pass->schema));
	pass->rows = palloc(sizeof(Row) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Row		   *r = &pass->rows[pass->n_rows++];
		Datum		v[13];
		bool		n[13];
		RowEntry   *e;

		CHECK_FOR_INTERRUPTS();
		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, n);
		r->key = key_of(intern_text(&pass->strings, v[0], n[0]), intern_text(&pass->strings, v[1], n[1]),
						intern_text(&pass->strings, v[2], n[2]), intern_text(&pass->strings, v[3], n[3]),
						DatumGetInt32(v[4]));
		r->parent = intern_text(&pass->strings, v[5], n[5]);
		r->numerator = (Value) {v[6], n[6]};
		r->denominator = (Value) {v[7], n[7]};
		r->done_on = (Value) {v[8], n[8]};
		r->open_until = (Value) {v[9], n[9]};
		r->met = (Value) {v[10], n[10]};
		r->unknown_members = (Value) {v[11], n[11]};
		r->hidden = DatumGetBool(v[12]);
		e = blob_enter(pass->row_index, &r->key, NULL);
		e->row = r;
	}
	make_room(pass);
}

/* ---------- judging one row ---------- */

/* What is computed of a row before the columns that publish it. */
typedef struct Judgement
{
	const Row  *row;
	const Indicator *indicator;
	int32		unit;
	int32		baseline_period;
	Value		target;
	bool		open;
	Value		as_of;
	Value		cell;
	const Row  *baseline;		/* NULL: no baseline row */
	Value		baseline_cell;
	const RatesEntry *rates;	/* NULL: no standardised comparison */
	bool		standardised;	/* the change is the standardised one */
	Value		comparison;
	Value		crude_change;
	Value		change;
	Value		trend;
	Value		status;
} Judgement;

static Value
text_literal(const char *word)
{
	return value_of(CStringGetTextDatum(word));
}

/* trend: see the file's header. */
static Value
trend_of(Pass *pass, const Judgement *j)
{
	const Row  *r = j->row;
	Value		alpha = value_of(Float8GetDatum(pass->alpha));

	if (r->hidden || (j->baseline != NULL && j->baseline->hidden))
		return null_value;
	if (j->open)
		return text_literal("pending");
	/* standardised, with a variance to test against; with none (every group all or none) the crude exact test decides */
	if (j->unit == pass->share && j->standardised && (j->rates->rate == j->rates->baseline_rate || j->rates->variance > 0))
	{
		const RatesEntry *s = j->rates;

		if (s->rate == s->baseline_rate ||
			DatumGetFloat8(CALL(u16_normal_p_value,
								value_of(Float8GetDatum((s->rate - s->baseline_rate) / sqrt(s->variance)))).datum)
			>= pass->alpha)
			return text_literal("no change");
		return text_literal(s->rate > s->baseline_rate ? "rise" : "fall");
	}
	if (j->unit == pass->share)
	{
		Value		t = STRICT(u16_share_trend, j->cell, j->baseline_cell, alpha);

		return t.null ? text_literal("no data") : t;
	}
	if (j->unit == pass->count)
	{
		if (!r->numerator.null && j->baseline != NULL && !j->baseline->numerator.null)
			return STRICT(u16_count_trend, r->numerator, j->baseline->numerator, alpha);
		return text_literal("no data");
	}
	return null_value;
}

/* A share threshold held with the members without data counted either way, or 'no data'. */
static Value
decided_whatever_unknown(const Judgement *j)
{
	const Row  *r = j->row;
	Value		with_cell = CALL(u16_attainment_share, j->cell, j->target);
	Value		all_met = null_value;
	Value		with_all;

	if (!r->numerator.null)
		all_met = STRICT(u16_share_make, STRICT(int8pl, r->numerator, r->unknown_members), r->denominator);
	with_all = CALL(u16_attainment_share, all_met, j->target);

	if (!with_cell.null && text_equals(with_all, TextDatumGetCString(with_cell.datum)))
		return with_cell;
	return text_literal("no data");
}

/* status: see the file's header. */
static Value
status_of(Pass *pass, const Judgement *j)
{
	const Row  *r = j->row;
	bool		member_of_members = j->indicator->members_rule && r->key.area_type == pass->municipality;
	Value		kind;

	/* a withheld count shows its own yes/no result only: a target on the count would reveal it */
	if ((j->target.null || r->hidden) && member_of_members && !r->met.null && j->unit != pass->milestone)
		return text_literal(j->open ? "pending" : DatumGetBool(r->met.datum) ? "met" : "not met");
	if (r->hidden)
		return text_literal("suppressed");
	if (j->target.null)
		return text_literal("no target");
	if (j->unit == pass->milestone)			/* unknown: not a complete register, no row */
		return r->numerator.null ? text_literal("no data")
			: CALL(u16_attainment_deadline, r->done_on, j->target, j->as_of);
	if (j->open)
		return text_literal("pending");
	kind = STRICT(u16_target_kind_name, j->target);
	if (text_equals(kind, "rise") || text_equals(kind, "fall"))
	{
		if (j->baseline != NULL && j->baseline->hidden)
			return text_literal("baseline suppressed");
		if (j->trend.null || text_equals(j->trend, "no data"))
			return text_literal("no data");
		if (text_equals(j->trend, "no change"))
			return text_literal("no change");
		return text_literal(text_equals(j->trend, TextDatumGetCString(kind.datum)) ? "met" : "not met");
	}
	if (j->unit == pass->count)
		return CALL(u16_attainment_count, r->numerator, j->target);
	if (!r->unknown_members.null && DatumGetInt64(r->unknown_members.datum) > 0)
		return decided_whatever_unknown(j);
	return CALL(u16_attainment_share, j->cell, j->target);
}

static Value
target_of(Pass *pass, const Row *r, const Indicator *ind)
{
	GoalEntry *t = blob_find(pass->targets, &(Key) {r->key.indicator, -1, -1, r->key.area, r->key.period});

	if (t == NULL && r->key.area_type == pass->municipality && ind->follow_region && r->parent >= 0)
		t = blob_find(pass->targets, &(Key) {r->key.indicator, -1, -1, r->parent, r->key.period});
	return t == NULL ? null_value : value_of(t->target);
}

static void
judge(Pass *pass, const Row *r, const Indicator *ind, Judgement *j)
{
	Value		period = value_of(Int32GetDatum(r->key.period));
	int			offset = u16_period_granularity(r->key.period) == U16_GRANULARITY_YEAR
		? pass->offset_years : 2 * pass->offset_years;
	RowEntry   *b;
	bool		running;		/* the data end before the period does */

	memset(j, 0, sizeof(*j));
	j->row = r;
	j->indicator = ind;
	j->unit = r->key.area_type == pass->municipality ? ind->municipal_unit : ind->unit;
	j->baseline_period = DatumGetInt32(CALL(u16_period_minus, period, value_of(Int32GetDatum(offset))).datum);
	j->target = target_of(pass, r, ind);
	j->as_of = CALL(u16_period_end, period);
	running = !pass->data_date.null && DatumGetDateADT(pass->data_date.datum) < DatumGetDateADT(j->as_of.datum);
	/* open: a window still open, or a period the data do not cover to its end */
	j->open = (!r->open_until.null &&
			   (pass->data_date.null || DatumGetDateADT(r->open_until.datum) > DatumGetDateADT(pass->data_date.datum)))
		|| (running && j->unit != pass->milestone);
	if (running)
		j->as_of = pass->data_date;
	j->cell = STRICT(u16_share_make, r->numerator, r->denominator);
	b = blob_find(pass->row_index, &(Key) {r->key.indicator, r->key.boundaries, r->key.area_type, r->key.area,
										   j->baseline_period});
	j->baseline = b ? b->row : NULL;
	j->baseline_cell = j->unit == pass->share && b != NULL
		? STRICT(u16_share_make, b->row->numerator, b->row->denominator) : null_value;
	j->rates = ind->standardised
		? blob_find(pass->rates, &(Key) {r->key.indicator, r->key.boundaries, -1, r->key.area, r->key.period})
		: NULL;
	j->standardised = j->unit == pass->share && j->rates != NULL;
	if (j->unit == pass->share)
		j->comparison = text_literal(j->standardised ? "standardised" : "crude");
	else
		j->comparison = null_value;
	j->crude_change = STRICT(u16_share_increase, j->cell, j->baseline_cell);
	j->change = j->standardised ? value_of(Float8GetDatum(j->rates->rate - j->rates->baseline_rate)) : j->crude_change;
	j->trend = trend_of(pass, j);
	j->status = status_of(pass, j);
}

/* ---------- publishing one row ---------- */

static Value
value_column(Pass *pass, const Judgement *j)
{
	const Row  *r = j->row;

	if (r->hidden)
		return null_value;
	if (j->unit == pass->share)
		return round_float(STRICT(u16_share_value, j->cell), 6);
	if (j->unit == pass->count)
		return r->numerator.null ? null_value : value_of(DirectFunctionCall1(int8_numeric, r->numerator.datum));
	if (j->unit == pass->milestone && !r->denominator.null && DatumGetInt64(r->denominator.datum) > 0)
	{
		if (r->numerator.null)
			return null_value;
		return value_of(DirectFunctionCall2(numeric_round,
											DirectFunctionCall2(numeric_div,
																DirectFunctionCall1(int8_numeric, r->numerator.datum),
																DirectFunctionCall1(int8_numeric, r->denominator.datum)),
											Int32GetDatum(6)));
	}
	return null_value;
}

static Value
interval_vs_target(Pass *pass, const Judgement *j, Value lower, Value upper)
{
	Value		threshold;
	Value		denominator;
	double		t;

	if (j->row->hidden || j->unit != pass->share)
		return null_value;
	threshold = STRICT(u16_target_threshold, j->target);
	denominator = STRICT(u16_share_denominator, j->cell);
	if (threshold.null || denominator.null || DatumGetInt64(denominator.datum) <= 0)
		return null_value;
	t = DatumGetFloat8(DirectFunctionCall1(numeric_float8, threshold.datum));
	if (!lower.null && DatumGetFloat8(lower.datum) > t)
		return text_literal("above");
	if (!upper.null && DatumGetFloat8(upper.datum) < t)
		return text_literal("below");
	if (lower.null || upper.null)
		return null_value;
	return text_literal("overlaps");
}

static Value
baseline_value(Pass *pass, const Judgement *j)
{
	if (j->row->hidden || j->baseline == NULL || j->baseline->hidden)
		return null_value;
	if (j->unit == pass->share)
		return round_float(STRICT(u16_share_value, j->baseline_cell), 6);
	if (j->unit == pass->count && !j->baseline->numerator.null)
		return value_of(DirectFunctionCall1(int8_numeric, j->baseline->numerator.datum));
	return null_value;
}

static Value
change_points(Value change)
{
	if (change.null)
		return null_value;
	return round_float(value_of(Float8GetDatum(DatumGetFloat8(change.datum) * 100.0)), 2);
}

static Value
cstring_value(PGFunction out, Datum value)
{
	return value_of(CStringGetTextDatum(DatumGetCString(DirectFunctionCall1(out, value))));
}

static void
emit(Pass *pass, const Judgement *j)
{
	const Row  *r = j->row;
	const Indicator *ind = j->indicator;
	bool		compared = !r->hidden && j->baseline != NULL && !j->baseline->hidden && !j->open;
	bool		share = !r->hidden && j->unit == pass->share;
	Value		lower = share ? STRICT(u16_share_ci_lower, j->cell, value_of(Float8GetDatum(0.95))) : null_value;
	Value		upper = share ? STRICT(u16_share_ci_upper, j->cell, value_of(Float8GetDatum(0.95))) : null_value;
	NoteEntry  *note = blob_find(pass->notes, &(Key) {r->key.indicator, -1, -1, r->key.area, r->key.period});
	Value		v[26];
	Datum		datums[26];
	bool		nulls[26];

	v[0] = text_value(pass, r->key.indicator);
	v[1] = value_of(Int64GetDatum(ind->theme));
	v[2] = text_value(pass, ind->name);
	v[3] = text_value(pass, j->unit);
	v[4] = text_value(pass, r->key.boundaries);
	v[5] = text_value(pass, r->key.area);
	v[6] = text_value(pass, pass->names[r->key.area]);
	v[7] = text_value(pass, r->key.area_type);
	v[8] = cstring_value(u16_period_out, Int32GetDatum(r->key.period));
	v[9] = CALL(u16_period_start, value_of(Int32GetDatum(r->key.period)));
	v[10] = r->hidden ? null_value : r->numerator;
	v[11] = r->hidden ? null_value : r->denominator;
	v[12] = value_column(pass, j);
	v[13] = round_float(lower, 6);
	v[14] = round_float(upper, 6);
	v[15] = j->target.null ? null_value : cstring_value(u16_target_out, j->target.datum);
	v[16] = j->status;
	v[17] = interval_vs_target(pass, j, lower, upper);
	v[18] = cstring_value(u16_period_out, Int32GetDatum(j->baseline_period));
	v[19] = baseline_value(pass, j);
	v[20] = compared && !j->change.null ? j->comparison : null_value;
	v[21] = compared ? change_points(j->change) : null_value;
	v[22] = compared ? change_points(j->crude_change) : null_value;
	v[23] = j->trend;
	v[24] = note ? text_value(pass, note->summary) : null_value;
	v[25] = value_of(BoolGetDatum(r->hidden));
	for (int i = 0; i < 26; i++)
	{
		datums[i] = v[i].datum;
		nulls[i] = v[i].null;
	}
	tuplestore_putvalues(pass->store, pass->desc, datums, nulls);
}

/* ---------- the function ---------- */

static void
start_pass(Pass *pass)
{
	interned_init(&pass->strings);
	pass->municipality = intern(&pass->strings, "municipality");
	pass->share = intern(&pass->strings, "share");
	pass->count = intern(&pass->strings, "count");
	pass->milestone = intern(&pass->strings, "milestone");
	pass->n_slots = 64;
	pass->indicators = palloc0(sizeof(Indicator) * pass->n_slots);
	pass->names = palloc(sizeof(int32) * pass->n_slots);
	for (int32 i = 0; i < pass->n_slots; i++)
		pass->names[i] = -1;
	pass->row_index = blob_map(sizeof(Key), sizeof(RowEntry));
	pass->targets = blob_map(sizeof(Key), sizeof(GoalEntry));
	pass->rates = blob_map(sizeof(Key), sizeof(RatesEntry));
	pass->notes = blob_map(sizeof(Key), sizeof(NoteEntry));
}

/* The function's result set, and the pass's memory and SPI. */
static void
start_set(FunctionCallInfo fcinfo, Pass *pass)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	pass->store = rsinfo->setResult;
	pass->desc = rsinfo->setDesc;
	pass->schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	pass->context = AllocSetContextCreate(CurrentMemoryContext, "u16 judged rows", ALLOCSET_DEFAULT_SIZES);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	MemoryContextSwitchTo(pass->context);
	start_pass(pass);
	read_indicators(pass);
	read_names(pass);
}

/* Judges and emits each row of a known indicator, in a memory context reset after each. */
static void
judge_rows(Pass *pass)
{
	MemoryContext per_row = AllocSetContextCreate(pass->context, "u16 judged row", ALLOCSET_DEFAULT_SIZES);

	for (int64 i = 0; i < pass->n_rows; i++)
	{
		const Row  *r = &pass->rows[i];
		const Indicator *ind = &pass->indicators[r->key.indicator];
		Judgement	j;

		CHECK_FOR_INTERRUPTS();
		if (!ind->known)
			continue;
		MemoryContextSwitchTo(per_row);
		judge(pass, r, ind, &j);
		emit(pass, &j);
		MemoryContextReset(per_row);
	}
}

PG_FUNCTION_INFO_V1(u16_judged_rows);
Datum
u16_judged_rows(PG_FUNCTION_ARGS)
{
	MemoryContext old = CurrentMemoryContext;
	Pass		pass = {0};

	start_set(fcinfo, &pass);
	read_settings(&pass);
	read_targets(&pass);
	read_notes(&pass);
	read_rates(&pass);
	read_rows(&pass);
	SPI_finish();
	judge_rows(&pass);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(pass.context);
	return (Datum) 0;
}
