"""A partner file is read in a worker process under a memory ceiling (issue 25).

Reading is where a small file can grow: the limits of pipelines/xlsx.py and core/settings.py
refuse every expansion we thought of, early and by name. For the one nobody thought of, the
reading runs in a worker process whose address space is limited
(REGIOMONITOR_MAX_READ_MEMORY_MB): running out there is a MemoryError for that file only,
refused with the limit's name, and a worker that dies (a crash in a C library, the kernel's
OOM killer) is `Crashed`, which pipelines/loading.py counts (pipelines/crashes.py). The run,
its warehouse connection and the server never feel it: the check (`validate`), `ingest`,
`refresh` and the upload loader all read through here.

The ceiling is on the worker, not on the whole process: a registry extract is read by DuckDB
(with its own memory_limit, pipelines/validation.py) in the run's process, and a process with
DuckDB's threads reserves ~1 GB of address space at 170 MB resident, so a ceiling there would
either refuse honest extracts or bound nothing.

One worker per process, started on first use from a fresh interpreter (spawn: never a fork of
a process with DuckDB's and Prefect's threads), and started again after it died or ran out.
"""
from __future__ import annotations

import multiprocessing
import resource
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from typing import TypeVar

from core.formats import fmt_size
from core.settings import Limits, limits as current_limits
from core.texts import said
from pipelines.file_content import TooLarge

T = TypeVar("T")


class Crashed(RuntimeError):
    """The worker died while reading a file: no answer, and nothing said why."""


_lock = threading.Lock()
_worker: tuple[ProcessPoolExecutor, int] | None = None   # the pool and its ceiling


def _ceiling(limit: int) -> None:
    """In the worker, before it reads anything: its address space may not pass `limit`."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def _pool(ceiling: int) -> ProcessPoolExecutor:
    """The worker with this ceiling, started if there is none (or one with another ceiling)."""
    global _worker
    if _worker is not None and _worker[1] != ceiling:
        _discard()
    if _worker is None:
        _worker = (ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_ceiling, initargs=(ceiling,)), ceiling)
    return _worker[0]


def _discard() -> None:
    """Let the worker go (it died, or ran out of memory and may keep its heap): the next
    call starts a fresh one."""
    global _worker
    if _worker is not None:
        _worker[0].shutdown(wait=True, cancel_futures=True)
        _worker = None


def shutdown() -> None:
    """End the worker, waiting for it (a run's peak memory then counts it too)."""
    with _lock:
        _discard()


def call(read: Callable[..., T], *args: object, bound: Limits | None = None) -> T:
    """`read(*args, bound)` in the worker: its result, or the exception it raised. Raises
    Crashed when the worker died, TooLarge when it ran out of memory."""
    bound = bound or current_limits()
    with _lock:
        try:
            return _pool(bound.read_memory_bytes).submit(read, *args, bound).result()
        except BrokenProcessPool as err:
            _discard()
            raise Crashed(str(err)) from err
        except MemoryError:
            _discard()
            raise TooLarge(said("reading it needs more than {limit} of memory",
                                limit=partial(fmt_size, bound.read_memory_bytes)),
                           "REGIOMONITOR_MAX_READ_MEMORY_MB") from None
