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

import codecs
import csv
import io
from collections.abc import Iterable
from pathlib import Path

from core.settings import Limits, limits as current_limits
from core.vocabulary import EXTRACT_SUFFIXES, SUBMISSION_SUFFIXES
from pipelines.file_content import NotDecodable, NotText, Source, bounded, content_of

# csv's default limit (128 KiB) would make one huge cell unreadable; validation reports it instead.
csv.field_size_limit(64 * 1024 * 1024)
# Text that says its encoding with a byte-order mark: Excel's "Unicode text" (UTF-16 with BOM,
# tab-separated) among them (issue 25). UTF-32's marks first: they begin as UTF-16's do.
MARKED = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
          (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(raw: bytes) -> str:
    """The encoding its byte-order mark names (UTF-16, as Excel's "Unicode text"), else UTF-8
    (with or without BOM), else Windows-1252, as Dutch offices save CSV. A byte none of these
    reads is NotDecodable, naming the byte and its line."""
    encoding = next((name for mark, name in MARKED if raw.startswith(mark)), None)
    try:
        if encoding:
            return raw.decode(encoding)
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("cp1252")
    except UnicodeDecodeError as err:
        raise NotDecodable(raw[err.start], raw.count(b"\n", 0, err.start) + 1) from None


def csv_rows(source: Source, bound: Limits | None = None) -> list[list[str]]:
    """Rows of a CSV file; the separator (';', ',' or tab) is the one the header uses most."""
    content = content_of(source)
    raw = content.data
    if b"\x00" in raw and not raw.startswith(tuple(mark for mark, _ in MARKED)):
        raise NotText(f"{content.name} holds binary content")
    text = decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first_line.count)
    return list(bounded(csv.reader(io.StringIO(text), delimiter=delimiter), bound or current_limits()))


def is_workbook(source: Source | Path) -> bool:
    """Whether a partner file is read as an XLSX workbook (every other one as CSV text)."""
    return source.suffix.lower() == ".xlsx"


def modules_for(paths: Iterable[Path]) -> tuple[str, ...]:
    """The modules reading these files imports (pipelines/xlsx.py, with openpyxl, only for a
    workbook): the reading worker imports them before the first file comes
    (pipelines/isolated.py `start`)."""
    return (__name__, "pipelines.xlsx") if any(map(is_workbook, paths)) else (__name__,)


def is_extract(path: Path) -> bool:
    """Parquet, or a CSV whose header names gemeente_code and start_date: read by DuckDB in
    the run's process (pipelines/staging.py), never by the worker."""
    suffix = path.suffix.lower()
    if suffix not in EXTRACT_SUFFIXES:
        return False
    if suffix not in SUBMISSION_SUFFIXES:
        return True
    with path.open("rb") as f:
        header = f.readline(4096).decode("utf-8", errors="replace").lower()
    return "gemeente_code" in header and "start_date" in header


def start_worker(paths: list[Path]) -> None:
    """Start the reading worker when a partner file is among `paths`, with the readers they
    need imported (pipelines/isolated.py `start`), so that its interpreter and openpyxl start
    on the other core while this process does its own work. Kept out of DuckDB's reach (this
    module imports neither it nor pipelines.isolated until called): `validate` calls it before
    importing pipelines.ingest, whose imports (DuckDB, Prefect's parts) took 0,19 s that the
    worker waited for (docs/benchmarks.md, issue 27: validating a partner XLSX, round 2)."""
    if not all(map(_extract_for_sure, paths)):
        from pipelines import isolated
        isolated.start(modules=modules_for(paths))


def _extract_for_sure(path: Path) -> bool:
    """is_extract, False for a file that cannot be opened: what it is is for the reading to
    say (a worker started for nothing costs only the other core's time)."""
    try:
        return is_extract(path)
    except OSError:
        return False


def read_table(source: Source, sheet: str | None = None,
               bound: Limits | None = None) -> list[tuple[int, list]]:
    """(row number as Excel shows it, cells) for every non-empty row, header first.
    pipelines/xlsx.py (and openpyxl) is imported only for a workbook: an ingest of CSV or
    Parquet extracts starts without it."""
    content = content_of(source)
    if is_workbook(content):
        from pipelines import xlsx
        rows = xlsx.sheet_rows(content, sheet, bound)
    else:
        rows = csv_rows(content, bound)
    return [(i, list(r)) for i, r in enumerate(rows, start=1)
            if any(c not in (None, "") for c in r)]


def sheet_with_columns(source: Source, columns: frozenset[str],
                       bound: Limits | None = None) -> str | None:
    """The first sheet after the first of a workbook whose header names every one of `columns`
    (lower case, stripped), if any: where a partner's table is when the first sheet has none."""
    from pipelines import xlsx
    content = content_of(source)
    for name in xlsx.sheet_names(content, bound)[1:]:
        rows = read_table(content, name, bound)
        if rows and columns <= {str(h).strip().lower() for h in rows[0][1] if h is not None}:
            return name
    return None
