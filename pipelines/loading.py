"""The ingest logic shared by `refresh` (full rebuild), `ingest` (new files) and `validate`
(a dry run): stage, check and record each file in an open warehouse connection, one typed
result per file.

Every file goes the same way whatever its kind: pipelines/staging.py lands its rows,
pipelines/validation.py runs the one SQL rule set, pipelines/submissions.py records it.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.texts import Text, ngettext, said
from pipelines import crashes, decisions, isolated, reading, staging, submissions, validation
from pipelines.file_content import Content, TooLarge, file_sha256
from pipelines.reasons import RowError, reason

DONE_FOLDERS = ("processed", "rejected")
# Progress of long loads, one line per file; the flows pass Prefect's run logger instead.
LOG = logging.getLogger("regiomonitor.loading")


@dataclass
class FileResult:
    """What happened to one file: its status, rows loaded and rejected, errors and warnings."""

    path: Path
    sha256: str
    kind: str                       # 'submission', 'registry' or 'unknown' (unchanged)
    status: str                     # loaded, partial, rejected, unchanged
    rows: int = 0                   # rows (extract records) loaded
    errors: list[RowError] = field(default_factory=list)   # the first REPORTED_ERRORS
    warnings: list[RowError] = field(default_factory=list)
    rows_rejected: int = 0
    error_count: int = 0            # every error, also those past the listed ones
    duration_s: float = 0.0
    regions: tuple[str, ...] = ()   # what its valid figures are for (validate --json)
    partners: tuple[str, ...] = ()
    rows_valid: int = 0             # rows without an error, also when the file was rejected:
                                    # what --accept-valid-rows would load (the report says so)
    changes: list[validation.Change] = field(default_factory=list)   # what it replaces,
    change_counts: dict[str, int] = field(default_factory=dict)      # withdraws or holds


def load_file(con: duckdb.DuckDBPyConnection, path: Path, sha: str, is_demo: bool, who: str,
              received_at: dt.datetime, accept_valid_rows: bool,
              sheet: str | None = None, content: Content | None = None,
              approve_warnings: bool = False, checked: validation.Checked | None = None) -> FileResult:
    """Check and record one file that the warehouse does not have yet (`content`: its bytes,
    already read and hashed; `checked`: its verdict when it was not read, e.g. quarantined)."""
    started = time.perf_counter()
    checked = checked or validation.check(con, path, sha[:16], sheet, content, approve_warnings,
                                          received_at)
    status = submissions.record(con, path, sha, checked, is_demo, who, received_at,
                                accept_valid_rows)
    loads = status != "rejected"   # a rejected file changes nothing, whatever its valid rows would
    return FileResult(path, sha, checked.kind, status,
                      checked.rows_accepted if loads else 0, checked.errors,
                      checked.warnings, checked.rows_rejected, checked.error_count,
                      time.perf_counter() - started, checked.regions, checked.partners,
                      checked.rows_accepted, checked.changes if loads else [],
                      checked.change_counts if loads else dict.fromkeys(checked.change_counts, 0))


def rows_text(rows: int, lang: str) -> str:
    return ngettext("{n} row", "{n} rows", rows, lang, n=rows)


def progress_line(number: int, total: int, result: FileResult) -> Text:
    """One line per file while a load runs, true for a dry run too: the rows it read (fine
    and in error), or that the warehouse has the file already; never what it loaded."""
    if result.status == "unchanged":
        return said("{n}/{total} {file}: already in the warehouse, unchanged", n=number, total=total,
                    file=result.path.name)
    return said("{n}/{total} {file} read: {rows}", n=number, total=total, file=result.path.name,
                rows=functools.partial(rows_text, result.rows_valid + result.rows_rejected))


def load_files(con: duckdb.DuckDBPyConnection, files: list[Path], is_demo: bool, who: str,
               at: dt.datetime, received: dict[str, dt.datetime] | None = None,
               partial: frozenset[str] = frozenset(), accept_valid_rows: bool = False,
               sheet: str | None = None,
               progress: Callable[..., None] = LOG.info,
               approve_warnings: bool = False, count_crashes: bool = True) -> list[FileResult]:
    """Every file in the order first received (then by name), and between them the recorded
    review decisions where they were made (a rebuild; pipelines/decisions.py); a hash already
    loaded is 'unchanged'. Each file is read on its own (pipelines/isolated.py) and affects
    only itself: one that cannot be read, or is over a limit, is rejected with its reasons, and
    one whose reading crashed twice is quarantined (`alone`); `count_crashes` keeps that count
    beside the inbox (a dry run, and the generated demo inbox, which stays as generated, count
    within the run only). Files are hashed on a thread beside the reading (`hashing`)."""
    received = received or {}
    reading.start_worker(files)   # if the caller did not: while the rules' tables are built
    at = decisions.receipt_moment(con, at)
    results = []
    with hashing(files, ahead=bool(received)) as sha_of:
        # only a rebuild orders by first receipt, which needs every hash first
        listed = sorted(((received.get(sha_of[path](), at) if received else at, path.name, path)
                         for path in files), key=lambda t: t[:2])
        sent = send_ahead([path for _, _, path in listed], sheet)
        validation.prepare(con)
        for number, (when, _, path) in enumerate(listed, start=1):
            decisions.replay_until(con, when)   # a rebuild: the decisions made before this file
            load = functools.partial(load_one, con, path, sha_of[path], is_demo, who, when,
                                     accept_valid_rows, partial, sheet, approve_warnings,
                                     content=sent.pop(path, None))
            results.append(load(count_crashes and not is_demo, progress))
            progress(progress_line(number, len(listed), results[-1]))
    decisions.replay_until(con, None)
    validation.release(con)
    con.execute("reset threads")  # a partner file's checks ran on one (staging.stage)
    return results


def send_ahead(paths: list[Path], sheet: str | None) -> dict[Path, Content]:
    """The first partner file among `paths`, read (the bytes `read_once` hashes) and sent to
    the reading worker now, which reads it while this process builds the rules' tables
    (`validation.prepare`) instead of after (docs/benchmarks.md, issue 27: validating a
    partner XLSX, round 2). Nothing when there is none, or it cannot be read whole (over the
    size limit, gone): its own turn says why, as before."""
    path = next((path for path in paths if not reading.is_extract(path)), None)
    if path is None:
        return {}
    try:
        content = Content.read(path)
    except (TooLarge, OSError):
        return {}
    isolated.ahead(reading.read_table, content, sheet)
    return {path: content}


@contextlib.contextmanager
def hashing(files: list[Path], ahead: bool) -> Iterator[dict[Path, Callable[[], str]]]:
    """Each file's SHA-256 when asked for. A registry extract's (every file's when `ahead`: a
    rebuild orders files by the moment their hash was first received) is computed on a
    thread, in the order given, so an extract is hashed while DuckDB reads it (hashlib and
    DuckDB both release the GIL) instead of before: 0,4 s of a ten-million-record CSV
    (issue 27). A partner file's hash is taken from the bytes it is read as (`read_once`), and
    from the file only when those are not read (over the size limit). Leaving the block stops
    the hashes no one asked for."""
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256")
    try:
        futures = {path: pool.submit(file_sha256, path) for path in files
                   if ahead or reading.is_extract(path)}
        yield {path: futures[path].result if path in futures else functools.partial(file_sha256, path)
               for path in files}
    finally:
        pool.shutdown(cancel_futures=True)


def load_one(con: duckdb.DuckDBPyConnection, path: Path, sha_of: Callable[[], str],
             is_demo: bool, who: str, when: dt.datetime, accept_valid_rows: bool,
             partial: frozenset[str], sheet: str | None, approve_warnings: bool,
             count_crashes: bool, progress: Callable[..., None],
             content: Content | None = None) -> FileResult:
    """One file, 'unchanged' when the warehouse has its hash. A partner file is read once and
    its hash taken from those bytes before anything else (pipelines/file_content.py; `content`:
    those bytes when they were read already, `send_ahead`); a
    registry extract is checked while its hash is computed, and only then compared with the
    submissions: one loaded before is read again for nothing and left unchanged, as before."""
    if reading.is_extract(path):
        started = time.perf_counter()
        checked = validation.check(con, path, lambda: sha_of()[:16], sheet, None,
                                   approve_warnings, when)
        sha = sha_of()
        if submissions.known_submission(con, sha):
            return FileResult(path, sha, "unknown", "unchanged")
        result = load_file(con, path, sha, is_demo, who, when, accept_valid_rows or sha in partial,
                           sheet, None, approve_warnings, checked)
        result.duration_s = time.perf_counter() - started
        return result
    content, sha = read_once(path, sha_of, content)
    if submissions.known_submission(con, sha):
        return FileResult(path, sha, "unknown", "unchanged")
    load = functools.partial(load_file, con, path, sha, is_demo, who, when,
                             accept_valid_rows or sha in partial, sheet, content, approve_warnings)
    return alone(load, path, sha, count_crashes, progress)


def inbox_of(path: Path) -> Path:
    """The inbox a file was received in: its folder, or the one above processed/ or rejected/."""
    folder = path.parent
    return folder.parent if folder.name in DONE_FOLDERS else folder


def alone(load: Callable[..., FileResult], path: Path, sha: str, count_crashes: bool,
          progress: Callable[..., None]) -> FileResult:
    """`load()` of one file, which affects only itself: when reading it crashed the reading
    worker, it is read again by a fresh one, and after crashes.QUARANTINE_AFTER crashes (also
    counted in earlier runs) it is quarantined: recorded as rejected, with a reason a partner
    can read, and never read again (pipelines/crashes.py)."""
    inbox = inbox_of(path)
    crashed = crashes.crashes(inbox, sha) if count_crashes else 0
    while crashed < crashes.QUARANTINE_AFTER:
        try:
            result = load()
        except isolated.Crashed:
            crashed = crashes.add(inbox, path.name, sha, crashed) if count_crashes else crashed + 1
            progress(said("{file}: reading it crashed ({n} of {most})", file=path.name, n=crashed,
                          most=crashes.QUARANTINE_AFTER))
            continue
        if crashed:
            crashes.forget(inbox, sha)
        return result
    error = reason("quarantined", crashed)
    return load(checked=validation.Checked(errors=[error], error_count=1, staged=False))


def read_once(path: Path, sha_of: Callable[[], str],
              content: Content | None = None) -> tuple[Content | None, str]:
    """A partner file's bytes and their hash, read once: the bytes parsed are the bytes whose
    hash is recorded, even if the file changed after it was listed (issue 13); `content`: the
    bytes already read (and sent to the worker, `send_ahead`). A file over the size limit is
    left for validation to reject with the limit's message, under the hash of the file as
    listed (`sha_of`)."""
    if content is not None:
        return content, content.sha256
    try:
        content = Content.read(path)
    except TooLarge:
        return None, sha_of()
    return content, content.sha256
