"""The machine line printed with every benchmark: CPU model and count, memory, load."""
from __future__ import annotations

import os
import platform
from pathlib import Path


def cpu_model() -> str:
    """The CPU's model name from /proc/cpuinfo (the architecture when it has none)."""
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.machine()


def memory_gb() -> float:
    """Physical memory in GB (MemTotal)."""
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) / 1024 ** 2
    raise RuntimeError("no MemTotal in /proc/meminfo")


def machine_line() -> str:
    """One line that says what the figures were measured on."""
    import duckdb

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (f"machine: {os.cpu_count()} CPUs ({cpu_model()}), {memory_gb():.1f} GB RAM, "
            f"Python {platform.python_version()}, DuckDB {duckdb.__version__}, load average {load}")
