/*
 * share_agg.c — support functions of the two-step share aggregates.
 *
 *   share_agg(boolean) → share   rows → summary     (share_accum, share_retract)
 *   rollup(share)      → share   summaries → summary (share_combine, share_uncombine)
 *
 * The state is the public share type itself (no 'internal'), so both
 * aggregates are parallel (share_combine is their COMBINEFUNC) and usable as
 * moving aggregates: counts are exactly invertible, so a sliding window frame
 * costs O(1) a row.
 *
 * When called as an aggregate the transition functions update the state in
 * place, as int8inc does: the state is then a private copy in the aggregate's
 * memory context.  Only argument 0 is ever written; argument 1 of
 * share_combine may point into a shared buffer.  Called as plain functions
 * they return a fresh value and leave their inputs alone.
 */
#include "share.h"

/* One row: n += 1, and k += 1 when the row's condition is true. */
PG_FUNCTION_INFO_V1(u16_share_accum);
Datum
u16_share_accum(PG_FUNCTION_ARGS)
{
	Share		row = {PG_GETARG_BOOL(1) ? 1 : 0, 1};
	Share	   *state = u16_share_writable_state(fcinfo);

	u16_share_add_into(state, &row);
	PG_RETURN_SHARE_P(state);
}

/* Inverse of share_accum, for rows leaving a moving window frame. */
PG_FUNCTION_INFO_V1(u16_share_retract);
Datum
u16_share_retract(PG_FUNCTION_ARGS)
{
	Share		row = {PG_GETARG_BOOL(1) ? 1 : 0, 1};
	Share	   *state = u16_share_writable_state(fcinfo);

	u16_share_subtract_into(state, &row);
	PG_RETURN_SHARE_P(state);
}

/*
 * Sum of two summaries: combine function of both aggregates, sfunc of rollup,
 * and the share + share operator.
 */
PG_FUNCTION_INFO_V1(u16_share_combine);
Datum
u16_share_combine(PG_FUNCTION_ARGS)
{
	Share	   *state = u16_share_writable_state(fcinfo);

	u16_share_add_into(state, PG_GETARG_SHARE_P(1));
	PG_RETURN_SHARE_P(state);
}

/* Inverse of share_combine, for rollup over a moving window frame. */
PG_FUNCTION_INFO_V1(u16_share_uncombine);
Datum
u16_share_uncombine(PG_FUNCTION_ARGS)
{
	Share	   *state = u16_share_writable_state(fcinfo);

	u16_share_subtract_into(state, PG_GETARG_SHARE_P(1));
	PG_RETURN_SHARE_P(state);
}
