/*
 * target_agg.c — support functions of attainment_agg(share, target) → share:
 * of the groups aggregated (one share each), how many met the target.
 *
 * The state is the share type, as for share_agg: n counts groups with data,
 * k those among them that met the target.  Groups without data (the empty
 * share 0/0) count in neither part; NULL rows are skipped because the
 * transition functions are STRICT.  Combining is share_combine (plain
 * addition), and attainment_retract is the exact inverse of
 * attainment_accum, so the aggregate is parallel and a cheap moving
 * aggregate.  Only argument 0 is ever written, and only inside an aggregate.
 */
#include "target.h"

static Datum
attainment_step(FunctionCallInfo fcinfo, bool add)
{
	const Share *actual = PG_GETARG_SHARE_P(1);
	int64		target = PG_GETARG_TARGET(2);
	Share		group = {0, 1};
	Share	   *state;

	u16_target_require_kind(target, U16_TARGET_SHARE, "attainment_agg(share, target)");
	if (actual->den == 0)
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	group.num = u16_share_meets(actual, target) ? 1 : 0;
	state = u16_share_writable_state(fcinfo);
	if (add)
		u16_share_add_into(state, &group);
	else
		u16_share_subtract_into(state, &group);
	PG_RETURN_SHARE_P(state);
}

/* One group: n += 1, and k += 1 when it met the target; empty shares skipped. */
PG_FUNCTION_INFO_V1(u16_attainment_accum);
Datum
u16_attainment_accum(PG_FUNCTION_ARGS)
{
	return attainment_step(fcinfo, true);
}

/* Inverse of attainment_accum, for groups leaving a moving window frame. */
PG_FUNCTION_INFO_V1(u16_attainment_retract);
Datum
u16_attainment_retract(PG_FUNCTION_ARGS)
{
	return attainment_step(fcinfo, false);
}
