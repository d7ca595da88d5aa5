#!/usr/bin/env python3
"""The top-level module graph of src/, and a check that it runs one way.

Every `crate::NAME` path in the library's non-test code (comments aside) is an edge from the module of
the file (src/NAME/... or src/NAME.rs) to NAME. Test code (files named tests.rs or
*_tests.rs, and everything after a `#[cfg(test)]`) is left out: tests may reach across.

The layers (docs/architecture.md) say which way an edge may go. An edge that goes up a
layer is a knot: it is an error unless listed in KNOTS below, the edges that still have
to be untied. Any cycle among the modules is an error unless every one of its edges up
is listed. A listed knot that is gone is reported, so that the list only shrinks.

    scripts/modgraph.py            # check (exit 1 on a new knot or cycle)
    scripts/modgraph.py --dot      # the graph, for `dot -Tsvg`
    scripts/modgraph.py --summary  # edges, knots and cycles, for the closing note
"""

import re
import sys
from pathlib import Path

# From the bottom up; a module may use its own layer's leaves and anything lower.
LAYERS = [
    ["settings", "body", "metrics", "client_ip", "pages", "workers"],
    ["tls", "upstream", "guard", "sanitize", "audit", "cluster", "cache"],
    ["config", "proxy"],
    ["server", "admin", "demo", "scan"],
    ["runtime"],
]

# Edges up a layer still to be untied. Empty since issue 16 untied the last ones; never add
# one: pass a trait object, a closure or a handle down instead (docs/architecture.md).
KNOTS: set = set()

ROOT = Path(__file__).resolve().parent.parent / "src"
PATH = re.compile(r"\bcrate::([a-z_][a-z0-9_]*)")
BINARY = {"main", "cli", "scan_cmd"}


def module_of(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def edges() -> dict:
    graph = {}
    for path in sorted(ROOT.rglob("*.rs")):
        name = path.name
        module = module_of(path)
        if module in BINARY or module == "lib":
            continue
        if name == "tests.rs" or name.endswith("_tests.rs"):
            continue
        code = path.read_text().split("#[cfg(test)]")[0]
        # Doc links (`[x](crate::y)`) are not uses.
        code = "\n".join(l for l in code.splitlines() if not l.lstrip().startswith("//"))
        for target in PATH.findall(code):
            if target != module:
                graph.setdefault(module, {}).setdefault(target, str(path.relative_to(ROOT)))
    return graph


def layer_of(module: str) -> int:
    for i, layer in enumerate(LAYERS):
        if module in layer:
            return i
    return len(LAYERS)  # unknown modules sit on top until placed


def cycles(graph: dict) -> list:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(set(graph) | {w for ws in graph.values() for w in ws}):
        if v not in index:
            visit(v)
    return out


def main() -> int:
    graph = edges()
    if "--dot" in sys.argv:
        print("digraph modules {")
        for a, targets in sorted(graph.items()):
            for b in sorted(targets):
                style = ' [color=red]' if layer_of(b) > layer_of(a) else ""
                print(f"  {a} -> {b}{style};")
        print("}")
        return 0
    up = {(a, b) for a, ts in graph.items() for b in ts if layer_of(b) > layer_of(a)}
    new = sorted(up - KNOTS)
    gone = sorted(KNOTS - up)
    without_knots = {a: {b: f for b, f in ts.items() if (a, b) not in KNOTS} for a, ts in graph.items()}
    loops = cycles(without_knots)
    if "--summary" in sys.argv:
        n = sum(len(t) for t in graph.values())
        print(f"edges: {n}; edges up a layer (knots): {len(up)}")
        for comp in cycles(graph):
            print(f"cycle: {' '.join(comp)}")
        if not cycles(graph):
            print("no cycle")
    for a, b in new:
        print(f"modgraph: new edge up a layer: {a} -> {b} (in src/{graph[a][b]}); "
              "pass a handle down instead (docs/architecture.md)")
    for comp in loops:
        print(f"modgraph: cycle among {', '.join(comp)}")
    for a, b in gone:
        print(f"modgraph: knot {a} -> {b} is untied: remove it from KNOTS in scripts/modgraph.py")
    return 1 if new or loops else 0


if __name__ == "__main__":
    sys.exit(main())
