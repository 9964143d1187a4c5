/*
 * stats.c — backend-free statistics (see stats.h).
 */
#include "stats.h"

#include <math.h>

/* Below this p (and above 1 - it) the quantile uses its tail formula. */
#define QUANTILE_TAIL 0.02425

/*
 * Peter Acklam's rational approximation of the normal quantile (relative
 * error < 1.15e-9), polished by one step of Halley's method against erfc(),
 * which brings it to full double precision.  The last quantile is kept: the
 * confidence intervals of a refresh ask for the same one (0.975) every time.
 */
double
u16_normal_quantile(double p)
{
	static double last_p = NAN;	/* none yet: NaN equals nothing */
	static double last_x;
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
	const double p_low = QUANTILE_TAIL;
	double		x;
	double		e;
	double		u;

	if (p == last_p)
		return last_x;
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
	last_p = p;
	last_x = x - u / (1 + x * u / 2);
	return last_x;
}

void
u16_wilson_interval(int64_t k, int64_t n, double level,
					double *lower, double *upper)
{
	/*
	 * The upper quantile; from the tail (1 - level) / 2, which is exact,
	 * where 0.5 + level / 2 would round (to 1 for a level of 1 - 2^-53).
	 */
	double		tail = (1 - level) / 2;
	double		z = tail < QUANTILE_TAIL ? -u16_normal_quantile(tail) : u16_normal_quantile(0.5 + level / 2);
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

/*
 * log(i!) = lgamma(i + 1).  Fisher's test needs nine of them per table it
 * sums, five the same for every table, and a monitor refresh sums millions of
 * tables; so the values for i below LOG_FACTORIALS_KEPT are kept once
 * computed, in this process.  They are lgamma's own results, so every p-value
 * keeps its bits.
 */
#define LOG_FACTORIALS_KEPT 65536

static double
log_factorial(int64_t i)
{
	static double kept[LOG_FACTORIALS_KEPT];
	static int64_t known = 0;	/* kept[0 .. known - 1] are computed */

	if (i < 0 || i >= LOG_FACTORIALS_KEPT)
		return lgamma((double) i + 1);
	for (; known <= i; known++)
		kept[known] = lgamma((double) known + 1);
	return kept[i];
}

/*
 * log of the hypergeometric probability of x successes in the first row of a
 * 2x2 table with row totals n1, n2 and column total m:
 * C(n1, x) C(n2, m - x) / C(n1 + n2, m).
 */
static double
log_hypergeometric(int64_t x, int64_t n1, int64_t n2, int64_t m)
{
	return log_factorial(n1) - log_factorial(x) - log_factorial(n1 - x)
		+ log_factorial(n2) - log_factorial(m - x)
		- log_factorial(n2 - m + x)
		- log_factorial(n1 + n2) + log_factorial(m)
		+ log_factorial(n1 + n2 - m);
}

/*
 * Below this log probability a table's term exp() is exactly 0 (the least
 * double above 0 is exp(-744.4)), so it adds nothing to the sum.
 */
#define LOG_UNDERFLOW (-746.0)

/*
 * The first x in [from, to] whose table is likely enough to count
 * (LOG_UNDERFLOW), the probabilities rising with x (dir = 1) or falling
 * (dir = -1) over the range; to + dir when none is.
 */
static int64_t
first_counting(int64_t from, int64_t to, int dir, int64_t n1, int64_t n2, int64_t m)
{
	while (from != to + dir)
	{
		int64_t		mid = from + (to - from) / 2;

		if (log_hypergeometric(mid, n1, n2, m) >= LOG_UNDERFLOW)
			to = mid - dir;
		else
			from = mid + dir;
	}
	return from;
}

/*
 * Fisher's exact test, two-sided: the probability, given both margins, of a
 * table at most as likely as the observed one.  As R's fisher.test, tables
 * within a relative 1e-7 of the observed probability count as equally likely,
 * so rounding cannot drop the observed table's mirror image.
 */
double
u16_fisher_exact_p(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	int64_t		m = k1 + k2;
	int64_t		lo = m > n2 ? m - n2 : 0;
	int64_t		hi = m < n1 ? m : n1;
	double		observed = log_hypergeometric(k1, n1, n2, m);
	double		p = 0.0;
	/*
	 * The probabilities rise up to the mode and fall after it.  (In double:
	 * the product overflows int64 for billions of persons; the mode only
	 * says where the tails start, and is clamped below.)
	 */
	int64_t		mode = (int64_t) ((double) (n1 + 1) * (double) (m + 1) / (double) (n1 + n2 + 2));

	/*
	 * The tails too unlikely to count are skipped: each would add exactly 0,
	 * so the sum keeps its bits.
	 */
	mode = mode < lo ? lo : mode > hi ? hi : mode;
	lo = first_counting(lo, mode, 1, n1, n2, m);
	hi = first_counting(hi, mode, -1, n1, n2, m);
	for (int64_t x = lo; x <= hi; x++)
	{
		double		lp = log_hypergeometric(x, n1, n2, m);

		if (lp <= observed + 1e-7)
			p += exp(lp);
	}
	return fmin(1.0, p);
}

/*
 * Two-proportion z-test with pooled variance; z² equals Pearson's chi-square
 * statistic of the 2x2 table without continuity correction.
 */
double
u16_two_proportion_z_p(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	double		p1 = (double) k1 / (double) n1;
	double		p2 = (double) k2 / (double) n2;
	double		pooled = (double) (k1 + k2) / ((double) n1 + (double) n2);
	double		variance = pooled * (1 - pooled) * (1.0 / (double) n1 + 1.0 / (double) n2);
	double		z;

	if (variance <= 0)
		return 1.0;				/* all persons alike in both periods: no difference */
	z = (p1 - p2) / sqrt(variance);
	return u16_normal_two_sided_p(z);
}

/*
 * Fisher's exact test for a table of more than U16_LGAMMA_EXACT_MAX_N persons
 * with a small expected cell (Cochran's rule), where lgamma of the totals
 * has lost the digits of a table's probability, and the totals may overflow
 * int64.  The cell x where the smaller row meets the smaller column is
 * hypergeometric with mean below 5: P(x + 1) / P(x) = (R - x)(C - x) /
 * ((x + 1)(N - R - C + x + 1)).  The weights from x = 0 up, relative to
 * P(0), are summed until they no longer change the sum past the mode (or
 * reach 0); p is the weight of the tables at most as likely as the observed
 * one (R's 1e-7 tolerance) over the whole.  All in double: the totals enter
 * only as factors of ratios.
 */
static double
fisher_small_cell_p(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	double		rows[2] = {(double) n1, (double) n2};
	double		cells[2][2] = {{(double) k1, (double) n1 - (double) k1}, {(double) k2, (double) n2 - (double) k2}};
	double		n = rows[0] + rows[1];
	int			r = rows[0] <= rows[1] ? 0 : 1;
	int			c = cells[0][0] + cells[1][0] <= cells[0][1] + cells[1][1] ? 0 : 1;
	double		big_r = rows[r];
	double		big_c = cells[0][c] + cells[1][c];
	double		observed_x = cells[r][c];
	double		mode = floor((big_r + 1) * (big_c + 1) / (n + 2));
	double		last = fmin(big_r, big_c);
	double		observed = 0.0; /* stays 0 beyond the least double */
	double		total = 0.0;
	double		p = 0.0;

	for (int pass = 1; pass <= 2; pass++)
	{
		double		weight = 1.0;	/* P(x) / P(0) */

		for (double x = 0; x <= last; x++)
		{
			if (x > mode && (weight == 0.0 || (x > observed_x && weight < total * 1e-17)))
				break;
			if (pass == 1)
			{
				total += weight;
				if (x == observed_x)
					observed = weight;
			}
			else if (weight <= observed * (1 + 1e-7))
				p += weight;
			weight *= (big_r - x) * (big_c - x) / ((x + 1) * (n - big_r - big_c + x + 1));
		}
	}
	return fmin(1.0, p / total);
}

/*
 * Which test: Fisher's exact test is exact at every size, but costs one term
 * per possible table; the z-test is a large-sample approximation that is poor
 * when an expected cell count is small.  So: exact when the table has at
 * most U16_EXACT_TEST_MAX_N persons (every municipal and U16-regional figure;
 * at most 10,001 terms, microseconds), or when any expected cell count is
 * below 5 (Cochran's rule; then one margin is small and so is the loop);
 * the z-test otherwise, where it agrees with the exact test to within the
 * precision that matters for a verdict at the usual alphas.
 */
double
u16_difference_p_value(int64_t k1, int64_t n1, int64_t k2, int64_t n2)
{
	double		n = (double) n1 + (double) n2;
	double		m = (double) k1 + (double) k2;
	double		smaller_row = (double) (n1 < n2 ? n1 : n2);
	double		smaller_column = fmin(m, n - m);

	if (n <= U16_EXACT_TEST_MAX_N || smaller_row * smaller_column / n < 5)
		return n <= U16_LGAMMA_EXACT_MAX_N ? u16_fisher_exact_p(k1, n1, k2, n2) : fisher_small_cell_p(k1, n1, k2, n2);
	return u16_two_proportion_z_p(k1, n1, k2, n2);
}

/* Two-sided p-value of a standard normal statistic z. */
double
u16_normal_two_sided_p(double z)
{
	return erfc(fabs(z) / sqrt(2));
}

/*
 * Exact conditional test that two Poisson counts x1 and x2, observed over
 * equal exposure (one period each), have the same rate: given n = x1 + x2,
 * x1 is Binomial(n, 1/2) under the null hypothesis.  The distribution is
 * symmetric, so the two-sided p-value is twice the smaller tail, at most 1:
 * p = min(1, 2 P(X <= min(x1, x2))).  The tail is summed downwards from its
 * largest term (computed with lgamma), each term from the one before, until
 * the terms no longer change the sum: about 9 standard deviations, 14,000
 * terms at n = 10^7.  Above U16_POISSON_EXACT_MAX_N the loop would grow with
 * the square root of n (and lgamma of n loses the digits of the term), so
 * the normal approximation with continuity correction, which for p = 1/2 is
 * within a relative 10^-5 of the exact value there for p-values above 10^-9
 * and closer as n grows, is used instead.
 */
double
u16_poisson_exact_p(int64_t x1, int64_t x2)
{
	double		n = (double) x1 + (double) x2;
	int64_t		m = x1 < x2 ? x1 : x2;
	double		term;
	double		tail = 0;

	if (x1 == x2)
		return 1.0;
	if (n > U16_POISSON_EXACT_MAX_N)
	{
		double		z = (fabs((double) x1 - (double) x2) - 1) / sqrt(n);

		return z <= 0 ? 1.0 : fmin(1.0, u16_normal_two_sided_p(z));
	}
	term = exp(lgamma(n + 1) - lgamma((double) m + 1) - lgamma(n - (double) m + 1) - n * log(2.0));
	for (int64_t i = m; i >= 0 && term > tail * 1e-17; i--)
	{
		tail += term;
		term *= (double) i / (n - (double) i + 1);	/* P(X = i - 1) from P(X = i) */
	}
	return fmin(1.0, 2 * tail);
}
