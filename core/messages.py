"""What more than one floor says: the command line and the pipelines give these in one wording."""
from __future__ import annotations

import errno
from pathlib import Path

from core.texts import N_, Text, said

# Errors of the machine rather than of the program: one line, no traceback (issue 13).
OS_ERRORS = {errno.ENOSPC: N_("Disk full"), errno.EDQUOT: N_("Disk full"),
             errno.EFBIG: N_("File too large for the disk"), errno.EROFS: N_("Read-only file system"),
             errno.EACCES: N_("Permission denied"), errno.EPERM: N_("Permission denied")}


def no_warehouse(path: Path) -> Text:
    """A command that needs a published warehouse, where there is none."""
    return said("No warehouse at {path}; run `regiomonitor refresh` (or `regiomonitor demo`) first.",
                path=path)
