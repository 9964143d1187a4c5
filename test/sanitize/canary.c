/*
 * canary.c — linked into u16.so only by the sanitizer build, so that
 * `make test SANITIZE=1` can show that a sanitizer report from a server
 * process is really caught: after the suite (and its zero-report check),
 * test/run declares these functions ad hoc and expects one report each.
 *
 *   u16_sanitizer_canary_asan(i int4): writes buf[i] of a char[8] on the stack
 *   u16_sanitizer_canary_ubsan(i int4): returns i + 1 in int4 arithmetic
 *
 * With i = 8 and i = 2147483647 they are a stack buffer overflow and a signed
 * overflow; with the sanitizers each aborts its backend with a report.
 */
#include "postgres.h"

#include "fmgr.h"

PG_FUNCTION_INFO_V1(u16_sanitizer_canary_asan);
/* UBSan's bounds and object-size checks would catch this before ASan does. */
__attribute__((no_sanitize_undefined))
Datum
u16_sanitizer_canary_asan(PG_FUNCTION_ARGS)
{
	char		buf[8] = {0};
	volatile char *p = buf;
	int32		i = PG_GETARG_INT32(0);

	p[i] = 1;
	PG_RETURN_INT32(p[0]);
}

PG_FUNCTION_INFO_V1(u16_sanitizer_canary_ubsan);
Datum
u16_sanitizer_canary_ubsan(PG_FUNCTION_ARGS)
{
	int32		i = PG_GETARG_INT32(0);

	PG_RETURN_INT32(i + 1);
}
