#!/usr/bin/env python3
"""Lists the C++ functions and files over a size limit (docs/development.md):
functions defined at namespace level, counted from their opening line to their closing
brace, and whole files. A rough reader, not a parser: it follows braces from each line
that opens a function definition at column 0 (this code base's clang-format style).

    /usr/bin/python3 tools/function-sizes.py [--function-lines 60] [--file-lines 600] [DIR...]
"""
import argparse
import pathlib
import re
import sys

OPENS = re.compile(r"^(?!namespace|class|struct|enum|union|static_assert|using|template\s*<[^>]*>\s*(class|struct))"
                   r"[A-Za-z_].*\)\s*(const)?\s*(noexcept)?\s*(override)?\s*(->\s*[\w:<>]+\s*)?\{\s*$")


LITERALS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'')


def _code_of(line):
    """A line without its string and character literals and its // comment: a brace
    inside "{[:" or '}' is not one the code opens or closes."""
    return LITERALS.sub('""', line).split("//", 1)[0]


def functions(path):
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        start = i
        # A signature may run over several lines: join until the opening brace.
        if re.match(r"^[A-Za-z_].*\(", line) and not line.rstrip().endswith(";"):
            j = i
            text = line
            while not text.rstrip().endswith("{") and not text.rstrip().endswith(";") and j + 1 < len(lines) and j - i < 6:
                j += 1
                text += " " + lines[j].strip()
            if OPENS.match(text):
                depth = 0
                k = j
                for k in range(i, len(lines)):
                    code = _code_of(lines[k])
                    depth += code.count("{") - code.count("}")
                    if depth == 0 and k >= j:
                        break
                yield line.strip()[:90], start + 1, k - start + 1
                i = k
        i += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    # The repository's engine wherever the tool is run from: a relative default found
    # no files from another folder and reported 0 over the limits.
    root = pathlib.Path(__file__).resolve().parent.parent
    parser.add_argument("dirs", nargs="*", default=[str(root / "engine")])
    parser.add_argument("--function-lines", type=int, default=60)
    parser.add_argument("--file-lines", type=int, default=600)
    args = parser.parse_args()
    if args.function_lines < 1 or args.file_lines < 1:
        parser.error("--function-lines and --file-lines take a number of lines, 1 or more")
    files = []
    for d in args.dirs:
        if not pathlib.Path(d).is_dir():
            parser.error(f"{d} is not a folder")
        files += sorted(pathlib.Path(d).rglob("*.[ch]pp"))
    if not files:
        parser.error(f"no .cpp or .hpp files under {', '.join(args.dirs)}: nothing to measure")
    over = 0
    for path in files:
        n = len(path.read_text(encoding="utf-8", errors="replace").splitlines())
        if n > args.file_lines:
            print(f"{path}: {n} lines (file)")
            over += 1
        for name, line, length in functions(path):
            if length > args.function_lines:
                print(f"{path}:{line}: {length} lines: {name}")
                over += 1
    print(f"{over} over the limits")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
