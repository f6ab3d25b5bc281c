"""The submission format and its template for partners: an XLSX with dropdowns, and a CSV.

Generated from data/reference, so the dropdowns offer exactly the codes validation accepts.
The lists sit on a second sheet ('lijsten'); the data sheet's validations point at them.
Neutral ground: the pipelines validate against these columns, the CLI writes the template to
disk and the dashboard's Data page offers it for download.
"""
from __future__ import annotations

from pathlib import Path

import csv
from typing import BinaryIO

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from regiomonitor.config import REFERENCE_DIR

REQUIRED_COLUMNS = ["regio", "indicator", "periode", "waarde", "partner"]
OPTIONAL_COLUMNS = ["sector", "opmerking"]
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
TEMPLATE_ROWS = 500  # rows that carry the dropdowns
# The example row's opmerking: validation rejects a row that carries it (sql/pipelines/checked_rows.sql).
EXAMPLE_NOTE = "voorbeeldregel, verwijderen"
EXAMPLE = ["AM10", "leerwerkplaatsen", "2006-03", "12", "roc", "zorg", EXAMPLE_NOTE]


def choices(ref_dir: Path = REFERENCE_DIR) -> dict[str, list[str]]:
    """Allowed values per dropdown column, from the reference files."""
    def codes(name: str) -> list[str]:
        with (ref_dir / name).open(newline="", encoding="utf-8") as f:
            return [r["code"] for r in csv.DictReader(f)]
    return {"regio": codes("regions.csv"), "indicator": codes("indicators.csv"),
            "partner": codes("partners.csv"), "sector": codes("sectors.csv")}


def write_xlsx(path: Path | BinaryIO, lists: dict[str, list[str]]) -> Path | BinaryIO:
    """The template workbook: header, one example row, dropdowns for the coded columns."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "cijfers"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE)
    lookup = workbook.create_sheet("lijsten")
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        lookup.cell(1, col, name)
        for row, value in enumerate(values, start=2):
            lookup.cell(row, col, value)
        target = get_column_letter(COLUMNS.index(name) + 1)
        rule = DataValidation(type="list", formula1=f"=lijsten!${letter}$2:${letter}${len(values) + 1}",
                              allow_blank=name == "sector", showErrorMessage=True,
                              errorTitle="Onbekende waarde / Unknown value",
                              error=f"Kies een {name} uit de lijst / Choose a {name} from the list")
        rule.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(rule)
    lookup.sheet_state = "hidden"
    workbook.save(path)
    return path


def csv_text() -> str:
    """The template as a ';'-separated CSV (as Dutch Excel saves it), with the example row."""
    return ";".join(COLUMNS) + "\n" + ";".join(EXAMPLE) + "\n"


def write_csv(path: Path) -> Path:
    """The CSV template on disk."""
    path.write_text(csv_text(), encoding="utf-8")
    return path


def write_templates(out: Path) -> list[Path]:
    """Both templates in `out`: aanlevering_sjabloon.xlsx and aanlevering_sjabloon.csv."""
    out.mkdir(parents=True, exist_ok=True)
    return [write_xlsx(out / "aanlevering_sjabloon.xlsx", choices()),
            write_csv(out / "aanlevering_sjabloon.csv")]
