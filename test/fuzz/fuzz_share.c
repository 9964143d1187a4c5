/*
 * fuzz_share.c — libFuzzer target for u16_parse_share (share text input).
 *
 * Checks: the status is OK, SYNTAX or RANGE; an accepted text is a valid
 * share (0 <= k <= n); its canonical text fits U16_SHARE_TEXT_MAX and parses
 * back to the same counts.  The first 16 bytes read as two int64 counts (a
 * binary share) round-trip the same way whenever u16_share_valid accepts them.
 */
#include "fuzz.h"

static void
round_trip(int64_t k, int64_t n, const char *origin)
{
	char		buf[U16_SHARE_TEXT_MAX];
	int			len = u16_format_share(buf, sizeof buf, k, n);
	int64_t		k2 = -1,
				n2 = -1;

	require(len > 0 && (size_t) len < sizeof buf, "%s: %lld/%lld formats to %d bytes",
			origin, (long long) k, (long long) n, len);
	require(u16_parse_share(buf, &k2, &n2) == U16_PARSE_OK && k2 == k && n2 == n,
			"%s: \"%s\" parses back to %lld/%lld", origin, buf, (long long) k2, (long long) n2);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_cstring(data, size);
	int64_t		k,
				n;
	U16ParseStatus status = u16_parse_share(text, &k, &n);

	require(status_known(status), "status %d for \"%s\"", (int) status, text);
	if (status == U16_PARSE_OK)
	{
		require(u16_share_valid(k, n), "\"%s\" gives %lld/%lld", text, (long long) k, (long long) n);
		round_trip(k, n, "text");
	}
	free(text);

	if (size >= 2 * sizeof(int64_t))
	{
		memcpy(&k, data, sizeof k);
		memcpy(&n, data + sizeof k, sizeof n);
		if (u16_share_valid(k, n))
			round_trip(k, n, "binary");
	}
	return 0;
}
