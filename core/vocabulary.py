"""The domain's words that code compares against: statuses and their symbols, the default
indicator and sector, the file types an inbox takes, the submission's columns.

Labels and definitions in Dutch and English live beside their codes in data/reference (the SQL
views join them); what is here is what Python needs to decide or draw, in one place.
"""
from __future__ import annotations

import csv
import functools
from typing import NamedTuple

from core.settings import REFERENCE_DIR

# A status is never told by colour alone: every page and the CLI give it this symbol too
# (codes and thresholds: data/reference/statuses.csv).
STATUS_SYMBOLS = {
    "achieved": "✔", "on_track": "▲", "acceleration_needed": "►", "limited_progress": "▼",
    "deterioration": "✖", "not_achieved": "✖", "no_data": "?", "not_started": "○",
}
NO_STATUS_SYMBOL = "–"

# What a page shows before a reader chooses, and the sector a row without one counts for
# (not named in a figure's label: most figures have none).
DEFAULT_INDICATOR = "leerwerkplaatsen"
DEFAULT_SECTOR = "overig"

# The file types partners deliver (a partner file) and registers deliver (an extract, CSV or
# Parquet); an inbox takes either, a browser upload only a partner file.
SUBMISSION_SUFFIXES = frozenset({".csv", ".xlsx"})
EXTRACT_SUFFIXES = frozenset({".csv", ".parquet"})
INBOX_SUFFIXES = SUBMISSION_SUFFIXES | EXTRACT_SUFFIXES

# What an input does to a published figure (sql/pipelines/changes.sql), in the order reports
# count them: a new figure, a different value for a known one, the same value again, a
# withdrawal, a withdrawal of nothing, one held for review, one a steward rejected before.
CHANGE_KINDS = ("added", "replaced", "unchanged", "withdrawn", "nothing", "held", "rejected")

# The template's example row carries this opmerking (dashboard/template.py) and validation
# rejects a row that does (sql/pipelines/checked_rows.sql), so a forgotten example cannot load.
EXAMPLE_NOTE = "voorbeeldregel, verwijderen"

INTAKE_COLUMNS_CSV = REFERENCE_DIR / "intake_columns.csv"


class IntakeColumn(NamedTuple):
    """One column of an input kind, as data/reference/intake_columns.csv defines it."""

    name: str       # as the file's header names it: regio, periode, gemeente_code, …
    field: str      # the staging field it feeds (sql/pipelines/staged.sql)
    required: bool


@functools.cache
def intake_columns(kind: str) -> tuple[IntakeColumn, ...]:
    """The columns of 'submission' (a partner file; the template's columns) or 'registry' (an
    extract), in the order the template and the reports use."""
    with INTAKE_COLUMNS_CSV.open(newline="", encoding="utf-8") as f:
        rows = sorted((r for r in csv.DictReader(f) if r["kind"] == kind),
                      key=lambda r: int(r["position"]))
    return tuple(IntakeColumn(r["column_name"], r["field"], r["required"] == "true") for r in rows)


def submission_columns() -> list[str]:
    """A partner file's header, as the template writes it."""
    return [c.name for c in intake_columns("submission")]
