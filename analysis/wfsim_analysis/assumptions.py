"""The assumptions a scenario declares: every comment that says ASSUMPTION, whole.

A comment block (consecutive comment lines) or a comment at the end of a line is
taken whole, not line by line, and paired with the key it annotates: the key on its
own line, or the first key after the block. "see above" and the like are kept, as
they point to the block before.
"""

import re

_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _key_of(line):
    match = _KEY.match(line)
    return match.group(1) if match else ""


def assumptions(scenario_text):
    """[(key, text)] for every comment in the scenario that declares an ASSUMPTION."""
    found = []
    block = []
    block_starts_file = False
    for number, line in enumerate(scenario_text.splitlines() + [""]):
        stripped = line.strip()
        if stripped.startswith("#"):
            block_starts_file = block_starts_file or (number == 0 and not block)
            block.append(stripped.lstrip("#").strip())
            continue
        key = _key_of(line)
        if block:
            text = " ".join(part for part in block if part)
            if "ASSUMPTION" in text:
                # The file's opening comment describes the whole scenario.
                found.append(("(the scenario)" if block_starts_file or not key else key, text))
            block = []
            block_starts_file = False
        if "#" in line and not stripped.startswith("#"):
            comment = line.split("#", 1)[1].strip()
            if "ASSUMPTION" in comment:
                found.append((key, comment))
    return found
