"""Named read queries: sql/queries/<name>.sql, shared by the dashboard and the CLI."""
from __future__ import annotations

import functools

from regiomonitor.config import SQL_DIR


@functools.cache
def query_text(name: str) -> str:
    """The SQL of a named query in sql/queries/."""
    return (SQL_DIR / "queries" / f"{name}.sql").read_text(encoding="utf-8")
