/*
 * u16.c — the loadable module's magic block.
 *
 * Each concept lives in its own file: share.c (the share type), share_agg.c
 * (share_agg and rollup), period.c (the period type), target.c (the target
 * type and attainment), target_agg.c (attainment_agg), baseline.c (change
 * versus baseline), quota.c (the quota ledger), bsn.c (is_bsn), parse.c (text
 * forms), stats.c (Wilson interval and tests).
 *
 * U16_VERSION is the control file's default_version (the Makefile passes it).
 */
#include "compat.h"

#include "fmgr.h"

#if PG_VERSION_NUM >= 180000
PG_MODULE_MAGIC_EXT(.name = "u16", .version = U16_VERSION);
#else
PG_MODULE_MAGIC;
#endif
