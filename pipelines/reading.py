"""Read a partner's CSV or XLSX file as rows of raw cells, with row numbers as Excel shows them.

Nothing is interpreted here: every cell stays text (or the spreadsheet's own value), so
validation can say exactly which cell is wrong instead of a reader silently turning a
column into text.
"""
from __future__ import annotations

import csv
import hashlib
import io
from pathlib import Path

import openpyxl

SUBMISSION_SUFFIXES = {".csv", ".xlsx"}
# csv's default limit (128 KiB) would make one huge cell unreadable; validation reports it instead.
csv.field_size_limit(64 * 1024 * 1024)


class SheetNotFound(ValueError):
    """The named sheet is not in the workbook; carries the sheets it does have."""

    def __init__(self, sheet: str, sheets: list[str]):
        super().__init__(f"sheet '{sheet}' not found; sheets: {', '.join(sheets)}")
        self.sheet = sheet
        self.sheets = sheets


class NotText(ValueError):
    """A .csv file with binary content (NUL bytes), e.g. a renamed executable or image."""


def file_sha256(path: Path) -> str:
    """Content hash: the identity of a submission, whatever its file name."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as Dutch offices save CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def sheet_rows(path: Path, sheet: str | None = None) -> list[tuple]:
    """Rows of the named sheet, or of the first one: each cell's saved value, or its formula text.

    A formula whose result Excel never saved (written by a script, or a link) has no value;
    its text (e.g. '=HYPERLINK(...)') is kept so validation can say it is a formula.
    """
    values, formulas = (openpyxl.load_workbook(path, read_only=True, data_only=flag)
                        for flag in (True, False))
    try:
        if sheet is not None and sheet not in values.sheetnames:
            raise SheetNotFound(sheet, values.sheetnames)
        name = sheet if sheet is not None else values.sheetnames[0]
        return [tuple(v if v is not None else f for v, f in zip(vrow, frow))
                for vrow, frow in zip(values[name].iter_rows(values_only=True),
                                      formulas[name].iter_rows(values_only=True))]
    finally:
        values.close()
        formulas.close()


def sheet_names(path: Path) -> list[str]:
    """The sheets of a workbook, in order."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def csv_rows(path: Path) -> list[list[str]]:
    """Rows of a CSV file; the separator (';', ',' or tab) is the one the header uses most."""
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise NotText(f"{path.name} holds binary content")
    text = decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def read_table(path: Path, sheet: str | None = None) -> list[tuple[int, list]]:
    """(row number as Excel shows it, cells) for every non-empty row, header first."""
    rows = sheet_rows(path, sheet) if path.suffix.lower() == ".xlsx" else csv_rows(path)
    return [(i, list(r)) for i, r in enumerate(rows, start=1)
            if any(c not in (None, "") for c in r)]
