"""compare(): verdicts on real excerpts, properties, evidence, the JSON contract and the dev floor."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportdiff import compare, load
from reportdiff.classify import Status, decide

from .helpers import CORPORA, GOLD, NANAN, ROOT, SHARED, corpus, needs_corpora

CASES = Path(__file__).parent / "cases" / "compare.tsv"
MIRROR = {"kept": "kept", "raised": "lowered", "lowered": "raised", "new": "dropped", "dropped": "new"}


def _plan(sentence: str, year: int) -> str:
    review = f"一、{year - 1}年工作回顾\n过去一年，各项工作取得新进展。"
    return f"{year}年政府工作报告\n{review}\n二、{year}年工作安排\n{sentence}\n"


def _cases() -> list[tuple[str, ...]]:
    rows = []
    for line in CASES.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        rows.append(tuple(line.split("\t")))
    return rows


@pytest.mark.parametrize(
    ("label", "old", "new", "status", "old_value", "new_value", "comment"),
    _cases(),
    ids=[c[0] for c in _cases()],
)
def test_case(
    label: str, old: str, new: str, status: str, old_value: str, new_value: str, comment: str
) -> None:
    diff = compare(_plan(old, 2023), _plan(new, 2024), old_part="plan", new_part="plan")
    if status == "dropped":
        olds = [c for c in diff if c.old and math.isclose(c.old.quantity.value, float(old_value))]
        assert olds and all(c.status is Status.DROPPED for c in olds), (comment, diff.all_changes)
        return
    hits = [c for c in diff if c.old and c.new]
    assert len(hits) == 1, (comment, diff.all_changes)
    c = hits[0]
    assert c.status.value == status, comment
    assert math.isclose(c.old.quantity.value, float(old_value))  # type: ignore[union-attr]
    assert math.isclose(c.new.quantity.value, float(new_value))  # type: ignore[union-attr]


def test_founding_example_nanan_within() -> None:
    diff = compare(NANAN, NANAN, old_part="review", new_part="plan")
    farmland = [c for c in diff.changes(status="lowered") if "高标准农田" in c.indicator]
    assert len(farmland) == 1
    c = farmland[0]
    assert (c.old.quantity.value, c.new.quantity.value) == (12000, 2000)  # type: ignore[union-attr]
    assert c.change is not None and c.change.relative is not None
    assert round(c.change.relative, 3) == -0.833
    text = diff.explain(c)
    assert "new-smaller" in text and "1.2万亩" in text and "2000亩" in text
    assert "lowered" in repr(diff) and "南安市" in repr(diff)


def test_evidence_replays_to_the_same_verdict() -> None:
    diff = compare(NANAN, NANAN, old_part="review", new_part="plan")
    for c in diff:
        if c.old and c.new:
            assert decide(c.old.quantity, c.new.quantity) == (c.status, c.evidence.rule)
            assert c.evidence.match is not None and c.evidence.match.score >= c.evidence.threshold
        else:
            assert c.evidence.rule.startswith("no-counterpart")
            if c.evidence.best_score is not None:
                assert c.evidence.best_candidate


def test_json_contract_validates_against_the_shipped_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource

    folder = ROOT / "reportdiff" / "schemas"
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in folder.glob("*.json")}
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas.values())
    data = compare(NANAN, NANAN, old_part="review", new_part="plan").to_dict()
    validator = jsonschema.Draft202012Validator(schemas["compare.json"], registry=registry)
    errors = list(validator.iter_errors(json.loads(json.dumps(data))))
    assert not errors, errors[0]
    assert data["summary"]["lowered"] >= 5


CORPUS_FILES = sorted(p.name for p in CORPORA.glob("*.txt")) if CORPORA.is_dir() else []
PROVINCES = sorted({n.split("-")[0] for n in CORPUS_FILES if n.endswith("-2025.txt")} - {"hailaer"})


@needs_corpora
@pytest.mark.parametrize("name", CORPUS_FILES)
def test_compare_with_itself_is_all_kept(name: str) -> None:
    report = load(corpus(name))
    diff = compare(report, report)
    assert len(diff) > 20
    assert {c.status for c in diff} == {Status.KEPT}
    assert not diff.has_differences


@needs_corpora
@pytest.mark.parametrize("province", PROVINCES)
def test_swapping_years_mirrors_every_verdict(province: str) -> None:
    a, b = load(corpus(f"{province}-2025.txt")), load(corpus(f"{province}-2026.txt"))
    forward = compare(a, b, old_part="plan", new_part="plan")
    backward = compare(b, a, old_part="plan", new_part="plan")

    def key(side: object) -> tuple[int, int] | None:
        return None if side is None else (side.start, side.end)  # type: ignore[attr-defined]

    there = {(key(c.old), key(c.new)): c.status.value for c in forward}
    back = {(key(c.new), key(c.old)): c.status.value for c in backward}
    assert there.keys() == back.keys()
    assert all(MIRROR[s] == back[k] for k, s in there.items())


@needs_corpora
def test_output_is_deterministic() -> None:
    a, b = corpus("anhui-2025.txt"), corpus("anhui-2026.txt")
    one = json.dumps(compare(a, b).to_dict(), ensure_ascii=False)
    two = json.dumps(compare(a, b).to_dict(), ensure_ascii=False)
    assert one == two


_NUMBERS = st.integers(min_value=1, max_value=9999)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["新建高标准农田", "改造老旧小区", "新增城镇就业", "建设口袋公园"]),
            _NUMBERS,
            st.sampled_from(["亩", "户", "人", "个"]),
        ),
        min_size=1,
        max_size=4,
        unique_by=lambda t: t[0],
    ),
    st.lists(_NUMBERS, min_size=4, max_size=4),
)
def test_property_mirror_and_identity(items: list[tuple[str, int, str]], other: list[int]) -> None:
    old = "，".join(f"{w}{n}{u}" for w, n, u in items) + "。"
    new = "，".join(f"{w}{m}{u}" for (w, _, u), m in zip(items, other[: len(items)], strict=True)) + "。"
    a, b = load(_plan(old, 2023)), load(_plan(new, 2024))
    assert {c.status for c in compare(a, a)} <= {Status.KEPT}
    fwd = sorted(MIRROR[c.status.value] for c in compare(a, b, old_part="plan", new_part="plan"))
    bwd = sorted(c.status.value for c in compare(b, a, old_part="plan", new_part="plan"))
    assert fwd == bwd


def test_filters_and_summary_agree() -> None:
    diff = compare(NANAN, NANAN, old_part="review", new_part="plan")
    s = diff.summary()
    assert sum(s.values()) == len(diff)
    for status, n in s.items():
        assert len(diff.changes(status=status)) == n
    assert all(c.new is None or c.new.part.value == "plan" for c in diff.changes(part="plan"))


def test_replace_keeps_a_frozen_change_immutable() -> None:
    diff = compare(NANAN, NANAN, old_part="review", new_part="plan")
    c = diff.all_changes[0]
    with pytest.raises(AttributeError):
        c.status = Status.NEW  # type: ignore[misc]
    assert replace(c, id="x").id == "x"


def _gold_accuracy(golds: list[str]) -> tuple[float, str]:
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "eval" / "score_gold.py"),
            *golds,
            "--corpora",
            str(CORPORA),
            "--cmd",
            f"{sys.executable} -m reportdiff",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=600,
    ).stdout
    return float(out.strip().splitlines()[-1].rsplit("=", 1)[1]), out


@needs_corpora
def test_dev_gold_accuracy_floor() -> None:
    """The dev sets must stay at or above the floor of the trust issue (0.96), through the CLI."""
    golds = sorted(str(p) for p in GOLD.glob("*.tsv"))
    if not golds:
        pytest.skip("no gold files")
    accuracy, out = _gold_accuracy(golds)
    assert accuracy >= 0.96, out


@needs_corpora
def test_held_out_gold_accuracy_floor() -> None:
    """The independently labelled held-out sets guard against tuning to the dev sets."""
    golds = sorted(str(p) for p in (ROOT / "benchmarks" / "heldout").glob("*-*.tsv"))
    accuracy, out = _gold_accuracy(golds)
    assert accuracy >= 0.93, out


@needs_corpora
@pytest.mark.parametrize(
    ("old", "new", "parts"),
    [
        ("liaoning-2025.txt", "liaoning-2026.txt", ("plan", "plan")),
        ("hubei-2025.txt", "hubei-2026.txt", ("plan", "review")),
        ("fujian-2025.txt", "fujian-2026.txt", ("all", "all")),
    ],
)
def test_every_commitment_sentence_is_in_the_aligned_view(old: str, new: str, parts: tuple[str, str]) -> None:
    """Row links in the HTML page point at sentences of the aligned view: none may be missing."""
    a, b = load(corpus(old)), load(corpus(new))
    diff = compare(a, b, old_part=parts[0], new_part=parts[1])
    shown_old = {x.start for s in diff.sections for row in s.rows for x in row.old}
    shown_new = {x.start for s in diff.sections for row in s.rows for x in row.new}
    for c in diff:
        for side, report, shown in ((c.old, a, shown_old), (c.new, b, shown_new)):
            if side is not None:
                sentence = next(s for s in report.sentences if s.start <= side.start < s.end)
                assert sentence.start in shown, (c, sentence.text)


@given(
    st.text(alphabet="农村城市企业工业制造业投资技改高新增加值", max_size=14),
    st.text(alphabet="农村城市企业工业制造业投资技改高新增加值", max_size=14),
)
def test_longest_shared_run_is_difflibs(a: str, b: str) -> None:
    """match._longest_run gives SequenceMatcher.find_longest_match's run (first in a, then in b)."""
    import difflib

    from reportdiff.match import _longest_run

    m = difflib.SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    got = _longest_run(a, b)
    assert got.size == m.size
    if m.size:
        assert (got.a, got.b) == (m.a, m.b)
