"""Check a partner submission: parse every cell by hand, then validate the rules with pandera.

Two layers. Parsing (pipelines/parsing.py and `parse_row` here) turns each raw cell into a
typed value or a reason it cannot be read: Dutch numbers and months, region codes, region
names and gemeente names, formula-like text and oversized cells. pandera then checks the
rules on the typed table with `lazy=True`, so every failing cell is reported at once: known
indicator/partner/sector, period inside the programme and not in the future, values
non-negative, counts whole, no duplicate keys within a file. Each failure becomes a
`RowError` with the row as the partner sees it in Excel, the column, the value and what
was expected, in Dutch and English.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pandas as pd
import pandera.pandas as pa

from pipelines.parsing import ParseError, parse_number, parse_period
from pipelines.reading import NotText, SheetNotFound, TooLarge, read_table, sheet_names
from regiomonitor.template import OPTIONAL_COLUMNS, REQUIRED_COLUMNS

KEY_COLUMNS = ["region", "indicator", "period", "partner", "sector"]
DEFAULT_SECTOR = "overig"
MAX_CELL_CHARS = 1000        # longer is pasted text or an attack, never a code or a figure
FORMULA_PREFIXES = ("=", "@")  # spreadsheet formulas saved as text, e.g. =HYPERLINK(...)
COLUMN_OF = {"region": "regio", "indicator": "indicator", "period": "periode",
             "value": "waarde", "partner": "partner", "sector": "sector"}


@dataclass(frozen=True)
class RowError:
    """One reason a submission cannot be loaded (or a warning), as a person can act on it."""

    row: int | None
    column: str | None
    value: str | None
    reason_nl: str
    reason_en: str


@dataclass(frozen=True)
class Lookups:
    """Known codes from the reference data, for checking a submission's cells."""

    regions: dict[str, str]             # lower-case CBS code or region name → code
    region_names: dict[str, str]        # code → name, for messages
    gemeenten: dict[str, set[str]]      # lower-case gemeente name → region codes
    gemeente_names: dict[str, str]      # lower-case gemeente name → name as CBS writes it
    indicators: dict[str, str]          # code → unit
    partners: set[str]
    sectors: set[str]
    first_month: dt.date
    last_month: dt.date


@dataclass
class Checked:
    """A checked submission: its valid records, every error and every warning found."""

    records: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        """Rows with at least one error (a whole-file error counts as one)."""
        return len({e.row for e in self.errors})


def lookups_from(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> Lookups:
    """Codes and the accepted period range from the reference tables already loaded."""
    names = dict(con.execute("select code, name from region").fetchall())
    gemeenten: dict[str, set[str]] = {}
    spelled: dict[str, str] = {}
    for name, region in con.execute("select name, region from gemeente_region").fetchall():
        gemeenten.setdefault(name.lower(), set()).add(region)
        spelled[name.lower()] = name
    first, last = con.execute("select min(start_date), max(end_date) from programme").fetchone()
    today = today or dt.date.today()
    return Lookups(
        regions={key.lower(): code for code, name in names.items() for key in (code, name)},
        region_names=names, gemeenten=gemeenten, gemeente_names=spelled,
        indicators=dict(con.execute("select code, unit from indicator").fetchall()),
        partners={r[0] for r in con.execute("select code from partner").fetchall()},
        sectors={r[0] for r in con.execute("select code from sector").fetchall()},
        first_month=dt.date(first.year, first.month, 1),
        last_month=min(dt.date(last.year, last.month, 1), dt.date(today.year, today.month, 1)),
    )


def closest_names(value: str, lk: Lookups) -> str:
    """Up to three known regions or gemeenten that look like `value`, as 'Name (code)'."""
    by_key = ({name.lower(): f"{name} ({code})" for code, name in lk.region_names.items()}
              | {code.lower(): f"{name} ({code})" for code, name in lk.region_names.items()}
              | {key: f"{lk.gemeente_names[key]} (gemeente, {'/'.join(sorted(regions))})"
                 for key, regions in lk.gemeenten.items()})
    keys = difflib.get_close_matches(value.lower(), list(by_key), n=3, cutoff=0.5)
    return ", ".join(dict.fromkeys(by_key[k] for k in keys)) or "-"


def resolve_region(text: str, lk: Lookups) -> tuple[str | None, tuple[str, str] | None]:
    """A region code from a CBS code, region name or gemeente name, else the reason in NL/EN.

    'Bergen' alone is ambiguous: CBS names the two gemeenten 'Bergen (NH.)' and 'Bergen (L.)'.
    """
    key = text.lower()
    if key in lk.regions:
        return lk.regions[key], None
    if key in lk.gemeenten and len(lk.gemeenten[key]) == 1:
        return next(iter(lk.gemeenten[key])), None
    prefixed = sorted(n for n in lk.gemeenten if n.startswith(key + " ("))
    if len(prefixed) == 1:
        return next(iter(lk.gemeenten[prefixed[0]])), None
    if prefixed:
        near = ", ".join(f"{lk.gemeente_names[n]} ({'/'.join(sorted(lk.gemeenten[n]))})"
                         for n in prefixed)
        return None, (f"gemeentenaam is niet eenduidig; bedoelt u: {near}?",
                      f"ambiguous gemeente name; did you mean: {near}?")
    near = closest_names(text, lk)
    return None, (f"onbekende regio of gemeente; bedoelt u: {near}?",
                  f"unknown region or gemeente; did you mean: {near}?")


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


def _shown(cell: object) -> str | None:
    """The value as a report shows it: huge cells cut to their start and length."""
    text = None if cell is None else str(cell)
    if text is not None and len(text) > 80:
        return f"{text[:60]}… ({len(text)} tekens/characters)"
    return text


def cell_problem(cell: object) -> tuple[str, str] | None:
    """Why a cell can hold no code or figure at all: oversized, or a formula saved as text."""
    text = _text(cell)
    if len(text) > MAX_CELL_CHARS:
        return (f"cel is te lang ({len(text)} tekens, hoogstens {MAX_CELL_CHARS})",
                f"cell is too long ({len(text)} characters, at most {MAX_CELL_CHARS})")
    if text.startswith(FORMULA_PREFIXES):
        return ("formule als tekst; verwacht een waarde, geen formule (zoals =HYPERLINK(...))",
                "formula saved as text; expected a value, not a formula (such as =HYPERLINK(...))")
    return None


def parse_row(number: int, cells: dict[str, object], lk: Lookups) -> tuple[dict, list[RowError]]:
    """Typed values of one row (None where a cell cannot be read) and why each could not."""
    errors: list[RowError] = []

    def fail(column: str, nl: str, en: str) -> None:
        errors.append(RowError(number, column, _shown(cells.get(column)), nl, en))

    def parsed(column: str, parse) -> object:
        cell = cells.get(column)
        problem = cell_problem(cell)
        if problem:
            fail(column, *problem)
        elif _text(cell) == "":
            fail(column, "een waarde (de cel is leeg)", "a value (the cell is empty)")
        else:
            try:
                return parse(cell)
            except ParseError as err:
                fail(column, f"verwacht {err.expected_nl}", f"expected {err.expected_en}")
        return None

    def region(cell: object) -> str | None:
        code, reason = resolve_region(_text(cell), lk)
        if reason:
            fail("regio", *reason)
        return code

    def code(cell: object) -> str:
        return _text(cell).lower()

    note = cells.get("opmerking")
    if len(_text(note)) > MAX_CELL_CHARS:
        fail("opmerking", *cell_problem(note))
    record = {"region": parsed("regio", region), "indicator": parsed("indicator", code),
              "period": parsed("periode", parse_period), "value": parsed("waarde", parse_number),
              "partner": parsed("partner", code),
              "sector": code(cells.get("sector")) or DEFAULT_SECTOR,
              "source_row": number, "note": _text(note) or None}
    if _text(cells.get("sector")) and cell_problem(cells.get("sector")):
        fail("sector", *cell_problem(cells.get("sector")))
        record["sector"] = None
    return record, errors


def rules(lk: Lookups) -> pa.DataFrameSchema:
    """The rules a parsed submission must meet; null cells failed parsing and are skipped."""
    units = lk.indicators

    def whole_counts(df: pd.DataFrame) -> pd.Series:
        counted = df["indicator"].map(units).eq("aantal") & df["value"].notna()
        return ~counted | (df["value"] % 1 == 0)

    in_programme = pa.Check(lambda d: lk.first_month <= d <= lk.last_month, element_wise=True,
                            name="in_programme")
    return pa.DataFrameSchema(
        {"region": pa.Column(None, nullable=True),
         "indicator": pa.Column(None, pa.Check.isin(sorted(units)), nullable=True),
         "period": pa.Column(None, in_programme, nullable=True),
         "value": pa.Column(float, pa.Check.ge(0), nullable=True),
         "partner": pa.Column(None, pa.Check.isin(sorted(lk.partners)), nullable=True),
         "sector": pa.Column(None, pa.Check.isin(sorted(lk.sectors)), nullable=True)},
        checks=[pa.Check(whole_counts, name="whole_counts")],
        unique=KEY_COLUMNS, report_duplicates="exclude_first")


def rule_messages(lk: Lookups) -> dict[str, tuple[str, str]]:
    """Dutch and English reason for each pandera check, by check name."""
    def one_of(values) -> str:
        return ", ".join(sorted(values))
    period = (f"{lk.first_month:%Y-%m} t/m {lk.last_month:%Y-%m}",
              f"{lk.first_month:%Y-%m} to {lk.last_month:%Y-%m}")
    return {
        "indicator": (f"onbekende indicator; verwacht een van: {one_of(lk.indicators)}",
                      f"unknown indicator; expected one of: {one_of(lk.indicators)}"),
        "partner": (f"onbekende partner; verwacht een van: {one_of(lk.partners)}",
                    f"unknown partner; expected one of: {one_of(lk.partners)}"),
        "sector": (f"onbekende sector; verwacht een van: {one_of(lk.sectors)}",
                   f"unknown sector; expected one of: {one_of(lk.sectors)}"),
        "in_programme": (f"maand buiten de looptijd of in de toekomst; verwacht {period[0]}",
                         f"month outside the programme or in the future; expected {period[1]}"),
        "greater_than_or_equal_to(0)": ("verwacht een getal van 0 of meer",
                                        "expected a number of 0 or more"),
        "whole_counts": ("verwacht een heel aantal (geen decimalen)",
                         "expected a whole count (no decimals)"),
    }


def rule_errors(frame: pd.DataFrame, raw: dict[int, dict], lk: Lookups) -> list[RowError]:
    """Every cell that breaks a rule, validated lazily so none is missed."""
    try:
        rules(lk).validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as err:
        cases = err.failure_cases
    messages, errors = rule_messages(lk), []
    seen: set[tuple] = set()
    for case in cases.itertuples():
        number = int(frame.loc[case.index, "source_row"])
        if case.check == "multiple_fields_uniqueness":
            if frame.loc[case.index, KEY_COLUMNS].isna().any():
                continue  # a row whose key could not be read is already reported
            errors.append(duplicate_error(frame, case.index, number))
            continue
        check = case.check if case.check in messages else case.column
        column = "waarde" if case.check == "whole_counts" else COLUMN_OF[case.column]
        if check == "whole_counts" and case.column != "value" or (number, column) in seen:
            continue
        seen.add((number, column))
        errors.append(RowError(number, column, _shown(raw[number].get(column)), *messages[check]))
    return list(dict.fromkeys(errors))


def duplicate_error(frame: pd.DataFrame, index: int, number: int) -> RowError:
    """A repeated key, naming the row where it first appeared."""
    key = frame.loc[index, KEY_COLUMNS]
    same = (frame[KEY_COLUMNS] == key).all(axis=1)
    first = int(frame.loc[same, "source_row"].iloc[0])
    return RowError(number, None, None,
                    f"dubbele regel: zelfde regio, indicator, maand, partner en sector als rij {first}",
                    f"duplicate: same region, indicator, month, partner and sector as row {first}")


def check_header(header: list) -> tuple[dict[str, int], list[RowError]]:
    """Column positions by lower-case name, or an error per missing required column."""
    positions = {str(h).strip().lower(): i for i, h in enumerate(header) if h is not None}
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    errors = [RowError(1, c, None, f"verplichte kolom '{c}' ontbreekt (kolommen: "
                       f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})",
                       f"required column '{c}' is missing (columns: "
                       f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})") for c in missing]
    return positions, errors


def file_error(nl: str, en: str) -> Checked:
    """A submission that cannot be read at all."""
    return Checked(errors=[RowError(None, None, None, nl, en)])


def read_checked(path: Path, sheet: str | None) -> tuple[list[tuple[int, list]] | None, Checked | None]:
    """The file's rows, or the whole-file reason it cannot be read."""
    try:
        table = read_table(path, sheet)
    except NotText:
        return None, file_error("bestand is geen CSV-tekst of XLSX-werkmap (binaire inhoud)",
                                "file is neither CSV text nor an XLSX workbook (binary content)")
    except TooLarge as err:
        return None, file_error(err.reason_nl, err.reason_en)
    except SheetNotFound as err:
        return None, file_error(f"werkblad '{err.sheet}' bestaat niet; werkbladen: "
                                f"{', '.join(err.sheets)}",
                                f"sheet '{err.sheet}' does not exist; sheets: {', '.join(err.sheets)}")
    except Exception as err:  # any unreadable file is a rejection, never a crash
        return None, file_error(f"bestand niet leesbaar als CSV of XLSX ({type(err).__name__})",
                                f"file not readable as CSV or XLSX ({err})")
    hint = other_sheet_hint(path, sheet) if len(table) < 2 else None
    if hint:
        return None, Checked(errors=[hint])
    if not table:
        return None, file_error("bestand is leeg", "file is empty")
    if len(table) < 2:
        return None, file_error("bestand bevat alleen een kopregel, geen gegevensrijen",
                                "file has a header but no data rows")
    return table, None


def other_sheet_hint(path: Path, sheet: str | None) -> RowError | None:
    """For a workbook whose table is on another sheet: which one to name with --sheet."""
    if path.suffix.lower() != ".xlsx" or sheet is not None:
        return None
    for name in sheet_names(path)[1:]:
        rows = read_table(path, name)
        if rows and not check_header(rows[0][1])[1]:
            return RowError(None, None, None,
                            f"de tabel staat niet op het eerste werkblad maar op '{name}'; "
                            f"kies het werkblad met --sheet \"{name}\"",
                            f"the table is not on the first sheet but on '{name}'; "
                            f"choose it with --sheet \"{name}\"")
    return None


def check_submission(path: Path, lk: Lookups, sheet: str | None = None) -> Checked:
    """Every record of a file and every error in it, duplicates within the file included."""
    table, unreadable = read_checked(path, sheet)
    if unreadable:
        return unreadable
    positions, errors = check_header(table[0][1])
    if errors:
        hint = other_sheet_hint(path, sheet)
        return Checked(errors=[hint] if hint else errors)
    raw = {number: {c: (row[i] if i < len(row) else None) for c, i in positions.items()}
           for number, row in table[1:]}
    parsed = [parse_row(number, cells, lk) for number, cells in raw.items()]
    parse_errors = [e for _, errs in parsed for e in errs]
    frame = pd.DataFrame([record for record, _ in parsed])
    frame["value"] = frame["value"].astype(float)
    errors = parse_errors + rule_errors(frame, raw, lk)
    order = {c: i for i, c in enumerate(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}
    errors.sort(key=lambda e: (e.row or 0, e.column is None, order.get(e.column or "", 99)))
    bad = {e.row for e in errors}
    return Checked(records=[r for r, _ in parsed if r["source_row"] not in bad], errors=errors)
