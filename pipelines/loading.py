"""The ingest logic shared by `refresh` (full rebuild) and `ingest` (new files): check each
file and record it in an open warehouse connection, one result per file.

A partner submission is checked by pipelines/validation.py and recorded by
pipelines/submissions.py; a registry extract (record level, recognised by its header) is
validated and aggregated in DuckDB by pipelines/registry.py.
"""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from pipelines import registry, submissions, validation
from pipelines.reading import SUBMISSION_SUFFIXES, Content, Source, TooLarge, file_sha256

DONE_FOLDERS = ("processed", "rejected")
# Progress of long loads, one line per file; the flows pass Prefect's run logger instead.
LOG = logging.getLogger("regiomonitor.loading")


@dataclass
class FileResult:
    """What happened to one file: its status, rows loaded, errors and warnings."""

    path: Path
    sha256: str
    kind: str                       # 'submission' or 'registry'
    status: str                     # loaded, partial, rejected, unchanged
    rows: int = 0
    errors: list[validation.RowError] = field(default_factory=list)
    warnings: list[validation.RowError] = field(default_factory=list)


def is_submission(path: Path) -> bool:
    """A partner file or registry extract the pipelines read (CSV, XLSX, Parquet)."""
    suffixes = SUBMISSION_SUFFIXES | registry.EXTRACT_SUFFIXES
    return path.is_file() and path.suffix.lower() in suffixes


def check_file(con: duckdb.DuckDBPyConnection, source: Source, lookups: validation.Lookups,
               sheet: str | None = None) -> validation.Checked:
    """A partner submission checked cell by cell, with plausibility warnings."""
    checked = validation.check_submission(source, lookups, sheet)
    checked.warnings = submissions.plausibility_warnings(con, checked.records)
    return checked


def load_file(con: duckdb.DuckDBPyConnection, path: Path, sha: str, lookups: validation.Lookups,
              is_demo: bool, who: str, received_at: dt.datetime, accept_valid_rows: bool,
              sheet: str | None = None, content: Content | None = None) -> FileResult:
    """Check and record one file that the warehouse does not have yet (`content`: its bytes,
    already read and hashed)."""
    if registry.is_extract(path):
        status, rows, errors = registry.load_extract(con, path, sha, is_demo, who, received_at,
                                                     accept_valid_rows)
        return FileResult(path, sha, "registry", status, rows, errors)
    checked = check_file(con, content or path, lookups, sheet)
    status = submissions.record_submission(con, path, sha, checked, is_demo, who, received_at,
                                           accept_valid_rows)
    rows = len(checked.records) if status != "rejected" else 0
    return FileResult(path, sha, "submission", status, rows, checked.errors, checked.warnings)


def load_files(con: duckdb.DuckDBPyConnection, files: list[Path], is_demo: bool, who: str,
               at: dt.datetime, received: dict[str, dt.datetime] | None = None,
               partial: frozenset[str] = frozenset(), accept_valid_rows: bool = False,
               sheet: str | None = None,
               progress: Callable[..., None] = LOG.info) -> list[FileResult]:
    """Every file in the order first received (then by name); a hash already loaded is 'unchanged'."""
    received = received or {}
    hashed = sorted(((received.get(sha, at), path.name, path, sha)
                     for path in files for sha in [file_sha256(path)]), key=lambda t: t[:2])
    lookups = validation.lookups_from(con)
    results = []
    for number, (when, _, path, listed_sha) in enumerate(hashed, start=1):
        content, sha = read_once(path, listed_sha)
        if submissions.known_submission(con, sha):
            results.append(FileResult(path, sha, "unknown", "unchanged"))
        else:
            results.append(load_file(con, path, sha, lookups, is_demo, who, when,
                                     accept_valid_rows or sha in partial, sheet, content))
        progress("%d/%d %s: %s, %d rows", number, len(hashed), path.name, results[-1].status,
                 results[-1].rows)
    return results


def read_once(path: Path, listed_sha: str) -> tuple[Content | None, str]:
    """A partner file's bytes and their hash, read once: the bytes parsed are the bytes whose
    hash is recorded, even if the file changed after it was listed (issue 13). Registry
    extracts are streamed by DuckDB instead; a file over the size limit is left for
    validation to reject with the limit's message."""
    if registry.is_extract(path):
        return None, listed_sha
    try:
        content = Content.read(path)
    except TooLarge:
        return None, listed_sha
    return content, content.sha256


def summarise(results: list[FileResult]) -> dict[str, int]:
    """Counts per status and rows loaded, for the run summary."""
    counts = {"loaded": 0, "partial": 0, "rejected": 0, "unchanged_duplicates": 0, "rows": 0}
    for result in results:
        key = "unchanged_duplicates" if result.status == "unchanged" else result.status
        counts[key] += 1
        counts["rows"] += result.rows
    return counts
