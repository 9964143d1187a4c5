/*
 * interned.c — interned strings (interned.h).
 */
#include "compat.h"

#include "common/hashfn.h"
#include "utils/builtins.h"
#include "utils/memutils.h"

#include "interned.h"

typedef struct Entry
{
	char	   *string;			/* the key: a pointer, hashed and compared as the string */
	int32		number;
} Entry;

static uint32
interned_hash(const void *key, Size keysize)
{
	const char *s = *(char *const *) key;

	return hash_bytes((const unsigned char *) s, strlen(s));
}

static int
interned_match(const void *key1, const void *key2, Size keysize)
{
	return strcmp(*(char *const *) key1, *(char *const *) key2);
}

void
interned_init(Interned *set, const char *name)
{
	HASHCTL		ctl = {0};

	ctl.keysize = sizeof(char *);
	ctl.entrysize = sizeof(Entry);
	ctl.hash = interned_hash;
	ctl.match = interned_match;
	set->context = CurrentMemoryContext;
	ctl.hcxt = CurrentMemoryContext;
	set->map = hash_create(name, 1024, &ctl, HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	set->allocated = 1024;
	set->strings = palloc(sizeof(char *) * set->allocated);
	set->texts = palloc0(sizeof(Datum) * set->allocated);
	set->n = 0;
}

int32
intern(Interned *set, const char *string)
{
	bool		found;
	Entry	   *e;

	if (string == NULL)
		return -1;
	e = hash_search(set->map, &string, HASH_ENTER, &found);
	if (!found)
	{
		if (set->n == set->allocated)
		{
			set->allocated *= 2;
			set->strings = repalloc(set->strings, sizeof(char *) * set->allocated);
			set->texts = repalloc(set->texts, sizeof(Datum) * set->allocated);
			memset(set->texts + set->n, 0, sizeof(Datum) * (set->allocated - set->n));
		}
		/* the key must outlive the caller's string */
		e->string = MemoryContextStrdup(set->context, string);
		e->number = set->n;
		set->strings[set->n++] = e->string;
	}
	return e->number;
}

int32
intern_text(Interned *set, Datum value, bool isnull)
{
	text	   *t;
	int			length;
	char		buffer[64];

	if (isnull)
		return -1;
	t = DatumGetTextPP(value);
	length = VARSIZE_ANY_EXHDR(t);
	if (length >= (int) sizeof(buffer))
		return intern(set, text_to_cstring(t));
	/* short codes, the usual ones, without a copy in memory that lasts */
	memcpy(buffer, VARDATA_ANY(t), length);
	buffer[length] = '\0';
	return intern(set, buffer);
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
