"""Build a warehouse file beside the served one and swap it in atomically.

DuckDB allows one writing process or many readers, never both; a dashboard that
holds the served file open would block a writer. So every refresh builds a new
file, checkpoints and closes it, then os.replace()s it over the served path:
readers that open afterwards see the new data, open ones keep their snapshot.
`ingest` and `geometry` publish the same way from a copy of the served file.

`staging()` is the one way to do it: build (fresh or from a copy), then publish, or remove
the staging file on any error. The build and its validation run without the lock; the
lock is held only to check that nobody published meanwhile and to swap the file in, so a
long validation never blocks another load and a second writer is told at once.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import fcntl
import os
import shutil
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core.messages import no_warehouse
from core.settings import SQL_DIR
from core.sql_files import sql_text
from core.texts import said
from pipelines import disk, notify, recovery

if TYPE_CHECKING:   # DuckDB's .df() imports pandas when the history is read; an ingest need not
    import pandas as pd

# Carried from one build to the next, in foreign-key order: the runs, the publications and
# what each changed and the statuses it showed, and the stewards' review decisions (a rebuild applies them again).
HISTORY_TABLES = ("pipeline_run", "run_file", "publication", "figure_change", "published_figure",
                  "published_status", "held_told", "review_decision")


class NoWarehouse(FileNotFoundError):
    """`ingest` and `geometry` add to a published warehouse; `refresh` builds the first one."""


class WarehouseBusy(RuntimeError):
    """Another refresh or ingest holds the lock on this warehouse, or published while this
    one was building."""


class PublishedMeanwhile(WarehouseBusy):
    """The served file changed while this build ran: its copy or its history is stale."""


@contextlib.contextmanager
def writer_lock(warehouse: Path) -> Iterator[None]:
    """Hold <warehouse>.lock while publishing; fail at once if someone else holds it."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise WarehouseBusy(str(said("Another refresh or ingest is writing {warehouse}; wait for it to "
                                         "finish.", warehouse=warehouse))) from err
        yield


def staging_path(warehouse: Path) -> Path:
    """The file a build writes before publishing it: <name>.<pid>.<random>.new, unique per build,
    so two builds in one process (a flow and a nested one, two threads) never share a file."""
    return warehouse.with_name(f"{warehouse.name}.{os.getpid()}.{uuid.uuid4().hex[:8]}.new")


def sql_files() -> list[Path]:
    """Schema first, then the views in name order (a view may build on an earlier one)."""
    return [SQL_DIR / "schema.sql", *sorted((SQL_DIR / "views").glob("*.sql"))]


def create_staging(warehouse: Path, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A fresh, empty warehouse file with the schema and views applied."""
    path = path or staging_path(warehouse)
    recovery.remove_staging(path)
    con = duckdb.connect(str(path))
    disk.configure(con)
    for sql in sql_files():
        con.execute(sql_text(str(sql.relative_to(SQL_DIR).with_suffix(""))))
    return con


def copy_to_staging(warehouse: Path, path: Path | None = None) -> duckdb.DuckDBPyConnection:
    """A staging copy of the served warehouse, for a flow that changes only part of it.
    Publishing is an os.replace, so the copy is of the old file or the new one, whole."""
    if not warehouse.exists():
        raise NoWarehouse(str(no_warehouse(warehouse)))
    path = path or staging_path(warehouse)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    shutil.copyfile(warehouse, path)
    con = duckdb.connect(str(path))
    disk.configure(con)
    return con


def previous_state(warehouse: Path) -> tuple[dict[str, object], dict[str, pd.DataFrame]]:
    """From the served warehouse: when each known file was first received, and the run history
    (pipeline_run and run_file rows, by column name: an older file may lack newer columns).

    Keeping both makes a rebuild from the same files give the same contents.
    """
    if not warehouse.exists():
        return {}, {}
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        received = dict(con.execute("select sha256, received_at from submission").fetchall())
        tables = {r[0] for r in con.execute("select table_name from duckdb_tables()").fetchall()}
        history = {table: con.execute(f"select * from {table}").df()   # names from a fixed list
                   for table in HISTORY_TABLES if table in tables}
    finally:
        con.close()
    return received, history


def served_version(warehouse: Path) -> tuple[int, int, int] | None:
    """What identifies one published file: os.replace gives every publish a new inode."""
    try:
        stat = warehouse.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


@contextlib.contextmanager
def staging(warehouse: Path, fresh: bool = False, publish_on_exit: bool = True,
            path: Path | None = None, inputs: Sequence[Path] = ()) -> Iterator[duckdb.DuckDBPyConnection]:
    """A staging warehouse to load into: a fresh one (schema applied) or a copy of the served
    file. Leaving the block publishes it (or, for a dry run, removes it); an error removes it.

    A build that publishes first checks the disk has room for it with the new files `inputs`
    (pipelines/disk.py), and a disk that fills at any moment after is one DiskFull: the served
    file is replaced only by a finished one.

    Publishing takes the writer lock only to check the served file is still the one this
    build started from and to swap it in; if another load published meanwhile it raises
    PublishedMeanwhile and the caller may build again on the new file. Once the new file is
    served, the mail digests of its publication go out (pipelines/notify.py), outside the lock.
    """
    if publish_on_exit:
        disk.check(warehouse, inputs)   # removes dead builds' staging files first
    else:
        recovery.remove_stale_staging(warehouse)
    version = served_version(warehouse)
    path = path or staging_path(warehouse)
    path.parent.mkdir(parents=True, exist_ok=True)
    con, phase = None, disk.BUILDING if fresh else disk.COPYING
    try:
        con = create_staging(warehouse, path) if fresh else copy_to_staging(warehouse, path)
        phase = disk.BUILDING
        yield con
        if publish_on_exit:
            phase = disk.PUBLISHING
            finished = finish(con)
            with writer_lock(warehouse):
                if served_version(warehouse) != version:
                    raise PublishedMeanwhile(
                        f"{warehouse} was published by another load while this one was building; "
                        "run it again. / Een andere load publiceerde intussen; draai opnieuw.")
                os.replace(finished, warehouse)
            notify.after_publish(warehouse)   # never raises: the publish has succeeded
    except Exception as err:
        instead = disk.said_in_one_line(err, phase, warehouse, path)
        if instead:
            raise instead from err
        raise
    finally:
        if con is not None:
            with contextlib.suppress(duckdb.Error):   # after a fatal error it is closed already
                con.close()
        recovery.remove_staging(path)


def finish(con: duckdb.DuckDBPyConnection) -> Path:
    """Check that every key has one figure (publish_guard.sql: raises, and the staging file is
    removed), record the publication and what it changes, precompute the metric tables, record
    the statuses it shows (published_status.sql, after both: the notices compare them),
    checkpoint and close the staging file; returns its path.

    publication.sql and materialize.sql write different tables, and no view reads what
    publication.sql writes, so they run at once on two cursors: each is mostly one thread of
    small statements (0,12 s of a ten-million-record ingest; docs/benchmarks.md)."""
    path = Path(con.execute("select path from duckdb_databases() where database_name = "
                            "current_database()").fetchone()[0])
    con.execute(sql_text("publish_guard"))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(run_script, con, name) for name in ("materialize", "publication")]
        for run in runs:
            run.result()   # raises what a script raised; the staging file is then removed
    con.execute(sql_text("published_status"))   # reads what both wrote
    con.execute("checkpoint")
    con.close()
    return path


def run_script(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """sql/<name>.sql on its own cursor of `con` (a cursor is a connection of its own)."""
    with con.cursor() as cursor:
        cursor.execute(sql_text(name))


def publish(con: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    """Finish the staging file and atomically replace the served one with it (no lock: for
    callers that hold it or own the file, such as tests and benchmarks)."""
    os.replace(finish(con), warehouse)
    return warehouse


def accepted_partly(warehouse: Path) -> frozenset[str]:
    """Hashes of files a steward accepted partly (--accept-valid-rows): a rebuild accepts them alike."""
    if not warehouse.exists():
        return frozenset()
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = con.execute("select sha256 from submission where status = 'partial'").fetchall()
    finally:
        con.close()
    return frozenset(r[0] for r in rows)
