#!/usr/bin/env python3
"""Writes extension/psl.dat, the Public Suffix List snapshot Keyshift ships, from the npm
package `psl` pinned in e2e/package-lock.json: one rule a line, every label in punycode
(as Keyshift compares hosts), sorted for binary search, after a header naming the
source. `--check` fails if the committed file differs from what the package gives.

  tools/psl.py [--check]
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCE = os.path.join(ROOT, "e2e", "node_modules", "psl", "data", "rules.js")
OUT = os.path.join(ROOT, "extension", "psl.dat")


def punycode(rule):
    prefix = "!" if rule.startswith("!") else ""
    labels = rule.lstrip("!").lower().split(".")
    out = []
    for label in labels:
        if label == "*" or label.isascii():
            out.append(label)
        else:
            out.append("xn--" + label.encode("punycode").decode("ascii"))
    return prefix + ".".join(out)


def generate():
    with open(os.path.join(ROOT, "e2e", "node_modules", "psl", "package.json"), encoding="utf-8") as f:
        version = json.load(f)["version"]
    with open(SOURCE, encoding="utf-8") as f:
        rules = re.findall(r'"([^"]+)"', f.read())
    lines = sorted({punycode(r) for r in rules})
    header = [
        f"// Public Suffix List (https://publicsuffix.org), from the npm package psl {version},",
        "// labels in punycode, sorted. Made by tools/psl.py; the list is MPL-2.0.",
    ]
    return "\n".join(header + lines) + "\n"


if __name__ == "__main__":
    text = generate()
    if "--check" in sys.argv[1:]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                sys.exit("extension/psl.dat is not what tools/psl.py makes from the pinned psl package")
        print(f"psl.dat: {text.count(chr(10)) - 2} rules, in step with the pinned package")
    else:
        with open(OUT, "w", encoding="utf-8") as f:
            f.write(text)
