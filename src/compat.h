/*
 * compat.h — one place for differences between PostgreSQL majors.
 *
 * u16 is supported on the majors its tests run on (docs/platforms.md: 15, 17,
 * 18 and 19, with -Werror); the guards for 14 below are kept but untested.
 * Anything version-dependent goes here.
 */
#ifndef U16_COMPAT_H
#define U16_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 140000
#error "u16 requires PostgreSQL 14 or later (datum_image_hash)"
#endif

/*
 * The varlena macros (VARDATA_ANY, VARSIZE_ANY_EXHDR, ...) are in varatt.h
 * from 16 on, which postgres.h no longer includes in 19.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * A function that never returns: pg_noreturn, written before the declaration,
 * replaced pg_attribute_noreturn(), written after it, in 18.  Before 18 the
 * attribute is __attribute__((noreturn)) (or nothing), which may stand before
 * the declaration as well.
 */
#if PG_VERSION_NUM < 180000 && !defined(pg_noreturn)
#define pg_noreturn pg_attribute_noreturn()
#endif

/* common/hashfn.h holds hash_any(). */
#include "common/hashfn.h"

/*
 * Soft input errors (pg_input_is_valid, COPY ... ON_ERROR) exist from 16 on.
 * Earlier versions raise the error as usual.
 */
#if PG_VERSION_NUM < 160000
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#else
#include "nodes/miscnodes.h"
#endif

/*
 * make_range() gained a soft-error context argument in 16.  u16 only builds
 * ranges from valid dates, so errors (none expected) are raised as usual.
 */
#if PG_VERSION_NUM < 160000
#define u16_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty))
#else
#define u16_make_range(typcache, lower, upper, empty) \
	make_range((typcache), (lower), (upper), (empty), NULL)
#endif

/* Unique indexes with NULLS NOT DISTINCT exist from 15 on. */
#if PG_VERSION_NUM < 150000
#define u16_nulls_not_distinct(index) false
#else
#define u16_nulls_not_distinct(index) ((index)->indnullsnotdistinct)
#endif

/* palloc_object() arrived in 16. */
#ifndef palloc_object
#define palloc_object(type) ((type *) palloc(sizeof(type)))
#endif

/*
 * Is this function running as an aggregate's transition or combine function,
 * so that argument 0 is the aggregate's private state and may be updated in
 * place (as int8inc does)?  AggCheckCallContext's test, inlined because the
 * transition functions run once a row.
 */
#include "fmgr.h"
#include "nodes/execnodes.h"

static inline bool
u16_in_aggregate(FunctionCallInfo fcinfo)
{
	return fcinfo->context &&
		(IsA(fcinfo->context, AggState) || IsA(fcinfo->context, WindowAggState));
}

#endif							/* U16_COMPAT_H */
