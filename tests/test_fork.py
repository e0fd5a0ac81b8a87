"""Pieces of one command in forked processes: same results as one after the other, whatever fails."""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportdiff._fork import _Child, beside, can_fork, forked
from reportdiff.timeline import _shares

PARENT = os.getpid()


def test_results_come_back_in_order_from_children() -> None:
    if not can_fork():
        pytest.skip("no fork here: the pieces run one after the other")
    pids = forked([os.getpid, os.getpid, os.getpid], workers=3)
    assert pids[0] == PARENT
    assert PARENT not in pids[1:]  # the others really ran elsewhere


def test_a_job_whose_child_fails_is_run_again_here() -> None:
    def only_here() -> str:
        if os.getpid() != PARENT:
            os._exit(3)  # the child dies without a word
        return "here"

    assert forked([lambda: "first", only_here], workers=2) == ["first", "here"]


def test_a_real_error_is_raised_as_without_workers() -> None:
    def broken() -> None:
        raise ValueError("the job's own error")

    with pytest.raises(ValueError, match="own error"):
        forked([lambda: None, broken], workers=2)


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


def test_leaving_the_block_early_ends_the_child_at_once() -> None:
    if not can_fork():
        pytest.skip("no fork here")
    child = _Child([lambda: time.sleep(60)])
    pid = child.pid
    os.kill(pid, 0)  # running
    child.stop()  # what leaving a ``beside`` block does
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left behind
        os.kill(pid, 0)
    with pytest.raises(RuntimeError), beside(lambda: time.sleep(60), workers=2):
        raise RuntimeError("the command failed meanwhile")


def test_results_stream_back_in_order_and_one_worker_runs_them_here() -> None:
    with beside(os.getpid, lambda: "second", workers=2) as (pid, second):
        assert (second() == "second" and pid() != PARENT) or not can_fork()
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
