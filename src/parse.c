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
 *
 * Grammar of a period (case-insensitive letters, no inner spaces):
 *     period := ws* year ( '' | '-'? 'H' [12] | '-'? 'Q' [1-4] | '-' month ) ws*
 *     year   := [1-9] digit digit digit           (1000..9999)
 *     month  := '0' [1-9] | '1' [0-2]             (always two digits)
 * Any other text, including years outside 1000..9999, is a syntax error.
 *
 * Grammar of a target (case-insensitive words):
 *     target  := ws* ( op ws* number ws* '%' | op ws* count | 'rise' | 'fall'
 *                      | ( 'by' | 'before' ) ws+ year '-' month '-' day ) ws*
 *     op      := '>=' | '>' | '<=' | '<' | '='
 *     number  := '-'? digit+ ( '.' digit{1,4} )?      (a percentage)
 *     count   := '-'? digit+
 *     day     := two digits, a day of that month
 * Negative thresholds, percentages above 100 and counts above 2147483647 are
 * out of range (22003); everything else that does not fit, including a fifth
 * decimal and impossible dates, is a syntax error.
 *
 * A citizen service number (BSN) is recognised by u16_is_bsn(), so that the
 * person_id domain can refuse it.
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

/* ---------- period ---------- */

static const char *const granularity_names[] = {"year", "halfyear", "quarter", "month"};

const char *
u16_granularity_name(U16Granularity g)
{
	return granularity_names[g];
}

static char
lower_ascii(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char) (c - 'A' + 'a') : c;
}

static bool
is_word_char(char c)
{
	c = lower_ascii(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * The one word matcher of every text form: a lower-case word at *pp,
 * matched case-insensitively and not followed by another letter, digit or
 * underscore; on a match *pp moves past it.
 */
static bool
match_word(const char **pp, const char *word)
{
	const char *p = *pp;

	while (*word != '\0')
	{
		if (lower_ascii(*p) != *word)
			return false;
		p++;
		word++;
	}
	if (is_word_char(*p))
		return false;
	*pp = p;
	return true;
}

bool
u16_parse_granularity(const char *name, U16Granularity *g)
{
	int			i;

	for (i = U16_GRANULARITY_YEAR; i <= U16_GRANULARITY_MONTH; i++)
	{
		const char *p = name;

		if (match_word(&p, granularity_names[i]) && *p == '\0')
		{
			*g = (U16Granularity) i;
			return true;
		}
	}
	return false;
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly four digits, 1000..9999, not followed by another digit. */
static bool
parse_year(const char **pp, int *year)
{
	const char *p = *pp;
	int			i;

	if (!(*p >= '1' && *p <= '9'))
		return false;
	*year = 0;
	for (i = 0; i < 4; i++)
	{
		if (!is_digit(p[i]))
			return false;
		*year = *year * 10 + (p[i] - '0');
	}
	if (is_digit(p[4]))
		return false;
	*pp = p + 4;
	return true;
}

/* Exactly two digits forming 01..12, not followed by another digit. */
static bool
parse_month(const char **pp, int *month)
{
	const char *p = *pp;

	if (!is_digit(p[0]) || !is_digit(p[1]) || is_digit(p[2]))
		return false;
	*month = (p[0] - '0') * 10 + (p[1] - '0');
	if (*month < 1 || *month > 12)
		return false;
	*pp = p + 2;
	return true;
}

U16ParseStatus
u16_parse_period(const char *text, int32_t *code)
{
	const char *p = skip_spaces(text);
	int			year;
	int			month = 1;
	U16Granularity g = U16_GRANULARITY_YEAR;

	if (!parse_year(&p, &year))
		return U16_PARSE_SYNTAX;
	if (*p == '-' && is_digit(p[1]))
	{
		p++;
		if (!parse_month(&p, &month))
			return U16_PARSE_SYNTAX;
		g = U16_GRANULARITY_MONTH;
	}
	else if (*p != '\0' && !is_space(*p))
	{
		char		letter;

		if (*p == '-')
			p++;
		letter = lower_ascii(*p);
		if (letter == 'h' && (p[1] == '1' || p[1] == '2'))
		{
			g = U16_GRANULARITY_HALFYEAR;
			month = 1 + (p[1] - '1') * 6;
		}
		else if (letter == 'q' && p[1] >= '1' && p[1] <= '4')
		{
			g = U16_GRANULARITY_QUARTER;
			month = 1 + (p[1] - '1') * 3;
		}
		else
			return U16_PARSE_SYNTAX;
		p += 2;
	}
	if (*skip_spaces(p) != '\0')
		return U16_PARSE_SYNTAX;
	*code = u16_period_encode(year * 12 + (month - 1), g);
	return U16_PARSE_OK;
}

int
u16_format_period(char *buf, size_t size, int32_t code)
{
	int32_t		start_month = u16_period_start_month(code);
	int			year = start_month / 12;
	int			month = start_month % 12 + 1;

	switch (u16_period_granularity(code))
	{
		case U16_GRANULARITY_YEAR:
			return snprintf(buf, size, "%04d", year);
		case U16_GRANULARITY_HALFYEAR:
			return snprintf(buf, size, "%04dH%d", year, 1 + (month - 1) / 6);
		case U16_GRANULARITY_QUARTER:
			return snprintf(buf, size, "%04dQ%d", year, 1 + (month - 1) / 3);
		case U16_GRANULARITY_MONTH:
			break;
	}
	return snprintf(buf, size, "%04d-%02d", year, month);
}

/* ---------- target ---------- */

#define TARGET_VALUE_BIAS ((int64_t) 1 << 31)

int64_t
u16_target_encode(U16TargetKind kind, U16TargetOp op, int32_t value)
{
	return ((int64_t) kind << 40) | ((int64_t) op << 32) | ((int64_t) value + TARGET_VALUE_BIAS);
}

U16TargetKind
u16_target_kind(int64_t code)
{
	return (U16TargetKind) (code >> 40);
}

U16TargetOp
u16_target_op(int64_t code)
{
	return (U16TargetOp) ((code >> 32) & 0xFF);
}

int32_t
u16_target_value(int64_t code)
{
	return (int32_t) ((code & 0xFFFFFFFF) - TARGET_VALUE_BIAS);
}

/*
 * Days from 2000-01-01 to a date of the proleptic Gregorian calendar; the
 * algorithm is Howard Hinnant's days_from_civil, shifted from 1970 to 2000.
 */
int32_t
u16_days_from_civil(int year, int month, int day)
{
	int			y = year - (month <= 2 ? 1 : 0);
	int			era = (y >= 0 ? y : y - 399) / 400;
	int			yoe = y - era * 400;
	int			doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int			doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468 - 10957;
}

void
u16_civil_from_days(int32_t days, int *year, int *month, int *day)
{
	int64_t		z = (int64_t) days + 10957 + 719468;
	int64_t		era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t		doe = z - era * 146097;
	int64_t		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t		mp = (5 * doy + 2) / 153;

	*day = (int) (doy - (153 * mp + 2) / 5 + 1);
	*month = (int) (mp < 10 ? mp + 3 : mp - 9);
	*year = (int) (yoe + era * 400 + (*month <= 2 ? 1 : 0));
}

static bool
is_leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month(int year, int month)
{
	static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return month == 2 && is_leap_year(year) ? 29 : lengths[month - 1];
}

bool
u16_target_valid(int64_t code)
{
	U16TargetKind kind;
	U16TargetOp op;
	int32_t		value;

	if (code < 0 || (code >> 40) > U16_TARGET_DEADLINE || ((code >> 32) & 0xFF) > U16_OP_GT)
		return false;
	kind = u16_target_kind(code);
	op = u16_target_op(code);
	value = u16_target_value(code);
	switch (kind)
	{
		case U16_TARGET_SHARE:
			return op >= U16_OP_LT && op <= U16_OP_GT && value >= 0 && value <= U16_PPM;
		case U16_TARGET_COUNT:
			return op >= U16_OP_LT && op <= U16_OP_GT && value >= 0;
		case U16_TARGET_CHANGE:
			return (op == U16_OP_RISE || op == U16_OP_FALL) && value == 0;
		case U16_TARGET_DEADLINE:
			return (op == U16_OP_BY || op == U16_OP_BEFORE) &&
				value >= u16_days_from_civil(U16_YEAR_MIN, 1, 1) &&
				value <= u16_days_from_civil(U16_YEAR_MAX, 12, 31);
	}
	return false;
}

/* A date YYYY-MM-DD at p, then only spaces: a deadline of the given kind. */
static U16ParseStatus
parse_deadline(const char *p, U16TargetOp op, int64_t *code)
{
	int			year;
	int			month;
	int			day;

	if (!parse_year(&p, &year) || *p != '-')
		return U16_PARSE_SYNTAX;
	p++;
	if (!parse_month(&p, &month) || *p != '-')
		return U16_PARSE_SYNTAX;
	p++;
	if (!is_digit(p[0]) || !is_digit(p[1]) || is_digit(p[2]))
		return U16_PARSE_SYNTAX;
	day = (p[0] - '0') * 10 + (p[1] - '0');
	if (day < 1 || day > days_in_month(year, month))
		return U16_PARSE_SYNTAX;
	if (*skip_spaces(p + 2) != '\0')
		return U16_PARSE_SYNTAX;
	*code = u16_target_encode(U16_TARGET_DEADLINE, op, u16_days_from_civil(year, month, day));
	return U16_PARSE_OK;
}

static bool
parse_op(const char **pp, U16TargetOp *op)
{
	const char *p = *pp;

	if (p[0] == '>' && p[1] == '=')
		*op = U16_OP_GE, p += 2;
	else if (p[0] == '<' && p[1] == '=')
		*op = U16_OP_LE, p += 2;
	else if (p[0] == '>')
		*op = U16_OP_GT, p++;
	else if (p[0] == '<')
		*op = U16_OP_LT, p++;
	else if (p[0] == '=')
		*op = U16_OP_EQ, p++;
	else
		return false;
	*pp = p;
	return true;
}

/*
 * The threshold after the operator: a count, or a percentage with up to four
 * decimals and a '%'.  Syntax is checked to the end before range.
 */
static U16ParseStatus
parse_threshold(const char *p, U16TargetOp op, int64_t *code)
{
	bool		negative = (*p == '-');
	int64_t		whole = 0;
	int64_t		fraction = 0;
	int			decimals = 0;
	U16ParseStatus status = parse_count(&p, &whole);

	if (status == U16_PARSE_SYNTAX)
		return U16_PARSE_SYNTAX;
	if (*p == '.')
	{
		const char *digits = ++p;

		for (; is_digit(*p); p++)
		{
			if (++decimals > 4)
				return U16_PARSE_SYNTAX;
			fraction = fraction * 10 + (*p - '0');
		}
		if (p == digits || *skip_spaces(p) != '%')
			return U16_PARSE_SYNTAX;
		for (; decimals < 4; decimals++)
			fraction *= 10;
	}
	p = skip_spaces(p);
	if (*p == '%')
	{
		/* percent * 10000 = parts per million of 1 */
		if (*skip_spaces(p + 1) != '\0')
			return U16_PARSE_SYNTAX;
		if (status != U16_PARSE_OK || negative || whole > 100 || whole * 10000 + fraction > U16_PPM)
			return U16_PARSE_RANGE;
		*code = u16_target_encode(U16_TARGET_SHARE, op, (int32_t) (whole * 10000 + fraction));
		return U16_PARSE_OK;
	}
	if (*p != '\0')
		return U16_PARSE_SYNTAX;
	if (status != U16_PARSE_OK || negative || whole > INT32_MAX)
		return U16_PARSE_RANGE;
	*code = u16_target_encode(U16_TARGET_COUNT, op, (int32_t) whole);
	return U16_PARSE_OK;
}

/* The targets written with a word: 'rise', 'fall', 'by D' and 'before D'. */
static const struct
{
	const char *word;
	U16TargetKind kind;
	U16TargetOp op;
}			target_words[] = {
	{"rise", U16_TARGET_CHANGE, U16_OP_RISE},
	{"fall", U16_TARGET_CHANGE, U16_OP_FALL},
	{"by", U16_TARGET_DEADLINE, U16_OP_BY},
	{"before", U16_TARGET_DEADLINE, U16_OP_BEFORE},
};

#define TARGET_WORDS (sizeof(target_words) / sizeof(target_words[0]))

U16ParseStatus
u16_parse_target(const char *text, int64_t *code)
{
	const char *p = skip_spaces(text);
	U16TargetOp op;

	for (size_t i = 0; i < TARGET_WORDS; i++)
	{
		if (!match_word(&p, target_words[i].word))
			continue;
		if (target_words[i].kind == U16_TARGET_DEADLINE)
			return is_space(*p) ? parse_deadline(skip_spaces(p), target_words[i].op, code)
				: U16_PARSE_SYNTAX;
		if (*skip_spaces(p) != '\0')
			return U16_PARSE_SYNTAX;
		*code = u16_target_encode(target_words[i].kind, target_words[i].op, 0);
		return U16_PARSE_OK;
	}
	if (!parse_op(&p, &op))
		return U16_PARSE_SYNTAX;
	return parse_threshold(skip_spaces(p), op, code);
}

/* The word of a change or deadline target. */
static const char *
target_word(U16TargetKind kind, U16TargetOp op)
{
	for (size_t i = 0; i < TARGET_WORDS; i++)
		if (target_words[i].kind == kind && target_words[i].op == op)
			return target_words[i].word;
	return "?";
}

static const char *const op_texts[] = {"", "<", "<=", "=", ">=", ">"};

int
u16_format_target(char *buf, size_t size, int64_t code)
{
	U16TargetOp op = u16_target_op(code);
	int32_t		value = u16_target_value(code);
	int			year;
	int			month;
	int			day;

	switch (u16_target_kind(code))
	{
		case U16_TARGET_SHARE:
			{
				int32_t		fraction = value % 10000;
				int			decimals = 4;

				if (fraction == 0)
					return snprintf(buf, size, "%s %d%%", op_texts[op], value / 10000);
				while (fraction % 10 == 0)
				{
					fraction /= 10;
					decimals--;
				}
				return snprintf(buf, size, "%s %d.%0*d%%", op_texts[op], value / 10000,
								decimals, fraction);
			}
		case U16_TARGET_COUNT:
			return snprintf(buf, size, "%s %d", op_texts[op], value);
		case U16_TARGET_CHANGE:
			return snprintf(buf, size, "%s", target_word(U16_TARGET_CHANGE, op));
		case U16_TARGET_DEADLINE:
			break;
	}
	u16_civil_from_days(value, &year, &month, &day);
	return snprintf(buf, size, "%s %04d-%02d-%02d", target_word(U16_TARGET_DEADLINE, op),
					year, month, day);
}

/* ---------- quota ledger ---------- */

/* Skips spaces and the expected character c; false if c is not there. */
static bool
expect_char(const char **pp, char c)
{
	const char *p = skip_spaces(*pp);

	if (*p != c)
		return false;
	*pp = skip_spaces(p + 1);
	return true;
}

/* Skips spaces and the expected word (match_word); false if it is not there. */
static bool
expect_word(const char **pp, const char *word)
{
	const char *p = skip_spaces(*pp);

	if (!match_word(&p, word))
		return false;
	*pp = p;
	return true;
}

/* A period token ends at '=' or a space; it is copied out and parsed. */
static U16ParseStatus
parse_period_token(const char **pp, int32_t *code)
{
	char		token[U16_PERIOD_TEXT_MAX + 1];
	size_t		n = 0;
	const char *p = skip_spaces(*pp);

	while (p[n] != '\0' && p[n] != '=' && !is_space(p[n]))
	{
		if (n == U16_PERIOD_TEXT_MAX)
			return U16_PARSE_SYNTAX;
		token[n] = p[n];
		n++;
	}
	token[n] = '\0';
	*pp = p + n;
	return u16_parse_period(token, code);
}

static U16ParseStatus
parse_ledger_entry(const char **pp, U16LedgerEntry *e)
{
	U16ParseStatus status = parse_period_token(pp, &e->period);
	int64_t    *counts[3] = {&e->quota, &e->housed, &e->correction};

	if (status != U16_PARSE_OK)
		return status;
	e->reserved = 0;
	for (int i = 0; i < 3; i++)
	{
		if (!expect_char(pp, i == 0 ? '=' : '/'))
			return U16_PARSE_SYNTAX;
		status = parse_count(pp, counts[i]);
		if (status != U16_PARSE_OK)
			return status;
	}
	return U16_PARSE_OK;
}

U16ParseStatus
u16_parse_ledger(const char *text, bool *carry_surplus,
				 U16LedgerEntry *entries, int *count)
{
	const char *p = text;

	*count = 0;
	*carry_surplus = true;
	if (!expect_char(&p, '{'))
		return U16_PARSE_SYNTAX;
	if (expect_char(&p, '}'))
		return *p == '\0' ? U16_PARSE_OK : U16_PARSE_SYNTAX;
	if (!expect_word(&p, "carry_surplus") || !expect_char(&p, '='))
		return U16_PARSE_SYNTAX;
	if (expect_word(&p, "true"))
		*carry_surplus = true;
	else if (expect_word(&p, "false"))
		*carry_surplus = false;
	else
		return U16_PARSE_SYNTAX;
	while (expect_char(&p, ';'))
	{
		U16ParseStatus status = parse_ledger_entry(&p, &entries[*count]);

		if (status != U16_PARSE_OK)
			return status;
		(*count)++;
	}
	if (!expect_char(&p, '}') || *p != '\0')
		return U16_PARSE_SYNTAX;
	return U16_PARSE_OK;
}

int
u16_format_ledger_entry(char *buf, size_t size, const U16LedgerEntry *entry)
{
	char		period[U16_PERIOD_TEXT_MAX];

	u16_format_period(period, sizeof(period), entry->period);
	return snprintf(buf, size, "%s=%lld/%lld/%lld", period, (long long) entry->quota,
					(long long) entry->housed, (long long) entry->correction);
}

/* ---------- citizen service number ---------- */

/* The separators a person id may hold, with which a BSN is also written. */
static bool
is_bsn_separator(char c)
{
	return c == '_' || c == '.' || c == ':' || c == '-';
}

bool
u16_is_bsn(const char *text, size_t length)
{
	int			digits[9];
	int			count = 0;
	int			sum = 0;

	/* The digits, passing over the separators a BSN is written with (1234.56.782). */
	for (size_t i = 0; i < length; i++)
	{
		if (text[i] >= '0' && text[i] <= '9')
		{
			if (count == 9)
				return false;
			digits[count++] = text[i] - '0';
		}
		else if (!is_bsn_separator(text[i]))
			return false;
	}
	if (count < 8)
		return false;
	/* An 8-digit number weighs as 9 digits with a leading zero. */
	for (int i = 0; i < count; i++)
	{
		int			position = 9 - count + i;	/* 0..8 in the 9-digit number */

		sum += digits[i] * (position == 8 ? -1 : 9 - position);
	}
	return sum % 11 == 0;
}
