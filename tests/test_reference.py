"""Reference data: the 35 arbeidsmarktregio's, indicators, programme and Rivierenland's real targets."""
from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from core.settings import GEO_DIR
from pipelines import reference
from tests.helpers import staging


def test_regions_are_the_35_cbs_codes_with_gaps():
    codes = [r["code"] for r in reference.read_regions()]
    assert len(codes) == len(set(codes)) == 35
    assert {"AM04", "AM16", "AM31"}.isdisjoint(codes)
    assert {r["code"]: r["name"] for r in reference.read_regions()}["AM10"] == "Rivierenland"


def test_region_codes_and_names_match_cbs_2025_boundaries():
    topo = json.loads((GEO_DIR / "arbeidsmarktregio_2025.topojson").read_text(encoding="utf-8"))
    features = topo["objects"]["arbeidsmarktregio_2025"]["geometries"]
    cbs = {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in features}
    ours = {r["code"]: r["name"] for r in reference.read_regions()}
    assert ours == cbs


def test_rivierenland_targets_are_the_covenants():
    targets = {t["indicator"]: t for t in reference.read_targets(reference.REFERENCE_TARGETS)
               if t["region"] == "AM10"}
    assert targets["leerwerkplaatsen"]["baseline_value"] == 290
    assert targets["leerwerkplaatsen"]["target_value"] == 1200
    assert targets["evc_trajecten"]["baseline_value"] == 340
    assert targets["evc_trajecten"]["target_value"] == 1500
    for t in targets.values():
        assert (t["baseline_date"], t["deadline"]) == ("2005-11-28", "2007-11-28")


def test_reference_loads_through_the_schema_constraints(tmp_path):
    con = staging(tmp_path, demo_targets=True)
    counts = dict(con.execute("select 'region', count(*) from region union all "
                              "select 'indicator', count(*) from indicator union all "
                              "select 'target', count(*) from target where version = 1").fetchall())
    assert counts == {"region": 35, "indicator": 4, "target": 35 * 4}
    signatories = {r[0] for r in con.execute("select organisation from signatory where region = 'AM10' "
                                             "and role = 'ondertekenaar'").fetchall()}
    assert {"Kamer van Koophandel Rivierenland", "Regio Rivierenland", "Beursplein Rivierenland",
            "CWI", "ROC Rivor", "LANDER", "VNO-NCW Rivierenland", "UWV"} <= signatories
    # Only Rivierenland's two covenant targets are real; everything else is flagged demo.
    real = con.execute("select region, indicator from target where not is_demo order by 2").fetchall()
    assert real == [("AM10", "evc_trajecten"), ("AM10", "leerwerkplaatsen")]


def test_a_target_for_an_unknown_region_is_refused(tmp_path):
    con = staging(tmp_path)
    with pytest.raises(duckdb.ConstraintException, match="AM99|foreign key"):
        reference.insert_rows(con, "target", [{
            "programme": "lw2005", "region": "AM99", "indicator": "stages", "baseline_value": 1,
            "baseline_date": "2005-11-28", "target_value": 2, "deadline": "2007-11-28",
            "source": "test", "is_demo": True}])


def test_indicators_have_labels_and_definitions_in_both_languages():
    rows = reference.read_csv(Path(reference.REFERENCE_DIR) / "indicators.csv")
    assert [r["code"] for r in rows] == ["leerwerkplaatsen", "evc_trajecten", "stages", "oo_uitgaven_eur"]
    for row in rows:
        assert all(row[k].strip() for k in ("label_nl", "label_en", "definition_nl", "definition_en"))
