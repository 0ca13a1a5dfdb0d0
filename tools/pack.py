#!/usr/bin/env python3
"""Stamps the one manifest source for a browser, and packs a folder into a zip that is
byte-identical from one build to the next (sorted entries, fixed times and modes).

  tools/pack.py manifest chrome OUT.json
  tools/pack.py zip DIR OUT.zip
"""
import copy
import json
import os
import sys
import tomllib
import zipfile

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
    else:
        raise SystemExit(f"unknown browser {browser!r}")
    return m


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
    elif cmd == "zip":
        pack(*args)
    elif cmd == "version":
        print(version())
    else:
        raise SystemExit(__doc__)
