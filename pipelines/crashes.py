"""Files whose reading crashed, counted beside the inbox they came from (issue 25): a file that
crashed a check twice is quarantined, rejected with its report and never read again by
`ingest`, `refresh` or a run a page started, instead of being retried at every run.

The count is kept in `<inbox>/.regiomonitor-crashes.json` (hidden, so never taken as a
submission), by the file's SHA-256: it holds wherever the file moves in the inbox (processed/,
rejected/) and survives a rebuilt warehouse. A file read without a crash is forgotten. A
folder that cannot be written keeps no count; the run still quarantines a file after its
second crash. To let a quarantined file be read again, remove its entry.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

QUARANTINE_AFTER = 2
LOG_NAME = ".regiomonitor-crashes.json"


def _read(log: Path) -> dict[str, dict]:
    try:
        return json.loads(log.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _write(log: Path, entries: dict[str, dict]) -> None:
    """Whole, then renamed over the old one: a reader never sees half a count."""
    part = log.with_name(f"{log.name}.{os.getpid()}.part")
    try:
        part.write_text(json.dumps(entries, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(part, log)
    except OSError:
        part.unlink(missing_ok=True)   # a read-only inbox: the run counts on its own


def crashes(inbox: Path, sha: str) -> int:
    """How often reading this content crashed before, as counted in `inbox`."""
    return int(_read(inbox / LOG_NAME).get(sha, {}).get("crashes", 0))


def add(inbox: Path, name: str, sha: str, before: int) -> int:
    """One more crash of reading the file `name` (after `before`); the new count."""
    log = inbox / LOG_NAME
    entries = _read(log)
    entries[sha] = {"file": name, "crashes": before + 1}
    _write(log, entries)
    return before + 1


def forget(inbox: Path, sha: str) -> None:
    """This content was read without a crash: its earlier crashes no longer count."""
    log = inbox / LOG_NAME
    entries = _read(log)
    if entries.pop(sha, None) is not None:
        _write(log, entries)
