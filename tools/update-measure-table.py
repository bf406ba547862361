#!/usr/bin/env python3
"""Rewrites the measure table at the end of docs/output-format.md from the engine's
list of measures (engine/model/measures.hpp). A test checks that they agree."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
source = (ROOT / "engine/model/measures.hpp").read_text(encoding="utf-8")
entries = re.findall(r'\{Measure::(\w+), "(\w+)", "([^"]+)", ([SF]), [TD], [CR], ([AX]),\s*((?:"[^"]*"\s*)+)\}',
                     source)
if not entries:
    raise SystemExit("no measures found in engine/model/measures.hpp: has the table's layout changed?")
rows = []
for _, name, units, kind, total, description in entries:
    text = "".join(re.findall(r'"([^"]*)"', description))
    rows.append(f"| `{name}` | {units} | {'snapshot' if kind == 'S' else 'flow'} | {'summed' if total == 'A' else '—'} "
                f"| {text} |")
doc_path = ROOT / "docs/output-format.md"
doc = doc_path.read_text(encoding="utf-8")
start = doc.index("| measure | units | kind |")
end = doc.find("\n\n", start)  # the table ends at the first blank line; sections after it stay
end = len(doc) if end < 0 else end + 1
table = ("| measure | units | kind | over the run | meaning |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows)
         + "\n")
doc_path.write_text(doc[:start] + table + doc[end:], encoding="utf-8")
print(f"{len(rows)} measures written to docs/output-format.md")
