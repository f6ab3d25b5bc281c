"""`ingest` and `validate`: load new files into the served warehouse, or only say what would happen.

`ingest` loads the new files into a staging copy of the served warehouse, records the run
and publishes the copy atomically (pipelines/warehouse.py `staging`): the checks run without
the writer lock, which is taken only to swap the file in. If another load published
meanwhile, the copy is stale and the files load again on the new one. Only after
publishing are the files moved: loaded (or partly accepted) files to <inbox>/processed/,
rejected ones to <inbox>/rejected/, with a report <name>.rapport.txt beside every file that
had errors or warnings. A rejected file leaves the warehouse's figures unchanged.

`refresh` rebuilds from the inbox plus processed/ and rejected/ (pipelines/runs.py),
in the order files were first received, so it gives the same warehouse as the ingests
did. `refresh` never moves files, which is how the demo inbox stays byte-for-byte as
generated; `ingest` refuses a demo inbox for the same reason.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.texts import said
from pipelines import disk, loading, reading, reference, reports, runs, statements, warehouse
from pipelines.file_content import file_sha256
from pipelines.loading import FileResult
from pipelines.warehouse import NoWarehouse  # noqa: F401 (the CLI catches it from here)

ATTEMPTS = 3  # builds of one ingest when other loads keep publishing in between


class OutdatedWarehouse(ValueError):
    """The served warehouse predates the schema this code writes (e.g. typed run records)."""


@dataclass(frozen=True)
class Options:
    """How to treat the files of one ingest or validate run."""

    accept_valid_rows: bool = False
    sheet: str | None = None      # XLSX sheet to read instead of the first
    approve_warnings: bool = False   # a steward checked the file: flagged figures load


def ingest_files(served: Path, files: list[Path], options: Options = Options(),
                 run_id: str = "", flow: str = "ingest",
                 progress: Callable[..., None] = loading.LOG.info) -> list[FileResult]:
    """Load `files` into a copy of the served warehouse and publish it; returns one result per file."""
    check_not_demo(files)
    reading.start_worker(files)
    for attempt in range(1, ATTEMPTS + 1):
        started = runs.now()
        try:
            with warehouse.staging(served, inputs=files) as con:
                check_schema(con, served)
                results = loading.load_files(con, files, False, runs.steward(), started,
                                             accept_valid_rows=options.accept_valid_rows,
                                             sheet=options.sheet, progress=progress,
                                             approve_warnings=options.approve_warnings)
                runs.record_run(con, run_id or str(uuid.uuid4()), flow, started, results)
            return results
        except warehouse.PublishedMeanwhile:
            if attempt == ATTEMPTS:
                raise
            progress(said("Another load published meanwhile; loading again ({attempt}/{attempts})",
                          attempt=attempt + 1, attempts=ATTEMPTS))
    raise AssertionError("unreachable")


def check_schema(con: duckdb.DuckDBPyConnection, served: Path) -> None:
    """`ingest` adds to the served file as it is; one built before the typed run records or the
    macros that publishing computes the metric tables with (sql/pipelines/current_schema.sql)
    needs one `refresh` first, which rebuilds it and keeps its history."""
    if not statements.run(con, "current_schema").fetchone()[0]:
        raise OutdatedWarehouse(str(said("{warehouse} predates the current schema; run `regiomonitor refresh` "
                                         "once.", warehouse=served)))


def validate_files(served: Path | None, files: list[Path], options: Options = Options()) -> list[FileResult]:
    """A dry run: load into a throwaway copy of the served warehouse (or of the reference data)."""
    reading.start_worker(files)
    with tempfile.TemporaryDirectory(prefix="regiomonitor-validate-") as tmp:
        scratch = Path(tmp) / "scratch.duckdb"
        fresh = served is None or not served.exists()
        with warehouse.staging(served or scratch, fresh=fresh, publish_on_exit=False,
                               path=scratch) as con:
            if fresh:
                reference.load_reference(con)
            else:   # the rules read tables an old file lacks (outlier_rule): refresh first
                check_schema(con, served)
            return loading.load_files(con, files, False, runs.steward(), runs.now(),
                                      accept_valid_rows=options.accept_valid_rows,
                                      sheet=options.sheet,
                                      approve_warnings=options.approve_warnings,
                                      count_crashes=False)


def check_not_demo(files: list[Path]) -> None:
    """Refuse to move generated demo files: tests compare them byte for byte where they are."""
    demo = [f for f in files if runs.is_demo_inbox(f.parent)]
    if demo:
        raise ValueError(str(said("{inbox} is the demo inbox; use `regiomonitor refresh`.",
                                  inbox=demo[0].parent)))


def destination(result: FileResult) -> Path:
    """processed/ or rejected/ beside the file's inbox; a different file of the same name keeps
    its own copy (name.<first 8 hex of its hash>.csv), so a rebuild still has every version."""
    folder = loading.inbox_of(result.path) / ("rejected" if result.status == "rejected" else "processed")
    folder.mkdir(exist_ok=True)
    target = folder / result.path.name
    if target.exists() and result.path.exists() and not target.samefile(result.path) \
            and file_sha256(target) != result.sha256:
        target = folder / f"{result.path.stem}.{result.sha256[:8]}{result.path.suffix}"
    return target


def move_files(results: list[FileResult]) -> list[Path]:
    """Loaded files to processed/, rejected ones to rejected/; then a report beside any file
    with errors or warnings. Moving is a rename and needs no room, so a disk that fills here
    stops only the reports, each written whole or not at all, and says which (one DiskFull)."""
    moved = []
    for result in results:
        target = destination(result)
        if result.path.exists() and not (target.exists() and target.samefile(result.path)):
            shutil.move(result.path, target)  # after a retry the file may already be there
        moved.append(target)
    unwritten = []
    for result, target in zip(results, moved):
        if result.errors or result.warnings:
            try:
                write_whole(target.with_name(target.name + ".rapport.txt"), reports.bilingual_report(result))
            except OSError as err:
                if not disk.is_full(err):
                    raise
                unwritten.append(target)
    if unwritten:
        raise disk.reports_not_written(unwritten)
    return moved


def write_whole(path: Path, text: str) -> None:
    """`path` with `text`, or as it was: written beside it under a hidden name, then renamed."""
    part = path.with_name(f".{path.name}.part")
    try:
        part.write_text(text, encoding="utf-8")
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
