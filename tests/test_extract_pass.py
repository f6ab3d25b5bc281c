"""A clean registry extract is checked and counted in one pass over its file
(pipelines/extract_pass.py); anything it cannot vouch for goes through the staged path, which
names every failing cell. Both paths must publish the same figures and say the same things."""
from __future__ import annotations

import shutil

import duckdb
import pytest

from benchmarks import workload
from pipelines import extract_pass, ingest, staging, statements, validation, warehouse
from tests.helpers import query

HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"
RECORDS = 20_000   # enough for DuckDB to read the file in several parallel chunks


@pytest.fixture(scope="module")
def extracts(tmp_path_factory):
    """The benchmark's generated extract (every current gemeente code, every status, two
    years of days), CSV and Parquet, with the same records."""
    return workload.generate(tmp_path_factory.mktemp("extract"), RECORDS)


def counted_in_one_pass(published, tmp_path, path) -> bool:
    """Whether staging `path` took the one pass (True) or staged its text (False)."""
    with warehouse.staging(published, publish_on_exit=False, path=tmp_path / "scratch.duckdb") as con:
        validation.prepare(con)
        kind, counted = staging.stage(con, path)
        validation.release(con)
    assert kind == "registry"
    return counted


def contents(path) -> dict[str, list[tuple]]:
    """What an ingest published: figures with their first line, gemeente counts, the record."""
    return {
        "observation": query(path, "select region, indicator, period, partner, sector, value, "
                                   "source_row, note from observation order by all"),
        "gemeente": query(path, "select gemeente_code, region, partner, indicator, period, records "
                                "from registry_gemeente_count order by all"),
        "submission": query(path, "select file_name, status, rows_accepted, rows_rejected "
                                  "from submission order by all"),
    }


def ingest_both_ways(published, tmp_path, path, monkeypatch):
    """Ingest `path` into two copies of `published`: one pass, then staged; both results."""
    staged_copy = tmp_path / "staged.duckdb"
    shutil.copyfile(published, staged_copy)
    [one_pass] = ingest.ingest_files(published, [path])
    monkeypatch.setattr(extract_pass, "ENABLED", False)
    [staged] = ingest.ingest_files(staged_copy, [path])
    monkeypatch.setattr(extract_pass, "ENABLED", True)
    return (one_pass, contents(published)), (staged, contents(staged_copy))


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_clean_extract_publishes_the_same_through_both_paths(published, tmp_path, extracts, fmt,
                                                               monkeypatch):
    path = shutil.copyfile(extracts[fmt], tmp_path / "inbox" / extracts[fmt].name)
    assert counted_in_one_pass(published, tmp_path, path)
    (fast, fast_rows), (slow, slow_rows) = ingest_both_ways(published, tmp_path, path, monkeypatch)
    assert (fast.status, fast.rows, fast.error_count) == ("loaded", RECORDS, 0)
    assert (slow.status, slow.rows, slow.error_count) == ("loaded", RECORDS, 0)
    assert fast_rows == slow_rows
    assert len(fast_rows["observation"]) > 1000 and len(fast_rows["gemeente"]) > 1000
    # every record is counted once, 'geannuleerd' ones not at all
    cancelled = duckdb.connect().execute(f"select count(*) from read_csv('{extracts['csv']}') "
                           "where status = 'geannuleerd'").fetchone()[0]
    assert sum(r[5] for r in fast_rows["observation"]) == RECORDS - cancelled
    assert sum(r[5] for r in fast_rows["gemeente"]) == RECORDS - cancelled


def clean_records(n: int) -> list[str]:
    return [f"R{i:07d},GM0363,stages,2006-03-{1 + i % 28:02d},gestart,zorg,uwv" for i in range(n)]


def write_extract(path, rows: list[str]):
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.parametrize("line, record, column, value, reason_en", [
    (3502, "R0003500,GM9999,stages,2006-03-04,gestart,zorg,uwv", "gemeente_code", "GM9999",
     "unknown region"),
    (3502, "R0003500,GM0363,stages,2004-03-04,gestart,zorg,uwv", "start_date", "2004-03-04",
     "outside the programme"),
    (3502, "R0003500,GM0363,stages,2006-03-04,bezig,zorg,uwv", "status", "bezig", "unknown status"),
    (3502, "R0000100,GM0363,stages,2006-03-04,gestart,zorg,uwv", "id", "R0000100",
     "occurs more than once"),   # the id of line 102 again
    (3502, ",GM0363,stages,2006-03-04,gestart,zorg,uwv", "id", "", "id is missing"),
    # a code no enum holds (extract_enums.sql): the cast is null, the staged path names it
    (3502, "R0003500,GM0363,stages,2006-03-04,gestart,zorg,onbekend", "partner", "onbekend",
     "unknown organisation"),
    # every cell known, but the partner serves only Rivierenland: found on the groups
    (3502, "R0003500,GM0363,stages,2006-03-04,gestart,zorg,lander", "partner", "lander",
     "only delivers for"),
])
def test_one_bad_record_deep_inside_is_named_by_its_line_and_reason(published, tmp_path, line, record,
                                                                    column, value, reason_en):
    """The 3,501st record (line 3502) of 5,000 fails: the one pass declines, the staged path
    names exactly that line, column, value and reason (a repeated id: the later line)."""
    rows = clean_records(5000)
    rows[line - 2] = record
    path = write_extract(tmp_path / "inbox" / "register.csv", rows)
    assert not counted_in_one_pass(published, tmp_path, path)
    [result] = ingest.validate_files(published, [path])
    assert (result.status, result.error_count, result.rows_rejected) == ("rejected", 1, 1)
    [error] = result.errors
    assert (error.row, error.column, error.value) == (line, column, value)
    assert reason_en in error.reason_en.lower()


def test_ids_that_only_look_alike_as_numbers_still_load(published, tmp_path):
    """'R1' and 'R01' are one number on the bitmap but two ids: the staged path's exact check
    finds no repeat and the extract loads; so does one whose ids are no numbers at all."""
    alike = write_extract(tmp_path / "inbox" / "alike.csv",
                          ["R1,GM0363,stages,2006-03-04,gestart,zorg,uwv",
                           "R01,GM0363,stages,2006-03-05,gestart,zorg,uwv"])
    words = write_extract(tmp_path / "inbox" / "words.csv",
                          ["abc,GM0363,stages,2006-03-04,gestart,zorg,uwv",
                           "R-x,GM0363,stages,2006-03-05,gestart,zorg,uwv"])
    assert not counted_in_one_pass(published, tmp_path, alike)
    assert not counted_in_one_pass(published, tmp_path, words)
    results = ingest.ingest_files(published, [alike, words])
    assert [(r.status, r.rows) for r in results] == [("loaded", 2), ("loaded", 2)]


def test_an_extract_in_another_spelling_goes_the_staged_way_and_loads(published, tmp_path,
                                                                      monkeypatch):
    """Lower-case codes, a Dutch date, an empty sector, a space after a code: valid, but not how
    the register writes them (no value of the pass's enums); the staged path checks them and
    both paths publish the same."""
    path = write_extract(tmp_path / "inbox" / "spelling.csv",
                         clean_records(50) + ["X1,gm0363,stages,4-3-2006,gestart,,uwv",
                                              "X2,GM0363,STAGES,2006-03-04,gestart,zorg,UWV",
                                              "X3,GM0363,stages,2006-03-04,gestart,zorg ,uwv"])
    assert not counted_in_one_pass(published, tmp_path, path)
    (fast, fast_rows), (slow, slow_rows) = ingest_both_ways(published, tmp_path, path, monkeypatch)
    assert (fast.status, fast.rows) == ("loaded", 53)
    assert fast_rows == slow_rows


def enum_types(con) -> list[str]:
    """The pass's enum types (extract_enums.sql) a connection still sees."""
    return [r[0] for r in con.execute("select type_name from duckdb_types() "
                                      "where type_name like 'intake%'").fetchall()]


@pytest.mark.parametrize("rows, takes_the_pass", [
    (clean_records(100), True),
    (clean_records(100) + ["R9999999,GM0363,stages,2006-03-04,gestart,zorg ,uwv"], False),
    # a record with more cells than the header, past what DuckDB's sniffer samples: its reader
    # raises inside the pass
    (clean_records(30_000) + ["R9999999,GM0363,stages,2006-03-04,gestart,zorg,uwv,x"], False),
])
def test_the_enum_types_are_gone_after_the_pass(published, tmp_path, rows, takes_the_pass):
    """Whether the pass counts the extract, falls back, or DuckDB raises inside it, its enum
    types are dropped from the connection, and none reaches the published warehouse."""
    path = write_extract(tmp_path / "inbox" / "register.csv", rows)
    with warehouse.staging(published, publish_on_exit=False, path=tmp_path / "scratch.duckdb") as con:
        validation.prepare(con)
        con.execute("reset threads")
        reader = staging.EXTRACT_READERS[".csv"]
        assert extract_pass.counted(con, path, reader, "R0") is takes_the_pass
        assert enum_types(con) == []
        assert con.execute("select count(*) from duckdb_tables() "
                           "where table_name = 'intake_group'").fetchone()[0] == takes_the_pass
        validation.release(con)
    ingest.ingest_files(published, [path])
    with duckdb.connect(str(published), read_only=True) as con:
        assert enum_types(con) == []


def test_a_code_that_moved_region_in_the_window_counts_per_month(published, tmp_path, monkeypatch):
    """A gemeente code whose region changed on 1 July 2006 (the reference table says so):
    the pass resolves it per month on the groups, as the staged path does per record."""
    with duckdb.connect(str(published)) as con:
        [region] = con.execute("select region from gemeente_region "
                               "where code = 'GM0363' and valid_to is null").fetchone()
        [other] = con.execute("select min(code) from region where code <> ?", [region]).fetchone()
        con.execute("update gemeente_region set valid_to = date '2006-07-01', successor = 'GM0363' "
                    "where code = 'GM0363'")
        con.execute("insert into gemeente_region values "
                    "('GM0363', 'Amsterdam', ?, date '2006-07-01', null, null)", [other])
    rows = clean_records(60) + [f"R1{i:06d},GM0363,stages,2006-08-{1 + i % 28:02d},gestart,zorg,uwv"
                                for i in range(40)]
    path = write_extract(tmp_path / "inbox" / "moved.csv", rows)
    assert counted_in_one_pass(published, tmp_path, path)
    (fast, fast_rows), (slow, slow_rows) = ingest_both_ways(published, tmp_path, path, monkeypatch)
    assert (fast.status, fast.rows) == ("loaded", 100)
    assert fast_rows == slow_rows
    by_region = {(r[0], str(r[2])[:7]): r[5] for r in fast_rows["observation"]}
    assert by_region == {(region, "2006-03"): 60, (other, "2006-08"): 40}


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_a_shuffled_extract_keeps_its_first_lines(published, tmp_path, extracts, fmt, monkeypatch):
    """The records in random order, the Parquet in row groups of 1,000 (read on several
    threads): each figure's first line is still the one the staged path names, since the pass
    reads with projections only and a record's line is its rowid + 2."""
    path = tmp_path / "inbox" / f"shuffled.{fmt}"
    options = "(header)" if fmt == "csv" else "(format parquet, row_group_size 1000)"
    duckdb.connect().execute(f"copy (select * from read_csv('{extracts['csv']}', all_varchar = "
                             f"true) order by hash(id)) to '{path}' {options}")
    assert counted_in_one_pass(published, tmp_path, path)
    (fast, fast_rows), (slow, slow_rows) = ingest_both_ways(published, tmp_path, path, monkeypatch)
    assert (fast.status, fast.rows) == ("loaded", RECORDS)
    assert fast_rows == slow_rows


def test_a_record_the_reader_cannot_read_rejects_the_extract_without_a_crash(published, tmp_path):
    """A record with a cell too many, past the lines DuckDB's sniffer samples: both the pass
    and the staged read raise; the extract is rejected, saying which line DuckDB could not
    read, and nothing of it is published."""
    path = write_extract(tmp_path / "inbox" / "register.csv", clean_records(30_000) + [
        "R9999999,GM0363,stages,2006-03-04,gestart,zorg,uwv,x"])
    [result] = ingest.ingest_files(published, [path])
    assert (result.status, result.rows) == ("rejected", 0)
    [error] = result.errors
    assert "Line: 30002" in error.reason_en and "Expected Number of Columns" in error.reason_en
    assert query(published, "select count(*) from observation") == [(0,)]


def test_the_same_extract_twice_changes_nothing_though_it_is_hashed_while_read(published, tmp_path):
    """An extract's hash is computed while DuckDB reads it (pipelines/loading.py `hashing`), so
    a copy is read before it is known: it still changes nothing, in a later ingest and within
    one, and the hash recorded is the file's."""
    from pipelines.file_content import file_sha256

    first = write_extract(tmp_path / "inbox" / "register.csv", clean_records(500))
    copy = shutil.copyfile(first, tmp_path / "inbox" / "register_kopie.csv")
    again = shutil.copyfile(first, tmp_path / "inbox" / "register_nog_eens.csv")
    results = ingest.ingest_files(published, [first, copy])
    assert [(r.path.name, r.status, r.rows) for r in results] == [
        ("register.csv", "loaded", 500), ("register_kopie.csv", "unchanged", 0)]
    before = contents(published)
    [later] = ingest.ingest_files(published, [again])
    assert later.status == "unchanged" and contents(published) == before
    assert query(published, "select sha256 from submission") == [(file_sha256(first),)]


# Day cells as a register, a spreadsheet or an attacker might write them: ISO and not, padded,
# with a time, an era, a sign, other digits, outside the window, empty, a formula, too long.
DAY_CELLS = [
    "2006-03-04", "2006-3-4", "2006-03-4", " 2006-03-04", "2006-03-05 ", '"  2006-03-06  "',
    "2006-03-07\t", "\x0b2006-03-08", "06-03-04", "02006-03-04", "+2006-03-04", "-2006-03-04",
    "2006-03-04 BC", "2006-03-04 (BC)", "2006-03-04x", "2006-03-04Z", "2006-03-04+01",
    "2006-03-04T00:00:00", "2006-03-04 00:00:00", "2006/03/04", "20060304", "4-3-2006",
    "04-03-2006", "mrt 2006", "2006-03", "2006-Q1", "2006-02-30", "2006-13-01", "2004-03-04",
    "2009-03-04", "2005-10-31", "2005-11-01", "2007-11-30", "2007-12-01", "", "=2006-03-04",
    "@2006-03-04", "2006-03-09" + " " * 1000, " " * 995 + "2006-03-10", "\u00a02006-03-11",
    "2006-03-12\u00a0", "२००६-03-04", "2006 -03-04", "2006-03- 4",
]


def test_the_typed_reader_reads_a_day_only_as_the_rules_read_it(published, tmp_path):
    """The one pass reads a CSV's days as DATE (extract_records_csv.sql): every day cell it
    reads, inside the window, must be one the rules (cell_rules.sql, nl_month) accept as the
    same month; whatever it cannot read raises and goes the staged path. Cell by cell, through
    the pass's own reader and the rules' own tables."""
    files = {}
    for n, cell in enumerate(DAY_CELLS):
        files[cell] = tmp_path / f"day_{n}.csv"
        files[cell].write_text(HEADER + f"R1,GM0363,stages,{cell},gestart,zorg,uwv\n",
                               encoding="utf-8")
    with warehouse.staging(published, publish_on_exit=False, path=tmp_path / "scratch.duckdb") as con:
        validation.prepare(con)
        statements.run(con, "extract_values")
        texts = {cell: con.execute(f"select start_date from {staging.EXTRACT_READERS['.csv']}",
                                   {"path": str(path)}).fetchone()[0] or ""
                 for cell, path in files.items()}
        con.execute("insert into intake_cell select 'period', t from unnest(?) as u(t) "
                    "where t not in (select cell from intake_cell where field = 'period')",
                    [list(set(texts.values()))])
        statements.run(con, "cell_rules")
        enums = statements.run(con, "extract_enums")
        values = dict(zip([d[0] for d in enums.description], enums.fetchone()))
        rules = {cell: (period if problem is None else None)
                 for cell, period, problem in con.execute(
                     "select cell, period, problem from cell_period").fetchall()}
        read = {}
        for cell, path in files.items():
            try:
                [(day,)] = con.execute(f"select start_date from {extract_pass.TYPED_CSV_READER}",
                                       {"path": str(path),
                                        "max_cell_chars": values["max_cell_chars"]}).fetchall()
            except duckdb.Error:
                day = None
            if day is not None and values["first_day"] <= day <= values["last_day"]:
                read[cell] = day.replace(day=1)
        statements.run(con, "extract_cleanup")
        validation.release(con)
    assert read, "the pass reads no day at all"
    assert {"2006-03-04", "2005-11-01", "2007-11-30"} <= set(read)
    assert {cell: rules[texts[cell]] for cell in read} == read
    # the days it does not read (raised, or outside the window) the staged path judges
    assert "2006-03-09" + " " * 1000 not in read and "2006-03-04x" not in read


def test_a_padded_day_longer_than_a_cell_may_be_goes_the_staged_way(published, tmp_path):
    """DuckDB's reader skips the spaces around a date; the rules call a cell of more than
    1,000 characters too long. A line longer than that never takes the pass (its reader's
    max_line_size), so the staged path names the cell as before."""
    rows = clean_records(100)
    rows[50] = "R0000050,GM0363,stages,2006-03-04" + " " * 1200 + ",gestart,zorg,uwv"
    path = write_extract(tmp_path / "inbox" / "register.csv", rows)
    assert not counted_in_one_pass(published, tmp_path, path)
    [result] = ingest.validate_files(published, [path])
    assert (result.status, result.error_count) == ("rejected", 1)
    [error] = result.errors
    assert (error.row, error.column) == (52, "start_date")
