"""Build a warehouse file beside the served one and swap it in atomically.

DuckDB allows one writing process or many readers, never both; a dashboard that
holds the served file open would block a writer. So every refresh builds a new
file, checkpoints and closes it, then os.replace()s it over the served path:
readers that open afterwards see the new data, open ones keep their snapshot.
`ingest` publishes the same way from a copy of the served file (pipelines/ingest.py).
A lock file stops two loads (refresh or ingest) from building at once.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb

from pipelines import recovery
from regiomonitor.config import SQL_DIR


class WarehouseBusy(RuntimeError):
    """Another refresh or ingest holds the lock on this warehouse."""


@contextlib.contextmanager
def writer_lock(warehouse: Path) -> Iterator[None]:
    """Hold <warehouse>.lock for the whole build; fail at once if someone else holds it.

    Holding the lock makes this the only writer, so staging files of other processes are
    leftovers of a killed run and go; this run's own go when it lets go, whatever happened
    (a full disk mid-copy leaves no partial file; pipelines/recovery.py)."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    with open(warehouse.with_name(warehouse.name + ".lock"), "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            raise WarehouseBusy(
                f"Another refresh or ingest is writing {warehouse}; wait for it to finish. / "
                f"Een andere refresh of ingest schrijft {warehouse}; wacht tot die klaar is.") from err
        recovery.remove_stale_staging(warehouse)
        try:
            yield
        finally:
            recovery.remove_own_staging(warehouse)


def staging_path(warehouse: Path) -> Path:
    """The file a refresh builds before publishing it; unique per process."""
    return warehouse.with_name(f"{warehouse.name}.{os.getpid()}.new")


def sql_files() -> list[Path]:
    """Schema first, then the views in name order (a view may build on an earlier one)."""
    return [SQL_DIR / "schema.sql", *sorted((SQL_DIR / "views").glob("*.sql"))]


def create_staging(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A fresh, empty warehouse file with the schema and views applied."""
    path = staging_path(warehouse)
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = duckdb.connect(str(path))
    for sql in sql_files():
        con.execute(sql.read_text(encoding="utf-8"))
    return con


def copy_to_staging(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A staging copy of the served warehouse, for a flow that changes only part of it."""
    if not warehouse.exists():
        raise FileNotFoundError(f"Geen warehouse op / no warehouse at {warehouse}: "
                                "run `regiomonitor refresh` first.")
    path = staging_path(warehouse)
    path.with_name(path.name + ".wal").unlink(missing_ok=True)
    shutil.copyfile(warehouse, path)
    return duckdb.connect(str(path))


def previous_state(warehouse: Path) -> tuple[dict[str, object], list[tuple]]:
    """From the served warehouse: when each known file was first received, and the run history.

    Keeping both makes a rebuild from the same files give the same contents.
    """
    if not warehouse.exists():
        return {}, []
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        received = dict(con.execute("select sha256, received_at from submission").fetchall())
        runs = con.execute("select * from pipeline_run order by started_at").fetchall()
    finally:
        con.close()
    return received, runs


def publish(con: duckdb.DuckDBPyConnection, warehouse: Path) -> Path:
    """Precompute the metric tables, checkpoint and close the staging file, then atomically
    replace the served one."""
    path = Path(con.execute("select path from duckdb_databases() where database_name = "
                            "current_database()").fetchone()[0])
    con.execute((SQL_DIR / "materialize.sql").read_text(encoding="utf-8"))
    con.execute("checkpoint")
    con.close()
    os.replace(path, warehouse)
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
