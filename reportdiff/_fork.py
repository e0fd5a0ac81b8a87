"""Independent pieces of one command on this machine's cores, by forking.

A forked child inherits the parent's loaded reports, extracted commitments and compiled patterns, so
it starts in a millisecond, where a fresh interpreter (``spawn``, what :func:`reportdiff.panel` uses
for whole files) spends 0.2 s importing and compiling before its first comparison. Only the result
travels back, pickled through a pipe. Where ``fork`` is missing (Windows) or unsafe (macOS), or a
child fails, the piece runs here instead, with the same result (or the same error).

>>> forked([lambda: 1 + 1, lambda: "b"], workers=2)
[2, 'b']
>>> with beside(lambda: sum(range(10)), lambda: "done", workers=2) as (total, last):
...     total(), last()
(45, 'done')
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether pieces may run in forked processes here: on Linux, from a process with one thread (a
    thread of another library could hold a lock the child would wait on forever; Python 3.12 warns)."""
    import threading

    return sys.platform.startswith("linux") and threading.active_count() == 1


def default_workers(limit: int) -> int:
    """One process per CPU, up to ``limit`` (what a command can share out usefully)."""
    return max(1, min(os.cpu_count() or 1, limit))


class _Child:
    """Jobs running one after the other in a forked process, each result sent back as it is ready;
    :meth:`result` waits for the ``k``-th (results are read in order)."""

    def __init__(self, jobs: Sequence[Callable[[], Any]]) -> None:
        self.jobs = list(jobs)
        self.results: list[tuple[bool, Any]] = []
        self.pid, self.stream = 0, None
        if not can_fork():
            return
        read, write = os.pipe()
        _frozen(+1)
        try:
            pid = os.fork()
        except OSError:  # no process to be had: the jobs run here
            _frozen(-1)
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: run, send each result, leave without running the parent's exit code
            os.close(read)
            _child(self.jobs, write)
        os.close(write)
        self.pid, self.stream = pid, os.fdopen(read, "rb")

    def result(self, k: int) -> Any:
        """Job ``k``'s result from the child; the job run here if there is no child or it failed."""
        while self.stream is not None and len(self.results) <= k:
            try:
                self.results.append(pickle.load(self.stream))
            except Exception:  # the child died: what it did not send is done here
                self.stop()
        if k < len(self.results) and self.results[k][0]:
            return self.results[k][1]
        return self.jobs[k]()

    def stop(self) -> None:
        """End the child, if it still runs (the command stopped early or it failed)."""
        if self.stream is not None:
            import signal

            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            self.stream.close()
            self.stream = None
            _frozen(-1)


#: how many children run: while any does, the objects that existed when the first was forked stay
#: out of the cyclic collector's reach (``gc.freeze``)
_LIVE = [0]


def _frozen(step: int) -> None:
    """Count a child in (+1) or out (-1). The collector of either process would otherwise walk the
    objects the two share, writing to every page it touches, which the kernel then copies (fork's
    copy-on-write); and the parent's full collections would walk the reports and grammars again. With
    the last child gone they are returned to the collector, so nothing is kept beyond its use."""
    import gc

    _LIVE[0] += step
    if step > 0 and _LIVE[0] == 1:
        gc.freeze()
    elif step < 0 and _LIVE[0] == 0:
        gc.unfreeze()


def _child(jobs: Sequence[Callable[[], Any]], fd: int) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    code = 0
    try:
        with os.fdopen(fd, "wb") as f:
            for job in jobs:
                try:
                    data = pickle.dumps((True, job()), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception:  # the parent runs the job again and raises its error itself
                    data = pickle.dumps((False, None))
                f.write(data)
                f.flush()
    except BaseException:
        code = 1
    finally:
        os._exit(code)


@contextmanager
def beside(*jobs: Callable[[], Any], workers: int) -> Iterator[list[Callable[[], Any]]]:
    """Run ``jobs`` one after the other in a forked process (``workers`` > 1) while the block runs; the
    block is given, for each job, what to call for its result. Leaving the block ends the child."""
    if workers <= 1:
        yield list(jobs)
        return
    child = _Child(jobs)
    try:
        yield [functools.partial(child.result, k) for k in range(len(jobs))]
    finally:
        child.stop()


def forked(jobs: Sequence[Callable[[], T]], *, workers: int) -> list[T]:
    """The results of ``jobs``, in order: the first runs in this process, the others in up to
    ``workers - 1`` forked processes meanwhile (one each; with fewer workers the rest run here after)."""
    if not jobs:
        return []
    n = max(0, min(workers, len(jobs)) - 1)
    children = [_Child([job]) for job in jobs[1 : 1 + n]]
    try:
        first = jobs[0]()
        return [first, *(c.result(0) for c in children), *(job() for job in jobs[1 + n :])]
    finally:
        for c in children:
            c.stop()
