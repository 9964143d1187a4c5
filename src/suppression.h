/*
 * suppression.h — the secondary suppression (secundaire geheimhouding) of the
 * monitor's candidate rows, in memory (suppression.c has the rules).
 *
 * candidate_rows.c feeds it the rows it makes; secondary_suppression() feeds
 * it the rows stored in monitor_row.  Strings are interned in the caller's set.
 */
#ifndef U16_SUPPRESSION_H
#define U16_SUPPRESSION_H

#include "postgres.h"

#include "interned.h"

/* A row of a relation: a row of an indicator that counts persons, not a level row. */
typedef struct SuppressionRow
{
	int32		kind;			/* interned strings; -1: NULL */
	int32		indicator;
	int32		boundaries;
	int32		area_type;
	int32		area;
	int32		current;		/* the area's municipality today (municipality_today) */
	int32		period;			/* a period's code */
	bool		has_cohort;
	int32		cohort_year;
	int32		level;
	int64		size;			/* persons; 0 when unknown */
	bool		hidden;			/* by the primary suppression */
	bool		sums_for_region;	/* the region row sums the members' persons (region rule 'sum') */
} SuppressionRow;

typedef struct Suppression Suppression;

extern Suppression *suppression_create(Interned *strings);

/* A row of monitor_member. */
extern void suppression_add_member(Suppression *suppression, int32 boundaries, int32 region, int32 period,
								   int32 municipality);

/* A row; rows are numbered 0, 1, 2, ... in the order added. */
extern void suppression_add_row(Suppression *suppression, const SuppressionRow *row);

/* The rounds of picks: returns how many rows to hide as well, and their numbers in *picks. */
extern int32 suppression_run(Suppression *suppression, int32 **picks);

#endif
