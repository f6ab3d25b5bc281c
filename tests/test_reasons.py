"""The reasons a partner reads live in one table, data/reference/reasons.csv: every reason the
rules (sql/pipelines/) or the readers (pipelines/) can give is in it, in Dutch and English,
and nothing in it is dead."""
from __future__ import annotations

import re

from core.settings import ROOT
from core.vocabulary import CHANGE_KINDS
from pipelines.reasons import templates
from pipelines.review import DECISIONS


def codes_given() -> set[str]:
    """Reason codes in the SQL rules ('unknown_region', …) and in reason("…") calls."""
    sql = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "sql" / "pipelines").glob("*.sql"))
    python = " ".join(p.read_text(encoding="utf-8") for p in (ROOT / "pipelines").glob("*.py"))
    fields = {"region", "period", "value"}   # intake_cell's field names (cells.sql), not reasons
    fields |= set(CHANGE_KINDS) | set(DECISIONS) | {"waiting"}   # changes.sql, review states
    return (set(re.findall(r"then '([a-z_]+)'", sql)) - fields
            | set(re.findall(r'reason\("([a-z_]+)"', python))
            | set(re.findall(r'\b(?:not_a_number|not_a_month)\b', python)))


def test_every_reason_given_is_in_the_table_and_every_one_in_the_table_is_given():
    given = codes_given()
    assert given - set(templates()) == set()
    assert set(templates()) - given == set()


def test_every_reason_has_dutch_and_english_with_the_same_placeholders():
    for code, (nl, en) in templates().items():
        assert nl and en and nl != en, code
        assert set(re.findall(r"\{\w+\}", nl + en)) <= {"{1}", "{2}", "{3}", "{4}"}, code
