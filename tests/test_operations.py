"""Operations that survive real inboxes (issue 13): bounded reads, a safe inbox, no silent
footguns, clean recovery. Every hostile file is generated here; every case is bounded in
time (and, where memory was the problem, measured in a child process)."""
from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from benchmarks import serving
from core.settings import ROOT, limits
from pipelines import inbox, ingest, recovery, warehouse
from pipelines.file_content import TooLarge, file_sha256
from pipelines.flows import refresh  # at import, so Prefect's console log is not a test's capture
from pipelines.reading import read_table
from regiomonitor import cli
from tests.helpers import HEADER, query, tmpfs, wait_for, write_csv

ROW = "AM10;stages;2006-03;5;roc;zorg;"


def timed_cli(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """`regiomonitor …` as a steward runs it (benchmarks.serving.cli); the result and the
    seconds it took, start-up included, to print: tests do not time things (benchmarks do),
    pytest-timeout bounds a run that hangs."""
    started = time.monotonic()
    return serving.cli(*args), time.monotonic() - started


def one_clear_line(result: subprocess.CompletedProcess) -> str:
    """A failure said in one line on stderr, with a non-zero exit and no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


# ---------------------------------------------------------------- resource bounds

def xlsx(path: Path, rows: list[list]) -> Path:
    workbook = openpyxl.Workbook()
    for row in [HEADER.strip().split(";"), *rows]:
        workbook.active.append(row)
    workbook.save(path)
    return path


def edit_sheet(path: Path, edit) -> Path:
    """Rewrite the first sheet's XML inside the zip, as a hostile or broken writer would."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data.decode()).encode()
            dst.writestr(item, data)
    path.write_bytes(buffer.getvalue())
    return path


def declare_whole_sheet(xml: str) -> str:
    edited = re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:XFD1048576"/>', xml)
    assert edited != xml
    return edited


def peak_of(code: str) -> tuple[dict, float]:
    """Run Python `code` (which prints a JSON dict) in a child process under a 2 GB address
    space limit; returns its output and its peak RSS in MB."""
    wrapper = ("import resource, subprocess, sys, json\n"
               "limit = 2 << 30\n"
               "child = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, "
               "text=True, preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)))\n"
               "print(json.dumps({'out': child.stdout, 'err': child.stderr[-2000:], "
               "'rss_kb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))\n")
    done = subprocess.run([sys.executable, "-c", wrapper, code], capture_output=True, text=True,
                          timeout=120, cwd=ROOT, check=True)
    report = json.loads(done.stdout)
    assert report["out"], report["err"]
    return json.loads(report["out"]), report["rss_kb"] / 1024


@pytest.mark.slow
def test_an_xlsx_declaring_the_whole_sheet_reads_its_two_rows_in_bounded_memory(tmp_path):
    rows = [["AM10", "stages", "2006-03", 5, "roc", "zorg", None]]
    honest = xlsx(tmp_path / "eerlijk.xlsx", rows)
    hostile = edit_sheet(xlsx(tmp_path / "vijandig.xlsx", rows), declare_whole_sheet)
    assert hostile.stat().st_size < 10_000
    code = ("import json, sys, time; from pathlib import Path; from pipelines.reading import read_table;"
            "t = time.monotonic(); rows = read_table(Path(sys.argv[-1]));"
            "print(json.dumps({'rows': rows, 'seconds': time.monotonic() - t}))")
    results = {}
    for path in (honest, hostile):
        out, rss = peak_of(code.replace("sys.argv[-1]", repr(str(path))))
        results[path.name] = (out, rss)
    (h_out, h_rss), (v_out, v_rss) = results["eerlijk.xlsx"], results["vijandig.xlsx"]
    assert v_out["rows"] == h_out["rows"] and len(v_out["rows"]) == 2
    assert len(v_out["rows"][1][1]) == 6                    # as wide as its cells, not 16.384
    assert v_rss < h_rss + 20, (h_rss, v_rss)              # memory independent of the declaration
    print(f"\nXFD1048576 XLSX ({hostile.stat().st_size} bytes): {v_out['seconds']:.3f} s, "
          f"peak RSS {v_rss:.0f} MB (honest file {h_rss:.0f} MB)")
    [result] = ingest.validate_files(None, [hostile])
    assert result.status == "loaded" and result.rows == 1


def test_an_xlsx_over_the_row_limit_is_rejected(tmp_path):
    row = ('<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>AM10</t></is></c>'
           '<c r="B{i}" t="inlineStr"><is><t>rommel</t></is></c></row>')
    many = limits().rows + 20_000
    path = edit_sheet(xlsx(tmp_path / "veel.xlsx", []), lambda xml: xml.replace(
        "</row></sheetData>", "</row>" + "".join(row.format(i=i) for i in range(2, many + 2))
        + "</sheetData>"))
    started = time.monotonic()
    [result] = ingest.validate_files(None, [path])
    seconds = time.monotonic() - started
    assert result.status == "rejected"
    [error] = result.errors
    assert "REGIOMONITOR_MAX_ROWS" in error.reason_nl and "100.000" in error.reason_nl
    assert "100,000 rows" in error.reason_en
    print(f"\n{many:,}-row XLSX ({path.stat().st_size / 1e6:.1f} MB): rejected in {seconds:.1f} s")


def junk_csv(path: Path, size: int) -> Path:
    """A CSV with a valid header and junk rows up to `size` bytes, written in blocks."""
    block = ("x;y;z;1;q;w;" + "j" * 50 + "\n") * 10_000
    with path.open("w", encoding="utf-8") as f:
        f.write(HEADER)
        while f.tell() < size:
            f.write(block)
    return path


@pytest.mark.slow
def test_a_big_csv_is_refused_and_never_waits_for_the_lock(published, tmp_path):
    path = junk_csv(tmp_path / "inbox" / "groot.csv", limits().file_bytes + (1 << 20))
    with warehouse.writer_lock(published):  # a load is running: a refusal must not wait for it
        result, seconds = timed_cli("ingest", "--warehouse", str(published), str(tmp_path / "inbox"))
    assert result.returncode == 1
    assert "groot.csv" in result.stderr and "REGIOMONITOR_MAX_FILE_MB" in result.stderr
    assert "GEWEIGERD" in result.stderr and "bestand is te groot: 21,0 MB, hoogstens 20,0 MB" in result.stderr
    assert "Geen bestanden" in result.stdout
    assert path.exists() and query(published, "select count(*) from submission") == [(0,)]
    print(f"\n{path.stat().st_size / 1e6:.0f} MB junk CSV: refused in {seconds:.1f} s (CLI, incl. start-up)")
    # the JSON report says why too (the upload page reads only that)
    report = json.loads(serving.cli("validate", "--json", "--warehouse", str(published), str(path)).stdout)
    assert report["files"] == [] and report["would_load"] is False
    assert [r["reason_en"] for r in report["refused"]] == [
        "file is too large: 21.0 MB, at most 20.0 MB (setting REGIOMONITOR_MAX_FILE_MB)"]


@pytest.mark.parametrize("rows, columns, limit", [(limits().rows + 5, 7, "REGIOMONITOR_MAX_ROWS"),
                                                  (1, 60, "REGIOMONITOR_MAX_COLUMNS")])
def test_rows_and_columns_over_the_limit_name_the_limit(tmp_path, rows, columns, limit):
    path = tmp_path / "breed.csv"
    path.write_text(HEADER + "".join(";".join([ROW] + ["x"] * (columns - 7)) + "\n"
                                     for _ in range(rows)), encoding="utf-8")
    with pytest.raises(TooLarge, match=limit):
        read_table(path)
    [result] = ingest.validate_files(None, [path])
    assert result.status == "rejected" and limit in result.errors[0].reason_en


def test_limits_are_configurable(tmp_path, monkeypatch):
    path = write_csv(tmp_path / "drie.csv", [ROW, ROW.replace("2006-03", "2006-04")])
    monkeypatch.setenv("REGIOMONITOR_MAX_ROWS", "2")
    with pytest.raises(TooLarge, match="REGIOMONITOR_MAX_ROWS"):
        read_table(path)
    monkeypatch.setenv("REGIOMONITOR_MAX_ROWS", "3")
    assert len(read_table(path)) == 3


# ---------------------------------------------------------------- a safe inbox

def test_links_and_special_files_are_refused_and_never_followed(published, tmp_path):
    secret = write_csv(tmp_path / "buiten" / "geheim.csv", [ROW.replace("5", "777")])
    box = tmp_path / "inbox"
    good = write_csv(box / "goed.csv", [ROW])
    (box / "link.csv").symlink_to(secret)
    (box / "binnen.csv").symlink_to(good)
    (box / "etc.csv").symlink_to("/etc/passwd")
    os.mkfifo(box / "fifo.csv")        # opening it would block the run for ever
    old = time.time() - 60
    os.utime(good, (old, old))
    selection = inbox.select([box])
    assert selection.files == [good]
    assert {r.path.name for r in selection.refused} == {"link.csv", "binnen.csv", "etc.csv", "fifo.csv"}
    assert all("symlink" in r.why("en") for r in selection.refused if r.path.name != "fifo.csv")
    results = ingest.ingest_files(published, selection.files)
    assert [(r.path.name, r.status) for r in results] == [("goed.csv", "loaded")]
    assert query(published, "select value from observation") == [(5.0,)]


def test_a_file_still_being_written_waits_and_the_hash_is_that_of_what_was_loaded(published, tmp_path):
    box = tmp_path / "inbox"
    (box / "upload.csv.part").write_text(HEADER + ROW + "\n", encoding="utf-8")   # an upload in progress
    (box / "~$lock.xlsx").write_bytes(b"excel lock file")
    growing = box / "kopie.csv"
    months = [f"2006-{m:02d}" for m in range(1, 13)]

    looked = threading.Event()

    def copy_slowly():
        """A copy in progress, the thing under test: a row every 0.25 s while the inbox is being
        looked at (select waits the settle time, 2 s, and sees the file move), then the rest."""
        with growing.open("w", encoding="utf-8") as f:
            f.write(HEADER)
            for month in months:
                f.write(ROW.replace("2006-03", month) + "\n")
                f.flush()
                looked.wait(0.25)

    writer = threading.Thread(target=copy_slowly)
    writer.start()
    wait_for(lambda: growing.exists() and growing.stat().st_size > len(HEADER), 10, "the copy to begin")
    selection = inbox.select([box])
    looked.set()
    assert selection.files == [] and selection.waiting == [growing]
    writer.join()
    old = time.time() - 60
    os.utime(growing, (old, old))
    selection = inbox.select([box])
    assert selection.files == [growing]
    ingest.move_files(ingest.ingest_files(published, selection.files))
    [(sha, accepted)] = query(published, "select sha256, rows_accepted from submission")
    assert accepted == 12 and file_sha256(box / "processed" / "kopie.csv") == sha
    assert (box / "upload.csv.part").exists()


def test_the_bytes_hashed_are_the_bytes_parsed(published, tmp_path):
    """Even a file that changes between being listed and being read is recorded by the hash of
    the bytes that were checked and loaded."""
    path = write_csv(tmp_path / "inbox" / "a.csv", [ROW])
    listed = file_sha256(path)
    write_csv(path, [ROW, ROW.replace("2006-03", "2006-04")])
    from pipelines import loading
    content, sha = loading.read_once(path, lambda: listed)
    assert sha == file_sha256(path) == content.sha256 != listed


def test_ingest_or_validate_of_an_empty_folder_does_nothing(prefect_harness, published, tmp_path, monkeypatch, capsys):
    elsewhere = write_csv(tmp_path / "elders" / "niet-genoemd.csv", [ROW])
    monkeypatch.setenv("REGIOMONITOR_INBOX", str(elsewhere.parent))
    empty = tmp_path / "leeg"
    empty.mkdir()
    for command in ("ingest", "validate"):
        with pytest.raises(SystemExit) as exit_:
            cli.main([command, "--warehouse", str(published), str(empty)])
        assert exit_.value.code == 0
        assert "Geen bestanden" in capsys.readouterr().out
    assert elsewhere.exists() and not (elsewhere.parent / "processed").exists()
    assert query(published, "select count(*) from pipeline_run") == [(1,)]


def test_a_name_with_invalid_utf8_is_refused_alone(prefect_harness, published, tmp_path, capsys):
    box = tmp_path / "inbox"
    good = write_csv(box / "goed.csv", [ROW])
    bad = Path(os.fsdecode(bytes(box) + b"/caf\xe9.csv"))
    write_csv(bad, [ROW.replace("2006-03", "2006-04")])
    old = time.time() - 60
    for path in (good, bad):
        os.utime(path, (old, old))
    with pytest.raises(SystemExit) as exit_:
        cli.main(["ingest", "--warehouse", str(published), str(box)])
    out, err = capsys.readouterr()
    assert exit_.value.code == 1
    assert "caf\ufffd.csv" in err and "UTF-8" in err
    assert "goed.csv: geladen" in out
    assert bad.exists() and (box / "processed" / "goed.csv").exists()
    assert query(published, "select file_name from submission") == [("goed.csv",)]


@pytest.mark.slow
def test_refresh_from_another_inbox_refuses_to_drop_what_was_received(prefect_harness, published, tmp_path):
    box = tmp_path / "inbox"
    ingest.move_files(ingest.ingest_files(published, [write_csv(box / "roc.csv", [ROW])]))
    other = tmp_path / "andere"
    other.mkdir()
    before = query(published, "select * from observation")
    result = serving.cli("refresh", "--warehouse", str(published), "--inbox", str(other), "--no-demo-targets")
    line = one_clear_line(result)
    assert "roc.csv" in line and "--drop-missing" in line and "1 rij)" in line
    assert query(published, "select * from observation") == before
    refresh(str(published), str(box), False)                    # the inbox it came from: kept
    assert query(published, "select * from observation") == before
    refresh(str(published), str(other), False, drop_missing=True)   # said explicitly: dropped
    assert query(published, "select count(*) from observation") == [(0,)]


# ---------------------------------------------------------------- clean recovery

@pytest.mark.slow
def test_staging_files_of_a_killed_process_go_at_the_next_run(published, tmp_path):
    code = ("import sys, time; from pathlib import Path; from pipelines import warehouse;"
            "con = warehouse.create_staging(Path(sys.argv[1])); con.execute('create table t (x int)');"
            "con.execute('insert into t values (1)'); print('ready', flush=True); time.sleep(600)")
    child = subprocess.Popen([sys.executable, "-c", code, str(published)], stdout=subprocess.PIPE,
                             text=True, cwd=ROOT)
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    assert child.pid in {pid for _, pid in recovery.staging_files(published)}
    ingest.ingest_files(published, [write_csv(tmp_path / "inbox" / "a.csv", [ROW])])
    assert recovery.staging_files(published) == []


@pytest.mark.slow
def test_a_read_only_inbox_publishes_nothing(published, tmp_path):
    with tmpfs(tmp_path / "alleen-lezen", "1m") as box:
        write_csv(box / "a.csv", [ROW])
        old = time.time() - 60
        os.utime(box / "a.csv", (old, old))
        subprocess.run(["mount", "-o", "remount,ro", str(box)], check=True)
        result = serving.cli("ingest", "--warehouse", str(published), str(box))
        line = one_clear_line(result)
        assert "Kan niet schrijven" in line and "er is niets geladen" in line
        with pytest.raises(inbox.InboxError):
            inbox.check_writable([box / "a.csv"])
    assert query(published, "select count(*) from pipeline_run") == [(1,)]


@pytest.mark.slow
def test_lock_contention_is_one_line(published, tmp_path):
    path = write_csv(tmp_path / "inbox" / "a.csv", [ROW])
    with warehouse.writer_lock(published):
        result = serving.cli("ingest", "--warehouse", str(published), str(path))
        english = serving.cli("ingest", "--lang", "en", "--warehouse", str(published), str(path))
    assert "Een andere refresh of ingest schrijft" in one_clear_line(result)
    assert "Another refresh or ingest is writing" in one_clear_line(english)
    assert path.exists()


# ---------------------------------------------------------------- a newcomer's first hour

@pytest.mark.slow
def test_demo_on_a_busy_port_says_so_before_building(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = serving.cli("demo", "--warehouse", str(tmp_path / "w.duckdb"), "--port", str(port))
    line = one_clear_line(result)
    assert f"make demo PORT={port + 1}" in line and "al in gebruik" in line
    assert not (tmp_path / "w.duckdb").exists()


@pytest.mark.slow
def test_make_demo_passes_the_port():
    dry = subprocess.run(["make", "-n", "demo", "PORT=8051"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert "regiomonitor demo --port 8051" in dry
