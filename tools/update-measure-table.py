#!/usr/bin/env python3
"""Rewrites the measure table at the end of docs/output-format.md from the engine's
list of measures (engine/model/measures.cpp). A test checks that they agree."""
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parent.parent
source = (ROOT / "engine/model/measures.cpp").read_text()
entries = re.findall(r'\{Measure::(\w+), "(\w+)", "([^"]+)", ([SF]),\s*((?:"[^"]*"\s*)+)\}', source)
rows = []
for _, name, units, kind, description in entries:
    text = "".join(re.findall(r'"([^"]*)"', description))
    rows.append(f"| `{name}` | {units} | {'snapshot' if kind == 'S' else 'flow'} | {text} |")
doc_path = ROOT / "docs/output-format.md"
doc = doc_path.read_text()
start = doc.index("| measure | units | kind | meaning |")
doc_path.write_text(doc[:start] + "| measure | units | kind | meaning |\n| --- | --- | --- | --- |\n" + "\n".join(rows) + "\n")
print(f"{len(rows)} measures written to docs/output-format.md")
