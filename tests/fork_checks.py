"""The fork paths, checked in a fresh interpreter: the test process may hold other threads (the browser
tests leave Playwright's), and then :func:`reportdiff._fork.can_fork` rightly refuses to fork.

Run by ``tests/test_fork.py`` as ``python tests/fork_checks.py [CORPORA]``; prints ``ok`` and the number of
checks, or fails with an assertion.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportdiff import _fork, terms
from reportdiff._fork import _Child, beside, can_fork, forked

PARENT = os.getpid()
ROOT = Path(__file__).resolve().parents[1]


def children_run_elsewhere_and_in_order() -> None:
    pids = forked([os.getpid, os.getpid, os.getpid], workers=3)
    assert pids[0] == PARENT and PARENT not in pids[1:], pids


def a_failed_child_is_redone_here() -> None:
    def only_here() -> str:
        if os.getpid() != PARENT:
            os._exit(3)  # the child dies without a word
        return "here"

    assert forked([lambda: "first", only_here], workers=2) == ["first", "here"]


def a_real_error_is_raised_here() -> None:
    def broken() -> None:
        raise ValueError("the job's own error")

    try:
        forked([lambda: None, broken], workers=2)
    except ValueError as exc:
        assert "own error" in str(exc)
    else:
        raise AssertionError("the error was lost")


def leaving_early_ends_the_child() -> None:
    child = _Child([lambda: time.sleep(60)])
    pid = child.pid
    os.kill(pid, 0)  # running
    child.stop()  # what leaving a ``beside`` block does
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        pass  # killed and reaped
    else:
        raise AssertionError("the child was left behind")


def results_stream_back_in_order() -> None:
    with beside(os.getpid, lambda: "second", workers=2) as (pid, second):
        assert second() == "second" and pid() != PARENT


def objects_are_frozen_while_children_live() -> None:
    """The parent's objects stay out of the collector while a child shares them, and are handed back
    once the last child is gone (a notebook forking often must not keep its garbage)."""
    import gc

    assert gc.get_freeze_count() == 0
    first, second = _Child([lambda: time.sleep(60)]), _Child([lambda: time.sleep(60)])
    assert gc.get_freeze_count() > 0
    first.stop()
    assert gc.get_freeze_count() > 0  # one child still shares them
    second.stop()
    second.stop()  # stopping twice counts once
    assert gc.get_freeze_count() == 0
    forked([lambda: 1, lambda: 2], workers=2)
    assert gc.get_freeze_count() == 0


def cli_pages_are_the_same_with_workers(corpora: Path) -> None:
    """compare (terms in a child) and track (comparisons shared) write the same bytes with 1 or 2
    workers, and the terms' dictionary never enters this process."""
    from reportdiff.cli import main

    hailaer = sorted(str(p) for p in corpora.glob("hailaer-20*.txt"))
    with tempfile.TemporaryDirectory() as tmp:
        pages: dict[str, list[str]] = {}
        nanan = str(ROOT / "corpora" / "nanan-2023.txt")
        held: list[int] = []  # whether this process held the dictionary when the CLI released it
        release = terms.release_segmenter

        def watched() -> None:
            held.append(terms._segmenter.cache_info().currsize)
            release()

        terms.release_segmenter = watched
        for w in ("1", "2"):
            out = Path(tmp) / f"c{w}.html"
            assert main(["compare", "--within", nanan, "-o", str(out), "-w", w]) == 1
            pages.setdefault("compare", []).append(out.read_text(encoding="utf-8"))
            if hailaer:
                out = Path(tmp) / f"t{w}.json"
                assert main(["track", *hailaer, "-o", str(out), "-w", w]) == 0
                pages.setdefault("track", []).append(out.read_text(encoding="utf-8"))
        terms.release_segmenter = release
        assert held == [1, 0], held  # one worker: built here; two: built in the child only
        for name, (one, two) in pages.items():
            assert one == two, f"{name} differs with two workers"


def main() -> None:
    assert can_fork(), "run this in a fresh interpreter on Linux"
    corpora = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpora"
    checks: list[Callable[[], None]] = [
        children_run_elsewhere_and_in_order,
        a_failed_child_is_redone_here,
        a_real_error_is_raised_here,
        leaving_early_ends_the_child,
        results_stream_back_in_order,
        objects_are_frozen_while_children_live,
        lambda: cli_pages_are_the_same_with_workers(corpora),
    ]
    for check in checks:
        check()
    assert _fork.can_fork()  # no check left a thread behind
    print(f"ok {len(checks)}")


if __name__ == "__main__":
    main()
