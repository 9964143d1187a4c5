/*
 * fuzz_period.c — libFuzzer target for u16_parse_period (period text input)
 * and u16_parse_granularity (the granularity argument of period(date, text)).
 *
 * Checks: the status is OK or SYNTAX (period text has no range errors); an
 * accepted text gives a code u16_period_valid accepts, whose canonical text
 * fits U16_PERIOD_TEXT_MAX and parses back to the same code.  The first 4
 * bytes read as an int32 code (a binary period) round-trip whenever
 * u16_period_valid accepts them.  An accepted granularity name's canonical
 * name parses back to the same granularity.
 */
#include "fuzz.h"

static void
round_trip(int32_t code, const char *origin)
{
	char		buf[U16_PERIOD_TEXT_MAX];
	int			len = u16_format_period(buf, sizeof buf, code);
	int32_t		code2 = -1;

	require(len > 0 && (size_t) len < sizeof buf, "%s: code %d formats to %d bytes",
			origin, (int) code, len);
	require(u16_parse_period(buf, &code2) == U16_PARSE_OK && code2 == code,
			"%s: code %d formats to \"%s\", which parses back to %d", origin, (int) code, buf, (int) code2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_cstring(data, size);
	int32_t		code;
	U16Granularity g;
	U16Granularity g2;
	U16ParseStatus status = u16_parse_period(text, &code);

	require(status == U16_PARSE_OK || status == U16_PARSE_SYNTAX,
			"status %d for \"%s\"", (int) status, text);
	if (status == U16_PARSE_OK)
	{
		require(u16_period_valid(code), "\"%s\" gives invalid code %d", text, (int) code);
		round_trip(code, "text");
	}

	if (u16_parse_granularity(text, &g))
	{
		require(g >= U16_GRANULARITY_YEAR && g <= U16_GRANULARITY_MONTH, "granularity %d", (int) g);
		require(u16_parse_granularity(u16_granularity_name(g), &g2) && g2 == g,
				"granularity \"%s\" round trip", text);
	}
	free(text);

	if (size >= sizeof(int32_t))
	{
		memcpy(&code, data, sizeof code);
		if (u16_period_valid(code))
			round_trip(code, "binary");
	}
	return 0;
}
