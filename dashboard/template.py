"""The submission format and its template for partners: an XLSX with dropdowns, and a CSV.

Generated from data/reference, so the dropdowns offer values validation accepts: regions as
"AM10 Rivierenland" and partners by their name in the partner register (issue 12), indicator
and sector as codes. The workbook's sheets: 'cijfers' (first, so the pipelines read it),
'Toelichting' (every column, the correction and withdraw rules, whom to ask; Dutch first,
then English) and the hidden 'lijsten' that the dropdowns point at. The example row carries
EXAMPLE_NOTE, which validation rejects, so a forgotten example cannot load.
Neutral ground: the pipelines validate against these columns, the CLI writes the template to
disk and the dashboard's Data and Aanleveren pages offer it for download.
"""
from __future__ import annotations

import csv
import io
import math
from pathlib import Path
from typing import BinaryIO

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from regiomonitor.core.settings import REFERENCE_DIR, STEWARD_CONTACT
from regiomonitor.core.texts import t
from regiomonitor.core.vocabulary import EXAMPLE_NOTE, submission_columns

COLUMNS = submission_columns()
TEMPLATE_ROWS = 500  # rows that carry the dropdowns
EXAMPLE = ["AM10 Rivierenland", "leerwerkplaatsen", "2006-03", "12", "ROC Rivor", "zorg", EXAMPLE_NOTE]
# The Toelichting's text columns, in characters: 16 + 78 print on one A4 page width.
EXPLANATION_WIDTHS = (16, 78)


def reference_rows(name: str, ref_dir: Path = REFERENCE_DIR) -> list[dict[str, str]]:
    """The rows of one file in data/reference."""
    with (ref_dir / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def choices(ref_dir: Path = REFERENCE_DIR) -> dict[str, list[str]]:
    """Allowed values per dropdown column: regions as "code name", partners by name."""
    def rows(name: str) -> list[dict[str, str]]:
        return reference_rows(name, ref_dir)
    return {"regio": [f"{r['code']} {r['name']}" for r in rows("regions.csv")],
            "indicator": [r["code"] for r in rows("indicators.csv")],
            "partner": [r["name_nl"] for r in rows("partners.csv")],
            "sector": [r["code"] for r in rows("sectors.csv")]}


def code_list(name: str, lang: str, ref_dir: Path = REFERENCE_DIR) -> str:
    """'leerwerkplaatsen (Leerwerkplaatsen), stages (Stages), …': codes with their labels."""
    return ", ".join(f"{r['code']} ({r[f'label_{lang}']})" for r in reference_rows(name, ref_dir))


def explanation(lang: str, ref_dir: Path = REFERENCE_DIR) -> list[tuple[str, str]]:
    """The Toelichting in one language: (label, text) per column, then the rules and the contact."""
    codes = {"indicator": code_list("indicators.csv", lang, ref_dir),
             "sector": code_list("sectors.csv", lang, ref_dir)}
    columns = [(name, t(f"tpl_col_{name}", lang, codes=codes.get(name, ""))) for name in COLUMNS]
    rules = [(t(f"tpl_label_{key}", lang), t(f"tpl_{key}", lang, note=EXAMPLE_NOTE))
             for key in ("correction", "withdraw", "example")]
    return columns + rules + [(t("method_contact", lang), t("steward_contact", lang, contact=STEWARD_CONTACT))]


def write_explanation(sheet: Worksheet, ref_dir: Path = REFERENCE_DIR) -> None:
    """The 'Toelichting' sheet: Dutch, then English, wrapped to print on A4 portrait."""
    wrap = Alignment(wrap_text=True, vertical="top")
    for lang in ("nl", "en"):
        if sheet.max_row > 1:
            sheet.append([])
        sheet.append([t("tpl_title", lang)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
        sheet.append([t("tpl_label_how", lang), t("tpl_intro", lang)])
        sheet.append([t("tpl_column", lang), t("tpl_meaning", lang)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for label, text in explanation(lang, ref_dir):
            sheet.append([label, text])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
        # Spreadsheets do not grow a row for wrapped text on their own: 15 points per printed line.
        text = str(row[1].value or "") if len(row) > 1 else ""
        sheet.row_dimensions[row[0].row].height = 15 * max(1, math.ceil(len(text) / (EXPLANATION_WIDTHS[1] - 6)))
    for column, width in enumerate(EXPLANATION_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def dropdown(name: str, values_range: str) -> DataValidation:
    """A list validation whose error says, in both languages, what to choose."""
    return DataValidation(type="list", formula1=values_range, allow_blank=name == "sector",
                          showErrorMessage=True, errorTitle="Onbekende waarde / Unknown value",
                          error=f"{t(f'tpl_choose_{name}', 'nl')} / {t(f'tpl_choose_{name}', 'en')}")


def write_xlsx(path: Path | BinaryIO, lists: dict[str, list[str]] | None = None,
               ref_dir: Path = REFERENCE_DIR) -> Path | BinaryIO:
    """The template workbook: header, the example row, dropdowns, and the Toelichting."""
    lists = lists if lists is not None else choices(ref_dir)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "cijfers"
    sheet.append(COLUMNS)
    sheet.append(EXAMPLE)
    write_explanation(workbook.create_sheet("Toelichting"), ref_dir)
    lookup = workbook.create_sheet("lijsten")
    for col, (name, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(col)
        lookup.cell(1, col, name)
        for row, value in enumerate(values, start=2):
            lookup.cell(row, col, value)
        rule = dropdown(name, f"=lijsten!${letter}$2:${letter}${len(values) + 1}")
        target = get_column_letter(COLUMNS.index(name) + 1)
        rule.add(f"{target}2:{target}{TEMPLATE_ROWS + 1}")
        sheet.add_data_validation(rule)
    lookup.sheet_state = "hidden"
    workbook.save(path)
    return path


def csv_text() -> str:
    """The template as a ';'-separated CSV (as Dutch Excel saves it), with the example row
    (the csv module quotes a value that holds a ; or a quote)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerows([COLUMNS, EXAMPLE])
    return out.getvalue()


def write_csv(path: Path) -> Path:
    """The CSV template on disk."""
    path.write_text(csv_text(), encoding="utf-8")
    return path


def write_templates(out: Path) -> list[Path]:
    """Both templates in `out`: aanlevering_sjabloon.xlsx and aanlevering_sjabloon.csv."""
    out.mkdir(parents=True, exist_ok=True)
    return [write_xlsx(out / "aanlevering_sjabloon.xlsx"), write_csv(out / "aanlevering_sjabloon.csv")]
