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

from core.settings import REFERENCE_DIR, STEWARD_CONTACT
from core.texts import N_, _
from core.vocabulary import EXAMPLE_NOTE, submission_columns

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


# What each column of the template holds (data/reference/intake_columns.csv lists the columns).
COLUMN_TEXTS = {
    "regio": N_("Required. The labour-market region: choose from the list, e.g. 'AM10 Rivierenland'. The "
                "code alone (AM10), the name (Rivierenland) or a gemeente (Tiel) also works."),
    "indicator": N_("Required. What you count, as a code: {codes}."),
    "periode": N_("Required. The month, as 2006-03 or mrt 2006. One month per row."),
    "waarde": N_("Required. The number in that month (for O&O spending the amount in euros), 0 or more, "
                 "written the Dutch way: 1.200 or 37,5. The word intrekken withdraws a figure (see Withdraw)."),
    "partner": N_("Required. The organisation that delivers the figure: choose its name from the list, e.g. "
                  "'ROC Rivor'. If yours is missing, ask the data stewards to register it."),
    "sector": N_("Optional; empty means overig (other). The sector as a code: {codes}."),
    "opmerking": N_("Optional. A note for the data stewards; it does not count."),
}
# The rules below the columns: correcting, withdrawing, and the example row.
RULES = [
    (N_("Correct"),
     N_("Send the row again with the right figure. A row replaces exactly the figure delivered "
                       "before with the same region × partner × indicator × month × sector; every other figure "
                       "stays. The check shows beforehand what changes, e.g.: vervangt 1 cijfer (replaces 1 "
                       "figure): AM10 · stages · mei 2006 · ROC Rivor: 31 → 35.")),
    (N_("Withdraw"),
     N_("To withdraw a figure: send a row with the same regio, indicator, periode, partner and "
                        "sector and the word intrekken in the column waarde.")),
    (N_("Example row"),
     N_("Delete the example row (opmerking '{note}') before you submit: a row with that note "
                           "is rejected.")),
]
# What a dropdown says when a cell holds a value it does not offer.
CHOOSE = {"regio": N_("Choose a region from the list"), "indicator": N_("Choose an indicator from the list"),
          "partner": N_("Choose a partner from the list"),
          "sector": N_("Choose a sector from the list or leave the cell empty")}


def explanation(lang: str, ref_dir: Path = REFERENCE_DIR) -> list[tuple[str, str]]:
    """The Toelichting in one language: (label, text) per column, then the rules and the contact."""
    codes = {"indicator": code_list("indicators.csv", lang, ref_dir),
             "sector": code_list("sectors.csv", lang, ref_dir)}
    columns = [(name, _(COLUMN_TEXTS[name], lang, codes=codes.get(name, ""))) for name in COLUMNS]
    rules = [(_(label, lang), _(text, lang, note=EXAMPLE_NOTE)) for label, text in RULES]
    return columns + rules + [(_("Contact", lang), _("Questions about the figures or the monitor: the "
                                                     "data stewards, {contact}.", lang,
                                                     contact=STEWARD_CONTACT))]


def write_explanation(sheet: Worksheet, ref_dir: Path = REFERENCE_DIR) -> None:
    """The 'Toelichting' sheet: Dutch, then English, wrapped to print on A4 portrait."""
    wrap = Alignment(wrap_text=True, vertical="top")
    for lang in ("nl", "en"):
        if sheet.max_row > 1:
            sheet.append([])
        sheet.append([_("In English: how to fill in the template", lang)])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True, size=13)
        sheet.append([_("How", lang), _("On the sheet 'cijfers' fill in one row per region, partner, "
                                        "indicator, month and sector; the dropdowns offer the valid "
                                        "values. Save as Excel (.xlsx) or as CSV with ; and submit it on "
                                        "the Submit page. Check first: `regiomonitor validate` or the "
                                        "Check button shows what would load and what it changes.", lang)])
        sheet.append([_("Column", lang), _("What it holds and how", lang)])
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
        for label, text in explanation(lang, ref_dir):
            sheet.append([label, text])
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
        # Spreadsheets do not grow a row for wrapped text on their own: 15 points per printed line.
        text = str(row[1].value or "") if len(row) > 1 else ""
        sheet.row_dimensions[row[0].row].height = 15 * max(1,
                                                           math.ceil(len(text) / (EXPLANATION_WIDTHS[1] - 6)))
    for column, width in enumerate(EXPLANATION_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def dropdown(name: str, values_range: str) -> DataValidation:
    """A list validation whose error says, in both languages, what to choose."""
    return DataValidation(type="list", formula1=values_range, allow_blank=name == "sector",
                          showErrorMessage=True, errorTitle=in_both(N_("Unknown value")),
                          error=in_both(CHOOSE[name]))


def in_both(message: str) -> str:
    """A workbook's own messages (a dropdown's error) have one text: Dutch / English."""
    return f"{_(message, 'nl')} / {_(message, 'en')}"


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
