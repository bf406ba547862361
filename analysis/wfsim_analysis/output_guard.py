"""What a chart, report or export may replace: never one of its inputs, and without
--force never a file this package did not write. Each chart, report and workbook
carries the mark WRITER (a chart in its format's own metadata, a report in its
generator tag, a workbook as its creator) and a CSV export its own header, so that a
colleague's page, workbook or logo under the same name is refused, not replaced."""

import contextlib
import errno
import gzip
import hashlib
import io
import os
import pathlib
import re
import secrets
import signal
import socket
import tempfile
import zipfile
import zlib

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

# The mark this package's charts, reports and workbooks carry.
WRITER = "wfsim-analysis"
# Read at most this much of an existing file to find the mark (charts are far smaller).
_MOST_BYTES = 64 * 1024 * 1024
HTML_GENERATOR = f'<meta name="generator" content="{WRITER}">'


def chart_marks(output):
    """savefig's keywords that put WRITER into a chart of `output`'s format."""
    suffix = pathlib.Path(output).suffix.lower()
    if suffix == ".png":
        return {"metadata": {"Software": WRITER}}
    if suffix in (".svg", ".svgz", ".pdf", ".eps", ".ps"):
        return {"metadata": {"Creator": WRITER}}
    if suffix in (".tif", ".tiff"):
        return {"pil_kwargs": {"tiffinfo": {305: WRITER}}}  # TIFF's Software tag
    if suffix in (".jpg", ".jpeg", ".webp"):
        from PIL import Image

        exif = Image.Exif()
        exif[305] = WRITER  # Exif's Software tag
        return {"pil_kwargs": {"exif": exif.tobytes()}}
    return {}


def _written_here(target, kind):
    """Whether the existing file `target` is one this package wrote as `kind` (a suffix).
    A damaged or outsized file is not: at most _MOST_BYTES are read or inflated."""
    try:
        if kind == ".xlsx":
            with zipfile.ZipFile(target) as book, book.open("docProps/core.xml") as member:
                core = member.read(_MOST_BYTES)
            return re.search(rb"<dc:creator(\s[^>]*)?>" + WRITER.encode() + rb"</dc:creator>", core) is not None
        with open(target, "rb") as f:
            content = f.read(_MOST_BYTES)
        if kind in (".html", ".htm"):
            return HTML_GENERATOR.encode() in content[:4096]
        if kind in _SIGNATURES:
            if not any(content.startswith(s) for s in _SIGNATURES[kind]):
                return False
            if kind == ".svgz":
                with gzip.open(target) as inflated:
                    content = inflated.read(_MOST_BYTES)
            return WRITER.encode() in content
        return content.startswith(b"measure,units,")  # a CSV export's header
    except (OSError, KeyError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error,
            zipfile.BadZipFile):
        # Damaged (a bad deflate stream, an encrypted or oddly compressed member): not ours.
        return False


def _saved_since(book):
    """Who saved a workbook this package wrote, and when, if anyone has since, as words
    ("by Jane Smith, 2026-12-08T10:12:00Z"); None if nobody. An analyst's notes added in
    Excel were lost to the next export: the workbook still bore the package's mark.
    A workbook sealed by seal_workbook is judged by its seal: any sheet, style or part
    changed since, by Excel, LibreOffice or openpyxl (which keeps the times and names
    no author), breaks it. One written before the seal (2026-12-07) is judged by its
    core properties: created and modified at one instant, no last author."""
    try:
        with zipfile.ZipFile(book) as zipped:
            with zipped.open("docProps/core.xml") as member:
                core = member.read(_MOST_BYTES).decode("utf-8", "replace")
            sealed = _seal_of(core)
            intact = sealed is None or sealed == _workbook_digest(zipped)
    except (OSError, KeyError, EOFError, ValueError, RuntimeError, NotImplementedError, zlib.error,
            zipfile.BadZipFile):
        return None  # judged already by _written_here, which read the same member

    def element(name):
        found = re.search(rf"<{name}(\s[^>]*)?>([^<]*)</{name}>", core)
        return found.group(2).strip() if found else ""

    author, created, modified = element("cp:lastModifiedBy"), element("dcterms:created"), element("dcterms:modified")
    if intact and not author and modified == created:
        return None
    said = ", ".join(part for part in (f"by {author}" if author else "", modified if modified != created else "")
                     if part)
    return said or "its sheets changed"


# A workbook's seal, in its core properties: the digest of every other part.
_SEAL = "wfsim-analysis sha256:"
_DC = "http://purl.org/dc/elements/1.1/"


def _seal_of(core):
    """The digest a workbook's core properties carry as its seal; None if unsealed."""
    found = re.search(r"<dc:identifier(\s[^>]*)?>" + re.escape(_SEAL) + r"([0-9a-f]{64})</dc:identifier>", core)
    return found.group(2) if found else None


def _workbook_digest(zipped):
    """The digest of a workbook's parts but its core properties (which hold the seal),
    by name and content, in name order."""
    digest = hashlib.sha256()
    for name in sorted(n for n in zipped.namelist() if n != "docProps/core.xml"):
        digest.update(name.encode("utf-8") + b"\0")
        with zipped.open(name) as member:
            for block in iter(lambda: member.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()


def seal_workbook(data):
    """The workbook `data` (bytes, as openpyxl saves it) with its seal added to its core
    properties, so that a later export can tell whether anyone has changed it."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        seal = f'<dc:identifier xmlns:dc="{_DC}">{_SEAL}{_workbook_digest(source)}</dc:identifier>'.encode()
        sealed = io.BytesIO()
        with zipfile.ZipFile(sealed, "w") as target:
            for info in source.infolist():
                content = source.read(info)
                if info.filename == "docProps/core.xml":
                    if b"</cp:coreProperties>" not in content:
                        raise ValueError("openpyxl wrote core properties without their closing tag")
                    content = content.replace(b"</cp:coreProperties>", seal + b"</cp:coreProperties>", 1)
                target.writestr(info, content)
    return sealed.getvalue()


# A page's and an SVG chart's seal: the digest (sha256) of the rest of the file, the
# file as it was written without the seal, put just after the page's generator tag
# and just before the chart's <svg> element.
_PAGE_SEAL = re.compile(rb'<meta name="wfsim-analysis-sha256" content="([0-9a-f]{64})">')
_CHART_SEAL = re.compile(rb"<!-- wfsim-analysis sha256:([0-9a-f]{64}) -->\n")


def seal_page(page):
    """The report `page` (text, with its generator tag) with its seal after that tag,
    so that a later report can tell whether anyone has changed the page since."""
    if HTML_GENERATOR not in page:
        raise ValueError("a report page without its generator tag cannot be sealed")
    digest = hashlib.sha256(page.encode("utf-8")).hexdigest()
    return page.replace(HTML_GENERATOR, f'{HTML_GENERATOR}<meta name="wfsim-analysis-sha256" content="{digest}">', 1)


def seal_chart(path):
    """Seals the chart at `path` if it is an SVG (.svg, or gzipped .svgz): a comment
    holding the digest of the rest, before its <svg> element. Other formats are left
    as they are: they are not edited as text."""
    suffix = pathlib.Path(path).suffix.lower()
    if suffix not in (".svg", ".svgz"):
        return
    with open(path, "rb") as f:
        content = f.read()
    text = gzip.decompress(content) if suffix == ".svgz" else content
    start = text.find(b"<svg")
    if start < 0:
        raise ValueError("matplotlib wrote an SVG chart without its <svg> element")
    seal = f"<!-- wfsim-analysis sha256:{hashlib.sha256(text).hexdigest()} -->\n".encode()
    text = text[:start] + seal + text[start:]
    with open(path, "wb") as f:
        f.write(gzip.compress(text, mtime=0) if suffix == ".svgz" else text)


def _changed_since_sealed(target, kind):
    """Whether the page or SVG chart `target` carries a seal its content no longer
    matches: edited since this package wrote it. One without a seal (written before
    2026-12-08, or a kind not sealed) is not judged so."""
    seal = {".html": _PAGE_SEAL, ".htm": _PAGE_SEAL, ".svg": _CHART_SEAL, ".svgz": _CHART_SEAL}.get(kind)
    if seal is None:
        return False
    try:
        if os.path.getsize(target) > _MOST_BYTES:
            return False  # read in part, its digest could not match: not judged
        if kind == ".svgz":
            with gzip.open(target) as inflated:
                content = inflated.read(_MOST_BYTES + 1)
            if len(content) > _MOST_BYTES:
                return False  # inflated past what is read: not judged, as a page that large
        else:
            with open(target, "rb") as f:
                content = f.read(_MOST_BYTES)
    except (OSError, EOFError, zlib.error):
        return False  # judged already by _written_here, which read the same
    found = seal.search(content)
    if found is None:
        return False
    rest = content[:found.start()] + content[found.end():]
    return hashlib.sha256(rest).hexdigest() != found.group(1).decode()


# Told each temporary path `replacing` creates, before anything is written to it. The
# command line's crash guard (damaged_input.crash_guarded) sets it in the process that
# writes, so that a crash there leaves no partial file behind.
announce_temporary = None
# Set by the same guard: signals held from just before an output replaces its target
# to the end of the command, so that a stop either comes before the output is in place
# (which then stays as it was, and the command ends by the stop) or is held until the
# command ends with its own status, never after the new output is in place with a
# status that says it was stopped.
stops_held_from_commit = ()


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


class MachineFailure(Exception):
    """The machine's doing, not the input's (status 1, as wfsim says it): a file put at
    the output, or the one there changed, while the command ran; a full disk."""


# What stood at each output when check_output passed it (its path made absolute): what
# `replacing` may replace, and nothing put there or changed since.
_checked = {}


def _standing(path):
    """The identity and last change of what stands at `path`, None if nothing does."""
    try:
        st = os.lstat(path)
    except OSError:  # nothing there, or a file where a folder should be (refused by the checks)
        return None
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns


def check_output(output, inputs=(), force=False, writes=None):
    """Raises ResultsError, saying why and what to do, if `output` must not be written.

    `writes` is the kind of file the command writes ("csv", "xlsx" or "html"); by
    default the output name's suffix says it (a chart, whose format matplotlib takes
    from the suffix). An existing file is replaced without --force only if it is of
    that kind: an export named chart.png must not replace a chart with a CSV. What
    stands there once it passes is what `replacing` may replace."""
    before = _standing(output)  # before the checks: a file put there during them was not checked
    _check_output(output, inputs, force, writes)
    _checked[os.path.abspath(output)] = before


def _check_output(output, inputs, force, writes):
    _check_target(output, inputs, force, writes)
    _check_folder_takes_files(output)


def _check_folder_takes_files(output):
    """Raises ResultsError if the output's folder takes no new file (read-only, /proc,
    /sys), or keeps what it takes (append-only): found only once the work was done, and
    said of the hidden temporary's name (a review), where wfsim says it before any work.
    The trial is named as the temporary will be, so a name too long for the folder is
    found now too; a full disk is the machine's failure."""
    target = pathlib.Path(output)
    folder = target.parent if str(target.parent) else pathlib.Path(".")
    try:
        handle, trial = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=target.suffix, dir=folder)
    except OSError as err:
        if err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EIO):
            raise MachineFailure(f"cannot write {output}: {err.strerror} (the machine's, not the input's: nothing "
                                 "was written)") from None
        if err.errno == errno.ENAMETOOLONG:
            raise ResultsError(f"cannot write {output}: the name is longer than the folder {folder} takes beside "
                               "the hidden temporary it is written through; give a shorter one") from None
        raise ResultsError(f"cannot write {output}: the folder {folder} takes no new file "
                           f"({err.strerror or err})") from None
    os.close(handle)
    try:
        os.unlink(trial)
    except OSError as err:
        raise ResultsError(f"cannot write {output}: the folder {folder} takes files but will not let one be removed "
                           f"or renamed ({err.strerror}; append-only?)") from None


def _temporary_prefix(target):
    """The start of a temporary's name for `target`: hidden, and named for this host and
    process, so that the next command can tell whose it is."""
    return f".{target.name}.partial-{socket.gethostname()}-{os.getpid()}-"


def _check_target(output, inputs, force, writes):
    check_not_input(output, inputs)
    if str(output).endswith(("/", os.sep)) or os.path.basename(str(output)) in ("", ".", ".."):
        # pathlib drops the slash and the dot: 'y.png/' and 'y.png/.' wrote y.png, where
        # wfsim refuses them.
        raise ResultsError(f"cannot write {output}: a name ending in '/', '/.' or '/..' names a folder; give a file "
                           "name")
    target = pathlib.Path(output)
    if target.is_symlink() and not target.exists() and not force:
        # A link to nothing (yet): refused as a live one is, not replaced by a file.
        raise ResultsError(f"refusing to write {output}: it is a link (to {os.readlink(target)}, which does not "
                           "exist); write to a file, or give --force to replace the link with a file")
    if not target.exists():
        if not target.parent.is_dir():
            # The nearest that exists: a file where a folder should be is said as such.
            nearest = next((p for p in target.parents if p.exists()), None)
            if nearest is not None and not nearest.is_dir():
                raise ResultsError(f"cannot write {output}: {nearest} is a file, not a folder")
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
    kind = f".{writes}" if writes else target.suffix.lower()
    if not _written_here(target, kind):
        what = {".csv": "a CSV table", ".xlsx": "a workbook", ".html": "a report"}.get(kind, f"a {kind} chart")
        raise ResultsError(f"refusing to replace {output}: it exists and is not {what} wfsim-analysis wrote (its "
                           "own files carry its mark; those of versions before 2026-12-02 do not); choose another "
                           "name, or give --force")
    saved = _saved_since(target) if kind == ".xlsx" else None
    if saved:
        raise ResultsError(f"refusing to replace {output}: wfsim-analysis wrote it, but it was saved again since "
                           f"({saved}), and what was added would be lost; choose another name, or give --force")
    if _changed_since_sealed(target, kind):
        what = "page" if kind in (".html", ".htm") else "chart"
        raise ResultsError(f"refusing to replace {output}: wfsim-analysis wrote it, but it was changed since (the {what} "
                           "no longer matches the digest it was written with), and what was added would be lost; "
                           "choose another name, or give --force to replace it")


@contextlib.contextmanager
def replacing(output):
    """A temporary path beside `output` (same suffix, so writers pick the same format)
    that replaces `output` only once written whole; removed if writing fails, so a
    good file is never left cut off."""
    target = pathlib.Path(output)
    folder = target.parent if str(target.parent) else pathlib.Path(".")
    _remove_stale_temporaries(folder, target)
    handle, temporary = tempfile.mkstemp(prefix=_temporary_prefix(target), suffix=target.suffix, dir=folder)
    os.close(handle)
    if announce_temporary is not None:
        announce_temporary(temporary)
    try:
        yield temporary
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)  # mkstemp's 0600 would hide the result from colleagues
        _sync(temporary)  # on disk before its name is, so that the name never stands for less
        held = signal.pthread_sigmask(signal.SIG_BLOCK, stops_held_from_commit) if stops_held_from_commit else None
        try:
            _put_in_place(temporary, target)
            with contextlib.suppress(OSError):  # the rename lasts once the folder is on disk; not worth failing for
                _sync(target.parent if str(target.parent) else ".", os.O_RDONLY | os.O_DIRECTORY)
        except BaseException:
            if held is not None:
                signal.pthread_sigmask(signal.SIG_SETMASK, held)
            raise
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _sync(path, flags=os.O_RDONLY):
    """Puts what `path` holds on disk (a file's content, a folder's names)."""
    handle = os.open(path, flags)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _remove_stale_temporaries(folder, target):
    """Removes the temporaries of `target` left by processes of this host that no
    longer run (a command killed outright cannot remove its own): twelve kills of an
    export left twelve hidden files of up to 334 kB (a review). Another host's, a live
    process's and anything not a plain file are left alone."""
    prefix = f".{target.name}.partial-{socket.gethostname()}-"
    # The rest is PID-RANDOM and the suffix, and nothing else: a host 'build' must not
    # read 'build-4711-99999-...' (host build-4711) as process 4711's (a review).
    rest = re.compile(r"([0-9]{1,9})-[a-z0-9_]+" + re.escape(target.suffix), re.ASCII)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            if not entry.name.startswith(prefix) or not entry.is_file(follow_symlinks=False):
                continue
            found = rest.fullmatch(entry.name[len(prefix):])
            if found and not _running(int(found.group(1))):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def _running(pid):
    """Whether a process of this host has this number (another user's too) and has not
    ended: one ended but not yet waited for by its parent (a zombie) has not removed
    its temporary and never will."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            # The state follows the command's name, which is in parentheses and may hold any.
            return f.read().rpartition(b")")[2].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def _put_in_place(temporary, target):
    """Renames the finished `temporary` to `target`, unless a file was put at `target`,
    or the one there changed, since check_output passed it: that file is kept (a file
    written there while a command ran was replaced without a word; a review)."""
    key = os.path.abspath(target)
    if key not in _checked:
        os.replace(temporary, target)  # not checked here (a caller of the package's own)
        return
    before, now = _checked.pop(key), _standing(target)  # taken once: a later write checks again
    if now is not None and now != before:
        _refuse_to_replace(temporary, target, "appeared" if before is None else "was changed or replaced")
    if now is not None:
        os.replace(temporary, target)
        return
    # Nothing there: taken by a rename that replaces nothing, so a file come there
    # since is kept.
    if not _rename_without_replacing(temporary, target):
        _refuse_to_replace(temporary, target, "appeared")


def _rename_without_replacing(source, destination):
    """Renames `source` to `destination` unless something stands there (False): by a
    hard link, which replaces nothing, and the old name removed; a plain rename where
    the file system has no links."""
    try:
        os.link(source, destination)
    except FileExistsError:
        return False
    except OSError:
        os.replace(source, destination)
        return True
    with contextlib.suppress(OSError):  # in place already; a name left over is removed as stale later
        os.unlink(source)
    return True


def _refuse_to_replace(temporary, target, what):
    """Raises MachineFailure for a `target` that `what` while the command ran, keeping
    the finished file beside it as TARGET.unsaved-RANDOM, as wfsim keeps its results:
    the work is not lost (until 2026-12-07 it was deleted)."""
    kept = f"{target}.unsaved-{secrets.token_hex(8)}"
    try:
        saved = _rename_without_replacing(temporary, kept)
    except OSError:
        saved = False
    if saved:
        with contextlib.suppress(OSError):  # the temporary's 0600 was already widened for the target
            _sync(os.path.dirname(os.path.abspath(kept)), os.O_RDONLY | os.O_DIRECTORY)
        keeping = f"the finished file is kept as {kept}"
    else:
        keeping = "run again to write it, or write it elsewhere"
    raise MachineFailure(f"{target} {what} while this ran: the finished file was not saved over it, and it is as "
                         f"it was; {keeping}")
