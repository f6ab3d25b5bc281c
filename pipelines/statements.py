"""Run a file of pipeline SQL (sql/pipelines/) on a connection, statement by statement.

A file may hold several statements (the lookups, the macros); each gets the named
parameters it uses, bound with `$name`, never formatted in. The only text put into SQL is
an identifier-like fragment from a fixed list in the caller (e.g. which reader function).

A file is parsed once per process: a refresh runs the rules for each of its ~200 small
files, and parsing their text again each time was a few milliseconds of every file.
"""
from __future__ import annotations

from collections.abc import Sequence

import duckdb

from core.sql_files import sql_text

_PARSED: dict[tuple[str, str | None], tuple[duckdb.Statement, ...]] = {}

# Rows per VALUES list in `insert_values`: one statement of 20.000 rows took 3,3 s CPU against
# 1,2 s in lists of 1.000 (the statement's binding grows faster than its rows).
VALUES_PER_STATEMENT = 1_000


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


def insert_values(con: duckdb.DuckDBPyConnection, into: str,
                  rows: Sequence[Sequence[object]]) -> int:
    """Insert `rows` into `into` (a table, with its columns in brackets when the rows do not
    give them all; fixed text from the caller) as one VALUES list per VALUES_PER_STATEMENT
    rows, every value bound as a parameter. DuckDB's executemany runs the statement once a
    row, ~1 ms each: 340 rows took 0,34 s CPU, as one list 0,05 s. Returns the rows inserted."""
    for start in range(0, len(rows), VALUES_PER_STATEMENT):
        chunk = rows[start:start + VALUES_PER_STATEMENT]
        row = "(" + ", ".join("?" for _ in chunk[0]) + ")"
        con.execute(f"insert into {into} values " + ", ".join(row for _ in chunk),
                    [value for values in chunk for value in values])
    return len(rows)
