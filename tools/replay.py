#!/usr/bin/env python3
"""Turns a missed-page report (the JSON a user saved from Keyshift's report page) into a
replica for the end-to-end suite: an HTML page that rebuilds the report's element tree,
and a test skeleton that opens it where the original was and expects the same verdict.

  tools/replay.py REPORT.json NAME [--out DIR]

Writes DIR/NAME.html (default www/replays/) and e2e/replays/NAME.test.mjs (with --out,
DIR/NAME.test.mjs). The server serves a replay at its original address with
`?replay=NAME`, so address-based evidence reads the same.
"""
import html
import json
import os
import re
import sys
from urllib.parse import urlparse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VOID = {"AREA", "BASE", "BR", "COL", "EMBED", "HR", "IMG", "INPUT", "LINK", "META", "SOURCE", "TRACK", "WBR"}


def element(node, depth=0):
    tag, attrs, text, children = node
    tag = re.sub(r"[^A-Za-z0-9-]", "", tag).lower() or "div"
    parts = [tag]
    value = None
    for name, val in attrs:
        name = re.sub(r"[^A-Za-z0-9_:-]", "", name)
        if name == "value" and tag == "textarea":
            value = val
            continue
        parts.append(f'{name}="{html.escape(val, quote=True)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag.upper() in VOID:
        return opening
    inner = html.escape(value if value is not None else text)
    inner += "".join(element(c, depth + 1) for c in children)
    return f"{opening}{inner}</{tag}>"


def page(report):
    body = report["body"]
    inner = "".join(element(c) for c in body[3])
    lang = html.escape(report.get("lang") or "en", quote=True)
    title = html.escape(report.get("title") or "Replay")
    return (
        f'<!doctype html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f'<link rel="stylesheet" href="/site.css"></head>\n<body>{html.escape(body[2])}{inner}</body></html>\n'
    )


def test(report, name):
    url = urlparse(report["url"])
    verdict = report.get("verdict") or {}
    reveal = bool(verdict.get("reveal"))
    evidence = sorted(e for e in verdict.get("evidence", []) if e != "just-submitted")
    return f"""// Replay of a missed-page report ({report['url']}), written by tools/replay.py. The
// report said: page {report.get('page') or 'unknown'}, reveal {str(reveal).lower()}, evidence {', '.join(evidence) or 'none'}.
// Edit the expectation to what Keyshift should have done, then fix the engine.
import {{ test, before, after }} from 'node:test';
import assert from 'node:assert/strict';
import {{ launch, notes }} from '../harness.mjs';
import {{ LEGACY_KEY }} from '../fixtures.mjs';

let b;
before(async () => {{
  b = await launch();
}});
after(async () => {{
  await b.close();
}});

test('replay {name}: {'a reveal' if reveal else 'no reveal'}', async () => {{
  const page = await b.context.newPage();
  await page.goto(b.url('{url.hostname}', '{url.path or '/'}?replay={name}'));
  // A legacy key added now gets its note once Keyshift has read the page before it.
  await page.evaluate((key) => document.body.append(Object.assign(document.createElement('p'), {{ id: 'probe', textContent: `API key: ${{key}}` }})), LEGACY_KEY);
  await page.locator('#probe + keyshift-note').waitFor({{ state: 'attached' }});
  const captured = (await notes(page)).filter((n) => n.kind === 'captured-token').length;
  assert.equal(captured > 0, {str(reveal).lower()});
  await page.close();
}});
"""


if __name__ == "__main__":
    args = sys.argv[1:]
    out = None
    if "--out" in args:
        i = args.index("--out")
        out = args[i + 1]
        del args[i : i + 2]
    if len(args) != 2 or not re.fullmatch(r"[a-z0-9-]+", args[1]):
        raise SystemExit(__doc__)
    with open(args[0], encoding="utf-8") as f:
        report = json.load(f)
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
