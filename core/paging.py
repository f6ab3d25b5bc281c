"""Long lists shown a page at a time: how many rows a page holds, which page an address asks
for, and what the list's caption says. One rule for every paged list, the Data page's (Dash) and
/beheer's held figures (Flask), so that a page of 100 means the same everywhere and a bad page
number is read alike."""
from __future__ import annotations

import re

from core.formats import fmt_number
from core.texts import _

# A page of a long list: the submissions, revisions, rejected rows, warnings and source rows on
# the Data page, and the figures held for review on /beheer (each with a form: a file with
# thousands of outliers was a page of thousands of forms).
ROWS_PER_PAGE = 100


def pages_of(rows: int) -> int:
    """How many pages a list of `rows` has (one when there are none)."""
    return max(1, -(-rows // ROWS_PER_PAGE))


def first_row(page: int) -> int:
    """Where page `page` of a list starts: how many rows the pages before it show."""
    return (page - 1) * ROWS_PER_PAGE


def page_of(asked: str | None, rows: int) -> int:
    """The page of a list to show: the one asked for (?submissions_page=N, ?held_page=N, …),
    kept within 1 and the last; anything else (missing, not a number) is the first."""
    number = int(asked) if asked and re.fullmatch(r"[0-9]{1,9}", asked) else 1
    return min(max(number, 1), pages_of(rows))


def caption(whole: str, part: str, first: int, shown: int, total: int, lang: str) -> str:
    """A paged list's caption: `whole` when one page holds the list, else `part` with which rows
    of how many this page shows (`first`: the rows before it, `shown`: its own)."""
    if total <= ROWS_PER_PAGE:
        return _(whole, lang)
    return _(part, lang, first=fmt_number(first + 1, lang), last=fmt_number(first + shown, lang),
             n=fmt_number(total, lang))
