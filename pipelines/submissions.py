"""Partner submissions: read a CSV or XLSX file, check every cell, load it whole or not at all.

A submission with any error is rejected as a whole and recorded with the reason
for each bad cell (file, row as seen in Excel, column, value, what was expected);
the warehouse keeps what it had. Loading the same file twice changes nothing.
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd

from pipelines.parsing import ParseError, parse_number, parse_period

REQUIRED_COLUMNS = ["regio", "indicator", "periode", "waarde", "partner"]
OPTIONAL_COLUMNS = ["sector", "opmerking"]
SUBMISSION_SUFFIXES = {".csv", ".xlsx"}
DEFAULT_SECTOR = "overig"


@dataclass(frozen=True)
class RowError:
    """One reason a submission cannot be loaded, as a person can act on it."""

    row: int | None
    column: str | None
    value: str | None
    reason_nl: str
    reason_en: str


@dataclass(frozen=True)
class Lookups:
    """Known codes from the reference data, for checking a submission's cells."""

    regions: dict[str, str]          # lower-case code or name → code
    region_names: dict[str, str]     # code → name, for suggestions
    indicators: dict[str, str]       # code → unit
    partners: set[str]
    sectors: set[str]
    first_month: dt.date
    last_month: dt.date


@dataclass
class Checked:
    """A parsed submission: its valid records and every error found."""

    records: list[dict] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)


def lookups_from(con: duckdb.DuckDBPyConnection, today: dt.date | None = None) -> Lookups:
    """Codes and the accepted period range from the reference tables already loaded."""
    names = dict(con.execute("select code, name from region").fetchall())
    regions = {key.lower(): code for code, name in names.items() for key in (code, name)}
    first, last = con.execute("select min(start_date), max(end_date) from programme").fetchone()
    today = today or dt.date.today()
    return Lookups(
        regions=regions,
        region_names=names,
        indicators=dict(con.execute("select code, unit from indicator").fetchall()),
        partners={r[0] for r in con.execute("select code from partner").fetchall()},
        sectors={r[0] for r in con.execute("select code from sector").fetchall()},
        first_month=dt.date(first.year, first.month, 1),
        last_month=min(dt.date(last.year, last.month, 1), dt.date(today.year, today.month, 1)),
    )


def file_sha256(path: Path) -> str:
    """Content hash: the identity of a submission, whatever its file name."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def decode(raw: bytes) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, as Dutch offices save CSV."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252")


def read_table(path: Path) -> list[tuple[int, list]]:
    """(row number as Excel shows it, cells) for every non-empty row, header first."""
    if path.suffix.lower() == ".xlsx":
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            rows = list(workbook.worksheets[0].iter_rows(values_only=True))
        finally:
            workbook.close()
    else:
        text = decode(path.read_bytes())
        first_line = text.split("\n", 1)[0]
        delimiter = max([";", ",", "\t"], key=first_line.count)
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    return [(i, list(r)) for i, r in enumerate(rows, start=1)
            if any(c not in (None, "") for c in r)]


def closest_regions(value: str, names: dict[str, str]) -> str:
    """Up to three known regions whose name or code looks like `value`, as 'Name (code)'."""
    by_key = {name.lower(): code for code, name in names.items()} | {c.lower(): c for c in names}
    codes = dict.fromkeys(by_key[k] for k in difflib.get_close_matches(value.lower(), list(by_key),
                                                                         n=3, cutoff=0.5))
    return ", ".join(f"{names[c]} ({c})" for c in codes) or "-"


def check_header(header: list) -> tuple[dict[str, int], list[RowError]]:
    """Column positions by lower-case name, or an error per missing required column."""
    positions = {str(h).strip().lower(): i for i, h in enumerate(header) if h is not None}
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    errors = [RowError(1, c, None, f"verplichte kolom '{c}' ontbreekt (kolommen: "
                       f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)})",
                       f"required column '{c}' is missing") for c in missing]
    return positions, errors


def check_row(number: int, cells: dict[str, object], lk: Lookups) -> tuple[dict | None, list[RowError]]:
    """One record from one row, or the errors that stop it."""
    errors: list[RowError] = []

    def fail(column: str, nl: str, en: str) -> None:
        errors.append(RowError(number, column, _text(cells.get(column)), nl, en))

    region = lk.regions.get(_text(cells["regio"]).lower())
    if region is None:
        near = closest_regions(_text(cells["regio"]), lk.region_names)
        fail("regio", f"onbekende regio; bedoelt u: {near}?", f"unknown region; did you mean: {near}?")
    indicator = _text(cells["indicator"]).lower()
    if indicator not in lk.indicators:
        known = ", ".join(sorted(lk.indicators))
        fail("indicator", f"onbekende indicator; verwacht een van: {known}",
             f"unknown indicator; expected one of: {known}")
    partner = _text(cells["partner"]).lower()
    if partner not in lk.partners:
        known = ", ".join(sorted(lk.partners))
        fail("partner", f"onbekende partner; verwacht een van: {known}",
             f"unknown partner; expected one of: {known}")
    sector = _text(cells.get("sector")).lower() or DEFAULT_SECTOR
    if sector not in lk.sectors:
        known = ", ".join(sorted(lk.sectors))
        fail("sector", f"onbekende sector; verwacht een van: {known}",
             f"unknown sector; expected one of: {known}")
    period = _parsed(parse_period, cells["periode"], "periode", fail)
    if period and not lk.first_month <= period <= lk.last_month:
        fail("periode", f"maand buiten de looptijd; verwacht {lk.first_month:%Y-%m} t/m "
             f"{lk.last_month:%Y-%m}", f"month outside the programme; expected "
             f"{lk.first_month:%Y-%m} to {lk.last_month:%Y-%m}")
    value = _parsed(parse_number, cells["waarde"], "waarde", fail)
    if value is not None and value < 0:
        fail("waarde", "een getal van 0 of meer", "a number of 0 or more")
    elif value is not None and lk.indicators.get(indicator) == "aantal" and not value.is_integer():
        fail("waarde", "een heel aantal (geen decimalen)", "a whole count (no decimals)")
    if errors:
        return None, errors
    return {"region": region, "indicator": indicator, "period": period, "partner": partner,
            "sector": sector, "value": value, "source_row": number,
            "note": _text(cells.get("opmerking")) or None}, []


def _text(cell: object) -> str:
    return "" if cell is None else str(cell).strip()


def _parsed(parse, cell: object, column: str, fail) -> object:
    if _text(cell) == "":
        fail(column, "een waarde (de cel is leeg)", "a value (the cell is empty)")
        return None
    try:
        return parse(cell)
    except ParseError as err:
        fail(column, f"verwacht {err.expected_nl}", f"expected {err.expected_en}")
        return None


def check_submission(path: Path, lk: Lookups) -> Checked:
    """Every record of a file and every error in it, duplicates within the file included."""
    try:
        table = read_table(path)
    except Exception as err:  # any unreadable file is a rejection, never a crash
        return Checked(errors=[RowError(None, None, None, f"bestand niet leesbaar als CSV of "
                                        f"XLSX ({type(err).__name__})",
                                        f"file not readable as CSV or XLSX ({err})")])
    if len(table) < 2:
        return Checked(errors=[RowError(None, None, None, "bestand bevat geen gegevensrijen",
                                        "file has no data rows")])
    positions, errors = check_header(table[0][1])
    checked = Checked(errors=errors)
    if errors:
        return checked
    seen: dict[tuple, int] = {}
    for number, row in table[1:]:
        cells = {c: (row[i] if i < len(row) else None) for c, i in positions.items()}
        record, row_errors = check_row(number, cells, lk)
        checked.errors += row_errors
        if record is None:
            continue
        key = tuple(record[k] for k in ("region", "indicator", "period", "partner", "sector"))
        if key in seen:
            checked.errors.append(RowError(number, None, None,
                                           f"dubbele regel: zelfde regio, indicator, maand, partner "
                                           f"en sector als rij {seen[key]}",
                                           f"duplicate: same region, indicator, month, partner and "
                                           f"sector as row {seen[key]}"))
            continue
        seen[key] = number
        checked.records.append(record)
    return checked


def record_submission(con: duckdb.DuckDBPyConnection, path: Path, sha: str, checked: Checked,
                      is_demo: bool, steward: str, received_at: dt.datetime) -> str:
    """Write the submission, its records (when valid) or its rejected rows; returns its status."""
    sub_id = sha[:16]
    status = "rejected" if checked.errors else "loaded"
    con.execute("begin transaction")
    try:
        con.execute("insert into submission values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [sub_id, path.name, sha, received_at, steward, status,
                     0 if checked.errors else len(checked.records), len(checked.errors), is_demo])
        if checked.errors:
            con.executemany("insert into rejected_row values (?, ?, ?, ?, ?, ?)",
                            [[sub_id, e.row, e.column, e.value, e.reason_nl, e.reason_en]
                             for e in checked.errors])
        else:
            frame = pd.DataFrame(checked.records).assign(submission_id=sub_id, is_demo=is_demo)
            con.register("incoming", frame)
            con.execute("insert into observation by name select * from incoming")
            con.unregister("incoming")
        con.execute("commit")
    except duckdb.ConstraintException as err:
        con.execute("rollback")
        checked.errors.append(RowError(None, None, None,
                                       "cijfers overlappen met een eerder geladen bestand "
                                       "(zelfde regio, indicator, maand, partner en sector)",
                                       f"figures overlap a file loaded earlier ({err})"))
        return record_submission(con, path, sha, checked, is_demo, steward, received_at)
    return status
