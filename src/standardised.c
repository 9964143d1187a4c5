/*
 * standardised.c — the standardised comparison (directe standaardisatie) of
 * a share with its baseline, in memory.
 *
 *   standardised_rates(offset_years integer)
 *       → setof (indicator_code, boundaries, area_code, period,
 *                rate, baseline_rate, variance)
 *
 * reads the cohort rows of the refresh in progress (monitor_row, kind
 * 'cohort', without remainders) and, per indicator, boundary set, area and
 * period, compares the period's rate with the baseline year's rates weighted
 * by the period's persons per group of years since the start of their cohort
 * (0, 1, 2, 3, 4 and more, or unknown: years_since_start()).  Only groups
 * published (not hidden) and not empty in both periods take part; the
 * baseline of period p is p - offset_years.  With k and n a group's persons
 * meeting the indicator and counted, and rb = kb / nb its baseline rate:
 *
 *   rate          = Σk / Σn
 *   baseline_rate = Σ(n·rb) / Σn
 *   variance      = rate·(1 − rate) / Σn + Σ(n²·rb·(1 − rb) / nb) / (Σn)²
 *
 * (the binomial variance of the period's rate plus the weighted variances of
 * the baseline rates).  An area and period without a pair of groups has no
 * row.  monitor_scorecard (85_monitor_judge.sql) judges the change with it;
 * sql/monitor_standardised.sql checks it against the same sums in plain SQL,
 * on random rows.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "in_memory.h"
#include "interned.h"
#include "parse.h"

/* The group of a cohort whose start year is unknown. */
#define UNKNOWN_COHORT PG_INT32_MIN

/* The persons of one group of cohorts of an area in a period. */
typedef struct Stratum
{
	int32		period;
	int32		years;			/* since the cohort's start: up to 4, or UNKNOWN_COHORT */
	int64		k;
	int64		n;
	bool		hidden;			/* one of its cohort rows is */
} Stratum;

/* The sums over the pairs of groups of one period. */
typedef struct Sums
{
	int32		period;
	double		k;
	double		n;
	double		n_rb;
	double		baseline_variance;
} Sums;

/* years_since_start() as a number: 4 stands for 4 and more. */
static int32
years_since_start(int32 period, bool unknown, int32 cohort_year)
{
	int64		years;

	if (unknown)
		return UNKNOWN_COHORT;
	years = (int64) (u16_period_start_month(period) / 12) - cohort_year;
	return (int32) Max(Min(years, 4), PG_INT32_MIN + 1);
}

static int
group_compare(const void *a, const void *b)
{
	const Stratum *x = a;
	const Stratum *y = b;

	if (x->period != y->period)
		return x->period < y->period ? -1 : 1;
	if (x->years != y->years)
		return x->years < y->years ? -1 : 1;
	return 0;
}

/* Sorts an area's groups by period and years, adding up equal ones; returns how many remain. */
static int
merge_groups(Stratum *groups, int n)
{
	int			kept = 0;

	qsort(groups, n, sizeof(Stratum), group_compare);
	for (int i = 0; i < n; i++)
	{
		if (kept > 0 && group_compare(&groups[kept - 1], &groups[i]) == 0)
		{
			Stratum    *last = &groups[kept - 1];

			last->k += groups[i].k;
			last->n += groups[i].n;
			last->hidden |= groups[i].hidden;
		}
		else
			groups[kept++] = groups[i];
	}
	return kept;
}

static bool
comparable(const Stratum *g)
{
	return g != NULL && !g->hidden && g->n > 0;
}

/* The group of the same years since start in the baseline period, if any. */
static const Stratum *
baseline_of(const Stratum *groups, int n, const Stratum *g, int offset_years)
{
	int64		start = u16_period_step_start(g->period, -(int64) offset_years);
	Stratum		key = {0};

	if (start < U16_YEAR_MIN * 12 || start >= (U16_YEAR_MAX + 1) * 12)
		return NULL;
	key.period = u16_period_encode((int32) start, u16_period_granularity(g->period));
	key.years = g->years;
	return bsearch(&key, groups, n, sizeof(Stratum), group_compare);
}

static void
emit(Tuplestorestate *store, TupleDesc desc, Datum *area, const Sums *s)
{
	Datum		v[7] = {area[0], area[1], area[2], Int32GetDatum(s->period)};
	bool		isnull[7] = {false};
	double		rate = s->k / s->n;

	v[4] = Float8GetDatum(rate);
	v[5] = Float8GetDatum(s->n_rb / s->n);
	v[6] = Float8GetDatum(rate * (1 - rate) / s->n + s->baseline_variance / (s->n * s->n));
	tuplestore_putvalues(store, desc, v, isnull);
}

/* One area's rows: the sums over its pairs of groups, per period. */
static void
compare_area(Tuplestorestate *store, TupleDesc desc, Datum *area, Stratum *groups, int n, int offset_years)
{
	Sums		sums = {0};

	n = merge_groups(groups, n);
	for (int i = 0; i < n; i++)
	{
		const Stratum *g = &groups[i];
		const Stratum *b = comparable(g) ? baseline_of(groups, n, g, offset_years) : NULL;

		if (sums.n > 0 && sums.period != g->period)
		{
			emit(store, desc, area, &sums);
			memset(&sums, 0, sizeof(sums));
		}
		if (comparable(b))
		{
			double		k = (double) g->k;
			double		n_period = (double) g->n;
			double		nb = (double) b->n;
			double		rb = (double) b->k / nb;

			sums.period = g->period;
			sums.k += k;
			sums.n += n_period;
			sums.n_rb += n_period * rb;
			sums.baseline_variance += n_period * n_period * rb * (1 - rb) / nb;
		}
	}
	if (sums.n > 0)
		emit(store, desc, area, &sums);
}

/* A cohort row, with the area it belongs to: indicator, boundary set and area code. */
typedef struct CohortRow
{
	text	   *area[3];
	int32		area_number;	/* the areas numbered in the order first read */
	Stratum		stratum;
} CohortRow;

/* An area's three strings, interned. */
typedef struct AreaKey
{
	int32		part[3];
} AreaKey;

typedef struct AreaEntry
{
	AreaKey		key;
	int32		number;
} AreaEntry;

static void
read_row(CohortRow *row, HeapTuple tuple, TupleDesc desc, Interned *strings, BlobMap *areas)
{
	Datum		v[8];
	bool		isnull[8];
	AreaKey		key;
	AreaEntry  *area;
	bool		found;

	heap_deform_tuple(tuple, desc, v, isnull);
	if (isnull[5] || isnull[6])
		elog(ERROR, "a cohort row of monitor_row has no counts");
	for (int i = 0; i < 3; i++)
	{
		row->area[i] = DatumGetTextPP(v[i]);
		key.part[i] = intern_text(strings, v[i], isnull[i]);
	}
	area = blob_enter(areas, &key, &found);
	if (!found)
		area->number = (int32) blob_count(areas) - 1;
	row->area_number = area->number;
	row->stratum.period = DatumGetInt32(v[3]);
	row->stratum.years = years_since_start(row->stratum.period, isnull[4], DatumGetInt32(v[4]));
	row->stratum.k = DatumGetInt64(v[5]);
	row->stratum.n = DatumGetInt64(v[6]);
	row->stratum.hidden = DatumGetBool(v[7]);
}

/* Reads the cohort rows, brings each area's together (a counting sort by area), and compares its groups. */
static void
compare_all(const char *schema, int offset_years, Tuplestorestate *store, TupleDesc desc)
{
	char	   *query = psprintf("SELECT indicator_code, boundaries, area_code, period, cohort_year, numerator, denominator, hidden "
								 "FROM %s.monitor_row WHERE kind = 'cohort' AND area_type <> 'remainder'",
								 quote_identifier(schema));
	uint64		n_rows;
	CohortRow  *rows;
	Stratum    *groups;
	Interned	strings;
	BlobMap    *areas = blob_map(sizeof(AreaKey), sizeof(AreaEntry));
	int32		n_areas;
	int64	   *start;
	int64	   *next;
	CohortRow **first;

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.monitor_row failed", schema);
	interned_init(&strings);
	n_rows = SPI_processed;
	rows = palloc(sizeof(CohortRow) * Max(n_rows, 1));
	groups = palloc(sizeof(Stratum) * Max(n_rows, 1));
	for (uint64 i = 0; i < n_rows; i++)
		read_row(&rows[i], SPI_tuptable->vals[i], SPI_tuptable->tupdesc, &strings, areas);
	n_areas = (int32) blob_count(areas);
	/* start[a] .. start[a + 1]: area a's groups */
	start = palloc0(sizeof(int64) * (n_areas + 1));
	for (uint64 i = 0; i < n_rows; i++)
		start[rows[i].area_number + 1]++;
	for (int32 a = 0; a < n_areas; a++)
		start[a + 1] += start[a];
	next = palloc(sizeof(int64) * (n_areas + 1));
	memcpy(next, start, sizeof(int64) * (n_areas + 1));
	first = palloc0(sizeof(CohortRow *) * Max(n_areas, 1));
	for (uint64 i = 0; i < n_rows; i++)
	{
		groups[next[rows[i].area_number]++] = rows[i].stratum;
		if (first[rows[i].area_number] == NULL)
			first[rows[i].area_number] = &rows[i];
	}
	for (int32 a = 0; a < n_areas; a++)
	{
		Datum		area[3];

		CHECK_FOR_INTERRUPTS();
		for (int i = 0; i < 3; i++)
			area[i] = PointerGetDatum(first[a]->area[i]);
		compare_area(store, desc, area, groups + start[a], (int) (start[a + 1] - start[a]), offset_years);
	}
}

PG_FUNCTION_INFO_V1(u16_standardised_rates);
Datum
u16_standardised_rates(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	char	   *schema = get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid));

	InitMaterializedSRF(fcinfo, 0);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	compare_all(schema, PG_GETARG_INT32(0), rsinfo->setResult, rsinfo->setDesc);
	SPI_finish();
	return (Datum) 0;
}
