/*
 * baseline.c — change versus a baseline (peilmoment): for shares the
 * difference in proportions, a p-value for "the proportions differ", and the
 * verdict 'rise' / 'fall' / 'no change' / 'no data'; for counts (volunteers,
 * dwellings) the same verdict from an exact test of two Poisson counts.
 *
 * Small municipalities have a handful of persons per period, so a monitor
 * that calls 2/3 → 3/4 "risen" misleads (docs/domain.md); trend() only says rise or
 * fall when the difference is statistically distinguishable from noise.
 */
#include "share.h"

#include "utils/builtins.h"

#include "stats.h"

/* Validates a significance level alpha (0 < alpha < 1). */
static void
check_alpha(double alpha)
{
	if (!(alpha > 0.0 && alpha < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("significance level alpha must be between 0 and 1 (exclusive), got %g",
						alpha)));
}

static void
check_count(int64 count, const char *what)
{
	if (count < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s count must not be negative, got " INT64_FORMAT, what, count)));
}

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

	check_alpha(alpha);
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

/* count_p_value(current, baseline): the exact conditional Poisson test. */
PG_FUNCTION_INFO_V1(u16_count_p_value);
Datum
u16_count_p_value(PG_FUNCTION_ARGS)
{
	check_count(PG_GETARG_INT64(0), "current");
	check_count(PG_GETARG_INT64(1), "baseline");
	PG_RETURN_FLOAT8(u16_poisson_exact_p(PG_GETARG_INT64(0), PG_GETARG_INT64(1)));
}

/* count_trend(current, baseline, alpha): 'rise', 'fall' or 'no change'. */
PG_FUNCTION_INFO_V1(u16_count_trend);
Datum
u16_count_trend(PG_FUNCTION_ARGS)
{
	int64		current = PG_GETARG_INT64(0);
	int64		baseline = PG_GETARG_INT64(1);
	const char *verdict = "no change";

	check_alpha(PG_GETARG_FLOAT8(2));
	check_count(current, "current");
	check_count(baseline, "baseline");
	if (current != baseline && u16_poisson_exact_p(current, baseline) < PG_GETARG_FLOAT8(2))
		verdict = current > baseline ? "rise" : "fall";
	PG_RETURN_TEXT_P(cstring_to_text(verdict));
}

/* normal_p_value(z): two-sided p-value of a standard normal statistic. */
PG_FUNCTION_INFO_V1(u16_normal_p_value);
Datum
u16_normal_p_value(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(u16_normal_two_sided_p(PG_GETARG_FLOAT8(0)));
}
