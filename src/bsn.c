/*
 * bsn.c — is_bsn(text): does a text look like a citizen service number
 * (BSN, burgerservicenummer)?  The person_id domain (src/sql/72_person_data.sql)
 * refuses such ids, so u16 holds pseudonyms only.  The eleven-test itself is
 * u16_is_bsn() in parse.c (backend-free, unit-tested).
 *
 * In C because the domain check runs for every person id loaded, and a SQL
 * function pinned to a search_path is never inlined (docs/benchmarks.md has
 * the measurement).
 */
#include "compat.h"

#include "fmgr.h"
#include "utils/builtins.h"

#include "parse.h"

PG_FUNCTION_INFO_V1(u16_is_bsn_text);
Datum
u16_is_bsn_text(PG_FUNCTION_ARGS)
{
	text	   *value = PG_GETARG_TEXT_PP(0);

	PG_RETURN_BOOL(u16_is_bsn(VARDATA_ANY(value), VARSIZE_ANY_EXHDR(value)));
}
