#!/usr/bin/env python3
"""Lines per function in src/ (non-test code): count, median, p90, max, and the longest.

A function runs from its `fn` line to the line of its closing brace, found by counting
braces outside strings, chars and comments (good enough for a figure, not a parser).

    scripts/fnsize.py [SRC_DIR]
"""

import re
import sys
from pathlib import Path

FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?(const\s+)?(async\s+)?(unsafe\s+)?fn\s+(\w+)")


def strip(line: str) -> str:
    line = re.sub(r'"(\\.|[^"\\])*"', '""', line)
    line = re.sub(r"'(\\.|[^'\\])'", "''", line)
    return line.split("//")[0]


def functions(path: Path):
    lines = path.read_text().split("#[cfg(test)]")[0].splitlines()
    i = 0
    while i < len(lines):
        m = FN.match(lines[i])
        if not m:
            i += 1
            continue
        depth, opened, j = 0, False, i
        while j < len(lines):
            code = strip(lines[j])
            if not opened and ";" in code and "{" not in code:
                break  # a declaration without a body
            depth += code.count("{") - code.count("}")
            opened = opened or "{" in code
            if opened and depth <= 0:
                yield m.group(6), j - i + 1, f"{path}:{i + 1}"
                break
            j += 1
        i += 1


def main() -> None:
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    found = []
    for p in sorted(root.rglob("*.rs")):
        if p.name == "tests.rs" or p.name.endswith("_tests.rs"):
            continue
        found.extend(functions(p))
    sizes = sorted(n for _, n, _ in found)
    pick = lambda q: sizes[min(len(sizes) - 1, int(q * len(sizes)))]
    print(f"functions: {len(sizes)}; median {pick(0.5)}; p90 {pick(0.9)}; max {sizes[-1]}; "
          f"over 50 lines: {sum(n > 50 for n in sizes)}")
    for name, n, where in sorted(found, key=lambda f: -f[1])[:5]:
        print(f"  {n:4} {name} ({where})")


if __name__ == "__main__":
    main()
