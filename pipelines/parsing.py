"""A Dutch month for a single value outside a file (the CLI's --month), read by the same SQL
macros the intake rules use (sql/pipelines/macros.sql): one definition of 'mrt 2006' and
'15-03-2006', however the value arrives (tests/test_parsing.py reads numbers the same way).
"""
from __future__ import annotations

import datetime as dt
import functools

import duckdb

from pipelines import statements
from pipelines.reasons import templates
from pipelines.staging import cell_text


class ParseError(ValueError):
    """A value that cannot be read; carries the reason in Dutch and English."""

    def __init__(self, reason_nl: str, reason_en: str):
        super().__init__(reason_en)
        self.reason_nl = reason_nl
        self.reason_en = reason_en


@functools.cache
def _macros() -> duckdb.DuckDBPyConnection:
    """An in-memory connection with the macros (temp macros live on their connection; one
    per process, for the CLI's single-threaded use)."""
    return statements.run(duckdb.connect(), "macros")


def _read(macro: str, reason: str, cell: object) -> object:
    """`macro` ('nl_number' or 'nl_month', a fixed name) applied to the cell's text."""
    value = _macros().execute(f"select {macro}(?)", [cell_text(cell)]).fetchone()[0]
    if value is None:
        raise ParseError(*templates()[reason])
    return value


def parse_period(cell: object) -> dt.date:
    """A month as its first day: '2006-03', 'mrt 2006', '2006-03-15', '15-03-2006' or a date."""
    return _read("nl_month", "not_a_month", cell)
