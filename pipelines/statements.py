"""Run a file of pipeline SQL (sql/pipelines/) on a connection, statement by statement.

A file may hold several statements (the lookups, the macros); each gets the named
parameters it uses, bound with `$name`, never formatted in. The only text put into SQL is
an identifier-like fragment from a fixed list in the caller (e.g. which reader function).

A file is parsed once per process: a refresh runs the rules for each of its ~200 small
files, and parsing their text again each time was a few milliseconds of every file.
"""
from __future__ import annotations

import duckdb

from core.sql_files import sql_text

_PARSED: dict[tuple[str, str | None], tuple[duckdb.Statement, ...]] = {}


def parsed(con: duckdb.DuckDBPyConnection, name: str,
           source: str | None = None) -> tuple[duckdb.Statement, ...]:
    """The statements of sql/pipelines/<name>.sql, its {source} filled in (a fixed reader
    call), parsed on the first connection that runs them: a parsed statement runs on any."""
    key = (name, source)
    if key not in _PARSED:
        text = sql_text(f"pipelines/{name}")
        if source is not None:
            text = text.replace("{source}", source)
        _PARSED[key] = tuple(con.extract_statements(text))
    return _PARSED[key]


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None,
        source: str | None = None) -> duckdb.DuckDBPyConnection:
    """Execute sql/pipelines/<name>.sql; `source` fills its {source} (a fixed reader call)."""
    params = params or {}
    for statement in parsed(con, name, source):
        used = {key: params[key] for key in statement.named_parameters}
        con.execute(statement, used or None)
    return con
