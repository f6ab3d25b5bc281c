"""How a change to a published figure reads, in one place: the CLI's validate and ingest
reports, the upload report, the review queue and the pages' "gewijzigd sinds de vorige
publicatie" all say "AM10 · stages · mei 2006 · ROC Rivor: 31 → 35".
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from core.formats import fmt_month, fmt_number
from core.texts import N_, _, ngettext
from core.vocabulary import DEFAULT_SECTOR

# The words of each kind of change (pipelines/validation.CHANGE_KINDS): a count, as the
# language counts, and the word before one listed figure.
COUNTS = {
    "added": lambda n, lang, shown: ngettext("adds {n} figure", "adds {n} figures", n, lang, n=shown),
    "replaced": lambda n, lang, shown: ngettext("replaces {n} figure", "replaces {n} figures", n, lang,
                                                n=shown),
    "unchanged": lambda n, lang, shown: ngettext("{n} figure unchanged", "{n} figures unchanged", n,
                                                 lang, n=shown),
    "withdrawn": lambda n, lang, shown: ngettext("withdraws {n} figure", "withdraws {n} figures", n,
                                                 lang, n=shown),
    "nothing": lambda n, lang, shown: ngettext("{n} withdrawal without a figure",
                                               "{n} withdrawals without a figure", n, lang, n=shown),
    "held": lambda n, lang, shown: ngettext("holds {n} figure for review", "holds {n} figures for review",
                                            n, lang, n=shown),
    "rejected": lambda n, lang, shown: ngettext("{n} figure rejected in review",
                                                "{n} figures rejected in review", n, lang, n=shown),
}
VERBS = {"added": N_("new"), "replaced": N_("replaces"), "withdrawn": N_("withdraws"),
         "held": N_("held for review"), "rejected": N_("rejected in review")}


def figures_text(n: int, lang: str) -> str:
    """'1 cijfer' / '1.200 cijfers' / '3 figures'."""
    return ngettext("{n} figure", "{n} figures", n, lang, n=fmt_number(n, lang))


def count_text(kind: str, n: int, lang: str) -> str:
    """'vervangt 1 cijfer' / 'replaces 3 figures'."""
    return COUNTS[kind](n, lang, fmt_number(n, lang))


def summary(counts: dict[str, int], lang: str) -> str:
    """The kinds of change an input makes, those that occur: 'voegt 12 cijfers toe, vervangt
    1 cijfer'; 'geen wijzigingen' when it changes nothing."""
    parts = [count_text(kind, n, lang) for kind, n in counts.items() if n]
    return ", ".join(parts) or _("no changes", lang)


def figure_label(region: str, indicator: str, period: dt.date, partner: str, sector: str,
                 lang: str) -> str:
    """'AM10 · stages · mei 2006 · ROC Rivor' (the sector only when it is not the default)."""
    parts = [region, indicator, fmt_month(period, lang, short=True), partner]
    if sector and sector != DEFAULT_SECTOR:
        parts.append(sector)
    return " · ".join(parts)


def value_text(value: Decimal | float | None, lang: str, missing: str = "–") -> str:
    """'5.000', '37,50'; `missing` for no figure."""
    if value is None:
        return missing
    decimals = 0 if float(value) == int(value) else 2
    return fmt_number(float(value), lang, decimals)


def values_text(old: Decimal | float | None, new: Decimal | float | None, lang: str) -> str:
    """'31 → 35'; a new figure '– → 35', a withdrawn one '31 → ingetrokken'."""
    return value_text(old, lang) + " → " + value_text(new, lang, _("withdrawn", lang))


def overtaken_text(held: Decimal | float, current: Decimal | float | None, later_file: str,
                   lang: str) -> str:
    """A held figure that a later file changed since (issue 23), as the review queue and a
    refused decision say it: 'ingehaald: vastgehouden 5.000, nu 25 uit het latere bestand b.csv'."""
    return _("overtaken: held {held}, now {current} from the later file {file}", lang,
             held=value_text(held, lang), current=value_text(current, lang, _("withdrawn", lang)),
             file=later_file)


def line(change, lang: str) -> str:
    """One change as a report line: 'vervangt: AM10 · stages · mei 2006 · ROC Rivor: 31 → 35'.
    `change` has the fields of pipelines/validation.Change."""
    verb = _(VERBS[change.change], lang)
    label = figure_label(change.region, change.indicator, change.period, change.partner,
                         change.sector, lang)
    return f"{verb}: {label}: {values_text(change.old_value, change.new_value, lang)}"


def located(change, lang: str) -> str:
    """A change with the row it comes from: 'rij 2: vervangt: …'; a figure a registry extract
    withdraws because none of its records is left: 'geen record meer in het bestand: trekt in: …'."""
    if change.source_row is None:
        return _("no record left in the file: {change}", lang, change=line(change, lang))
    return _("row {row}: {change}", lang, row=change.source_row, change=line(change, lang))
