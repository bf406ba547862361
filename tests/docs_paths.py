#!/usr/bin/env python3
"""Every repository file the documents name by path or link to exists: a scenario, tool, data
file or benchmark in a command that an analyst copies must be there to run
(docs/cluster.md once named scenarios/england.yaml, which never existed).

    docs_paths.py REPOSITORY_ROOT
"""
import glob
import os
import re
import sys

# Paths under these folders, with a file suffix, as the documents write them.
NAMED = re.compile(r"(?<![\w./-])((?:scenarios|tools|data|bench|tests|analysis|engine)/[\w./-]*\w\.(?:yaml|yml|py|sh|csv|cpp|hpp|md|txt))\b")

LINK = re.compile(r"\]\(([^)\s]+)\)")


def main(root):
    documents = [os.path.join(root, "README.md"), os.path.join(root, "analysis", "README.md")]
    documents += sorted(glob.glob(os.path.join(root, "docs", "*.md")))
    missing, checked = [], 0
    for document in documents:
        with open(document, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                for path in NAMED.findall(line):
                    checked += 1
                    if not os.path.exists(os.path.join(root, path)):
                        missing.append(f"{os.path.relpath(document, root)}:{number}: {path}")
                # A link's target, from the document's own folder.
                for target in LINK.findall(line):
                    path = target.split("#")[0]
                    if not path or "://" in path or path.startswith("mailto:"):
                        continue
                    checked += 1
                    if not os.path.exists(os.path.join(os.path.dirname(document), path)):
                        missing.append(f"{os.path.relpath(document, root)}:{number}: link to {target}")
    for m in missing:
        print(f"missing: {m}")
    print(f"{len(documents)} documents, {checked} paths named; {len(missing)} missing")
    if checked == 0:
        print("no path was found to check: the patterns no longer match the documents")
    return 1 if missing or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
