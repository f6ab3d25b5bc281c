"""Run a file of pipeline SQL (sql/pipelines/) on a connection, statement by statement.

A file may hold several statements (the lookups, the macros); each gets the named
parameters it uses, bound with `$name`, never formatted in. The only text put into SQL is
an identifier-like fragment from a fixed list in the caller (e.g. which reader function).
"""
from __future__ import annotations

import duckdb

from regiomonitor.queries import sql_text


def run(con: duckdb.DuckDBPyConnection, name: str, params: dict[str, object] | None = None,
        source: str | None = None) -> duckdb.DuckDBPyConnection:
    """Execute sql/pipelines/<name>.sql; `source` fills its {source} (a fixed reader call)."""
    text = sql_text(f"pipelines/{name}")
    if source is not None:
        text = text.replace("{source}", source)
    params = params or {}
    for statement in con.extract_statements(text):
        used = {key: params[key] for key in statement.named_parameters}
        con.execute(statement.query, used or None)
    return con
