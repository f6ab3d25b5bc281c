"""Every string in Dutch and English; Dutch number and date formats."""
from __future__ import annotations

import datetime as dt
import re
import string

from regiomonitor.core.settings import ROOT
from regiomonitor.core.texts import LANGUAGES, STRINGS, fmt_amount, fmt_date, fmt_number, fmt_pct


def test_every_string_exists_in_every_language_with_the_same_placeholders():
    for key, texts in STRINGS.items():
        assert set(texts) == set(LANGUAGES), key
        fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in LANGUAGES]
        assert all(f == fields[0] for f in fields), key
        assert all(texts[lang].strip() for lang in LANGUAGES), key


def test_every_string_key_used_in_the_dashboard_exists():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "dashboard").rglob("*.py"))
    used = set(re.findall(r"\bt\(\"([a-z_]+)\"", source)) | set(re.findall(r"label_key=\"([a-z_]+)\"", source))
    assert used, "no string keys found: the pattern is out of date"
    assert used <= set(STRINGS)


def test_dutch_formats():
    assert fmt_number(1200, "nl") == "1.200"
    assert fmt_number(37.916, "nl", 1) == "37,9"
    assert fmt_amount(1650000, "euro", "nl") == "€ 1.650.000"
    assert fmt_pct(0.805, "nl") == "80,5%"
    assert fmt_date(dt.date(2005, 11, 28), "nl") == "28-11-2005"


def test_english_formats():
    assert fmt_number(1200, "en") == "1,200"
    assert fmt_pct(0.805, "en") == "80.5%"
    assert fmt_date(dt.date(2005, 11, 28), "en") == "28 Nov 2005"


def test_moments_in_dutch_and_english_from_any_source():
    """The Data page's timestamps (pandas) and the account pages' (ISO text) read alike."""
    import pandas as pd

    from regiomonitor.core.formats import fmt_timestamp

    assert fmt_timestamp("2026-11-27T09:05:31.912+00:00", "nl") == "27-11-2026 09:05"
    assert fmt_timestamp(pd.Timestamp("2007-01-05 03:04"), "en") == "5 Jan 2007 03:04"
    assert fmt_timestamp(None, "nl") == fmt_timestamp(pd.NaT, "nl") == "–"


def test_every_kind_of_change_has_its_words():
    # regiomonitor/core/changes.py builds these keys from pipelines/validation.CHANGE_KINDS
    from pipelines.validation import CHANGE_KINDS

    for kind in CHANGE_KINDS:
        assert {f"change_{kind}_one", f"change_{kind}_many"} <= set(STRINGS), kind
    verbs = {k.removeprefix("change_verb_") for k in STRINGS if k.startswith("change_verb_")}
    assert verbs <= set(CHANGE_KINDS)
