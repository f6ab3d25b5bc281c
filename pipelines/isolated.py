"""A partner file is read in a worker process under a memory ceiling (issue 25).

Reading is where a small file can grow: the limits of pipelines/xlsx.py and core/settings.py
refuse every expansion we thought of, early and by name. For the one nobody thought of, the
reading runs in a worker process whose address space is limited
(REGIOMONITOR_MAX_READ_MEMORY_MB): running out there is a MemoryError for that file only,
refused with the limit's name, and a worker that dies (a crash in a C library, the kernel's
OOM killer) is `Crashed`, which pipelines/loading.py counts (pipelines/crashes.py). The run,
its warehouse connection and the server never feel it: the check (`validate`), `ingest`,
`refresh` and the runs pages start all read through here.

The ceiling is on the worker, not on the whole process: a registry extract is read by DuckDB
(with its own memory_limit, pipelines/validation.py) in the run's process, and a process with
DuckDB's threads reserves ~1 GB of address space at 170 MB resident, so a ceiling there would
either refuse honest extracts or bound nothing.

One worker per process, started on first use as `python -m pipelines.isolated LIMIT`, a fresh
interpreter that sets its own ceiling (never a fork of a process with DuckDB's and Prefect's
threads; not multiprocessing's spawn either, which runs the caller's main script again in the
worker when it lacks a `__main__` guard). It takes pickled requests on its standard input and
answers on its standard output, and is started again after it died or ran out of memory.
"""
from __future__ import annotations

import atexit
import importlib
import os
import pickle
import resource
import select
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import BinaryIO, TypeVar

from core.formats import fmt_size
from core.settings import ROOT, Limits, limits as current_limits
from core.texts import said
from pipelines.file_content import TooLarge

T = TypeVar("T")
_HEADER = 8   # bytes of a message's length


class Crashed(RuntimeError):
    """The worker died while reading a file: no answer, and nothing said why."""


def _send(stream: BinaryIO, message: object) -> None:
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(_HEADER, "big") + data)
    stream.flush()


def _receive(stream: BinaryIO) -> object:
    """The next message, or EOFError when the other side is gone."""
    header = stream.read(_HEADER)
    if len(header) < _HEADER:
        raise EOFError
    data = stream.read(int.from_bytes(header, "big"))
    if len(data) < int.from_bytes(header, "big"):
        raise EOFError
    return pickle.loads(data)


class _Worker:
    """The worker process with its ceiling, and the pipes to it."""

    def __init__(self, ceiling: int, modules: tuple[str, ...] = ()):
        self.ceiling = ceiling
        self.reading = False   # between a file sent and its answer (reading_pid)
        self.sent: tuple | None = None   # the request sent ahead (`send`), its answer not taken
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT),
                                                                          os.environ.get("PYTHONPATH")]))}
        self.process = subprocess.Popen([sys.executable, "-m", "pipelines.isolated", str(ceiling), *modules],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT, env=env)

    def send(self, read: Callable[..., T], args: tuple) -> None:
        """Send a request without waiting for its answer (`ahead`)."""
        self.reading, self.sent = True, (read, args)
        try:
            _send(self.process.stdin, (read, args))
        except BrokenPipeError:
            pass   # it died: the answer's read says so

    def answer(self) -> object:
        """The answer to the request sent last, or its exception."""
        try:
            kind, value = _receive(self.process.stdout)
        except EOFError as err:
            raise Crashed(f"reading worker ended ({self.process.wait()})") from err
        finally:
            self.reading, self.sent = False, None
        if kind == "error":
            raise value
        return value

    def ask(self, read: Callable[..., T], args: tuple) -> T:
        """`read(*args)`'s answer: the one sent ahead when it is this request, else asked now
        (`call` took an answer sent ahead for another request first)."""
        if self.sent is None:
            self.send(read, args)
        return self.answer()

    def stop(self) -> None:
        """Close its input (it ends) and wait for it, so its use counts in the caller's; one
        still reading a file sent ahead is killed (its answer would wait for a reader)."""
        if self.sent is not None:
            self.process.kill()
            self.reading, self.sent = False, None
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


_lock = threading.Lock()
_worker: _Worker | None = None


def _discard() -> None:
    """Let the worker go (it died, or ran out of memory and may keep its heap): the next call
    starts a fresh one."""
    global _worker
    if _worker is not None:
        _worker.stop()
        _worker = None


def shutdown() -> None:
    """End the worker, waiting for it (a run's peak memory then counts it too)."""
    with _lock:
        _discard()


atexit.register(shutdown)


def reading_pid() -> int | None:
    """The worker's process id while it reads a file (a test kills it then, as the OOM killer
    would); None when none runs or it waits: `start` may have started it before any reading,
    and a file sent `ahead` may be read, its answer waiting to be taken."""
    worker = _worker
    if worker is None or not worker.reading:
        return None
    try:
        answered, _, _ = select.select([worker.process.stdout], [], [], 0)
    except (ValueError, OSError):   # stopped meanwhile
        return None
    return None if answered else worker.process.pid


def start(bound: Limits | None = None, modules: Iterable[str] = ()) -> None:
    """Start the worker now, if none runs with this ceiling, and have it import `modules` (what
    the reading will import) while it waits: a run that will read a partner file starts it
    before building the rules' tables, so the worker's interpreter starts on the other core
    meanwhile instead of when the file is read (`validate` of 10.000 rows, medians of five
    rounds at load 10-15: CSV 3,48 -> 3,09 s, XLSX 6,83 -> 6,28 s), and so does openpyxl's
    import, which came after the workbook was sent (docs/benchmarks.md, issue 27: validating
    a partner XLSX)."""
    with _lock:
        _running(bound or current_limits(), tuple(modules))


def _running(bound: Limits, modules: tuple[str, ...] = ()) -> _Worker:
    """The worker with the ceiling of `bound`, started again if it has another or has died;
    not one with a file sent ahead: a worker that died reading it is its file's crash, which
    `call` finds when it takes the answer (`_drop_other_answer` let go of any other)."""
    global _worker
    if _worker is not None and _worker.sent is None and (_worker.ceiling != bound.read_memory_bytes
                                                         or _worker.process.poll() is not None):
        _discard()
    if _worker is None:
        _worker = _Worker(bound.read_memory_bytes, modules)
    return _worker


def ahead(read: Callable[..., T], *args: object, bound: Limits | None = None) -> None:
    """Send `read(*args, bound)` to the worker now and return at once: the `call` with the same
    arguments takes its answer. A run sends its first partner file before building the rules'
    tables, so that the worker reads it meanwhile (docs/benchmarks.md, issue 27: validating a
    partner XLSX, round 2)."""
    bound = bound or current_limits()
    with _lock:
        worker = _running(bound)
        if worker.sent is None:
            worker.send(read, (*args, bound))


def call(read: Callable[..., T], *args: object, bound: Limits | None = None) -> T:
    """`read(*args, bound)` in the worker: its result, or the exception it raised. Raises
    Crashed when the worker died, TooLarge when it ran out of memory."""
    bound = bound or current_limits()
    with _lock:
        _drop_other_answer((read, (*args, bound)))
        try:
            return _running(bound).ask(read, (*args, bound))
        except Crashed:
            _discard()
            raise
        except MemoryError:
            _discard()
            raise TooLarge(said("reading it needs more than {limit} of memory",
                                limit=partial(fmt_size, bound.read_memory_bytes)),
                           "REGIOMONITOR_MAX_READ_MEMORY_MB") from None


def _drop_other_answer(request: tuple) -> None:
    """Take and drop the answer to a request sent ahead that is not `request` (its file was
    not read after all: unchanged): the worker answers in order, and reads no request while
    an answer waits. A worker that died or ran out of memory on it is let go, so that the
    crash is not counted against the next file."""
    if _worker is None or _worker.sent in (None, request):
        return
    try:
        _worker.answer()
    except (Crashed, MemoryError):
        _discard()
    except Exception:
        pass   # that file's reason: no one asked for it


# The worker never imports numpy: openpyxl imports it when it can, only to accept numpy's numbers
# in cells it writes, and the worker writes none. numpy and OpenBLAS took 122 MB of the worker's
# address space (VmPeak after the imports 161 -> 38 MB) and 0,12-0,16 s of its start, so the
# ceiling bounded them rather than the reading; under a ceiling below ~150 MB their import
# failed and the file was refused with a reason that said nothing of memory ("reading this file
# crashed 2 times", OpenBLAS's "Memory allocation still failed"). docs/benchmarks.md, issue 27:
# validating a partner XLSX.
NOT_NEEDED = ("numpy",)


def serve(ceiling: int, modules: list[str]) -> None:
    """The worker: under its ceiling, import `modules`, then answer each request on standard
    input with its value or its exception on standard output (what it prints goes to
    standard error)."""
    resource.setrlimit(resource.RLIMIT_AS, (ceiling, ceiling))
    sys.modules.update(dict.fromkeys(NOT_NEEDED))   # an import of one raises ImportError
    _import(modules)
    requests, answers = sys.stdin.buffer, os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    while True:
        try:
            read, args = _receive(requests)
        except EOFError:
            return
        try:
            answer = ("value", read(*args))
        except BaseException as err:   # MemoryError included: the caller decides
            answer = ("error", err.with_traceback(None))   # and the frames' memory goes
        try:
            _send(answers, answer)
        except MemoryError:
            _send(answers, ("error", MemoryError()))
        except (pickle.PicklingError, TypeError, AttributeError) as err:
            _send(answers, ("error", RuntimeError(f"{type(err).__name__}: {err}")))


def _import(modules: list[str]) -> None:
    """Import what the reading will, before it is asked (openpyxl: 0,3 s). A module that fails
    to import here (out of memory under the ceiling) is left to the reading, which imports it
    again and is refused with its reason."""
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:
            continue


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2:])
