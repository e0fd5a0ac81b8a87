"""Pieces of one command in forked processes: same results as one after the other, whatever fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportdiff._fork import beside, can_fork, forked
from reportdiff.timeline import _shares

from .helpers import CORPORA, ROOT

PARENT = os.getpid()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is used on Linux only")
def test_the_fork_paths_in_a_fresh_process() -> None:
    """Children run elsewhere and in order, a failed child's job is redone here, a job's own error is
    raised, leaving early ends the child, results stream back, and compare and track write the same
    bytes with one worker or two: in a fresh interpreter (this one may hold the browser tests'
    threads, and then does not fork)."""
    script = Path(__file__).with_name("fork_checks.py")
    done = subprocess.run(
        [sys.executable, str(script), str(CORPORA)], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "ok 7"


def test_one_worker_runs_everything_here() -> None:
    assert forked([os.getpid, os.getpid], workers=1) == [PARENT, PARENT]


@given(st.integers(0, 60), st.integers(1, 8))
def test_shares_cover_the_tasks_once_in_order(n: int, workers: int) -> None:
    order = list(range(n))[::-1]
    shares = _shares(order, workers)
    assert [t for s in shares for t in s] == order
    assert len(shares) <= max(workers, 1)
    assert all(shares[:-1])  # only the last may be empty: it still follows the initiatives
    # the last share also follows the initiatives: it never gets more comparisons than the first
    assert len(shares[-1]) <= len(shares[0])
    if workers == 2 and n >= 10:
        assert len(shares[-1]) < len(shares[0])


def test_one_worker_runs_the_jobs_beside_here() -> None:
    with beside(os.getpid, workers=1) as (pid,):
        assert pid() == PARENT


def test_a_process_with_other_threads_does_not_fork() -> None:
    import threading

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        assert forked([os.getpid, os.getpid], workers=2) == [PARENT, PARENT]
    finally:
        stop.set()
        thread.join()
