"""The corpus panel: rows, history ids, bad files, reruns, CSV/Parquet, processes and a Dask cluster."""

from __future__ import annotations

import builtins
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportdiff.corpus import (
    COLUMNS,
    INITIATIVE_COLUMNS,
    discover,
    file_rows,
    initiatives_path,
    manifest_path,
    panel,
    panel_command,
    read_table,
    write_table,
)
from reportdiff.errors import MissingExtraError, OutputError

from .test_track import report

DOCS = Path(__file__).resolve().parents[1] / "docs" / "panel.md"


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder with a three-year series (南安市), a lone report (晋江市), a broken file and a note."""
    folder = tmp_path / "reports"
    (folder / "nanan").mkdir(parents=True)
    for year, target, result in ((2023, "7%", 6.1), (2024, "6.5%以上", 6.6), (2025, "6%左右", 5.2)):
        (folder / "nanan" / f"nanan-{year}.txt").write_text(report(year, target, result), encoding="utf-8")
    (folder / "jinjiang-2025.txt").write_text(report(2025, "6%", 5.8, region="晋江市"), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"")  # empty: an InputError
    (folder / "README.md").write_text("not a report", encoding="utf-8")
    (folder / ".hidden").mkdir()
    (folder / ".hidden" / "x.txt").write_text(report(2022, "7%", 6.0), encoding="utf-8")
    return folder


def by_source(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        out.setdefault(Path(r["source"]).name, []).append(r)
    return out


def test_discover_walks_folders_and_reports_missing(corpus: Path) -> None:
    files, missing = discover([corpus, corpus / "jinjiang-2025.txt", corpus / "nope.txt"])
    names = [Path(f).name for f in files]
    assert names == ["broken.txt", "jinjiang-2025.txt", "nanan-2023.txt", "nanan-2024.txt", "nanan-2025.txt"]
    assert list(missing) == [str(corpus / "nope.txt")]


def test_rows_histories_and_a_bad_file(corpus: Path) -> None:
    result = panel(corpus, workers=1, progress=False)
    assert list(result.errors) == [str(corpus / "broken.txt")]
    assert result.errors[str(corpus / "broken.txt")].startswith("InputError")
    rows = result.rows
    assert rows and all(list(r) == [c.name for c in COLUMNS] for r in rows)
    files = by_source(rows)
    assert set(files) == {"jinjiang-2025.txt", "nanan-2023.txt", "nanan-2024.txt", "nanan-2025.txt"}
    # ordered by region, year, source
    assert [(r["region"], r["year"]) for r in rows] == sorted((r["region"], r["year"]) for r in rows)
    target = next(
        r
        for r in files["nanan-2023.txt"]
        if r["kind"] == "target" and r["unit"] == "%" and "生产总值" in r["indicator"]
    )
    assert (target["part"], target["value"], target["qualifier"], target["direction"]) == (
        "plan",
        7.0,
        None,
        "up",
    )
    assert target["history_id"] is not None and target["history_id"].startswith("南安市:h")
    assert target["verdict"] == "missed"  # 7% → 6.6%
    result_row = next(r for r in files["nanan-2024.txt"] if r["kind"] == "result" and r["value"] == 6.6)
    assert result_row["history_id"] == target["history_id"] and result_row["verdict"] == "missed"
    assert all(r["history_id"] is None for r in files["jinjiang-2025.txt"])  # one year only: no history
    # the ids are those of `track` over the region's reports
    from reportdiff.timeline import track

    tl = track(sorted(str(p) for p in (corpus / "nanan").glob("*.txt")))
    h = tl.history_of(target["source"], target["start"], target["indicator"])
    assert h is not None and target["history_id"] == f"南安市:{h.id}"


def test_offsets_point_at_the_quantity(corpus: Path) -> None:
    from reportdiff.structure import load

    rows = file_rows(str(corpus / "nanan" / "nanan-2024.txt"))["rows"]
    text = load(corpus / "nanan" / "nanan-2024.txt").text
    assert rows and all(text[r["start"] : r["end"]] == r["quantity"] for r in rows)


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_written_tables_read_back_typed(corpus: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"commitments{suffix}"
    result = panel(corpus, workers=1, output=out, progress=False)
    assert result.output == out and out.exists()
    assert read_table(out) == result.rows
    assert result.initiatives and read_table(initiatives_path(out), INITIATIVE_COLUMNS) == result.initiatives
    manifest = json.loads(manifest_path(out).read_text(encoding="utf-8"))
    assert set(Path(f).name for f in manifest["files"]) == set(by_source(result.rows))
    assert manifest["groups"] == {"南安市": sorted(str(p) for p in (corpus / "nanan").glob("*.txt"))}
    if suffix == ".csv":
        head = out.read_text(encoding="utf-8").splitlines()[0]
        assert head == ",".join(c.name for c in COLUMNS) and not head.startswith("\ufeff")


def test_reruns_skip_unchanged_files_unless_forced(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "commitments.csv"
    first = panel(corpus, workers=1, output=out, progress=False)
    assert len(first.computed) == 4 and not first.skipped
    again = panel(corpus, workers=1, output=out, progress=False)
    assert again.computed == () and len(again.skipped) == 4
    assert again.rows == first.rows and again.initiatives == first.initiatives
    # an initiative table edited by hand is not trusted: its files are read again
    named = initiatives_path(out)
    named.write_text("\n".join(named.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8")
    redone = panel(corpus, workers=1, output=out, progress=False)
    assert len(redone.computed) == 1 and redone.initiatives == first.initiatives
    changed = corpus / "nanan" / "nanan-2025.txt"
    changed.write_text(report(2025, "5.5%左右", 5.2), encoding="utf-8")
    third = panel(corpus, workers=1, output=out, progress=False)
    assert [Path(f).name for f in third.computed] == ["nanan-2025.txt"]
    assert any(r["value"] == 5.5 for r in by_source(third.rows)["nanan-2025.txt"])
    # the region was linked again: the 2024 target now has its 2025 neighbour
    assert all(
        r["history_id"] is not None
        for r in third.rows
        if r["region"] == "南安市" and r["part"] == "plan" and "生产总值增长" in r["indicator"]
    )
    forced = panel(corpus, workers=1, output=out, force=True, progress=False)
    assert len(forced.computed) == 4 and not forced.skipped
    assert forced.rows == third.rows


def test_worker_processes_give_the_same_rows(corpus: Path) -> None:
    single = panel(corpus, workers=1, progress=False)
    double = panel(corpus, workers=2, progress=False)
    assert double.rows == single.rows and double.errors == single.errors


def test_unknown_output_suffix_and_missing_pyarrow(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(OutputError, match=r"csv or \.parquet"):
        panel(corpus, workers=1, output=tmp_path / "x.xlsx", progress=False)
    real_import = builtins.__import__

    def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pyarrow" or name.startswith("pyarrow."):
            raise ImportError("No module named 'pyarrow'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    with pytest.raises(MissingExtraError, match=re.escape("reportdiff[parquet]")):
        panel(corpus, workers=1, output=tmp_path / "x.parquet", progress=False)
    with pytest.raises(MissingExtraError):
        write_table([], tmp_path / "y.parquet")


def test_no_progress_output_when_not_a_terminal(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    panel(corpus, workers=1, progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "reading reports" not in captured.err


def test_panel_command_summary(corpus: Path, tmp_path: Path) -> None:
    result, line = panel_command(
        [str(corpus)], output=tmp_path / "c.csv", workers=1, force=False, progress=False
    )
    expected = (
        r"\d+ rows from 4 reports \(\d+ in histories\), \d+ initiative rows; 4 read, 0 unchanged, "
        r"0 not reports, 1 failed"
    )
    assert re.fullmatch(expected, line), line
    assert result.output is not None


def test_files_that_are_not_reports_are_left_out_with_a_reason(tmp_path: Path) -> None:
    (tmp_path / "nanan-2024.txt").write_text(report(2024, "6%", 6.1), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("会议记录：2024年讨论了若干事项。", encoding="utf-8")
    (tmp_path / "SOURCES.md").write_text("# Sources\n\n- nanan-2024.txt, 2024\n", encoding="utf-8")
    files = [str(tmp_path / n) for n in ("nanan-2024.txt", "notes.txt", "SOURCES.md")]
    result = panel(files, workers=1, progress=False)
    assert {Path(f).name for f in result.not_reports} == {"notes.txt", "SOURCES.md"}
    assert all(why.startswith("not a work report: ") for why in result.not_reports.values())
    assert {Path(r["source"]).name for r in result.rows} == {"nanan-2024.txt"} and not result.errors


def test_data_dictionary_documents_every_column() -> None:
    if not DOCS.exists():
        pytest.skip("docs/panel.md is missing")
    first, _, second = DOCS.read_text(encoding="utf-8").partition("## The initiative table")
    for text, columns in ((first, COLUMNS), (second, INITIATIVE_COLUMNS)):
        table = [ln for ln in text.splitlines() if ln.startswith("| `")]
        documented = [re.match(r"\| `(\w+)`", ln).group(1) for ln in table]  # type: ignore[union-attr]
        assert documented == [c.name for c in columns]
        for c in columns:
            line = next(ln for ln in table if ln.startswith(f"| `{c.name}`"))
            assert f"| {c.type} |" in line and ("| yes |" in line) == c.nullable


@pytest.fixture(scope="module")
def dask_executor() -> Iterator[Any]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    client = distributed.Client(cluster)
    try:
        yield client.get_executor()
    finally:
        client.close()
        cluster.close()


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore")  # the cluster's own start-up and shut-down chatter
def test_a_dask_cluster_runs_the_panel(corpus: Path, tmp_path: Path, dask_executor: Any) -> None:
    single = panel(corpus, workers=1, progress=False)
    out = tmp_path / "commitments.parquet"
    distributed_run = panel(corpus, executor=dask_executor, output=out, progress=False)
    assert distributed_run.rows == single.rows
    assert distributed_run.errors == single.errors
    assert read_table(out) == single.rows
    assert os.path.exists(manifest_path(out))


def test_initiative_rows_link_across_years(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    for year, verb in ((2023, "开工建设"), (2024, "加快建设"), (2025, "建成")):
        text = report(year, "6%", 5.5).replace(
            "新建高标准农田2000亩。", f"新建高标准农田2000亩，{verb}滨河公园。"
        )
        (folder / f"nanan-{year}.txt").write_text(text, encoding="utf-8")
    result = panel(folder, workers=1, progress=False, output=tmp_path / "p.csv")
    park = [r for r in result.initiatives if r["name"] == "滨河公园"]
    assert [(r["year"], r["stage"]) for r in park] == [(2023, "start"), (2024, "build"), (2025, "done")]
    assert len({r["initiative_id"] for r in park}) == 1 and park[0]["initiative_id"].startswith("南安市:n")
    assert (
        (tmp_path / "p.initiatives.csv")
        .read_text(encoding="utf-8")
        .startswith("region,year,source,part,kind")
    )


def test_a_series_named_by_year_is_read_and_linked_by_one_task(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files whose names differ by a closing year are read and linked by one task (the reports it
    just read are not read again by a separate linking task); a region whose files are named otherwise
    is linked apart, with the same rows."""
    import reportdiff.corpus as corpus_module

    linked_apart: list[list[str]] = []
    real_run = corpus_module._run

    def watched(fn: Any, calls: Any, *args: Any, **kwargs: Any) -> Any:
        if fn is corpus_module.link_rows:
            linked_apart.extend([Path(p).name for p in c[0]] for c in calls)
        return real_run(fn, calls, *args, **kwargs)

    monkeypatch.setattr(corpus_module, "_run", watched)
    grouped = panel(corpus, workers=1, progress=False)
    assert linked_apart == []

    renamed = tmp_path / "renamed"
    shutil.copytree(corpus, renamed)
    for year, name in ((2023, "first"), (2024, "second"), (2025, "third")):
        (renamed / "nanan" / f"nanan-{year}.txt").rename(renamed / "nanan" / f"{name}.txt")
    apart = panel(renamed, workers=1, progress=False)
    assert linked_apart == [["first.txt", "second.txt", "third.txt"]]

    def ids(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["year"], r["start"], r["history_id"], r["verdict"]) for r in rows]

    assert ids(apart.rows) == ids(grouped.rows)
    assert any(r["history_id"] for r in apart.rows)
