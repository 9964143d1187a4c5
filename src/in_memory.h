/*
 * in_memory.h — what the monitor's steps that run in memory (person_cells.c,
 * candidate_rows.c, suppression.c, standardised.c, judge.c) share: reading a
 * query's rows through SPI without losing the step's memory context, and hash
 * maps keyed by fixed-size blobs of integers (interned strings, periods:
 * interned.h).
 */
#ifndef U16_IN_MEMORY_H
#define U16_IN_MEMORY_H

#include "postgres.h"

#include "tcop/dest.h"

/*
 * Runs a read-only query (SPI must be connected); its rows are in
 * SPI_tuptable.  SPI_execute() leaves SPI's own context current, which
 * SPI_finish() frees: the step's context is made current again.
 */
extern void select_rows(MemoryContext step, const char *query);

/*
 * A receiver of a query's rows (DestNone) that hands each to receive_slot;
 * starting, stopping and destroying it do nothing.  Embed it first in a
 * struct of the receiver's own state.
 */
extern DestReceiver row_receiver(bool (*receive_slot) (TupleTableSlot *slot, DestReceiver *self));

/* Whether a text value (not NULL) is the word. */
extern bool text_is(Datum value, const char *word);

/*
 * A hash map in the current memory context.  Its entries are entrysize
 * bytes that start with a key of keysize bytes, compared as a blob (so keys
 * must have no padding, or zeroed padding).  An entry stays where it is;
 * entries are numbered in the order they were made.
 */
typedef struct BlobMap BlobMap;

extern BlobMap *blob_map(Size keysize, Size entrysize);

/* The entry of a key, or NULL. */
extern void *blob_find(BlobMap *map, const void *key);

/* The entry of a key, made (zeroed, with the key) when absent; *found (unless NULL) says which. */
extern void *blob_enter(BlobMap *map, const void *key, bool *found);

/* How many entries there are, and the one made i-th (from 0). */
extern int64 blob_count(const BlobMap *map);
extern void *blob_entry(const BlobMap *map, int64 i);

#endif
