"""Why an input (or one of its cells) cannot be loaded, in Dutch and English.

Every reason's wording lives in one reference table, data/reference/reasons.csv, with {1}
and {2} for what a message names (a row, a list of codes, a file's sheets). The SQL rules
read the same file (sql/pipelines/problems.sql); this module fills it in for the reasons
found while reading a file, before any row reaches the staging relation.
"""
from __future__ import annotations

import csv
import functools
from dataclasses import dataclass

from core.settings import REFERENCE_DIR

REASONS_CSV = REFERENCE_DIR / "reasons.csv"


@dataclass(frozen=True)
class RowError:
    """One reason a submission cannot be loaded (or a warning), as a person can act on it."""

    row: int | None
    column: str | None
    value: str | None
    reason_nl: str
    reason_en: str


@functools.cache
def templates() -> dict[str, tuple[str, str]]:
    """Reason code → (Dutch, English) wording with its {1} and {2}."""
    with REASONS_CSV.open(newline="", encoding="utf-8") as f:
        return {r["code"]: (r["reason_nl"], r["reason_en"]) for r in csv.DictReader(f)}


def fill(text: str, args: tuple[object, ...]) -> str:
    """A template with {1}, {2}, … replaced by `args`."""
    for number, arg in enumerate(args, start=1):
        text = text.replace(f"{{{number}}}", str(arg))
    return text


def reason(code: str, *args: object, row: int | None = None, column: str | None = None,
           value: str | None = None, args_en: tuple[object, ...] | None = None) -> RowError:
    """The reason `code` as a RowError, its wording filled with `args`; the English one with
    `args_en` when they differ (numbers written the English way)."""
    nl, en = templates()[code]
    return RowError(row, column, value, fill(nl, args), fill(en, args if args_en is None else args_en))
