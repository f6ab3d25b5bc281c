"""Find a region by what a reader types: a region's name or CBS code, or the name or code of a
gemeente in it (former gemeenten too, e.g. Geldermalsen, now West Betuwe).

One matching rule for the dashboard's search box, the region page's name alias and
`regiomonitor progress --region`: names are compared without case, accents, punctuation or
spacing, so "Súdwest-Fryslân", "sudwest fryslan" and "SUDWESTFRYSLAN" are one. The places
come from sql/queries/search_places.sql.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY = 100        # characters of a query that are looked at
MAX_SUGGESTIONS = 8    # places on the "did you mean" page


@dataclass(frozen=True)
class Place:
    """A name a reader may type, and the region it leads to."""

    kind: str          # 'region' or 'gemeente'
    code: str          # CBS code: AM10, GM0281
    name: str
    region: str
    region_name: str


@dataclass(frozen=True)
class Found:
    """The region a query leads to, if it leads to exactly one; else places it may have meant."""

    region: str | None
    suggestions: list[Place]


def normalise(text: str) -> str:
    """Lower case, without accents, and without anything but letters and digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]", "", plain.casefold())


def find(query: str, candidates: list[Place]) -> Found:
    """The one region `query` names exactly (by region or gemeente name or code); otherwise the
    places whose name contains it (those starting with it first, regions before gemeenten) or is
    close to it (a typo)."""
    key = normalise(query[:MAX_QUERY])
    if not key:
        return Found(None, [])
    exact = {p.region for p in candidates if key in (normalise(p.name), normalise(p.code))}
    if len(exact) == 1:
        return Found(exact.pop(), [])
    by_name = {normalise(p.name): p for p in reversed(candidates)}
    close = difflib.get_close_matches(key, list(by_name), n=MAX_SUGGESTIONS, cutoff=0.7)
    partial = sorted((p for p in candidates if key in normalise(p.name)),
                     key=lambda p: (not normalise(p.name).startswith(key), p.kind != "region", p.name))
    seen, suggestions = set(), []
    for place in [*partial, *(by_name[c] for c in close)]:
        if (place.kind, place.code) not in seen:
            seen.add((place.kind, place.code))
            suggestions.append(place)
    return Found(None, suggestions[:MAX_SUGGESTIONS])
