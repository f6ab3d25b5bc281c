"""A full disk at each phase of a build (issue 25): refused before it starts with the figures, or
stopped later in one line, and nothing lost: the served file's bytes, the inbox's files, no
staging file left behind.

A real small disk is a tmpfs (root only; skipped elsewhere). The tests that always run fill a
real write instead: DuckDB or Python writing to /dev/full gets ENOSPC from the kernel, and a
sparse input larger than the free disk asks for more room than there is."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

import duckdb
import pytest

from benchmarks import serving
from pipelines import disk, ingest, warehouse
from pipelines.ingest import move_files
from tests.helpers import query, tmpfs, write_csv

MIB = 1024 * 1024
GOOD = "AM10;stages;2006-03;5;roc;zorg;"
BAD = "AM10;stages;2006-Q1;5;roc;zorg;"       # a month that is no month: rejected, with a report


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(folder: Path) -> Path:
    """Write a file in `folder` until its disk is full; returns it."""
    filler = folder / "filler"
    with open(filler, "wb", buffering=0) as out:
        for chunk in (MIB, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * chunk)
            except OSError as err:
                assert err.errno == errno.ENOSPC
    return filler


def room_for(served: Path, need: disk.Need) -> str:
    """A tmpfs size that holds the served file and what the build needs, with 4 MiB to spare."""
    return f"{(served.stat().st_size + need.total) // 1024 + 4096}k"


def staging_left(folder: Path) -> list[str]:
    """Anything a build leaves beside the served file: .new, .wal, .tmp, a copy."""
    return sorted(p.name for p in folder.iterdir()
                  if p.name not in {"published.duckdb", "published.duckdb.lock", "filler", "inbox"})


# 01:26:28.008 | INFO    | prefect - Starting temporary server on …, and the line after it
PREFECT_LOG = re.compile(r"\d\d:\d\d:\d\d\.\d{3} \| |See https://www\.prefect\.io/")


def one_line_at_the_end(result) -> str:
    """A failure said in one line, with a non-zero exit and no traceback. Prefect's own log
    lines come around it (the flow's progress, its temporary server stopping at exit)."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip() and not PREFECT_LOG.match(line)]
    assert len(lines) == 1, result.stderr
    return lines[0]


# ---------------------------------------------------------------- the estimate

def test_the_estimate_counts_the_new_file_wal_spill_and_staging(tmp_path, monkeypatch):
    served = tmp_path / "w.duckdb"
    with open(served, "wb") as f:
        f.truncate(20 * MIB)
    inputs = [tmp_path / "a.csv", tmp_path / "b.csv"]
    for path, size in zip(inputs, (1 * MIB, 3 * MIB)):
        with open(path, "wb") as f:
            f.truncate(size)
    monkeypatch.setenv("REGIOMONITOR_MAX_SPILL_MB", "2")
    need = disk.estimate(served, inputs)
    # new file 1,4 × 20 + 4 = 32 MiB; WAL 16 MiB; spill min(2, 4) = 2 MiB; staging the largest, 3
    assert (need.new_file, need.wal, need.spill, need.staging) == (32 * MIB, 16 * MIB, 2 * MIB, 3 * MIB)
    assert need.total == 53 * MIB
    monkeypatch.setenv("REGIOMONITOR_MAX_SPILL_MB", "100")
    assert disk.estimate(served, inputs).spill == 4 * MIB        # no more than was read
    # a first build: an empty warehouse is 16 MiB, × 1,4 = 22,4 MiB
    assert disk.estimate(tmp_path / "none.duckdb").new_file == int(1.4 * 16 * MIB)


def test_the_refusal_states_the_figures_in_dutch(tmp_path, monkeypatch):
    """The same sparse files (they take no room) on a disk of 8 MiB."""
    monkeypatch.setenv("REGIOMONITOR_MAX_SPILL_MB", "2")
    with tmpfs(tmp_path / "klein", "8m") as small:
        for name, size in (("w.duckdb", 20 * MIB), ("a.csv", 1 * MIB), ("b.csv", 3 * MIB)):
            with open(small / name, "wb") as f:
                f.truncate(size)
        with pytest.raises(disk.DiskFull) as err:
            disk.check(small / "w.duckdb", [small / "a.csv", small / "b.csv"])
    assert str(err.value) == (
        f"Te weinig schijfruimte in {small}: de opbouw heeft ongeveer 53,0 MB nodig, er is 8,0 MB vrij "
        "(nieuw bestand 32,0 MB, WAL 16,0 MB, tijdelijke bestanden 2,0 MB, staging 3,0 MB); er is niets "
        "veranderd.")


def test_what_is_a_full_disk():
    assert disk.is_full(OSError(errno.ENOSPC, "No space left on device"))
    assert disk.is_full(OSError(errno.EDQUOT, "Disk quota exceeded"))
    assert not disk.is_full(OSError(errno.EACCES, "Permission denied"))
    con = duckdb.connect()
    with pytest.raises(duckdb.Error) as err:   # the kernel's ENOSPC, as DuckDB words it
        con.execute("copy (select range from range(100000)) to '/dev/full' (format csv)")
    assert disk.is_full(err.value)
    try:
        raise RuntimeError("wrapped") from err.value
    except RuntimeError as wrapped:
        assert disk.is_full(wrapped)
    with pytest.raises(duckdb.Error) as other:
        con.execute("select * from no_such_table")
    assert not disk.is_full(other.value)


# ---------------------------------------------------------------- before the start

@pytest.mark.slow
def test_a_build_larger_than_the_free_disk_is_refused_with_the_figures(published, tmp_path):
    """Always runs: a sparse input asks for twice the free disk."""
    free = shutil.disk_usage(published.parent).free
    extract = tmp_path / "inbox" / "huge.csv"
    with open(extract, "wb") as f:
        f.write(b"regio;indicator;periode;waarde;partner;sector;opmerking\n")
        f.truncate(2 * free)
    before = digest(published)
    result = serving.cli("ingest", "--warehouse", str(published), str(extract),
                         env={"REGIOMONITOR_MAX_FILE_MB": str(4 * free // MIB)})
    line = one_line_at_the_end(result)
    assert line.startswith(f"Te weinig schijfruimte in {published.parent}: de opbouw heeft ongeveer ")
    assert "nodig, er is " in line and "vrij (nieuw bestand " in line and "er is niets veranderd" in line
    assert len(result.stderr.strip().splitlines()) == 1   # said before Prefect starts: nothing else
    assert digest(published) == before and extract.exists() and staging_left(published.parent) == []


@pytest.mark.slow
def test_the_probe_31_mb_free_for_a_29_mb_warehouse_is_refused_before_it_starts(published, tmp_path):
    """The probe's case, scaled: a disk with 2 MiB free beside the warehouse passed the old check
    (one copy) and failed in DuckDB's WAL; now refresh and ingest say so before they start."""
    size = published.stat().st_size
    with tmpfs(tmp_path / "klein", f"{2 * size // 1024 + 2048}k") as small:
        served = Path(shutil.copyfile(published, small / "published.duckdb"))
        box = tmp_path / "inbox"
        files = [write_csv(box / "a.csv", [GOOD])]
        free = shutil.disk_usage(small).free
        need = disk.estimate(served, files)
        assert size < free < need.total   # room for one copy, as the old check asked
        with pytest.raises(disk.DiskFull):
            ingest.ingest_files(served, files)
        for args in (("ingest", str(files[0])), ("refresh", "--inbox", str(box))):
            result = serving.cli(args[0], "--warehouse", str(served), *args[1:])
            line = one_line_at_the_end(result)
            assert line.startswith(f"Te weinig schijfruimte in {small}: de opbouw heeft ongeveer ")
            assert "er is niets veranderd" in line
        english = serving.cli("ingest", "--lang", "en", "--warehouse", str(served), str(files[0]))
        assert one_line_at_the_end(english).startswith(f"Not enough disk space in {small}: the build "
                                                        "needs about ")
        assert digest(served) == digest(published) and files[0].exists()
        assert staging_left(small) == []


def test_room_held_by_a_dead_build_is_given_back_before_the_check(published, tmp_path):
    files = [write_csv(tmp_path / "inbox" / "a.csv", [GOOD])]
    need = disk.estimate(published, files)
    with tmpfs(tmp_path / "klein", room_for(published, need)) as small:
        served = Path(shutil.copyfile(published, small / "published.duckdb"))
        dead = subprocess.Popen(["true"])
        dead.wait()
        leftover = small / f"published.duckdb.{dead.pid}.0123abcd.new"
        os.rename(fill(small), leftover)          # a build killed with -9 filled the disk
        assert [r.status for r in ingest.ingest_files(served, files)] == ["loaded"]
        assert not leftover.exists() and staging_left(small) == []


# ---------------------------------------------------------------- while building

def test_enospc_inside_a_build_is_one_disk_full_and_the_served_file_stays(published):
    """Always runs: a statement of the build that gets ENOSPC (a write to /dev/full)."""
    before = digest(published)
    with pytest.raises(disk.DiskFull) as err:
        with warehouse.staging(published) as con:
            con.execute("create table t as select range from range(1000)")
            con.execute("copy t to '/dev/full' (format csv)")
    assert str(err.value).startswith(f"Schijf vol in {published.parent} tijdens het opbouwen van het "
                                     "nieuwe bestand; het gepubliceerde datawarehouse")
    assert "\n" not in str(err.value)
    assert digest(published) == before and staging_left(published.parent) == []


def test_more_spill_than_the_setting_allows_is_one_line(published, monkeypatch):
    """DuckDB may spill only what the estimate counted (REGIOMONITOR_MAX_SPILL_MB)."""
    monkeypatch.setenv("REGIOMONITOR_MAX_SPILL_MB", "1")
    before = digest(published)
    with pytest.raises(disk.DiskFull) as err:
        with warehouse.staging(published) as con:
            con.execute("set memory_limit = '40MB'")
            con.execute("set threads = 1")
            con.execute("create table t as select md5(range::varchar) m from range(3000000) order by m")
    assert str(err.value) == ("De opbouw had meer tijdelijke ruimte nodig dan REGIOMONITOR_MAX_SPILL_MB toestaat "
                              "(1,0 MB); er is niets veranderd. Verhoog die als de schijf ruimte heeft.")
    assert digest(published) == before and staging_left(published.parent) == []


@pytest.mark.slow
def test_a_disk_that_fills_while_building_loses_nothing(published, tmp_path):
    box = tmp_path / "inbox"
    files = [write_csv(box / "a.csv", [GOOD]), write_csv(box / "b.csv", [BAD] * 5000)]   # rows to write
    need = disk.estimate(published, files)
    with tmpfs(tmp_path / "klein", room_for(published, need)) as small:
        served = Path(shutil.copyfile(published, small / "published.duckdb"))
        before = digest(served)
        filled = []

        def progress(line) -> None:   # after the first file is read, another process takes the rest
            if not filled:
                filled.append(fill(small))

        with pytest.raises(disk.DiskFull) as err:
            ingest.ingest_files(served, files, progress=progress)
        assert filled, "the build stopped before it read a file"
        assert "tijdens het opbouwen van het nieuwe bestand" in str(err.value)
        assert digest(served) == before and all(f.exists() for f in files)
        assert staging_left(small) == []
        filled[0].unlink()             # room again: the same ingest loads both
        results = ingest.ingest_files(served, files)
        assert [r.status for r in results] == ["loaded", "rejected"]


# ---------------------------------------------------------------- while publishing

@pytest.mark.slow
def test_a_disk_that_fills_while_publishing_loses_nothing(published, tmp_path):
    need = disk.estimate(published)
    with tmpfs(tmp_path / "klein", room_for(published, need)) as small:
        served = Path(shutil.copyfile(published, small / "published.duckdb"))
        before = digest(served)
        with pytest.raises(disk.DiskFull) as err:
            with warehouse.staging(served) as con:
                con.execute("update setting set value = value")   # the build's work is done
                fill(small)                                        # then the disk fills
        assert "tijdens het publiceren" in str(err.value)
        assert digest(served) == before and staging_left(small) == []
        assert query(served, "select count(*) from publication") == query(published,
                                                                          "select count(*) from publication")


@pytest.mark.slow
def test_the_command_ends_in_one_line_when_the_disk_fills_mid_build(published, tmp_path, prefect_api):
    """`regiomonitor ingest` through Prefect: another process fills the disk as soon as the
    staging file appears; the command's last line says so, with no traceback."""
    box = tmp_path / "inbox"
    file = write_csv(box / "a.csv", [GOOD])
    need = disk.estimate(published, [file])
    with tmpfs(tmp_path / "klein", room_for(published, need)) as small:
        served = Path(shutil.copyfile(published, small / "published.duckdb"))
        before = digest(served)
        stop = threading.Event()

        def filler() -> None:
            while not stop.is_set():
                if any(p.name.endswith(".new") for p in small.iterdir()):
                    fill(small)
                    return
                time.sleep(0.002)

        watcher = threading.Thread(target=filler)
        watcher.start()
        try:
            result = serving.cli("ingest", "--warehouse", str(served), str(file), env=prefect_api)
        finally:
            stop.set()
            watcher.join()
        line = one_line_at_the_end(result)
        assert line.startswith(f"Schijf vol in {small} tijdens ")
        assert "het gepubliceerde datawarehouse" in line and "en de inbox zijn ongewijzigd" in line
        assert digest(served) == before and file.exists() and staging_left(small) == []


# ---------------------------------------------------------------- while moving inbox files

def test_a_report_that_cannot_be_written_leaves_no_half_report_and_no_file_behind(published, tmp_path):
    """Always runs: the report's hidden part file is a link to /dev/full, so writing it gets
    ENOSPC. The warehouse is published; the file is in rejected/, with no half report."""
    bad = write_csv(tmp_path / "inbox" / "bad.csv", [BAD])
    results = ingest.ingest_files(published, [bad])
    assert [r.status for r in results] == ["rejected"]
    (tmp_path / "inbox" / "rejected").mkdir()
    os.symlink("/dev/full", tmp_path / "inbox" / "rejected" / ".bad.csv.rapport.txt.part")
    with pytest.raises(disk.DiskFull) as err:
        move_files(results)
    assert str(err.value) == (f"Schijf vol in {bad.parent} tijdens het schrijven van de rapporten: het "
                              "datawarehouse is gepubliceerd en elk bestand staat in processed/ of "
                              "rejected/; geen rapport bij bad.csv.")
    assert os.listdir(bad.parent / "rejected") == ["bad.csv"] and not bad.exists()
    assert move_files(results) == [bad.parent / "rejected" / "bad.csv"]   # room again: a retry
    assert (bad.parent / "rejected" / "bad.csv.rapport.txt").read_text(encoding="utf-8").strip()


@pytest.mark.slow
def test_a_full_inbox_disk_after_publishing_is_one_line_and_loses_no_file(published, tmp_path, prefect_api):
    with tmpfs(tmp_path / "box", "1m") as box:
        bad = write_csv(box / "bad.csv", [BAD])
        old = time.time() - 60
        os.utime(bad, (old, old))
        fill(box)
        result = serving.cli("ingest", "--warehouse", str(published), str(box), env=prefect_api)
        line = one_line_at_the_end(result)
        assert line.startswith(f"Schijf vol in {box} tijdens het schrijven van de rapporten")
        assert line.endswith("geen rapport bij bad.csv.")
        assert not bad.exists() and (box / "rejected" / "bad.csv").read_text(encoding="utf-8").endswith(BAD + "\n")
        assert sorted(p.name for p in (box / "rejected").iterdir()) == ["bad.csv"]   # no half report
        assert query(published, "select file_name, status from submission") == [("bad.csv", "rejected")]
