/*
 * fuzz_ledger.c — libFuzzer target for u16_parse_ledger (quota_ledger text
 * input).
 *
 * The entry array is allocated exactly as quota_ledger_in does, for
 * U16_LEDGER_MAX_ENTRIES(strlen(text)) entries, so AddressSanitizer reports
 * any text that makes the parser write past that sizing contract.
 *
 * Checks: the status is OK, SYNTAX or RANGE; an accepted ledger has valid
 * periods and zero reserved fields; formatted the way quota_ledger_out does
 * it ("{}" or "{carry_surplus=...;entry;...}" with u16_format_ledger_entry,
 * each entry fitting U16_LEDGER_ENTRY_TEXT_MAX), it parses back to the same
 * entries in the same order and, when it has entries, the same policy.
 * (The policy of a ledger without entries means nothing: "{}" is canonical.)
 */
#include "fuzz.h"

static char *
format_ledger(bool carry_surplus, const U16LedgerEntry *entries, int count)
{
	size_t		size = 32 + (size_t) count * (U16_LEDGER_ENTRY_TEXT_MAX + 1);
	char	   *out = malloc(size);
	size_t		used;

	if (out == NULL)
		abort();
	if (count == 0)
	{
		strcpy(out, "{}");
		return out;
	}
	used = (size_t) snprintf(out, size, "{carry_surplus=%s", carry_surplus ? "true" : "false");
	for (int i = 0; i < count; i++)
	{
		char		entry[U16_LEDGER_ENTRY_TEXT_MAX];
		int			len = u16_format_ledger_entry(entry, sizeof entry, &entries[i]);

		require(len > 0 && (size_t) len < sizeof entry, "entry %d formats to %d bytes", i, len);
		used += (size_t) snprintf(out + used, size - used, ";%s", entry);
	}
	require(used + 2 <= size, "ledger text of %zu bytes", used);
	strcpy(out + used, "}");
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *text = fuzz_cstring(data, size);
	size_t		max_entries = U16_LEDGER_MAX_ENTRIES(strlen(text));
	U16LedgerEntry *entries = malloc(max_entries * sizeof(U16LedgerEntry));
	U16LedgerEntry *again = NULL;
	bool		carry_surplus;
	bool		carry_surplus2;
	int			count;
	int			count2;
	char	   *formatted;
	U16ParseStatus status;

	if (entries == NULL)
		abort();
	status = u16_parse_ledger(text, &carry_surplus, entries, &count);
	require(status_known(status), "status %d for \"%s\"", (int) status, text);
	if (status == U16_PARSE_OK)
	{
		require(count >= 0 && (size_t) count <= max_entries, "%d entries for \"%s\"", count, text);
		for (int i = 0; i < count; i++)
			require(u16_period_valid(entries[i].period) && entries[i].reserved == 0,
					"entry %d of \"%s\"", i, text);

		formatted = format_ledger(carry_surplus, entries, count);
		again = malloc(U16_LEDGER_MAX_ENTRIES(strlen(formatted)) * sizeof(U16LedgerEntry));
		if (again == NULL)
			abort();
		require(u16_parse_ledger(formatted, &carry_surplus2, again, &count2) == U16_PARSE_OK,
				"\"%s\" formats to \"%s\", which does not parse", text, formatted);
		require(count2 == count && (count == 0 || carry_surplus2 == carry_surplus) &&
				(count == 0 || memcmp(again, entries, (size_t) count * sizeof(U16LedgerEntry)) == 0),
				"\"%s\" formats to \"%s\", which parses to another ledger", text, formatted);
		free(formatted);
		free(again);
	}
	free(entries);
	free(text);
	return 0;
}
