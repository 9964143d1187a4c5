"""Reads the u16 scorecard and cohort views with psycopg2 (Debian's
python3-psycopg2) and checks that every column arrives as a plain Python value
(int, Decimal, str, date, bool), that values match the counts, that region rows
of summed indicators add up their members, and that a row's cohorts add up to it.
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

def key(r, *names):
    return tuple(r[n] for n in names)


# Region rows of indicators the region sums (catalogue region_rule = 'sum'): where
# no member is withheld, the region's counts are the members' counts added up.
cur.execute("SELECT code FROM u16.indicator WHERE region_rule = 'sum'")
summed = {r[0] for r in cur.fetchall()}
members = {}
for r in rows:
    if r["area_type"] == "municipality" and r["indicator_code"] in summed:
        members.setdefault(key(r, "indicator_code", "boundaries", "period"), []).append(r)
compared = wrong = 0
for r in rows:
    group = members.get(key(r, "indicator_code", "boundaries", "period"))
    if r["area_type"] != "region" or not group or r["suppressed"] or any(m["suppressed"] for m in group):
        continue
    compared += 1
    for n in ("numerator_count", "denominator_count"):
        if (r[n] or 0) != sum(m[n] or 0 for m in group):
            wrong += 1
check(compared > 0 and wrong == 0, "%d region rows add up their members (%d differ)" % (compared, wrong))

# The cohort view: plain values, and a scorecard row's cohorts add up to it.
cur.execute("SELECT * FROM u16.cohort")
cnames = [d.name for d in cur.description]
cohorts = [dict(zip(cnames, r)) for r in cur.fetchall()]
odd = {(n, type(r[n]).__name__) for r in cohorts for n in cnames if not isinstance(r[n], plain)}
check(cohorts and not odd, "%d cohort rows, every value plain %s" % (len(cohorts), sorted(odd) or ""))
parts = {}
for c in cohorts:
    parts.setdefault(key(c, "indicator_code", "boundaries", "area_code", "period"), []).append(c)
compared = wrong = 0
for r in rows:
    group = parts.get(key(r, "indicator_code", "boundaries", "area_code", "period"))
    if not group or r["suppressed"] or any(c["suppressed"] for c in group):
        continue
    compared += 1
    if (r["numerator_count"], r["denominator_count"]) != (sum(c["numerator_count"] for c in group),
                                                          sum(c["denominator_count"] for c in group)):
        wrong += 1
check(compared > 0 and wrong == 0, "%d scorecard rows are the sum of their cohorts (%d differ)" % (compared, wrong))
sys.exit(1 if failures else 0)
