/*
 * fuzz_target.c — libFuzzer target for u16_parse_target (target text input).
 *
 * Checks: the status is OK, SYNTAX or RANGE; an accepted text gives a code
 * u16_target_valid accepts, whose canonical text fits U16_TARGET_TEXT_MAX
 * and parses back to the same code.  The first 8 bytes read as an int64 code
 * (a binary target) round-trip whenever u16_target_valid accepts them.
 */
#include "fuzz.h"

static void
round_trip(int64_t code, const char *origin)
{
	char		buf[U16_TARGET_TEXT_MAX];
	int			len = u16_format_target(buf, sizeof buf, code);
	int64_t		code2 = -1;

	require(len > 0 && (size_t) len < sizeof buf, "%s: code %lld formats to %d bytes",
			origin, (long long) code, len);
	require(u16_parse_target(buf, &code2) == U16_PARSE_OK && code2 == code,
			"%s: code %lld formats to \"%s\", which parses back to %lld",
			origin, (long long) code, buf, (long long) code2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_cstring(data, size);
	int64_t		code;
	U16ParseStatus status = u16_parse_target(text, &code);

	require(status_known(status), "status %d for \"%s\"", (int) status, text);
	if (status == U16_PARSE_OK)
	{
		require(u16_target_valid(code), "\"%s\" gives invalid code %lld", text, (long long) code);
		round_trip(code, "text");
	}
	free(text);

	if (size >= sizeof(int64_t))
	{
		memcpy(&code, data, sizeof code);
		if (u16_target_valid(code))
			round_trip(code, "binary");
	}
	return 0;
}
