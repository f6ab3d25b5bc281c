"""The context file (issue 26): population 15-74, registered unemployment and MBO students per
region and year, beside the straight line.

A steward puts a new file at data/reference/context.csv (its source and date in every row) and
runs `regiomonitor refresh`; until a real file ships, the generated demo copy
(data/demo/context.csv) is loaded, flagged as demo. Every row goes through the intake rules of
sql/pipelines/context_check.sql first; one bad cell stops the load with its file, row, column,
value and what was expected, in the wording of data/reference/reasons.csv, and nothing is lost.
"""
from __future__ import annotations

import hashlib
from functools import partial
from pathlib import Path

import duckdb

from core.settings import DEMO_DIR, REFERENCE_DIR
from core.texts import Text, said
from pipelines import reasons, statements
from pipelines.reasons import RowError

REFERENCE_CONTEXT = REFERENCE_DIR / "context.csv"
DEMO_CONTEXT = DEMO_DIR / "context.csv"
COLUMNS = ["region", "year", "population_15_74", "unemployment_pct", "mbo_bbl", "mbo_bol",
           "source", "source_date"]
# Empty cells become null (missing is never zero); the table's types and checks cast the rest.
INSERTED = ", ".join(f"nullif(trim({c}), '')" for c in COLUMNS)


class ContextFileError(ValueError):
    """A context file with bad rows: every one of them, each as a person can act on it, in the
    language of whoever reads it (the reasons come in Dutch and English from reasons.csv)."""

    def __init__(self, path: Path, problems: list[RowError]):
        self.path, self.problems = path, problems
        super().__init__(path)

    def said(self) -> list[Text]:
        """The heading and one line per bad cell."""
        head = said("{file}: nothing loaded; cells to correct: {n}", file=self.path, n=len(self.problems))
        return [head] + [said("{file}, row {row}, column {column} ('{value}'): {reason}",
                              file=self.path.name, row=p.row, column=p.column, value=p.value,
                              reason=partial(_reason, p)) if p.row is not None
                         else said("{file}: {reason}", file=self.path.name, reason=partial(_reason, p))
                         for p in self.problems]

    def __str__(self) -> str:
        return "\n".join(str(line) for line in self.said())


def _reason(problem: RowError, lang: str) -> str:
    """A reason in the reader's language."""
    return problem.reason_nl if lang == "nl" else problem.reason_en


def context_file() -> tuple[Path, bool]:
    """The file to load and whether it is demo data: the reviewed one once it exists."""
    return (REFERENCE_CONTEXT, False) if REFERENCE_CONTEXT.exists() else (DEMO_CONTEXT, True)


def file_sha256(path: Path) -> str:
    """The file's SHA-256: stored with the model, so a refit on another file is visible."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def check(con: duckdb.DuckDBPyConnection, path: Path) -> list[RowError]:
    """The file's problems (empty when it may be loaded); leaves it in temp table context_input."""
    con.execute("create or replace temp table context_input as "
                "select row_number() over () + 1 as row, * "
                "from read_csv(?, all_varchar = true, header = true)", [str(path)])
    present = [c[0] for c in con.execute("describe context_input").fetchall()]
    missing = [c for c in COLUMNS if c not in present]
    if missing:
        return [reasons.reason("missing_column", missing[0], ", ".join(present[1:]))]
    rows = statements.run(con, "context_check").fetchall()
    return [reasons.reason(problem, first_row, row=row, column=col, value=cell)
            for row, col, cell, problem, first_row in rows]


def check_file(path: Path | None = None) -> None:
    """Check a context file on its own, before a refresh starts (the command line says its
    problems in one go); raises ContextFileError."""
    path = path or context_file()[0]
    with duckdb.connect() as con:
        con.execute("create table region as select * from read_csv(?, all_varchar = true)",
                    [str(REFERENCE_DIR / "regions.csv")])
        problems = check(con, path)
    if problems:
        raise ContextFileError(path, problems)


def load_context(con: duckdb.DuckDBPyConnection, path: Path | None = None,
                 is_demo: bool | None = None) -> int:
    """Check the context file, then load it; raises ContextFileError naming every bad cell."""
    default, demo = context_file()
    path, is_demo = path or default, demo if is_demo is None else is_demo
    problems = check(con, path)
    if problems:
        raise ContextFileError(path, problems)
    con.execute(f"insert into context ({', '.join(COLUMNS)}, is_demo) "
                f"select {INSERTED}, ? "
                "from context_input order by row", [is_demo])
    return con.execute("select count(*) from context_input").fetchone()[0]


def load_and_fit(con: duckdb.DuckDBPyConnection, path: Path | None = None,
                 is_demo: bool | None = None) -> dict[str, object]:
    """Load the context file and fit the context model on it once, after the targets are in
    (the model's levels are their baselines); the refresh's summary names the file's hash."""
    from pipelines import context_model   # statsmodels: only the builds that fit need it
    default, demo = context_file()
    path = path or default
    rows = load_context(con, path, demo if is_demo is None else is_demo)
    sha = file_sha256(path)
    return {"rows": rows, "sha256": sha[:16], "models": context_model.fit_all(con, sha)}
