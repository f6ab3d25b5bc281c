"""Partner submissions: what Dutch offices send is read; anything wrong rejects the whole file."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from pipelines import submissions, validation
from pipelines.file_content import file_sha256
from tests.helpers import staging, write_csv


@pytest.fixture
def con(tmp_path):
    con = staging(tmp_path)
    validation.prepare(con, today=dt.date(2026, 11, 27))
    return con


def check(con, path, sheet=None):
    return validation.check(con, path, file_sha256(path)[:16], sheet)


def load(con, path):
    checked = check(con, path)
    status = submissions.record(con, path, file_sha256(path), checked, False, "tester",
                                dt.datetime(2007, 1, 1))
    return status, checked


def observations(con):
    return con.execute("select region, indicator, period, partner, sector, value, source_row "
                       "from observation order by all").fetchall()


def test_semicolon_cp1252_with_dutch_numbers_and_names(tmp_path, con):
    path = write_csv(tmp_path / "rivor.csv", [
        "Rivierenland;leerwerkplaatsen;mrt 2006;1.200;roc;zorg;Scholing café",
        "AM10;oo_uitgaven_eur;2006-04;37,5;oo_fondsen;bouw;",
    ], encoding="cp1252")
    status, checked = load(con, path)
    assert (status, checked.errors) == ("loaded", [])
    assert observations(con) == [
        ("AM10", "leerwerkplaatsen", dt.date(2006, 3, 1), "roc", "zorg", 1200.0, 2),
        ("AM10", "oo_uitgaven_eur", dt.date(2006, 4, 1), "oo_fondsen", "bouw", 37.5, 3),
    ]
    assert con.execute("select note from observation where source_row = 2").fetchone()[0] == "Scholing café"


def test_comma_separated_utf8_bom_headers_in_any_order_and_case(tmp_path, con):
    path = write_csv(tmp_path / "uwv.csv", ["2006-05,12,AM10,UWV,evc_trajecten"], encoding="utf-8-sig",
                     header="Periode,WAARDE,Regio,Partner,Indicator\n")
    status, _ = load(con, path)
    assert status == "loaded"
    assert observations(con) == [("AM10", "evc_trajecten", dt.date(2006, 5, 1), "uwv", "overig", 12.0, 2)]


def test_xlsx_first_sheet_with_date_cells(tmp_path, con):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Regio", "Indicator", "Periode", "Waarde", "Partner", "Sector"])
    ws.append(["Rivierenland", "stages", dt.datetime(2006, 9, 1), 14, "roc", "techniek"])
    path = tmp_path / "roc.xlsx"
    wb.save(path)
    status, _ = load(con, path)
    assert status == "loaded"
    assert observations(con) == [("AM10", "stages", dt.date(2006, 9, 1), "roc", "techniek", 14.0, 2)]


def test_xlsx_named_sheet(tmp_path, con):
    wb = openpyxl.Workbook()
    wb.active.title = "Toelichting"
    wb.active.append(["Cijfers staan op het blad 'Cijfers 2006'"])
    ws = wb.create_sheet("Cijfers 2006")
    ws.append(["regio", "indicator", "periode", "waarde", "partner"])
    ws.append(["West Betuwe", "stages", "2006-09", "1.014", "roc"])
    path = tmp_path / "roc.xlsx"
    wb.save(path)
    checked = check(con, path, sheet="Cijfers 2006")
    assert checked.errors == []
    assert con.execute("select region, value, source_row from incoming").fetchall() == [("AM10", 1014.0, 2)]


@pytest.mark.parametrize("row, column, reason", [
    ("Rivierenlnd;stages;2006-03;5;roc;zorg;", "regio", "Rivierenland"),
    ("AM10;stage;2006-03;5;roc;zorg;", "indicator", "verwacht een van"),
    ("AM10;stages;2006-Q1;5;roc;zorg;", "periode", "geen kwartaal"),
    ("AM10;stages;2004-03;5;roc;zorg;", "periode", "buiten de looptijd"),
    ("AM10;stages;2006-03;-5;roc;zorg;", "waarde", "0 of meer"),
    ("AM10;stages;2006-03;5,5;roc;zorg;", "waarde", "heel aantal"),
    ("AM10;stages;2006-03;vijf;roc;zorg;", "waarde", "een getal"),
    ("AM10;stages;2006-03;;roc;zorg;", "waarde", "leeg"),
    ("AM10;stages;2006-03;5;rocc;zorg;", "partner", "onbekende organisatie"),
    ("AM10;stages;2006-03;5;roc;ruimtevaart;", "sector", "onbekende sector"),
])
def test_a_bad_cell_rejects_the_whole_file_with_an_actionable_reason(tmp_path, con, row,
                                                                   column, reason):
    good = "AM10;stages;2006-04;5;roc;zorg;"
    path = write_csv(tmp_path / "bad.csv", [good, row])
    status, checked = load(con, path)
    assert status == "rejected"
    assert observations(con) == []
    [error] = checked.errors
    assert (error.row, error.column) == (3, column)
    assert reason in error.reason_nl
    assert error.reason_en
    stored = con.execute("select source_row, column_name, reason_nl from rejected_row").fetchall()
    assert stored == [(3, column, error.reason_nl)]
    assert con.execute("select status, rows_accepted, rows_rejected from submission").fetchone() == (
        "rejected", 0, 1)


def test_missing_required_column_names_it(tmp_path, con):
    path = write_csv(tmp_path / "x.csv", ["AM10;stages;2006-03;roc"], header="regio;indicator;periode;partner\n")
    [error] = check(con, path).errors
    assert (error.row, error.column) == (1, "waarde")
    assert "verplichte kolom 'waarde' ontbreekt" in error.reason_nl


def test_duplicate_rows_within_a_file_name_the_first(tmp_path, con):
    row = "AM10;stages;2006-03;5;roc;zorg;"
    path = write_csv(tmp_path / "dup.csv", [row, row])
    [error] = check(con, path).errors
    assert error.row == 3 and "rij 2" in error.reason_nl


@pytest.mark.parametrize("content", [b"", b"regio;indicator;periode;waarde;partner\n",
                                     bytes(range(256)) * 4])
def test_empty_header_only_and_binary_files_are_rejected_not_crashed(tmp_path, con, content):
    path = tmp_path / "junk.csv"
    path.write_bytes(content)
    checked = check(con, path)
    assert checked.rows_accepted == 0 and checked.errors


def test_a_corrected_file_replaces_the_same_partner_region_and_months_and_keeps_history(
        tmp_path, con):
    first = write_csv(tmp_path / "a.csv", ["AM10;stages;2006-03;5;roc;zorg;"])
    second = write_csv(tmp_path / "b.csv", ["AM10;stages;2006-04;7;roc;zorg;",
                                            "AM10;stages;2006-03;6;roc;zorg;"])
    assert load(con, first)[0] == "loaded"
    status, checked = load(con, second)
    assert (status, checked.errors) == ("loaded", [])
    assert [r[5] for r in observations(con)] == [6.0, 7.0]
    history = con.execute("select period, value, submission_id, replaced_by, new_value "
                          "from observation_revision").fetchall()
    assert history == [(dt.date(2006, 3, 1), 5.0, file_sha256(first)[:16],
                        file_sha256(second)[:16], 6.0)]


def test_unknown_region_suggests_the_closest_names(con, tmp_path):
    path = write_csv(tmp_path / "x.csv", ["Rivierland;stages;2006-03;5;roc;zorg;"])
    [error] = check(con, path).errors
    assert "rivierenland" in error.reason_nl.lower()
