#!/usr/bin/env python3
"""Rewrites the measure table at the end of docs/output-format.md from the engine's
list of measures (engine/model/measures.hpp). A test checks that they agree.

    /usr/bin/python3 tools/update-measure-table.py [--check]

--check writes nothing: it exits 1 if the table differs from the engine's list, 0 if
not. Without it the table is replaced (the rest of the document is kept), written
whole to a temporary file and renamed over the old one.
"""
import argparse
import os
import pathlib
import re
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def table_rows():
    source = (ROOT / "engine/model/measures.hpp").read_text(encoding="utf-8")
    entries = re.findall(r'\{Measure::(\w+), "(\w+)", "([^"]+)", ([SF]), [TD], [CR], ([AX]),\s*((?:"[^"]*"\s*)+)\}',
                         source)
    if not entries:
        raise SystemExit("update-measure-table.py: no measures found in engine/model/measures.hpp: has the table's "
                         "layout changed?")
    rows = []
    for _, name, units, kind, total, description in entries:
        text = "".join(re.findall(r'"([^"]*)"', description))
        rows.append(f"| `{name}` | {units} | {'snapshot' if kind == 'S' else 'flow'} | "
                    f"{'summed' if total == 'A' else '—'} | {text} |")
    return rows


def with_table(doc, rows):
    start = doc.index("| measure | units | kind |")
    end = doc.find("\n\n", start)  # the table ends at the first blank line; sections after it stay
    end = len(doc) if end < 0 else end + 1
    table = ("| measure | units | kind | over the run | meaning |\n| --- | --- | --- | --- | --- |\n" + "\n".join(rows)
             + "\n")
    return doc[:start] + table + doc[end:]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the table is out of date")
    args = parser.parse_args()
    doc_path = ROOT / "docs/output-format.md"
    doc = doc_path.read_text(encoding="utf-8")
    rows = table_rows()
    updated = with_table(doc, rows)
    if args.check:
        if updated != doc:
            print("update-measure-table.py: docs/output-format.md's measure table differs from "
                  "engine/model/measures.hpp: run this without --check", file=sys.stderr)
            return 1
        print(f"{len(rows)} measures, as engine/model/measures.hpp lists them")
        return 0
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=doc_path.parent, prefix=".output-format.",
                                     suffix=".partial", delete=False) as out:
        try:
            out.write(updated)
            out.close()
            os.chmod(out.name, doc_path.stat().st_mode & 0o7777)  # the document's own mode, not the temporary's 0600
            os.replace(out.name, doc_path)
        except BaseException:
            if os.path.exists(out.name):
                os.unlink(out.name)  # no partial document left beside the real one
            raise
    print(f"{len(rows)} measures written to docs/output-format.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
