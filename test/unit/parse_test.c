/*
 * parse_test.c — unit test of the backend-free parsers in src/parse.c,
 * compiled and run without PostgreSQL by test/t/parse_unit.
 *
 * 1. Every k/n with n <= 60 formats and parses back to itself.
 * 2. Known invalid texts get the documented status.
 * 3. A million pseudo-random strings over the parser's alphabet never crash,
 *    and every accepted one is a valid share that round-trips.
 * 4. The BSN eleven-test on known numbers and near misses.
 */
#include <stdio.h>
#include <string.h>

#include "parse.h"

static int	failures = 0;

static void
expect(int ok, const char *what, const char *text)
{
	if (!ok)
	{
		failures++;
		printf("not ok - %s: \"%s\"\n", what, text);
	}
}

static void
round_trips(void)
{
	char		buf[U16_SHARE_TEXT_MAX];
	int64_t		k,
				n;

	for (int64_t den = 0; den <= 60; den++)
		for (int64_t num = 0; num <= den; num++)
		{
			u16_format_share(buf, sizeof buf, num, den);
			expect(u16_parse_share(buf, &k, &n) == U16_PARSE_OK && k == num && n == den,
				   "round trip", buf);
		}
	u16_format_share(buf, sizeof buf, INT64_MAX, INT64_MAX);
	expect(u16_parse_share(buf, &k, &n) == U16_PARSE_OK && k == INT64_MAX, "int64 max", buf);
}

static void
known_cases(void)
{
	static const struct
	{
		const char *text;
		U16ParseStatus status;
	}			cases[] = {
		{"45/60", U16_PARSE_OK}, {" 45 / 60 ", U16_PARSE_OK}, {"0/0", U16_PARSE_OK},
		{"", U16_PARSE_SYNTAX}, {"/", U16_PARSE_SYNTAX}, {"45", U16_PARSE_SYNTAX},
		{"45/", U16_PARSE_SYNTAX}, {"+1/2", U16_PARSE_SYNTAX}, {"1/2/3", U16_PARSE_SYNTAX},
		{"1.0/2", U16_PARSE_SYNTAX}, {"1/2 x", U16_PARSE_SYNTAX}, {"--1/2", U16_PARSE_SYNTAX},
		{"3/2", U16_PARSE_RANGE}, {"-1/2", U16_PARSE_RANGE}, {"1/0", U16_PARSE_RANGE},
		{"9223372036854775808/9223372036854775808", U16_PARSE_RANGE},
		{"-9223372036854775808/0", U16_PARSE_RANGE},
		{"99999999999999999999999/x", U16_PARSE_SYNTAX},
	};
	int64_t		k,
				n;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect(u16_parse_share(cases[i].text, &k, &n) == cases[i].status,
			   "status", cases[i].text);
}

static void
random_strings(void)
{
	static const char alphabet[] = "0123456789/ -+.x9";
	uint64_t	state = 42;
	char		text[24];
	char		again[U16_SHARE_TEXT_MAX];
	int64_t		k,
				n,
				k2,
				n2;

	for (int i = 0; i < 1000000; i++)
	{
		int			len;

		state = state * 6364136223846793005ULL + 1442695040888963407ULL;
		len = (int) ((state >> 59) % 23);
		for (int j = 0; j < len; j++)
		{
			state = state * 6364136223846793005ULL + 1442695040888963407ULL;
			text[j] = alphabet[(state >> 33) % (sizeof alphabet - 1)];
		}
		text[len] = '\0';
		if (u16_parse_share(text, &k, &n) != U16_PARSE_OK)
			continue;
		u16_format_share(again, sizeof again, k, n);
		expect(u16_share_valid(k, n) &&
			   u16_parse_share(again, &k2, &n2) == U16_PARSE_OK && k2 == k && n2 == n,
			   "accepted text is a valid share that round-trips", text);
	}
}

static void
bsn_cases(void)
{
	static const struct
	{
		const char *text;
		bool		bsn;
	}			cases[] = {
		/* 9*1+8*1+7*1+6*2+5*2+4*2+3*3+2*3 - 3 = 66 = 6 * 11 */
		{"111222333", true}, {"111222334", false}, {"123456782", true},
		/* 8 digits: a leading zero, 12345672 weighs as 012345672 (112 - 2) */
		{"12345672", true}, {"12345674", false}, {"000000000", true}, {"00000000", true},
		/* a negative sum that is no multiple of 11 */
		{"000000009", false},
		{"", false}, {"1234567", false}, {"1234567820", false}, {"12345678a", false},
		{" 11122233", false}, {"11122233 ", false}, {"P0001", false},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect(u16_is_bsn(cases[i].text, strlen(cases[i].text)) == cases[i].bsn,
			   "BSN eleven-test", cases[i].text);
}

int
main(void)
{
	round_trips();
	printf("%s - parse.c: every k/n with n <= 60 round-trips\n", failures ? "not ok" : "ok");
	known_cases();
	printf("%s - parse.c: known valid and invalid texts\n", failures ? "not ok" : "ok");
	random_strings();
	printf("%s - parse.c: a million random strings, no crash, accepted ones valid\n",
		   failures ? "not ok" : "ok");
	bsn_cases();
	printf("%s - parse.c: BSN eleven-test on known numbers and near misses\n",
		   failures ? "not ok" : "ok");
	return failures != 0;
}
