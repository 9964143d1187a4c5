/*
 * suppression.c — secondary suppression (secundaire geheimhouding) of the
 * monitor's rows, in memory.
 *
 * The rules take the candidate rows (with their primary suppression in
 * `hidden`) and the members of each region from a feeder (suppression.h) and
 * return the rows to hide as well.  candidate_rows(true) feeds the rows it
 * makes, before they are stored; and
 *
 *   secondary_suppression() → bigint[]
 *
 * feeds the rows stored in monitor_row and the rows of monitor_member, and
 * returns the row_ids to hide as well (NULL: none), which
 * protect_hidden_rows() (86_monitor_publish.sql) hides.
 *
 * A relation is rows that add up (a total and its parts), of indicators that
 * count persons: a restated municipality for every such indicator (T2.8's
 * counts too), the others where the region row sums the members' persons
 * (region rule 'sum').  (Level rows of T2.3 are in none: they are shares of
 * their area's persons, and protect_hidden_rows() withholds them with their
 * area's scorecard row.)  While a relation has
 * exactly one hidden row, the others would reveal it.  So, in rounds, every
 * relation with exactly one hidden row picks one more of its rows, and the
 * picks of a round are hidden together before the next round counts again.
 *
 * The relations (each named by what it adds up, as text; "cell" is the
 * row's kind, indicator, period, cohort and level):
 *   region           a region's row and its members' rows of the same cell
 *   cohorts          an area's row of an indicator and period, and its
 *                    cohort rows
 *   restated         a municipality's current row, its predecessors'
 *                    historical rows and its remainder
 *   region restated  a region on both boundary sets: its rows, the remainders
 *                    of its current members, and the historical rows that
 *                    count on one side only: of its historical members whose
 *                    successor is no current member, and of municipalities
 *                    that were no member then but whose successor is one now
 *                    (e.g. a predecessor from another region)
 * The pick: cohort rows before scorecard rows, municipalities before
 * regions, current boundaries before historical ones, then the fewest persons
 * (never a row of 0 persons or a remainder), then by area code, indicator,
 * period, cohort, level (docs/monitor.md).
 *
 * sql/monitor_suppression.sql checks this against the same rules written in
 * plain SQL, on random rows.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "in_memory.h"
#include "interned.h"
#include "suppression.h"

typedef enum AreaType
{
	AREA_MUNICIPALITY,
	AREA_REGION,
	AREA_REMAINDER,
	AREA_OTHER
} AreaType;

/* One candidate row of monitor_row. */
typedef struct Row
{
	/* what it is, for the order of picks */
	const char *kind;
	const char *indicator_code;
	const char *boundaries;
	const char *area_type;
	const char *area_code;
	int32		period;			/* a period's code: its order */
	bool		has_cohort;
	int32		cohort_year;
	const char *level;		/* NULL: none */
	int64		size;			/* persons; 0 when NULL */
	/* the same, for the relations: flags and interned strings (-1: NULL) */
	AreaType	type;
	bool		scorecard;
	bool		cohort;
	bool		historical;
	bool		sums;			/* its region row sums the members' persons */
	int32		boundaries_id;
	int32		area_type_id;
	int32		area_id;
	int32		indicator_id;
	int32		current_id;		/* the municipality today */
	int32		cell;			/* kind, indicator, period, cohort, level */
	/* the disclosure control */
	bool		hidden;
	int32		rank;			/* place in the order of picks; -1: never picked */
} Row;

/* What a key stands for, and its parts (interned strings, periods). */
typedef enum What
{
	CELL,						/* kind, indicator, period, has cohort, cohort, level */
	MEMBER_OF,					/* boundaries, period, municipality: its regions, each once */
	REGION_PERIOD,				/* region, period: the region has members */
	CURRENT_MEMBER,				/* region, period, municipality */
	COHORTS_OF,					/* indicator, boundaries, area, period: there are cohort rows */
	REGION_RELATION,			/* boundaries, region, cell */
	COHORTS_RELATION,			/* boundaries, area type, area, indicator, period */
	RESTATED_RELATION,			/* municipality today, cell */
	REGION_RESTATED_RELATION	/* region, cell */
} What;

typedef struct Key
{
	int32		what;
	int32		part[6];
} Key;

#define KEY(what, ...) ((Key) {(what), {__VA_ARGS__}})

typedef struct Entry
{
	Key			key;
	int32		index;			/* a cell's or relation's number; -1: none yet */
	List	   *values;			/* a municipality's regions */
} Entry;

struct Suppression
{
	Row		   *rows;
	int32		n_rows;
	int32		max_rows;
	Interned   *strings;
	int32		current;		/* the interned words for the boundary sets */
	int32		historical;
	BlobMap    *keys;
	int32		n_cells;
	int32		n_relations;
	int32	   *pair_relation;	/* pairs (relation, row) */
	int32	   *pair_row;
	int32		n_pairs;
	int32		max_pairs;
};


Suppression *
suppression_create(Interned *strings)
{
	Suppression *pass = palloc0(sizeof(Suppression));

	pass->strings = strings;
	pass->current = intern(strings, "current");
	pass->historical = intern(strings, "historical");
	pass->keys = blob_map(sizeof(Key), sizeof(Entry));
	return pass;
}

/* The entry of a key; created (index -1, no values) if create, else NULL if absent. */
static Entry *
lookup(Suppression *pass, Key key, bool create)
{
	bool		found = true;
	Entry	   *e = create ? blob_enter(pass->keys, &key, &found) : blob_find(pass->keys, &key);

	if (e != NULL && !found)
		e->index = -1;			/* (entries are made zeroed: no values) */
	return e;
}

static AreaType
area_type(const char *name)
{
	if (strcmp(name, "municipality") == 0)
		return AREA_MUNICIPALITY;
	if (strcmp(name, "region") == 0)
		return AREA_REGION;
	if (strcmp(name, "remainder") == 0)
		return AREA_REMAINDER;
	return AREA_OTHER;
}

/* A candidate row: its strings, flags and cell. */
void
suppression_add_row(Suppression *pass, const SuppressionRow *in)
{
	Interned   *strings = pass->strings;
	Row		   *r;
	Entry	   *cell;

	if (pass->n_rows == pass->max_rows)
	{
		pass->max_rows = Max(4096, 2 * pass->max_rows);
		if ((Size) pass->max_rows * sizeof(Row) > MaxAllocSize)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							errmsg("secondary suppression: too many rows")));
		pass->rows = pass->rows ? repalloc(pass->rows, pass->max_rows * sizeof(Row))
			: palloc(pass->max_rows * sizeof(Row));
	}
	r = &pass->rows[pass->n_rows++];
	memset(r, 0, sizeof(Row));
	r->period = in->period;
	r->has_cohort = in->has_cohort;
	r->cohort_year = in->has_cohort ? in->cohort_year : 0;
	r->size = in->size;
	r->hidden = in->hidden;
	r->indicator_id = in->indicator;
	r->boundaries_id = in->boundaries;
	r->area_type_id = in->area_type;
	r->area_id = in->area;
	r->current_id = in->current;
	r->kind = interned_string(strings, in->kind);
	r->indicator_code = interned_string(strings, in->indicator);
	r->boundaries = interned_string(strings, in->boundaries);
	r->area_type = interned_string(strings, in->area_type);
	r->area_code = interned_string(strings, in->area);
	r->level = in->level < 0 ? NULL : interned_string(strings, in->level);
	r->type = area_type(r->area_type);
	r->scorecard = strcmp(r->kind, "scorecard") == 0;
	r->cohort = strcmp(r->kind, "cohort") == 0;
	r->historical = strcmp(r->boundaries, "historical") == 0;
	r->sums = in->sums_for_region;
	cell = lookup(pass, KEY(CELL, in->kind, r->indicator_id, r->period, r->has_cohort, r->cohort_year, in->level), true);
	if (cell->index < 0)
		cell->index = pass->n_cells++;
	r->cell = cell->index;
}

/* Appends a region to the entry's list, unless it is there. */
static void
add_region(Entry *e, int32 region)
{
	if (!list_member_int(e->values, region))
		e->values = lappend_int(e->values, region);
}

/*
 * A row of monitor_member: per boundary set, period and municipality its
 * regions (MEMBER_OF, each once); per region and period that it has members;
 * and which (region, period, municipality) are current members.
 */
void
suppression_add_member(Suppression *pass, int32 boundaries, int32 region, int32 period, int32 municipality)
{
	add_region(lookup(pass, KEY(MEMBER_OF, boundaries, period, municipality), true), region);
	lookup(pass, KEY(REGION_PERIOD, region, period), true);
	if (boundaries == pass->current)
		lookup(pass, KEY(CURRENT_MEMBER, region, period, municipality), true);
}

static bool
has_key(Suppression *pass, Key key)
{
	return lookup(pass, key, false) != NULL;
}

static List *
regions_of(Suppression *pass, Key key)
{
	Entry	   *e = lookup(pass, key, false);

	return e == NULL ? NIL : e->values;
}

/* The row is in this relation. */
static void
add_pair(Suppression *pass, Key relation, int32 row)
{
	Entry	   *e = lookup(pass, relation, true);

	if (e->index < 0)
		e->index = pass->n_relations++;
	if (pass->n_pairs == pass->max_pairs)
	{
		pass->max_pairs = Max(4096, pass->max_pairs * 2);
		if ((Size) pass->max_pairs * sizeof(int32) > MaxAllocSize)
			ereport(ERROR, (errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
							errmsg("secondary_suppression(): too many rows in relations")));
		pass->pair_relation = pass->pair_relation ? repalloc(pass->pair_relation, pass->max_pairs * sizeof(int32))
			: palloc(pass->max_pairs * sizeof(int32));
		pass->pair_row = pass->pair_row ? repalloc(pass->pair_row, pass->max_pairs * sizeof(int32))
			: palloc(pass->max_pairs * sizeof(int32));
	}
	pass->pair_relation[pass->n_pairs] = e->index;
	pass->pair_row[pass->n_pairs] = row;
	pass->n_pairs++;
}

/* A region and its members. */
static void
region_relations(Suppression *pass, Row *r, int32 i)
{
	ListCell   *lc;
	List	   *regions;

	if (r->type != AREA_REGION && r->type != AREA_MUNICIPALITY)
		return;
	regions = regions_of(pass, KEY(MEMBER_OF, r->boundaries_id, r->period, r->area_id));
	if (r->type == AREA_REGION && regions == NIL)
		add_pair(pass, KEY(REGION_RELATION, r->boundaries_id, r->area_id, r->cell), i);
	else
		foreach(lc, regions)
			add_pair(pass, KEY(REGION_RELATION, r->boundaries_id, lfirst_int(lc), r->cell), i);
}

/* An area's persons and its cohorts. */
static void
cohort_relations(Suppression *pass, Row *r, int32 i)
{
	if (r->type != AREA_REMAINDER && (r->scorecard || r->cohort) &&
		has_key(pass, KEY(COHORTS_OF, r->indicator_id, r->boundaries_id, r->area_id, r->period)))
		add_pair(pass, KEY(COHORTS_RELATION, r->boundaries_id, r->area_type_id, r->area_id, r->indicator_id, r->period),
				 i);
}

/* A municipality restated: its current row, its predecessors' historical rows, its remainder. */
static void
restated_relations(Suppression *pass, Row *r, int32 i)
{
	if (r->type == AREA_MUNICIPALITY || r->type == AREA_REMAINDER)
		add_pair(pass, KEY(RESTATED_RELATION, r->historical ? r->current_id : r->area_id, r->cell), i);
}

/*
 * A region on both boundary sets: its rows, the remainders of its current
 * members, and the historical rows on one side only: its historical members
 * whose successor is no current member, and municipalities whose successor is
 * a current member but that were no member then.
 */
static void
region_restated_relations(Suppression *pass, Row *r, int32 i, int32 current, int32 historical)
{
	ListCell   *lc;

	if (r->type == AREA_REGION)
	{
		if (has_key(pass, KEY(REGION_PERIOD, r->area_id, r->period)))
			add_pair(pass, KEY(REGION_RESTATED_RELATION, r->area_id, r->cell), i);
	}
	else if (r->type == AREA_REMAINDER)
	{
		foreach(lc, regions_of(pass, KEY(MEMBER_OF, current, r->period, r->area_id)))
			add_pair(pass, KEY(REGION_RESTATED_RELATION, lfirst_int(lc), r->cell), i);
	}
	else if (r->type == AREA_MUNICIPALITY && r->historical)
	{
		List	   *then = regions_of(pass, KEY(MEMBER_OF, historical, r->period, r->area_id));

		foreach(lc, then)
			if (r->current_id < 0 ||
				!has_key(pass, KEY(CURRENT_MEMBER, lfirst_int(lc), r->period, r->current_id)))
				add_pair(pass, KEY(REGION_RESTATED_RELATION, lfirst_int(lc), r->cell), i);
		if (r->current_id >= 0)
			foreach(lc, regions_of(pass, KEY(MEMBER_OF, current, r->period, r->current_id)))
				if (!list_member_int(then, lfirst_int(lc)))
					add_pair(pass, KEY(REGION_RESTATED_RELATION, lfirst_int(lc), r->cell), i);
	}
}

static void
build_relations(Suppression *pass)
{
	for (int32 i = 0; i < pass->n_rows; i++)
		if (pass->rows[i].cohort)
			lookup(pass, KEY(COHORTS_OF, pass->rows[i].indicator_id, pass->rows[i].boundaries_id,
							 pass->rows[i].area_id, pass->rows[i].period), true);
	for (int32 i = 0; i < pass->n_rows; i++)
	{
		CHECK_FOR_INTERRUPTS();
		restated_relations(pass, &pass->rows[i], i);
		if (!pass->rows[i].sums)
			continue;
		region_relations(pass, &pass->rows[i], i);
		cohort_relations(pass, &pass->rows[i], i);
		region_restated_relations(pass, &pass->rows[i], i, pass->current, pass->historical);
	}
}

/* Interned strings in strcmp order: equal ones are the same pointer. */
static int
compare_interned(const char *a, const char *b)
{
	return a == b ? 0 : strcmp(a, b);
}

/* The same with NULL after every string, as ORDER BY ... NULLS LAST. */
static int
compare_nullable(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return compare_interned(a, b);
}

#define COMPARE(a, b) do { if ((a) != (b)) return (a) < (b) ? -1 : 1; } while (0)

/* The order of picks (qsort): < 0 when a goes first. */
static int
pick_order(const void *pa, const void *pb)
{
	const Row  *a = *(Row *const *) pa;
	const Row  *b = *(Row *const *) pb;
	int			c;

	COMPARE(a->scorecard, b->scorecard);
	COMPARE(a->type == AREA_REGION, b->type == AREA_REGION);
	COMPARE(a->historical, b->historical);
	COMPARE(a->size, b->size);
	if ((c = compare_interned(a->area_code, b->area_code)) != 0 ||
		(c = compare_interned(a->indicator_code, b->indicator_code)) != 0)
		return c;
	COMPARE(a->period, b->period);
	COMPARE(!a->has_cohort, !b->has_cohort);
	COMPARE(a->cohort_year, b->cohort_year);
	if ((c = compare_nullable(a->level, b->level)) != 0 || (c = compare_interned(a->kind, b->kind)) != 0 ||
		(c = compare_interned(a->boundaries, b->boundaries)) != 0)
		return c;
	return compare_interned(a->area_type, b->area_type);
}

/* Each row's place in the order of picks; -1 for rows never picked (no persons, remainders). */
static void
rank_rows(Suppression *pass)
{
	Row		  **order = palloc(Max(pass->n_rows, 1) * sizeof(Row *));
	int32		n = 0;

	for (int32 i = 0; i < pass->n_rows; i++)
	{
		pass->rows[i].rank = -1;
		if (pass->rows[i].size > 0 && pass->rows[i].type != AREA_REMAINDER)
			order[n++] = &pass->rows[i];
	}
	qsort(order, n, sizeof(Row *), pick_order);
	for (int32 i = 0; i < n; i++)
		order[i]->rank = i;
	pfree(order);
}

/* The pairs grouped by relation: members[start[r] .. start[r + 1]) are the rows of relation r. */
static int32 *
group_by_relation(Suppression *pass, int32 **members_out)
{
	int32	   *start = palloc0((pass->n_relations + 1) * sizeof(int32));
	int32	   *next = palloc((pass->n_relations + 1) * sizeof(int32));
	int32	   *members = palloc(Max(pass->n_pairs, 1) * sizeof(int32));

	for (int32 i = 0; i < pass->n_pairs; i++)
		start[pass->pair_relation[i] + 1]++;
	for (int32 r = 0; r < pass->n_relations; r++)
		start[r + 1] += start[r];
	memcpy(next, start, (pass->n_relations + 1) * sizeof(int32));
	for (int32 i = 0; i < pass->n_pairs; i++)
		members[next[pass->pair_relation[i]]++] = pass->pair_row[i];
	*members_out = members;
	return start;
}

/* One round: the pick of each relation with exactly one hidden row, into picks; returns how many. */
static int32
pick_round(Suppression *pass, const int32 *start, const int32 *members, bool *picked, int32 *picks)
{
	int32		count = 0;

	for (int32 r = 0; r < pass->n_relations; r++)
	{
		int32		hidden = 0;
		int32		best = -1;

		for (int32 m = start[r]; m < start[r + 1]; m++)
		{
			Row		   *row = &pass->rows[members[m]];

			if (row->hidden)
				hidden++;
			else if (row->rank >= 0 && (best < 0 || row->rank < pass->rows[best].rank))
				best = members[m];
		}
		if (hidden == 1 && best >= 0 && !picked[best])
		{
			picked[best] = true;
			picks[count++] = best;
		}
	}
	return count;
}

/* The rows picked, round after round (their numbers, in the order added), into picks; returns how many. */
int32
suppression_run(Suppression *pass, int32 **picks_out)
{
	int32	   *members;
	int32	   *start;
	bool	   *picked = palloc0(Max(pass->n_rows, 1) * sizeof(bool));
	int32	   *picks = palloc(Max(pass->n_rows, 1) * sizeof(int32));
	int32		n_picks = 0;
	int32		count;

	build_relations(pass);
	rank_rows(pass);
	start = group_by_relation(pass, &members);
	while ((count = pick_round(pass, start, members, picked, picks + n_picks)) > 0)
	{
		CHECK_FOR_INTERRUPTS();
		for (int32 i = 0; i < count; i++)
			pass->rows[picks[n_picks + i]].hidden = true;
		n_picks += count;
	}
	*picks_out = picks;
	return n_picks;
}

/* ---------- secondary_suppression(): the same over the stored rows ---------- */

/* Feeds the rows of monitor_row that are in relations; returns their row ids, in the order fed. */
static int64 *
read_rows(Suppression *pass, Interned *strings, const char *schema)
{
	char	   *query = psprintf(
		"SELECT r.row_id, r.kind, r.indicator_code, r.boundaries, r.area_type, r.area_code, r.period, r.cohort_year,"
		"       r.level, r.size, r.hidden, t.current_code, i.region_rule = 'sum'"
		" FROM %1$s.monitor_row r"
		" JOIN %1$s.indicator i ON i.code = r.indicator_code AND i.counts = 'persons'"
		" LEFT JOIN %1$s.municipality_today t ON t.code = r.area_code"
		" WHERE r.kind <> 'level'", schema);
	int64	   *row_ids;

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.monitor_row failed", schema);
	row_ids = palloc(sizeof(int64) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[13];
		bool		n[13];
		SuppressionRow r;

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, n);
		row_ids[i] = DatumGetInt64(v[0]);
		r.kind = intern_text(strings, v[1], n[1]);
		r.indicator = intern_text(strings, v[2], n[2]);
		r.boundaries = intern_text(strings, v[3], n[3]);
		r.area_type = intern_text(strings, v[4], n[4]);
		r.area = intern_text(strings, v[5], n[5]);
		r.period = DatumGetInt32(v[6]);
		r.has_cohort = !n[7];
		r.cohort_year = n[7] ? 0 : DatumGetInt32(v[7]);
		r.level = intern_text(strings, v[8], n[8]);
		r.size = n[9] ? 0 : DatumGetInt64(v[9]);
		r.hidden = DatumGetBool(v[10]);
		r.current = intern_text(strings, v[11], n[11]);
		r.sums_for_region = DatumGetBool(v[12]);
		suppression_add_row(pass, &r);
	}
	return row_ids;
}

static void
read_members(Suppression *pass, Interned *strings, const char *schema)
{
	char	   *query = psprintf("SELECT boundaries, region, period, municipality_code FROM %s.monitor_member", schema);

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.monitor_member failed", schema);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[4];
		bool		n[4];

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, n);
		suppression_add_member(pass, intern_text(strings, v[0], n[0]), intern_text(strings, v[1], n[1]),
							   DatumGetInt32(v[2]), intern_text(strings, v[3], n[3]));
	}
}

PG_FUNCTION_INFO_V1(u16_secondary_suppression);
Datum
u16_secondary_suppression(PG_FUNCTION_ARGS)
{
	const char *schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	MemoryContext caller = CurrentMemoryContext;
	Interned	strings;
	Suppression *pass;
	int64	   *row_ids;
	int32	   *picks;
	int32		n_picks;
	ArrayType  *array = NULL;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	interned_init(&strings);
	pass = suppression_create(&strings);
	row_ids = read_rows(pass, &strings, schema);
	read_members(pass, &strings, schema);
	n_picks = suppression_run(pass, &picks);
	if (n_picks > 0)
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);
		Datum	   *result = palloc(n_picks * sizeof(Datum));
		int16		length;
		bool		by_value;
		char		align;

		for (int32 i = 0; i < n_picks; i++)
			result[i] = Int64GetDatum(row_ids[picks[i]]);
		get_typlenbyvalalign(INT8OID, &length, &by_value, &align);
		array = construct_array(result, n_picks, INT8OID, length, by_value, align);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	if (array == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(array);
}
