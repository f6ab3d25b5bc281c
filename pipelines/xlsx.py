"""A partner's XLSX workbook as rows of cells, read with openpyxl's own parser, bounded.

Split from pipelines/reading.py, which imports it only for a workbook, so that loading CSV
files and registry extracts does not import openpyxl (a tenth of a second of every `ingest`).

Bounded by what the workbook expands to, never by its zipped size (issue 25: 774 KB declaring
five million cell formats took 4 GB; 827 KB of twenty million shared strings, 2 GB; 410 KB
holding one cell of 400 MiB, 2,5 GB and a crash). Every part that is read streams through a
guard that counts its bytes as they come (a part's declared size can lie) and refuses a text or
value longer than a cell may be before it is ever built; the styles and the shared strings are
read here, counted as they stream, instead of by openpyxl's readers, which build everything
first. Each limit is in core/settings.py and named in the refusal.
"""
from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator
from functools import partial
from xml.etree.ElementTree import iterparse

from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import coordinate_to_tuple, get_column_letter
# openpyxl's sheet parser is private (openpyxl is pinned in pyproject.toml, and tests/
# test_reading_xlsx.py reads real workbooks through it). No public API fits: load_workbook gives a
# cell's saved value or its formula, never both from one read; read-only worksheets trust the
# sheet's declared <dimension> (issue 13: a 1,7 KB file declaring A1:XFD1048576 grew past 6 GB)
# and keep the workbook's date formats to themselves (read here instead: `date_styles`).
from openpyxl.worksheet._reader import FORMULA_TAG, INLINE_STRING, WorkSheetParser
from openpyxl.xml.constants import ARC_STYLE, SHARED_STRINGS, SHEET_MAIN_NS

from core.formats import fmt_number, fmt_size
from core.settings import Limits, limits as current_limits
from core.texts import said
from pipelines.file_content import (Content, NotAWorkbook, SheetNotFound, Source, TooLarge, bounded,
                                   content_of)

# An inline string's text: its own <t>, then the <t> of each rich-text run <r>.
_TEXT, _RUN = f"{{{SHEET_MAIN_NS}}}t", f"{{{SHEET_MAIN_NS}}}r"
_SHARED, _NUMBER_FORMAT, _CELL_FORMATS, _FORMAT = (f"{{{SHEET_MAIN_NS}}}{tag}" for tag in
                                                   ("si", "numFmt", "cellXfs", "xf"))
# The most bytes one character takes in XML: '&#x10FFFF;'. A run of text without '<' longer
# than this many bytes per character of the cell limit is a cell (or value) over that limit.
_BYTES_PER_CHAR = 10
_CHUNK = 1 << 20
EXCEL_COLUMNS = 16_384   # A to XFD: no sheet has more, so no row holds more cells


class _SavedValueOrFormula(WorkSheetParser):
    """openpyxl's sheet parser, giving each cell what Excel shows in one pass: its saved value,
    or the formula's text when Excel saved none (e.g. '=HYPERLINK(...)' written by a script),
    so validation can say it is a formula. openpyxl offers either the values (data_only) or
    the formulas, which took two reads of the sheet; this keeps both from one."""

    def parse_row(self, row):
        """A row, refused before its cells are looked at when it holds more cells than a sheet
        has columns: 4 bytes of XML each, hundreds once parsed (1,5 million: 23 s and 500 MB)."""
        if len(row) > EXCEL_COLUMNS:
            raise TooLarge(said("row {row} holds {n} cells, more than a sheet has columns ({limit})",
                                row=row.get("r", "?"), n=partial(fmt_number, len(row)),
                                limit=partial(fmt_number, EXCEL_COLUMNS)))
        return super().parse_row(row)

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


class _Guarded:
    """One part of the package as a stream that stops at the limits: its uncompressed bytes,
    counted as they come, and the longest run of text without a '<' (one text or value), so
    that a cell of 400 MiB is refused after 320 KB of it, before any parser builds it.
    A part's declared size can lie; CPython's zipfile stops at the declared size itself (and
    then fails the checksum), and this count keeps the bound whatever inflates the part."""

    def __init__(self, stream, part: str, limit: int, variable: str, bound: Limits):
        self._stream, self._part, self._limit, self._variable = stream, part, limit, variable
        self._bound, self._run_limit = bound, bound.cell_chars * _BYTES_PER_CHAR
        self._count = self._run = 0

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:   # a part read whole: in blocks, each counted
            return b"".join(iter(partial(self.read, _CHUNK), b""))
        data = self._stream.read(n)
        self._count += len(data)
        if self._count > self._limit:
            raise part_too_large(self._part, self._limit, self._variable)
        texts = data.split(b"<")
        longest = self._run + len(texts[0])
        if len(texts) > 1:
            longest = max(longest, *map(len, texts[1:]))
            self._run = len(texts[-1])
        else:
            self._run = longest
        if longest > self._run_limit:
            raise TooLarge(said("{part} holds a text of more than {limit} characters",
                                part=self._part, limit=partial(fmt_number, self._bound.cell_chars)),
                           "REGIOMONITOR_MAX_CELL_CHARS")
        return data

    def close(self) -> None:
        self._stream.close()

    def __enter__(self) -> _Guarded:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def part_too_large(part: str, limit: int, variable: str) -> TooLarge:
    return TooLarge(said("{part} expands to more than {limit}", part=part,
                         limit=partial(fmt_size, limit)), variable)


class _BoundedZip(zipfile.ZipFile):
    """The package, every part of it opened through a _Guarded stream: a part streamed
    (sheets, shared strings, styles) up to the part limit, a part that openpyxl reads whole
    into a tree (`read`: the manifest, the workbook, the links) up to the much smaller index
    limit. A declared size over the limit is refused before a byte is inflated."""

    def __init__(self, data: bytes, bound: Limits):
        super().__init__(io.BytesIO(data))
        self.bound = bound

    def open(self, name, mode="r", pwd=None, *, force_zip64=False, whole: bool = False):
        limit, variable = ((self.bound.index_part_bytes, "REGIOMONITOR_MAX_XLSX_INDEX_MB") if whole
                           else (self.bound.part_bytes, "REGIOMONITOR_MAX_XLSX_PART_MB"))
        info = name if isinstance(name, zipfile.ZipInfo) else self.getinfo(name)
        if info.file_size > limit:
            raise part_too_large(info.filename, limit, variable)
        stream = super().open(name, mode, pwd, force_zip64=force_zip64)
        return _Guarded(stream, info.filename, limit, variable, self.bound)

    def read(self, name, pwd=None) -> bytes:
        with self.open(name, pwd=pwd, whole=True) as src:
            return src.read()


def _streamed(source: _Guarded, records_at: int) -> Iterator[tuple[str, object, list]]:
    """iterparse's start and end events with each element's ancestors (the root has none).
    An element with up to `records_at` ancestors (a record, the collection it is in) is
    removed from its parent once its end was handed on, so that a long part never stays in
    memory; what is deeper stays with its record until the record ends."""
    ancestors: list = []
    for event, element in iterparse(source, events=("start", "end")):
        if event == "start":
            yield event, element, ancestors
            ancestors.append(element)
        else:
            ancestors.pop()
            yield event, element, ancestors
            if 1 <= len(ancestors) <= records_at:
                del ancestors[-1][-1]   # the element that just ended is its parent's last child


def shared_strings(archive: _BoundedZip, part: str, bound: Limits) -> list[str]:
    """The shared strings as openpyxl reads them (the text of each <si>, its phonetic runs left
    out, 'x005F_' escapes undone), counted and measured as they stream."""
    strings, chars, parts = [], 0, 0
    # a rich-text run (<r>, its properties, its <t>) is at most ~13 elements; one per character
    most_parts = 13 * bound.cell_chars
    with archive.open(part) as src:
        for event, element, ancestors in _streamed(src, records_at=1):   # <sst><si>
            if event == "start":
                parts = 0 if len(ancestors) == 1 else parts + 1
                if parts > most_parts:
                    raise TooLarge(said("shared string {n} has more than {limit} parts",
                                        n=partial(fmt_number, len(strings) + 1),
                                        limit=partial(fmt_number, most_parts)),
                                   "REGIOMONITOR_MAX_CELL_CHARS")
                continue
            if len(ancestors) != 1 or element.tag != _SHARED:
                continue
            if len(strings) == bound.shared_strings:
                raise TooLarge(said("more than {limit} shared strings",
                                    limit=partial(fmt_number, bound.shared_strings)),
                               "REGIOMONITOR_MAX_XLSX_STRINGS")
            text = _inline_text(element).replace("x005F_", "")
            chars += len(text)
            if len(text) > bound.cell_chars:
                raise TooLarge(said("shared string {n} holds {chars} characters, at most {limit}",
                                    n=partial(fmt_number, len(strings) + 1),
                                    chars=partial(fmt_number, len(text)),
                                    limit=partial(fmt_number, bound.cell_chars)),
                               "REGIOMONITOR_MAX_CELL_CHARS")
            if chars > bound.shared_chars:
                raise TooLarge(said("the shared strings hold more than {limit} characters",
                                    limit=partial(fmt_number, bound.shared_chars)),
                               "REGIOMONITOR_MAX_XLSX_STRING_CHARS")
            strings.append(text)
    return strings


def date_styles(archive: _BoundedZip, part: str, bound: Limits) -> tuple[set[int], set[int]]:
    """Which cell formats show a date and which a duration, as openpyxl's stylesheet decides it
    (a format's first section, custom formats by id, else Excel's built-in ones), from one
    counted pass: only the number format of each <xf> is kept, never the style objects."""
    custom: dict[int, str] = {}
    dates, durations = set(), set()
    elements = index = 0
    with archive.open(part) as src:
        for event, element, ancestors in _streamed(src, records_at=2):   # <styleSheet><cellXfs><xf>
            if event == "start":
                elements += 1
                if elements > bound.styles:
                    raise TooLarge(said("xl/styles.xml declares more than {limit} styles",
                                        limit=partial(fmt_number, bound.styles)),
                                   "REGIOMONITOR_MAX_XLSX_STYLES")
            elif len(ancestors) == 2 and element.tag == _NUMBER_FORMAT:
                custom[int(element.get("numFmtId"))] = element.get("formatCode")
            elif len(ancestors) == 2 and element.tag == _FORMAT and ancestors[-1].tag == _CELL_FORMATS:
                number_format = int(element.get("numFmtId", 0))
                code = custom.get(number_format, BUILTIN_FORMATS.get(number_format))
                if is_date_format(code):
                    dates.add(index)
                if is_timedelta_format(code):
                    durations.add(index)
                index += 1
    return dates, durations


class _Workbook:
    """An XLSX package as openpyxl reads it up to its sheets: shared strings, which styles are
    dates, the date epoch, and each sheet's part in the archive. Worksheets are not opened
    (openpyxl's read-only mode scans a whole sheet for its <dimension> when a writer left it
    out); the one sheet read is parsed once, row by row (`rows`). Every part goes through
    _BoundedZip; the shared strings and the styles through the counted readers above."""

    def __init__(self, content: Content, bound: Limits):
        try:
            self._reader = ExcelReader(io.BytesIO(content.data), read_only=True, data_only=True)
        except zipfile.BadZipFile as err:   # no central directory: not a package at all
            raise NotAWorkbook(content.name) from err
        self._reader.archive.close()
        self._reader.archive = self.archive = _BoundedZip(content.data, bound)
        self.bound = bound
        try:
            self._reader.read_manifest()
            strings = self._reader.package.find(SHARED_STRINGS)
            if strings is not None:
                self._reader.shared_strings = shared_strings(self.archive, strings.PartName[1:], bound)
            self._reader.read_workbook()
            styles = ARC_STYLE if ARC_STYLE in self._reader.valid_files else None
            self.date_formats, self.timedelta_formats = (
                date_styles(self.archive, styles, bound) if styles else (set(), set()))
            self.parts = {sheet.name: rel.target for sheet, rel in self._reader.parser.find_sheets()
                          if rel.target in self._reader.valid_files}
        except BaseException:
            self.close()
            raise

    @property
    def sheetnames(self) -> list[str]:
        return list(self.parts)

    def rows(self, name: str) -> Iterator[tuple]:
        """The sheet's rows, lazily, each as wide as its last cell that holds a value (empty
        cells a writer styled up to column XFD cost nothing); a row the sheet leaves out is an
        empty one, so a row's place is its number as Excel shows it. The declared dimension is
        never read (issue 13: a 1,7 KB file may declare A1:XFD1048576)."""
        wb = self._reader.wb
        with self.archive.open(self.parts[name]) as src:
            parser = _SavedValueOrFormula(src, self._reader.shared_strings, data_only=True,
                                          epoch=wb.epoch, date_formats=self.date_formats,
                                          timedelta_formats=self.timedelta_formats)
            expected = 1
            for number, cells in parser.parse():
                if number < expected:   # out of order: openpyxl's reader skips it too
                    continue
                yield from itertools.repeat((), number - expected)
                width = max((cell["column"] for cell in cells if cell["value"] is not None), default=0)
                values = [None] * width
                for cell in cells:
                    if 1 <= cell["column"] <= width:
                        values[cell["column"] - 1] = self.checked(cell["value"], number, cell["column"])
                yield tuple(values)
                expected = number + 1

    def checked(self, value: object, row: int, column: int) -> object:
        """A cell's value, refused when its text is longer than a cell may be."""
        if isinstance(value, str) and len(value) > self.bound.cell_chars:
            raise TooLarge(said("cell {cell} holds {chars} characters, at most {limit}",
                                cell=f"{get_column_letter(column)}{row}",
                                chars=partial(fmt_number, len(value)),
                                limit=partial(fmt_number, self.bound.cell_chars)),
                           "REGIOMONITOR_MAX_CELL_CHARS")
        return value

    def close(self) -> None:
        self._reader.archive.close()


def sheet_rows(source: Source, sheet: str | None = None, bound: Limits | None = None) -> list[tuple]:
    """Rows of the named sheet, or of the first one: each cell's saved value, or its formula
    text (_SavedValueOrFormula); rows are read one at a time up to the limits."""
    content, bound = content_of(source), bound or current_limits()
    workbook = _Workbook(content, bound)
    try:
        if sheet is not None and sheet not in workbook.parts:
            raise SheetNotFound(sheet, workbook.sheetnames)
        name = sheet if sheet is not None else workbook.sheetnames[0]
        return list(bounded(workbook.rows(name), bound))
    finally:
        workbook.close()


def sheet_names(source: Source, bound: Limits | None = None) -> list[str]:
    """The sheets of a workbook, in order."""
    workbook = _Workbook(content_of(source), bound or current_limits())
    try:
        return workbook.sheetnames
    finally:
        workbook.close()
