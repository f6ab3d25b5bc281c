"""What a build needs on disk, checked before it starts; a disk that fills later, said in one line
(issue 25: with 31 MB free and a 29 MB warehouse the old check, one copy of the warehouse,
passed, and the build ended in a traceback from DuckDB's `.new.wal`).

A build (refresh, ingest, geometry, a review decision) writes beside the served warehouse, on
the same disk, until it is published:

- the new file: a fresh build or a copy of the served one, and publishing rewrites the metric
  tables without giving back the old blocks: an ingest of one row into the 21,0 MB demo
  warehouse gave a 28,8 MB file (× 1,37), into the 16,3 MB empty one 21,8 MB (× 1,34). So
  GROWTH × the served file (at least an empty warehouse's size), plus the new inputs' bytes
  (their rows, stored compressed, take less than the CSV);
- the WAL: DuckDB checkpoints it into the file once it passes `checkpoint_threshold`, which
  the build sets to WAL_BYTES; both exist until then (4,6 MB at the ingest's peak);
- spill: what a query does not fit in memory goes to `<staging file>.tmp`; the build bounds it
  by REGIOMONITOR_MAX_SPILL_MB (DuckDB's default is 90 % of the free disk) and it is at most
  about the inputs read, so the smaller of the two counts;
- staging: each file's rows land as raw text in the `staged` table before the rules keep what
  they accept, so the largest input counts once more.

Measured peaks (statvfs every millisecond, tmpfs): a demo refresh over a 21,0 MB warehouse
used 29,0 MB beyond it, an ingest of one row 33,2 MB; the estimate says 47,8 MB and 45,4 MB.

Whatever the estimate, the disk can still fill (another process, a registry extract that
spills more): any ENOSPC or EDQUOT, as an OSError or in a DuckDB error's text, becomes one
DiskFull. The served file is only ever replaced by os.replace of a finished file, and inbox
files move only after publishing, so the served warehouse and the inbox stay as they were.
"""
from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import duckdb

from core.formats import fmt_size
from core.settings import max_spill_bytes
from core.texts import N_, _, said
from pipelines import recovery
from pipelines.recovery import CannotRun

MIB = 1024 * 1024
GROWTH = 1.4                 # the new file against the served one (measured × 1,37 and × 1,34)
EMPTY_WAREHOUSE = 16 * MIB   # reference data, the schematic map, no submissions: 16,3 MB
WAL_BYTES = 16 * MIB         # DuckDB's checkpoint_threshold, set on every build
# What the operating system says when a disk is full; DuckDB puts it in its error's text.
FULL_ERRNOS = (errno.ENOSPC, errno.EDQUOT)
FULL_TEXTS = tuple(os.strerror(n) for n in FULL_ERRNOS)

# The moments of a build a full disk can stop it at.
COPYING = N_("copying the warehouse")
BUILDING = N_("building the new file")
PUBLISHING = N_("publishing")


class DiskFull(CannotRun):
    """Not enough room to start a build, or the disk filled while it ran."""


@dataclass(frozen=True)
class Need:
    """What a build writes beside the served warehouse, in bytes, term by term."""

    new_file: int
    wal: int
    spill: int
    staging: int

    @property
    def total(self) -> int:
        return self.new_file + self.wal + self.spill + self.staging


def estimate(warehouse: Path, inputs: Sequence[Path] = ()) -> Need:
    """The room a build of `warehouse` with the new files `inputs` needs (the module says why)."""
    served = warehouse.stat().st_size if warehouse.exists() else 0
    sizes = [p.stat().st_size for p in inputs if p.exists()]
    read = sum(sizes)
    return Need(new_file=int(GROWTH * max(served, EMPTY_WAREHOUSE)) + read, wal=WAL_BYTES,
                spill=min(max_spill_bytes(), read), staging=max(sizes, default=0))


def folder_of(warehouse: Path) -> Path:
    """The folder the build writes in, or its nearest existing parent (made when it starts)."""
    folder = warehouse.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def check(warehouse: Path, inputs: Sequence[Path] = ()) -> Need:
    """Refuse to start a build the disk has no room for, with the figures. What the staging
    files of dead builds (kill -9) hold is given back first."""
    recovery.remove_stale_staging(warehouse)
    need, folder = estimate(warehouse, inputs), folder_of(warehouse)
    free = shutil.disk_usage(folder).free
    if free < need.total:
        size = partial(partial, fmt_size)
        raise DiskFull(str(said(
            "Not enough disk space in {folder}: the build needs about {needed}, {free} is free (new "
            "file {file}, WAL {wal}, temporary files {spill}, staging {staging}); nothing was changed.",
            folder=folder, needed=size(need.total), free=size(free), file=size(need.new_file),
            wal=size(need.wal), spill=size(need.spill), staging=size(need.staging))))
    return need


def configure(con: duckdb.DuckDBPyConnection) -> None:
    """Hold a build to the WAL and spill the estimate counts."""
    con.execute("set checkpoint_threshold = ?", [f"{WAL_BYTES // MIB}MiB"])
    con.execute("set max_temp_directory_size = ?", [f"{max_spill_bytes() // MIB}MiB"])


def is_full(err: BaseException | None) -> bool:
    """True when `err`, or what caused it, is the disk being full (or over quota)."""
    seen = set()
    while err is not None and id(err) not in seen:
        seen.add(id(err))
        if isinstance(err, DiskFull) or (isinstance(err, OSError) and err.errno in FULL_ERRNOS):
            return True
        if isinstance(err, duckdb.Error) and any(text in str(err) for text in FULL_TEXTS):
            return True
        err = err.__cause__ or err.__context__
    return False


def said_in_one_line(err: BaseException, phase: str, warehouse: Path, staging: Path) -> DiskFull | None:
    """What a build that failed on `err` says instead of a traceback: a full disk, or more spill
    than REGIOMONITOR_MAX_SPILL_MB allows; None for any other error."""
    if isinstance(err, DiskFull):
        return None   # said already
    if is_full(err):
        return full_while(phase, warehouse, staging)
    if isinstance(err, duckdb.OutOfMemoryException) and "max_temp_directory_size" in str(err):
        return DiskFull(str(said(
            "The build needed more temporary space than REGIOMONITOR_MAX_SPILL_MB allows ({limit}); "
            "nothing was changed. Raise it if the disk has room.",
            limit=partial(fmt_size, max_spill_bytes()))))
    return None


def full_while(phase: str, warehouse: Path, staging: Path) -> DiskFull:
    """The one line for a disk that filled during a build of `staging`: what it was doing, and
    that the served warehouse and the inbox are as they were."""
    return DiskFull(str(said(
        "Disk full in {folder} while {phase}; the served warehouse {warehouse} and the inbox are "
        "unchanged. Make room and run it again.", folder=staging.parent,
        phase=partial(_, phase), warehouse=warehouse)))


def reports_not_written(files: Sequence[Path]) -> DiskFull:
    """The one line for a disk that filled after publishing, while the reports were written."""
    return DiskFull(str(said(
        "Disk full in {folder} while writing the reports: the warehouse is published and every file "
        "is in processed/ or rejected/; no report beside {files}.", folder=files[0].parent.parent,
        files=", ".join(f.name for f in files))))
