/*
 * interned.h — interned strings: each distinct string of a computation in
 * memory gets a number (0, 1, 2, ...), so that keys made of several strings
 * are small fixed-size blobs of integers (in_memory.h).  The steps over the
 * monitor's rows in C (candidate_rows.c, suppression.c, judge.c,
 * standardised.c) key their tables with them.
 */
#ifndef U16_INTERNED_H
#define U16_INTERNED_H

#include "postgres.h"

struct strings_hash;

typedef struct Interned
{
	MemoryContext context;
	struct strings_hash *map;	/* string → number (simplehash) */
	char	  **strings;		/* number → string */
	Datum	   *texts;			/* number → text, made when first asked for */
	int32		n;
	int32		allocated;
} Interned;

/* An empty set, in the current memory context. */
extern void interned_init(Interned *set);

/* The number of a string, added if new (-1 for NULL). */
extern int32 intern(Interned *set, const char *string);

/* The number of a text value, added if new (-1 for NULL). */
extern int32 intern_text(Interned *set, Datum value, bool isnull);

/* The string of a number. */
extern const char *interned_string(const Interned *set, int32 number);

/* The string of a number as text. */
extern Datum interned_text(Interned *set, int32 number);

#endif
