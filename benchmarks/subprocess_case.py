"""Run one measured case in a fresh Python process: its wall time and its own peak RSS."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from core.settings import ROOT


@dataclass(frozen=True)
class Measured:
    """One case: seconds of work (timed inside the child) and the child's peak RSS in MB."""

    name: str
    seconds: float
    peak_mb: float
    detail: dict


def peak_rss_mb() -> float:
    """This process's peak RSS (VmHWM). Unlike ru_maxrss it starts afresh at exec, so a child
    does not inherit the RSS its parent had when it forked."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


def run_case(module: str, *args: str, name: str | None = None,
             env: dict[str, str] | None = None) -> Measured:
    """`python -m module args…` prints one JSON line with 'seconds' and 'peak_mb'."""
    proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, cwd=ROOT)  # `-m` puts the cwd on sys.path
    if proc.returncode != 0:
        raise RuntimeError(f"{module} {args} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    detail = json.loads(proc.stdout.strip().splitlines()[-1])
    return Measured(name or module, detail.pop("seconds"), detail.pop("peak_mb"), detail)
