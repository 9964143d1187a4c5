/*
 * parse.c — backend-free parsers and formatters (see parse.h).
 *
 * Grammar of a share (breuk "k van n"):
 *     share := ws* count ws* '/' ws* count ws*
 *     count := '-'? digit+
 * A minus sign is accepted by the grammar only so that "-1/3" is reported as
 * out of range (22003) rather than as a syntax error: the value is readable,
 * it just is not a share.  '+', decimals, exponents and empty counts are
 * syntax errors.
 */
#include "parse.h"

#include <stdio.h>

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static const char *
skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/*
 * Reads an optionally negative decimal integer at *pp.  Returns SYNTAX when
 * there are no digits, RANGE when the value does not fit in int64.
 */
static U16ParseStatus
parse_count(const char **pp, int64_t *out)
{
	const char *p = *pp;
	bool		negative = false;
	uint64_t	magnitude = 0;
	bool		overflow = false;
	const char *digits;

	if (*p == '-')
	{
		negative = true;
		p++;
	}
	digits = p;
	while (*p >= '0' && *p <= '9')
	{
		unsigned	d = (unsigned) (*p - '0');

		if (magnitude > (UINT64_MAX - d) / 10)
			overflow = true;
		else
			magnitude = magnitude * 10 + d;
		p++;
	}
	if (p == digits)
		return U16_PARSE_SYNTAX;
	*pp = p;
	if (overflow || magnitude > (uint64_t) INT64_MAX + (negative ? 1 : 0))
		return U16_PARSE_RANGE;
	*out = negative ? (int64_t) (0 - magnitude) : (int64_t) magnitude;
	return U16_PARSE_OK;
}

bool
u16_share_valid(int64_t k, int64_t n)
{
	return 0 <= k && k <= n;
}

U16ParseStatus
u16_parse_share(const char *text, int64_t *k, int64_t *n)
{
	const char *p = skip_spaces(text);
	U16ParseStatus status_k;
	U16ParseStatus status_n;

	/* Finish the syntax check before reporting a range problem. */
	status_k = parse_count(&p, k);
	if (status_k == U16_PARSE_SYNTAX)
		return U16_PARSE_SYNTAX;
	p = skip_spaces(p);
	if (*p != '/')
		return U16_PARSE_SYNTAX;
	p = skip_spaces(p + 1);
	status_n = parse_count(&p, n);
	if (status_n == U16_PARSE_SYNTAX)
		return U16_PARSE_SYNTAX;
	if (*skip_spaces(p) != '\0')
		return U16_PARSE_SYNTAX;
	if (status_k != U16_PARSE_OK || status_n != U16_PARSE_OK)
		return U16_PARSE_RANGE;
	return u16_share_valid(*k, *n) ? U16_PARSE_OK : U16_PARSE_RANGE;
}

int
u16_format_share(char *buf, size_t size, int64_t k, int64_t n)
{
	return snprintf(buf, size, "%lld/%lld", (long long) k, (long long) n);
}
