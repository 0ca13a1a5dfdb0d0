#!/usr/bin/env python3
"""Stamps the one manifest source for a browser (and keeps only that browser's variant of
files named `name.<browser>.ext`), and packs a folder into a zip that is
byte-identical from one build to the next (sorted entries, fixed times and modes).

  tools/pack.py manifest chrome|firefox OUT.json
  tools/pack.py bundle DIR
  tools/pack.py zip DIR OUT.zip
"""
import copy
import json
import os
import sys
import tomllib
import zipfile

GECKO_ID = "keyshift@keyshift.dev"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def version():
    with open(os.path.join(ROOT, "Cargo.toml"), "rb") as f:
        return tomllib.load(f)["package"]["version"]


def manifest(browser):
    with open(os.path.join(ROOT, "manifest.json")) as f:
        m = json.load(f)
    m = copy.deepcopy(m)
    m["version"] = version()
    if browser == "chrome":
        # Chrome runs the background as a module service worker.
        m["background"].pop("scripts", None)
    elif browser == "firefox":
        # Firefox runs it as an event page, whose DOM reaches the clipboard itself: no
        # offscreen document, so neither its permission nor its files ship.
        m["background"].pop("service_worker", None)
        m["permissions"].remove("offscreen")
        m.pop("minimum_chrome_version", None)
        m["browser_specific_settings"] = {
            "gecko": {
                "id": GECKO_ID,
                # 140 is the first ESR that reads data_collection_permissions.
                "strict_min_version": "140.0",
                "data_collection_permissions": {"required": ["none"]},
            },
            # ...and Android reads it from 142.
            "gecko_android": {"strict_min_version": "142.0"},
        }
    else:
        raise SystemExit(f"unknown browser {browser!r}")
    return m


BROWSERS = ("chrome", "firefox")


def specialise(folder, browser):
    """`name.<browser>.ext` ships as `name.ext` in that browser's build only."""
    for base, _, files in os.walk(folder):
        for f in files:
            stem, _, rest = f.partition(".")
            target, _, ext = rest.partition(".")
            if target in BROWSERS and ext:
                path = os.path.join(base, f)
                if target == browser:
                    os.replace(path, os.path.join(base, f"{stem}.{ext}"))
                else:
                    os.remove(path)


# The content script's parts, in order. They share one closure in the shipped
# content.js, so nothing they share is a global a page's markup could clobber.
# fields.js is shared with the popup (which injects it on other sites): bundled in, and
# shipped on its own too.
CONTENT_PARTS = ("../fields.js", "read.js", "visible.js", "landmarks.js", "notes.js", "guard.js", "form.js", "pages.js", "main.js")


def bundle(folder):
    """Joins DIR/content/*.js into DIR/content.js (one closure) and drops the parts."""
    parts = os.path.join(folder, "content")
    body = []
    for name in CONTENT_PARTS:
        with open(os.path.join(parts, name), encoding="utf-8") as f:
            body.append(f"// ---- {os.path.normpath(os.path.join('content', name))}\n" + f.read().replace("// @ts-check\n", "", 1))
    # The engine's reading filter, as data (a Rust test keeps reading.json in step).
    with open(os.path.join(parts, "reading.json"), encoding="utf-8") as f:
        reading = json.dumps(json.load(f), ensure_ascii=False)
    # The content script's one table of caps (a Rust test keeps caps.json within the
    # engine's limits).
    with open(os.path.join(parts, "caps.json"), encoding="utf-8") as f:
        caps = json.dumps(json.load(f), ensure_ascii=False)
    with open(os.path.join(folder, "content.js"), "w", encoding="utf-8") as f:
        f.write("// Keyshift's content script, joined at build time from extension/content/.\n")
        f.write("(() => {\n'use strict';\n")
        f.write(f"/** What to read closely: the engine's scan::READING. @type {{import('./pkg/keyshift.js').Reading}} */\nconst READING = {reading};\n")
        f.write(f"/** How much the content script reads at most: the engine's snapshot::limits::CONTENT. */\nconst CAPS = {caps};\n")
        f.write("\n".join(body) + "})();\n")
    for name in os.listdir(parts):
        os.remove(os.path.join(parts, name))
    os.rmdir(parts)


def pack(folder, out):
    names = []
    for base, dirs, files in os.walk(folder):
        dirs.sort()
        names += [os.path.join(base, f) for f in sorted(files)]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in sorted(names, key=lambda p: os.path.relpath(p, folder)):
            info = zipfile.ZipInfo(os.path.relpath(path, folder).replace(os.sep, "/"), date_time=(1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as f:
                z.writestr(info, f.read(), compresslevel=9)


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    if cmd == "manifest":
        with open(args[1], "w") as f:
            json.dump(manifest(args[0]), f, indent=2)
            f.write("\n")
        specialise(os.path.dirname(args[1]), args[0])
    elif cmd == "bundle":
        bundle(args[0])
    elif cmd == "zip":
        pack(*args)
    elif cmd == "version":
        print(version())
    else:
        raise SystemExit(__doc__)
