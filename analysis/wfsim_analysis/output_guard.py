"""What a chart, report or export may replace: never one of its inputs, and without
--force never a file that is not what the command writes (judged by its first
bytes: an HDF5 file, a scenario, or a chart under a report's name)."""

import os
import pathlib

from .results import ResultsError

# The first bytes of what each output kind is; anything else is refused without --force.
_SIGNATURES = {
    ".png": [b"\x89PNG"],
    ".pdf": [b"%PDF"],
    ".svg": [b"<?xml", b"<svg"],
    ".html": [b"<!DOCTYPE html", b"<html"],
    ".xlsx": [b"PK\x03\x04"],
}


def check_output(output, inputs=(), force=False):
    """Raises ResultsError, saying why and what to do, if `output` must not be written."""
    target = pathlib.Path(output)
    for given in inputs:
        if target.exists() and pathlib.Path(given).exists() and os.path.samefile(target, given):
            raise ResultsError(f"refusing to write {output}: it is this command's input; choose another file")
    if not target.exists():
        if not target.parent.is_dir():
            raise ResultsError(f"cannot write {output}: the folder {target.parent} does not exist")
        return
    if not target.is_file():
        raise ResultsError(f"refusing to write {output}: it is a folder, a device or a pipe, not a file")
    if force:
        return
    with open(target, "rb") as f:
        head = f.read(16)
    suffix = target.suffix.lower()
    if suffix in _SIGNATURES:
        expected = any(head.startswith(s) for s in _SIGNATURES[suffix])
    else:  # CSV: text that is not HDF5 or YAML-looking
        expected = not head.startswith(b"\x89HDF") and not head.startswith(b"wfsim:") and b"\0" not in head
    if not expected:
        raise ResultsError(f"refusing to replace {output}: it exists and is not a {suffix or 'text'} file this "
                           "command writes; choose another name, or give --force")
