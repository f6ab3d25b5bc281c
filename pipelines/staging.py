"""Land every input in the one staging relation (sql/pipelines/staged.sql) as raw cell text.

Python only decodes and reads: a partner's CSV or XLSX through pipelines/reading.py
(encodings, separators, sheets), a registry extract (CSV or Parquet) through DuckDB's own
reader. Whether a cell holds a valid month, number or name is for the SQL rules
(pipelines/validation.py), the same for both kinds. What stops a file before any row lands
— unreadable, empty, a missing column, the table on another sheet — is an `Unreadable`
carrying its reasons.
"""
from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path

import duckdb

from core.settings import extract_checks
from core.vocabulary import intake_columns
from pipelines import extract_pass, isolated, statements
from pipelines.file_content import NotAWorkbook, NotDecodable, NotText, SheetNotFound, Source, TooLarge
from pipelines.reading import is_extract, is_workbook, read_table, sheet_with_columns
from pipelines.reasons import RowError, reason

# The DuckDB readers an extract may be read with: the only text formatted into SQL here.
EXTRACT_READERS = {".csv": "read_csv($path, all_varchar = true, header = true)",
                   ".parquet": "read_parquet($path)"}


class Unreadable(ValueError):
    """A file that stops before any of its rows is checked; carries the reasons."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.reason_en for e in errors))
        self.errors = errors


def missing_columns(kind: str, header: list[str]) -> list[RowError]:
    """A reason for each required column the header lacks (row 1, as Excel shows it)."""
    present = {str(h).strip().lower() for h in header if h is not None}
    names = ", ".join(c.name for c in intake_columns(kind))
    return [reason("missing_column", c.name, names, row=1, column=c.name)
            for c in intake_columns(kind) if c.required and c.name not in present]


def stage(con: duckdb.DuckDBPyConnection, path: Path, sheet: str | None = None,
          source: Source | None = None) -> tuple[str, bool]:
    """The file's rows into `staged` (created afresh); returns its kind and whether its
    records are already checked and counted in `intake_group` (a registry extract with every
    record fine, pipelines/extract_pass.py: nothing staged). Raises Unreadable.
    `source`: a partner file's bytes already read (and hashed), else the file is read.

    The rules that follow run on as many threads as the input is worth: every core for an
    extract of millions of records, one for a partner file (at most REGIOMONITOR_MAX_ROWS
    rows), whose statements take milliseconds to plan and microseconds to run, so a second
    thread only adds its wake-ups: 12 % of a demo refresh's CPU (docs/benchmarks.md)."""
    statements.run(con, "staged")
    if is_extract(path):
        con.execute("reset threads")
        return "registry", stage_extract(con, path)
    con.execute("set threads = 1")
    stage_partner_file(con, source or path, sheet)
    return "submission", False


def stage_extract(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """A registry extract: counted in one pass when every record is fine (True), else read by
    DuckDB with every column as text, in file order, for the rules to name what fails."""
    reader = EXTRACT_READERS.get(path.suffix.lower(), EXTRACT_READERS[".csv"])
    try:   # the header and the first record in one read (a CSV is sniffed once for both)
        first = con.execute(f"select * from {reader} limit 1", {"path": str(path)})
        header = [d[0].lower() for d in first.description]
        row = first.fetchone()
    except duckdb.Error as err:
        raise Unreadable([reason("unreadable_extract", type(err).__name__, err)]) from err
    missing = missing_columns("registry", header)
    if missing:
        raise Unreadable(missing)
    first_id = next((row[i] for i, name in enumerate(header) if row and name.strip() == "id"), None)
    if extract_pass.counted(con, path, reader, "" if first_id is None else str(first_id)):
        return True
    # every record's text in DuckDB's buffer pool would be 1,6 GB for ten million: bounded, it
    # spills beside the warehouse (validation.check sets the usual limit for the next file)
    con.execute("set memory_limit = ?", [f"{extract_checks().memory_mb}MB"])
    try:   # a record DuckDB cannot read past the lines its sniffer samples (too many cells)
        statements.run(con, "stage_extract", {"path": str(path)}, source=reader)
    except duckdb.Error as err:
        raise Unreadable([reason("unreadable_extract", type(err).__name__, err)]) from err
    return False


def stage_partner_file(con: duckdb.DuckDBPyConnection, path: Source, sheet: str | None) -> None:
    """A partner's CSV or XLSX, every cell as its text, with its row number as Excel shows it."""
    table = read_rows(path, sheet)
    header = [str(h).strip().lower() if h is not None else None for h in table[0][1]]
    missing = missing_columns("submission", header)
    if missing:
        hint = other_sheet_hint(path, sheet)
        raise Unreadable([hint] if hint else missing)
    # an optional column the file leaves out is empty in every row (sector: the default one)
    positions = {field: header.index(name) if name in header else None
                 for name, field, _ in intake_columns("submission")}
    texts = {field: [cell_text(cells[i]) if i is not None and i < len(cells) else ""
                     for _, cells in table[1:]]
             for field, i in positions.items()}
    statements.run(con, "stage_partner", {
        **texts, "sheet": sheet,
        "source_row": [number for number, _ in table[1:]]})


def read_rows(path: Source, sheet: str | None) -> list[tuple[int, list]]:
    """The file's non-empty rows, header first, read in the worker (pipelines/isolated.py);
    Unreadable when there is no table to check. isolated.Crashed passes on: a file that
    crashed the reading is counted by the caller (pipelines/loading.py)."""
    try:
        table = isolated.call(read_table, path, sheet)
    except NotText as err:
        raise Unreadable([reason("binary")]) from err
    except NotDecodable as err:
        raise Unreadable([reason("undecodable", f"0x{err.byte:02X}", err.line)]) from err
    except NotAWorkbook as err:   # random bytes, or an old .xls renamed
        raise Unreadable([reason("not_a_workbook")]) from err
    except SheetNotFound as err:
        raise Unreadable([reason("sheet_missing", err.sheet, ", ".join(err.sheets))]) from err
    except TooLarge as err:  # over a limit in core/settings.py (issues 13, 25)
        raise Unreadable([err.error]) from err
    except isolated.Crashed:
        raise
    except Exception as err:  # any unreadable file is a rejection, never a crash
        raise Unreadable([reason("unreadable", type(err).__name__, err)]) from err
    hint = other_sheet_hint(path, sheet) if len(table) < 2 else None
    if hint:
        raise Unreadable([hint])
    if not table:
        raise Unreadable([reason("empty_file")])
    if len(table) < 2:
        raise Unreadable([reason("header_only")])
    return table


def other_sheet_hint(path: Source, sheet: str | None) -> RowError | None:
    """For a workbook whose table is on another sheet: which one to name with --sheet."""
    if not is_workbook(path) or sheet is not None:
        return None
    required = frozenset(c.name for c in intake_columns("submission") if c.required)
    try:
        name = isolated.call(sheet_with_columns, path, required)
    except isolated.Crashed:
        raise
    except Exception:  # another sheet that cannot be read is no hint; the first sheet's reason stands
        return None
    return reason("other_sheet", name) if name else None


def cell_text(cell: object) -> str:
    """A cell as the text the rules read: strings as they are, spreadsheet numbers with a
    decimal comma (so 1.5 cannot be mistaken for a thousands dot), dates as ISO dates."""
    if type(cell) is str:   # every CSV cell: the common case first
        return cell
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return str(cell).upper()
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, int):
        return str(cell)
    if isinstance(cell, float):
        text = format(decimal.Decimal(repr(cell)).normalize(), "f")
        return text.replace(".", ",")
    return str(cell)
