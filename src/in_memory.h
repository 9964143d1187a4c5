/*
 * in_memory.h — what the steps over the monitor's scratch tables that run in
 * memory (candidate_rows.c, judge.c) share: reading a query's rows through
 * SPI without losing the step's memory context, and hash tables keyed by
 * fixed-size blobs of integers (interned strings, periods: interned.h).
 */
#ifndef U16_IN_MEMORY_H
#define U16_IN_MEMORY_H

#include "postgres.h"

#include "utils/hsearch.h"

/*
 * Runs a read-only query (SPI must be connected); its rows are in
 * SPI_tuptable.  SPI_execute() leaves SPI's own context current, which
 * SPI_finish() frees: the step's context is made current again.
 */
extern void select_rows(MemoryContext step, const char *query);

/* A hash table in the current memory context, keyed by keysize bytes compared as a blob. */
extern HTAB *blob_map(const char *name, Size keysize, Size entrysize);

#endif
