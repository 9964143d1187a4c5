/*
 * interned.c — interned strings (interned.h).
 *
 * The map from string to number is simplehash (open addressing, the hash
 * stored beside each entry), looked up with the bytes of a text value as they
 * are: most lookups find a string interned before, and make no copy.
 */
#include "compat.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "interned.h"

/* A string by its bytes, not NUL-terminated. */
typedef struct Bytes
{
	const char *data;
	int32		length;
} Bytes;

typedef struct Entry
{
	Bytes		key;			/* the set's own copy, once entered */
	int32		number;
	uint32		hash;
	char		status;
} Entry;

#define SH_PREFIX strings
#define SH_ELEMENT_TYPE Entry
#define SH_KEY_TYPE Bytes
#define SH_KEY key
#define SH_HASH_KEY(tb, k) hash_bytes((const unsigned char *) (k).data, (k).length)
#define SH_EQUAL(tb, a, b) ((a).length == (b).length && memcmp((a).data, (b).data, (a).length) == 0)
#define SH_STORE_HASH
#define SH_GET_HASH(tb, a) ((a)->hash)
#define SH_SCOPE static inline
#define SH_DECLARE
#define SH_DEFINE
#include "lib/simplehash.h"

void
interned_init(Interned *set)
{
	set->context = CurrentMemoryContext;
	set->map = strings_create(CurrentMemoryContext, 1024, NULL);
	set->allocated = 1024;
	set->strings = palloc(sizeof(char *) * set->allocated);
	set->texts = palloc0(sizeof(Datum) * set->allocated);
	set->n = 0;
}

/* The number of the string of length bytes at data, added if new. */
static int32
intern_bytes(Interned *set, const char *data, int32 length)
{
	bool		found;
	Entry	   *e = strings_insert(set->map, (Bytes) {data, length}, &found);

	if (!found)
	{
		char	   *copy = MemoryContextAlloc(set->context, length + 1);

		if (set->n == set->allocated)
		{
			set->allocated *= 2;
			set->strings = repalloc(set->strings, sizeof(char *) * set->allocated);
			set->texts = repalloc(set->texts, sizeof(Datum) * set->allocated);
			memset(set->texts + set->n, 0, sizeof(Datum) * (set->allocated - set->n));
		}
		/* the key must outlive the caller's bytes */
		memcpy(copy, data, length);
		copy[length] = '\0';
		e->key.data = copy;
		e->number = set->n;
		set->strings[set->n++] = copy;
	}
	return e->number;
}

int32
intern(Interned *set, const char *string)
{
	return string == NULL ? -1 : intern_bytes(set, string, strlen(string));
}

int32
intern_text(Interned *set, Datum value, bool isnull)
{
	text	   *t;
	int32		number;

	if (isnull)
		return -1;
	t = DatumGetTextPP(value);
	number = intern_bytes(set, VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
	if ((Pointer) t != DatumGetPointer(value))
		pfree(t);				/* a detoasted copy: the set keeps its own */
	return number;
}

const char *
interned_string(const Interned *set, int32 number)
{
	Assert(number >= 0 && number < set->n);
	return set->strings[number];
}

Datum
interned_text(Interned *set, int32 number)
{
	Assert(number >= 0 && number < set->n);
	if (set->texts[number] == (Datum) 0)
	{
		MemoryContext old = MemoryContextSwitchTo(set->context);

		set->texts[number] = PointerGetDatum(cstring_to_text(set->strings[number]));
		MemoryContextSwitchTo(old);
	}
	return set->texts[number];
}
