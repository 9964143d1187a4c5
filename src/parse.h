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

/*
 * A period is a calendar year, half-year, quarter or month of the years
 * 1000..9999, stored as one int32:
 *
 *     code = start_month * 4 + granularity
 *     start_month = year * 12 + (month - 1)   (month of the first day)
 *
 * with granularity 0 = year, 1 = half-year, 2 = quarter, 3 = month.  Plain
 * integer order of codes is then the documented order of periods:
 * chronological by start, and for equal starts the longer period first
 * ('2018' < '2018H1' < '2018Q1' < '2018-01').  So SQL can reuse int4's
 * comparison and hash functions as they are.  A code is valid when the year
 * is in range and start_month is aligned to the granularity.
 */
typedef enum U16Granularity
{
	U16_GRANULARITY_YEAR = 0,
	U16_GRANULARITY_HALFYEAR = 1,
	U16_GRANULARITY_QUARTER = 2,
	U16_GRANULARITY_MONTH = 3
} U16Granularity;

#define U16_YEAR_MIN 1000
#define U16_YEAR_MAX 9999

extern const char *u16_granularity_name(U16Granularity g);
/* Case-insensitive 'year', 'halfyear', 'quarter' or 'month'. */
extern bool u16_parse_granularity(const char *name, U16Granularity *g);

/*
 * The code arithmetic is inline: the quota ledger runs it once a row.
 */
static inline int
u16_granularity_months(U16Granularity g)
{
	static const int month_counts[] = {12, 6, 3, 1};

	return month_counts[g];
}

static inline int32_t
u16_period_encode(int32_t start_month, U16Granularity g)
{
	return start_month * 4 + (int32_t) g;
}

static inline int32_t
u16_period_start_month(int32_t code)
{
	return code / 4;
}

static inline U16Granularity
u16_period_granularity(int32_t code)
{
	return (U16Granularity) (code % 4);
}

/* Index of a period among the consecutive periods of its granularity. */
static inline int64_t
u16_period_index(int32_t code)
{
	return u16_period_start_month(code) / u16_granularity_months(u16_period_granularity(code));
}

/*
 * Period stepping, in one place: the start month of the period n periods
 * after code (same granularity), in int64 so that callers can check the
 * range before they encode it with u16_period_encode.
 */
static inline int64_t
u16_period_step_start(int32_t code, int64_t n)
{
	return (int64_t) u16_period_start_month(code) +
		n * u16_granularity_months(u16_period_granularity(code));
}

/* The period n after code, for steps known to stay within the years. */
static inline int32_t
u16_period_step(int32_t code, int64_t n)
{
	return u16_period_encode((int32_t) u16_period_step_start(code, n), u16_period_granularity(code));
}

static inline bool
u16_period_valid(int32_t code)
{
	if (code < U16_YEAR_MIN * 12 * 4 || code >= (U16_YEAR_MAX + 1) * 12 * 4)
		return false;
	return u16_period_start_month(code) % u16_granularity_months(u16_period_granularity(code)) == 0;
}

/* Every malformed or out-of-range text is a syntax error (22P02). */
extern U16ParseStatus u16_parse_period(const char *text, int32_t *code);

/* Longest text form of a period: "2018-05" and a NUL. */
#define U16_PERIOD_TEXT_MAX 8
extern int	u16_format_period(char *buf, size_t size, int32_t code);

/*
 * A target is one int64 with unused bits zero (equal targets, equal codes):
 *
 *     code = kind << 40 | op << 32 | (value + 2^31)
 *
 * kind   op                                  value
 * SHARE  < <= = >= > (1..5)                  threshold in parts per million
 *                                            of 1 (90% = 900000), 0..1000000
 * COUNT  < <= = >= > (1..5)                  threshold, 0..2147483647
 * CHANGE RISE or FALL (1, 2)                 0
 * DEADLINE BY (0: on or before the date) or  date as days since 2000-01-01
 *        BEFORE (1: strictly before it)      (a DateADT), years 1000..9999
 *
 * Biasing the value by 2^31 makes the low 32 bits an unsigned number with
 * the same order as the value, so integer order of codes is the order
 * (kind, op, value), and SQL can reuse int8's comparison and hash functions.
 */
typedef enum U16TargetKind
{
	U16_TARGET_SHARE = 1,
	U16_TARGET_COUNT = 2,
	U16_TARGET_CHANGE = 3,
	U16_TARGET_DEADLINE = 4
} U16TargetKind;

typedef enum U16TargetOp
{
	U16_OP_NONE = 0,
	U16_OP_LT = 1,
	U16_OP_LE = 2,
	U16_OP_EQ = 3,
	U16_OP_GE = 4,
	U16_OP_GT = 5,
	U16_OP_RISE = 1,
	U16_OP_FALL = 2,
	U16_OP_BY = 0,
	U16_OP_BEFORE = 1
} U16TargetOp;

#define U16_PPM 1000000

extern int64_t u16_target_encode(U16TargetKind kind, U16TargetOp op, int32_t value);
extern U16TargetKind u16_target_kind(int64_t code);
extern U16TargetOp u16_target_op(int64_t code);
extern int32_t u16_target_value(int64_t code);
extern bool u16_target_valid(int64_t code);

/* Days since 2000-01-01 of a proleptic Gregorian date, and back. */
extern int32_t u16_days_from_civil(int year, int month, int day);
extern void u16_civil_from_days(int32_t days, int *year, int *month, int *day);

extern U16ParseStatus u16_parse_target(const char *text, int64_t *code);

/* Longest text form of a target: "before 2018-03-01" and a NUL. */
#define U16_TARGET_TEXT_MAX 18
extern int	u16_format_target(char *buf, size_t size, int64_t code);

/*
 * A quota ledger (the state of the quota_deficit aggregates) as text:
 *     {}                                            no periods yet
 *     {carry_surplus=true;2018H1=40/45/0;2018H2=20/24/-3}
 * Each entry is period=quota/housed/correction.  Whitespace is allowed around
 * every token.  The parser checks syntax only; quota.c checks the meaning
 * (non-negative counts, one granularity, no duplicate periods).
 */
typedef struct U16LedgerEntry
{
	int32_t		period;
	int32_t		reserved;		/* always 0, so equal entries have equal bytes */
	int64_t		quota;
	int64_t		housed;
	int64_t		correction;
} U16LedgerEntry;

/* Room for the entries of any ledger text of this length. */
#define U16_LEDGER_MAX_ENTRIES(text_length) ((text_length) / 8 + 1)

extern U16ParseStatus u16_parse_ledger(const char *text, bool *carry_surplus,
									   U16LedgerEntry *entries, int *count);
/* Formats one entry "2018H1=40/45/0"; the caller writes braces and header. */
#define U16_LEDGER_ENTRY_TEXT_MAX (U16_PERIOD_TEXT_MAX + 3 * 21 + 3)
extern int	u16_format_ledger_entry(char *buf, size_t size, const U16LedgerEntry *entry);

/*
 * Citizen service number (BSN, burgerservicenummer): is the text 8 or 9
 * ASCII digits passing the eleven-test (elfproef), written with or without the
 * separators _ . : - of a person id (1234.56.782)?  8 digits count with a
 * leading zero; the digits weigh 9, 8, ..., 2 and the last -1, and the sum
 * must be a multiple of 11 (so 000000000 passes).  The person_id domain
 * refuses such ids: u16 holds pseudonyms only.
 */
extern bool u16_is_bsn(const char *text, size_t length);

#endif							/* U16_PARSE_H */
