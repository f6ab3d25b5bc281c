"""A partner's XLSX workbook as rows of cells, read with openpyxl's own parser, bounded.

Split from pipelines/reading.py, which imports it only for a workbook, so that loading CSV
files and registry extracts does not import openpyxl (a tenth of a second of every `ingest`).
"""
from __future__ import annotations

import io
import itertools
from collections.abc import Iterator

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils.cell import coordinate_to_tuple
# openpyxl's sheet parser is private (openpyxl is pinned in pyproject.toml, and tests/
# test_reading_xlsx.py reads real workbooks through it). No public API fits: load_workbook gives a
# cell's saved value or its formula, never both from one read; read-only worksheets trust the
# sheet's declared <dimension> (issue 13: a 1,7 KB file declaring A1:XFD1048576 grew past 6 GB)
# and keep the workbook's date formats (wb._date_formats, below) to themselves.
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import SHEET_MAIN_NS

from pipelines.file_content import Content, SheetNotFound, Source, bounded, content_of
from core.settings import Limits, limits as current_limits

# An inline string's text: its own <t>, then the <t> of each rich-text run <r>.
_TEXT, _RUN = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"


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
    content, bound = content_of(source), bound or current_limits()
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
    workbook = _Workbook(content_of(source))
    try:
        return workbook.sheetnames
    finally:
        workbook.close()
