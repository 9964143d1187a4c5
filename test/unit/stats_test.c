/*
 * stats_test.c — unit test of Fisher's exact test in src/stats.c, compiled
 * and run without PostgreSQL by test/t/stats_unit.
 *
 * u16_fisher_exact_p() skips the tables of both tails whose probability is
 * below exp()'s least double (their terms are exactly 0).  Here every
 * p-value must be bit for bit the sum over every table, in the same order,
 * written out plainly: on random tables of every size up to the exact test's
 * limit, lopsided and balanced, and at the edges (k = 0, k = n, n = 1).
 *
 * u16_poisson_exact_p(): against every term of the binomial tail summed
 * plainly up to its exact limit; its normal approximation above the limit
 * against the exact test at the limit; and counts up to 10^18, which must
 * return (a loop over a double counter never ended above 2^53).
 *
 * u16_difference_p_value() on tables of more than 2^31 persons with a small
 * expected cell (Fisher's test from ratios of neighbouring tables): against
 * its lgamma form just above the limit, and against the binomial law the
 * table tends to as the rows grow (a relative m^2 / N off), up to totals
 * beyond int64.  And the Wilson interval at a level of 1 - 2^-52 against the
 * quantile found by bisection on erfc().
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static double
log_choose(long n, long k)
{
	return lgamma((double) n + 1) - lgamma((double) k + 1) - lgamma((double) (n - k) + 1);
}

/* Every table from lo to hi, as stats.c summed them before it skipped any. */
static double
every_table_p(long k1, long n1, long k2, long n2)
{
	long		m = k1 + k2;
	long		lo = m > n2 ? m - n2 : 0;
	long		hi = m < n1 ? m : n1;
	double		p = 0.0;
	double		observed;

	/* log C(n1, x) C(n2, m - x) / C(n1 + n2, m), in stats.c's order of terms */
#define LOG_P(x) (lgamma((double) n1 + 1) - lgamma((double) (x) + 1) - lgamma((double) (n1 - (x)) + 1) \
				  + lgamma((double) n2 + 1) - lgamma((double) (m - (x)) + 1) \
				  - lgamma((double) (n2 - m + (x)) + 1) \
				  - lgamma((double) (n1 + n2) + 1) + lgamma((double) m + 1) \
				  + lgamma((double) (n1 + n2 - m) + 1))
	observed = LOG_P(k1);
	for (long x = lo; x <= hi; x++)
	{
		double		lp = LOG_P(x);

		if (lp <= observed + 1e-7)
			p += exp(lp);
	}
	return fmin(1.0, p);
}

static int	failures = 0;
static long tables = 0;
static long with_skipped_tails = 0;

static void
check(long k1, long n1, long k2, long n2)
{
	double		got = u16_fisher_exact_p(k1, n1, k2, n2);
	double		want = every_table_p(k1, n1, k2, n2);
	long		m = k1 + k2;

	tables++;
	if (exp(log_choose(n1, m > n1 ? n1 : m) + log_choose(n2, 0) - log_choose(n1 + n2, m)) == 0.0
		|| (m <= n2 && exp(log_choose(n2, m) - log_choose(n1 + n2, m)) == 0.0))
		with_skipped_tails++;
	if (memcmp(&got, &want, sizeof(got)) != 0)
	{
		failures++;
		if (failures <= 10)
			printf("not ok - fisher(%ld/%ld, %ld/%ld) = %.17g, every table gives %.17g\n", k1, n1, k2, n2, got, want);
	}
}

/* 2 P(X <= min(x1, x2)) for X ~ Binomial(x1 + x2, 1/2), every term summed. */
static double
poisson_every_term(long x1, long x2)
{
	long		n = x1 + x2;
	long		m = x1 < x2 ? x1 : x2;
	double		tail = 0.0;

	if (x1 == x2)
		return 1.0;
	for (long i = m; i >= 0; i--)
		tail += exp(log_choose(n, i) - n * log(2.0));
	return fmin(1.0, 2 * tail);
}

static void
check_close(const char *what, double got, double want, double relative)
{
	if (!(fabs(got - want) <= relative * fabs(want)))
	{
		failures++;
		printf("not ok - %s: %.17g, expected %.17g (within %g)\n", what, got, want, relative);
	}
}

static void
poisson_cases(void)
{
	static const long exact[][2] = {
		{10, 5}, {0, 7}, {40, 20}, {501, 499}, {100000, 99000}, {4998000, 5001000}, {4999000, 5001000},
	};
	char		what[128];

	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
	{
		snprintf(what, sizeof what, "poisson(%ld, %ld) against every term", exact[i][0], exact[i][1]);
		check_close(what, u16_poisson_exact_p(exact[i][0], exact[i][1]),
					poisson_every_term(exact[i][0], exact[i][1]), 1e-7);	/* lgamma at 10^7: ~1e-8 */
	}
	/* At the limit, the exact test (10^7 in total) and the approximation (just above) agree. */
	for (long d = 2; d <= 20000; d *= 3)
	{
		long		x1 = 5000000 + d / 2;

		snprintf(what, sizeof what, "poisson across the exact limit, difference %ld", 2 * (d / 2));
		check_close(what, u16_poisson_exact_p(x1 + 1, 10000000 - x1 + 1),
					u16_poisson_exact_p(x1, 10000000 - x1), 1e-4);
	}
	/* Huge counts: z = (d - 1) / sqrt(n), p = erfc(z / sqrt 2). */
	check_close("poisson(10^16, 10^16 + 1)", u16_poisson_exact_p(10000000000000000L, 10000000000000001L), 1.0, 1e-6);
	check_close("poisson(10^13, 10^13 + sqrt(2 10^13))", u16_poisson_exact_p(10000000000000L, 10000004472136L),
				erfc(1 / sqrt(2.0)), 1e-6);
	check_close("poisson(4 10^18, 4 10^18 - 6 10^9)", u16_poisson_exact_p(4000000000000000000L, 3999999994000000000L),
				erfc(6e9 / sqrt(8e18) / sqrt(2.0)), 1e-6);
	if (failures == 0)
		printf("ok - the Poisson test: exact against every term, its approximation above 10^7 against it, counts up to 4 10^18\n");
}

static void
large_table_cases(void)
{
	const long	half = 1L << 31;
	char		what[160];

	/* (A small expected cell, below 5: at most 9 successes in two equal rows.) */
	for (long k1 = 0; k1 <= 2; k1++)
	{
		snprintf(what, sizeof what, "fisher(%ld/2^31, 5/2^31 + 1): ratios against lgamma", k1);
		check_close(what, u16_difference_p_value(k1, half, 5, half + 1), u16_fisher_exact_p(k1, half, 5, half + 1), 1e-4);
	}
	/* 4 and 5 of 9: the two likeliest tables, within R's 1e-7 of each other, so
	 * p = 1 (lgamma, a relative 1e-5 off here, said 0.75). */
	check_close("fisher(4/2^31, 5/2^31 + 1)", u16_difference_p_value(4, half, 5, half + 1), 1.0, 0);
	/* Equal rows: the successes split as Binomial(m, 1/2). */
	check_close("fisher(1/10^15, 5/10^15)", u16_difference_p_value(1, 1000000000000000L, 5, 1000000000000000L),
				14.0 / 64, 1e-9);
	check_close("fisher(1/5 10^14, 8/5 10^14)", u16_difference_p_value(1, 500000000000000L, 8, 500000000000000L),
				20.0 / 512, 1e-9);
	/* Rows 1:3: Binomial(4, 1/4); 3 of 4 in the small row, p = P(3) + P(4) = 13/256. */
	check_close("fisher(3/10^14, 1/3 10^14)", u16_difference_p_value(3, 100000000000000L, 1, 300000000000000L),
				13.0 / 256, 1e-9);
	/* Totals beyond int64: the same share twice, and one success in all. */
	check_close("fisher(0/2^62, 0/2^62)", u16_difference_p_value(0, 1L << 62, 0, 1L << 62), 1.0, 0);
	check_close("fisher(1/5 10^18, 0/5 10^18)", u16_difference_p_value(1, 5000000000000000000L, 0, 5000000000000000000L),
				1.0, 0);
	check_close("fisher((2^62 - 1)/2^62, 2^62/2^62)",
				u16_difference_p_value((1L << 62) - 1, 1L << 62, 1L << 62, 1L << 62), 1.0, 0);
}

/* Wilson at a level whose 0.5 + level / 2 rounds to 1: z by bisection. */
static void
wilson_cases(void)
{
	double		level = 1 - 0x1p-52;
	double		tail = (1 - level) / 2;
	double		lo = 0;
	double		hi = 40;
	double		z;
	double		lower;
	double		upper;

	for (int i = 0; i < 200; i++)
	{
		double		mid = (lo + hi) / 2;

		if (0.5 * erfc(mid / sqrt(2.0)) > tail)
			lo = mid;
		else
			hi = mid;
	}
	z = (lo + hi) / 2;
	u16_wilson_interval(1, 2, level, &lower, &upper);
	/* k = 1, n = 2: centre 1/2, half-width z sqrt(1/8 + z^2/16) / (1 + z^2/2) */
	check_close("wilson(1/2) lower at a level of 1 - 2^-52",
				lower, 0.5 - z * sqrt(0.125 + z * z / 16) / (1 + z * z / 2), 1e-9);
	check_close("wilson(1/2) upper at a level of 1 - 2^-52",
				upper, 0.5 + z * sqrt(0.125 + z * z / 16) / (1 + z * z / 2), 1e-9);
	if (failures == 0)
		printf("ok - tables beyond 2^31 persons with a small cell, beyond int64 in all; Wilson at a level of 1 - 2^-52\n");
}

int
main(void)
{
	poisson_cases();
	large_table_cases();
	wilson_cases();
	srand(20261206);
	for (long n1 = 1; n1 <= 12; n1++)
		for (long n2 = 1; n2 <= 12; n2++)
			for (long k1 = 0; k1 <= n1; k1++)
				for (long k2 = 0; k2 <= n2; k2++)
					check(k1, n1, k2, n2);
	for (int i = 0; i < 20000; i++)
	{
		long		limit = i % 4 == 0 ? 5000 : i % 4 == 1 ? 1500 : i % 4 == 2 ? 300 : 40;
		long		n1 = 1 + rand() % limit;
		long		n2 = 1 + rand() % limit;
		double		q1 = (double) rand() / RAND_MAX;
		double		q2 = q1 + ((double) rand() / RAND_MAX - 0.5) * (i % 3 == 0 ? 1.0 : 0.1);
		long		k1 = (long) (q1 * n1);
		long		k2 = (long) (fmin(1.0, fmax(0.0, q2)) * n2);

		check(i % 7 == 0 ? 0 : k1, n1, i % 11 == 0 ? n2 : k2, n2);
	}
	if (with_skipped_tails < 1000)
	{
		failures++;
		printf("not ok - only %ld tables had tails to skip\n", with_skipped_tails);
	}
	if (failures == 0)
		printf("ok - Fisher's exact test gives every table's sum bit for bit (%ld tables, %ld with tails below exp()'s least double)\n",
			   tables, with_skipped_tails);
	return failures != 0;
}
