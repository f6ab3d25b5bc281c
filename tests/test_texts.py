"""The text catalogues and the formats: every text the code says is in Dutch and English, every
catalogue entry is used, no text is written in the code itself, and numbers, dates and moments
read the Dutch (or British) way through Babel."""
from __future__ import annotations

import ast
import datetime as dt
import re
import string
import subprocess
import sys
from pathlib import Path

import jinja2
import pandas as pd
import pytest
from babel.messages.pofile import read_po

from core import texts
from core.formats import (
    fmt_amount,
    fmt_date,
    fmt_millions,
    fmt_month,
    fmt_number,
    fmt_pct,
    fmt_size,
    fmt_timestamp,
    plotly_separators,
)
from core.settings import ROOT
from core.vocabulary import CHANGE_KINDS

LOCALE = texts.LOCALE_DIR
SPEAKING = ("regiomonitor", "core", "pipelines", "dashboard")   # the floors whose texts people read


def catalogue(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "messages.po", "rb") as f:
        return read_po(f)


def key(message) -> tuple:
    return message.context, message.id if isinstance(message.id, str) else tuple(message.id)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict:
    """Every text the code marks, found as `make messages` finds them (the Makefile's keywords)."""
    keywords = re.search(r"^BABEL_KEYWORDS := (.+)$", (ROOT / "Makefile").read_text(), re.M).group(1)
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F",
                    str(LOCALE / "babel.cfg"), *keywords.split(), "--no-default-keywords", "-o", str(pot), "."],
                   cwd=ROOT, check=True, capture_output=True, timeout=120)
    with open(pot, "rb") as f:
        return {key(m): m for m in read_po(f) if m.id}


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_every_text_has_its_translation_and_every_entry_is_used(extracted, lang):
    entries = {key(m): m for m in catalogue(lang) if m.id}
    untranslated = [k for k, m in entries.items()
                    if "fuzzy" in m.flags or not all(s.strip() for s in
                                                     (m.string if isinstance(m.string, tuple) else [m.string]))]
    assert sorted(set(extracted) - set(entries)) == [], f"not in the {lang} catalogue: run `make messages`"
    assert untranslated == [], f"without a {lang} translation"
    assert sorted(set(entries) - set(extracted)) == [], f"unused in the {lang} catalogue: run `make messages`"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", texts.LANGUAGES)
def test_every_translation_names_the_values_of_its_text(lang):
    for m in catalogue(lang):
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        wanted = set().union(*(placeholders(i) for i in ids))
        for s in strings:
            assert placeholders(s) <= wanted and (len(ids) > 1 or placeholders(s) == wanted), (lang, m.id, s)


def test_the_compiled_catalogues_are_those_of_the_po_files():
    """`make` compiles a .po that changed; the tests and the product read the .mo."""
    for lang in texts.LANGUAGES:
        po = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, f"{mo} is older than its .po: run make"


def test_a_text_is_said_in_each_language_and_a_missing_one_falls_back_to_its_id():
    assert (texts._("Map", "nl"), texts._("Map", "en"), texts._("Map", "fr")) == ("Kaart", "Map", "Kaart")
    assert texts.ngettext("{n} figure", "{n} figures", 1, "nl", n="1") == "1 cijfer"
    assert texts.ngettext("{n} figure", "{n} figures", 3, "nl", n="3") == "3 cijfers"
    assert texts._("A text nobody translated: {n}", "nl", n=3) == "A text nobody translated: 3"
    assert texts.pgettext("grid", "of", "nl") == "van"
    assert texts.said("File not found: {file}", file="x.csv")("en") == "File not found: x.csv"


def test_a_translation_whose_values_do_not_fit_falls_back_to_the_id():
    assert texts._fill("Bestand {bestand}", "File {file}", {"file": "x.csv"}) == "File x.csv"


def test_every_kind_of_change_has_its_words():
    from core import changes

    assert set(changes.COUNTS) == set(CHANGE_KINDS)
    assert set(changes.VERBS) <= set(CHANGE_KINDS)
    assert changes.summary({"added": 12, "replaced": 1}, "nl") == "voegt 12 cijfers toe, vervangt 1 cijfer"
    assert changes.summary({"added": 1}, "en") == "adds 1 figure"


GETTEXT_CALLS = {"_", "N_", "ngettext", "pgettext", "said"}
# Two Dutch words in a string that no gettext call holds: a text written in the code itself.
DUTCH = re.compile(r"\b(de|het|een|niet|geen|van|voor|zijn|wordt|met|naar|bij|zou|rijen|bestand)\b", re.I)


def inline_texts(path: Path) -> list[str]:
    """String constants outside gettext calls and docstrings that read as Dutch prose."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    marked, docstrings = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) in GETTEXT_CALLS:
            marked |= {id(n) for n in ast.walk(node)}
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node):
            docstrings.add(id(node.body[0].value))
    return [f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}" for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in marked
            and id(node) not in docstrings and len(set(w.lower() for w in DUTCH.findall(node.value))) >= 2]


# Generated demo data is written as a Dutch partner writes it (a target's note, the marker file):
# it is data in data/demo, not a text of the product.
DATA_WRITERS = {Path("pipelines/demo_data.py")}


def test_no_text_is_written_in_the_code():
    found = [hit for floor in SPEAKING for path in sorted((ROOT / floor).rglob("*.py"))
             if path.relative_to(ROOT) not in DATA_WRITERS for hit in inline_texts(path)]
    assert found == []


def template_words(path: Path) -> list[str]:
    """Words in a template's own markup (outside tags and expressions): every text a page shows
    comes through `_`. Language codes (NL, EN) and the product's name are not texts."""
    source = path.read_text(encoding="utf-8")
    jinja2.Environment().parse(source)   # a template that does not parse fails here
    markup = re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", " ", source, flags=re.S)
    prose = re.sub(r"<[^>]*>", " ", markup, flags=re.S)
    return [w for w in re.findall(r"[^\W\d_]{2,}", prose) if w not in {"NL", "EN", "Regiomonitor"}]


def test_no_text_is_written_in_the_templates():
    found = {p.name: template_words(p) for p in sorted((ROOT / "dashboard" / "templates").glob("*.html"))}
    assert {name: words for name, words in found.items() if words} == {}


def test_dutch_formats():
    assert fmt_number(1200, "nl") == "1.200"
    assert fmt_number(37.916, "nl", 1) == "37,9"
    assert fmt_amount(1650000, "euro", "nl") == "€\xa01.650.000"   # the sign never parts from the number
    assert fmt_amount(1200, "aantal", "nl") == "1.200"
    assert fmt_pct(0.805, "nl") == "80,5%"
    assert fmt_date(dt.date(2005, 11, 28), "nl") == "28-11-2005"
    assert fmt_month(dt.date(2007, 1, 1), "nl", short=True) == "jan 2007"
    assert fmt_month(dt.date(2007, 3, 1), "nl") == "maart 2007"
    assert fmt_millions(500_000, "nl") == "0,5\xa0mln."
    assert fmt_size(10 * 1024 * 1024, "nl") == "10,0 MB"
    assert plotly_separators("nl") == ",."
    assert fmt_number(None, "nl") == fmt_pct(float("nan"), "nl") == "–"


def test_english_formats():
    assert fmt_number(1200, "en") == "1,200"
    assert fmt_pct(0.805, "en") == "80.5%"
    assert fmt_amount(1650000, "euro", "en") == "€1,650,000"
    assert fmt_date(dt.date(2005, 11, 28), "en") == "28/11/2005"
    assert fmt_month(dt.date(2007, 3, 1), "en", short=True) == "Mar 2007"
    assert plotly_separators("en") == ".,"


def test_moments_are_shown_in_amsterdam_time_from_any_source():
    """Stored moments are UTC: 09:05 UTC is 10:05 in Amsterdam in winter, 11:05 in summer."""
    assert fmt_timestamp("2026-11-27T09:05:31.912+00:00", "nl") == "27-11-2026, 10:05"
    assert fmt_timestamp(pd.Timestamp("2007-07-05 09:05"), "en") == "05/07/2007, 11:05"
    assert fmt_timestamp(dt.datetime(2026, 3, 29, 0, 30), "nl") == "29-03-2026, 01:30"
    assert fmt_timestamp(None, "nl") == fmt_timestamp(pd.NaT, "nl") == "–"
