/*
 * fuzz.h — helpers shared by the libFuzzer targets in test/fuzz/.
 *
 * Each target feeds libFuzzer's bytes to one backend-free parser of
 * src/parse.c as a NUL-terminated string (what a PostgreSQL input function
 * gets), checks the documented status codes, and checks the round trip:
 * whatever parses formats to text that parses back to the same value.  The
 * targets also read the first bytes as a stored code (what binary receive
 * gets) and check that every code the validator accepts formats and parses
 * back to itself.  A failed check aborts, which libFuzzer reports as a crash.
 */
#ifndef U16_FUZZ_H
#define U16_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

#define require(cond, ...) \
	do { \
		if (!(cond)) \
		{ \
			fprintf(stderr, "u16 fuzz check failed: %s: ", #cond); \
			fprintf(stderr, __VA_ARGS__); \
			fputc('\n', stderr); \
			abort(); \
		} \
	} while (0)

/* The input as a C string in a buffer of exactly size + 1 bytes (ASan sees overreads). */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char	   *text = malloc(size + 1);

	if (text == NULL)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	return text;
}

static inline int
status_known(U16ParseStatus status)
{
	return status == U16_PARSE_OK || status == U16_PARSE_SYNTAX || status == U16_PARSE_RANGE;
}

#endif							/* U16_FUZZ_H */
