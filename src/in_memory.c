/*
 * in_memory.c — shared by the steps that run in memory (in_memory.h).
 */
#include "compat.h"

#include "executor/spi.h"

#include "in_memory.h"

void
select_rows(MemoryContext step, const char *query)
{
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", query);
	MemoryContextSwitchTo(step);
}

HTAB *
blob_map(const char *name, Size keysize, Size entrysize)
{
	HASHCTL		ctl = {0};

	ctl.keysize = keysize;
	ctl.entrysize = entrysize;
	ctl.hcxt = CurrentMemoryContext;
	return hash_create(name, 4096, &ctl, HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
}
