#!/usr/bin/env python3
"""The house's shape, checked: the engine's folders (top-level modules of src/) and the
two wasm crates, with imports as arrows. Fails on a circle across folders, more than
MAX_FLOORS floors, a folder with more than MAX_FILES files, or a file over MAX_LINES
lines (tests aside). `--draw` prints the floors, lowest first, and who imports whom."""
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_FLOORS, MAX_FILES, MAX_LINES = 8, 10, 400
USE = re.compile(r"\b(?:crate|keyshift)::([a-z_]+)")


def is_test(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return path.name in ("tests.rs", "props.rs", "locales_tests.rs") or "tests" in parts[:-1]


def code(text: str) -> str:
    """The file without its `#[cfg(test)] mod tests { … }` block and comments."""
    cut = re.search(r"#\[cfg\([^\]]*test[^\]]*\)\]\s*mod tests \{", text)
    text = text[: cut.start()] if cut else text
    return re.sub(r"//[^\n]*", "", text)


def folders():
    """folder -> its source files (a module `x` is `src/x.rs` and `src/x/`)."""
    out = defaultdict(list)
    for f in sorted((ROOT / "src").rglob("*.rs")):
        if f.name == "lib.rs" or is_test(f):
            continue
        rel = f.relative_to(ROOT / "src")
        out[rel.parts[0].removesuffix(".rs")].append(f)
    # A crate is a folder; a module of it with a folder of its own (`options.rs` and
    # `options/`) is one too, beneath it.
    for crate in sorted((ROOT / "crates").iterdir()):
        src = crate / "src"
        for f in sorted(src.rglob("*.rs")):
            if is_test(f):
                continue
            rel = f.relative_to(src)
            sub = rel.parts[0].removesuffix(".rs") if (src / rel.parts[0].removesuffix(".rs")).is_dir() else None
            out[f"crates/{crate.name}" + (f"/{sub}" if sub else "")].append(f)
    return out


def main() -> int:
    files = folders()
    arrows = defaultdict(set)
    problems = []
    for folder, paths in files.items():
        if len(paths) > MAX_FILES:
            problems.append(f"{folder}: {len(paths)} files (at most {MAX_FILES})")
        for p in paths:
            text = p.read_text()
            lines = len(code(text).splitlines())
            if lines > MAX_LINES:
                problems.append(f"{p.relative_to(ROOT)}: {lines} lines (at most {MAX_LINES}, tests aside)")
            for target in USE.findall(code(text)):
                if target in files and target != folder:
                    arrows[folder].add(target)
    # Floors: a folder stands one above the highest it imports; a circle has no floor.
    floor, state = {}, {}

    def place(f, trail):
        if state.get(f) == "done":
            return floor[f]
        if state.get(f) == "open":
            problems.append("circle: " + " → ".join(trail[trail.index(f):] + [f]))
            return 0
        state[f] = "open"
        floor[f] = 1 + max((place(t, trail + [f]) for t in arrows[f]), default=0)
        state[f] = "done"
        return floor[f]

    for f in files:
        place(f, [])
    floors = max(floor.values())
    if floors > MAX_FLOORS:
        problems.append(f"{floors} floors (at most {MAX_FLOORS})")
    if "--draw" in sys.argv:
        for n in range(1, floors + 1):
            for f in sorted(f for f in files if floor[f] == n):
                below = ", ".join(sorted(arrows[f])) or "—"
                print(f"floor {n}: {f} ({len(files[f])} files) → {below}")
    for p in problems:
        print("house:", p, file=sys.stderr)
    if not problems:
        print(f"house: {len(files)} folders on {floors} floors, no circle, none over {MAX_FILES} files or {MAX_LINES} lines")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
