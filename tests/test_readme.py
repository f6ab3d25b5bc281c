"""What the README tells a newcomer matches the code: the size limits it states are the ones
core/settings.py applies (the commands' list is checked in tests/test_cli.py)."""
from __future__ import annotations

import os

import pytest

from core import settings
from core.settings import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
MB = 1024 * 1024


def dutch_mb(size: int) -> str:
    """Whole megabytes as the README writes them: '10 MB', '2.048 MB'."""
    assert size % MB == 0, size
    return f"{size // MB:,} MB".replace(",", ".")


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_readme_states_the_file_limit_of_the_inbox_and_the_cli(monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_MAX_FILE_MB", raising=False)   # the default, as written
    size = dutch_mb(settings.limits().file_bytes)
    assert f"| partner file (CSV, XLSX) size | {size} | `REGIOMONITOR_MAX_FILE_MB` |" in README


def test_the_readme_states_the_browser_upload_limit():
    if "REGIOMONITOR_MAX_UPLOAD_BYTES" in os.environ:
        pytest.skip("REGIOMONITOR_MAX_UPLOAD_BYTES is set: the README states the default")
    size = dutch_mb(settings.MAX_UPLOAD_BYTES)
    text = one_line(README)
    assert f"`REGIOMONITOR_MAX_UPLOAD_BYTES` ({size}" in text            # Serving for real, Limits
    assert f"(at most {size} in the browser, `REGIOMONITOR_MAX_UPLOAD_BYTES`" in text   # Submitting
