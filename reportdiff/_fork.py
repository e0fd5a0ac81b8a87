"""Independent pieces of one command on this machine's cores, by forking.

A forked child inherits the parent's loaded reports, extracted commitments and compiled patterns, so
it starts in milliseconds, where a fresh interpreter (``spawn``, what :func:`reportdiff.panel` uses for
whole files) spends 0.2 s importing and compiling before its first comparison. Only results travel
back, pickled. Where ``fork`` is missing (Windows) or unsafe (macOS), or a child fails, the pieces run
here, one after the other, with the same results.

>>> forked([lambda: 1 + 1, lambda: "b"], workers=2)
[2, 'b']
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")

#: the jobs of the running :func:`forked` call: a child finds its job here, inherited, by index
_JOBS: list[Callable[[], Any]] = []


def can_fork() -> bool:
    """Whether pieces may run in forked processes here (Linux: fork is the safe default there)."""
    return sys.platform.startswith("linux")


def _run(k: int) -> Any:
    return _JOBS[k]()


def _quiet() -> None:
    """A child leaves Ctrl-C to the parent, which stops at its next step."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def forked(jobs: Sequence[Callable[[], T]], *, workers: int) -> list[T]:
    """The results of ``jobs``, in order: the first runs in this process, the others in up to
    ``workers - 1`` forked processes meanwhile. A job whose process fails is run again here, so its
    error (if it has one) is raised as it would be without workers."""
    if workers <= 1 or len(jobs) < 2 or not can_fork() or _JOBS:
        return [job() for job in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _JOBS[:] = jobs
    try:
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(min(workers, len(jobs)) - 1, mp_context=context, initializer=_quiet) as pool:
            futures = [pool.submit(_run, k) for k in range(1, len(jobs))]
            results = [jobs[0]()]
            for k, future in enumerate(futures, start=1):
                try:
                    results.append(future.result())
                except Exception:  # a broken or failed child: do its job here
                    results.append(jobs[k]())
    finally:
        _JOBS.clear()
    return results
