#!/usr/bin/env python3
"""Turns a missed-page report (the JSON a user saved from Keyshift's report page) into a
replica for the end-to-end suite: an HTML page that rebuilds the report's element tree,
and a test that opens it where the original was and expects the same verdict.

  tools/replay.py REPORT.json NAME [--out DIR]

Writes DIR/NAME.html (default www/replays/) and e2e/replays/NAME.test.mjs (with --out,
DIR/NAME.test.mjs). The server serves a replay at its original address with
`?replay=NAME`, under a policy that runs no script of the page's.

Anyone can write a report, so a report is data, never code: its schema and format are
checked first and a report that fails is refused with the reason; its values reach the
generated test only as one JSON literal (never in a comment or a string of code); the
replica keeps an allow-list of tags and attributes (no script, frames, objects, links,
styles, event handlers or script URLs).
"""
import html
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FORMAT = 1
VOID = {"area", "br", "col", "hr", "img", "input", "source", "track", "wbr"}
# Tags a replica may hold: the page's structure and text, nothing that runs, loads or styles.
TAGS = {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "body", "br", "button",
    "caption", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn", "dialog", "div", "dl",
    "dt", "em", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li", "main", "mark", "menu", "nav",
    "ol", "optgroup", "option", "output", "p", "pre", "q", "s", "samp", "section", "select", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "time", "tr",
    "u", "ul", "var", "wbr", "font", "tt",
}
# Attributes a replica may hold (what the report keeps, `src/report.rs` `keep`).
ATTRS = {
    "role", "type", "aria-modal", "aria-hidden", "aria-expanded", "aria-selected", "aria-colindex",
    "aria-rowindex", "aria-colcount", "aria-rowcount", "aria-live", "aria-level", "hidden", "readonly",
    "disabled", "lang", "dir", "tabindex", "aria-label", "placeholder", "title", "alt", "aria-roledescription",
    "id", "class", "name", "for", "aria-labelledby", "aria-describedby", "aria-controls", "href", "action", "value",
}
URL_ATTRS = {"href", "action"}
PAGE_KINDS = {"token-list", "new-token", "token-reveal", "profile", "integration", "other", ""}
# The hosts a report names (report.rs writes the customer's subdomain as `acme`).
HOSTS = {"acme.repairshopr.com", "acme.syncromsp.com", "api-docs.repairshopr.com", "api-docs.syncromsp.com"}
MAX_NODES = 20000
MAX_DEPTH = 200


class Refused(Exception):
    """The report is not one Keyshift wrote; the message says what is wrong."""


def check(report):
    """Checks a report against its schema before anything reads it."""
    if not isinstance(report, dict):
        raise Refused("a report is a JSON object")
    want = {"format", "url", "lang", "title", "page", "verdict", "body"}
    # `expected`, the user's own line (what Keyshift should have done), is for a person
    # to read; the replay leaves it out.
    if set(report) - {"expected"} != want:
        raise Refused(f"a report has exactly the fields {sorted(want)} (and `expected`); this one has {sorted(report)}")
    if not isinstance(report.get("expected", ""), str):
        raise Refused("expected is a string")
    if report["format"] != FORMAT:
        raise Refused(f"this replay reads report format {FORMAT}, not {report['format']!r}")
    for key in ("url", "lang", "title", "page"):
        if not isinstance(report[key], str):
            raise Refused(f"{key} is a string")
    m = re.fullmatch(r"https://([a-z0-9.-]+)(/[A-Za-z0-9._~/-]*)?", report["url"])
    if not m or m.group(1) not in HOSTS or "/../" in (m.group(2) or "") + "/":
        raise Refused(f"url must be https on one of {sorted(HOSTS)} with a plain path")
    if not re.fullmatch(r"[A-Za-z0-9-]{0,35}", report["lang"]):
        raise Refused("lang is a language tag")
    if report["page"] not in PAGE_KINDS:
        raise Refused(f"page is one of {sorted(PAGE_KINDS)}")
    verdict = report["verdict"]
    if verdict is not None:
        if not isinstance(verdict, dict) or not isinstance(verdict.get("reveal"), bool):
            raise Refused("verdict is null or an object with a boolean reveal")
        evidence = verdict.get("evidence", [])
        if not isinstance(evidence, list) or not all(isinstance(e, str) and re.fullmatch(r"[a-z-]{1,40}", e) for e in evidence):
            raise Refused("verdict.evidence is a list of evidence names")
    count = [0]

    def node(n, depth):
        count[0] += 1
        if count[0] > MAX_NODES or depth > MAX_DEPTH:
            raise Refused(f"the page tree is larger than {MAX_NODES} elements or {MAX_DEPTH} deep")
        if not (isinstance(n, list) and len(n) == 4 and isinstance(n[0], str) and isinstance(n[2], str) and isinstance(n[1], list) and isinstance(n[3], list)):
            raise Refused("each element is [tag, attributes, text, children]")
        for a in n[1]:
            if not (isinstance(a, list) and len(a) == 2 and all(isinstance(x, str) for x in a)):
                raise Refused("each attribute is [name, value]")
        for c in n[3]:
            node(c, depth + 1)

    node(report["body"], 0)


def safe_url(value):
    """A replica's link stays on the replica: a path, or https; never a script URL."""
    v = re.sub(r"[\x00-\x20]", "", value).lower()
    return v.startswith("/") and not v.startswith("//") or v.startswith("https://")


def element(node):
    tag, attrs, text, children = node
    tag = tag.lower()
    if tag not in TAGS:
        # A custom element keeps its (shaped) name; anything else becomes a div.
        tag = tag if re.fullmatch(r"[a-z][a-z0-9]*-[a-z0-9-]*", tag) else "div"
    parts = [tag]
    value = None
    for name, val in attrs:
        name = name.lower()
        if name not in ATTRS and not re.fullmatch(r"data-[a-z0-9-]{1,40}", name):
            continue
        if name in URL_ATTRS and not safe_url(val):
            continue
        if name == "value" and tag == "textarea":
            value = val
            continue
        parts.append(f'{name}="{html.escape(val, quote=True)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in VOID:
        return opening
    inner = html.escape(value if value is not None else text)
    inner += "".join(element(c) for c in children)
    return f"{opening}{inner}</{tag}>"


def page(report):
    body = report["body"]
    inner = "".join(element(c) for c in body[3])
    lang = html.escape(report["lang"] or "en", quote=True)
    title = html.escape(report["title"] or "Replay")
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/site.css"></head>\n<body>{html.escape(body[2])}{inner}</body></html>\n'
    )


TEST = """// Replay of a missed-page report, written by tools/replay.py: the report's own values
// are in REPORT (data only). Edit EXPECT to what Keyshift should have done, then fix the
// engine.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, notes } from '../harness.mjs';
import { LEGACY_KEY } from '../fixtures.mjs';

const NAME = %(name)s;
const REPORT = %(report)s;
const EXPECT = { reveal: Boolean(REPORT.verdict && REPORT.verdict.reveal) };

let b;
before(async () => {
  b = await launch();
});
after(async () => {
  await b.close();
});

test(`replay ${NAME}: ${EXPECT.reveal ? 'a reveal' : 'no reveal'}`, async () => {
  const page = await b.context.newPage();
  const original = new URL(REPORT.url);
  await page.goto(b.url(original.hostname, `${original.pathname}?replay=${NAME}`));
  // A legacy key added now gets its note once Keyshift has read the page before it.
  await page.evaluate((key) => document.body.append(Object.assign(document.createElement('p'), { id: 'probe', textContent: `API key: ${key}` })), LEGACY_KEY);
  await page.locator('#probe + keyshift-note').waitFor({ state: 'attached' });
  const captured = (await notes(page)).filter((n) => n.kind === 'captured-token').length;
  assert.equal(captured > 0, EXPECT.reveal);
  await page.close();
});
"""


def test(report, name):
    # JSON is valid JavaScript; `<`, U+2028 and U+2029 are escaped so no value can end the
    # literal in any context.
    literal = json.dumps({k: report[k] for k in ("format", "url", "lang", "title", "page", "verdict")}, ensure_ascii=True)
    literal = literal.replace("<", "\\u003c")
    return TEST % {"name": json.dumps(name), "report": literal}


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--out" in args:
        i = args.index("--out")
        out = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2 or not re.fullmatch(r"[a-z0-9-]+", args[1]):
        raise SystemExit(__doc__)
    try:
        with open(args[0], encoding="utf-8") as f:
            report = json.load(f)
        check(report)
    except (ValueError, Refused) as e:
        raise SystemExit(f"replay.py: refused {args[0]}: {e}")
    name = args[1]
    pages = out or os.path.join(ROOT, "www", "replays")
    tests = out or os.path.join(ROOT, "e2e", "replays")
    os.makedirs(pages, exist_ok=True)
    os.makedirs(tests, exist_ok=True)
    with open(os.path.join(pages, f"{name}.html"), "w", encoding="utf-8") as f:
        f.write(page(report))
    with open(os.path.join(tests, f"{name}.test.mjs"), "w", encoding="utf-8") as f:
        f.write(test(report, name))
    print(f"wrote {os.path.join(pages, name + '.html')} and {os.path.join(tests, name + '.test.mjs')}")
