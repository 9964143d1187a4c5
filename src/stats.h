/*
 * stats.h — backend-free statistics used by the accessors and tests of
 * shares: the standard normal quantile and the Wilson score interval.
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

#endif							/* U16_STATS_H */
