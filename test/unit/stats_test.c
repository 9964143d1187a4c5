/*
 * stats_test.c — unit test of Fisher's exact test in src/stats.c, compiled
 * and run without PostgreSQL by test/t/stats_unit.
 *
 * u16_fisher_exact_p() skips the tables of both tails whose probability is
 * below exp()'s least double (their terms are exactly 0).  Here every
 * p-value must be bit for bit the sum over every table, in the same order,
 * written out plainly: on random tables of every size up to the exact test's
 * limit, lopsided and balanced, and at the edges (k = 0, k = n, n = 1).
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

int
main(void)
{
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
