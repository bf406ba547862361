"""What a chart, report or export may replace: never one of its inputs, and without
--force never a file that is not what the command writes (judged by its first
bytes: an HDF5 file, a scenario, or a chart under a report's name)."""

import contextlib
import os
import pathlib
import tempfile

from .results import ResultsError

# The first bytes of what each output kind is; anything else is refused without --force.
_SIGNATURES = {
    ".png": [b"\x89PNG"],
    ".pdf": [b"%PDF"],
    ".svg": [b"<?xml", b"<svg"],
    ".svgz": [b"\x1f\x8b"],
    ".jpg": [b"\xff\xd8\xff"],
    ".jpeg": [b"\xff\xd8\xff"],
    ".tif": [b"II*\x00", b"MM\x00*"],
    ".tiff": [b"II*\x00", b"MM\x00*"],
    ".webp": [b"RIFF"],
    ".eps": [b"%!PS"],
    ".ps": [b"%!PS"],
    ".html": [b"<!DOCTYPE html", b"<html"],
    ".xlsx": [b"PK\x03\x04"],
}

# Told each temporary path `replacing` creates, before anything is written to it. The
# command line's crash guard (damaged_input.crash_guarded) sets it in the process that
# writes, so that a crash there leaves no partial file behind.
announce_temporary = None


def check_not_input(output, inputs):
    """Raises ResultsError if `output` is one of the command's `inputs`."""
    target = pathlib.Path(output)
    for given in inputs:
        if target.exists() and pathlib.Path(given).exists() and os.path.samefile(target, given):
            raise ResultsError(f"refusing to write {output}: it is this command's input; choose another file")


def check_chart_name(output):
    """Raises ResultsError unless `output` ends in the suffix of an image format that
    matplotlib writes (it takes the format from the suffix)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    # The formats whose files are known by their first bytes (so that a chart replaces
    # its own kind on the next run) and that matplotlib writes without LaTeX (not .pgf)
    # or headers (not .raw, .rgba).
    formats = sorted(f for f in FigureCanvasAgg(Figure()).get_supported_filetypes() if f".{f}" in _SIGNATURES)
    suffix = pathlib.Path(output).suffix.lower()
    if suffix[1:] not in formats:
        found = f"{suffix} is not an image format" if suffix else "it has no suffix"
        raise ResultsError(f"cannot write {output}: a chart's name ends in the suffix of its image format, such as "
                           f".png, .svg or .pdf, and {found} (charts are written as {', '.join('.' + f for f in formats)})")


def check_output(output, inputs=(), force=False, writes=None):
    """Raises ResultsError, saying why and what to do, if `output` must not be written.

    `writes` is the kind of file the command writes ("csv", "xlsx" or "html"); by
    default the output name's suffix says it (a chart, whose format matplotlib takes
    from the suffix). An existing file is replaced without --force only if it is of
    that kind: an export named chart.png must not replace a chart with a CSV."""
    check_not_input(output, inputs)
    target = pathlib.Path(output)
    if not target.exists():
        if not target.parent.is_dir():
            raise ResultsError(f"cannot write {output}: the folder {target.parent} does not exist")
        return
    if not target.is_file():
        raise ResultsError(f"refusing to write {output}: it is a folder, a device or a pipe, not a file")
    if target.is_symlink() and not force:
        raise ResultsError(f"refusing to write {output}: it is a link (to {os.readlink(target)}); write to the "
                           "file itself, or give --force to replace the link with a file")
    if force:
        return
    # A file nobody may write to was protected on purpose (as wfsim judges it: root
    # could replace it anyway, so the mode is read rather than access() asked).
    if target.stat().st_mode & 0o222 == 0:
        raise ResultsError(f"refusing to replace {output}: it is write-protected; choose another name, or give "
                           "--force to replace it")
    with open(target, "rb") as f:
        head = f.read(16)
    kind = f".{writes}" if writes else target.suffix.lower()
    if kind in _SIGNATURES:
        expected = any(head.startswith(s) for s in _SIGNATURES[kind])
    else:  # CSV: only one this package wrote (its header starts "measure,")
        expected = head.startswith(b"measure,")
    if not expected:
        raise ResultsError(f"refusing to replace {output}: it exists and is not a {kind or 'text'} file this "
                           "command writes; choose another name, or give --force")


@contextlib.contextmanager
def replacing(output):
    """A temporary path beside `output` (same suffix, so writers pick the same format)
    that replaces `output` only once written whole; removed if writing fails, so a
    good file is never left cut off."""
    target = pathlib.Path(output)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.partial-", suffix=target.suffix,
                                         dir=target.parent if str(target.parent) else ".")
    os.close(handle)
    if announce_temporary is not None:
        announce_temporary(temporary)
    try:
        yield temporary
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp's 0600 would hide the result from colleagues
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
