/*
 * parse.h — backend-free parsers and formatters for u16's text forms.
 *
 * Nothing here calls into the PostgreSQL backend: the functions take a C
 * string and return a status, so they can be unit-tested and fuzzed on their
 * own (test/unit, test/fuzz).  The fmgr wrappers in share.c, period.c and
 * target.c turn a status into the matching SQLSTATE.
 */
#ifndef U16_PARSE_H
#define U16_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum U16ParseStatus
{
	U16_PARSE_OK = 0,
	U16_PARSE_SYNTAX,			/* malformed text: SQLSTATE 22P02 */
	U16_PARSE_RANGE				/* well-formed but out of range: 22003 */
} U16ParseStatus;

/* A share is k of n: 0 <= k <= n. */
extern bool u16_share_valid(int64_t k, int64_t n);
extern U16ParseStatus u16_parse_share(const char *text, int64_t *k, int64_t *n);

/* Longest text form of a share: two int64s, a slash and a NUL. */
#define U16_SHARE_TEXT_MAX (2 * 20 + 2)
extern int	u16_format_share(char *buf, size_t size, int64_t k, int64_t n);

#endif							/* U16_PARSE_H */
