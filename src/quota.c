/*
 * quota.c — the housing quota (taakstelling): the statutory formula and the
 * ledger of quota, housed persons and carried balances (docs/domain.md).
 *
 *   statutory_quota(national_total, inhabitants, national_inhabitants)
 *       = ceil(national_total * inhabitants / national_inhabitants), exactly.
 *
 *   quota_ledger(period, quota, housed [, correction [, carry_surplus]])
 *       aggregate -> quota_ledger, a summary of all periods of one
 *       municipality; quota_deficit(...) is the same aggregate with the
 *       closing balance as its result.  Accessors describe the last period
 *       (carried_in, obligation, closing_balance, missed_in_a_row, ...), and
 *       ledger_rows() lists every period.
 *
 * Carry-over per period h (balance > 0 is a deficit, < 0 a surplus):
 *       carried(h)    = balance(h)            if carry_surplus
 *                     = max(balance(h), 0)    otherwise
 *       obligation(h) = quota(h) + carried(h)
 *       balance(h+1)  = obligation(h) - housed(h) + correction(h)
 * starting from balance 0.  An opening balance B carried into period P is a
 * row (P - 1, quota 0, housed 0, correction B).  A period missing between
 * the first and the last is a period with nothing in it (quota 0, housed 0).
 *
 * Rows may arrive in any order: the state keeps one entry per period and the
 * arithmetic runs in period order when a result is asked for.  That makes
 * the aggregate order-independent and parallel (the combine function joins
 * entry lists), and the state is a plain varlena type with text I/O, so it
 * also distributes under Citus.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "common/int.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "parse.h"

#ifndef HAVE_INT128
#error "u16 needs a compiler with 128-bit integers (gcc or clang on a 64-bit platform)"
#endif

/* ---------- statutory quota (Huisvestingswet 2014, art. 29) ---------- */

PG_FUNCTION_INFO_V1(u16_statutory_quota);
Datum
u16_statutory_quota(PG_FUNCTION_ARGS)
{
	int64		national_total = PG_GETARG_INT64(0);
	int64		inhabitants = PG_GETARG_INT64(1);
	int64		national_inhabitants = PG_GETARG_INT64(2);
	int128		product;
	int128		quota;

	if (national_inhabitants <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("national inhabitants must be positive, got " INT64_FORMAT,
						national_inhabitants)));
	if (national_total < 0 || inhabitants < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("national total and inhabitants must not be negative")));
	product = (int128) national_total * inhabitants;
	quota = (product + national_inhabitants - 1) / national_inhabitants;
	if (quota > PG_INT64_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("statutory quota out of range for bigint")));
	PG_RETURN_INT64((int64) quota);
}

/* ---------- the ledger value ---------- */

/* One period of the ledger after the carry-over arithmetic. */
typedef struct LedgerStep
{
	int32		period;
	int32		missed_in_a_row;	/* consecutive periods with obligation not met */
	int64		quota;
	int64		carried_in;
	int64		obligation;
	int64		housed;
	int64		correction;
	int64		closing_balance;
} LedgerStep;

/*
 * The ledger: one entry per period, in the order they arrived, with room to
 * grow in place.  While the entries arrived in ascending period order (the
 * window form, and any ORDER BY period), 'last' caches the last period's
 * step, so every row costs O(1); otherwise results sort and walk the
 * entries.  On-disk format: never change it.
 */
typedef struct QuotaLedger
{
	int32		vl_len_;		/* varlena header */
	int32		count;			/* entries in use */
	int32		capacity;		/* entries allocated, >= count */
	bool		carry_surplus;	/* policy; meaningful once count > 0 */
	bool		ascending;		/* entries strictly ascending: 'last' is valid */
	char		padding[6];		/* always zero */
	LedgerStep	last;			/* the last period's step, when ascending */
	U16LedgerEntry entries[FLEXIBLE_ARRAY_MEMBER];	/* one per period */
} QuotaLedger;

/*
 * Room made when a ledger inside an aggregate grows: at least 64 periods, 32
 * years of half-years, so a typical ledger is allocated once and never copied
 * again.  Outside aggregates ledgers are made to measure.
 */
#define LEDGER_FIRST_ROOM 64
#define LEDGER_SIZE(capacity) (offsetof(QuotaLedger, entries) + (capacity) * sizeof(U16LedgerEntry))
#define LEDGER_MAX_ENTRIES ((int) ((MaxAllocSize - LEDGER_SIZE(0)) / sizeof(U16LedgerEntry)))
#define PG_GETARG_LEDGER_P(n) ledger_arg(fcinfo, n)

/*
 * Argument n as a ledger.  A ledger is rarely toasted (only when stored in a
 * table), so the common case costs no function call: the accessors and the
 * window form run this once a row.
 */
static inline QuotaLedger *
ledger_arg(FunctionCallInfo fcinfo, int n)
{
	struct varlena *value = (struct varlena *) PG_GETARG_POINTER(n);

	if (unlikely(VARATT_IS_EXTENDED(value)))
		value = pg_detoast_datum(value);
	return (QuotaLedger *) value;
}

static QuotaLedger *
ledger_alloc(int capacity, bool carry_surplus)
{
	QuotaLedger *ledger = palloc0(LEDGER_SIZE(capacity));

	SET_VARSIZE(ledger, LEDGER_SIZE(capacity));
	ledger->capacity = capacity;
	ledger->carry_surplus = carry_surplus;
	ledger->ascending = true;
	return ledger;
}

/* A copy with room for 'room' more entries. */
static QuotaLedger *
ledger_copy(const QuotaLedger *ledger, int room)
{
	int64		wanted = (int64) ledger->count + room;
	int			capacity;
	QuotaLedger *copy;

	if (wanted > LEDGER_MAX_ENTRIES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("quota ledger has too many periods")));
	capacity = (int) wanted;
	copy = palloc0(LEDGER_SIZE(capacity));
	memcpy(copy, ledger, LEDGER_SIZE(ledger->count));
	SET_VARSIZE(copy, LEDGER_SIZE(capacity));
	copy->capacity = capacity;
	return copy;
}

static char *
period_text(int32 period)
{
	char	   *text = palloc(U16_PERIOD_TEXT_MAX);

	u16_format_period(text, U16_PERIOD_TEXT_MAX, period);
	return text;
}

static int64
checked_add(int64 a, int64 b)
{
	int64		sum;

	if (pg_add_s64_overflow(a, b, &sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("quota ledger balance out of range for bigint")));
	return sum;
}

/*
 * The carry-over arithmetic (docs/domain.md, the housing quota), one period
 * at a time: the step for 'entry' after 'previous' (NULL for the first period).  The only place
 * the formula is written down.
 */
static LedgerStep
ledger_next_step(const LedgerStep *previous, const U16LedgerEntry *entry, bool carry_surplus)
{
	int64		balance = previous ? previous->closing_balance : 0;
	int32		missed = previous ? previous->missed_in_a_row : 0;
	LedgerStep	step;

	step.period = entry->period;
	step.quota = entry->quota;
	step.housed = entry->housed;
	step.correction = entry->correction;
	step.carried_in = carry_surplus ? balance : Max(balance, 0);
	step.obligation = checked_add(step.quota, step.carried_in);
	step.closing_balance = checked_add(checked_add(step.obligation, -step.housed), step.correction);
	step.missed_in_a_row = (step.obligation > 0 && step.housed < step.obligation) ? missed + 1 : 0;
	return step;
}

/*
 * Advances 'step' from its period to entry's, through any gap periods (a gap
 * is a period with nothing in it), then over the entry itself.
 */
static LedgerStep
ledger_advance(const LedgerStep *step, const U16LedgerEntry *entry, bool carry_surplus)
{
	LedgerStep	current;
	int64		gaps;

	if (step == NULL)
		return ledger_next_step(NULL, entry, carry_surplus);
	current = *step;
	if (entry->period == u16_period_step(step->period, 1))
		return ledger_next_step(&current, entry, carry_surplus);	/* the common case */
	gaps = u16_period_index(entry->period) - u16_period_index(step->period) - 1;
	for (int64 i = 1; i <= gaps; i++)
	{
		U16LedgerEntry gap = {u16_period_step(step->period, i), 0, 0, 0, 0};

		current = ledger_next_step(&current, &gap, carry_surplus);
	}
	return ledger_next_step(&current, entry, carry_surplus);
}

/* The checks every entry passes, whether it comes from a row, text or binary. */
static void
check_entry(const QuotaLedger *ledger, const U16LedgerEntry *entry)
{
	if (!u16_period_valid(entry->period))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid period code %d in quota ledger", entry->period)));
	if (entry->quota < 0 || entry->housed < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("quota and housed must not be negative (period %s)",
						period_text(entry->period))));
	if (ledger->count > 0 &&
		u16_period_granularity(entry->period) != u16_period_granularity(ledger->entries[0].period))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("period %s has another granularity than period %s of the same quota ledger",
						period_text(entry->period), period_text(ledger->entries[0].period)),
				 errhint("Aggregate one granularity at a time, e.g. half-years only.")));
}

static void
check_policy(const QuotaLedger *ledger, bool carry_surplus)
{
	if (ledger->count > 0 && ledger->carry_surplus != carry_surplus)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("carry_surplus differs between rows of one quota ledger")));
}

/*
 * Appends entries to a ledger that may be written (there must be room),
 * keeping the cached last step while the periods keep ascending.
 */
static void
ledger_append(QuotaLedger *ledger, const U16LedgerEntry *more, int more_count)
{
	for (int i = 0; i < more_count; i++)
	{
		const U16LedgerEntry *e = &more[i];

		check_entry(ledger, e);
		if (ledger->ascending)
		{
			if (ledger->count == 0)
				ledger->last = ledger_advance(NULL, e, ledger->carry_surplus);
			else if (e->period > ledger->last.period)
				ledger->last = ledger_advance(&ledger->last, e, ledger->carry_surplus);
			else
				ledger->ascending = false;	/* results will sort and walk */
		}
		ledger->entries[ledger->count++] = *e;
	}
}

/*
 * Room to make when a ledger inside an aggregate is full: as many entries again
 * (doubling), at least LEDGER_FIRST_ROOM, and never less than needed.
 */
static int
growth_room(const QuotaLedger *ledger, int more_count)
{
	int			room = Min(Max(ledger->count, LEDGER_FIRST_ROOM), LEDGER_MAX_ENTRIES - ledger->count);

	return Max(more_count, room);
}

/*
 * 'ledger' plus 'more': in place when we own the ledger (inside an aggregate)
 * and it has room, else in a new ledger.  PostgreSQL copies a new state into
 * the aggregate's memory and frees the old one; a state updated in place is
 * left alone, so appending costs O(1) a row.
 */
static QuotaLedger *
ledger_extend(FunctionCallInfo fcinfo, QuotaLedger *ledger,
			  const U16LedgerEntry *more, int more_count, bool carry_surplus)
{
	QuotaLedger *result = ledger;

	check_policy(ledger, carry_surplus);
	if (!u16_in_aggregate(fcinfo))
		result = ledger_copy(ledger, more_count);
	else if (ledger->capacity - ledger->count < more_count)
		result = ledger_copy(ledger, growth_room(ledger, more_count));
	result->carry_surplus = ledger->count > 0 ? ledger->carry_surplus : carry_surplus;
	ledger_append(result, more, more_count);
	return result;
}

/* ---------- walking the ledger in period order ---------- */

static int
compare_entries(const void *a, const void *b)
{
	int32		pa = ((const U16LedgerEntry *) a)->period;
	int32		pb = ((const U16LedgerEntry *) b)->period;

	return (pa > pb) - (pa < pb);
}

/* Entries sorted by period (a copy; the ledger itself is never modified). */
static U16LedgerEntry *
sorted_entries(const QuotaLedger *ledger)
{
	U16LedgerEntry *sorted = palloc(Max(ledger->count, 1) * sizeof(U16LedgerEntry));

	memcpy(sorted, ledger->entries, ledger->count * sizeof(U16LedgerEntry));
	if (!ledger->ascending)
		qsort(sorted, ledger->count, sizeof(U16LedgerEntry), compare_entries);
	for (int i = 1; i < ledger->count; i++)
		if (sorted[i].period == sorted[i - 1].period)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("period %s appears more than once in one quota ledger",
							period_text(sorted[i].period)),
					 errhint("Give one row per municipality and period, e.g. by summing first.")));
	return sorted;
}

/*
 * Every period from the first to the last, gaps included.  Returns the
 * number of steps; NULL steps for an empty ledger.
 */
static int
ledger_walk(const QuotaLedger *ledger, LedgerStep **steps_out)
{
	U16LedgerEntry *sorted;
	LedgerStep *steps;
	int			n;
	int			next = 0;

	*steps_out = NULL;
	if (ledger->count == 0)
		return 0;
	sorted = sorted_entries(ledger);
	n = (int) (u16_period_index(sorted[ledger->count - 1].period) - u16_period_index(sorted[0].period) + 1);
	steps = palloc(n * sizeof(LedgerStep));
	for (int i = 0; i < n; i++)
	{
		U16LedgerEntry gap = {u16_period_step(sorted[0].period, i), 0, 0, 0, 0};
		const U16LedgerEntry *e = (sorted[next].period == gap.period) ? &sorted[next++] : &gap;

		steps[i] = ledger_next_step(i > 0 ? &steps[i - 1] : NULL, e, ledger->carry_surplus);
	}
	*steps_out = steps;
	return n;
}

/*
 * Raises the error of a ledger that could not be output: a period twice
 * (22023) or a balance beyond bigint (22003).  Entries that arrived in
 * ascending order were checked as they came; others are walked once here.
 * Input, binary receive and the aggregates end with it, so no stored ledger
 * fails its output (or pg_dump).
 */
static void
ledger_check(const QuotaLedger *ledger)
{
	LedgerStep *steps;

	if (!ledger->ascending && ledger_walk(ledger, &steps) > 0)
		pfree(steps);
}

/* The last period's step, or NULL for an empty ledger. */
static const LedgerStep *
ledger_last_step(const QuotaLedger *ledger)
{
	LedgerStep *steps;
	int			n;

	if (ledger->count == 0)
		return NULL;
	if (ledger->ascending)
		return &ledger->last;
	n = ledger_walk(ledger, &steps);
	return &steps[n - 1];
}

/* ---------- I/O ---------- */

PG_FUNCTION_INFO_V1(u16_quota_ledger_in);
Datum
u16_quota_ledger_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	U16LedgerEntry *entries = palloc(U16_LEDGER_MAX_ENTRIES(strlen(text)) * sizeof(U16LedgerEntry));
	bool		carry_surplus;
	int			count;
	QuotaLedger *ledger;

	if (u16_parse_ledger(text, &carry_surplus, entries, &count) != U16_PARSE_OK)
		ereturn(fcinfo->context, (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", "quota_ledger", text),
				 errhint("Write {} or {carry_surplus=true;2018H1=40/45/0;...} with period=quota/housed/correction.")));
	ledger = ledger_extend(fcinfo, ledger_alloc(0, true), entries, count, carry_surplus);
	ledger_check(ledger);
	PG_RETURN_POINTER(ledger);
}

PG_FUNCTION_INFO_V1(u16_quota_ledger_out);
Datum
u16_quota_ledger_out(PG_FUNCTION_ARGS)
{
	const QuotaLedger *ledger = PG_GETARG_LEDGER_P(0);
	U16LedgerEntry *sorted;
	StringInfoData buf;
	char		entry[U16_LEDGER_ENTRY_TEXT_MAX];

	if (ledger->count == 0)
		PG_RETURN_CSTRING(pstrdup("{}"));
	sorted = sorted_entries(ledger);
	initStringInfo(&buf);
	appendStringInfo(&buf, "{carry_surplus=%s", ledger->carry_surplus ? "true" : "false");
	for (int i = 0; i < ledger->count; i++)
	{
		u16_format_ledger_entry(entry, sizeof(entry), &sorted[i]);
		appendStringInfo(&buf, ";%s", entry);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

/* Binary: carry_surplus byte, entry count, then period/quota/housed/correction each. */
PG_FUNCTION_INFO_V1(u16_quota_ledger_recv);
Datum
u16_quota_ledger_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			carry_surplus = pq_getmsgbyte(buf);
	int32		count = pq_getmsgint(buf, 4);
	U16LedgerEntry *entries;
	QuotaLedger *ledger;

	if (carry_surplus != 0 && carry_surplus != 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid carry_surplus byte %d in binary quota ledger", carry_surplus)));
	if (count < 0 || count > (buf->len - buf->cursor) / 28)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid entry count %d in binary quota ledger", count)));
	entries = palloc0(Max(count, 1) * sizeof(U16LedgerEntry));
	for (int i = 0; i < count; i++)
	{
		entries[i].period = pq_getmsgint(buf, 4);
		entries[i].quota = pq_getmsgint64(buf);
		entries[i].housed = pq_getmsgint64(buf);
		entries[i].correction = pq_getmsgint64(buf);
	}
	ledger = ledger_extend(fcinfo, ledger_alloc(0, true), entries, count, carry_surplus == 1);
	ledger_check(ledger);
	PG_RETURN_POINTER(ledger);
}

PG_FUNCTION_INFO_V1(u16_quota_ledger_send);
Datum
u16_quota_ledger_send(PG_FUNCTION_ARGS)
{
	const QuotaLedger *ledger = PG_GETARG_LEDGER_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, ledger->carry_surplus ? 1 : 0);
	pq_sendint32(&buf, ledger->count);
	for (int i = 0; i < ledger->count; i++)
	{
		pq_sendint32(&buf, ledger->entries[i].period);
		pq_sendint64(&buf, ledger->entries[i].quota);
		pq_sendint64(&buf, ledger->entries[i].housed);
		pq_sendint64(&buf, ledger->entries[i].correction);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------- aggregate support ---------- */

/* Count argument n (quota, housed, correction): 0 when NULL or not given. */
static inline int64
count_arg(FunctionCallInfo fcinfo, int n, bool int4_counts)
{
	if (n >= PG_NARGS() || PG_ARGISNULL(n))
		return 0;
	return int4_counts ? (int64) PG_GETARG_INT32(n) : PG_GETARG_INT64(n);
}

/*
 * Transition: adds one period.  Not strict: a NULL period is an error, NULL
 * quota, housed or correction count as 0 (nothing recorded), and a NULL
 * carry_surplus means the default, true.  A NULL ledger (a direct call, or an
 * aggregate of the user's without INITCOND) is the empty ledger {}; u16's
 * aggregates start from '{}' and never pass NULL.  Inside an aggregate the
 * ledger grows in place (ledger_extend); called directly it returns a new one.
 *
 * The counts are bigint, or integer for the _int4 entry point: integer
 * overloads, as sum() has, spare a window over integer columns three casts a
 * row (the integer form takes 0.98 of the bigint form's time there).
 */
static Datum
ledger_accum(FunctionCallInfo fcinfo, bool int4_counts)
{
	QuotaLedger *ledger;
	U16LedgerEntry entry = {0};
	bool		carry_surplus = true;

	/* Being not strict, the function must not read a NULL argument. */
	ledger = PG_ARGISNULL(0) ? ledger_alloc(0, true) : PG_GETARG_LEDGER_P(0);
	if (PG_ARGISNULL(1))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("period of a quota ledger row must not be NULL")));
	entry.period = PG_GETARG_INT32(1);
	entry.quota = count_arg(fcinfo, 2, int4_counts);
	entry.housed = count_arg(fcinfo, 3, int4_counts);
	entry.correction = count_arg(fcinfo, 4, int4_counts);
	if (PG_NARGS() > 5 && !PG_ARGISNULL(5))
		carry_surplus = PG_GETARG_BOOL(5);
	PG_RETURN_POINTER(ledger_extend(fcinfo, ledger, &entry, 1, carry_surplus));
}

PG_FUNCTION_INFO_V1(u16_quota_ledger_accum);
Datum
u16_quota_ledger_accum(PG_FUNCTION_ARGS)
{
	return ledger_accum(fcinfo, false);
}

PG_FUNCTION_INFO_V1(u16_quota_ledger_accum_int4);
Datum
u16_quota_ledger_accum_int4(PG_FUNCTION_ARGS)
{
	return ledger_accum(fcinfo, true);
}

/* Final function of quota_ledger(): the ledger, checked (ledger_check). */
PG_FUNCTION_INFO_V1(u16_quota_ledger_final);
Datum
u16_quota_ledger_final(PG_FUNCTION_ARGS)
{
	QuotaLedger *ledger = PG_GETARG_LEDGER_P(0);

	ledger_check(ledger);
	PG_RETURN_POINTER(ledger);
}

PG_FUNCTION_INFO_V1(u16_quota_ledger_combine);
Datum
u16_quota_ledger_combine(PG_FUNCTION_ARGS)
{
	QuotaLedger *a = PG_GETARG_LEDGER_P(0);
	const QuotaLedger *b = PG_GETARG_LEDGER_P(1);

	if (b->count == 0)
		PG_RETURN_POINTER(a);
	PG_RETURN_POINTER(ledger_extend(fcinfo, a, b->entries, b->count, b->carry_surplus));
}

/* ---------- accessors of the last period ---------- */

#define LEDGER_ACCESSOR(name, field) \
PG_FUNCTION_INFO_V1(u16_ledger_##name); \
Datum \
u16_ledger_##name(PG_FUNCTION_ARGS) \
{ \
	const LedgerStep *last = ledger_last_step(PG_GETARG_LEDGER_P(0)); \
	if (last == NULL) \
		PG_RETURN_NULL(); \
	PG_RETURN_INT64(last->field); \
}

LEDGER_ACCESSOR(closing_balance, closing_balance)
LEDGER_ACCESSOR(carried_in, carried_in)
LEDGER_ACCESSOR(obligation, obligation)
LEDGER_ACCESSOR(missed_in_a_row, missed_in_a_row)

/* ---------- every period ---------- */

typedef struct LedgerRowsState
{
	LedgerStep *steps;
	int			count;
} LedgerRowsState;

/* housed / base as a fraction; NULL (isnull) when base <= 0. */
static Datum
realisation(int64 housed, int64 base, bool *isnull)
{
	*isnull = base <= 0;
	return *isnull ? (Datum) 0 : Float8GetDatum((double) housed / (double) base);
}

PG_FUNCTION_INFO_V1(u16_ledger_rows);
Datum
u16_ledger_rows(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	LedgerRowsState *state;
	const LedgerStep *s;
	Datum		values[12];
	bool		nulls[12] = {0};

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext oldcontext;
		TupleDesc	tupdesc;

		funcctx = SRF_FIRSTCALL_INIT();
		oldcontext = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "ledger_rows must return a row type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		state = palloc(sizeof(LedgerRowsState));
		state->count = ledger_walk(PG_GETARG_LEDGER_P(0), &state->steps);
		funcctx->user_fctx = state;
		MemoryContextSwitchTo(oldcontext);
	}
	funcctx = SRF_PERCALL_SETUP();
	state = funcctx->user_fctx;
	if (funcctx->call_cntr >= (uint64) state->count)
		SRF_RETURN_DONE(funcctx);

	s = &state->steps[funcctx->call_cntr];
	values[0] = Int32GetDatum(s->period);
	values[1] = Int64GetDatum(s->quota);
	values[2] = Int64GetDatum(s->carried_in);
	values[3] = Int64GetDatum(s->obligation);
	values[4] = Int64GetDatum(s->housed);
	values[5] = Int64GetDatum(s->correction);
	values[6] = Int64GetDatum(s->closing_balance);
	values[7] = realisation(s->housed, s->quota, &nulls[7]);
	values[8] = realisation(s->housed, s->obligation, &nulls[8]);
	values[9] = BoolGetDatum(s->housed >= s->quota);
	values[10] = BoolGetDatum(s->obligation <= 0 || s->housed >= s->obligation);
	values[11] = Int32GetDatum(s->missed_in_a_row);
	SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
}
