"""Vergelijken's ranking order (dashboard/pages/vergelijken.py: sorted_rows, parse_sort, the
headers' sort buttons and the trend's small chart), against orders and figures worked out by hand."""
from __future__ import annotations

import re

import pytest

from dashboard import ids
from tests.helpers import page_render
from tests.test_context_pages import page_module
from tests.test_methode import client, find, post, served  # noqa: F401 (fixtures: the app, which imports the pages)

# Five regions as ranking_rows gives them (numbers as numbers; None where there is no figure).
ROWS = [
    {"region_name": "Drechtsteden", "rank_achievement": 2, "achievement": 0.5, "target_value": 300,
     "context_per_10k": None, "status_label": "op koers"},
    {"region_name": "achterhoek", "rank_achievement": 1, "achievement": 0.8, "target_value": 100,
     "context_per_10k": 12.5, "status_label": "Achter"},
    {"region_name": "Flevoland", "rank_achievement": 2, "achievement": 0.5, "target_value": 300,
     "context_per_10k": 3.0, "status_label": None},
    {"region_name": "Twente", "rank_achievement": None, "achievement": None, "target_value": None,
     "context_per_10k": 20.0, "status_label": "geen doel"},
    {"region_name": "Amstelland", "rank_achievement": 2, "achievement": 0.5, "target_value": 50,
     "context_per_10k": 3.0, "status_label": "op koers"},
]


@pytest.fixture
def vergelijken(client):  # noqa: F811
    return page_module("vergelijken")


def names(rows: list[dict]) -> list[str]:
    return [r["region_name"] for r in rows]


def test_the_default_is_share_of_target_highest_first_ties_by_rank_then_name(vergelijken):
    # 0,8; then the three of 0,5 (all rank 2) by name; Twente has no share: last
    assert names(vergelijken.sorted_rows(ROWS, "-achievement")) == [
        "achterhoek", "Amstelland", "Drechtsteden", "Flevoland", "Twente"]
    assert names(vergelijken.sorted_rows(ROWS, None)) == names(vergelijken.sorted_rows(ROWS, "-achievement"))


def test_ascending_and_reversed_keep_empty_values_last_and_ties_in_rank_order(vergelijken):
    # targets 50, 100, 300, 300 (Drechtsteden and Flevoland tie: rank 2 both, by name), Twente none
    assert names(vergelijken.sorted_rows(ROWS, "target_value")) == [
        "Amstelland", "achterhoek", "Drechtsteden", "Flevoland", "Twente"]
    assert names(vergelijken.sorted_rows(ROWS, "-target_value")) == [
        "Drechtsteden", "Flevoland", "achterhoek", "Amstelland", "Twente"]
    # context: 3,0 (Amstelland and Flevoland, by name), 12,5, 20,0; Drechtsteden has none
    assert names(vergelijken.sorted_rows(ROWS, "context_per_10k")) == [
        "Amstelland", "Flevoland", "achterhoek", "Twente", "Drechtsteden"]
    assert names(vergelijken.sorted_rows(ROWS, "-context_per_10k")) == [
        "Twente", "achterhoek", "Amstelland", "Flevoland", "Drechtsteden"]


def test_text_sorts_without_regard_to_case(vergelijken):
    assert names(vergelijken.sorted_rows(ROWS, "region_name")) == [
        "achterhoek", "Amstelland", "Drechtsteden", "Flevoland", "Twente"]
    # "Achter", "geen doel", "op koers" ×2 (rank 2 both: by name), Flevoland has none
    assert names(vergelijken.sorted_rows(ROWS, "status_label")) == [
        "achterhoek", "Twente", "Amstelland", "Drechtsteden", "Flevoland"]


@pytest.mark.parametrize("hostile", ["", "-", "--achievement", "sparkline", "trend", "region",
                                     "achievement;drop table", "<script>", 7, ["achievement"], {"a": 1}])
def test_a_hostile_sort_is_the_default(vergelijken, hostile):
    assert vergelijken.parse_sort(hostile) == ("achievement", True)


def test_a_sort_reads_back_as_written(vergelijken):
    assert vergelijken.parse_sort("realised") == ("realised", False)
    assert vergelijken.parse_sort("-rank_per_10k") == ("rank_per_10k", True)
    for sort in ("realised", "-rank_per_10k", vergelijken.DEFAULT_SORT):
        assert vergelijken.sort_text(*vergelijken.parse_sort(sort)) == sort


def test_a_header_button_sorts_by_its_column_and_reverses_the_sorted_one(vergelijken):
    header = vergelijken.header
    assert header("realised", "Gerealiseerd", "-achievement") == ("Gerealiseerd", "realised", None)
    assert header("achievement", "% van doel", "-achievement") == ("% van doel", "achievement", "descending")
    assert header("achievement", "% van doel", "achievement") == ("% van doel", "-achievement", "ascending")
    assert header("sparkline", "Verloop", "-achievement").sort is None   # the trend does not sort


def test_the_trend_is_drawn_as_the_grid_drew_it(vergelijken):
    # 110×26 px, 4 px padding: x = 4 + i·102/4; y = 22 − v/35·18 (0 → 22, 35 → 4)
    svg = vergelijken.sparkline_svg({"values": [0.0, 10, 20, 25, 35], "open": [3]}, "van 0 tot 35 in 4 maanden")
    assert svg == ('<svg width="110" height="26" viewBox="0 0 110 26" role="img" aria-label="van 0 tot 35 in 4 maanden" class="sparkline">'
                   '<polyline points="4.0,22.0 29.5,16.9 55.0,11.7 80.5,9.1 106.0,4.0" fill="none" '
                   'stroke="#08519c" stroke-width="1.5"/>'
                   '<circle cx="106.0" cy="4.0" r="2.5" fill="#08519c" stroke="#08519c" stroke-width="1.5"/>'
                   '<circle cx="80.5" cy="9.1" r="2.5" fill="#ffffff" stroke="#08519c" stroke-width="1.5"/></svg>')
    assert vergelijken.sparkline_svg({"values": [4.0], "open": []}, "") == ""    # one month: no line
    assert vergelijken.sparkline_svg(None, "") == ""
    assert "&lt;b&gt;" in vergelijken.sparkline_svg({"values": [1.0, 2.0], "open": []}, "<b>")


@pytest.mark.parametrize("asked, field, sorted_as", [
    ("target_value", "target_value", "ascending"), ("-realised", "realised", "descending"),
    ("%3Cscript%3E", "achievement", "descending"), ("sparkline", "achievement", "descending"),
    ("", "achievement", "descending")])
def test_the_address_keeps_the_sort_and_a_hostile_one_is_the_default(client, asked, field, sorted_as):
    """The page as the router draws it for ?sort=...: the store and the table's sorted column."""
    content = post(client, page_render("/vergelijken", f"?lang=nl&sort={asked}"))["_pages_content"]["children"]
    assert find(content, ids.CMP_SORT)["props"]["data"] == ("-" if sorted_as == "descending" else "") + field
    markup = find(content, ids.CMP_RANKING)["props"]["data-html"]
    assert re.findall(r'aria-sort="(\w+)"><button type="button" class="sort" data-sort="-?(\w+)"', markup) == [
        (sorted_as, field)]
