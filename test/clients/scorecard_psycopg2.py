"""Reads the u16 scorecard with psycopg2 (Debian's python3-psycopg2) and checks
that every column arrives as a plain Python value (int, Decimal, str, date,
bool), that region rows sum their members, and that values match the counts.
Prints "ok - ..." / "not ok - ..." lines (test/t/clients runs it)."""
import datetime
import decimal
import sys

import psycopg2

failures = 0


def check(ok, what):
    global failures
    print(("ok - " if ok else "not ok - ") + what)
    failures += 0 if ok else 1


conn = psycopg2.connect(sys.argv[1])
cur = conn.cursor()
cur.execute("SELECT * FROM u16.scorecard ORDER BY indicator_code, area_code, period")
names = [d.name for d in cur.description]
rows = [dict(zip(names, r)) for r in cur.fetchall()]
check(len(rows) > 0, "psycopg2 reads %d scorecard rows" % len(rows))

plain = (int, decimal.Decimal, str, datetime.date, bool, type(None))
odd = {(n, type(r[n]).__name__) for r in rows for n in names if not isinstance(r[n], plain)}
check(not odd, "every value is a plain Python value %s" % (sorted(odd) or ""))

shares = [r for r in rows if r["unit"] == "share" and not r["suppressed"] and r["denominator_count"]]
wrong = [r for r in shares
         if r["value"] != round(decimal.Decimal(r["numerator_count"]) / r["denominator_count"], 6)]
check(shares and not wrong, "value = numerator / denominator on %d share rows" % len(shares))

suppressed = [r for r in rows if r["suppressed"]]
check(all(r["value"] is None and r["numerator_count"] is None for r in suppressed),
      "%d suppressed rows carry no value" % len(suppressed))
sys.exit(1 if failures else 0)
