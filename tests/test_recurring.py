"""Recurring runs: initiatives two compared parts name without any mark of a name
(reportdiff.recurring), on real sentences (tests/cases/recurring.tsv) and real comparisons."""

from __future__ import annotations

import re

import pytest

from reportdiff import compare
from reportdiff.initiative_diff import InitiativeStatus, both_sides, compare_initiatives, explain_initiative
from reportdiff.recurring import _could_reach, likelihood, recurring_pairs, recurring_runs, run_features
from reportdiff.render import render_html
from reportdiff.structure import Report, load
from reportdiff.terms import tag_sentences

from .helpers import ROOT, corpus, needs_corpora

CASES = ROOT / "tests" / "cases" / "recurring.tsv"


def cases() -> list[tuple[str, str, str, str]]:
    rows = [line.split("\t") for line in CASES.read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    return [(r[0], r[1], r[2], r[3]) for r in rows if len(r) == 4]


def pair(old: str, new: str) -> tuple[Report, Report]:
    return load(f"二、2025年工作安排\n{old}"), load(f"二、2026年工作安排\n{new}")


@pytest.mark.parametrize(("source", "old", "new", "run"), cases())
def test_a_run_both_plans_name_is_kept_and_a_generic_one_is_not(
    source: str, old: str, new: str, run: str
) -> None:
    a, b = pair(old, new)
    found = [c for c in compare_initiatives(a, b) if (c.old or c.new).recurring]
    assert [(c.status, c.name) for c in found] == ([] if run == "-" else [(InitiativeStatus.KEPT, run)])
    for c in found:
        assert c.old is not None and c.new is not None
        assert 0 < c.namehood == c.old.recurring == c.new.recurring < 1
        assert c.old.needs_both and c.new.needs_both
        assert "a recurring run" in explain_initiative(c)


def test_runs_are_the_same_tagged_here_or_elsewhere() -> None:
    """The runs read from tags given by another process (tag_sentences) are those tagged here."""
    a, b = pair(*cases()[0][1:3])
    items = both_sides(a, b)
    here = recurring_runs(a, b, *items)
    tags = (tag_sentences(a.sentences), tag_sentences(b.sentences))
    assert here and recurring_runs(a, b, *items, tags=tags) == here


@needs_corpora
@pytest.mark.parametrize("province", ["liaoning", "guangdong"])
def test_the_bound_never_skips_a_run_that_would_be_listed(province: str) -> None:
    """_could_reach (which spares looking a run up) says yes to every run at least as likely as asked."""
    a, b = load(corpus(f"{province}-2025.txt")), load(corpus(f"{province}-2026.txt"))
    old, new = both_sides(a, b, old_part="plan", new_part="plan")
    found = recurring_pairs(a, b, old, new, old_part="plan", new_part="plan")
    assert len(found) > 50
    for run, x, y in found:
        assert _could_reach(run, likelihood(run_features(run, x, y)) - 1e-9), run.text


@needs_corpora
def test_a_real_comparison_lists_recurring_runs_as_kept_only_and_flags_them() -> None:
    d = compare(corpus("liaoning-2025.txt"), corpus("liaoning-2026.txt"), old_part="plan", new_part="plan")
    runs = [c for c in d.initiatives if (c.old or c.new).recurring]
    assert "牛河梁红山文化遗址" in {c.name for c in runs}
    assert {c.status for c in runs} <= {InitiativeStatus.KEPT, InitiativeStatus.PROGRESSED}
    ruins = next(c for c in runs if c.name == "牛河梁红山文化遗址")
    assert ruins.old is not None and ruins.old.text == "加强牛河梁红山文化遗址系统性保护和宣传阐释"
    assert ruins.to_dict()["old"]["recurring"] == pytest.approx(ruins.namehood, abs=1e-4)
    page = render_html(d, lang="en")
    assert page.count("named in both reports without a name") >= len(runs)
    rows = re.findall(r'<tr id="[^"]*init-i\d+".*?</tr>', page, flags=re.S)
    flagged = ["named in both reports without a name" in r for r in rows]
    assert sum(flagged) == len(runs) and flagged == sorted(flagged)  # every run flagged, and listed last
    assert all('data-unlikely="1"' in r for r, f in zip(rows, flagged, strict=True) if f)


@needs_corpora
@pytest.mark.parametrize(("region", "shared"), [("guangdong", True), ("hebei", False)])
def test_initiatives_found_in_the_forked_process_pair_as_found_here(region: str, shared: bool) -> None:
    """``compare(workers=2)`` on long parts (guangdong's plans, 40,000 characters) finds both sides'
    initiatives in the forked process, while this one pairs the commitments: the same comparison as in
    one process, and this process's reports never extract them; on short parts (hebei's, 9,000) they are
    found here, where the child's own fixed cost would make it the longer path."""
    from reportdiff import _fork
    from reportdiff.classify import _SHARED_FROM

    def fresh() -> tuple[Report, Report]:
        return load(corpus(f"{region}-2025.txt")), load(corpus(f"{region}-2026.txt"))

    old, new = fresh()
    size = sum(len(s.text) for r in (old, new) for s in r.sentences_in("plan"))
    assert (size >= _SHARED_FROM) is shared
    alone = compare(*fresh(), old_part="plan", new_part="plan")
    forked = compare(old, new, old_part="plan", new_part="plan", workers=2)
    assert forked.to_dict() == alone.to_dict() and len(forked.initiatives) > 100
    extracted = any(k[0] == "initiatives" for r in (old, new) for k in vars(r).get("_memo", {}))
    if _fork.can_fork():
        assert extracted is not shared
