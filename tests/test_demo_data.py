"""The demo generator is deterministic and what it writes is flagged as demo."""
from __future__ import annotations

from core.settings import DEMO_DIR
from pipelines import demo_data, reference


def test_generator_reproduces_the_committed_demo_data(tmp_path):
    written = demo_data.generate(tmp_path)
    committed = sorted(p.relative_to(DEMO_DIR) for p in DEMO_DIR.rglob("*") if p.is_file())
    assert sorted(p.relative_to(tmp_path) for p in written) == committed
    for rel in committed:
        assert (tmp_path / rel).read_bytes() == (DEMO_DIR / rel).read_bytes(), rel


def test_demo_targets_cover_every_region_without_a_real_one():
    demo = reference.read_targets(reference.DEMO_TARGETS)
    real = reference.read_targets(reference.REFERENCE_TARGETS)
    originals = [t for t in demo if t["version"] == 1]
    pairs = {(t["region"], t["indicator"]) for t in originals}
    assert len(pairs) == len(originals) == 35 * 4 - len(real)
    [amended] = [t for t in demo if t["version"] == 2]       # one amendment, to show history
    assert (amended["region"], amended["indicator"]) in pairs and amended["note"]
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

