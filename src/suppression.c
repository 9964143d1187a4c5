/*
 * suppression.c — secondary suppression (secundaire geheimhouding) of the
 * monitor's rows, in memory.
 *
 *   secondary_suppression() → bigint[]
 *
 * reads the candidate rows of the refresh in progress (monitor_row, with
 * their primary suppression in `hidden`) and the members of each region
 * (monitor_member), and returns the rows to hide as well (NULL: none).
 * protect_hidden_rows() (86_monitor_publish.sql) hides them.
 *
 * A relation is rows that add up (a total and its parts), of indicators that
 * count persons and add them up for the region.  While a relation has
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
 *   region restated  a region on both boundary sets: its current row, the
 *                    remainders of its current members and its historical
 *                    members whose successor is no current member
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
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/pg_list.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* One candidate row of monitor_row. */
typedef struct Row
{
	int64		row_id;
	char	   *kind;
	char	   *indicator_code;
	char	   *boundaries;
	char	   *area_type;
	char	   *area_code;
	int32		period;			/* a period's code: its order */
	char	   *period_text;
	bool		has_cohort;
	int32		cohort_year;
	char	   *level;			/* NULL: none */
	bool		may_pick;		/* persons > 0, not a remainder */
	int64		size;
	bool		hidden;
	char	   *current_code;	/* the municipality today (NULL: none) */
	char	   *cell;			/* kind|indicator|period|cohort|level */
} Row;

/* A string key and what it maps to: an index, or a list of strings. */
typedef struct Entry
{
	char	   *key;
	int32		index;
	List	   *values;
} Entry;

typedef struct Pass
{
	Row		   *rows;
	int32		n_rows;
	HTAB	   *members;		/* boundaries|period|municipality → regions */
	HTAB	   *keys;			/* other lookups: present or not */
	HTAB	   *relations;		/* name → index */
	int32		n_relations;
	int32	   *pair_relation;	/* pairs (relation, row) */
	int32	   *pair_row;
	int32		n_pairs;
	int32		max_pairs;
	StringInfoData key;			/* the key being looked up */
} Pass;

static uint32
key_hash(const void *key, Size keysize)
{
	const char *s = *(char *const *) key;

	return hash_bytes((const unsigned char *) s, strlen(s));
}

static int
key_match(const void *key1, const void *key2, Size keysize)
{
	return strcmp(*(char *const *) key1, *(char *const *) key2);
}

static HTAB *
string_map(const char *name)
{
	HASHCTL		ctl = {0};

	ctl.keysize = sizeof(char *);
	ctl.entrysize = sizeof(Entry);
	ctl.hash = key_hash;
	ctl.match = key_match;
	ctl.hcxt = CurrentMemoryContext;
	return hash_create(name, 4096, &ctl, HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
}

/* The entry of key, created (with a copy of key, index -1, no values) if absent. */
static Entry *
entry(HTAB *map, const char *key, bool create)
{
	bool		found;
	Entry	   *e = hash_search(map, &key, create ? HASH_ENTER : HASH_FIND, &found);

	if (e != NULL && !found)
	{
		e->key = pstrdup(key);
		e->index = -1;
		e->values = NIL;
	}
	return e;
}

/*
 * A key: the parts joined by '|', NULL parts left out (as concat_ws), in the
 * pass's buffer, which the next key overwrites (entry() copies what it keeps).
 */
static char *
joined(Pass *pass, int n, const char *const *parts)
{
	bool		first = true;

	resetStringInfo(&pass->key);
	for (int i = 0; i < n; i++)
	{
		if (parts[i] == NULL)
			continue;
		if (!first)
			appendStringInfoChar(&pass->key, '|');
		appendStringInfoString(&pass->key, parts[i]);
		first = false;
	}
	return pass->key.data;
}

#define KEY(pass, ...) joined(pass, lengthof(((const char *[]) {__VA_ARGS__})), (const char *[]) {__VA_ARGS__})

static char *
text_or_null(Datum value, bool isnull)
{
	return isnull ? NULL : TextDatumGetCString(value);
}

static void
read_rows(Pass *pass, const char *schema)
{
	char	   *query = psprintf(
		"SELECT r.row_id, r.kind, r.indicator_code, r.boundaries, r.area_type, r.area_code, r.period, r.period::text,"
		"       r.cohort_year, r.level, r.size, r.hidden, t.current_code"
		" FROM %1$s.monitor_row r"
		" JOIN %1$s.indicator i ON i.code = r.indicator_code AND i.counts = 'persons' AND i.region_rule = 'sum'"
		" LEFT JOIN %1$s.municipality_today t ON t.code = r.area_code"
		" WHERE r.kind <> 'level'", schema);

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.monitor_row failed", schema);
	pass->rows = palloc0(sizeof(Row) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Row		   *r = &pass->rows[pass->n_rows++];
		Datum		v[13];
		bool		isnull[13];
		char		cohort[12];

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		r->row_id = DatumGetInt64(v[0]);
		r->kind = TextDatumGetCString(v[1]);
		r->indicator_code = TextDatumGetCString(v[2]);
		r->boundaries = TextDatumGetCString(v[3]);
		r->area_type = TextDatumGetCString(v[4]);
		r->area_code = TextDatumGetCString(v[5]);
		r->period = DatumGetInt32(v[6]);
		r->period_text = TextDatumGetCString(v[7]);
		r->has_cohort = !isnull[8];
		r->cohort_year = isnull[8] ? 0 : DatumGetInt32(v[8]);
		r->level = text_or_null(v[9], isnull[9]);
		r->size = isnull[10] ? 0 : DatumGetInt64(v[10]);
		r->may_pick = !isnull[10] && r->size > 0 && strcmp(r->area_type, "remainder") != 0;
		r->hidden = DatumGetBool(v[11]);
		r->current_code = text_or_null(v[12], isnull[12]);
		snprintf(cohort, sizeof(cohort), "%d", r->cohort_year);
		r->cell = pstrdup(KEY(pass, r->kind, r->indicator_code, r->period_text, r->has_cohort ? cohort : NULL, r->level));
	}
}

/* Appends value to the entry's list (if distinct, unless it is there). */
static void
add_value(Entry *e, const char *value, bool distinct)
{
	ListCell   *lc;

	if (distinct)
		foreach(lc, e->values)
			if (strcmp((char *) lfirst(lc), value) == 0)
				return;
	e->values = lappend(e->values, pstrdup(value));
}

/*
 * The members: per boundary set, period and municipality its regions, once
 * per row of monitor_member ("member", as the region relations join them) and
 * once each ("member of"); per region and period that it has members; and
 * which (region, period, municipality) are current members.
 */
static void
read_members(Pass *pass, const char *schema)
{
	char	   *query = psprintf("SELECT boundaries, region, period::text, municipality_code FROM %s.monitor_member",
								 schema);

	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "reading %s.monitor_member failed", schema);
	pass->members = string_map("secondary_suppression members");
	pass->keys = string_map("secondary_suppression keys");
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		Datum		v[4];
		bool		isnull[4];
		char	   *boundaries,
				   *region,
				   *period,
				   *code;

		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, v, isnull);
		boundaries = TextDatumGetCString(v[0]);
		region = TextDatumGetCString(v[1]);
		period = TextDatumGetCString(v[2]);
		code = TextDatumGetCString(v[3]);
		add_value(entry(pass->members, KEY(pass, "member", boundaries, period, code), true), region, false);
		entry(pass->keys, KEY(pass, "region period", region, period), true);
		add_value(entry(pass->members, KEY(pass, "member of", boundaries, period, code), true), region, true);
		if (strcmp(boundaries, "current") == 0)
			entry(pass->keys, KEY(pass, "current member", region, period, code), true);
	}
}

static bool
has_key(Pass *pass, char *key)
{
	return entry(pass->keys, key, false) != NULL;
}

static List *
regions_of(Pass *pass, char *key)
{
	Entry	   *e = entry(pass->members, key, false);

	return e == NULL ? NIL : e->values;
}

/* The row is in the relation of this name. */
static void
add_pair(Pass *pass, char *relation, int32 row)
{
	Entry	   *e = entry(pass->relations, relation, true);

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
region_relations(Pass *pass, Row *r, int32 i)
{
	ListCell   *lc;
	List	   *regions = regions_of(pass, KEY(pass, "member", r->boundaries, r->period_text, r->area_code));

	if (strcmp(r->area_type, "region") == 0 && regions == NIL)
		add_pair(pass, KEY(pass, "region", r->boundaries, r->area_code, r->cell), i);
	else if (strcmp(r->area_type, "region") == 0 || strcmp(r->area_type, "municipality") == 0)
		foreach(lc, regions)
			add_pair(pass, KEY(pass, "region", r->boundaries, (char *) lfirst(lc), r->cell), i);
}

/* An area's persons and its cohorts. */
static void
cohort_relations(Pass *pass, Row *r, int32 i)
{
	if (strcmp(r->area_type, "remainder") != 0 &&
		(strcmp(r->kind, "scorecard") == 0 || strcmp(r->kind, "cohort") == 0) &&
		has_key(pass, KEY(pass, "cohorts of", r->indicator_code, r->boundaries, r->area_code, r->period_text)))
		add_pair(pass, KEY(pass, "cohorts", r->boundaries, r->area_type, r->area_code, r->indicator_code, r->period_text),
				 i);
}

/* A municipality restated: its current row, its predecessors' historical rows, its remainder. */
static void
restated_relations(Pass *pass, Row *r, int32 i)
{
	if (strcmp(r->area_type, "municipality") == 0 || strcmp(r->area_type, "remainder") == 0)
		add_pair(pass, KEY(pass, "restated", strcmp(r->boundaries, "historical") == 0 ? r->current_code : r->area_code,
							  r->cell), i);
}

/*
 * A region on both boundary sets: its rows, the remainders of its current
 * members, its historical members whose successor is no current member.
 */
static void
region_restated_relations(Pass *pass, Row *r, int32 i)
{
	ListCell   *lc;

	if (strcmp(r->area_type, "region") == 0)
	{
		if (has_key(pass, KEY(pass, "region period", r->area_code, r->period_text)))
			add_pair(pass, KEY(pass, "region restated", r->area_code, r->cell), i);
	}
	else if (strcmp(r->area_type, "remainder") == 0)
	{
		foreach(lc, regions_of(pass, KEY(pass, "member of", "current", r->period_text, r->area_code)))
			add_pair(pass, KEY(pass, "region restated", (char *) lfirst(lc), r->cell), i);
	}
	else if (strcmp(r->area_type, "municipality") == 0 && strcmp(r->boundaries, "historical") == 0)
	{
		foreach(lc, regions_of(pass, KEY(pass, "member of", "historical", r->period_text, r->area_code)))
		{
			char	   *region = (char *) lfirst(lc);

			if (r->current_code == NULL ||
				!has_key(pass, KEY(pass, "current member", region, r->period_text, r->current_code)))
				add_pair(pass, KEY(pass, "region restated", region, r->cell), i);
		}
	}
}

static void
build_relations(Pass *pass)
{
	pass->relations = string_map("secondary_suppression relations");
	for (int32 i = 0; i < pass->n_rows; i++)
		if (strcmp(pass->rows[i].kind, "cohort") == 0)
			entry(pass->keys, KEY(pass, "cohorts of", pass->rows[i].indicator_code, pass->rows[i].boundaries,
									 pass->rows[i].area_code, pass->rows[i].period_text), true);
	for (int32 i = 0; i < pass->n_rows; i++)
	{
		CHECK_FOR_INTERRUPTS();
		region_relations(pass, &pass->rows[i], i);
		cohort_relations(pass, &pass->rows[i], i);
		restated_relations(pass, &pass->rows[i], i);
		region_restated_relations(pass, &pass->rows[i], i);
	}
}

/* strcmp with NULL after every string, as ORDER BY ... NULLS LAST. */
static int
compare_nullable(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a == NULL) - (b == NULL);
	return strcmp(a, b);
}

#define COMPARE(a, b) do { if ((a) != (b)) return (a) < (b) ? -1 : 1; } while (0)

/* The order in which rows are picked: < 0 when a goes first. */
static int
pick_order(const Row *a, const Row *b)
{
	int			c;

	COMPARE(strcmp(a->kind, "scorecard") == 0, strcmp(b->kind, "scorecard") == 0);
	COMPARE(strcmp(a->area_type, "region") == 0, strcmp(b->area_type, "region") == 0);
	COMPARE(strcmp(a->boundaries, "historical") == 0, strcmp(b->boundaries, "historical") == 0);
	COMPARE(a->size, b->size);
	if ((c = strcmp(a->area_code, b->area_code)) != 0 || (c = strcmp(a->indicator_code, b->indicator_code)) != 0)
		return c;
	COMPARE(a->period, b->period);
	COMPARE(!a->has_cohort, !b->has_cohort);
	COMPARE(a->cohort_year, b->cohort_year);
	if ((c = compare_nullable(a->level, b->level)) != 0 || (c = strcmp(a->kind, b->kind)) != 0 ||
		(c = strcmp(a->boundaries, b->boundaries)) != 0)
		return c;
	return strcmp(a->area_type, b->area_type);
}

/* The pairs grouped by relation: members[start[r] .. start[r + 1]) are the rows of relation r. */
static int32 *
group_by_relation(Pass *pass, int32 **members_out)
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
pick_round(Pass *pass, const int32 *start, const int32 *members, bool *picked, int32 *picks)
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
			else if (row->may_pick && (best < 0 || pick_order(row, &pass->rows[best]) < 0))
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

/* The rows picked, round after round, as row ids into result; returns how many. */
static int32
protect(Pass *pass, Datum *result)
{
	int32	   *members;
	int32	   *start = group_by_relation(pass, &members);
	bool	   *picked = palloc0(Max(pass->n_rows, 1) * sizeof(bool));
	int32	   *picks = palloc(Max(pass->n_rows, 1) * sizeof(int32));
	int32		n_result = 0;
	int32		count;

	while ((count = pick_round(pass, start, members, picked, picks)) > 0)
	{
		CHECK_FOR_INTERRUPTS();
		for (int32 i = 0; i < count; i++)
		{
			pass->rows[picks[i]].hidden = true;
			result[n_result++] = Int64GetDatum(pass->rows[picks[i]].row_id);
		}
	}
	return n_result;
}

PG_FUNCTION_INFO_V1(u16_secondary_suppression);
Datum
u16_secondary_suppression(PG_FUNCTION_ARGS)
{
	const char *schema = quote_identifier(get_namespace_name(get_func_namespace(fcinfo->flinfo->fn_oid)));
	MemoryContext caller = CurrentMemoryContext;
	Pass		pass = {0};
	Datum	   *result;
	int32		n_result;
	ArrayType  *array = NULL;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	initStringInfo(&pass.key);
	read_rows(&pass, schema);
	read_members(&pass, schema);
	build_relations(&pass);
	result = palloc(Max(pass.n_rows, 1) * sizeof(Datum));
	n_result = protect(&pass, result);
	if (n_result > 0)
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		array = construct_array(result, n_result, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	if (array == NULL)
		PG_RETURN_NULL();
	PG_RETURN_ARRAYTYPE_P(array);
}
