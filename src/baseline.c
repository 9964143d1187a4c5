/*
 * baseline.c — change of a share versus a baseline (peilmoment): the
 * difference in proportions, a p-value for "the proportions differ", and the
 * verdict 'rise' / 'fall' / 'no change' / 'no data'.
 *
 * Small municipalities have a handful of persons per period, so a monitor
 * that calls 2/3 → 3/4 "risen" misleads (docs/domain.md); trend() only says rise or
 * fall when the difference is statistically distinguishable from noise.
 */
#include "share.h"

#include "utils/builtins.h"

#include "stats.h"

PG_FUNCTION_INFO_V1(u16_share_increase);
Datum
u16_share_increase(PG_FUNCTION_ARGS)
{
	const Share *current = PG_GETARG_SHARE_P(0);
	const Share *baseline = PG_GETARG_SHARE_P(1);

	if (current->den == 0 || baseline->den == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) current->num / (double) current->den -
					 (double) baseline->num / (double) baseline->den);
}

PG_FUNCTION_INFO_V1(u16_increase_p_value);
Datum
u16_increase_p_value(PG_FUNCTION_ARGS)
{
	const Share *current = PG_GETARG_SHARE_P(0);
	const Share *baseline = PG_GETARG_SHARE_P(1);

	if (current->den == 0 || baseline->den == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(u16_difference_p_value(current->num, current->den,
											 baseline->num, baseline->den));
}

/*
 * The verdict for current versus baseline at significance level alpha:
 * "no data", "no change", "rise" or "fall".  Shared with attainment() for
 * rise/fall targets.
 */
const char *
u16_trend(const Share *current, const Share *baseline, double alpha)
{
	int			order;

	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("significance level alpha must be between 0 and 1 (exclusive), got %g",
						alpha)));
	if (current->den == 0 || baseline->den == 0)
		return "no data";
	order = u16_share_proportion_compare(current, baseline);
	if (order == 0 ||
		u16_difference_p_value(current->num, current->den,
							   baseline->num, baseline->den) >= alpha)
		return "no change";
	return order > 0 ? "rise" : "fall";
}

PG_FUNCTION_INFO_V1(u16_share_trend);
Datum
u16_share_trend(PG_FUNCTION_ARGS)
{
	PG_RETURN_TEXT_P(cstring_to_text(u16_trend(PG_GETARG_SHARE_P(0),
											   PG_GETARG_SHARE_P(1),
											   PG_GETARG_FLOAT8(2))));
}
