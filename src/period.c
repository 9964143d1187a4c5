/*
 * period.c — the period type: a calendar year, half-year, quarter or month
 * ('2018', '2018H1', '2018Q3', '2018-05') of the years 1000..9999.
 *
 * A period is a 4-byte value passed by value (LIKE int4).  Its code is
 * start_month * 4 + granularity (see parse.h), chosen so that integer order
 * is the documented order: chronological by first day, and for periods
 * starting on the same day the longer one first.  The install script
 * therefore binds comparison, btree support, sort support and hashing to
 * int4's own functions (LANGUAGE internal, as contrib/isn does for its
 * types): they are as fast as int4 and correct because equal periods have
 * equal codes and code order is period order.  Everything that needs the
 * meaning of a period (I/O, arithmetic, containment, dates) lives here.
 */
#include "compat.h"

#include "catalog/pg_type_d.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "nodes/nodeFuncs.h"
#include "nodes/supportnodes.h"
#include "optimizer/optimizer.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "parse.h"

#define DatumGetPeriod(d)		DatumGetInt32(d)
#define PeriodGetDatum(p)		Int32GetDatum(p)
#define PG_GETARG_PERIOD(n)		DatumGetPeriod(PG_GETARG_DATUM(n))
#define PG_RETURN_PERIOD(p)		return PeriodGetDatum(p)

/* First day of the month with index year * 12 + (month - 1), as a date. */
static DateADT
month_first_day(int32 month_index)
{
	return date2j(month_index / 12, month_index % 12 + 1, 1) - POSTGRES_EPOCH_JDATE;
}

static DateADT
period_first_day(int32 code)
{
	return month_first_day(u16_period_start_month(code));
}

static DateADT
period_last_day(int32 code)
{
	return month_first_day((int32) u16_period_step_start(code, 1)) - 1;
}

/* The granularity's length in months times n, added to the start, checked. */
static int32
period_shift(int32 code, int64 n)
{
	int64		start = u16_period_step_start(code, n);

	if (start < (int64) U16_YEAR_MIN * 12 || start >= (int64) (U16_YEAR_MAX + 1) * 12)
	{
		char		text[U16_PERIOD_TEXT_MAX];

		u16_format_period(text, sizeof(text), code);
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("period out of range: %s shifted by " INT64_FORMAT, text, n),
				 errdetail("Periods lie in the years %d to %d.", U16_YEAR_MIN, U16_YEAR_MAX)));
	}
	return u16_period_encode((int32) start, u16_period_granularity(code));
}

static void
check_same_granularity(int32 a, int32 b, const char *what)
{
	if (u16_period_granularity(a) != u16_period_granularity(b))
	{
		char		text_a[U16_PERIOD_TEXT_MAX];
		char		text_b[U16_PERIOD_TEXT_MAX];

		u16_format_period(text_a, sizeof(text_a), a);
		u16_format_period(text_b, sizeof(text_b), b);
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s needs periods of the same granularity, got %s (%s) and %s (%s)",
						what, text_a, u16_granularity_name(u16_period_granularity(a)),
						text_b, u16_granularity_name(u16_period_granularity(b)))));
	}
}

/* Number of periods from a to b (b - a), both of one granularity. */
static int32
period_distance(int32 a, int32 b)
{
	return (int32) (u16_period_index(b) - u16_period_index(a));
}

/* ---------- input and output ---------- */

PG_FUNCTION_INFO_V1(u16_period_in);
Datum
u16_period_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	int32_t		code = 0;

	if (u16_parse_period(text, &code) != U16_PARSE_OK)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", "period", text),
				 errhint("A period is a year 1000..9999 written '2018', a half-year '2018H1', "
						 "a quarter '2018Q3' or a month '2018-05'.")));
	PG_RETURN_PERIOD(code);
}

PG_FUNCTION_INFO_V1(u16_period_out);
Datum
u16_period_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(U16_PERIOD_TEXT_MAX);

	u16_format_period(buf, U16_PERIOD_TEXT_MAX, PG_GETARG_PERIOD(0));
	PG_RETURN_CSTRING(buf);
}

/* Binary form: the code as a network-order int4, re-validated on receive. */
PG_FUNCTION_INFO_V1(u16_period_recv);
Datum
u16_period_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int32		code = pq_getmsgint(buf, 4);

	if (!u16_period_valid(code))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type period: %d", code),
				 errdetail("A period is start_month * 4 + granularity, with start_month = "
						   "year * 12 + month - 1 aligned to the granularity and the year "
						   "in %d..%d.", U16_YEAR_MIN, U16_YEAR_MAX)));
	PG_RETURN_PERIOD(code);
}

PG_FUNCTION_INFO_V1(u16_period_send);
Datum
u16_period_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, PG_GETARG_PERIOD(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------- constructor and accessors ---------- */

PG_FUNCTION_INFO_V1(u16_period_make);
Datum
u16_period_make(PG_FUNCTION_ARGS)
{
	DateADT		day = PG_GETARG_DATEADT(0);
	char	   *name = text_to_cstring(PG_GETARG_TEXT_PP(1));
	U16Granularity g;
	int			year;
	int			month;
	int			mday;
	int			months;

	if (!u16_parse_granularity(name, &g))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("unknown period granularity \"%s\"", name),
				 errhint("Use one of year, halfyear, quarter, month.")));
	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("an infinite date lies in no period")));
	j2date(day + POSTGRES_EPOCH_JDATE, &year, &month, &mday);
	if (year < U16_YEAR_MIN || year > U16_YEAR_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("date %s lies outside the periods",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day)))),
				 errdetail("Periods lie in the years %d to %d.", U16_YEAR_MIN, U16_YEAR_MAX)));
	months = u16_granularity_months(g);
	PG_RETURN_PERIOD(u16_period_encode(year * 12 + (month - 1) / months * months, g));
}

PG_FUNCTION_INFO_V1(u16_period_start);
Datum
u16_period_start(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(period_first_day(PG_GETARG_PERIOD(0)));
}

PG_FUNCTION_INFO_V1(u16_period_end);
Datum
u16_period_end(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(period_last_day(PG_GETARG_PERIOD(0)));
}

/*
 * Years from the start of a cohort (its year) to the period's start: '0',
 * '1', '2', '3' or '4+', the groups of the cohort view and the standardised
 * comparison.  STRICT: an unknown cohort has no group.
 */
PG_FUNCTION_INFO_V1(u16_years_since_start);
Datum
u16_years_since_start(PG_FUNCTION_ARGS)
{
	int64		years = (int64) (u16_period_start_month(PG_GETARG_PERIOD(0)) / 12) - PG_GETARG_INT32(1);

	if (years >= 4)
		PG_RETURN_TEXT_P(cstring_to_text("4+"));
	PG_RETURN_TEXT_P(cstring_to_text(psprintf(INT64_FORMAT, years)));
}

PG_FUNCTION_INFO_V1(u16_period_granularity_name);
Datum
u16_period_granularity_name(PG_FUNCTION_ARGS)
{
	U16Granularity g = u16_period_granularity(PG_GETARG_PERIOD(0));

	PG_RETURN_TEXT_P(cstring_to_text(u16_granularity_name(g)));
}

/* period::daterange, the canonical '[first day, day after last)'. */
PG_FUNCTION_INFO_V1(u16_period_daterange);
Datum
u16_period_daterange(PG_FUNCTION_ARGS)
{
	int32		code = PG_GETARG_PERIOD(0);
	TypeCacheEntry *typcache = lookup_type_cache(DATERANGEOID, TYPECACHE_RANGE_INFO);
	RangeBound	lower;
	RangeBound	upper;

	lower.val = DateADTGetDatum(period_first_day(code));
	lower.infinite = false;
	lower.inclusive = true;
	lower.lower = true;
	upper.val = DateADTGetDatum(period_last_day(code) + 1);
	upper.infinite = false;
	upper.inclusive = false;
	upper.lower = false;
	PG_RETURN_RANGE_P(u16_make_range(typcache, &lower, &upper, false));
}

/* ---------- arithmetic ---------- */

PG_FUNCTION_INFO_V1(u16_period_plus);
Datum
u16_period_plus(PG_FUNCTION_ARGS)
{
	PG_RETURN_PERIOD(period_shift(PG_GETARG_PERIOD(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(u16_period_minus);
Datum
u16_period_minus(PG_FUNCTION_ARGS)
{
	PG_RETURN_PERIOD(period_shift(PG_GETARG_PERIOD(0), -(int64) PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(u16_period_difference);
Datum
u16_period_difference(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_PERIOD(0);
	int32		b = PG_GETARG_PERIOD(1);

	check_same_granularity(a, b, "period - period");
	PG_RETURN_INT32(period_distance(b, a));
}

/* ---------- containment ---------- */

static bool
period_has_day(int32 code, DateADT day)
{
	return period_first_day(code) <= day && day <= period_last_day(code);
}

PG_FUNCTION_INFO_V1(u16_period_contains_date);
Datum
u16_period_contains_date(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(period_has_day(PG_GETARG_PERIOD(0), PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(u16_date_contained_by_period);
Datum
u16_date_contained_by_period(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(period_has_day(PG_GETARG_PERIOD(1), PG_GETARG_DATEADT(0)));
}

/* a contains b when b's months lie within a's; every period contains itself. */
static bool
period_contains(int32 a, int32 b)
{
	return u16_period_start_month(a) <= u16_period_start_month(b) &&
		u16_period_step_start(b, 1) <= u16_period_step_start(a, 1);
}

PG_FUNCTION_INFO_V1(u16_period_contains);
Datum
u16_period_contains(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(period_contains(PG_GETARG_PERIOD(0), PG_GETARG_PERIOD(1)));
}

PG_FUNCTION_INFO_V1(u16_period_contained_by);
Datum
u16_period_contained_by(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(period_contains(PG_GETARG_PERIOD(1), PG_GETARG_PERIOD(0)));
}

/* ---------- periods(from, to): a series, value per call ---------- */

typedef struct PeriodSeries
{
	int32		next;
	int32		remaining;
} PeriodSeries;

PG_FUNCTION_INFO_V1(u16_periods);
Datum
u16_periods(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	PeriodSeries *series;

	if (SRF_IS_FIRSTCALL())
	{
		int32		from = PG_GETARG_PERIOD(0);
		int32		to = PG_GETARG_PERIOD(1);
		MemoryContext oldcontext;

		check_same_granularity(from, to, "periods(from, to)");
		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		series = palloc_object(PeriodSeries);
		series->next = from;
		series->remaining = from <= to ? period_distance(from, to) + 1 : 0;
		funcctx->user_fctx = series;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	series = (PeriodSeries *) funcctx->user_fctx;
	if (series->remaining > 0)
	{
		int32		current = series->next;

		/* Step only while there is a next one: past the last, it could leave the years. */
		if (--series->remaining > 0)
			series->next = u16_period_step(current, 1);
		SRF_RETURN_NEXT(funcctx, PeriodGetDatum(current));
	}
	SRF_RETURN_DONE(funcctx);
}

/*
 * Planner support for periods(): with constant arguments the planner knows
 * the exact number of rows, as for generate_series, so joins against a
 * series of periods are planned with the right sizes.
 */
PG_FUNCTION_INFO_V1(u16_periods_support);
Datum
u16_periods_support(PG_FUNCTION_ARGS)
{
	Node	   *rawreq = (Node *) PG_GETARG_POINTER(0);
	SupportRequestRows *req;
	List	   *args;
	Node	   *from;
	Node	   *to;

	if (!IsA(rawreq, SupportRequestRows))
		PG_RETURN_POINTER(NULL);
	req = (SupportRequestRows *) rawreq;
	if (!is_funcclause(req->node))
		PG_RETURN_POINTER(NULL);
	args = ((FuncExpr *) req->node)->args;
	from = estimate_expression_value(req->root, linitial(args));
	to = estimate_expression_value(req->root, lsecond(args));
	if (IsA(from, Const) && !((Const *) from)->constisnull &&
		IsA(to, Const) && !((Const *) to)->constisnull)
	{
		int32		a = DatumGetPeriod(((Const *) from)->constvalue);
		int32		b = DatumGetPeriod(((Const *) to)->constvalue);

		if (u16_period_granularity(a) == u16_period_granularity(b))
		{
			req->rows = a <= b ? period_distance(a, b) + 1 : 0;
			PG_RETURN_POINTER(req);
		}
	}
	PG_RETURN_POINTER(NULL);
}
