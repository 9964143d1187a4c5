/*
 * share.h — the share type: k of n persons (aandeel, "45 van de 60").
 *
 * A fixed 16-byte value passed by reference.  Invariant: 0 <= num <= den;
 * 0/0 is the empty share.  Layout is on-disk format: never change it.
 */
#ifndef U16_SHARE_H
#define U16_SHARE_H

#include "compat.h"

#include "common/int.h"
#include "fmgr.h"

typedef struct Share
{
	int64		num;			/* k: persons meeting the condition */
	int64		den;			/* n: persons counted */
} Share;

#define DatumGetShareP(d)		((Share *) DatumGetPointer(d))
#define ShareGetDatum(s)		PointerGetDatum(s)
#define PG_GETARG_SHARE_P(n)	DatumGetShareP(PG_GETARG_DATUM(n))
#define PG_RETURN_SHARE_P(s)	return ShareGetDatum(s)

/* Raises 22003: a share's counter would leave bigint. */
pg_noreturn extern void u16_share_report_overflow(void);

/*
 * Adds b to *acc in place, raising 22003 on overflow.  Inline: the aggregates
 * call it once a row.
 */
static inline void
u16_share_add_into(Share *acc, const Share *b)
{
	if (unlikely(pg_add_s64_overflow(acc->num, b->num, &acc->num) ||
				 pg_add_s64_overflow(acc->den, b->den, &acc->den)))
		u16_share_report_overflow();
}

/* Subtracts b from *acc in place, raising an error if the result is no share. */
extern void u16_share_subtract_into(Share *acc, const Share *b);

/*
 * Argument 0 of a transition function as a share it may write: the state
 * itself when called as an aggregate, otherwise a fresh copy.
 */
static inline Share *
u16_share_writable_state(FunctionCallInfo fcinfo)
{
	Share	   *state = PG_GETARG_SHARE_P(0);
	Share	   *copy;

	if (u16_in_aggregate(fcinfo))
		return state;
	copy = palloc_object(Share);
	*copy = *state;
	return copy;
}

/* Compares the proportions of two non-empty shares exactly: -1, 0 or 1. */
extern int	u16_share_proportion_compare(const Share *a, const Share *b);

/* 'rise', 'fall', 'no change' or 'no data' at significance level alpha. */
extern const char *u16_trend(const Share *current, const Share *baseline, double alpha);

#endif							/* U16_SHARE_H */
