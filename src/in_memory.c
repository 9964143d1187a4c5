/*
 * in_memory.c — shared by the steps that run in memory (in_memory.h).
 *
 * A BlobMap is simplehash (open addressing, as PostgreSQL's own executor
 * hash tables) over pointers to its entries, with each key's hash stored
 * beside the pointer; the entries themselves live in chunks that never
 * move.  dynahash, which it replaces, spent about half the time of these
 * steps (docs/benchmark-history.md).
 */
#include "compat.h"

#include "common/hashfn.h"
#include "executor/spi.h"

#include "in_memory.h"

#define CHUNK_BITS 10			/* 1024 entries a chunk */
#define CHUNK_SIZE (1 << CHUNK_BITS)

typedef struct Slot
{
	const char *key;			/* the start of an entry */
	uint32		hash;
	char		status;
} Slot;

struct BlobMap;
static inline uint32 blob_hash(struct BlobMap *map, const char *key);
static inline bool blob_equal(struct BlobMap *map, const char *a, const char *b);

#define SH_PREFIX slots
#define SH_ELEMENT_TYPE Slot
#define SH_KEY_TYPE const char *
#define SH_KEY key
#define SH_HASH_KEY(tb, k) blob_hash((struct BlobMap *) (tb)->private_data, (k))
#define SH_EQUAL(tb, a, b) blob_equal((struct BlobMap *) (tb)->private_data, (a), (b))
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

struct BlobMap
{
	MemoryContext context;
	slots_hash *slots;
	Size		keysize;
	Size		entrysize;
	int64		n;
	char	  **chunks;
	int64		n_chunks;
};

static inline uint32
blob_hash(BlobMap *map, const char *key)
{
	return hash_bytes((const unsigned char *) key, (int) map->keysize);
}

static inline bool
blob_equal(BlobMap *map, const char *a, const char *b)
{
	return memcmp(a, b, map->keysize) == 0;
}

void
select_rows(MemoryContext step, const char *query)
{
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", query);
	MemoryContextSwitchTo(step);
}

static void
receiver_start(DestReceiver *self, int operation, TupleDesc desc)
{
}

static void
receiver_stop(DestReceiver *self)
{
}

DestReceiver
row_receiver(bool (*receive_slot) (TupleTableSlot *slot, DestReceiver *self))
{
	DestReceiver receiver = {receive_slot, receiver_start, receiver_stop, receiver_stop, DestNone};

	return receiver;
}

bool
text_is(Datum value, const char *word)
{
	text	   *t = DatumGetTextPP(value);
	size_t		length = strlen(word);
	bool		same = VARSIZE_ANY_EXHDR(t) == length && memcmp(VARDATA_ANY(t), word, length) == 0;

	if ((Pointer) t != DatumGetPointer(value))
		pfree(t);				/* a detoasted copy: called once per row, so not kept */
	return same;
}

BlobMap *
blob_map(Size keysize, Size entrysize)
{
	BlobMap    *map = palloc0(sizeof(BlobMap));

	Assert(entrysize >= keysize);
	map->context = CurrentMemoryContext;
	map->keysize = keysize;
	map->entrysize = MAXALIGN(entrysize);
	map->slots = slots_create(CurrentMemoryContext, 1024, map);
	map->n_chunks = 16;
	map->chunks = palloc0(map->n_chunks * sizeof(char *));
	return map;
}

void *
blob_entry(const BlobMap *map, int64 i)
{
	Assert(i >= 0 && i < map->n);
	return map->chunks[i >> CHUNK_BITS] + (i & (CHUNK_SIZE - 1)) * map->entrysize;
}

int64
blob_count(const BlobMap *map)
{
	return map->n;
}

void *
blob_find(BlobMap *map, const void *key)
{
	Slot	   *slot = slots_lookup(map->slots, key);

	return slot == NULL ? NULL : (void *) slot->key;
}

/* A new entry, zeroed, at the end. */
static char *
new_entry(BlobMap *map)
{
	int64		chunk = map->n >> CHUNK_BITS;
	int64		i = map->n;

	if (chunk == map->n_chunks)
	{
		map->chunks = repalloc(map->chunks, 2 * map->n_chunks * sizeof(char *));
		memset(map->chunks + map->n_chunks, 0, map->n_chunks * sizeof(char *));
		map->n_chunks *= 2;
	}
	if (map->chunks[chunk] == NULL)
		map->chunks[chunk] = MemoryContextAllocZero(map->context, CHUNK_SIZE * map->entrysize);
	map->n++;
	return blob_entry(map, i);
}

void *
blob_enter(BlobMap *map, const void *key, bool *found)
{
	bool		was_there;
	Slot	   *slot = slots_insert(map->slots, key, &was_there);

	if (found != NULL)
		*found = was_there;
	if (!was_there)
	{
		char	   *entry;

		/* the slot was made with the caller's key: point it at the entry's own copy */
		entry = new_entry(map);
		memcpy(entry, key, map->keysize);
		slot->key = entry;
	}
	return (void *) slot->key;
}
