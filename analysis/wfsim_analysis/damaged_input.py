"""A damaged results file ends a command with one line and exit status 2, never a
traceback or a crash, and leaves no partial output behind.

HDF5 trusts the offsets stored inside a file. Sixteen bytes overwritten in the wrong
place (a disk fault, a copy cut short, an edit by hand) can make h5py raise any of
several errors from deep inside the library (OSError, RuntimeError, KeyError, ...), or
crash the interpreter outright: SIGSEGV in HDF5's heap code, or glibc's abort on a
free list HDF5 corrupted. `wfsim info` guards against the same (its
support/damaged_input_guard).

- `from_damage(err)` tells an error h5py raised (or undecodable text read from the
  file) from one our own code raised, so that only the former is reported as a
  damaged input.
- `crash_guarded(command, inputs)` runs a command in a forked child. Python cannot
  catch a crash in C code, but a parent process can see its child die: it then says
  which inputs were being read, removes any partial output the child left (the child
  names each one as `output_guard.replacing` creates it), and returns 2.

Some damage sends HDF5 round a loop that never ends (seen in `H5HG_read`, reading a
variable-length string). No reader can tell that from a long read, so nothing times
out; but Ctrl-C, SIGTERM or a hang-up, which Python cannot act on while the child is
inside HDF5, still ends the command: the parent passes the signal on, kills the child
if it has not ended a second later, removes its partial output and ends by the same
signal. Once an output has replaced its target, the child holds stops until it ends
(output_guard.stops_held_from_commit), and the parent then ends with the child's own
status: so ending by a stop always means the output was not replaced. (A command that
writes several outputs and is still at work a second after the stop is killed with
the first in place.)
"""

import os
import signal
import sys
import time
import traceback

from . import output_guard

# Signals a library dies by when its data is damaged; any other ends the parent the
# same way it ended the child (an interrupt, a kill).
_CRASHES = (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT, signal.SIGFPE, signal.SIGILL)


def raised_by_hdf5(err):
    """True if `err` was raised inside h5py (its Python or its compiled modules)."""
    frames = traceback.extract_tb(err.__traceback__)
    return any("h5py" in frame.filename.replace("\\", "/").split("/") for frame in frames)


def from_damage(err):
    """True if `err` says an input is damaged: h5py raised it, or text read from the
    file is not UTF-8 (wfsim writes every string as UTF-8; h5py hands back the bytes
    of a damaged one as a string that cannot be written out again). An IndexError is
    an index our code or its user gave (`--period 99`), never damage: callers check
    what users give and what each kind of file must hold (results.position,
    period_index) before they read."""
    if isinstance(err, IndexError):
        return False
    return raised_by_hdf5(err) or isinstance(err, UnicodeError)


def named(paths):
    """The inputs, as a message names them: "a.h5", or "a.h5 or b.h5"."""
    paths = [str(p) for p in paths]
    return paths[0] if len(paths) == 1 else ", ".join(paths[:-1]) + " or " + paths[-1]


def damaged_message(paths, err):
    """One line for an error that `from_damage` recognised, reading `paths`."""
    # A KeyError's text is its key's repr, quotes and all: the message alone is wanted.
    text = str(err.args[0]) if isinstance(err, KeyError) and err.args else str(err)
    detail = " ".join(text.split()) or type(err).__name__
    if isinstance(err, UnicodeError):
        return (f"{named(paths)} could not be read: it holds text that is not UTF-8 ({detail}). The file is "
                "damaged; write it again with wfsim")
    return (f"{named(paths)} could not be read: HDF5 said '{detail}'. The file is damaged or cut short; "
            "write it again with wfsim")


def _status(code):
    """The exit status the interpreter gives `sys.exit(code)` (None is 0)."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


# The signals that stop a command. While a command runs, the parent turns each into
# _Stopped, so that it ends the child (which may be stuck inside HDF5) and removes its
# partial output before ending the same way.
_STOPS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
# Held from just before the fork until each process is ready for them: a stop that
# landed in between would escape into the caller's code in the child, or leave the
# child running. SIGALRM too, for a caller's own watchdog.
_HELD = set(_STOPS) | {signal.SIGALRM}


class _Stopped(BaseException):
    def __init__(self, signal_number):
        super().__init__(signal_number)
        self.signal_number = signal_number


def _raise_stopped(signal_number, frame):
    raise _Stopped(signal_number)


class _StandardOutputFailed(Exception):
    """Writing the standard output failed (a full disk, /dev/full): said in one line,
    as wfsim says it, not as a traceback from whichever print met it."""


def standard_output_failed(err, prog):
    """Says in one line that writing the standard output failed, as a command's own
    output failing is said, and returns the status 1. For what is printed before a
    command runs (--help to a full disk or /dev/full ended in argparse's traceback)."""
    print(f"{prog}: error: writing to standard output failed ({err.strerror or err}); what was printed there is "
          "incomplete", file=sys.stderr)
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second failure at exit
    return 1


class _GuardedOutput:
    """sys.stdout, with a failed write or flush raised as _StandardOutputFailed. A
    closed pipe stays BrokenPipeError: the reader chose to stop (`| head`)."""

    def __init__(self, stream):
        self._stream = stream

    def __getattr__(self, name):
        return getattr(self._stream, name)

    def _guarded(self, call, *args):
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as err:
            raise _StandardOutputFailed(err.strerror or str(err)) from err

    def write(self, text):
        return self._guarded(self._stream.write, text)

    def flush(self):
        return self._guarded(self._stream.flush)


def _run_child(command, announcements, announce_to, mask, prog):
    """In the child: run the command and end the process, never returning to the caller
    (which may be a test runner, whose own work must not go on twice)."""
    code = 1
    sys.stdout = _GuardedOutput(sys.stdout)
    try:
        os.close(announcements)
        os.set_blocking(announce_to, False)  # never wait on the parent (see _announced)

        def announce(path):
            try:
                os.write(announce_to, os.fsencode(path) + b"\0")
            except BlockingIOError:
                pass  # the pipe is full: past thousands of outputs, which no command writes

        output_guard.announce_temporary = announce
        output_guard.stops_held_from_commit = _STOPS
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        try:
            code = _status(command())
        except SystemExit as exit_request:
            code = _status(exit_request.code)
        except KeyboardInterrupt:
            _die_by(signal.SIGINT)  # quietly, as the parent will
        except BrokenPipeError:
            # The reader of standard output stopped (`| head`): it chose to, so quietly,
            # as wfsim itself does. What is still buffered goes nowhere.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            code = 0
        except _StandardOutputFailed as failed:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to lose there
            print(f"{prog}: cannot write the standard output: {failed}", file=sys.stderr)
            code = 1
        except BaseException:  # noqa: B902 - as the interpreter would: a traceback, status 1
            traceback.print_exc()
    finally:
        try:
            try:
                sys.stdout.flush()  # what is still buffered may be what meets the full disk
            except _StandardOutputFailed as failed:
                print(f"{prog}: cannot write the standard output: {failed}", file=sys.stderr)
                code = 1
            except BrokenPipeError:
                pass
            sys.stderr.flush()
        finally:
            os._exit(code)


def crash_guarded(command, inputs, prog, until_exit=False):
    """`command()`'s exit status, run in a child process; 2, with a message naming
    `inputs`, if the child crashed (see the module's text). With `until_exit` (the
    command line, which exits with the status at once), a child that ended on its own
    leaves the stops held: its output is in place, and a stop between here and the
    process's end, too late to undo it, ended the process by the signal, as if nothing
    had been written (export, 2 of 10 SIGTERMs sent as its output appeared: a
    hostile-input review). Held signals are dropped when the process exits."""
    sys.stdout.flush()
    sys.stderr.flush()
    announcements, announce_to = os.pipe()
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    child = os.fork()
    if child == 0:
        _run_child(command, announcements, announce_to, mask, prog)
    os.close(announce_to)
    # A stop the caller ignores (nohup, a background job) stays ignored.
    previous = {s: signal.getsignal(s) for s in _STOPS}
    for s in _STOPS:
        if previous[s] is not signal.SIG_IGN:
            signal.signal(s, _raise_stopped)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        # The child's announcements wait in the pipe until it is gone: a stop here
        # loses none of them.
        _, status = os.waitpid(child, 0)
        if until_exit and os.WIFEXITED(status):
            signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS)
    except BaseException as stop:  # noqa: B902 - a stop, or a caller's own alarm
        signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)  # a second Ctrl-C may not cut the clean-up short
        stopped_by = stop.signal_number if isinstance(stop, _Stopped) else None
        status = _end_child(child, stopped_by)
        _remove(_announced(announcements))
        os.close(announcements)
        for s in _STOPS:
            signal.signal(s, previous[s])
        if stopped_by is not None and status is not None and os.WIFEXITED(status):
            # The child ended on its own: it had finished, or its output was in place
            # (it holds stops from then on, output_guard.stops_held_from_commit). Its
            # status says what it did, and the stop came too late to undo it. A second
            # stop held meanwhile (Ctrl-C twice) is spent here, not raised on unmasking.
            while signal.sigtimedwait(_STOPS, 0) is not None:
                pass
            if not until_exit:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
            return os.WEXITSTATUS(status)
        if stopped_by is not None:
            _die_by(stopped_by)  # quietly, as a stopped command does
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)
        raise
    for s in _STOPS:
        signal.signal(s, previous[s])
    return _status_of_ended(status, announcements, inputs, prog)


def _status_of_ended(status, announcements, inputs, prog):
    """The exit status of a child that ended unstopped: its own; 2, with a message, if
    it crashed (its announced temporaries removed); else it was killed, and so is this
    process."""
    temporaries = _announced(announcements)
    os.close(announcements)
    if os.WIFEXITED(status):
        return os.WEXITSTATUS(status)
    _remove(temporaries)
    dying = os.WTERMSIG(status)
    if dying in _CRASHES:
        print(f"{prog}: error: {named(inputs)} could not be read: the process crashed reading it "
              f"({signal.Signals(dying).name}), as HDF5 can on a damaged file. Nothing was written; write the "
              "file again with wfsim", file=sys.stderr)
        return 2
    _die_by(dying)
    return 128 + dying  # if the signal does not end this process


def _end_child(child, stopped_by):
    """Stops the child. A stop is passed on (Ctrl-C reaches it anyway; `kill` or a
    hang-up may reach the parent alone), and the child ends on its own unless it is
    stuck inside HDF5 (damage can send HDF5 round a loop that never returns to Python,
    where a stop would take effect): given a second, it is then killed. Anything else
    (a caller's watchdog) kills it at once. Returns its wait status (None if it was
    reaped already)."""
    try:
        if stopped_by is not None:
            os.kill(child, stopped_by)
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                reaped, status = os.waitpid(child, os.WNOHANG)
                if reaped == child:
                    return status
                time.sleep(0.02)
        os.kill(child, signal.SIGKILL)
        return os.waitpid(child, 0)[1]
    except (ChildProcessError, ProcessLookupError):
        return None  # reaped already: the stop came just after it ended


def _die_by(signal_number):
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        signal.signal(signal_number, signal.SIG_DFL)
    except (OSError, ValueError):
        pass  # SIGKILL and SIGSTOP have no handler to reset
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal_number})
    os.kill(os.getpid(), signal_number)


def _remove(temporaries):
    """The child's partial outputs; those it finished were renamed already."""
    for path in temporaries:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def _announced(fd):
    """The paths the child announced on `fd`, each ended by a NUL byte. Called once
    the child is gone; the pipe holds 64 KiB, far more than the one or two outputs a
    command writes, so the child never waits for the parent to read."""
    os.set_blocking(fd, False)  # should the child have left a process holding the pipe
    data = b""
    while True:
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            break
        if not chunk:
            break
        data += chunk
    return [os.fsdecode(p) for p in data.split(b"\0")[:-1]]
