"""Read a partner's CSV or XLSX file as rows of raw cells, with row numbers as Excel shows them
(a workbook's sheets: pipelines/xlsx.py).

Nothing is interpreted here: every cell stays text (or the spreadsheet's own value), so
validation can say exactly which cell is wrong instead of a reader silently turning a
column into text.

Reading is bounded (issue 13): a file is read once into memory only when it fits the size
limit, so what is hashed is exactly what is parsed; rows are produced lazily and reading
stops at the row and column limits (core/settings.py), whatever a sheet declares.
"""
from __future__ import annotations

import csv
import io

from core.settings import Limits, limits as current_limits
from pipelines.file_content import NotText, Source, bounded, content_of

# csv's default limit (128 KiB) would make one huge cell unreadable; validation reports it instead.
csv.field_size_limit(64 * 1024 * 1024)


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as Dutch offices save CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


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
