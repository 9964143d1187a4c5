/*
 * parse_test.c — unit test of the backend-free parsers in src/parse.c,
 * compiled and run without PostgreSQL by test/t/parse_unit.
 *
 * 1. Every k/n with n <= 60 formats and parses back to itself.
 * 2. Known invalid texts get the documented status.
 * 3. A million pseudo-random strings over the parser's alphabet never crash,
 *    and every accepted one is a valid share that round-trips.
 * 4. The BSN eleven-test on known numbers and near misses.
 * 5. Words (targets, granularities, the ledger header) in any case, whole
 *    words only; period stepping against the calendar.
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
		/* written with the separators a person id may hold */
		{"1234.56.782", true}, {"1234.56.783", false}, {"111-222-333", true},
		{"_11122233:3", true}, {"1234.5672", true}, {"...", false}, {"1.2.3.4.5.6.7", false},
		{"1234.56.7820", false}, {"1234/56/782", false}, {"1234 56 782", false},
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect(u16_is_bsn(cases[i].text, strlen(cases[i].text)) == cases[i].bsn,
			   "BSN eleven-test", cases[i].text);
}

static void
word_cases(void)
{
	static const struct
	{
		const char *text;
		U16ParseStatus status;
		const char *canonical;
	}			targets[] = {
		{"rise", U16_PARSE_OK, "rise"}, {" FALL ", U16_PARSE_OK, "fall"},
		{"By 2018-06-01", U16_PARSE_OK, "by 2018-06-01"},
		{"BEFORE  2018-03-01", U16_PARSE_OK, "before 2018-03-01"},
		{"rises", U16_PARSE_SYNTAX, NULL}, {"rise_", U16_PARSE_SYNTAX, NULL},
		{"fall1", U16_PARSE_SYNTAX, NULL}, {"bye 2018-06-01", U16_PARSE_SYNTAX, NULL},
		{"before", U16_PARSE_SYNTAX, NULL}, {"before2018-03-01", U16_PARSE_SYNTAX, NULL},
		{"be 2018-03-01", U16_PARSE_SYNTAX, NULL}, {">= -0%", U16_PARSE_RANGE, NULL},
	};
	char		buf[U16_TARGET_TEXT_MAX];
	U16Granularity g;
	bool		carry;
	U16LedgerEntry entries[4];
	int			count;
	int32_t		period;

	for (size_t i = 0; i < sizeof targets / sizeof targets[0]; i++)
	{
		int64_t		code = 0;
		U16ParseStatus status = u16_parse_target(targets[i].text, &code);

		expect(status == targets[i].status, "target word status", targets[i].text);
		if (status == U16_PARSE_OK)
		{
			u16_format_target(buf, sizeof buf, code);
			expect(strcmp(buf, targets[i].canonical) == 0, "target word canonical form", targets[i].text);
		}
	}
	expect(u16_parse_granularity("HalfYear", &g) && g == U16_GRANULARITY_HALFYEAR, "granularity", "HalfYear");
	expect(!u16_parse_granularity("years", &g), "granularity is a whole word", "years");
	expect(!u16_parse_granularity("year ", &g), "granularity is the whole text", "year ");
	expect(u16_parse_ledger("{ CARRY_SURPLUS = False ; 2018H1=1/2/3 }", &carry, entries, &count) == U16_PARSE_OK
		   && !carry && count == 1, "ledger header in any case", "CARRY_SURPLUS");
	expect(u16_parse_ledger("{carry_surplusx=true}", &carry, entries, &count) == U16_PARSE_SYNTAX,
		   "ledger header is a whole word", "carry_surplusx");
	/* Stepping: 2018-11 + 3 months is 2019-02; 2018H2 - 3 half-years is 2017H1. */
	u16_parse_period("2018-11", &period);
	u16_format_period(buf, sizeof buf, u16_period_step(period, 3));
	expect(strcmp(buf, "2019-02") == 0, "month step", buf);
	u16_parse_period("2018H2", &period);
	u16_format_period(buf, sizeof buf, u16_period_step(period, -3));
	expect(strcmp(buf, "2017H1") == 0, "half-year step", buf);
	expect(u16_period_index(period) == 2018 * 2 + 1, "half-year index", "2018H2");
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
	word_cases();
	printf("%s - parse.c: words in any case and whole only; period stepping\n",
		   failures ? "not ok" : "ok");
	return failures != 0;
}
