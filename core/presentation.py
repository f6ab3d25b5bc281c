"""How a progress figure is said in words, once for the CLI report and every dashboard page.

A status is never told by colour alone: it has a symbol and words, and its uncertainty is
said with it — the projection has no interval or its interval straddles the target
("onzeker"), the figure rests on a month not completely delivered ("voorlopig"), or the status
was computed on an earlier month, the last complete one ("stand per ..."). Status, projection
and "target reached in" are decided once, in sql/views/10_progress.sql, and come as one block
from one month (status_month, sql/views/15_provisional.sql); this module only says them, and
decides nothing from figures (issue 23). Rows may be pandas Series, dicts or itertuples() rows.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from core.formats import as_date, fmt_month
from core.texts import N_, _
from core.vocabulary import NO_STATUS_SYMBOL, STATUS_SYMBOLS


def field(row: object, name: str) -> object:
    """A column of a Series, dict or namedtuple row."""
    return row[name] if isinstance(row, (pd.Series, dict)) else getattr(row, name)


def flag(value: object) -> bool:
    """A yes/no column value; a missing one (None, NaN, pd.NA) is no. `if value` on pd.NA raises
    "boolean value of NA is ambiguous", which blanked the Regio and Vergelijken pages (issue 10)."""
    return False if value is None or pd.isna(value) else bool(value)


def status_notes(row: object, lang: str, as_of: dt.date | None = None, short: bool = True) -> list[str]:
    """Uncertain, provisional, and the earlier month the status rests on, in words."""
    notes = [_("uncertain", lang)] if flag(field(row, "status_uncertain")) else []
    if flag(field(row, "status_provisional")):
        notes.append(_("provisional", lang))
    stand = as_date(field(row, "status_month"))
    as_of = as_of or as_date(field(row, "as_of_month"))
    if stand and stand != as_of:
        notes.append(_("as of {month}", lang, month=fmt_month(stand, lang, short=short)))
    return notes


def status_text(row: object, statuses: dict[str, str], lang: str, as_of: dt.date | None = None,
                symbol: bool = False, short: bool = True) -> str:
    """"▲ Op schema (onzeker, voorlopig)": the status with its uncertainty, or "no target"."""
    status = field(row, "status")
    if not isinstance(status, str):
        return _("no target", lang)
    notes = status_notes(row, lang, as_of, short)
    text = statuses.get(status, status) + (f" ({', '.join(notes)})" if notes else "")
    return f"{STATUS_SYMBOLS.get(status, NO_STATUS_SYMBOL)} {text}" if symbol else text


def reached_text(row: object, lang: str, short: bool = False) -> str:
    """The month the target is reached, from the same row as the status: for a reached target
    the month it was reached (month_reached), else the projected month, marked "expected" (a
    reader at "stand per maart 2007" must not take "april 2007" for a fact) and marked when it
    falls after the deadline (the view sets that flag exactly when the status is not on track);
    "–" when there is nothing to project (deadline passed, no pace, not started), "not at this
    pace" when the pace never gets there."""
    status = field(row, "status")
    if status == "achieved":
        return fmt_month(as_date(field(row, "month_reached")), lang, short=short)
    if status in NO_PROJECTION:
        return "–"
    reached = as_date(field(row, "projected_month_reached"))
    if reached is None:
        return _("not at this pace", lang)
    notes = [_("expected", lang)]
    if flag(field(row, "reached_after_deadline")):
        notes.append(_("after the deadline", lang))
    return f"{fmt_month(reached, lang, short=short)} ({', '.join(notes)})"


# Statuses whose row has no projected month to tell (sql/views/10_progress.sql: the deadline has
# passed, there is no recent pace, or nothing has started).
NO_PROJECTION = frozenset({"not_achieved", "no_data", "not_started"})


# What a map's shapes are and where they come from (CC BY 4.0 asks for the credit), under every
# map: a credit given with `regiomonitor geometry --attribution` is shown as it was given.
CREDITS = {"cbs": N_("Source: CBS/PDOK, Gebiedsindelingen {year}, CC BY 4.0 (simplified)"),
           "schematic": N_("Schematic tile map: one square per region, roughly in place; not real boundaries.")}


def credit_line(source: str, year: object, attribution: str | None, lang: str) -> str:
    """The credit line under a map drawn from `source` boundaries of `year`."""
    if attribution:
        return attribution
    known = year is not None and not pd.isna(year)
    return _(CREDITS[source], lang, year=int(year) if known else "").replace("  ", " ").replace(" ,", ",")   # no year: no gap
