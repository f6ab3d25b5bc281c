"""Long lists shown a page at a time: how many rows a page holds, which page an address asks
for, and what the list's caption says. One rule for every paged list, the Data page's (Dash) and
/beheer's held figures (Flask), so that a page of 100 means the same everywhere and a bad page
number is read alike."""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

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


def requested(asked: str | None) -> int | None:
    """The page number an address or a form names (?submissions_page=N, ?held_page=N, …), None
    when it names none: missing, not a number, or too long to be one."""
    return int(asked) if asked and re.fullmatch(r"[0-9]{1,9}", asked) else None


def page_of(asked: str | None, rows: int) -> int:
    """The page of a list to show: the one asked for, kept within 1 and the last; anything else
    is the first."""
    return min(max(requested(asked) or 1, 1), pages_of(rows))


def caption(whole: str, part: str, first: int, shown: int, total: int, lang: str) -> str:
    """A paged list's caption: `whole` when one page holds the list, else `part` with which rows
    of how many this page shows (`first`: the rows before it, `shown`: its own)."""
    if total <= ROWS_PER_PAGE:
        return _(whole, lang)
    return _(part, lang, first=fmt_number(first + 1, lang), last=fmt_number(first + shown, lang),
             n=fmt_number(total, lang))


class Navigation(NamedTuple):
    """A pager's words and links: its name (for assistive technology), where this page stands,
    and (address, words) for the page before and after, None at either end."""

    name: str
    position: str
    back: tuple[str, str] | None
    forward: tuple[str, str] | None


def navigation(page: int, rows: int, link: Callable[[int], str], back: str, forward: str, name: str,
               lang: str) -> Navigation | None:
    """The pager of page `page` of a list of `rows` (None when one page holds it): `link(n)` is
    page n's address, `back`, `forward` and `name` the list's own words (msgids)."""
    last = pages_of(rows)
    if last == 1:
        return None
    return Navigation(_(name, lang),
                      _("Page {page} of {pages}", lang, page=fmt_number(page, lang), pages=fmt_number(last, lang)),
                      (link(page - 1), _(back, lang)) if page > 1 else None,
                      (link(page + 1), _(forward, lang)) if page < last else None)
