"""Read a partner's CSV or XLSX file as rows of raw cells, with row numbers as Excel shows them.

Nothing is interpreted here: every cell stays text (or the spreadsheet's own value), so
validation can say exactly which cell is wrong instead of a reader silently turning a
column into text.

Reading is bounded (issue 13): a file is read once into memory only when it fits the size
limit, so what is hashed is exactly what is parsed; rows are produced lazily and reading
stops at the row and column limits (regiomonitor/config.py), whatever a sheet declares.
"""
from __future__ import annotations

import csv
import hashlib
import io
import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
# openpyxl's own sheet parser (openpyxl is pinned in pyproject.toml): see _SavedValueOrFormula
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from pipelines.reasons import reason
from regiomonitor.config import Limits, limits as current_limits
from regiomonitor.formatting import fmt_number

SUBMISSION_SUFFIXES = {".csv", ".xlsx"}
# An inline string's text: its own <t>, then the <t> of each rich-text run <r>.
_TEXT, _RUN = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"
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


class TooLarge(ValueError):
    """A file over one of the limits in regiomonitor/config.py; names the limit and the
    setting that moves it, in Dutch and English."""

    def __init__(self, what_nl: str, what_en: str, variable: str):
        self.error = reason("too_large", f"{what_nl} (instelling {variable})",
                            f"{what_en} (setting {variable})")
        self.reason_nl, self.reason_en = self.error.reason_nl, self.error.reason_en
        super().__init__(f"{self.reason_nl} / {self.reason_en}")


def size_error(size: int, limit: int, variable: str) -> TooLarge:
    """A file whose size alone is over the limit: both in MB."""
    def mb(n: int, lang: str) -> str:
        return f"{fmt_number(n / (1024 * 1024), lang, 1)} MB"
    return TooLarge(f"{mb(size, 'nl')}, hoogstens {mb(limit, 'nl')}",
                    f"{mb(size, 'en')}, at most {mb(limit, 'en')}", variable)


@dataclass(frozen=True)
class Content:
    """A partner file's bytes, read once: the hash recorded is the hash of what was parsed,
    even when the file on disk changes afterwards (issue 13: a file still being copied)."""

    name: str
    data: bytes

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def read(cls, path: Path, bound: Limits | None = None) -> Content:
        """The whole file, refused without reading it when it is over the size limit."""
        limit = (bound or current_limits()).file_bytes
        with path.open("rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise size_error(size, limit, "REGIOMONITOR_MAX_FILE_MB")
            data = f.read(limit + 1)
        if len(data) > limit:  # grew while we read it
            raise size_error(len(data), limit, "REGIOMONITOR_MAX_FILE_MB")
        return cls(path.name, data)


Source = Path | Content


def _content(source: Source) -> Content:
    return source if isinstance(source, Content) else Content.read(source)


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


def bounded(rows: Iterator[tuple | list], bound: Limits) -> Iterator[tuple | list]:
    """Pass rows on until one is wider, or there are more, than the limits allow."""
    for number, row in enumerate(rows, start=1):
        if number > bound.rows:
            raise TooLarge(f"meer dan {fmt_number(bound.rows, 'nl')} rijen",
                           f"more than {fmt_number(bound.rows, 'en')} rows", "REGIOMONITOR_MAX_ROWS")
        if len(row) > bound.columns and any(c not in (None, "") for c in row[bound.columns:]):
            raise TooLarge(f"rij {number} heeft {fmt_number(len(row), 'nl')} kolommen, hoogstens "
                           f"{bound.columns}", f"row {number} has {fmt_number(len(row), 'en')} "
                           f"columns, at most {bound.columns}", "REGIOMONITOR_MAX_COLUMNS")
        yield row


class _SavedValueOrFormula(WorkSheetParser):
    """openpyxl's sheet parser, giving each cell what Excel shows in one pass: its saved value,
    or the formula's text when Excel saved none (e.g. '=HYPERLINK(...)' written by a script),
    so validation can say it is a formula. openpyxl offers either the values (data_only) or
    the formulas, which took two reads of the sheet; this keeps both from one."""

    def parse_cell(self, element):
        if element.get("t") == "inlineStr":
            return self.inline_string(element)
        cell = super().parse_cell(element)
        if element.find(FORMULA_TAG) is not None:
            formula = self.parse_formula(element)  # every one: a shared formula's later cells
            if cell["value"] is None:               # are translated from its first
                cell["value"] = formula
        return cell

    def inline_string(self, element) -> dict:
        """A text cell as scripts (openpyxl among them) write it: its text and the text of its
        rich-text runs, as openpyxl's Text.content gives it (phonetic runs left out), without
        building openpyxl's rich-text objects, which took most of the time such a sheet took."""
        coordinate = element.get("r")
        if coordinate:
            row, self.col_counter = coordinate_to_tuple(coordinate)
        else:
            row, self.col_counter = self.row_counter, self.col_counter + 1
        text = element.find(INLINE_STRING)
        value = None if text is None else _inline_text(text)
        return {"row": row, "column": self.col_counter, "value": value, "data_type": "s"}


def _inline_text(text) -> str:
    """An inline string's <t>, then the <t> of each rich-text run <r>, by walking its children
    (ElementTree's path search took a third of the time)."""
    parts = []
    for part in text:
        if part.tag == _TEXT:
            parts.append(part.text or "")
        elif part.tag == _RUN:
            parts.extend(t.text or "" for t in part if t.tag == _TEXT)
    return "".join(parts)


class _Workbook:
    """An XLSX package as openpyxl reads it up to its sheets: shared strings, which styles are
    dates, the date epoch, and each sheet's part in the archive. Worksheets are not opened
    (openpyxl's read-only mode scans a whole sheet for its <dimension> when a writer left it
    out); the one sheet read is parsed once, row by row (`rows`)."""

    def __init__(self, content: Content):
        self._reader = ExcelReader(io.BytesIO(content.data), read_only=True, data_only=True)
        try:
            self._reader.read_manifest()
            self._reader.read_strings()
            self._reader.read_workbook()
            apply_stylesheet(self._reader.archive, self._reader.wb)
            self.parts = {sheet.name: rel.target for sheet, rel in self._reader.parser.find_sheets()
                          if rel.target in self._reader.valid_files}
        except BaseException:
            self.close()
            raise

    @property
    def sheetnames(self) -> list[str]:
        return list(self.parts)

    def rows(self, name: str) -> Iterator[tuple]:
        """The sheet's rows, lazily, each as wide as its last cell; a row the sheet leaves out
        is an empty one, so a row's place is its number as Excel shows it. The declared
        dimension is never read (issue 13: a 1,7 KB file may declare A1:XFD1048576)."""
        wb = self._reader.wb
        with self._reader.archive.open(self.parts[name]) as src:
            parser = _SavedValueOrFormula(src, self._reader.shared_strings, data_only=True,
                                          epoch=wb.epoch, date_formats=wb._date_formats,
                                          timedelta_formats=wb._timedelta_formats)
            expected = 1
            for number, cells in parser.parse():
                if number < expected:   # out of order: openpyxl's reader skips it too
                    continue
                yield from itertools.repeat((), number - expected)
                width = cells[-1]["column"] if cells else 0
                values = [None] * width
                for cell in cells:
                    if 1 <= cell["column"] <= width:
                        values[cell["column"] - 1] = cell["value"]
                yield tuple(values)
                expected = number + 1

    def close(self) -> None:
        self._reader.archive.close()


def sheet_rows(source: Source, sheet: str | None = None, bound: Limits | None = None) -> list[tuple]:
    """Rows of the named sheet, or of the first one: each cell's saved value, or its formula
    text (_SavedValueOrFormula); rows are read one at a time up to the limits."""
    content, bound = _content(source), bound or current_limits()
    workbook = _Workbook(content)
    try:
        if sheet is not None and sheet not in workbook.parts:
            raise SheetNotFound(sheet, workbook.sheetnames)
        name = sheet if sheet is not None else workbook.sheetnames[0]
        return list(bounded(workbook.rows(name), bound))
    finally:
        workbook.close()


def sheet_names(source: Source) -> list[str]:
    """The sheets of a workbook, in order."""
    workbook = _Workbook(_content(source))
    try:
        return workbook.sheetnames
    finally:
        workbook.close()


def csv_rows(source: Source, bound: Limits | None = None) -> list[list[str]]:
    """Rows of a CSV file; the separator (';', ',' or tab) is the one the header uses most."""
    content = _content(source)
    raw = content.data
    if b"\x00" in raw:
        raise NotText(f"{content.name} holds binary content")
    text = decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    return list(bounded(csv.reader(io.StringIO(text), delimiter=delimiter), bound or current_limits()))


def read_table(source: Source, sheet: str | None = None,
               bound: Limits | None = None) -> list[tuple[int, list]]:
    """(row number as Excel shows it, cells) for every non-empty row, header first."""
    content = _content(source)
    rows = (sheet_rows(content, sheet, bound) if content.suffix.lower() == ".xlsx"
            else csv_rows(content, bound))
    return [(i, list(r)) for i, r in enumerate(rows, start=1)
            if any(c not in (None, "") for c in r)]
