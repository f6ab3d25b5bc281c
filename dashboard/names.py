"""Organisations by name, never by code (issue 24): "U levert aan voor: ROC Rivor", not roc_rivor.

One lookup for every page: the partner register as the published warehouse holds it
(sql/queries/partner_names.sql, from data/reference/partners.csv). A code the register does not
know is shown as it is, so nothing disappears from a page.
"""
from __future__ import annotations

from collections.abc import Iterable

from dashboard import warehouse


def partner(code: str, lang: str) -> str:
    """The partner's name in `lang`, or its code when the register does not know it."""
    frame = warehouse.current().query("partner_names")
    found = frame[frame["code"] == code]
    return code if found.empty else str(found.iloc[0][f"name_{lang}"])


def partners(codes: Iterable[str], lang: str) -> str:
    """'ROC Rivor, UWV': names in the order given, joined; '–' for none."""
    return ", ".join(partner(code, lang) for code in codes) or "–"
