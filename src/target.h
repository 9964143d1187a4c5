/*
 * target.h — the target type (doelstelling) and the attainment rules shared
 * by target.c (attainment functions) and target_agg.c (attainment_agg).
 *
 * A target is an 8-byte value passed like int8; its code is described in
 * parse.h.  Layout is on-disk format: never change it.
 */
#ifndef U16_TARGET_H
#define U16_TARGET_H

#include "share.h"

#include "parse.h"

#define DatumGetTarget(d)		DatumGetInt64(d)
#define TargetGetDatum(t)		Int64GetDatum(t)
#define PG_GETARG_TARGET(n)		DatumGetTarget(PG_GETARG_DATUM(n))
#define PG_RETURN_TARGET(t)		return TargetGetDatum(t)

/*
 * Raises 22023 unless the target is of the kind the caller (named by
 * signature, e.g. "attainment(share, target)") needs.
 */
extern void u16_target_require_kind(int64 target, U16TargetKind kind, const char *signature);

/*
 * Does a non-empty share meet a share threshold?  Exact: k/n <op> ppm/10^6
 * is decided as k * 10^6 <op> ppm * n in 128-bit integers.
 */
extern bool u16_share_meets(const Share *actual, int64 target);

#endif							/* U16_TARGET_H */
