"""A registry extract with failing records (issue 27): under the ceiling every reason is kept
and named by its line, as before; past it (REGIOMONITOR_MAX_EXTRACT_FAILING) the extract is
refused whole, --accept-valid-rows or not, with at most REGIOMONITOR_EXTRACT_REASONS_PER_KIND
reasons of each kind; and checking one whose every record fails stays within a bounded
memory (REGIOMONITOR_EXTRACT_CHECK_MEMORY_MB), measured in a process of its own."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from core.settings import ROOT
from pipelines import ingest
from tests.helpers import query
from tests.test_extract_pass import clean_records, write_extract

UNKNOWN = "gemeente_code"
STATUS = "status"


def mixed_extract(path, clean: int, unknown: int, bad_status: int):
    """`clean` fine records, then `unknown` with an unknown gemeente code, then `bad_status`
    with an unknown status: lines 2.., in that order."""
    rows = (clean_records(clean)
            + [f"U{i:07d},GM9999,stages,2006-03-04,gestart,zorg,uwv" for i in range(unknown)]
            + [f"S{i:07d},GM0363,stages,2006-03-04,bezig,zorg,uwv" for i in range(bad_status)])
    return write_extract(path, rows)


def test_under_the_ceiling_every_reason_is_kept_and_the_valid_records_may_load(published,
                                                                              monkeypatch):
    """60 failing records, ceiling 60: nothing changes from a check without a ceiling: every
    reason listed in line order and kept in rejected_row, the valid records load as partial."""
    monkeypatch.setenv("REGIOMONITOR_MAX_EXTRACT_FAILING", "60")
    monkeypatch.setenv("REGIOMONITOR_EXTRACT_REASONS_PER_KIND", "3")
    path = mixed_extract(published.parent / "inbox" / "register.csv", 100, 40, 20)
    [result] = ingest.ingest_files(published, [path], ingest.Options(accept_valid_rows=True))
    assert (result.status, result.rows, result.rows_rejected, result.error_count) == ("partial", 100, 60, 60)
    assert [e.row for e in result.errors] == list(range(102, 162))
    assert {e.column for e in result.errors} == {UNKNOWN, STATUS}
    assert query(published, "select count(*) from rejected_row") == [(60,)]


@pytest.mark.parametrize("accept_valid_rows", [False, True])
def test_past_the_ceiling_the_extract_is_refused_whole_with_the_first_reasons_of_each_kind(
        published, monkeypatch, accept_valid_rows):
    """61 failing records, ceiling 60, 3 per kind: refused even when the steward accepts the
    valid rows; the first reason says why and with which numbers, then the first 3 of each
    kind by line, and the count still counts every failing cell. Nothing is published."""
    monkeypatch.setenv("REGIOMONITOR_MAX_EXTRACT_FAILING", "60")
    monkeypatch.setenv("REGIOMONITOR_EXTRACT_REASONS_PER_KIND", "3")
    path = mixed_extract(published.parent / "inbox" / "register.csv", 100, 41, 20)
    [result] = ingest.ingest_files(published, [path], ingest.Options(accept_valid_rows=accept_valid_rows))
    assert (result.status, result.rows, result.rows_rejected, result.error_count) == ("rejected", 0, 61, 62)
    first, *listed = result.errors
    assert (first.row, first.column, first.value) == (None, None, None)
    assert first.reason_en.startswith("too many records with an error: 61, at most 60;")
    assert "de eerste 3 vermeld" in first.reason_nl
    assert [(e.row, e.column) for e in listed] == (
        [(n, UNKNOWN) for n in (102, 103, 104)] + [(n, STATUS) for n in (143, 144, 145)])
    assert "unknown region" in listed[0].reason_en and "unknown status" in listed[3].reason_en
    assert query(published, "select count(*) from rejected_row") == [(7,)]
    assert query(published, "select count(*) from observation") == [(0,)]


HOSTILE_RECORDS = 1_000_000


@pytest.mark.slow
def test_an_extract_whose_every_record_fails_is_checked_in_bounded_memory(blank_warehouse, tmp_path):
    """A million records, each with an unknown gemeente code and an unknown status, checked by
    `validate` in a fresh process with 128 MB for DuckDB's buffer pool: refused past the
    ceiling, its report bounded, and the process's peak RSS well below what staging and
    naming every cell in memory took (876 MB for this file before the bound)."""
    path = tmp_path / "hostile.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("id,gemeente_code,indicator,start_date,status,sector,partner\n")
        f.writelines(f"R{i},GM9999,stages,2006-03-04,bezig,zorg,uwv\n" for i in range(HOSTILE_RECORDS))
    served = tmp_path / "served.duckdb"
    shutil.copyfile(blank_warehouse, served)
    env = {**os.environ, "REGIOMONITOR_EXTRACT_CHECK_MEMORY_MB": "128"}
    done = subprocess.run([sys.executable, "-m", "benchmarks.ingest_cases", "validate", str(path),
                           str(served)], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True)
    measured = json.loads(done.stdout.strip().splitlines()[-1])
    # every record fails twice (gemeente, status): two million cells, one counted reason more
    assert (measured["status"], measured["errors"]) == ("rejected", 2 * HOSTILE_RECORDS + 1)
    assert measured["peak_mb"] < 400, measured
