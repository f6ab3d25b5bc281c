"""A delivered file's bytes, read once and within the limits, and the errors of reading it.

Shared by the CSV reader (pipelines/reading.py) and the workbook reader (pipelines/xlsx.py),
which both stand on this module and not on each other.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, partial
from pathlib import Path

from core.formats import fmt_number, fmt_size
from core.settings import Limits, limits as current_limits
from core.texts import Text, command_language, said
from pipelines.reasons import RowError, reason


class SheetNotFound(ValueError):
    """The named sheet is not in the workbook; carries the sheets it does have."""

    def __init__(self, sheet: str, sheets: list[str]):
        super().__init__(f"sheet '{sheet}' not found; sheets: {', '.join(sheets)}")
        self.sheet = sheet
        self.sheets = sheets

    def __reduce__(self):   # raised in the reading worker (pipelines/isolated.py), caught here
        return SheetNotFound, (self.sheet, self.sheets)


class NotText(ValueError):
    """A .csv file with binary content (NUL bytes), e.g. a renamed executable or image."""


class NotAWorkbook(ValueError):
    """An .xlsx file that is no zip package at all: random bytes, or an old .xls renamed."""


class NotDecodable(ValueError):
    """A .csv file with a byte that is no character in any encoding it may be in; carries
    the byte and its line, which is all a partner can act on (not the codec's own words)."""

    def __init__(self, byte: int, line: int):
        super().__init__(f"byte 0x{byte:02X} on line {line} is no character")
        self.byte, self.line = byte, line

    def __reduce__(self):   # raised in the reading worker (pipelines/isolated.py), caught here
        return NotDecodable, (self.byte, self.line)


class TooLarge(ValueError):
    """A file over one of the limits in core/settings.py; names the limit and the
    setting that moves it (the reason is kept in Dutch and English, as every reason is).
    A limit no setting moves (Excel's own, such as its 16.384 columns) has no `variable`."""

    def __init__(self, what: Text, variable: str | None = None):
        limit = said("{what} (setting {variable})", what=what, variable=variable) if variable else what
        self.error = reason("too_large", limit("nl"), limit("en"))
        super().__init__(self.why(command_language()))

    def why(self, lang: str) -> str:
        """The reason in `lang`, with the reason table's own wording ('file is too large: …')."""
        return self.error.reason_nl if lang == "nl" else self.error.reason_en

    def __reduce__(self):   # raised in the reading worker (pipelines/isolated.py), caught here
        return _too_large, (self.error, self.args)


def _too_large(error: RowError, args: tuple) -> TooLarge:
    """A TooLarge as the reading worker raised it: its reason, already worded."""
    err = TooLarge.__new__(TooLarge)
    err.error, err.args = error, args
    return err


def size_error(size: int, limit: int, variable: str) -> TooLarge:
    """A file whose size alone is over the limit: both in MB."""
    return TooLarge(said("{size}, at most {limit}", size=partial(fmt_size, size),
                         limit=partial(fmt_size, limit)), variable)


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


def bounded(rows: Iterator[tuple | list], bound: Limits) -> Iterator[tuple | list]:
    """Pass rows on until one is wider, or there are more, than the limits allow."""
    for number, row in enumerate(rows, start=1):
        if number > bound.rows:
            raise TooLarge(said("more than {n} rows", n=partial(fmt_number, bound.rows)),
                           "REGIOMONITOR_MAX_ROWS")
        if len(row) > bound.columns and any(c not in (None, "") for c in row[bound.columns:]):
            raise TooLarge(said("row {row} has {n} columns, at most {limit}", row=number,
                                n=partial(fmt_number, len(row)), limit=bound.columns),
                           "REGIOMONITOR_MAX_COLUMNS")
        yield row
