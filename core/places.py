"""Find a region by what a reader types: a region's name or CBS code, a gemeente's name or code,
a name people write for it (Den Bosch, Den Haag), or a gemeente merged since (Lingewaal, now West
Betuwe), with small typos forgiven (Rivierenlnd).

One matching rule for the dashboard's search box, the region page's name alias and
`regiomonitor progress --region`: names are compared without case, accents, punctuation or
spacing, so "Súdwest-Fryslân", "sudwest fryslan" and "SUDWESTFRYSLAN" are one. The places (and
their aliases and mergers, from data/reference/) come from sql/queries/search_places.sql.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY = 100        # characters of a query that are looked at
MAX_SUGGESTIONS = 8    # places on the "did you mean" page
# Typos forgiven: edits (a letter added, left out or changed) per normalised name length. Two in
# a long name (Rivierenlnd, Geldermalsn); one in a short one, where two would make "Epe" of "Ede"
# and of almost any three letters; none below three letters.
TYPO_EDITS = ((6, 2), (3, 1))


@dataclass(frozen=True)
class Place:
    """A name a reader may type, and the region it leads to."""

    kind: str          # 'region', 'gemeente', 'former' (merged since) or 'alias' (Den Bosch)
    code: str          # CBS code: AM10, GM0281 (an alias: its gemeente's code)
    name: str          # the name as typed: Rivierenland, Lingewaal, Den Bosch
    region: str
    region_name: str
    current_name: str  # what the place is called today: West Betuwe for Lingewaal
    merged_on: dt.date | None = None   # a former gemeente: the day its successor started


@dataclass(frozen=True)
class Found:
    """The region a query leads to, if it leads to exactly one, and the place it named there (for
    a note when that is a former gemeente or an alias); else places it may have meant."""

    region: str | None
    suggestions: list[Place]
    place: Place | None = None


def normalise(text: str) -> str:
    """Lower case, without accents, and without anything but letters and digits."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^0-9a-z]", "", plain.casefold())


def edits_allowed(key: str) -> int:
    """How many typos a normalised query of this length may contain (TYPO_EDITS)."""
    return next((edits for length, edits in TYPO_EDITS if len(key) >= length), 0)


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance between a and b, or limit + 1 as soon as it must exceed limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        previous, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            previous, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, previous + (char != other))
        if min(row) > limit:
            return limit + 1
    return row[-1]


def find(query: str, candidates: list[Place]) -> Found:
    """The one region `query` names exactly (by region, gemeente, alias or former name, or a
    code); otherwise the places whose name contains it (those starting with it first, regions
    before gemeenten), then those within a few typos of it (closest first)."""
    key = normalise(query[:MAX_QUERY])
    if not key:
        return Found(None, [])
    exact = [p for p in candidates if key in (normalise(p.name), normalise(p.code))]
    if len({p.region for p in exact}) == 1:
        return Found(exact[0].region, [], min(exact, key=lambda p: KIND_ORDER.index(p.kind)))
    partial = sorted((p for p in candidates if key in normalise(p.name)),
                     key=lambda p: (not normalise(p.name).startswith(key), KIND_ORDER.index(p.kind), p.name))
    limit = edits_allowed(key)
    distances = [(edit_distance(key, normalise(p.name), limit), p) for p in candidates]
    typos = [p for d, p in sorted(distances, key=lambda pair: (pair[0], pair[1].name)) if d <= limit]
    seen, suggestions = set(), []
    for place in [*partial, *typos]:
        if (place.kind, place.code) not in seen:
            seen.add((place.kind, place.code))
            suggestions.append(place)
    return Found(None, suggestions[:MAX_SUGGESTIONS])


KIND_ORDER = ("region", "gemeente", "alias", "former")   # which of several exact names a query means
