"""The demo generator is deterministic and what it writes is flagged as demo."""
from __future__ import annotations

import openpyxl

from pipelines import demo_data, reference
from regiomonitor.config import DEMO_DIR


def sheet_values(path):
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    finally:
        wb.close()


def test_generator_reproduces_the_committed_demo_data(tmp_path):
    written = demo_data.generate(tmp_path)
    committed = sorted(p.relative_to(DEMO_DIR) for p in DEMO_DIR.rglob("*") if p.is_file())
    assert sorted(p.relative_to(tmp_path) for p in written) == committed
    for rel in committed:
        new, old = tmp_path / rel, DEMO_DIR / rel
        if rel.suffix == ".xlsx":  # xlsx zips carry a save time; compare the cells
            assert sheet_values(new) == sheet_values(old), rel
        else:
            assert new.read_bytes() == old.read_bytes(), rel


def test_demo_targets_cover_every_region_without_a_real_one():
    demo = reference.read_targets(reference.DEMO_TARGETS)
    real = reference.read_targets(reference.REFERENCE_TARGETS)
    pairs = {(t["region"], t["indicator"]) for t in demo}
    assert len(pairs) == len(demo) == 35 * 4 - len(real)
    assert not pairs & {(t["region"], t["indicator"]) for t in real}
    assert all(t["source"].startswith("Demonstratiedata") for t in demo)
    assert all(t["target_value"] > t["baseline_value"] for t in demo)


def test_inbox_is_marked_as_demo_and_mixes_file_styles():
    inbox = DEMO_DIR / "inbox"
    assert (inbox / demo_data.DEMO_MARKER).exists()
    suffixes = {p.suffix for p in inbox.iterdir()}
    assert {".csv", ".xlsx"} <= suffixes
    raw = [p.read_bytes() for p in inbox.glob("*.csv")]
    assert any(r.startswith(b"\xef\xbb\xbf") for r in raw)          # UTF-8 with BOM
    assert any(b"mrt 2006" in r for r in raw)                        # Dutch month names
    assert any(r.split(b"\r\n", 1)[0].count(b",") >= 6 for r in raw)  # comma-separated

