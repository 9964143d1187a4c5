#!/usr/bin/python3
"""disclosure_audit.py DATABASE — what a reader can work out from u16's published
views, for test/t/disclosure_audit.

The reader knows every published count and the sums that tie them together, and
takes a missing row for 0 (as it is).  Each withheld count is an unknown.  The
sums, per boundary set and year:

  - a region = the sum of its members (scorecard numerators and denominators of
    the person indicators summed over members, cohorts, language levels);
  - an area's scorecard row = the sum of its cohorts;
  - T2.3: the denominator = the sum of the five levels, the numerator = B1 +
    B2 and above;
  - a municipality that did not merge is the same on both boundary sets;
  - a merged municipality on current boundaries = the sum of its predecessors'
    historical rows (T2.8's counts too), plus an unknown remainder where a
    predecessor has no row of its own (Leerdam inside Vijfheerenlanden).

The unknowns are solved as far as the sums go (exact Gaussian elimination over
the rationals); a withheld count is disclosed when the sums fix its value.
Prints a summary line, then each disclosed count, then each set of withheld
counts that a published 0 forces to 0 (a sum of them, all with positive
weights, equal to 0).
"""
import csv
import io
import subprocess
import sys
from collections import defaultdict
from fractions import Fraction


def query(db, sql):
    out = subprocess.run(["psql", "-X", "-At", "--csv", "-d", db, "-c", sql],
                         capture_output=True, text=True, check=True).stdout
    return list(csv.reader(io.StringIO(out)))


def published(db, present):
    """The published counts: key -> int, or None where withheld.  present gets
    (indicator, boundaries, area, period) of every scorecard row, with data or not."""
    counts = {}
    # the indicators that count persons; where the region counts members (T2.8),
    # only the municipal counts are persons
    units = {code: (unit, rule) for code, unit, rule in query(db, """
            SELECT code, coalesce(municipal_unit, unit), region_rule FROM u16.indicator
            WHERE region_rule IN ('sum', 'members') AND counts = 'persons'
              AND coalesce(municipal_unit, unit) IN ('share', 'count')""")}
    for code, b, area_type, area, per, n, d, sup in query(db, """
            SELECT indicator_code, boundaries, area_type, area_code, period, numerator_count, denominator_count,
                   suppressed
            FROM u16.scorecard WHERE length(period) = 4"""):
        present.add((code, b, area, per))
        if code not in units or (units[code][1] == 'members' and area_type != 'municipality'):
            continue                    # not a count of persons
        if sup == 'f' and n == '' and d == '':
            continue                    # no data (0)
        counts[('S', code, b, area, per, 'n')] = None if sup == 't' else int(n)
        if units[code][0] == 'share':
            counts[('S', code, b, area, per, 'd')] = None if sup == 't' else int(d)
    for code, b, area, per, cohort, n, d, sup in query(db, """
            SELECT indicator_code, boundaries, area_code, period, coalesce(cohort::text, 'unknown'),
                   numerator_count, denominator_count, suppressed FROM u16.cohort"""):
        counts[('C', code, b, area, per, cohort, 'n')] = None if sup == 't' else int(n)
        counts[('C', code, b, area, per, cohort, 'd')] = None if sup == 't' else int(d)
    for b, area, per, level, n, sup in query(db, """
            SELECT boundaries, area_code, period, level_order, persons_count, suppressed FROM u16.language_level"""):
        counts[('L', b, area, per, level)] = None if sup == 't' else int(n)
    return counts


def sums(db, counts, present):
    """The sums a reader knows, each a dict key -> weight whose weighted sum is 0.
    Adds to counts an unknown remainder ('R', ...) where a sum needs one."""
    members = defaultdict(set)
    for b, region, per, m in query(db, """
            SELECT DISTINCT s.boundaries, s.area_code, s.period, m::text
            FROM u16.scorecard s,
                 u16.region_members(s.area_code, CASE WHEN s.boundaries = 'historical' THEN s.period::u16.period
                                                      ELSE u16.period(current_date, 'year') END) m
            WHERE s.area_type = 'region' AND length(s.period) = 4"""):
        members[(b, region, per)].add(m)
    successors = {r[0] for r in query(db, "SELECT new_code::text FROM u16.municipality_succession")}
    # a successor -> every code it covers today, itself included (persons may be
    # counted under a code before it existed: their current municipality)
    predecessors = defaultdict(list)
    for code, today in query(db, "SELECT code, current_code FROM u16.municipality_today"):
        if today in successors:
            predecessors[today].append(code)
    # every key with its area replaced by '*': the sums run over these groups
    groups = defaultdict(set)
    for key in counts:
        area_at = 3 if key[0] in 'SC' else 2
        groups[key[:area_at] + ('*',) + key[area_at + 1:]].add(key[area_at])
    found = []
    for group in groups:
        area_at = group.index('*')
        b, per = group[area_at - 1], group[area_at + 1]
        for (mb, region, mper), ms in members.items():
            region_key = group[:area_at] + (region,) + group[area_at + 1:]
            if (mb, mper) == (b, per) and region_key in counts:
                found.append({region_key: 1, **{group[:area_at] + (m,) + group[area_at + 1:]: -1
                                                for m in ms if group[:area_at] + (m,) + group[area_at + 1:] in counts}})
    cohorts = defaultdict(list)         # (indicator, boundaries, area, period, part) -> cohort keys
    for key in counts:
        if key[0] == 'C':
            cohorts[key[1:5] + key[6:]].append(key)
    for key in list(counts):
        if key[0] == 'S' and key[1:] in cohorts:    # an area's row and its cohorts
            found.append({key: 1, **{k: -1 for k in cohorts[key[1:]]}})
        if key[:2] in (('S', 'T2.3'),):  # T2.3 and its levels
            _, _, b, area, per, part = key
            levels = range(1, 6) if part == 'd' else range(4, 6)
            found.append({key: 1, **{('L', b, area, per, str(v)): -1 for v in levels
                                     if ('L', b, area, per, str(v)) in counts}})
        b_at = 2 if key[0] in 'SC' else 1
        if key[b_at] == 'current' and key[b_at + 1].startswith('GM') and key[b_at + 1] not in successors:
            historical = key[:b_at] + ('historical',) + key[b_at + 1:]
            if historical in counts:
                found.append({key: 1, historical: -1})
        if key[b_at] == 'current' and key[b_at + 1] in successors:
            found.append(restated(key, b_at, counts, present, predecessors[key[b_at + 1]]))
    return found


def restated(key, b_at, counts, present, codes):
    """A merged municipality's current count: its predecessors' historical ones
    (a row without the count is 0), and a remainder where one has no row."""
    relation = {key: 1}
    for code in codes:
        historical = key[:b_at] + ('historical', code) + key[b_at + 2:]
        if historical in counts:
            relation[historical] = -1
        elif (key[1], 'historical', code, key[b_at + 2]) not in present:
            remainder = ('R',) + key[1:]
            counts.setdefault(remainder, None)
            relation[remainder] = -1
    return relation


def solve(counts, relations):
    """Reduced row echelon form of the sums over the withheld counts."""
    unknown = sorted(k for k, v in counts.items() if v is None)
    column = {k: i for i, k in enumerate(unknown)}
    pivots = {}                         # column -> (row, right-hand side)
    for relation in relations:
        row, rhs = {}, Fraction(0)
        for key, weight in relation.items():
            if counts[key] is None:
                row[column[key]] = row.get(column[key], 0) + Fraction(weight)
            else:
                rhs -= weight * counts[key]
        row = {c: w for c, w in row.items() if w != 0}
        for c in [c for c in row if c in pivots]:
            if c in row:
                f = row[c]
                prow, prhs = pivots[c]
                for k, w in prow.items():
                    row[k] = row.get(k, 0) - f * w
                    if row[k] == 0:
                        del row[k]
                rhs -= f * prhs
        if not row:
            if rhs != 0:
                sys.exit("the published sums do not add up: %s" % relation)
            continue
        c = min(row)
        f = row[c]
        row = {k: w / f for k, w in row.items()}
        rhs /= f
        for pc, (prow, prhs) in list(pivots.items()):
            if c in prow:
                g = prow[c]
                for k, w in row.items():
                    prow[k] = prow.get(k, 0) - g * w
                    if prow[k] == 0:
                        del prow[k]
                pivots[pc] = (prow, prhs - g * rhs)
        pivots[c] = (row, rhs)
    return unknown, pivots


def main():
    present = set()
    counts = published(sys.argv[1], present)
    relations = sums(sys.argv[1], counts, present)
    unknown, pivots = solve(counts, relations)
    fixed = sorted((unknown[c], rhs) for c, (row, rhs) in pivots.items() if len(row) == 1)
    disclosed = [(key, value) for key, value in fixed if key[0] != 'R']
    zeros = [row for row, rhs in pivots.values() if rhs == 0 and len(row) > 1 and all(w > 0 for w in row.values())]
    print("counts %d withheld %d sums %d disclosed %d forced_to_0 %d"
          % (len(counts), len(unknown), len(relations), len(disclosed), len(zeros)))
    for key, value in disclosed:
        print("disclosed %s = %s" % ("|".join(key), value))
    for key, value in fixed:
        if key[0] == 'R':
            print("remainder fixed %s = %s" % ("|".join(key), value))
    for row in zeros:
        print("forced to 0: %s" % " + ".join("|".join(unknown[c]) for c in sorted(row)))


try:
    main()
except BrokenPipeError:
    sys.stderr.close()
