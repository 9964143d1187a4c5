/*
 * stats.c — backend-free statistics (see stats.h).
 */
#include "stats.h"

#include <math.h>

/*
 * Peter Acklam's rational approximation of the normal quantile (relative
 * error < 1.15e-9), polished by one step of Halley's method against erfc(),
 * which brings it to full double precision.
 */
double
u16_normal_quantile(double p)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
	-3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
	-1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
	4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
	2.445134137142996e+00, 3.754408661907416e+00};
	const double p_low = 0.02425;
	double		x;
	double		e;
	double		u;

	if (p < p_low)
	{
		double		q = sqrt(-2 * log(p));

		x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}
	else if (p <= 1 - p_low)
	{
		double		q = p - 0.5;
		double		r = q * q;

		x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
			(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
	}
	else
	{
		double		q = sqrt(-2 * log1p(-p));

		x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
	}

	e = 0.5 * erfc(-x / sqrt(2)) - p;
	u = e * sqrt(2 * M_PI) * exp(x * x / 2);
	return x - u / (1 + x * u / 2);
}

void
u16_wilson_interval(int64_t k, int64_t n, double level,
					double *lower, double *upper)
{
	double		z = u16_normal_quantile(0.5 + level / 2);
	double		nn = (double) n;
	double		p = (double) k / nn;
	double		z2n = z * z / nn;
	double		centre = (p + z2n / 2) / (1 + z2n);
	double		half = z * sqrt(p * (1 - p) / nn + z2n / (4 * nn)) / (1 + z2n);

	/* Clamp rounding noise: the exact bounds lie in [0, 1], and k = 0 or
	 * k = n give an exact 0 or 1 at that end. */
	*lower = (k == 0) ? 0.0 : fmax(0.0, centre - half);
	*upper = (k == n) ? 1.0 : fmin(1.0, centre + half);
}
