"""What the README tells a newcomer matches the code: the size limits it states are the ones
core/settings.py applies (the commands' list is checked in tests/test_cli.py)."""
from __future__ import annotations

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


def test_the_readme_states_the_browser_upload_limit_from_the_same_setting(monkeypatch):
    monkeypatch.delenv("REGIOMONITOR_MAX_FILE_MB", raising=False)
    size = dutch_mb(settings.limits().file_bytes)
    text = one_line(README)
    assert f"(`REGIOMONITOR_MAX_FILE_MB`, {size}) plus 64 KB for the form" in text  # Serving
    assert f"(at most {size}, as through the inbox, `REGIOMONITOR_MAX_FILE_MB`" in text  # Submitting
    assert settings.max_request_bytes() - settings.limits().file_bytes == 64 * 1024
    assert "MAX_UPLOAD_BYTES" not in README
