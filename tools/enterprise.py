#!/usr/bin/env python3
"""Checks enterprise/: the deployment script writes exactly the settings the policy schema
(extension/managed_schema.json) has, within the schema's bounds, for both Chrome and Edge.
(No PowerShell runs here; the script is read as text, the way a reviewer would.)
Run: python3 tools/enterprise.py"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    schema = json.loads((ROOT / "extension/managed_schema.json").read_text())["properties"]
    script = (ROOT / "enterprise/Deploy-Keyshift.ps1").read_text()
    problems = []
    table = re.search(r"\$Settings = \[ordered\]@\{(.*?)\n\}", script, re.S)
    written = set(re.findall(r"^\s+(\w+)\s+=", table.group(1), re.M)) if table else set()
    written |= {"extraHosts"} if '"$policy\\extraHosts"' in script else set()
    if written != set(schema):
        problems.append(f"the script writes {sorted(written)}, the schema has {sorted(schema)}")
    for name, spec in schema.items():
        param = name[0].upper() + name[1:]
        if not re.search(rf"\${param}\b", script):
            problems.append(f"no -{param} parameter for {name}")
        if spec["type"] == "integer":
            bound = re.search(rf"\[ValidateRange\((\d+), (\d+)\)\]\[Nullable\[int\]\] \${param}\b", script)
            if not bound or (int(bound[1]), int(bound[2])) != (spec["minimum"], spec["maximum"]):
                problems.append(f"-{param} is not held to {spec['minimum']}..{spec['maximum']}")
        if spec["type"] == "boolean" and not re.search(rf"\[Nullable\[bool\]\] \${param}\b", script):
            problems.append(f"-{param} is not a boolean")
        if spec["type"] == "array":
            count = re.search(rf"\[ValidateCount\(0, (\d+)\)\]\[string\[\]\] \${param}\b", script)
            if not count or int(count[1]) != spec["maxItems"]:
                problems.append(f"-{param} is not held to {spec['maxItems']} entries")
    for root in (r"HKLM:\SOFTWARE\Policies\Google\Chrome", r"HKLM:\SOFTWARE\Policies\Microsoft\Edge"):
        if root not in script:
            problems.append(f"the script never writes {root}")
    if "SupportsShouldProcess = $true" not in script:
        problems.append("the script must support -WhatIf")
    if "-AsHashtable" in script.replace("no ConvertFrom-Json -AsHashtable", ""):
        problems.append("ConvertFrom-Json -AsHashtable does not exist in Windows PowerShell 5.1")
    for p in problems:
        print("enterprise:", p, file=sys.stderr)
    if not problems:
        print(f"enterprise: Deploy-Keyshift.ps1 writes the {len(schema)} settings of the schema, for Chrome and Edge")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
