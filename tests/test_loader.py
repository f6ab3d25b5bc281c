"""The upload loader takes only complete, regular partner files from its inbox."""
from __future__ import annotations

import os

from regiomonitor.loader import ready_files


def test_loader_skips_partial_uploads_links_and_folders(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "b_klaar.csv").write_text("regio\n")
    (inbox / "a_klaar.xlsx").write_bytes(b"PK")
    (inbox / "c_half.csv.part").write_text("regio\n")      # still being written by the upload
    (inbox / "notities.txt").write_text("")
    (inbox / "processed").mkdir()
    outside = tmp_path / "elders.csv"
    outside.write_text("regio\n")
    os.symlink(outside, inbox / "d_link.csv")
    assert [p.name for p in ready_files(inbox)] == ["a_klaar.xlsx", "b_klaar.csv"]
    assert ready_files(tmp_path / "missing") == []
