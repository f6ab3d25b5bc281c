"""Which files to take from an inbox, which to refuse, and which to leave for the next run.

Real inboxes hold links, half-copied files and names in the wrong encoding (issue 13). The
conventions (README, "Operating"):
- Only regular files are taken, checked with lstat: a link (even to a file inside the inbox)
  or a fifo, device or folder with a submission's suffix is refused, never followed.
- Only complete files: an upload lands as `<name>.part` and is renamed when complete; hidden
  files (`.name`, e.g. rsync's temporary files) and Excel's lock files (`~$name.xlsx`) are
  never taken; a file listed from a folder must not have changed (size and mtime) for the
  settle time, else it is left for the next run.
- A name that is not valid UTF-8 is refused alone, shown with replacement characters.
- A file over the size limit is refused from its size alone, before it is read or any lock
  is taken.
Refused and waiting files stay where they are and are reported on every run.
"""
from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from core.formats import fmt_date, fmt_number
from core.states import submission_state
from core.settings import Limits, limits as current_limits
from core.texts import _, command_language, ngettext, said
from core.vocabulary import INBOX_SUFFIXES
from pipelines import reading
from pipelines.file_content import file_sha256, size_error
from pipelines.loading import DONE_FOLDERS
from pipelines.recovery import CannotRun
from pipelines.runs import is_demo_inbox

IGNORED_PREFIXES = (".", "~$")   # hidden and temporary files; Excel's lock files


class InboxError(CannotRun):
    """The inbox cannot be used as asked (read-only, or a refresh would drop submissions)."""


@dataclass(frozen=True)
class Refusal:
    """A file that will not be taken, and why."""

    path: Path
    why: Callable[[str], str]   # the reason in a language: a Text, or a file's TooLarge.why

    def line(self, lang: str) -> str:
        return _("REFUSED {file}: {why}", lang, file=shown(self.path), why=self.why(lang))


@dataclass
class Selection:
    """The files to take, the ones refused, and the ones still being written."""

    files: list[Path] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One line per file not taken, for the console or the run log."""
        lang = command_language()
        return [r.line(lang) for r in self.refused] + [
            _("WAITING {file}: still being written, next run", lang, file=shown(p)) for p in self.waiting]


def shown(path: Path) -> str:
    """A path as text that can always be printed or written (invalid bytes replaced)."""
    return os.fsencode(path).decode("utf-8", errors="replace")


def is_candidate(path: Path) -> bool:
    """A name that may be a submission: a known suffix (so not `<name>.part`, an upload in
    progress), not hidden."""
    name = path.name
    return not name.startswith(IGNORED_PREFIXES) and path.suffix.lower() in INBOX_SUFFIXES


def refusal(path: Path, bound: Limits) -> Refusal | None:
    """Why `path` cannot be taken (link, not a regular file, bad name, too large), or None."""
    try:
        os.fsencode(path.name).decode("utf-8")
    except UnicodeDecodeError:
        return Refusal(path, said("file name is not valid UTF-8; rename the file"))
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return Refusal(path, said("file not found"))
    if stat.S_ISLNK(info.st_mode):
        return Refusal(path,
                       said("is a link (symlink) and is not followed; put the file itself in the inbox"))
    if not stat.S_ISREG(info.st_mode):
        return Refusal(path, said("is not a regular file"))
    extract = reading.is_extract(path)
    limit = bound.extract_bytes if extract else bound.file_bytes
    if info.st_size > limit:
        err = size_error(info.st_size, limit, "REGIOMONITOR_MAX_EXTRACT_MB" if extract
                         else "REGIOMONITOR_MAX_FILE_MB")
        return Refusal(path, err.why)
    return None


def settled(paths: list[Path], seconds: float) -> tuple[list[Path], list[Path]]:
    """(complete, still changing): files modified within `seconds` are looked at again after
    waiting that long once; any whose size or mtime moved meanwhile is still being written."""
    def signature(p: Path) -> tuple[int, int]:
        info = os.lstat(p)
        return info.st_size, info.st_mtime_ns
    before = {p: signature(p) for p in paths}
    recent = [p for p, (_size, mtime) in before.items() if time.time() - mtime / 1e9 < seconds]
    if recent:
        time.sleep(seconds)
    moving = [p for p in recent if not p.exists() or signature(p) != before[p]]
    return [p for p in paths if p not in moving], moving


def listed(folder: Path, bound: Limits, settle: bool) -> Selection:
    """The candidates at a folder's top level, by name."""
    candidates = sorted(p for p in folder.iterdir() if is_candidate(p))  # bad bytes: surrogates
    selection = Selection()
    for path in candidates:
        reason = refusal(path, bound)
        if reason:
            selection.refused.append(reason)
        else:
            selection.files.append(path)
    if settle:
        selection.files, selection.waiting = settled(selection.files, bound.settle_seconds)
    return selection


def select(paths: list[Path], bound: Limits | None = None) -> Selection:
    """Files named on the command line (taken as named: the steward says they are complete)
    or found at a folder's top level (taken once settled)."""
    bound = bound or current_limits()
    selection = Selection()
    for path in paths:
        if path.is_dir():  # the folder itself was named: a linked inbox folder is fine
            part = listed(path, bound, settle=True)
        else:
            reason = refusal(path, bound)
            part = Selection(refused=[reason]) if reason else Selection(files=[path])
        selection.files += part.files
        selection.refused += part.refused
        selection.waiting += part.waiting
    return selection


def new_files(inbox: Path, log: Callable[[str], None] | None = None) -> list[Path]:
    """Files waiting at the inbox's top level, settled; refusals and waits go to `log`."""
    require_folder(inbox)
    selection = listed(inbox, current_limits(), settle=True)
    for line in selection.lines():
        (log or print)(line)
    return selection.files


def received_files(inbox: Path, log: Callable[[str], None] | None = None) -> list[Path]:
    """Everything a rebuild reads: the settled top level plus processed/ and rejected/, by name.

    `ingest` moves files into processed/ and rejected/; a full rebuild reads them too, so a
    later refresh never loses a figure that was ingested (nor the record of a rejection).
    A generated demo inbox is never being written, so it is not waited for.
    """
    require_folder(inbox)
    bound = current_limits()
    parts = [listed(inbox, bound, settle=not is_demo_inbox(inbox))] + [
        listed(inbox / sub, bound, settle=False) for sub in DONE_FOLDERS if (inbox / sub).is_dir()]
    for line in (line for part in parts for line in part.lines()):
        (log or print)(line)
    return sorted((p for part in parts for p in part.files), key=lambda p: p.name)


def require_folder(inbox: Path) -> None:
    if not inbox.is_dir():
        raise FileNotFoundError(str(said("Inbox {inbox} does not exist (set REGIOMONITOR_INBOX or --inbox).",
                                         inbox=inbox)))


def check_writable(files: list[Path]) -> None:
    """Refuse to start when a taken file could not be moved afterwards: a load that is
    published but cannot be recorded in processed/ or rejected/ would be loaded again."""
    for folder in sorted({p.parent for p in files}):
        inbox = folder.parent if folder.name in DONE_FOLDERS else folder
        for target in (folder, inbox / "processed", inbox / "rejected"):
            if not _can_write(target if target.exists() else inbox):
                raise InboxError(str(said("Cannot write in {folder}; nothing was loaded.",
                                          folder=shown(target))))


def _can_write(folder: Path) -> bool:
    """True when a file can be created and removed in `folder` (also as root, on a read-only
    mount, where os.access would say yes)."""
    probe = folder / f".regiomonitor-probe-{os.getpid()}"
    try:
        probe.touch()
        probe.unlink()
        return True
    except OSError:
        return False


def missing_submissions(served: Path, files: list[Path]) -> list[tuple]:
    """Submissions in the served warehouse whose file is not among `files`: what a rebuild
    from those files would drop (issue 13: `refresh --inbox OTHER` dropped 48.000 figures)."""
    if not served.exists():
        return []
    present = {file_sha256(p) for p in files}
    con = duckdb.connect(str(served), read_only=True)
    try:
        rows = con.execute("select sha256, file_name, received_at, status, rows_accepted "
                           "from submission order by received_at, file_name").fetchall()
    finally:
        con.close()
    return [row[1:] for row in rows if row[0] not in present]


def check_nothing_dropped(served: Path, inbox: Path, files: list[Path]) -> None:
    """Refuse a rebuild that would silently lose submissions received from elsewhere."""
    missing = missing_submissions(served, files)
    if not missing:
        return
    lang = command_language()
    named = "; ".join(_("{file} ({received}, {status}, {rows})", lang, file=name,
                        received=fmt_date(received, lang), status=submission_state(status, lang),
                        rows=ngettext("{n} row", "{n} rows", rows, lang, n=fmt_number(rows, lang)))
                      for name, received, status, rows in missing[:5])
    more = f" (+{len(missing) - 5})" if len(missing) > 5 else ""
    raise InboxError(ngettext(
        "refresh would drop {n} file received earlier from {served} that is not in {inbox} (or "
        "processed/, rejected/): {named}{more}. Put it back or pass --drop-missing.",
        "refresh would drop {n} files received earlier from {served} that are not in {inbox} (or "
        "processed/, rejected/): {named}{more}. Put them back or pass --drop-missing.", len(missing), lang,
        n=len(missing), served=served, inbox=inbox, named=named, more=more))
