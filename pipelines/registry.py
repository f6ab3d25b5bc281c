"""Registry extracts: record-level files (one row per trajectory or place), aggregated in DuckDB.

An extract has the columns id, gemeente_code, indicator, start_date, status, sector and
partner (CSV in UTF-8 with any separator DuckDB detects, or Parquet). It can hold ten
million rows, so nothing here loops over records: DuckDB reads every column as text,
checks and casts in SQL (sql/pipelines/registry_checked.sql), and counts valid records per
region × indicator × month × partner × sector (registry_aggregate.sql). The counts load
under the same rules as a partner submission: all-or-nothing unless the steward accepts
the valid rows, and the revision rule for the same region, partner and month.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pandas as pd

from pipelines.submissions import insert_reasons, replace_and_insert, sql
from pipelines.validation import RowError

EXTRACT_SUFFIXES = {".parquet"}
EXTRACT_COLUMNS = ["id", "gemeente_code", "indicator", "start_date", "status", "sector", "partner"]
TEMP_TABLES = ("extract_raw", "extract_window", "extract_duplicate", "extract_groups",
               "extract_problem", "incoming")
# DuckDB's buffer pool while an extract loads: beyond it the temp tables spill to disk, so a
# ten-million-record extract peaks under 2 GB RSS with Python and pandas loaded (docs/benchmarks.md).
MEMORY_LIMIT = "1GB"
REPORTED_ERRORS = 1000  # a report lists this many; rejected_row keeps every one

# problem code from registry_checked.sql → (column, Dutch reason, English reason)
PROBLEMS = [
    ("id", "id", "id ontbreekt of komt vaker voor in het bestand",
     "id is missing or occurs more than once in the file"),
    ("gemeente_code", "gemeente_code", "onbekende gemeentecode; verwacht GMxxxx uit de gemeentetabel",
     "unknown gemeente code; expected GMxxxx from the gemeente table"),
    ("indicator", "indicator", "onbekende indicator", "unknown indicator"),
    ("start_date", "start_date", "verwacht een datum als 2006-03-15", "expected a date such as 2006-03-15"),
    ("start_date_range", "start_date", "datum buiten de looptijd of in de toekomst",
     "date outside the programme or in the future"),
    ("status", "status", "onbekende status; verwacht gestart, lopend, afgerond, afgebroken of geannuleerd",
     "unknown status; expected gestart, lopend, afgerond, afgebroken or geannuleerd"),
    ("sector", "sector", "onbekende sector", "unknown sector"),
    ("partner", "partner", "onbekende partner", "unknown partner"),
]


def is_extract(path: Path) -> bool:
    """Parquet, or a CSV whose header names gemeente_code and start_date."""
    if path.suffix.lower() in EXTRACT_SUFFIXES:
        return True
    if path.suffix.lower() != ".csv":
        return False
    with path.open("rb") as f:
        header = f.readline(4096).decode("utf-8", errors="replace").lower()
    return "gemeente_code" in header and "start_date" in header


def read_raw(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The extract as temp table extract_raw, every column text, in file order (a record's
    line is its rowid + 2); returns missing columns. The file is read once, into one table."""
    reader = "read_parquet" if path.suffix.lower() == ".parquet" else "read_csv"
    source = f"{reader}(?{'' if reader == 'read_parquet' else ', all_varchar = true, header = true'})"
    columns = [d[0].lower() for d in con.execute(f"select * from {source} limit 0",
                                                 [str(path)]).description]
    missing = [c for c in EXTRACT_COLUMNS if c not in columns]
    if not missing:
        casts = ", ".join(f"{c}::varchar as {c}" for c in EXTRACT_COLUMNS)
        con.execute(f"create or replace temp table extract_raw as select {casts} from {source}",
                    [str(path)])
    return missing


def check_extract(con: duckdb.DuckDBPyConnection, path: Path) -> tuple[list[RowError], bool]:
    """Check the extract in SQL (temp table extract_checked); the first errors, and if it was readable."""
    try:
        missing = read_raw(con, path)
    except duckdb.Error as err:
        return [RowError(None, None, None, "extract niet leesbaar als CSV of Parquet",
                         f"extract not readable as CSV or Parquet ({err})")], False
    if missing:
        return [RowError(1, c, None, f"verplichte kolom '{c}' ontbreekt",
                         f"required column '{c}' is missing") for c in missing], False
    first, last = con.execute("select min(start_date), max(end_date) from programme").fetchone()
    today = dt.date.today()
    con.execute(sql("registry_window"), {
        "first_month": dt.date(first.year, first.month, 1),
        "last_month": min(dt.date(last.year, last.month, 1), dt.date(today.year, today.month, 1))})
    for step in ("registry_duplicates", "registry_checked", "registry_groups"):
        con.execute(sql(step))
    failing = con.execute("select count(*) > 0 from extract_groups where problem is not null").fetchone()[0]
    con.execute(sql("registry_problems"), {"failing": failing})
    rows = con.execute(f"{sql('registry_rejects')} order by c.source_row limit ?",
                       [REPORTED_ERRORS]).fetchall()
    return [RowError(*row) for row in rows], True


def load_extract(con: duckdb.DuckDBPyConnection, path: Path, sha: str, is_demo: bool, who: str,
                 received_at: dt.datetime, accept_valid_rows: bool) -> tuple[str, int, list[RowError]]:
    """Check, aggregate and record one extract; returns status, records counted and errors."""
    sub_id = sha[:16]
    con.register("problem_reason", pd.DataFrame(PROBLEMS, columns=["problem", "column_name",
                                                                   "reason_nl", "reason_en"]))
    con.execute(f"set memory_limit = '{MEMORY_LIMIT}'")
    errors, readable = check_extract(con, path)
    status = "loaded" if not errors else "partial" if accept_valid_rows and readable else "rejected"
    con.execute("begin transaction")
    try:
        counted, rejected = (con.execute("select coalesce(sum(records) filter (where problem is null), 0), "
                                         "coalesce(sum(records) filter (where problem is not null), 0) "
                                         "from extract_groups").fetchone()
                             if readable else (0, 1))
        con.execute("insert into submission values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sub_id, path.name, sha, received_at, who, status,
                     counted if status != "rejected" else 0, rejected, is_demo])
        if readable:
            con.execute(f"insert into rejected_row select ?, * from ({sql('registry_rejects')})",
                        [sub_id])
        else:
            insert_reasons(con, "rejected_row", sub_id, errors)
        if status != "rejected":
            con.execute(sql("registry_aggregate"), {"submission_id": sub_id, "is_demo": is_demo})
            con.execute(sql("registry_gemeente"), {"submission_id": sub_id, "is_demo": is_demo})
            replace_and_insert(con, sub_id, received_at)
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.unregister("problem_reason")
        con.execute("drop view if exists temp.extract_checked")
        for table in TEMP_TABLES:
            con.execute(f"drop table if exists temp.{table}")
    return status, counted if status != "rejected" else 0, errors
