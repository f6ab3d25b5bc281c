"""A bad file affects only itself (issue 25): each partner file is read on its own, in a worker
process under a memory ceiling (pipelines/isolated.py). One that is over a limit or runs the
worker out of memory is rejected with its reason while the others load; one whose reading
crashed twice is quarantined, rejected with its report and never read again
(pipelines/crashes.py); `refresh` does the same. Crashes are real: the worker is killed with
SIGKILL, as the kernel's OOM killer would. Through the browser, the issue's three workbooks
are refused within the timeout and 300 MB in the check's processes."""
from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from pipelines import crashes, ingest, isolated, runs
from tests import expanding
from tests.helpers import HEADER, PARTNER, build, query, write_csv

GOOD_ROW = "AM10;stages;2006-03;5;roc;zorg;"
QUARANTINED_EN = ("reading this file crashed 2 times (the reading process stopped without an answer); "
                  "the file is set aside (quarantined) and is not read again. Please contact the data stewards")


class Killer:
    """Kills the next `count` reading workers with SIGKILL as soon as they read a file, then
    stops. Only while reading: a run that reads a partner file starts its worker early
    (isolated.start), and killing it before it reads would only make the next reading start
    another, with no crash to count."""

    def __init__(self, count: int):
        isolated.shutdown()   # the next reading starts a worker of its own
        self.count, self.killed = count, []
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        deadline = time.monotonic() + 120
        while len(self.killed) < self.count and time.monotonic() < deadline:
            pid = isolated.reading_pid()
            if pid is not None and pid not in self.killed:
                os.kill(pid, signal.SIGKILL)
                self.killed.append(pid)
            time.sleep(0.002)

    def __enter__(self) -> Killer:
        return self

    def __exit__(self, *exc) -> None:
        self.thread.join(timeout=120)


def inbox_of_two(inbox: Path) -> tuple[Path, Path]:
    """a.xlsx, a valid workbook read first (by name), and b.csv, a valid CSV. The workbook's
    20.000 blank rows keep its reading busy ~0,3 s, so that `Killer` finds the worker while it
    reads: a one-row workbook was read within milliseconds, and once, in the whole suite on two
    busy cores, before the Killer's thread got to run (8 Dec: loaded instead of quarantined)."""
    inbox.mkdir(exist_ok=True)
    return expanding.good(inbox / "a.xlsx", blank_rows=20_000), write_csv(inbox / "b.csv", ["AM10;evc_trajecten;2006-03;4;uwv;zorg;"])


def test_a_file_whose_reading_crashed_twice_is_quarantined_and_the_others_load(published, tmp_path):
    a, b = inbox_of_two(tmp_path / "inbox")
    with Killer(2) as killer:
        results = ingest.ingest_files(published, [a, b])
    assert len(killer.killed) == 2
    ingest.move_files(results)
    assert [(r.path.name, r.status) for r in results] == [("a.xlsx", "rejected"), ("b.csv", "loaded")]
    assert [e.reason_en for e in results[0].errors] == [QUARANTINED_EN]
    log = json.loads((tmp_path / "inbox" / crashes.LOG_NAME).read_text())
    assert log == {results[0].sha256: {"file": "a.xlsx", "crashes": 2}}
    report = (tmp_path / "inbox" / "rejected" / "a.xlsx.rapport.txt").read_text(encoding="utf-8")
    assert QUARANTINED_EN in report and "is 2 keer vastgelopen" in report
    assert (tmp_path / "inbox" / "processed" / "b.csv").exists()
    assert query(published, "select count(*) from observation where partner = 'uwv'") == [(1,)]

    # a rebuild (refresh's steps) reads processed/ and rejected/: the quarantined file is
    # not read again (were it read, this valid workbook would load)
    rebuilt = build(tmp_path, tmp_path / "inbox", "rebuilt.duckdb")
    assert set(query(rebuilt, "select file_name, status from submission")) == {
        ("a.xlsx", "rejected"), ("b.csv", "loaded")}
    # a steward who lifts the quarantine (removes its entry) has it read again
    (tmp_path / "inbox" / crashes.LOG_NAME).unlink()
    lifted = build(tmp_path, tmp_path / "inbox", "lifted.duckdb")
    assert set(query(lifted, "select file_name, status from submission")) == {
        ("a.xlsx", "loaded"), ("b.csv", "loaded")}


def test_one_crash_is_read_again_and_then_forgotten(published, tmp_path):
    a, b = inbox_of_two(tmp_path / "inbox")
    said = []
    with Killer(1):
        results = ingest.ingest_files(published, [a, b], progress=lambda text: said.append(str(text)))
    assert [r.status for r in results] == ["loaded", "loaded"]
    assert "a.xlsx: het lezen liep vast (1 van 2)" in said
    assert json.loads((tmp_path / "inbox" / crashes.LOG_NAME).read_text()) == {}


def test_a_dry_run_counts_crashes_within_the_run_and_writes_nothing(tmp_path):
    a, b = inbox_of_two(tmp_path / "inbox")
    with Killer(2):
        results = ingest.validate_files(None, [a, b])
    assert [(r.status, [e.reason_en for e in r.errors]) for r in results] == [
        ("rejected", [QUARANTINED_EN]), ("loaded", [])]
    assert sorted(p.name for p in (tmp_path / "inbox").iterdir()) == ["a.xlsx", "b.csv"]


def test_a_file_that_runs_the_reader_out_of_memory_fails_alone(tmp_path, monkeypatch):
    """Within every limit, but more than the ceiling allows: a MemoryError in the worker is a
    refusal naming the ceiling, and the next file is read by a fresh worker."""
    monkeypatch.setenv("REGIOMONITOR_MAX_READ_MEMORY_MB", "64")   # the worker starts in ~38 MB
    big = expanding.many_rows(tmp_path / "a-groot.xlsx", 60_000)   # read first: ~87 MB
    good = write_csv(tmp_path / "b-goed.csv", [GOOD_ROW])
    results = ingest.validate_files(None, [big, good])
    assert [r.status for r in results] == ["rejected", "loaded"]
    assert [e.reason_en for e in results[0].errors] == [
        "file is too large: reading it needs more than 64.0 MB of memory "
        "(setting REGIOMONITOR_MAX_READ_MEMORY_MB)"]


@pytest.mark.parametrize("ceiling", ["100", "150"])
def test_a_small_ceiling_bounds_the_reading_not_the_worker(tmp_path, monkeypatch, ceiling):
    """Under a ceiling of 100 or 150 MB a workbook of a few rows reads: the worker holds no
    numpy (isolated.NOT_NEEDED), whose import took 122 MB of address space and, under such a
    ceiling, failed with a reason that said nothing of memory ("reading this file crashed 2
    times"; "error return without exception set")."""
    from openpyxl import Workbook

    monkeypatch.setenv("REGIOMONITOR_MAX_READ_MEMORY_MB", ceiling)
    book = Workbook()
    for row in [HEADER.strip(), *(GOOD_ROW.replace("2006-03", month) for month in ("2006-03", "2006-04", "2006-05"))]:
        book.active.append(row.split(";"))
    book.save(tmp_path / "klein.xlsx")
    [result] = ingest.validate_files(None, [tmp_path / "klein.xlsx"])
    assert (result.status, result.rows, result.errors) == ("loaded", 3, [])


def test_refresh_loads_the_good_file_and_rejects_the_expanding_one(prefect_harness, tmp_path):
    from pipelines.flows import refresh

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    expanding.huge_cell(inbox / "cel.xlsx")
    write_csv(inbox / "goed.csv", [GOOD_ROW])
    summary = refresh(str(tmp_path / "w.duckdb"), str(inbox), False)
    assert {k: summary["submissions"][k] for k in ("files_loaded", "files_rejected", "rows_loaded")} == {
        "files_loaded": 1, "files_rejected": 1, "rows_loaded": 1}
    [(reason,)] = query(tmp_path / "w.duckdb", "select reason_en from rejected_row")
    assert reason == ("file is too large: xl/worksheets/sheet1.xml expands to more than 200.0 MB "
                      "(setting REGIOMONITOR_MAX_XLSX_PART_MB)")
    assert sorted(p.name for p in inbox.iterdir()) == ["cel.xlsx", "goed.csv"]   # refresh moves nothing
    assert runs.is_demo_inbox(inbox) is False


# ---------------------------------------------------------------- through the browser

def peak_rss_mb(pids: set[int], seen: dict[int, int], stop: threading.Event, marker: str) -> None:
    """Until `stop`: every process whose command line holds `marker` (the check of one upload)
    and every child of one (its reading worker), with the kernel's peak RSS (VmHWM) of each."""
    while not stop.is_set():
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                status = (entry / "status").read_text()
            except OSError:
                continue
            parent = int(re.search(r"PPid:\s+(\d+)", status).group(1))
            if marker in cmdline or parent in pids:
                pids.add(int(entry.name))
                peak = re.search(r"VmHWM:\s+(\d+) kB", status)
                if peak:
                    seen[int(entry.name)] = max(seen.get(int(entry.name), 0), int(peak.group(1)) // 1024)
        time.sleep(0.01)


@pytest.mark.slow
@pytest.mark.timeout(45, func_only=True)
def test_the_upload_check_refuses_each_expanding_workbook(browser, served_app, tmp_path):
    """The issue's three files sent in the browser: each report names the limit, and the check
    (the `validate` process the upload starts, and its reading worker) stays under 300 MB.
    The bound is three uploads of ~3 s each through Chromium plus making the files (~5 s)."""
    files = {"opmaak.xlsx": expanding.many_cell_formats(tmp_path / "opmaak.xlsx"),
             "teksten.xlsx": expanding.many_shared_strings(tmp_path / "teksten.xlsx"),
             "cel.xlsx": expanding.huge_cell(tmp_path / "cel.xlsx")}
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{served_app}/login")
        page.get_by_label("Gebruikersnaam").fill(PARTNER[0])
        page.get_by_label("Wachtwoord").fill(PARTNER[1])
        page.get_by_role("button", name="Inloggen").click()
        for name, path in files.items():
            page.goto(f"{served_app}/aanleveren")
            pids: set[int] = set()
            seen: dict[int, int] = {}
            stop = threading.Event()
            watcher = threading.Thread(target=peak_rss_mb, args=(pids, seen, stop, "regiomonitor.cli validate --json"), daemon=True)
            watcher.start()
            page.get_by_label("Bestand (CSV of XLSX)").set_input_files(path)
            page.get_by_role("button", name="Controleren").click()
            expect(page.locator("#report-errors")).to_contain_text("bestand is te groot")
            expect(page.locator("#report-errors")).to_contain_text("REGIOMONITOR_MAX_XLSX_PART_MB")
            stop.set()
            watcher.join()
            assert seen, "the check's process was never seen"
            assert max(seen.values()) <= 300, seen
            print(f"\nupload {name}: peak RSS of the check's processes {seen} MB")
    finally:
        context.close()
