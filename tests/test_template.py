"""The submission template: names in the dropdowns, a Toelichting a partner can follow, and an
example row that carries the one marker validation rejects (issue 12, part 4)."""
from __future__ import annotations

import csv
import io

import openpyxl
import pytest

from dashboard import template
from dashboard.template import COLUMNS, EXAMPLE_NOTE
from pipelines import ingest
from regiomonitor.cli import main


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    """Both templates as `regiomonitor template` writes them (the command run in process)."""
    out = tmp_path_factory.mktemp("template")
    main(["template", "--out", str(out)])
    return out / "aanlevering_sjabloon.xlsx", out / "aanlevering_sjabloon.csv"


def dropdowns(sheet) -> dict[str, list[str]]:
    """Per column header, the values its dropdown offers (read through the list's range)."""
    workbook = sheet.parent
    offered = {}
    for rule in sheet.data_validations.dataValidation:
        column = sheet.cell(1, next(iter(rule.sqref.ranges)).min_col).value
        lists, cells = rule.formula1.lstrip("=").split("!")
        offered[column] = [c.value for row in workbook[lists][cells.replace("$", "")] for c in row]
    return offered


def test_the_dropdowns_offer_names_and_say_what_to_choose(written):
    sheet = openpyxl.load_workbook(written[0])["cijfers"]
    offered = dropdowns(sheet)
    assert set(offered) == {"regio", "indicator", "partner", "sector"}
    assert len(offered["regio"]) == 35 and "AM10 Rivierenland" in offered["regio"]
    assert {"ROC Rivor", "VNO-NCW Rivierenland", "UWV"} <= set(offered["partner"])
    assert "stages" in offered["indicator"] and "overig" in offered["sector"]
    errors = {sheet.cell(1, next(iter(r.sqref.ranges)).min_col).value: r.error
              for r in sheet.data_validations.dataValidation}
    assert errors["indicator"] == "Kies een indicator uit de lijst / Choose an indicator from the list"
    assert errors["regio"] == "Kies een regio uit de lijst / Choose a region from the list"
    assert not any(" a indicator" in e or " a a" in e for e in errors.values())


def test_the_toelichting_explains_every_column_and_the_rules_in_dutch_first(written):
    workbook = openpyxl.load_workbook(written[0])
    assert workbook.sheetnames[:2] == ["cijfers", "Toelichting"]   # the data sheet is read first
    sheet = workbook["Toelichting"]
    assert sheet.sheet_state == "visible" and int(sheet.page_setup.paperSize) == 9   # A4
    rows = [r for r in sheet.iter_rows(values_only=True) if any(r)]
    text = "\n".join(" ".join(str(c) for c in r if c) for r in rows)
    dutch, english = text.split("In English")
    explained = {r[0]: r[1] for r in rows}
    assert all(explained[column] for column in COLUMNS)        # a row per column, with its meaning
    assert "2006-03 of mrt 2006" in dutch and "1.200 of 37,5" in dutch
    assert "leeg betekent overig" in dutch and "evc_trajecten (EVC-trajecten)" in dutch
    assert "dezelfde regio × partner × indicator × maand × sector" in dutch
    assert "vervangt 1 cijfer: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35" in dutch
    assert "het woord intrekken in de kolom waarde" in dutch
    assert f"Verwijder de voorbeeldregel (opmerking '{EXAMPLE_NOTE}')" in dutch
    assert "beheer@regiomonitor.example" in dutch            # regiomonitor/config.STEWARD_CONTACT
    assert "the word intrekken in the column waarde" in english
    widths = [sheet.column_dimensions[c].width for c in "AB"]
    assert sum(widths) <= 100      # characters: prints on A4 portrait without shrinking to nothing


def test_the_csv_template_is_semicolon_separated_with_the_marked_example(written):
    text = written[1].read_text(encoding="utf-8")
    assert text == template.csv_text()
    header, example = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert header == COLUMNS
    assert example[COLUMNS.index("opmerking")] == EXAMPLE_NOTE
    assert example[:2] == ["AM10 Rivierenland", "leerwerkplaatsen"]
    workbook_example = [c.value for c in openpyxl.load_workbook(written[0])["cijfers"][2]]
    assert workbook_example == example


def test_the_example_row_is_rejected_and_every_dropdown_value_loads(written, tmp_path):
    [example] = ingest.validate_files(None, [written[1]])
    assert example.status == "rejected"
    assert [e.column for e in example.errors] == ["opmerking"]
    assert example.errors[0].reason_nl == "voorbeeldregel uit het sjabloon; verwijder deze regel"
    offered = dropdowns(openpyxl.load_workbook(written[0])["cijfers"])
    def row(region: str, partner: str, month: str, i: int) -> list[str]:
        return [region, offered["indicator"][i % len(offered["indicator"])], month, "1", partner,
                offered["sector"][i % len(offered["sector"])], ""]
    # every region with a partner that serves them all; every partner in a region it serves
    rows = [row(region, "UWV", "2006-03", i) for i, region in enumerate(offered["regio"])]
    rows += [row("AM10 Rivierenland", partner, "2006-04", i) for i, partner in enumerate(offered["partner"])]
    every = tmp_path / "every_value.csv"
    every.write_text("\n".join(";".join(r) for r in [COLUMNS, *rows]) + "\n", encoding="utf-8")
    [result] = ingest.validate_files(None, [every])
    assert (result.status, result.rows) == ("loaded", len(rows)), result.errors[:3]
