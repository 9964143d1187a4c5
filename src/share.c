/*
 * share.c — the share type: I/O, constructor, accessors, arithmetic and the
 * btree/hash support that makes ORDER BY, DISTINCT, GROUP BY, UNION, hash
 * joins and indexes work.
 *
 * Ordering (documented in README): by proportion k/n, compared exactly with
 * 128-bit cross-multiplication; equal proportions are ordered by denominator
 * and then numerator, so 1/2 < 2/4 and '=' means equal counts.  The empty
 * share 0/0 has no proportion and sorts before every other share.
 */
#include "share.h"

#include "common/int.h"
#include "common/int128.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "parse.h"
#include "stats.h"

static Share *
share_make(int64 num, int64 den)
{
	Share	   *s = palloc_object(Share);

	s->num = num;
	s->den = den;
	return s;
}

void
u16_share_report_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("share counter out of range"),
			 errdetail("A share's counts must fit in bigint.")));
}

void
u16_share_subtract_into(Share *acc, const Share *b)
{
	if (pg_sub_s64_overflow(acc->num, b->num, &acc->num) ||
		pg_sub_s64_overflow(acc->den, b->den, &acc->den) ||
		!u16_share_valid(acc->num, acc->den))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("cannot subtract a share that was never added")));
}

/* ---------- input and output ---------- */

PG_FUNCTION_INFO_V1(u16_share_in);
Datum
u16_share_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	int64_t		k = 0;
	int64_t		n = 0;

	switch (u16_parse_share(text, &k, &n))
	{
		case U16_PARSE_OK:
			break;
		case U16_PARSE_SYNTAX:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "share", text),
					 errhint("A share is written k/n, for example '45/60'.")));
		case U16_PARSE_RANGE:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value \"%s\" is out of range for type %s", text, "share"),
					 errdetail("A share k/n needs 0 <= k <= n, both within bigint.")));
	}
	PG_RETURN_SHARE_P(share_make(k, n));
}

PG_FUNCTION_INFO_V1(u16_share_out);
Datum
u16_share_out(PG_FUNCTION_ARGS)
{
	const Share *s = PG_GETARG_SHARE_P(0);
	char	   *buf = palloc(U16_SHARE_TEXT_MAX);

	u16_format_share(buf, U16_SHARE_TEXT_MAX, s->num, s->den);
	PG_RETURN_CSTRING(buf);
}

/* Binary form: numerator then denominator, each a network-order int8. */
PG_FUNCTION_INFO_V1(u16_share_recv);
Datum
u16_share_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		num = pq_getmsgint64(buf);
	int64		den = pq_getmsgint64(buf);

	if (!u16_share_valid(num, den))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type share: " INT64_FORMAT "/" INT64_FORMAT,
						num, den),
				 errdetail("A share k/n needs 0 <= k <= n.")));
	PG_RETURN_SHARE_P(share_make(num, den));
}

PG_FUNCTION_INFO_V1(u16_share_send);
Datum
u16_share_send(PG_FUNCTION_ARGS)
{
	const Share *s = PG_GETARG_SHARE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, s->num);
	pq_sendint64(&buf, s->den);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------- constructor and accessors ---------- */

PG_FUNCTION_INFO_V1(u16_share_make);
Datum
u16_share_make(PG_FUNCTION_ARGS)
{
	int64		k = PG_GETARG_INT64(0);
	int64		n = PG_GETARG_INT64(1);

	if (!u16_share_valid(k, n))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("share " INT64_FORMAT "/" INT64_FORMAT " is out of range", k, n),
				 errdetail("A share k/n needs 0 <= k <= n.")));
	PG_RETURN_SHARE_P(share_make(k, n));
}

PG_FUNCTION_INFO_V1(u16_share_numerator);
Datum
u16_share_numerator(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SHARE_P(0)->num);
}

PG_FUNCTION_INFO_V1(u16_share_denominator);
Datum
u16_share_denominator(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SHARE_P(0)->den);
}

PG_FUNCTION_INFO_V1(u16_share_value);
Datum
u16_share_value(PG_FUNCTION_ARGS)
{
	const Share *s = PG_GETARG_SHARE_P(0);

	if (s->den == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) s->num / (double) s->den);
}

/*
 * Wilson score interval; ci_lower and ci_upper share one implementation and
 * differ only in which bound they return.
 */
static Datum
share_ci_bound(FunctionCallInfo fcinfo, bool upper)
{
	const Share *s = PG_GETARG_SHARE_P(0);
	double		level = PG_GETARG_FLOAT8(1);
	double		lo;
	double		hi;

	if (!(level > 0.0 && level < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence level must be between 0 and 1 (exclusive), got %g", level)));
	if (s->den == 0)
		PG_RETURN_NULL();
	u16_wilson_interval(s->num, s->den, level, &lo, &hi);
	PG_RETURN_FLOAT8(upper ? hi : lo);
}

PG_FUNCTION_INFO_V1(u16_share_ci_lower);
Datum
u16_share_ci_lower(PG_FUNCTION_ARGS)
{
	return share_ci_bound(fcinfo, false);
}

PG_FUNCTION_INFO_V1(u16_share_ci_upper);
Datum
u16_share_ci_upper(PG_FUNCTION_ARGS)
{
	return share_ci_bound(fcinfo, true);
}

/* ---------- ordering and hashing ---------- */

/* Compares the proportions of two non-empty shares exactly: -1, 0 or 1. */
int
u16_share_proportion_compare(const Share *a, const Share *b)
{
	INT128		left = int64_to_int128(0);
	INT128		right = int64_to_int128(0);

	/* a.num / a.den <=> b.num / b.den  as  a.num * b.den <=> b.num * a.den */
	int128_add_int64_mul_int64(&left, a->num, b->den);
	int128_add_int64_mul_int64(&right, b->num, a->den);
	return int128_compare(left, right);
}

static int
share_compare(const Share *a, const Share *b)
{
	int			order;

	if (a->den == 0 || b->den == 0)
		return (a->den > 0) - (b->den > 0);
	order = u16_share_proportion_compare(a, b);
	if (order != 0)
		return order;
	if (a->den != b->den)
		return a->den < b->den ? -1 : 1;
	if (a->num != b->num)
		return a->num < b->num ? -1 : 1;
	return 0;
}

PG_FUNCTION_INFO_V1(u16_share_cmp);
Datum
u16_share_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(share_compare(PG_GETARG_SHARE_P(0), PG_GETARG_SHARE_P(1)));
}

#define SHARE_COMPARISON(name, test) \
PG_FUNCTION_INFO_V1(u16_share_##name); \
Datum \
u16_share_##name(PG_FUNCTION_ARGS) \
{ \
	int			order = share_compare(PG_GETARG_SHARE_P(0), PG_GETARG_SHARE_P(1)); \
	PG_RETURN_BOOL(test); \
}

SHARE_COMPARISON(lt, order < 0)
SHARE_COMPARISON(le, order <= 0)
SHARE_COMPARISON(eq, order == 0)
SHARE_COMPARISON(ne, order != 0)
SHARE_COMPARISON(ge, order >= 0)
SHARE_COMPARISON(gt, order > 0)

/* Equal shares have equal counts, so hashing the 16 bytes is consistent. */
PG_FUNCTION_INFO_V1(u16_share_hash);
Datum
u16_share_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_SHARE_P(0), sizeof(Share));
}

PG_FUNCTION_INFO_V1(u16_share_hash_extended);
Datum
u16_share_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_any_extended((const unsigned char *) PG_GETARG_SHARE_P(0),
							 sizeof(Share), PG_GETARG_INT64(1));
}
