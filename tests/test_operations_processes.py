"""Real processes killed and stopped (issue 13): a refresh killed with -9 is marked Crashed by
the next run, and stopping `regiomonitor demo` leaves no process behind. Slow (each starts
Prefect in a child process)."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from benchmarks.prefect_share import demo_slice
from benchmarks.serving import free_port, start_cli
from core.settings import DEMO_DIR
from pipelines import recovery
from pipelines.flows import refresh  # at import, so Prefect's console log is not a test's capture
from tests.helpers import wait_for

pytestmark = pytest.mark.slow


def descendants(pid: int) -> set[int]:
    """Every process below `pid`, from /proc."""
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = [c for c, p in parents.items() if p == parent]
        found.update(children)
        todo += children
    return found


def command(pid: int) -> str:
    """A process's command line, as `ps` shows it ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and not recovery._is_zombie(pid)


def test_a_refresh_killed_with_minus_9_is_marked_crashed_by_the_next_run(prefect_harness, demo_warehouse,
                                                                          tmp_path):
    from prefect import get_client
    from prefect.client.schemas.objects import StateType
    from prefect.settings import PREFECT_API_URL

    served = tmp_path / "served.duckdb"
    shutil.copyfile(demo_warehouse, served)   # a served warehouse; the child rebuilds it
    env = {"PREFECT_API_URL": PREFECT_API_URL.value()}
    child = start_cli("refresh", "--warehouse", str(served), "--inbox", str(DEMO_DIR / "inbox"),
                      env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    def staging() -> bool:
        return child.pid in {pid for _, pid in recovery.staging_files(served)}
    wait_for(lambda: staging() or child.poll() is not None, 120, "the child's staging file")
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    with get_client(sync_client=True) as client:
        [killed] = [r for r in client.read_flow_runs()
                    if (r.infrastructure_pid or "").endswith(f":{child.pid}")]
        assert killed.state.type == StateType.RUNNING and staging()
        # the next run: a refresh that publishes in seconds (an empty inbox, the demo's files
        # dropped) where the demo inbox takes ~20 s; every flow run starts by recovering
        (tmp_path / "empty").mkdir()
        refresh(str(served), str(tmp_path / "empty"), False, drop_missing=True)
        after = client.read_flow_run(killed.id)
    assert after.state.type == StateType.CRASHED
    assert f":{child.pid} bestaat niet meer" in after.state.message
    assert recovery.staging_files(served) == []


def test_stopping_demo_with_sigterm_leaves_no_process_behind(tmp_path):
    env = {k: None for k in os.environ if k.startswith("PREFECT_API")}   # no Prefect server set
    env["PREFECT_HOME"] = str(tmp_path / "prefect")        # its own temporary Prefect server
    port = free_port()
    # one region's demo files: the same flow, servers and worker as the whole demo inbox, with
    # ~27 s CPU less of refresh before the dashboard answers (7 Dec; docs/benchmarks.md)
    inbox = demo_slice(tmp_path / "inbox", regions=1)
    demo = start_cli("demo", "--warehouse", str(tmp_path / "demo.duckdb"), "--inbox", str(inbox),
                     "--port", str(port), "--prefect-port", str(free_port()),
                     env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    family: set[int] = set()
    try:
        lines = []
        wait_for(lambda: lines.append(demo.stdout.readline()) or "Regiomonitor: http" in lines[-1]
                 or demo.poll() is not None, 240, "the dashboard")
        # the refresh ran on serve's own Prefect server, started first: no temporary one
        # (Prefect logs "Starting temporary server on …" when it starts one)
        assert not any("temporary server" in line for line in lines), "".join(lines)
        wait_for(lambda: any("worker start" in command(p) for p in descendants(demo.pid)), 120,
                 "the Prefect worker")
        family = descendants(demo.pid)
        commands = [command(p) for p in family]
        assert any("prefect server start" in c for c in commands), commands   # serve's own, long-lived
        assert any("prefect worker start --pool regiomonitor" in c for c in commands), commands
        assert not any("loader" in c for c in commands), commands
        # the refresh's reading worker ended with it: gunicorn's workers are forks of this process
        assert not any("pipelines.isolated" in c for c in commands), commands
        demo.send_signal(signal.SIGTERM)
        # gunicorn stops gracefully on SIGTERM (exit 0), after its Prefect worker and server
        assert demo.wait(timeout=60) in (0, 128 + signal.SIGTERM)
        wait_for(lambda: not any(alive(p) for p in family), 15, "the children to end")
    finally:
        for pid in {demo.pid} | family | descendants(demo.pid):
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
