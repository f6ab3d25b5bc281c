"""Read a partner's CSV or XLSX file as rows of raw cells, with row numbers as Excel shows them
(a workbook's sheets: pipelines/xlsx.py).

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
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipelines.reasons import reason
from regiomonitor.config import Limits, limits as current_limits
from regiomonitor.formatting import fmt_number

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


def content_of(source: Source) -> Content:
    """A partner file's bytes: as already read, or read now."""
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


def csv_rows(source: Source, bound: Limits | None = None) -> list[list[str]]:
    """Rows of a CSV file; the separator (';', ',' or tab) is the one the header uses most."""
    content = content_of(source)
    raw = content.data
    if b"\x00" in raw:
        raise NotText(f"{content.name} holds binary content")
    text = decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    return list(bounded(csv.reader(io.StringIO(text), delimiter=delimiter), bound or current_limits()))


def read_table(source: Source, sheet: str | None = None,
               bound: Limits | None = None) -> list[tuple[int, list]]:
    """(row number as Excel shows it, cells) for every non-empty row, header first.
    pipelines/xlsx.py (and openpyxl) is imported only for a workbook: an ingest of CSV or
    Parquet extracts starts without it."""
    content = content_of(source)
    if content.suffix.lower() == ".xlsx":
        from pipelines import xlsx
        rows = xlsx.sheet_rows(content, sheet, bound)
    else:
        rows = csv_rows(content, bound)
    return [(i, list(r)) for i, r in enumerate(rows, start=1)
            if any(c not in (None, "") for c in r)]
