/*
 * stats.h — backend-free statistics: the standard normal quantile, the
 * Wilson score interval, tests for a difference of two proportions and of
 * two counts.
 */
#ifndef U16_STATS_H
#define U16_STATS_H

#include <stdint.h>

/* Quantile (inverse CDF) of the standard normal distribution, 0 < p < 1. */
extern double u16_normal_quantile(double p);

/*
 * Wilson score interval for k successes out of n > 0 trials at confidence
 * level 0 < level < 1.  Writes the bounds to *lower and *upper.
 */
extern void u16_wilson_interval(int64_t k, int64_t n, double level,
								double *lower, double *upper);

/*
 * Two-sided p-value that the proportions k1/n1 and k2/n2 differ (n1, n2 > 0):
 * Fisher's exact test when the table is small, else the pooled two-proportion
 * z-test; see u16_difference_p_value in stats.c for the switch-over.
 */
extern double u16_difference_p_value(int64_t k1, int64_t n1, int64_t k2, int64_t n2);
extern double u16_fisher_exact_p(int64_t k1, int64_t n1, int64_t k2, int64_t n2);
extern double u16_two_proportion_z_p(int64_t k1, int64_t n1, int64_t k2, int64_t n2);

/* Two-sided p-value of a standard normal statistic. */
extern double u16_normal_two_sided_p(double z);

/*
 * Two-sided p-value that two counts over equal exposure (x1 in one period,
 * x2 in another) come from the same Poisson rate: the exact conditional
 * (binomial) test, up to U16_POISSON_EXACT_MAX_N in total; above, its normal
 * approximation with continuity correction.
 */
extern double u16_poisson_exact_p(int64_t x1, int64_t x2);

/* Counts with at most this total get the exact test: at most ~14,000 terms. */
#define U16_POISSON_EXACT_MAX_N 10000000.0

/* Tables with at most this many persons always get the exact test. */
#define U16_EXACT_TEST_MAX_N 10000

/*
 * Up to this many persons Fisher's test sums probabilities from lgamma of the
 * totals; above, where lgamma has lost their digits (and the totals may
 * overflow int64), from ratios of neighbouring tables (fisher_small_cell_p).
 */
#define U16_LGAMMA_EXACT_MAX_N 2147483648.0

#endif							/* U16_STATS_H */
