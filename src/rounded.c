/*
 * rounded.c — round(x::numeric, digits) for a float x, fast.
 *
 *   rounded(x double precision, digits integer) → numeric
 *
 * The monitor publishes its fractions as round(x::numeric, 6).  The cast
 * prints x with 15 significant digits (float8_numeric) and parses the
 * text; that is most of the time the published views spend per value.
 * rounded() gives the same numeric, bit for bit, from x * 10^digits:
 *
 * The 15-digit text differs from x by at most 5e-15 of x, and x * 10^digits
 * as a double by 1.2e-16 of it; so for t = |x| * 10^digits < 1e9 both lie
 * within 6e-6 of each other.  Rounding half away from zero (as numeric's
 * round does) looks only at whether the fraction of t is below or above
 * 0.5: when it is further than 1e-5 from 0.5, the text and t round to the
 * same integer, and the result is that integer / 10^digits with scale
 * digits (int64_div_fast_to_numeric(), as EXTRACT builds its numerics).
 * Otherwise (a near tie, a large or non-finite x, digits outside 0..9) the
 * cast and round() themselves decide.
 *
 * sql/rounded.sql compares it with round(x::numeric, digits) on random and
 * constructed near-tie values, as binary images.
 */
#include "compat.h"

#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "rounded.h"

#define MAX_SCALED 1e9			/* |x| * 10^digits below this: the fast path */
#define TIE_MARGIN 1e-5			/* a fraction this close to 0.5: the slow path */

Datum
rounded_numeric(double x, int digits)
{
	static const double power[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
	double		t;
	double		whole;

	if (digits >= 0 && digits < (int) lengthof(power) && isfinite(x))
	{
		t = fabs(x) * power[digits];
		whole = floor(t);
		if (t < MAX_SCALED && fabs(t - whole - 0.5) > TIE_MARGIN)
		{
			int64		n = (int64) whole + (t - whole > 0.5 ? 1 : 0);

			return NumericGetDatum(int64_div_fast_to_numeric(x < 0 ? -n : n, digits));
		}
	}
	return DirectFunctionCall2(numeric_round, DirectFunctionCall1(float8_numeric, Float8GetDatum(x)),
							   Int32GetDatum(digits));
}

PG_FUNCTION_INFO_V1(u16_rounded);
Datum
u16_rounded(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATUM(rounded_numeric(PG_GETARG_FLOAT8(0), PG_GETARG_INT32(1)));
}
