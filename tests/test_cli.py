"""The CLI: exit codes, stdin, one-line errors, every command documented and with help."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportdiff.cli import app, main

from .helpers import NANAN, ROOT


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
