#!/usr/bin/env python3
"""Whether results files hold the same results: every dataset and attribute, bit for
bit, as tools/golden.py dumps them (timings, thread counts, command lines and creation
times left out). Exit 0 if all files match the first, 1 with the first differences
otherwise.

    same_results.py A.h5 B.h5 [C.h5 ...]
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import golden  # noqa: E402


def main():
    files = sys.argv[1:]
    reference = golden.dump(files[0])
    failed = False
    for other in files[1:]:
        lines = golden.dump(other)
        if lines != reference:
            failed = True
            print(f"{other} differs from {files[0]}:")
            print("\n".join(golden.first_differences(reference, lines)))
        else:
            print(f"{other}: the same as {files[0]} ({len(lines)} lines of datasets and attributes)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
