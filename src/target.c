/*
 * target.c — the target type: I/O, and attainment of a target by a share, a
 * count, a change against a baseline, or a milestone date.
 *
 * A target is one int64 code (see parse.h) with unused bits zero, chosen so
 * that integer order is the order (kind, operator, threshold) and equal
 * targets have equal codes.  The install script binds comparison, btree
 * support and hashing to int8's own functions (LANGUAGE internal, as
 * contrib/isn does), which is correct for exactly that reason.  The order
 * exists for ORDER BY, DISTINCT and GROUP BY; it says nothing about which
 * target is harder.
 *
 * attainment(...) is deliberately not STRICT: a NULL or empty actual value
 * means "no data", which is an answer, not an unknown.  A NULL target gives
 * NULL (there is nothing to attain).  A target of the wrong kind is an
 * error (22023) even when the actual value is NULL, so a mistake in a
 * targets table shows up at once rather than as a plausible label.
 */
#include "target.h"

#include "common/int128.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"

typedef enum U16Attainment
{
	U16_MET,
	U16_NOT_MET,
	U16_PENDING,
	U16_NO_DATA
} U16Attainment;

static const char *const attainment_labels[] = {"met", "not met", "pending", "no data"};

#define PG_RETURN_ATTAINMENT(a)	PG_RETURN_TEXT_P(cstring_to_text(attainment_labels[a]))

static const char *
kind_description(U16TargetKind kind)
{
	switch (kind)
	{
		case U16_TARGET_SHARE:
			return "a share threshold such as '>= 90%'";
		case U16_TARGET_COUNT:
			return "a count threshold such as '>= 1'";
		case U16_TARGET_CHANGE:
			return "a change target ('rise' or 'fall')";
		case U16_TARGET_DEADLINE:
			break;
	}
	return "a deadline such as 'by 2018-06-01' or 'before 2018-03-01'";
}

static const char *
kind_usage(U16TargetKind kind)
{
	switch (kind)
	{
		case U16_TARGET_SHARE:
			return "Share thresholds are for attainment(share, target) and attainment_agg(share, target).";
		case U16_TARGET_COUNT:
			return "Count thresholds are for attainment(bigint, target).";
		case U16_TARGET_CHANGE:
			return "Rise and fall compare with a baseline: attainment(share, target, baseline share).";
		case U16_TARGET_DEADLINE:
			break;
	}
	return "Deadlines are for attainment(done_on date, target, as_of date).";
}

void
u16_target_require_kind(int64 target, U16TargetKind kind, const char *signature)
{
	char		text[U16_TARGET_TEXT_MAX];

	if (u16_target_kind(target) == kind)
		return;
	u16_format_target(text, sizeof(text), target);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s needs %s, got target \"%s\"", signature, kind_description(kind), text),
			 errhint("%s", kind_usage(u16_target_kind(target)))));
}

/* Applies a threshold operator to the result of a three-way comparison. */
static bool
operator_holds(U16TargetOp op, int order)
{
	switch (op)
	{
		case U16_OP_LT:
			return order < 0;
		case U16_OP_LE:
			return order <= 0;
		case U16_OP_EQ:
			return order == 0;
		case U16_OP_GE:
			return order >= 0;
		case U16_OP_GT:
			return order > 0;
		default:
			break;
	}
	elog(ERROR, "invalid threshold operator %d", (int) op);
	return false;
}

bool
u16_share_meets(const Share *actual, int64 target)
{
	INT128		left = int64_to_int128(0);
	INT128		right = int64_to_int128(0);

	/* k / n <op> ppm / 10^6  <=>  k * 10^6 <op> ppm * n, as n > 0 */
	int128_add_int64_mul_int64(&left, actual->num, U16_PPM);
	int128_add_int64_mul_int64(&right, u16_target_value(target), actual->den);
	return operator_holds(u16_target_op(target), int128_compare(left, right));
}

/* ---------- input and output ---------- */

PG_FUNCTION_INFO_V1(u16_target_in);
Datum
u16_target_in(PG_FUNCTION_ARGS)
{
	const char *text = PG_GETARG_CSTRING(0);
	int64_t		code = 0;

	switch (u16_parse_target(text, &code))
	{
		case U16_PARSE_OK:
			break;
		case U16_PARSE_SYNTAX:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", "target", text),
					 errhint("A target is a share threshold such as '>= 90%%' (up to 4 decimals), "
							 "a count threshold such as '>= 1', 'rise', 'fall', "
							 "or a deadline such as 'by 2018-06-01' or 'before 2018-03-01'.")));
		case U16_PARSE_RANGE:
			ereturn(fcinfo->context, (Datum) 0,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("value \"%s\" is out of range for type %s", text, "target"),
					 errdetail("Share thresholds lie in 0%%..100%%, count thresholds in 0..2147483647.")));
	}
	PG_RETURN_TARGET(code);
}

PG_FUNCTION_INFO_V1(u16_target_out);
Datum
u16_target_out(PG_FUNCTION_ARGS)
{
	char	   *buf = palloc(U16_TARGET_TEXT_MAX);

	u16_format_target(buf, U16_TARGET_TEXT_MAX, PG_GETARG_TARGET(0));
	PG_RETURN_CSTRING(buf);
}

/* Binary form: the code as a network-order int8, re-validated on receive. */
PG_FUNCTION_INFO_V1(u16_target_recv);
Datum
u16_target_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int64		code = pq_getmsgint64(buf);

	if (!u16_target_valid(code))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary value for type target: " INT64_FORMAT, code),
				 errdetail("A target is kind << 40 | operator << 32 | (value + 2^31) "
						   "with a valid kind, operator and value.")));
	PG_RETURN_TARGET(code);
}

PG_FUNCTION_INFO_V1(u16_target_send);
Datum
u16_target_send(PG_FUNCTION_ARGS)
{
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, PG_GETARG_TARGET(0));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* ---------- attainment ---------- */

/* attainment(actual share, t target): 'met', 'not met' or 'no data'. */
PG_FUNCTION_INFO_V1(u16_attainment_share);
Datum
u16_attainment_share(PG_FUNCTION_ARGS)
{
	int64		target;
	const Share *actual;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	target = PG_GETARG_TARGET(1);
	u16_target_require_kind(target, U16_TARGET_SHARE, "attainment(share, target)");
	if (PG_ARGISNULL(0))
		PG_RETURN_ATTAINMENT(U16_NO_DATA);
	actual = PG_GETARG_SHARE_P(0);
	if (actual->den == 0)
		PG_RETURN_ATTAINMENT(U16_NO_DATA);
	PG_RETURN_ATTAINMENT(u16_share_meets(actual, target) ? U16_MET : U16_NOT_MET);
}

/* attainment(actual bigint, t target): 'met', 'not met' or 'no data'. */
PG_FUNCTION_INFO_V1(u16_attainment_count);
Datum
u16_attainment_count(PG_FUNCTION_ARGS)
{
	int64		target;
	int64		actual;
	int64		threshold;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	target = PG_GETARG_TARGET(1);
	u16_target_require_kind(target, U16_TARGET_COUNT, "attainment(bigint, target)");
	if (PG_ARGISNULL(0))
		PG_RETURN_ATTAINMENT(U16_NO_DATA);
	actual = PG_GETARG_INT64(0);
	threshold = u16_target_value(target);
	PG_RETURN_ATTAINMENT(operator_holds(u16_target_op(target),
										(actual > threshold) - (actual < threshold))
						 ? U16_MET : U16_NOT_MET);
}

/*
 * attainment(actual share, t target, baseline share [, alpha]).
 *
 * For 'rise' and 'fall' without alpha (or with alpha NULL) this is a
 * point-estimate comparison: met when the actual proportion is strictly above
 * (rise) or below (fall) the baseline's, compared exactly; equal proportions
 * are 'not met'.  With alpha the change must also be statistically
 * significant at that level: met exactly when trend(actual, baseline, alpha)
 * is 'rise' (or 'fall').  An empty or NULL actual or baseline is 'no data'.
 *
 * A share threshold is accepted too and judged as attainment(actual, t),
 * ignoring the baseline, so one expression serves a scorecard whose share
 * indicators have either kind of target.
 */
PG_FUNCTION_INFO_V1(u16_attainment_change);
Datum
u16_attainment_change(PG_FUNCTION_ARGS)
{
	int64		target;
	const Share *actual;
	const Share *baseline;
	bool		rise;
	bool		changed;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	target = PG_GETARG_TARGET(1);
	if (u16_target_kind(target) == U16_TARGET_SHARE)
	{
		if (PG_ARGISNULL(0) || PG_GETARG_SHARE_P(0)->den == 0)
			PG_RETURN_ATTAINMENT(U16_NO_DATA);
		PG_RETURN_ATTAINMENT(u16_share_meets(PG_GETARG_SHARE_P(0), target) ? U16_MET : U16_NOT_MET);
	}
	u16_target_require_kind(target, U16_TARGET_CHANGE, "attainment(share, target, baseline share)");
	if (PG_ARGISNULL(0) || PG_ARGISNULL(2))
		PG_RETURN_ATTAINMENT(U16_NO_DATA);
	actual = PG_GETARG_SHARE_P(0);
	baseline = PG_GETARG_SHARE_P(2);
	if (actual->den == 0 || baseline->den == 0)
		PG_RETURN_ATTAINMENT(U16_NO_DATA);

	rise = u16_target_op(target) == U16_OP_RISE;
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		changed = strcmp(u16_trend(actual, baseline, PG_GETARG_FLOAT8(3)),
						 rise ? "rise" : "fall") == 0;
	else
		changed = u16_share_proportion_compare(actual, baseline) == (rise ? 1 : -1);
	PG_RETURN_ATTAINMENT(changed ? U16_MET : U16_NOT_MET);
}

/*
 * attainment(done_on date, t target, as_of date) for a deadline 'by D' (done
 * on D or earlier) or 'before D' (done by the day before D).
 *
 * done_on NULL means not done.  What happened after as_of is not known yet
 * at as_of, so a done_on later than as_of also counts as not done.  With L
 * the last day that still counts (D, or D - 1 for 'before'):
 *   done (done_on <= as_of):  'met' if done_on <= L, else 'not met'
 *   not done:                 'pending' while as_of <= L, then 'not met'
 * as_of NULL is 'no data'.
 */
PG_FUNCTION_INFO_V1(u16_attainment_deadline);
Datum
u16_attainment_deadline(PG_FUNCTION_ARGS)
{
	int64		target;
	DateADT		last_day;
	DateADT		as_of;

	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();
	target = PG_GETARG_TARGET(1);
	u16_target_require_kind(target, U16_TARGET_DEADLINE, "attainment(date, target, date)");
	if (PG_ARGISNULL(2))
		PG_RETURN_ATTAINMENT(U16_NO_DATA);
	last_day = u16_target_value(target) - (u16_target_op(target) == U16_OP_BEFORE ? 1 : 0);
	as_of = PG_GETARG_DATEADT(2);
	if (!PG_ARGISNULL(0) && PG_GETARG_DATEADT(0) <= as_of)
		PG_RETURN_ATTAINMENT(PG_GETARG_DATEADT(0) <= last_day ? U16_MET : U16_NOT_MET);
	PG_RETURN_ATTAINMENT(as_of <= last_day ? U16_PENDING : U16_NOT_MET);
}

/* ---------- accessors ---------- */

/*
 * target_kind(t): what the target asks, in one word: 'at_least' (>=),
 * 'above' (>), 'at_most' (<=), 'below' (<), 'exactly' (=), 'rise', 'fall',
 * 'by' (a deadline, inclusive) or 'before' (strictly before the date).
 */
PG_FUNCTION_INFO_V1(u16_target_kind_name);
Datum
u16_target_kind_name(PG_FUNCTION_ARGS)
{
	static const char *const threshold_kinds[] = {"", "below", "at_most", "exactly", "at_least", "above"};
	int64		target = PG_GETARG_TARGET(0);
	U16TargetOp op = u16_target_op(target);
	const char *kind;

	switch (u16_target_kind(target))
	{
		case U16_TARGET_CHANGE:
			kind = op == U16_OP_RISE ? "rise" : "fall";
			break;
		case U16_TARGET_DEADLINE:
			kind = op == U16_OP_BEFORE ? "before" : "by";
			break;
		default:
			kind = threshold_kinds[op];
			break;
	}
	PG_RETURN_TEXT_P(cstring_to_text(kind));
}

/*
 * target_threshold(t): the number a threshold target compares with, as
 * numeric text: a proportion for share targets (0.9 for '>= 90%'), the count
 * for count targets; NULL for rise, fall and deadlines.
 */
PG_FUNCTION_INFO_V1(u16_target_threshold);
Datum
u16_target_threshold(PG_FUNCTION_ARGS)
{
	int64		target = PG_GETARG_TARGET(0);
	int32		value = u16_target_value(target);

	switch (u16_target_kind(target))
	{
		case U16_TARGET_SHARE:
			/* parts per million as a decimal, trailing zeros trimmed: 0.9 */
			PG_RETURN_DATUM(DirectFunctionCall1(numeric_trim_scale,
												DirectFunctionCall3(numeric_in,
																	CStringGetDatum(psprintf("%d.%06d", value / U16_PPM, value % U16_PPM)),
																	ObjectIdGetDatum(InvalidOid),
																	Int32GetDatum(-1))));
		case U16_TARGET_COUNT:
			PG_RETURN_DATUM(DirectFunctionCall1(int4_numeric, Int32GetDatum(value)));
		default:
			break;
	}
	PG_RETURN_NULL();
}

/* target_deadline(t): the date of a 'by' or 'before' target; NULL for others. */
PG_FUNCTION_INFO_V1(u16_target_deadline);
Datum
u16_target_deadline(PG_FUNCTION_ARGS)
{
	int64		target = PG_GETARG_TARGET(0);

	if (u16_target_kind(target) != U16_TARGET_DEADLINE)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(u16_target_value(target));
}
