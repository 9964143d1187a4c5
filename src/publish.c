/*
 * publish.c — publishing a table by difference, in memory.
 *
 *   publish(target regclass, fresh_rows text) → bigint
 *
 * makes the rows of target the rows of a query (fresh_rows, whose columns
 * have the table's names), as REFRESH MATERIALIZED VIEW CONCURRENTLY does it:
 * a published row identical to a fresh one (every column the same binary
 * image, so 1.0 and 1.00 differ) stays; the other published rows are deleted,
 * and the fresh rows that no published row matches are inserted.  Readers see
 * the old rows until the refresh commits, as with DELETE and INSERT; but
 * figures that did not change are not written again, so the table does not
 * bloat and a refresh of unchanged data writes nothing.  Returns the rows the
 * table then holds (the fresh rows).
 *
 * The table must have a key (a primary key, or a unique index with NULLS NOT
 * DISTINCT), so that no two of its rows are identical and each published row
 * matches at most one fresh row.  It is a plain table (an inheritance parent
 * is published on its own rows; a partitioned table is refused), its written
 * columns are scalars (generated ones are the table's own), and a fresh
 * value is stored as an INSERT stores it (a varchar(3) refuses 'abcdef').
 * The rights to read, insert and delete are checked before any lock.
 *
 * Each published row, read in the order it was stored, is first compared
 * with the fresh row after the last twin found (a refresh of data that changed
 * little finds most twins there); the first time that fails, the fresh rows
 * are hashed on their images and the published rows look for their twins
 * there.  The deletions (by ctid) run before the insertions (one INSERT from
 * unnest() of a column array each), so a changed row's new version never meets
 * its old key.  Like REFRESH
 * MATERIALIZED VIEW CONCURRENTLY, it takes an EXCLUSIVE lock on the table,
 * held until the transaction ends: readers go on, writers wait.
 *
 * refresh_monitor() (86_monitor_publish.sql) publishes each table with it;
 * sql/monitor_publish.sql checks that the tables then hold exactly what a
 * refresh into empty tables gives, and that only changed rows are written.
 */
#include "compat.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/pg_class_d.h"
#include "catalog/pg_index.h"
#include "catalog/pg_type_d.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "parser/parse_coerce.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"

#include "in_memory.h"

/* The fresh rows, deformed, and which of them a published row matches. */
typedef struct Fresh
{
	TupleDesc	desc;			/* the columns, as the query returns them */
	uint64		n;
	Datum	   *values;			/* n × columns */
	bool	   *nulls;
	uint32	   *hashes;
	bool	   *matched;
	uint64		n_matched;
	int64	   *slots;			/* open addressing: a row number, or -1 */
	uint64		mask;
	bool		hashed;			/* hashes and slots are filled */
	uint64		next;			/* the fresh row after the last one matched */
} Fresh;

/* Whether the table has a key no two identical rows can share. */
static bool
has_key(Relation relation)
{
	List	   *indexes = RelationGetIndexList(relation);
	ListCell   *cell;
	bool		found = false;

	foreach(cell, indexes)
	{
		HeapTuple	tuple = SearchSysCache1(INDEXRELID, ObjectIdGetDatum(lfirst_oid(cell)));
		Form_pg_index index;

		if (!HeapTupleIsValid(tuple))
			elog(ERROR, "cache lookup failed for index %u", lfirst_oid(cell));
		index = (Form_pg_index) GETSTRUCT(tuple);
		found |= index->indisunique && (index->indisprimary || u16_nulls_not_distinct(index));
		ReleaseSysCache(tuple);
	}
	list_free(indexes);
	return found;
}

/*
 * A column publish() writes: not dropped, not generated (the table computes
 * it from the others).  Its values travel in an array of its type, so a
 * column that is an array or a row itself is refused at the start.
 */
static bool
written_column(Form_pg_attribute a)
{
	if (a->attisdropped || a->attgenerated != '\0')
		return false;
	if (type_is_array_domain(a->atttypid) || type_is_rowtype(a->atttypid))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("publish(): column %s is of type %s; arrays and rows are not supported",
						NameStr(a->attname), format_type_be(a->atttypid))));
	return true;
}

/*
 * A fresh value as the column stores it: cast to the column's type, and its
 * type modifier applied as an INSERT applies it (a varchar(3) refuses
 * 'abcdef' instead of cutting it; a numeric(5,1) rounds).
 */
static void
append_typed(StringInfo list, Form_pg_attribute a, const char *name)
{
	Oid			length_function;

	if (a->atttypmod >= 0 &&
		find_typmod_coercion_function(a->atttypid, &length_function) == COERCION_PATH_FUNC)
		appendStringInfo(list, "%s(%s::%s, %d%s) AS %s",
						 quote_qualified_identifier(get_namespace_name(get_func_namespace(length_function)),
													get_func_name(length_function)),
						 name, format_type_be(a->atttypid), a->atttypmod,
						 get_func_nargs(length_function) == 3 ? ", false" : "", name);
	else
		appendStringInfo(list, "%s::%s AS %s", name, format_type_with_typemod(a->atttypid, a->atttypmod), name);
}

/* "c1, c2, ..." or, typed, "c1::type1 AS c1, ..." for the columns written. */
static char *
column_list(TupleDesc desc, bool typed)
{
	StringInfoData list;

	initStringInfo(&list);
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);
		const char *name = quote_identifier(NameStr(a->attname));

		if (!written_column(a))
			continue;
		if (list.len > 0)
			appendStringInfoString(&list, ", ");
		if (typed)
			append_typed(&list, a, name);
		else
			appendStringInfoString(&list, name);
	}
	return list.data;
}

static uint32
row_hash(const Datum *values, const bool *nulls, TupleDesc desc)
{
	uint32		hash = 0;

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);
		/* a NULL hashes as a constant of its own */
		uint32		h = nulls[i] ? 0x9e3779b9 : datum_image_hash(values[i], a->attbyval, a->attlen);

		hash = hash_combine(hash, h);
	}
	return hash;
}

static bool
same_image(const Datum *v1, const bool *n1, const Datum *v2, const bool *n2, TupleDesc desc)
{
	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, i);

		if (n1[i] != n2[i] || (!n1[i] && !datum_image_eq(v1[i], v2[i], a->attbyval, a->attlen)))
			return false;
	}
	return true;
}

/* Reads the fresh rows (the query's result stays in SPI's memory). */
static void
read_fresh(Fresh *fresh, const char *query)
{
	SPITupleTable *table;
	TupleDesc	desc;

	if (SPI_execute(query, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "publish(): the fresh rows are not a query");
	table = SPI_tuptable;
	desc = fresh->desc = table->tupdesc;
	fresh->n = SPI_processed;
	fresh->values = palloc_extended(sizeof(Datum) * Max(fresh->n, 1) * desc->natts, MCXT_ALLOC_HUGE);
	fresh->nulls = palloc_extended(sizeof(bool) * Max(fresh->n, 1) * desc->natts, MCXT_ALLOC_HUGE);
	fresh->matched = palloc_extended(sizeof(bool) * Max(fresh->n, 1), MCXT_ALLOC_HUGE | MCXT_ALLOC_ZERO);
	for (uint64 r = 0; r < fresh->n; r++)
		heap_deform_tuple(table->vals[r], desc, fresh->values + r * desc->natts, fresh->nulls + r * desc->natts);
}

/* Hashes the fresh rows, once a published row is not the next fresh one. */
static void
hash_fresh(Fresh *fresh)
{
	TupleDesc	desc = fresh->desc;
	uint64		size = 2;

	fresh->hashes = palloc_extended(sizeof(uint32) * Max(fresh->n, 1), MCXT_ALLOC_HUGE);
	while (size < 2 * fresh->n)
		size *= 2;
	fresh->slots = palloc_extended(sizeof(int64) * size, MCXT_ALLOC_HUGE);
	memset(fresh->slots, -1, sizeof(int64) * size);
	fresh->mask = size - 1;
	for (uint64 r = 0; r < fresh->n; r++)
	{
		uint64		slot;

		fresh->hashes[r] = row_hash(fresh->values + r * desc->natts, fresh->nulls + r * desc->natts, desc);
		for (slot = fresh->hashes[r] & fresh->mask; fresh->slots[slot] >= 0; slot = (slot + 1) & fresh->mask)
			;
		fresh->slots[slot] = (int64) r;
	}
	fresh->hashed = true;
}

/*
 * The fresh row identical to a published row, not matched before; -1: none.
 * The published rows are read in the order they were stored, which is the
 * order of the fresh rows that were new then: a refresh of data that changed
 * little finds most twins at the next fresh row, without hashing.
 */
static int64
twin(Fresh *fresh, const Datum *values, const bool *nulls)
{
	TupleDesc	desc = fresh->desc;
	uint64		next = fresh->next;
	uint32		hash;

	if (next < fresh->n && !fresh->matched[next] &&
		same_image(fresh->values + next * desc->natts, fresh->nulls + next * desc->natts, values, nulls, desc))
		return next;
	if (!fresh->hashed)
		hash_fresh(fresh);
	hash = row_hash(values, nulls, desc);

	for (uint64 slot = hash & fresh->mask; fresh->slots[slot] >= 0; slot = (slot + 1) & fresh->mask)
	{
		int64		r = fresh->slots[slot];

		if (fresh->hashes[r] == hash && !fresh->matched[r] &&
			same_image(fresh->values + r * desc->natts, fresh->nulls + r * desc->natts, values, nulls, desc))
			return r;
	}
	return -1;
}

/*
 * The published rows, as the executor reads them (ctid, then the columns):
 * each is matched against the fresh rows as it comes, without a copy, and
 * the ctids of those without a twin are kept.
 */
typedef struct PublishedReader
{
	DestReceiver receiver;
	MemoryContext context;
	Fresh	   *fresh;
	ItemPointerData *gone;
	int			n_gone;
	int			max_gone;
} PublishedReader;

static bool
match_published(TupleTableSlot *slot, DestReceiver *receiver)
{
	PublishedReader *reader = (PublishedReader *) receiver;
	Fresh	   *fresh = reader->fresh;
	MemoryContext executor = MemoryContextSwitchTo(reader->context);	/* where the fresh rows' hashes go */
	int64		r;

	slot_getallattrs(slot);
	r = twin(fresh, slot->tts_values + 1, slot->tts_isnull + 1);
	if (r >= 0)
	{
		fresh->matched[r] = true;
		fresh->n_matched++;
		fresh->next = r + 1;
	}
	else
	{
		if (reader->n_gone == reader->max_gone)
		{
			reader->max_gone = Max(1024, 2 * reader->max_gone);
			reader->gone = reader->gone ? repalloc(reader->gone, sizeof(ItemPointerData) * reader->max_gone)
				: palloc(sizeof(ItemPointerData) * reader->max_gone);
		}
		reader->gone[reader->n_gone++] = *(ItemPointer) DatumGetPointer(slot->tts_values[0]);
	}
	MemoryContextSwitchTo(executor);
	return true;
}

/*
 * Matches the published rows against the fresh rows; returns the ctids of
 * those without a twin, as a tid[] (NULL: none).
 */
static ArrayType *
unmatched_published(Fresh *fresh, const char *query)
{
	PublishedReader reader = {row_receiver(match_published), CurrentMemoryContext, fresh};
	SPIExecuteOptions options = {0};
	Datum	   *gone;

	options.dest = &reader.receiver;
	/* (a SELECT into a receiver of DestNone reports SPI_OK_UTILITY) */
	if (SPI_execute_extended(query, &options) < 0)
		elog(ERROR, "publish(): cannot read the published rows");
	if (reader.n_gone == 0)
		return NULL;
	gone = palloc(sizeof(Datum) * reader.n_gone);
	for (int i = 0; i < reader.n_gone; i++)
		gone[i] = PointerGetDatum(&reader.gone[i]);
	return construct_array(gone, reader.n_gone, TIDOID, sizeof(ItemPointerData), false, TYPALIGN_SHORT);
}

/* Inserts the fresh rows no published row matched (if any): one array per column. */
static void
insert_unmatched(Fresh *fresh, const char *target, const char *columns)
{
	TupleDesc	desc = fresh->desc;
	Oid		   *types = palloc(sizeof(Oid) * desc->natts);
	Datum	   *arrays = palloc(sizeof(Datum) * desc->natts);
	int			n = (int) (fresh->n - fresh->n_matched);
	Datum	   *values = palloc(sizeof(Datum) * Max(n, 1));
	bool	   *nulls = palloc(sizeof(bool) * Max(n, 1));
	StringInfoData query;

	if (n == 0)
		return;
	initStringInfo(&query);
	appendStringInfo(&query, "INSERT INTO %s (%s) SELECT * FROM unnest(", target, columns);
	for (int c = 0; c < desc->natts; c++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, c);
		int			dims[1] = {n};
		int			lower[1] = {1};
		int			i = 0;

		for (uint64 r = 0; r < fresh->n; r++)
		{
			if (fresh->matched[r])
				continue;
			values[i] = fresh->values[r * desc->natts + c];
			nulls[i++] = fresh->nulls[r * desc->natts + c];
		}
		types[c] = get_array_type(a->atttypid);
		if (!OidIsValid(types[c]))
			elog(ERROR, "publish(): column %s has no array type", NameStr(a->attname));
		arrays[c] = PointerGetDatum(construct_md_array(values, nulls, 1, dims, lower, a->atttypid,
													   a->attlen, a->attbyval, a->attalign));
		appendStringInfo(&query, "%s$%d", c > 0 ? ", " : "", c + 1);
	}
	appendStringInfoChar(&query, ')');
	if (SPI_execute_with_args(query.data, desc->natts, types, arrays, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "publish(): cannot insert the fresh rows");
}

/*
 * This role may read, insert and delete in the table: checked before any lock
 * is taken (a missing table is an error here too, not a crash later).
 */
static void
check_rights(Oid target_oid)
{
	AclMode		modes[] = {ACL_SELECT, ACL_INSERT, ACL_DELETE};

	for (int i = 0; i < (int) lengthof(modes); i++)
		if (pg_class_aclcheck(target_oid, GetUserId(), modes[i]) != ACLCHECK_OK)
			aclcheck_error(ACLCHECK_NO_PRIV, get_relkind_objtype(get_rel_relkind(target_oid)),
						   get_rel_name(target_oid));
}

/*
 * Opens the table, locked so that its name and columns stay as they are; a
 * table without a key, or a partitioned one (its rows' ctids are unique only
 * within each partition), is refused.
 */
static Relation
open_target(Oid target_oid)
{
	Relation	relation;
	char	   *name;

	check_rights(target_oid);
	relation = table_open(target_oid, AccessShareLock);
	name = DatumGetCString(DirectFunctionCall1(regclassout, ObjectIdGetDatum(target_oid)));
	if (relation->rd_rel->relkind != RELKIND_RELATION)
		ereport(ERROR,
				(errcode(ERRCODE_WRONG_OBJECT_TYPE),
				 errmsg("publish(): %s is not a plain table", name)));
	if (!has_key(relation))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TABLE_DEFINITION),
				 errmsg("publish(): %s has no primary key or unique index with NULLS NOT DISTINCT", name)));
	return relation;
}

PG_FUNCTION_INFO_V1(u16_publish);
Datum
u16_publish(PG_FUNCTION_ARGS)
{
	Oid			target_oid = PG_GETARG_OID(0);
	char	   *fresh_rows = text_to_cstring(PG_GETARG_TEXT_PP(1));
	Relation	relation = open_target(target_oid);
	char	   *target = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(relation)),
													RelationGetRelationName(relation));
	char	   *columns = column_list(RelationGetDescr(relation), false);
	char	   *typed = column_list(RelationGetDescr(relation), true);
	Fresh		fresh = {0};
	ArrayType  *gone;
	Oid			tid_array = TIDARRAYOID;

	table_close(relation, NoLock);	/* the lock is held until the transaction ends */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(psprintf("LOCK TABLE ONLY %s IN EXCLUSIVE MODE", target), false, 0) != SPI_OK_UTILITY)
		elog(ERROR, "publish(): cannot lock %s", target);
	read_fresh(&fresh, psprintf("SELECT %s FROM (%s) s", typed, fresh_rows));
	/* ONLY: an inheritance child's rows are its own, and a ctid is unique only within one table */
	gone = unmatched_published(&fresh, psprintf("SELECT ctid, %s FROM ONLY %s", columns, target));
	if (gone != NULL &&
		SPI_execute_with_args(psprintf("DELETE FROM ONLY %s WHERE ctid = ANY ($1)", target), 1, &tid_array,
							  (Datum[]) {PointerGetDatum(gone)}, NULL, false, 0) != SPI_OK_DELETE)
		elog(ERROR, "publish(): cannot delete the published rows that changed");
	insert_unmatched(&fresh, target, columns);
	SPI_finish();
	PG_RETURN_INT64((int64) fresh.n);
}
