"""`ingest` and `validate`: load new files into the served warehouse, or only say what would happen.

`ingest` copies the served warehouse to a staging file beside it, loads the new files into
the copy, records the run and publishes the copy atomically (pipelines/warehouse.py), all
under the writer lock. Only after publishing are the files moved: loaded (or partly
accepted) files to <inbox>/processed/, rejected ones to <inbox>/rejected/, with a report
<name>.rapport.txt beside every file that had errors or warnings. A rejected file leaves the warehouse's figures unchanged.

`refresh` rebuilds from the inbox plus processed/ and rejected/ (pipelines/refresh.py),
in the order files were first received, so it gives the same warehouse as the ingests
did. `refresh` never moves files, which is how the demo inbox stays byte-for-byte as
generated; `ingest` refuses a demo inbox for the same reason.
"""
from __future__ import annotations

import json
import shutil
import tempfile
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb

from pipelines import loading, reference, refresh as steps, warehouse
from pipelines.loading import FileResult
from pipelines.reading import file_sha256


class NoWarehouse(RuntimeError):
    """`ingest` adds to a published warehouse; `refresh` builds the first one."""


@dataclass(frozen=True)
class Options:
    """How to treat the files of one ingest or validate run."""

    accept_valid_rows: bool = False
    sheet: str | None = None      # XLSX sheet to read instead of the first


def copy_to_staging(served: Path) -> duckdb.DuckDBPyConnection:
    """An open copy of the served warehouse at the staging path, to load new files into."""
    if not served.exists():
        raise NoWarehouse(f"Geen warehouse op {served}; draai eerst `regiomonitor refresh`. / "
                          f"No warehouse at {served}; run `regiomonitor refresh` first.")
    staging = warehouse.staging_path(served)
    staging.with_name(staging.name + ".wal").unlink(missing_ok=True)
    shutil.copyfile(served, staging)
    return duckdb.connect(str(staging))


def ingest_files(served: Path, files: list[Path], options: Options = Options(),
                 run_id: str = "", flow: str = "ingest",
                 progress: Callable[..., None] = loading.LOG.info) -> list[FileResult]:
    """Load `files` into a copy of the served warehouse and publish it; returns one result per file."""
    check_not_demo(files)
    started = steps.now()
    with warehouse.writer_lock(served):
        con = copy_to_staging(served)
        try:
            results = loading.load_files(con, files, False, steps.steward(), started,
                                         accept_valid_rows=options.accept_valid_rows,
                                         sheet=options.sheet, progress=progress)
            steps.record_run(con, [], run_id or str(uuid.uuid4()), flow, started,
                             loading.summarise(results))
            warehouse.publish(con, served)
        except BaseException:
            con.close()
            warehouse.staging_path(served).unlink(missing_ok=True)
            raise
    return results


def validate_files(served: Path | None, files: list[Path], options: Options = Options()) -> list[FileResult]:
    """A dry run: load into a throwaway copy of the served warehouse (or of the reference data)."""
    with tempfile.TemporaryDirectory(prefix="regiomonitor-validate-") as tmp:
        scratch = Path(tmp) / "scratch.duckdb"
        if served is not None and served.exists():
            shutil.copyfile(served, scratch)  # publish is an os.replace: we copy old or new, whole
            con = duckdb.connect(str(scratch))
        else:
            con = warehouse.create_staging(scratch)
            reference.load_reference(con)
        try:
            return loading.load_files(con, files, False, steps.steward(), steps.now(),
                                      accept_valid_rows=options.accept_valid_rows,
                                      sheet=options.sheet)
        finally:
            con.close()


def would_load(results: list[FileResult]) -> bool:
    """True when every file loads whole (or is already in the warehouse)."""
    return all(r.status in ("loaded", "unchanged") for r in results)


def check_not_demo(files: list[Path]) -> None:
    """Refuse to move generated demo files: tests compare them byte for byte where they are."""
    demo = [f for f in files if steps.is_demo_inbox(f.parent)]
    if demo:
        raise ValueError(f"{demo[0].parent} is de demo-inbox; gebruik `regiomonitor refresh`. / "
                         f"{demo[0].parent} is the demo inbox; use `regiomonitor refresh`.")


def destination(result: FileResult) -> Path:
    """processed/ or rejected/ beside the file's inbox; a different file of the same name keeps
    its own copy (name.<first 8 hex of its hash>.csv), so a rebuild still has every version."""
    inbox = result.path.parent
    if inbox.name in loading.DONE_FOLDERS:
        inbox = inbox.parent
    folder = inbox / ("rejected" if result.status == "rejected" else "processed")
    folder.mkdir(exist_ok=True)
    target = folder / result.path.name
    if target.exists() and result.path.exists() and not target.samefile(result.path) \
            and file_sha256(target) != result.sha256:
        target = folder / f"{result.path.stem}.{result.sha256[:8]}{result.path.suffix}"
    return target


def move_files(results: list[FileResult]) -> list[Path]:
    """Loaded files to processed/, rejected ones to rejected/; a report beside any file with
    errors or warnings."""
    moved = []
    for result in results:
        target = destination(result)
        if result.path.exists() and not (target.exists() and target.samefile(result.path)):
            shutil.move(result.path, target)  # after a retry the file may already be there
        if result.errors or result.warnings:
            target.with_name(target.name + ".rapport.txt").write_text(
                report_text([result]), encoding="utf-8")
        moved.append(target)
    return moved


STATUS_WORDS = {"loaded": "geladen / loaded", "partial": "deels geladen / partly loaded",
                "rejected": "afgewezen / rejected", "unchanged": "al geladen, ongewijzigd / "
                "already loaded, unchanged"}


def report_text(results: list[FileResult]) -> str:
    """A report a steward and a partner can act on, in Dutch and English."""
    lines = []
    for r in results:
        lines.append(f"{r.path.name}: {STATUS_WORDS[r.status]} ({r.rows} rijen/rows)")
        for label, items in (("FOUT/ERROR", r.errors), ("WAARSCHUWING/WARNING", r.warnings)):
            for e in items:
                where = f"rij/row {e.row}" if e.row else "bestand/file"
                cell = f", kolom/column {e.column}" if e.column else ""
                value = f", waarde/value {e.value!r}" if e.value is not None else ""
                lines.append(f"  {label} {where}{cell}{value}: {e.reason_nl} | {e.reason_en}")
    return "\n".join(lines) + "\n"


def report_json(results: list[FileResult]) -> str:
    """The same report for machines."""
    def reasons(items):
        return [{"row": e.row, "column": e.column, "value": e.value, "reason_nl": e.reason_nl,
                 "reason_en": e.reason_en} for e in items]
    return json.dumps({"would_load": would_load(results), "files": [
        {"file": str(r.path), "sha256": r.sha256, "kind": r.kind, "status": r.status,
         "rows": r.rows, "errors": reasons(r.errors), "warnings": reasons(r.warnings)}
        for r in results]}, ensure_ascii=False, indent=2)
