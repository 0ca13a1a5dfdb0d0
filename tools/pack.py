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
import re
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


# The content script's modules, in the order the shipped content.js runs them (what a
# module's top level reads must come first). Each is an ES module with explicit imports
# (`extension/content/*.js`, run as modules by the content script's own tests); the build
# joins them into one classic script inside one closure, so nothing they share is a global
# a page's markup could clobber. `tables.js` becomes the engine's tables as constants.
# fields.js is shared with the popup (which injects it on other sites): bundled in, and
# shipped on its own too, as a classic script.
CONTENT_PARTS = ("tables.js", "../fields.js", "read.js", "visible.js", "landmarks.js", "notes.js", "guard.js",
                 "form.js", "pages.js", "place.js", "main.js")

IMPORT = re.compile(r"^import \{([^}]*)\} from '([^']+)';\n", re.M)
EXPORT = re.compile(r"^export (?=(?:async )?(?:function\*?|const|let|class) )", re.M)
DECLARED = re.compile(r"^(?:export )?(?:async )?(?:function\*?|const|let|var|class) ([A-Za-z_$][\w$]*)", re.M)


def modules(parts):
    """name -> (source, imports [(module, [names])], exports {names}, declared {names})."""
    out = {}
    for name in CONTENT_PARTS:
        with open(os.path.join(parts, name), encoding="utf-8") as f:
            text = f.read()
        imports = [(os.path.normpath(os.path.join(os.path.dirname(name), mod)), [n.strip() for n in names.split(",") if n.strip()])
                   for names, mod in IMPORT.findall(text)]
        exports = set(re.findall(r"^export (?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)", text, re.M))
        out[os.path.normpath(name)] = (text, imports, exports, set(DECLARED.findall(text)))
    return out


def check(mods):
    """Every import names a part and something it exports; every export is imported; no
    two parts declare one name (they share one scope once joined)."""
    problems, imported, owner = [], set(), {}
    for name, (_, imports, _, declared) in mods.items():
        for mod, names in imports:
            if mod not in mods:
                problems.append(f"{name} imports {mod}, which is not a part of the content script")
                continue
            for n in names:
                imported.add((mod, n))
                if n not in mods[mod][2]:
                    problems.append(f"{name} imports {n} from {mod}, which does not export it")
        for n in declared:
            if n in owner:
                problems.append(f"{n} is declared by both {owner[n]} and {name}")
            owner[n] = name
    for name, (_, _, exports, _) in mods.items():
        problems += [f"{name} exports {n}, which no part imports" for n in sorted(exports) if (name, n) not in imported]
    if problems:
        raise SystemExit("content script modules:\n  " + "\n  ".join(problems))


def classic(text):
    """A module's text as part of a classic script: no imports, no `export`."""
    return EXPORT.sub("", IMPORT.sub("", text.replace("// @ts-check\n", "", 1)))


def bundle(folder):
    """Joins DIR/content/*.js into DIR/content.js (one closure) and drops the parts;
    DIR/fields.js becomes a classic script."""
    parts = os.path.join(folder, "content")
    mods = modules(parts)
    check(mods)
    body = []
    for name in CONTENT_PARTS:
        if name == "tables.js":
            continue
        body.append(f"// ---- {os.path.normpath(os.path.join('content', name))}\n" + classic(mods[os.path.normpath(name)][0]))
    # The engine's reading filter and the content script's caps, as data (Rust tests keep
    # reading.json in step with scan::READING and caps.json with snapshot::limits::CONTENT).
    with open(os.path.join(parts, "reading.json"), encoding="utf-8") as f:
        reading = json.dumps(json.load(f), ensure_ascii=False)
    with open(os.path.join(parts, "caps.json"), encoding="utf-8") as f:
        caps = json.dumps(json.load(f), ensure_ascii=False)
    with open(os.path.join(folder, "content.js"), "w", encoding="utf-8") as f:
        f.write("// Keyshift's content script, joined at build time from extension/content/.\n")
        f.write("(() => {\n'use strict';\n")
        f.write(f"/** What to read closely: the engine's scan::READING. @type {{import('./pkg/keyshift.js').Reading}} */\nconst READING = {reading};\n")
        f.write(f"/** How much the content script reads at most: the engine's snapshot::limits::CONTENT. */\nconst CAPS = {caps};\n")
        f.write("\n".join(body) + "})();\n")
    fields = os.path.join(folder, "fields.js")
    with open(fields, encoding="utf-8") as f:
        text = f.read()
    with open(fields, "w", encoding="utf-8") as f:
        f.write(EXPORT.sub("", text))
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
