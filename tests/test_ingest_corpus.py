"""A bad-input corpus, generated here: every file is rejected whole with the exact reason a
person can act on, and the warehouse's query results stay exactly as they were. Partner
files and registry extracts go through the one rule set (sql/pipelines/), so the same bad
value gets the same reason in either."""
from __future__ import annotations

import shutil
import time

import duckdb
import openpyxl
import pytest

from pipelines import ingest
from tests.helpers import HEADER, build, write_csv

GOOD = "AM10;stages;2006-04;5;roc;zorg;"
FIGURE_QUERIES = [
    "select * from observation order by all",
    "select * from observation_revision order by all",
    "select * from v_progress order by all",
    "select * from v_contributions order by all",
]
INDICATORS = "evc_trajecten, leerwerkplaatsen, oo_uitgaven_eur, stages"
REGISTRY_HEADER = "id,gemeente_code,indicator,start_date,status,sector,partner\n"


def csv_rows(*rows: str, header: str = HEADER):
    return lambda path: write_csv(path.with_suffix(".csv"), list(rows), header=header)


def raw_bytes(content: bytes, suffix: str = ".csv"):
    def make(path):
        target = path.with_suffix(suffix)
        target.write_bytes(content)
        return target
    return make


def workbook(*sheets: tuple[str, list[list]]):
    def make(path):
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for title, rows in sheets:
            ws = wb.create_sheet(title)
            for row in rows:
                ws.append(row)
        target = path.with_suffix(".xlsx")
        wb.save(target)
        return target
    return make


def registry(*rows: str, header: str = REGISTRY_HEADER):
    def make(path):
        target = path.with_suffix(".csv")
        target.write_text(header + "".join(r + "\n" for r in rows), encoding="utf-8")
        return target
    return make


COLUMNS = ["regio", "indicator", "periode", "waarde", "partner", "sector"]
# name → (file maker, sheet option, expected first error (row, column, value, reason_nl), errors)
CORPUS = {
    "wrong_separator": (csv_rows("AM10|stages|2006-03|5|roc|zorg|",
                                 header="regio|indicator|periode|waarde|partner|sector|opmerking\n"),
                        None, (1, "regio", None, "verplichte kolom 'regio' ontbreekt (kolommen: "
                               "regio, indicator, periode, waarde, partner, sector, opmerking)"), 5),
    "missing_column": (csv_rows("AM10;stages;2006-03;roc", header="regio;indicator;periode;partner\n"),
                       None, (1, "waarde", None, "verplichte kolom 'waarde' ontbreekt (kolommen: "
                              "regio, indicator, periode, waarde, partner, sector, opmerking)"), 1),
    "unknown_region": (csv_rows(GOOD, "Atlantis;stages;2006-03;5;roc;zorg;"), None,
                       (3, "regio", "Atlantis", "onbekende regio of gemeente; bedoelt u: "
                       "Waterland (gemeente, AM17), Ameland (gemeente, AM02), Zaanstad (gemeente, AM17)?"), 1),
    "misspelt_region": (csv_rows(GOOD, "Rivierenlnd;stages;2006-03;5;roc;zorg;"), None,
                        (3, "regio", "Rivierenlnd", "onbekende regio of gemeente; bedoelt u: "
                         "Rivierenland (AM10), Vijfheerenlanden (gemeente, AM35), Vlieland (gemeente, AM02)?"), 1),
    "ambiguous_gemeente": (csv_rows(GOOD, "Bergen;stages;2006-03;5;roc;zorg;"), None,
                           (3, "regio", "Bergen", "gemeentenaam is niet eenduidig; bedoelt u: "
                            "Bergen (L.) (AM29), Bergen (NH.) (AM15)?"), 1),
    "negative_count": (csv_rows(GOOD, "AM10;stages;2006-03;-5;roc;zorg;"), None,
                       (3, "waarde", "-5", "verwacht een getal van 0 of meer"), 1),
    "fractional_count": (csv_rows(GOOD, "AM10;stages;2006-03;5,5;roc;zorg;"), None,
                         (3, "waarde", "5,5", "verwacht een heel aantal (geen decimalen)"), 1),
    "text_in_number": (csv_rows(GOOD, "AM10;stages;2006-03;vijf;roc;zorg;"), None,
                       (3, "waarde", "vijf", "verwacht een getal, zoals 1.200 of 37,5"), 1),
    "empty_number": (csv_rows(GOOD, "AM10;stages;2006-03;;roc;zorg;"), None,
                     (3, "waarde", "", "een waarde (de cel is leeg)"), 1),
    "before_programme": (csv_rows(GOOD, "AM10;stages;2004-03;5;roc;zorg;"), None,
                         (3, "periode", "2004-03", "maand buiten de looptijd of in de toekomst; "
                          "verwacht 2005-11 t/m 2007-11"), 1),
    "after_programme": (csv_rows(GOOD, "AM10;stages;jan 2031;5;roc;zorg;"), None,
                        (3, "periode", "jan 2031", "maand buiten de looptijd of in de toekomst; "
                         "verwacht 2005-11 t/m 2007-11"), 1),
    "quarter": (csv_rows(GOOD, "AM10;stages;2006-Q1;5;roc;zorg;"), None,
                (3, "periode", "2006-Q1", "verwacht een maand, zoals 2006-03 of mrt 2006 (geen kwartaal)"), 1),
    "duplicate_rows": (csv_rows(GOOD, "AM10;stages;2006-03;5;roc;zorg;", "Rivierenland;stages;mrt 2006;6;roc;zorg;"),
                       None, (4, None, None, "dubbele regel: zelfde regio, indicator, maand, partner "
                              "en sector als rij 3"), 1),
    "unknown_indicator": (csv_rows(GOOD, "AM10;stage;2006-03;5;roc;zorg;"), None,
                          (3, "indicator", "stage", f"onbekende indicator; verwacht een van: {INDICATORS}"), 1),
    "unknown_partner": (csv_rows(GOOD, "AM10;stages;2006-03;5;rocc;zorg;"), None,
                        (3, "partner", "rocc", "onbekende organisatie; bedoelt u: "
                         "ROC (beroepsonderwijs) (roc)? Staat ze niet in het partnerregister, dan "
                         "voegt een databeheerder haar toe (data/reference/partners.csv)"), 1),
    "unknown_sector": (csv_rows(GOOD, "AM10;stages;2006-03;5;roc;ruimtevaart;"), None,
                       (3, "sector", "ruimtevaart", None), 1),
    "empty_file": (raw_bytes(b""), None, (None, None, None, "bestand is leeg"), 1),
    "header_only": (raw_bytes(HEADER.encode()), None,
                    (None, None, None, "bestand bevat alleen een kopregel, geen gegevensrijen"), 1),
    "binary_junk": (raw_bytes(bytes(range(256)) * 8), None,
                    (None, None, None, "bestand is geen CSV-tekst of XLSX-werkmap (binaire inhoud)"), 1),
    "not_a_workbook": (raw_bytes(b"PK\x03\x04 not really a zip", ".xlsx"), None,
                       (None, None, None, "bestand is geen XLSX-werkmap (geen zip-pakket, misschien een oud "
                                          ".xls-bestand); sla het in Excel op als Excel-werkmap (.xlsx) of als "
                                          "CSV UTF-8"), 1),
    "table_on_second_sheet": (workbook(("Toelichting", [["Cijfers staan op het tweede blad"]]),
                                       ("Cijfers", [COLUMNS, ["AM10", "stages", "2006-03", 5, "roc", "zorg"]])),
                              None, (None, None, None, "de tabel staat niet op het eerste werkblad maar "
                                     "op 'Cijfers'; kies het werkblad met --sheet \"Cijfers\""), 1),
    "named_sheet_missing": (workbook(("Cijfers", [COLUMNS, ["AM10", "stages", "2006-03", 5, "roc", "zorg"]])),
                            "Blad9", (None, None, None, "werkblad 'Blad9' bestaat niet; werkbladen: Cijfers"), 1),
    "huge_cell": (csv_rows(GOOD, "AM10;stages;2006-03;" + "9" * 200_000 + ";roc;zorg;"), None,
                  (3, "waarde", "9" * 60 + "… (200000 tekens/characters)",
                   "cel is te lang (200000 tekens, hoogstens 1000)"), 1),
    "formula_in_number": (csv_rows(GOOD, 'AM10;stages;2006-03;"=HYPERLINK(""http://x.nl"";""5"")";roc;zorg;'),
                          None, (3, "waarde", '=HYPERLINK("http://x.nl";"5")', "formule als tekst; verwacht een "
                                 "waarde, geen formule (zoals =HYPERLINK(...))"), 1),
    "formula_in_region_xlsx": (workbook(("Blad1", [COLUMNS, ['=HYPERLINK("http://x.nl","AM10")', "stages",
                                                             "2006-03", 5, "roc", "zorg"]])),
                               None, (2, "regio", '=HYPERLINK("http://x.nl","AM10")', "formule als tekst; verwacht een "
                                       "waarde, geen formule (zoals =HYPERLINK(...))"), 1),
    "formula_text_in_partner": (csv_rows(GOOD, "AM10;stages;2006-03;5;@roc;zorg;"), None,
                                (3, "partner", "@roc", "formule als tekst; verwacht een waarde, geen "
                                 "formule (zoals =HYPERLINK(...))"), 1),
    "registry_unknown_gemeente": (registry("1,GM0281,stages,2006-03-04,gestart,zorg,uwv",
                                           "2,GM9999,stages,2006-03-04,gestart,zorg,uwv"), None,
                                  (3, "gemeente_code", "GM9999",
                                   "onbekende regio of gemeente; bedoelt u: GM1992 (Voorne aan Zee, "
                                   "AM22), GM1991 (Maashorst, AM27), GM1979 (Eemsdelta, AM01)?"), 1),
    "registry_bad_date": (registry("1,GM0281,stages,31-02-2006,gestart,zorg,uwv"), None,
                          (2, "start_date", "31-02-2006",
                           "verwacht een maand, zoals 2006-03 of mrt 2006 (geen kwartaal)"), 1),
    "registry_duplicate_id": (registry("1,GM0281,stages,2006-03-04,gestart,zorg,uwv",
                                       "1,GM0281,stages,2006-03-05,gestart,zorg,uwv"), None,
                              (3, "id", "1",
                               "id ontbreekt of komt vaker voor in het bestand"), 1),
    "registry_unknown_status": (registry("1,GM0281,stages,2006-03-04,bezig,zorg,uwv"), None,
                                (2, "status", "bezig", "onbekende status; verwacht een van: afgebroken, "
                                 "afgerond, geannuleerd, gestart, lopend"), 1),
    "registry_date_outside_programme": (registry("1,GM0281,stages,2004-03-04,gestart,zorg,uwv"), None,
                                        (2, "start_date", "2004-03-04",
                                         "maand buiten de looptijd of in de toekomst; "
                                         "verwacht 2005-11 t/m 2007-11"), 1),
    "registry_missing_column": (registry("1,GM0281,stages,2006-03-04,zorg,uwv",
                                         header="id,gemeente_code,indicator,start_date,sector,partner\n"),
                                None, (1, "status", None, "verplichte kolom 'status' ontbreekt (kolommen: "
                                       "id, gemeente_code, indicator, start_date, status, sector, "
                                       "partner)"), 1),
}


@pytest.fixture(scope="module")
def warehouse_with_one_file(tmp_path_factory):
    """A published warehouse with one partner file loaded, for every corpus file to be tried on."""
    root = tmp_path_factory.mktemp("corpus")
    write_csv(root / "inbox" / "start.csv", ["AM10;stages;2006-01;4;roc;zorg;",
                                              "AM10;stages;2006-02;6;roc;zorg;"])
    return build(root, root / "inbox")


def figures(path) -> list[list]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return [con.execute(q).fetchall() for q in FIGURE_QUERIES]
    finally:
        con.close()


def test_the_corpus_has_at_least_25_files():
    assert len(CORPUS) >= 25


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_file_is_rejected_with_its_reason_and_the_figures_unchanged(name, warehouse_with_one_file,
                                                                        tmp_path):
    make, sheet, (row, column, value, reason_nl), count = CORPUS[name]
    (tmp_path / "inbox").mkdir()
    path = make(tmp_path / "inbox" / name)
    warehouse = tmp_path / "copy.duckdb"
    shutil.copyfile(warehouse_with_one_file, warehouse)
    before = figures(warehouse)
    [result] = ingest.ingest_files(warehouse, [path], ingest.Options(sheet=sheet))
    ingest.move_files([result])
    assert result.status == "rejected"
    assert len(result.errors) == count
    first = result.errors[0]
    assert (first.row, first.column) == (row, column)
    if value is not None:
        assert first.value == value
    if reason_nl is not None:
        assert first.reason_nl == reason_nl
    assert first.reason_en
    assert figures(warehouse) == before
    assert (tmp_path / "inbox" / "rejected" / path.name).exists()
    report = (tmp_path / "inbox" / "rejected" / f"{path.name}.rapport.txt").read_text(encoding="utf-8")
    assert first.reason_nl in report and first.reason_en in report


# (partner row, registry record, partner column, registry column): one bad value each
SAME_BAD_VALUE = {
    "unknown sector": ("AM10;stages;2006-03;5;roc;ruimtevaart;",
                       "1,GM0281,stages,2006-03-04,gestart,ruimtevaart,uwv", "sector", "sector"),
    "month before the programme": ("AM10;stages;2004-03;5;roc;zorg;",
                                   "1,GM0281,stages,2004-03,gestart,zorg,uwv", "periode", "start_date"),
    "unknown indicator": ("AM10;stage;2006-03;5;roc;zorg;",
                          "1,GM0281,stage,2006-03-04,gestart,zorg,uwv", "indicator", "indicator"),
    "formula as partner": ("AM10;stages;2006-03;5;@roc;zorg;",
                           "1,GM0281,stages,2006-03-04,gestart,zorg,@roc", "partner", "partner"),
    "unknown region": ("Atlantis;stages;2006-03;5;roc;zorg;",
                       "1,Atlantis,stages,2006-03-04,gestart,zorg,uwv", "regio", "gemeente_code"),
    "quarter": ("AM10;stages;2006-Q1;5;roc;zorg;",
                "1,GM0281,stages,2006-Q1,gestart,zorg,uwv", "periode", "start_date"),
}


@pytest.mark.parametrize("name", sorted(SAME_BAD_VALUE))
def test_the_same_bad_value_gets_the_same_reason_in_a_partner_file_and_a_registry_extract(
        name, warehouse_with_one_file, tmp_path):
    partner_row, record, partner_column, registry_column = SAME_BAD_VALUE[name]
    partner = csv_rows(partner_row)(tmp_path / "partner")
    extract = registry(record)(tmp_path / "extract")
    by_file = {r.path.name: r for r in ingest.validate_files(warehouse_with_one_file, [partner, extract])}
    [from_partner], [from_registry] = by_file["partner.csv"].errors, by_file["extract.csv"].errors
    assert by_file["extract.csv"].kind == "registry"
    assert (from_partner.row, from_partner.column) == (2, partner_column)
    assert (from_registry.row, from_registry.column) == (2, registry_column)
    assert from_partner.value in record.split(",")
    assert (from_partner.value, from_partner.reason_nl, from_partner.reason_en) == (
        from_registry.value, from_registry.reason_nl, from_registry.reason_en)


def test_ten_thousand_duplicate_rows_are_found_in_one_pass(warehouse_with_one_file, tmp_path):
    """Duplicates are one GROUP BY: 10.000 repeats of one key took 103 s when they were
    compared row by row in Python. The bound only proves 'not quadratic'."""
    partner = csv_rows(*[GOOD] * 10_001)(tmp_path / "dubbel")
    extract = registry(*["7,GM0281,stages,2006-03-04,gestart,zorg,uwv" for _ in range(10_001)])(
        tmp_path / "dubbel_register")
    started = time.perf_counter()
    by_file = {r.path.name: r for r in ingest.validate_files(warehouse_with_one_file, [partner, extract])}
    assert time.perf_counter() - started < 30
    for name, column in (("dubbel.csv", None), ("dubbel_register.csv", "id")):
        result = by_file[name]
        assert (result.status, result.error_count, result.rows_rejected) == ("rejected", 10_000, 10_000)
        assert len(result.errors) == 1000   # the report lists the first thousand
        assert (result.errors[0].row, result.errors[0].column) == (3, column)
    assert "rij 2" in by_file["dubbel.csv"].errors[0].reason_nl


def test_ten_thousand_unknown_names_are_looked_up_once(warehouse_with_one_file, tmp_path):
    """"Did you mean" runs per distinct cell, not per row: 10.000 rows naming Atlantis cost
    one suggestion. The bound only proves it is not per row."""
    extract = registry(*[f"{n},Atlantis,stages,2006-03-04,gestart,zorg,uwv" for n in range(10_000)])(
        tmp_path / "atlantis")
    started = time.perf_counter()
    [result] = ingest.validate_files(warehouse_with_one_file, [extract])
    assert time.perf_counter() - started < 30
    assert (result.error_count, len({e.reason_nl for e in result.errors})) == (10_000, 1)
    assert "Waterland (gemeente, AM17)" in result.errors[0].reason_nl
