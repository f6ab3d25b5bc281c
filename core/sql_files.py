"""The one loader of SQL text from sql/: the dashboard's and the CLI's named read queries
(sql/queries/<name>.sql) and the pipelines' statements (sql/pipelines/, sql/registry/)."""
from __future__ import annotations

import functools

from core.settings import SQL_DIR


@functools.cache
def sql_text(name: str) -> str:
    """The SQL of sql/<name>.sql, e.g. 'pipelines/checked' (files ship with the code: cached)."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def query_text(name: str) -> str:
    """The SQL of a named query in sql/queries/."""
    return sql_text(f"queries/{name}")
