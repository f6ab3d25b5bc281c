"""Read-only access to the published warehouse.

The pipelines replace the warehouse file atomically (os.replace). A connection
keeps reading the file it opened, so before each query we compare the file's
inode and modification time and reopen when a new warehouse has been published:
no restart needed, and never a half-loaded view. Each query runs on its own
cursor, because a DuckDB connection is not thread-safe; opening a connection
costs ~40 ms here, so one is kept open between queries.
"""
from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import duckdb
import flask
import pandas as pd

from regiomonitor.queries import query_text

EXTENSION_KEY = "regiomonitor_warehouse"


class Warehouse:
    """A read-only view of the published warehouse that follows new publications."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._changed = threading.Condition()
        self._readers = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._stamp: tuple[int, int] | None = None

    def _stamp_now(self) -> tuple[int, int]:
        stat = os.stat(self.path)
        return stat.st_ino, stat.st_mtime_ns

    @contextlib.contextmanager
    def _reading(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection to the newest warehouse, held open while a query runs.

        DuckDB keeps one database instance per path within a process, so a new
        connection would still see the old file while any old one is open: the old
        connection is closed first, once no query is running on it.
        """
        stamp = self._stamp_now()
        with self._changed:
            if stamp != self._stamp:
                self._changed.wait_for(lambda: self._readers == 0)
                if stamp != self._stamp:
                    if self._con is not None:
                        self._con.close()
                    self._con = duckdb.connect(str(self.path), read_only=True)
                    self._stamp = stamp
            self._readers += 1
            con = self._con
        try:
            yield con
        finally:
            with self._changed:
                self._readers -= 1
                self._changed.notify_all()

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """Run sql/queries/<name>.sql with named parameters; returns a DataFrame."""
        with self._reading() as con:
            cursor = con.cursor()
            try:
                return cursor.execute(query_text(name), params or None).df()
            finally:
                cursor.close()


def current() -> Warehouse:
    """The warehouse of the Dash app serving this request."""
    return flask.current_app.extensions[EXTENSION_KEY]
