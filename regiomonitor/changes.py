"""How a change to a published figure reads, in one place: the CLI's validate and ingest
reports, the upload report, the review queue and the pages' "gewijzigd sinds de vorige
publicatie" all say "AM10 · stages · mei 2006 · ROC Rivor: 31 → 35".
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from regiomonitor.formatting import fmt_month, fmt_number

DEFAULT_SECTOR = "overig"   # not named in a label: most figures have no sector

# What each kind of change (pipelines/validation.CHANGE_KINDS) says, singular and plural.
WORDS = {
    "added": {"nl": ("voegt {n} cijfer toe", "voegt {n} cijfers toe"),
              "en": ("adds {n} figure", "adds {n} figures")},
    "replaced": {"nl": ("vervangt {n} cijfer", "vervangt {n} cijfers"),
                 "en": ("replaces {n} figure", "replaces {n} figures")},
    "unchanged": {"nl": ("{n} cijfer ongewijzigd", "{n} cijfers ongewijzigd"),
                  "en": ("{n} figure unchanged", "{n} figures unchanged")},
    "withdrawn": {"nl": ("trekt {n} cijfer in", "trekt {n} cijfers in"),
                  "en": ("withdraws {n} figure", "withdraws {n} figures")},
    "nothing": {"nl": ("{n} intrekking zonder cijfer", "{n} intrekkingen zonder cijfer"),
                "en": ("{n} withdrawal without a figure", "{n} withdrawals without a figure")},
    "held": {"nl": ("houdt {n} cijfer vast ter controle", "houdt {n} cijfers vast ter controle"),
             "en": ("holds {n} figure for review", "holds {n} figures for review")},
    "rejected": {"nl": ("{n} cijfer eerder afgekeurd", "{n} cijfers eerder afgekeurd"),
                 "en": ("{n} figure rejected in review", "{n} figures rejected in review")},
}

# What one listed change says before its figure.
VERBS = {"replaced": {"nl": "vervangt", "en": "replaces"},
         "withdrawn": {"nl": "trekt in", "en": "withdraws"},
         "held": {"nl": "ter controle", "en": "held for review"},
         "rejected": {"nl": "afgekeurd", "en": "rejected in review"},
         "added": {"nl": "nieuw", "en": "new"}}


def figures_text(n: int, lang: str) -> str:
    """'1 cijfer' / '1.200 cijfers' / '3 figures'."""
    word = {"nl": ("cijfer", "cijfers"), "en": ("figure", "figures")}[lang][n != 1]
    return f"{fmt_number(n, lang)} {word}"


def count_text(kind: str, n: int, lang: str) -> str:
    """'vervangt 1 cijfer' / 'replaces 3 figures'."""
    singular, plural = WORDS[kind][lang]
    return (singular if n == 1 else plural).format(n=fmt_number(n, lang))


def summary(counts: dict[str, int], lang: str) -> str:
    """The kinds of change an input makes, those that occur: 'voegt 12 cijfers toe, vervangt
    1 cijfer'; 'geen wijzigingen' when it changes nothing."""
    parts = [count_text(kind, n, lang) for kind, n in counts.items() if n]
    return ", ".join(parts) or {"nl": "geen wijzigingen", "en": "no changes"}[lang]


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
    withdrawn = {"nl": "ingetrokken", "en": "withdrawn"}[lang]
    return f"{shown(old, '–')} → {shown(new, withdrawn)}"


def line(change, lang: str) -> str:
    """One change as a report line: 'vervangt: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35'.
    `change` has the fields of pipelines/validation.Change."""
    verb = VERBS[change.change][lang]
    label = figure_label(change.region, change.indicator, change.period, change.partner,
                         change.sector, lang)
    return f"{verb}: {label}: {values_text(change.old_value, change.new_value, lang)}"
