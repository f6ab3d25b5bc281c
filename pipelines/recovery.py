"""Clean up after runs that did not finish: kill -9, a full disk, a crash (issue 13).

- Staging files. A load builds `<warehouse>.<pid>.<random>.new` (and DuckDB's `.wal` and
  temporary folder `.tmp` beside it) without the lock, and removes them whatever happens
  (pipelines/warehouse.py:staging). A process killed with -9 cannot: the next load removes
  every staging file whose process no longer runs; those of live processes are builds in
  progress and stay.
- Prefect runs. A process killed with -9 leaves its flow run "Running" forever. Each of our
  flow runs records `<host>:<pid>` as its infrastructure pid; the next run marks runs of a
  pid that no longer exists on this host as Crashed, with a message saying so.
- Disk space: pipelines/disk.py.
"""
from __future__ import annotations

import logging
import os
import re
import shutil
import socket
from pathlib import Path

from core.texts import said

LOG = logging.getLogger("regiomonitor.recovery")
# pipelines/warehouse.py:staging_path names staging files `<warehouse>.<pid>.<random>.new`.
STAGING = re.compile(r"\.(\d+)(?:\.[0-9a-f]+)?\.new(\.wal|\.tmp)?")
FLOWS = ("refresh", "ingest", "geometry")


class CannotRun(RuntimeError):
    """A load that cannot start for a reason outside the program (a full disk, a read-only
    inbox, submissions a rebuild would drop); the command says it in one line."""


def staging_files(warehouse: Path) -> list[tuple[Path, int]]:
    """(file, pid of the process that built it) for every staging file beside `warehouse`."""
    if not warehouse.parent.is_dir():
        return []
    found = []
    for name in sorted(os.listdir(warehouse.parent)):
        match = STAGING.fullmatch(name[len(warehouse.name):]) \
            if name.startswith(warehouse.name) else None
        if match:
            found.append((warehouse.parent / name, int(match.group(1))))
    return found


def remove_stale_staging(warehouse: Path) -> list[Path]:
    """Remove the staging files of processes that no longer run on this host."""
    removed = [p for p, pid in staging_files(warehouse)
               if pid != os.getpid() and is_dead(f"{socket.gethostname()}:{pid}")]
    for path in removed:
        remove_staging(path)
        LOG.warning(said("Removed leftover file: {file}", file=path))
    return removed


def remove_staging(path: Path) -> None:
    """A staging file (or a leftover `.wal` or `.tmp` of one) and DuckDB's WAL and temporary
    folder beside it."""
    for leftover in (path, path.with_name(path.name + ".wal"), path.with_name(path.name + ".tmp")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
        else:
            leftover.unlink(missing_ok=True)


def run_owner() -> str:
    """This process as Prefect's infrastructure pid of a flow run: `<host>:<pid>`."""
    return f"{socket.gethostname()}:{os.getpid()}"


def is_dead(owner: str | None) -> bool:
    """True when `owner` is a process on this host that no longer exists."""
    host, _, pid = (owner or "").rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def claim_and_recover(run_id) -> list[str]:
    """Record this process as the owner of flow run `run_id`, then mark the runs of dead
    owners Crashed; returns the ids of the runs marked."""
    from prefect import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.states import Crashed

    marked = []
    with get_client(sync_client=True) as client:
        if run_id:
            client.update_flow_run(run_id, infrastructure_pid=run_owner())
        running = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=list(FLOWS))),
            flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                type=FlowRunFilterStateType(any_=[StateType.RUNNING]))))
        for run in running:
            if str(run.id) != str(run_id) and is_dead(run.infrastructure_pid):
                client.set_flow_run_state(run.id, Crashed(message=str(said(
                    "Process {pid} no longer exists (killed or crashed); marked by run {run}.",
                    pid=run.infrastructure_pid, run=run_id))), force=True)
                marked.append(str(run.id))
    return marked
