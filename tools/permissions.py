#!/usr/bin/env python3
"""Every permission a shipped manifest asks for is used and explained.

  tools/permissions.py dist/chrome dist/firefox

For each package: every API permission (required or optional) is called as
`chrome.<name>` by that package's own scripts (the clipboard ones are used through the
clipboard, so by the clipboard code), and every permission and host pattern has a row
in README.md's permission table. Exits non-zero with the list of what is not.
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Permissions used through a web API rather than `chrome.<name>`, and where.
USED_THROUGH = {
    "clipboardRead": ("execCommand('paste')", "clipboard.readText("),
    "clipboardWrite": ("execCommand('copy')", "clipboard.writeText(''"),
    # What lets the popup's scripting.executeScript reach the tab it was opened over.
    "activeTab": ("chrome.scripting.executeScript",),
}


def scripts(folder):
    out = {}
    for base, _, files in os.walk(folder):
        for f in files:
            # The engine's bindings (pkg/keyshift.js) hold the chrome.* calls the Rust
            # pages make; the rest of pkg is wasm.
            if f.endswith(".js"):
                with open(os.path.join(base, f), encoding="utf-8") as fh:
                    out[f] = fh.read()
    return out


def problems(folder, readme):
    with open(os.path.join(folder, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    code = scripts(folder)
    everything = "\n".join(code.values())
    first_cells = re.findall(r"^\|([^|]*)\|", readme, re.M)
    table = {name for cell in first_cells for name in re.findall(r"`([^`]+)`", cell)}
    found = []
    for perm in manifest.get("permissions", []) + manifest.get("optional_permissions", []):
        if perm in USED_THROUGH:
            needles = USED_THROUGH[perm]
            if not any(n in everything for n in needles):
                found.append(f"{folder}: {perm} is never used (looked for {needles})")
        elif f"chrome.{perm}." not in everything:
            found.append(f"{folder}: {perm} is never used (no chrome.{perm}.* call)")
        if perm not in table:
            found.append(f"{folder}: {perm} has no row in README's permission table")
    for host in manifest.get("host_permissions", []) + manifest.get("optional_host_permissions", []):
        if host not in readme:
            found.append(f"{folder}: host access {host} is not explained in README")
    return found


if __name__ == "__main__":
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    found = [p for folder in sys.argv[1:] for p in problems(folder, readme)]
    for p in found:
        print(p)
    if found:
        sys.exit(1)
    print(f"permissions: every permission in {', '.join(sys.argv[1:])} is used and explained")
