"""The CLI: exit codes, stdin, one-line errors, every command documented and with help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from reportdiff._io import csv_text
from reportdiff.cli import app, main

from .helpers import NANAN, ROOT, corpus, needs_corpora


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["--version"], capsys)
    assert code == 0 and re.match(r"reportdiff \d+\.\d+", out)


COMMANDS = sorted(c.name or c.callback.__name__ for c in app.registered_commands)  # type: ignore[union-attr]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_docs(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run([command, "--help"], capsys)
    assert code == 0 and "Usage" in out
    assert f"reportdiff {command}" in (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


def test_commitments_json_lists_the_founding_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["commitments", str(NANAN), "--part", "plan", "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    pairs = {(c["indicator"], c["quantity"]["value"], c["quantity"]["unit"]) for c in data["commitments"]}
    assert any("高标准农田" in i and v == 2000 and u == "亩" for i, v, u in pairs)
    assert any("地区生产总值" in i and v == 6.5 and u == "%" for i, v, u in pairs)
    code, out, _ = run(["commitments", str(NANAN), "--part", "review", "--format", "json"], capsys)
    data = json.loads(out)
    assert any(
        "高标准农田" in c["indicator"] and c["quantity"]["value"] == 12000 for c in data["commitments"]
    )


def test_compare_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["compare", str(NANAN), str(NANAN), "--format", "json"], capsys)[0] == 0
    assert run(["compare", "--within", str(NANAN), "--format", "json"], capsys)[0] == 1


def test_compare_writes_the_same_page_with_one_worker_or_two(tmp_path: Path) -> None:
    pages = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}.html"
        assert main(["compare", "--within", str(NANAN), "-o", str(out), "--workers", workers]) == 1
        pages[workers] = out.read_text(encoding="utf-8")
    assert pages["1"] == pages["2"] and "rd-terms" in pages["2"]


def test_errors_are_one_line_with_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for argv in (
        ["sections", str(tmp_path / "missing.txt")],
        ["sections", str(empty)],
        ["compare", str(NANAN)],
        ["compare", str(NANAN), str(NANAN), "--old-part", "bogus"],
        ["compare", "--within", str(NANAN), "-o", str(tmp_path / "no" / "such" / "dir.html")],
    ):
        code, _out, err = run(argv, capsys)
        assert code == 2, argv
        assert "Traceback" not in err
        lines = [ln for ln in err.splitlines() if ln.strip() and not set(ln.strip()) <= set("╭╰─│ ")]
        assert lines, argv


def test_stdin_dash_reads_a_report() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "reportdiff", "sections", "-", "--format", "json"],
        input=NANAN.read_bytes(),
        capture_output=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["report"]["source"] == "<stdin>"
    assert {s["part"] for s in data["sections"]} >= {"review", "plan"}


def test_output_file_is_written_and_input_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = NANAN.read_bytes()
    target = tmp_path / "diff.json"
    code, _, _err = run(["compare", "--within", str(NANAN), "-o", str(target)], capsys)
    assert code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "reportdiff/compare/2"
    assert NANAN.read_bytes() == before
    assert not list(tmp_path.glob(".*.tmp"))


# ---------------------------------------------------------------- compare: filters, default parts, formats


def one_error(code: int, err: str) -> str:
    """The one line of a failed run: exit 2, no traceback, a single line on stderr."""
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, (code, err)
    return lines[0]


@pytest.fixture(scope="module")
def hunan() -> tuple[Path, Path]:
    return corpus("hunan-2025.txt"), corpus("hunan-2026.txt")


def compare_json(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, dict[str, Any], str]:
    code, out, err = run(["compare", *argv, "--format", "json"], capsys)
    return code, json.loads(out), err


@needs_corpora
def test_reports_of_consecutive_years_compare_plan_with_plan_and_say_so(
    hunan: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = map(str, hunan)
    code, data, err = compare_json([a, b], capsys)
    assert code == 1 and (data["old"]["part"], data["new"]["part"], data["mode"]) == ("plan", "plan", "plan")
    lines = err.splitlines()
    assert len(lines) == 1 and "plan parts" in lines[0] and "湖南省 2025" in lines[0]
    assert "--old-part all --new-part all" in lines[0] and "--old-part plan --new-part review" in lines[0]
    code, whole, err = compare_json([a, b, "--old-part", "all", "--new-part", "all"], capsys)
    assert (whole["old"]["part"], whole["new"]["part"]) == ("all", "all") and err == ""
    # review mixed with plan: far more new and dropped than the plans alone
    mixed = whole["summary"]["new"] + whole["summary"]["dropped"]
    assert mixed > 2 * (data["summary"]["new"] + data["summary"]["dropped"])
    code, one, err = compare_json([a, b, "--new-part", "review"], capsys)  # one part given: the other is all
    assert (one["old"]["part"], one["new"]["part"]) == ("all", "review") and err == ""


def test_default_parts_otherwise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from .test_track import report

    files = {}
    for year in (2023, 2025):
        files[year] = tmp_path / f"nanan-{year}.txt"
        files[year].write_text(report(year, "6%", 5.5), encoding="utf-8")
    no_year = tmp_path / "undated.txt"
    no_year.write_text(
        "一、过去一年工作回顾\n全市完成地区生产总值1645亿元。\n二、今年目标任务\n"
        "主要预期目标是：地区生产总值增长6%左右。\n",
        encoding="utf-8",
    )
    # two years apart: plans, and no delivery hint (the 2025 review reports on 2024)
    _, data, err = compare_json([str(files[2023]), str(files[2025])], capsys)
    assert (data["old"]["part"], data["new"]["part"]) == ("plan", "plan")
    assert "plan parts" in err and "--old-part plan --new-part review" not in err
    # one year: two versions of one report compare whole, silently
    _, data, err = compare_json([str(NANAN), str(NANAN)], capsys)
    assert (data["old"]["part"], data["new"]["part"]) == ("all", "all") and err == ""
    # a year unknown: whole reports, and the line says why
    _, data, err = compare_json([str(no_year), str(files[2025])], capsys)
    assert (data["old"]["part"], data["new"]["part"]) == ("all", "all")
    assert len(err.splitlines()) == 1 and "whole reports" in err and "undated.txt" in err


@needs_corpora
@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html", "table"])
def test_status_and_confidence_filters_apply_to_every_format(
    fmt: str, hunan: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    from reportdiff import compare
    from reportdiff.render import render_html, render_markdown, render_table

    a, b = hunan
    argv = ["compare", str(a), str(b), "--old-part", "plan", "--new-part", "review", "-f", fmt]
    code, out, _ = run(
        [*argv, "--status", "dropped,lowered", "-s", "check", "--min-confidence", "0.6"], capsys
    )
    diff = compare(a, b, old_part="plan", new_part="review")
    kept = diff.filtered(["dropped", "lowered", "check"], min_confidence=0.6)
    assert 0 < len(kept) < len(diff) and code == 1
    expected = {
        "json": lambda: json.dumps(kept.to_dict(), ensure_ascii=False, indent=2),
        "csv": lambda: csv_text(kept.to_records()),
        "md": lambda: render_markdown(kept),
        "html": lambda: render_html(kept),
        "table": lambda: render_table(kept),
    }[fmt]()
    assert out.rstrip("\n") == expected.rstrip("\n")


@needs_corpora
def test_filtered_json_holds_only_the_chosen_changes_and_validates(
    hunan: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import jsonschema
    from referencing import Registry, Resource

    a, b = map(str, hunan)
    _, data, _ = compare_json([a, b, "--status", "raised,check", "--min-confidence", "0.5"], capsys)
    assert data["commitments"] and all(
        (c["status"] == "raised" or c["checks"]) and c["confidence"] >= 0.5 for c in data["commitments"]
    )
    assert sum(data["summary"].values()) == len(data["commitments"])
    ids = {c["id"] for c in data["commitments"]} | {c["id"] for c in data["initiatives"]}
    assert {i for group in data["key_changes"].values() if isinstance(group, list) for i in group} <= ids
    assert not data["initiatives"]  # no initiative is raised or has checks
    schemas = [
        json.loads(p.read_text(encoding="utf-8")) for p in (ROOT / "reportdiff" / "schemas").glob("*.json")
    ]
    registry = Registry().with_resources((s["$id"], Resource.from_contents(s)) for s in schemas)
    compare_schema = next(s for s in schemas if s["$id"].endswith("compare"))
    jsonschema.Draft202012Validator(compare_schema, registry=registry).validate(data)
    # kept only: nothing shown differs, so the exit code is 0
    code, data, _ = compare_json([a, b, "--status", "kept"], capsys)
    assert code == 0 and {c["status"] for c in data["commitments"]} == {"kept"}


@needs_corpora
def test_delivery_wording_in_the_terminal_table(
    hunan: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = map(str, hunan)
    argv = ["compare", a, b, "--old-part", "plan", "--new-part", "review"]
    code, out, _ = run(argv, capsys)
    assert code == 1
    first = out.splitlines()[0]
    assert first.startswith("要点")  # the key changes lead
    for word in ("高于目标", "低于目标", "计划外", "未报告"):
        assert word in out, word
    assert not re.search(r"\b(raised|lowered|dropped|new)\b", out)
    code, out, _ = run([*argv, "--lang", "en"], capsys)
    assert all(w in out for w in ("missed", "unreported", "unplanned")) and "lowered" not in out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--status", "shrunk"], "unknown status 'shrunk'"),
        (["--status", "kept,bogus"], "unknown status 'bogus'"),
        (["--status", ","], "names no status"),
        (["--min-confidence", "1.5"], "--min-confidence must be a number from 0 to 1"),
        (["--min-confidence", "nan"], "--min-confidence must be a number from 0 to 1"),
        (["--min-confidence", "-0.1"], "--min-confidence must be a number from 0 to 1"),
        (["--threshold", "150"], "threshold must be a number from 0 to 100"),
        (["--threshold", "-5"], "threshold must be a number from 0 to 100"),
        (["--threshold", "nan"], "threshold must be a number from 0 to 100"),
    ],
)
def test_bad_filters_and_thresholds_are_one_line(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(["compare", "--within", str(NANAN), *args], capsys)
    line = one_error(code, err)
    assert says in line and out == ""
    if "status" in says:
        assert "kept, raised, lowered, new, dropped, progressed, check" in line


@pytest.mark.parametrize("command", [["compare", "--within", str(NANAN)], ["track", str(NANAN)]])
def test_unknown_output_suffix_is_refused_before_writing(
    command: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.xlsx"
    code, _, err = run([*command, "-o", str(target)], capsys)
    line = one_error(code, err)
    assert "suffix .xlsx" in line and all(s in line for s in (".html", ".json", ".csv", ".md", ".txt"))
    assert not target.exists() and not list(tmp_path.iterdir())
    # a table in a .txt file, and any name with --format
    assert run([*command, "-o", str(tmp_path / "out.txt")], capsys)[0] in (0, 1)
    assert run([*command, "-o", str(target), "--format", "json"], capsys)[0] in (0, 1)
    assert json.loads(target.read_text(encoding="utf-8"))


def test_exit_zero_for_scripts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["compare", "--within", str(NANAN), "-f", "json"], capsys)[0] == 1
    assert run(["compare", "--within", str(NANAN), "-f", "json", "--exit-zero"], capsys)[0] == 0
    code, _, err = run(["compare", str(tmp_path / "missing.txt"), str(NANAN), "--exit-zero"], capsys)
    assert "no such file" in one_error(code, err)  # errors still exit 2
    code, out, _ = run(["compare", "--help"], capsys)
    assert all(o in out for o in ("--exit-zero", "--status", "--min-confidence"))


def test_panel_skips_files_that_are_not_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = tmp_path / "SOURCES.md"
    sources.write_text("# Sources\n\n- nanan-2023.txt: 南安市 2023年政府工作报告\n", encoding="utf-8")
    code, _, err = run(
        ["panel", str(NANAN), str(sources), "-o", str(tmp_path / "p.csv"), "--no-progress", "--workers", "1"],
        capsys,
    )
    assert code == 0, err
    assert f"reportdiff: skipped {sources}: not a work report" in err
    assert "1 not reports" in err and "0 failed" in err
    assert "SOURCES.md" not in (tmp_path / "p.csv").read_text(encoding="utf-8")


def test_the_command_tunes_its_collector_and_the_library_leaves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from reportdiff import cli

    before = gc.get_threshold()
    monkeypatch.setattr(cli, "main", lambda: 0)
    try:
        with pytest.raises(SystemExit) as done:
            cli.run()
        assert done.value.code == 0
        assert gc.get_threshold() == cli._GC_THRESHOLDS != before
    finally:
        gc.set_threshold(*before)
    probe = "import gc, reportdiff, reportdiff.cli; print(gc.get_threshold()[0])"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert int(out.stdout) < cli._GC_THRESHOLDS[0]
