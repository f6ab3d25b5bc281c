"""How a change to a published figure reads, in one place: the CLI's validate and ingest
reports, the upload report, the review queue and the pages' "gewijzigd sinds de vorige
publicatie" all say "AM10 · stages · mei 2006 · ROC Rivor: 31 → 35".
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regiomonitor.core.formats import fmt_month, fmt_number
from regiomonitor.core.texts import t
from regiomonitor.core.vocabulary import DEFAULT_SECTOR

# The words of each kind of change (pipelines/validation.CHANGE_KINDS) are in regiomonitor/core/texts.py:
# change_<kind>_one / _many for a count, change_verb_<kind> before one listed figure.


def figures_text(n: int, lang: str) -> str:
    """'1 cijfer' / '1.200 cijfers' / '3 figures'."""
    return t("figures_one" if n == 1 else "figures_many", lang, n=fmt_number(n, lang))


def count_text(kind: str, n: int, lang: str) -> str:
    """'vervangt 1 cijfer' / 'replaces 3 figures'."""
    return t(f"change_{kind}_{'one' if n == 1 else 'many'}", lang, n=fmt_number(n, lang))


def summary(counts: dict[str, int], lang: str) -> str:
    """The kinds of change an input makes, those that occur: 'voegt 12 cijfers toe, vervangt
    1 cijfer'; 'geen wijzigingen' when it changes nothing."""
    parts = [count_text(kind, n, lang) for kind, n in counts.items() if n]
    return ", ".join(parts) or t("no_changes", lang)


def figure_label(region: str, indicator: str, period: dt.date, partner: str, sector: str,
                 lang: str) -> str:
    """'AM10 · stages · mei 2006 · ROC Rivor' (the sector only when it is not the default)."""
    parts = [region, indicator, fmt_month(period, lang, short=True), partner]
    if sector and sector != DEFAULT_SECTOR:
        parts.append(sector)
    return " · ".join(parts)


def values_text(old: Decimal | float | None, new: Decimal | float | None, lang: str) -> str:
    """'31 → 35'; a new figure '– → 35', a withdrawn one '31 → ingetrokken'."""
    def shown(value, missing: str) -> str:
        if value is None:
            return missing
        decimals = 0 if float(value) == int(value) else 2
        return fmt_number(float(value), lang, decimals)
    return f"{shown(old, '–')} → {shown(new, t('value_withdrawn', lang))}"


def line(change, lang: str) -> str:
    """One change as a report line: 'vervangt: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35'.
    `change` has the fields of pipelines/validation.Change."""
    verb = t(f"change_verb_{change.change}", lang)
    label = figure_label(change.region, change.indicator, change.period, change.partner,
                         change.sector, lang)
    return f"{verb}: {label}: {values_text(change.old_value, change.new_value, lang)}"
