"""Whole-process timing for the benchmarks: run a command, return its wall, CPU seconds and peak memory.

The child's own resource usage comes from ``os.wait4`` (user + system seconds, ``ru_maxrss``), so each
run is measured alone; wall time is ``time.perf_counter`` around start and reaping.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    peak_mb: float
    code: int


def run(cmd: list[str]) -> Run:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20
    return Run(wall, usage.ru_utime + usage.ru_stime, peak, proc.returncode)


def compile_package() -> None:
    """Byte-compile the package first, as installing a wheel does (an editable checkout under
    PYTHONDONTWRITEBYTECODE would otherwise recompile every module in every process)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "reportdiff")], check=True)
