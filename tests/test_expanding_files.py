"""A workbook is bounded by what it expands to, not by its zipped size (issue 25), and text in
any encoding a partner's Excel saves is read or refused in one line.

The issue's three workbooks (tests/expanding.py) are generated in a temporary folder, never
committed: 5 million cell formats in under a megabyte, 20 million shared strings in 827 KB, one
text cell of 400 MiB in 410 KB. Each is refused through `validate` and `ingest` within the
pytest-timeout bound and 300 MB, measured as the peak RSS of the command's process tree
(getrusage(RUSAGE_CHILDREN) of a wrapper that waited for it); through the browser in
tests/test_bad_file_alone.py. Smaller cases show each limit, its wording and its setting."""
from __future__ import annotations

import codecs
import datetime as dt
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from core.settings import ROOT
from pipelines import ingest
from pipelines.file_content import TooLarge
from pipelines.reading import read_table
from pipelines.xlsx import sheet_rows
from tests import expanding
from tests.helpers import HEADER, query, write_csv

ROW = "AM10;stages;2006-03;5;roc;zorg;café"
MB = 1024 * 1024


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict[str, Path]:
    """The issue's three files, made once for this module (~5 s)."""
    folder = tmp_path_factory.mktemp("expanding")
    return {"styles": expanding.many_cell_formats(folder / "opmaak.xlsx"),
            "strings": expanding.many_shared_strings(folder / "teksten.xlsx"),
            "cell": expanding.huge_cell(folder / "cel.xlsx")}


def refusal(path: Path) -> str:
    """The one reason `validate` gives for `path`, in English; the file must be rejected."""
    [result] = ingest.validate_files(None, [path])
    assert result.status == "rejected"
    [error] = result.errors
    assert "\n" not in error.reason_nl + error.reason_en
    return error.reason_en


# ---------------------------------------------------------------- each limit, by name

def test_the_issue_s_files_are_small_and_expand_hundreds_of_times(hostile):
    for path, at_most in ((hostile["styles"], 1 * MB), (hostile["strings"], 850_000),
                          (hostile["cell"], 420_000)):
        with zipfile.ZipFile(path) as package:
            expanded = sum(i.file_size for i in package.infolist())
        assert path.stat().st_size <= at_most and expanded > 290 * MB, (path.name, expanded)


@pytest.mark.parametrize("case, limit", [
    ("styles", "xl/styles.xml expands to more than 200.0 MB (setting REGIOMONITOR_MAX_XLSX_PART_MB)"),
    ("strings", "xl/sharedStrings.xml expands to more than 200.0 MB (setting REGIOMONITOR_MAX_XLSX_PART_MB)"),
    ("cell", "xl/worksheets/sheet1.xml expands to more than 200.0 MB (setting REGIOMONITOR_MAX_XLSX_PART_MB)")])
def test_the_issue_s_files_are_refused_by_what_they_expand_to(hostile, case, limit):
    assert refusal(hostile[case]) == f"file is too large: {limit}"


def test_each_expansion_is_refused_while_it_streams_with_the_limit_named(tmp_path):
    """Under the part limit, each expansion meets its own limit as the part streams."""
    cases = [
        (expanding.many_cell_formats(tmp_path / "opmaak.xlsx", 250_000),
         "xl/styles.xml declares more than 200,000 styles (setting REGIOMONITOR_MAX_XLSX_STYLES)"),
        (expanding.many_shared_strings(tmp_path / "teksten.xlsx", 600_000),
         "more than 500,000 shared strings (setting REGIOMONITOR_MAX_XLSX_STRINGS)"),
        (expanding.huge_cell(tmp_path / "cel.xlsx", 100),
         "xl/worksheets/sheet1.xml holds a text of more than 32,767 characters "
         "(setting REGIOMONITOR_MAX_CELL_CHARS)"),
    ]
    for path, limit in cases:
        assert refusal(path) == f"file is too large: {limit}", path.name


def cells_of(path: Path, text: str) -> Path:
    rows = expanding.inline_row(1, expanding.HEADER_CELLS) + expanding.inline_row(2, ["AM10", text])
    return expanding.write(path, expanding.base(expanding.sheet(rows)))


def test_a_cell_over_excel_s_length_names_its_place(tmp_path):
    path = cells_of(tmp_path / "lang.xlsx", "x" * 40_000)
    assert refusal(path) == ("file is too large: cell B2 holds 40,000 characters, at most 32,767 "
                             "(setting REGIOMONITOR_MAX_CELL_CHARS)")


def test_the_shared_strings_characters_and_the_index_parts_are_bounded(tmp_path, monkeypatch):
    monkeypatch.setenv("REGIOMONITOR_MAX_XLSX_STRING_CHARS", "1000")
    path = expanding.many_shared_strings(tmp_path / "teksten.xlsx", 2_000)
    assert refusal(path) == ("file is too large: the shared strings hold more than 1,000 characters "
                             "(setting REGIOMONITOR_MAX_XLSX_STRING_CHARS)")
    names = "".join(f'<definedName name="naam{i}">Blad1!$A$1:$G${i}</definedName>' for i in range(30_000))
    parts = expanding.base(expanding.sheet(expanding.inline_row(1, expanding.HEADER_CELLS)))
    parts["xl/workbook.xml"] = expanding.WORKBOOK.replace("</workbook>",
                                                          f"<definedNames>{names}</definedNames></workbook>")
    path = expanding.write(tmp_path / "namen.xlsx", parts)
    assert refusal(path) == ("file is too large: xl/workbook.xml expands to more than 1.0 MB "
                             "(setting REGIOMONITOR_MAX_XLSX_INDEX_MB)")


def test_a_row_with_more_cells_than_a_sheet_has_columns_is_refused_before_its_cells(tmp_path):
    path = expanding.wide_row(tmp_path / "breed.xlsx", 20_000)
    assert refusal(path) == "file is too large: row 2 holds 20,000 cells, more than a sheet has columns (16,384)"


def test_the_limits_move_with_their_settings(tmp_path, monkeypatch):
    path = expanding.many_cell_formats(tmp_path / "opmaak.xlsx", 2_000)
    assert len(read_table(path)) == 2
    monkeypatch.setenv("REGIOMONITOR_MAX_XLSX_STYLES", "1000")
    with pytest.raises(TooLarge, match="REGIOMONITOR_MAX_XLSX_STYLES"):
        read_table(path)
    monkeypatch.setenv("REGIOMONITOR_MAX_XLSX_PART_MB", "0.1")
    with pytest.raises(TooLarge, match="xl/styles.xml pakt uit tot meer dan 0,1 MB"):
        read_table(path)


def lie_about_size(path: Path, part: str, declared: int) -> Path:
    """Rewrite the package so that `part` declares `declared` bytes, in its local header and in
    the central directory, while its deflated data stay what they were."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        info = package.getinfo(part)
    name = part.encode()
    for signature, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                assert int.from_bytes(data[at + size_at:at + size_at + 4], "little") == info.file_size
                data[at + size_at:at + size_at + 4] = declared.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    return path


def test_a_part_that_lies_about_its_size_is_never_read_past_it(tmp_path):
    """Declared small, 100 MiB in truth: zipfile stops at the declared size (and the package
    then fails its checksum), so the lie costs nothing; the guard counts the bytes itself
    as well, whatever reads the package."""
    path = lie_about_size(expanding.huge_cell(tmp_path / "leugen.xlsx", 100), "xl/worksheets/sheet1.xml", 1000)
    reason = refusal(path)
    assert reason.startswith("file not readable as CSV or XLSX (") and "CRC" in reason


# ---------------------------------------------------------------- what is read stays as it was

def test_dates_durations_and_numbers_read_as_openpyxl_reads_them(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["datum", "eigen", "duur", "getal", "tekst"])
    sheet.append([dt.datetime(2006, 3, 1), dt.datetime(2006, 4, 15), dt.timedelta(hours=30), 1.5, "AM10"])
    sheet["A2"].number_format = "mm-dd-yy"            # built-in date format 14
    sheet["B2"].number_format = "d mmmm yyyy"         # a custom one
    sheet["C2"].number_format = "[h]:mm"              # a duration
    sheet["D2"].number_format = "0.00"
    book.save(tmp_path / "opmaak.xlsx")
    theirs = [tuple(c.value for c in row) for row in
              openpyxl.load_workbook(tmp_path / "opmaak.xlsx", data_only=True).active.iter_rows()]
    assert sheet_rows(tmp_path / "opmaak.xlsx") == theirs
    assert theirs[1][:3] == (dt.datetime(2006, 3, 1), dt.datetime(2006, 4, 15), dt.timedelta(hours=30))


def test_shared_strings_read_as_openpyxl_reads_them(tmp_path):
    """Plain, rich-text runs, a phonetic run (left out) and an escaped '_x005F_'."""
    texts = ["<t>regio</t>", "<r><rPr><b/></rPr><t>AM</t></r><r><t>10</t></r>",
             '<t>AM11</t><rPh sb="0" eb="1"><t>fonetisch</t></rPh>', "<t>a_x005F_x0031_b</t>"]
    strings = (f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{expanding.MAIN}">'
               + "".join(f"<si>{t}</si>" for t in texts) + "</sst>")
    rows = "".join(f'<row r="{i + 1}"><c r="A{i + 1}" t="s"><v>{i}</v></c></row>' for i in range(len(texts)))
    parts = expanding.base(expanding.sheet(rows), strings=True)
    parts["xl/sharedStrings.xml"] = strings
    path = expanding.write(tmp_path / "teksten.xlsx", parts)
    theirs = [tuple(c.value for c in row) for row in
              openpyxl.load_workbook(path, data_only=True).active.iter_rows()]
    assert sheet_rows(path) == theirs
    assert [row[0] for row in theirs] == ["regio", "AM10", "AM11", "a_x0031_b"]


# ---------------------------------------------------------------- encodings

@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_excel_s_unicode_text_is_read_as_utf_8_semicolons_are(tmp_path, encoding):
    """Excel's "Unicode text": UTF-16 with its byte-order mark, tab-separated, CRLF."""
    text = (HEADER + ROW + "\n").replace(";", "\t").replace("\n", "\r\n")
    mark = codecs.BOM_UTF16_BE if encoding == "utf-16-be" else b""   # 'utf-16' writes its own
    unicode_text = tmp_path / "unicode.csv"
    unicode_text.write_bytes(mark + text.encode(encoding))
    plain = write_csv(tmp_path / "gewoon.csv", [ROW])
    assert read_table(unicode_text) == read_table(plain)
    assert read_table(unicode_text)[1][1][-1] == "café"
    [result] = ingest.validate_files(None, [unicode_text])
    assert (result.status, result.rows) == ("loaded", 1)


def test_bytes_that_are_no_text_get_one_line_naming_byte_and_line(tmp_path):
    path = tmp_path / "kapot.csv"
    path.write_bytes(HEADER.encode() + b"AM10;stages;2006-03;5;roc;zorg;caf\x81\n")
    [result] = ingest.validate_files(None, [path])
    [error] = result.errors
    assert error.reason_nl == ("bestand is geen tekst in UTF-8, UTF-16 of Windows-1252: byte 0x81 op regel 2 "
                               "is geen teken; sla het in Excel op als CSV UTF-8 (met puntkomma's)")
    assert error.reason_en == ("file is not text in UTF-8, UTF-16 or Windows-1252: byte 0x81 on line 2 "
                               "is no character; save it in Excel as CSV UTF-8 (semicolon-separated)")


@pytest.mark.parametrize("suffix, start", [
    (".csv", "file is not text in UTF-8, UTF-16 or Windows-1252: byte 0x"),
    (".xlsx", "file is not an XLSX workbook (not a zip package, perhaps an old .xls file)")])
def test_random_bytes_get_one_line_and_no_codec_s_words(tmp_path, suffix, start):
    noise = random.Random(25)
    path = tmp_path / f"ruis{suffix}"
    path.write_bytes(bytes(noise.randrange(1, 256) for _ in range(4096)))   # no NUL: not 'binary'
    reason = refusal(path)
    assert reason.startswith(start) and "codec" not in reason and "decode" not in reason


# ---------------------------------------------------------------- through the command line

PEAK = ("import json, resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(json.dumps({'code': done.returncode, 'out': done.stdout, 'err': done.stderr,"
        " 'rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n")


def measured(*args: str, env: dict[str, str] | None = None) -> dict:
    """`regiomonitor args…` in a wrapper process that waits for it and reports the peak RSS
    of its process tree (the command and its reading worker): RUSAGE_CHILDREN's ru_maxrss."""
    import os
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "regiomonitor.cli", *args],
                          capture_output=True, text=True, cwd=ROOT, check=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    return json.loads(done.stdout)


@pytest.mark.slow
@pytest.mark.timeout(30, func_only=True)   # a guard against the old minutes-long reads, not a speed
@pytest.mark.parametrize("case", ["styles", "strings", "cell"])   # test: < 1 s each on a quiet machine
def test_validate_refuses_each_in_seconds_and_little_memory(hostile, published, case):
    run = measured("validate", "--lang", "en", "--warehouse", str(published), str(hostile[case]))
    assert run["code"] == 1 and "Traceback" not in run["err"]
    assert "ERROR file: file is too large: " in run["out"] and "REGIOMONITOR_MAX_XLSX_PART_MB" in run["out"]
    assert run["rss_mb"] <= 300, run["rss_mb"]
    print(f"\nvalidate {hostile[case].name}: peak RSS {run['rss_mb']:.0f} MB")


@pytest.mark.slow
@pytest.mark.timeout(30, func_only=True)
@pytest.mark.parametrize("case", ["styles", "strings", "cell"])
def test_ingest_rejects_each_beside_a_good_file_that_loads(prefect_api, hostile, published,
                                                            tmp_path, case):
    """The inbox of one hostile file and one good one: the good one loads, the bad one goes to
    rejected/ with its report; exit status 1 and a summary that say exactly that. The bound
    is Prefect's start-up (~5-10 s on this machine) plus the refusal (under a second)."""
    inbox = tmp_path / "inbox"
    bad = inbox / hostile[case].name
    bad.write_bytes(hostile[case].read_bytes())
    write_csv(inbox / "goed.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    run = measured("ingest", "--lang", "en", "--warehouse", str(published), str(inbox),
                   env=prefect_api)
    assert run["code"] == 1 and "Traceback" not in run["err"]
    assert f"{bad.name}: rejected" in run["out"] and "goed.csv: loaded (1 row)" in run["out"]
    assert "Total: 2 files; loaded 1, partly 0, rejected 1, unchanged 0; rows loaded 1" in run["out"]
    assert run["rss_mb"] <= 300, run["rss_mb"]
    report = (inbox / "rejected" / f"{bad.name}.rapport.txt").read_text(encoding="utf-8")
    assert "REGIOMONITOR_MAX_XLSX_PART_MB" in report
    assert (inbox / "processed" / "goed.csv").exists() and not bad.exists()
    assert set(query(published, "select file_name, status from submission")) == {
        ("goed.csv", "loaded"), (bad.name, "rejected")}
    print(f"\ningest {bad.name} + goed.csv: peak RSS {run['rss_mb']:.0f} MB")
