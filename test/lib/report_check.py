#!/usr/bin/python3
"""report_check.py — checks of a page made by u16.report_html(), for test/t/report*.

    report_check.py html5 FILE            "ok" or the first strict HTML5 parse error (html5lib)
    report_check.py text FILE             the visible text (no <style>, no SVG <title>/<desc>)
    report_check.py cells FILE            one line per data-cell: key <TAB> class <TAB> text
    report_check.py rows FILE             one line per figures-table row with a data-cell:
                                          key <TAB> the texts of the row's cells joined by |
    report_check.py levels FILE           one line per row of the language levels (data-level):
                                          key <TAB> the texts of the row's cells joined by |
    report_check.py statuses FILE         every status word shown: badges (.st) and the
                                          aria-label of matrix symbols, one per line
    report_check.py a11y FILE             problems with text alternatives: an <svg> without
                                          <title> and <desc>, a <th> without scope, one per line
"""
import sys

import html5lib

NS = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


def parse(path):
    with open(path, encoding="utf-8") as f:
        return html5lib.parse(f.read(), namespaceHTMLElements=True)


def text_of(el, skip=(NS + "style", SVG + "title", SVG + "desc")):
    out = []

    def walk(e):
        if e.tag in skip:
            if e.tail:
                out.append(e.tail)
            return
        if e.text:
            out.append(e.text)
        for c in e:
            walk(c)
        if e.tail and e is not el:
            out.append(e.tail)

    walk(el)
    return " ".join(" ".join(out).split())


def classes(el):
    return el.get("class", "").split()


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "html5":
        try:
            with open(path, encoding="utf-8") as f:
                html5lib.HTMLParser(strict=True).parse(f.read())
            print("ok")
        except Exception as e:  # noqa: BLE001 - any parse error is the answer
            print("parse error: %s" % e)
        return
    doc = parse(path)
    if mode == "text":
        body = doc.find(NS + "body")
        print(text_of(body))
    elif mode == "cells":
        for el in doc.iter():
            key = el.get("data-cell")
            if key is not None:
                print("%s\t%s\t%s" % (key, " ".join(classes(el)), text_of(el)))
    elif mode == "rows":
        for tr in doc.iter(NS + "tr"):
            cells = [c for c in tr if c.tag in (NS + "td", NS + "th")]
            keys = [c.get("data-cell") for c in cells if c.get("data-cell")]
            if len(keys) == 1:
                print("%s\t%s" % (keys[0], "|".join(text_of(c) for c in cells)))
    elif mode == "levels":
        for tr in doc.iter(NS + "tr"):
            if tr.get("data-level") is not None:
                cells = [c for c in tr if c.tag in (NS + "td", NS + "th")]
                print("%s\t%s" % (tr.get("data-level"), "|".join(text_of(c) for c in cells)))
    elif mode == "statuses":
        for el in doc.iter():
            if "st" in classes(el):
                sym = [c for c in el if "sym" in classes(c)]
                word = text_of(el)
                if sym:
                    word = word.replace(text_of(sym[0]), "", 1).strip()
                print(word)
            elif "sym" in classes(el) and el.get("aria-label") is not None:
                print(el.get("aria-label"))
    elif mode == "a11y":
        for svg in doc.iter(SVG + "svg"):
            if svg.find(SVG + "title") is None or svg.find(SVG + "desc") is None:
                print("svg %s without title/desc" % svg.get("id"))
            elif not (svg.find(SVG + "desc").text or "").strip():
                print("svg %s with an empty desc" % svg.get("id"))
            if svg.get("role") != "img":
                print("svg %s without role=img" % svg.get("id"))
        for th in doc.iter(NS + "th"):
            if th.get("scope") not in ("col", "row"):
                print("th without scope: %s" % text_of(th))
    else:
        sys.exit("report_check.py: unknown mode " + mode)


try:
    main()
except BrokenPipeError:
    sys.stderr.close()
