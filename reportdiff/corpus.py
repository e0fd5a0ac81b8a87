"""Corpus panel: one row per commitment across many reports, the table of growth-target studies.

:func:`panel` reads every report of a folder (or a list of files), extracts its commitments
(:func:`reportdiff.extract_commitments`, every part) and, where one region has reports of
several years, links them into histories with :func:`reportdiff.timeline.track`, so each row
carries the id of its history and that year's delivery verdict. ``docs/panel.md`` is the data
dictionary; :data:`COLUMNS` is its source.

Work runs in parallel: processes on this machine by default (``workers``), or any
:class:`concurrent.futures.Executor` (a Dask cluster's ``Client(...).get_executor()``, Ray's …).
A report that cannot be read is reported in :attr:`PanelResult.errors` and skipped. With an
``output`` path, the table is written atomically (``.csv`` or ``.parquet``) with a manifest beside
it, and a rerun reuses the rows of files that did not change (``force=True`` redoes everything).
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import _regex
from ._version import __version__
from .errors import InputError, MissingExtraError, OutputError, ReportdiffError

if TYPE_CHECKING:
    from .structure import Report

__all__ = [
    "COLUMNS",
    "INITIATIVE_COLUMNS",
    "Column",
    "PanelResult",
    "discover",
    "file_rows",
    "group_rows",
    "initiatives_path",
    "link_rows",
    "panel",
    "read_table",
    "write_table",
]

MANIFEST_SCHEMA = "reportdiff/panel-manifest/4"
REPORT_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")


@dataclass(frozen=True)
class Column:
    """One column of the panel: name, type (``str``, ``int``, ``float``), whether it may be empty, meaning."""

    name: str
    type: str
    nullable: bool
    description: str


#: The panel's columns, in order. ``docs/panel.md`` renders this as the data dictionary (a test checks it).
COLUMNS: tuple[Column, ...] = (
    Column(
        "region",
        "str",
        True,
        "Government that delivered the report (海拉尔区, 福建省, 国务院), as "
        "found in the text; empty when not found.",
    ),
    Column(
        "year", "int", True, "The report's year: the year whose plan it sets (a 2025 report reviews 2024)."
    ),
    Column("source", "str", False, "The report file, as given or found in the folder."),
    Column(
        "part",
        "str",
        False,
        "Part of the report: review (last year's work), plan (this year's targets "
        "and tasks), five_year, self (government self-building), other.",
    ),
    Column(
        "kind",
        "str",
        False,
        "target (plan and five_year parts), result (review part), statement (other parts).",
    ),
    Column(
        "indicator", "str", False, "The words naming what is measured (地区生产总值增长, 新建高标准农田)."
    ),
    Column(
        "canonical",
        "str",
        True,
        "The canonical id of a common indicator (gdp_growth, cpi, new_urban_jobs …, "
        "docs/indicators.md), the same across regions and years; empty for the others.",
    ),
    Column(
        "value",
        "float",
        False,
        "The number with magnitude words applied (1.2万亩 → 12000; 1645亿元 → "
        "1.645e11); percentages as the percent number (6.5% → 6.5); a range's midpoint; unsigned (下降2% "
        "→ 2, see direction).",
    ),
    Column(
        "unit",
        "str",
        False,
        "The base unit after removing magnitudes: %, 百分点, 元, 亩, 人, 个, "
        "元/人 …; empty when the number has none.",
    ),
    Column(
        "qualifier",
        "str",
        True,
        "How the number bounds the real value: at_least (以上, 不少于), "
        "more_than (超, 突破, 多), about (左右, 约), nearly (近), at_most (以内, 不超过), "
        "less_than (不足), range; empty when exact.",
    ),
    Column("low", "float", False, "Lower bound of a range (5%—5.5% → 5), else equal to value."),
    Column("high", "float", False, "Upper bound of a range (→ 5.5), else equal to value."),
    Column("direction", "str", True, "For rates: up (增长, 提高) or down (下降, 减少); empty otherwise."),
    Column("quantity", "str", False, "The quantity as written (6.5%左右, 1.2万亩)."),
    Column("text", "str", False, "The clause holding the quantity."),
    Column("section", "str", False, "Dotted path of the section (2.3 is 二、（三）); 0 is the preamble."),
    Column("section_title", "str", False, "That section's heading."),
    Column(
        "start",
        "int",
        False,
        "Offset of the quantity in the report's normalised text (with source, a stable identity of the row).",
    ),
    Column("end", "int", False, "Offset one past the quantity."),
    Column(
        "history_id",
        "str",
        True,
        "Where the region has reports of several years and the commitment was "
        "linked to others: region:hN, the id of its history in `reportdiff track` of that region; "
        "empty otherwise.",
    ),
    Column(
        "verdict",
        "str",
        True,
        "For a target or result in a history: that year's delivery verdict (met, "
        "exceeded, missed, not_reported); empty otherwise.",
    ),
)
_TYPES = {c.name: c for c in COLUMNS}

#: The columns of the panel's second table, the named initiatives (``<output>.initiatives.csv`` or
#: ``.parquet``): one row per distinct initiative per part of every report. ``docs/panel.md`` renders it.
INITIATIVE_COLUMNS: tuple[Column, ...] = (
    Column("region", "str", True, "As in the commitment table."),
    Column("year", "int", True, "As in the commitment table."),
    Column("source", "str", False, "The report file."),
    Column("part", "str", False, "Part of the report (review, plan, five_year, self, other)."),
    Column(
        "kind",
        "str",
        False,
        "What the initiative is: project, programme, pilot, reform, regulation, platform, zone, event.",
    ),
    Column(
        "stage",
        "str",
        True,
        "The most advanced stage the part states: prepare (谋划, 前期), start (启动, 开工, 设立), build "
        "(建设, 推进, 深化), done (建成, 投用, 出台, 举办); empty when no verb says.",
    ),
    Column(
        "name", "str", False, "The name as the part first writes it (福州至厦门高速铁路, “人工智能+”行动)."
    ),
    Column(
        "canonical",
        "str",
        False,
        "The name as compared: quotation marks, the report's own region and variant spellings folded "
        "(福州至厦门高速铁路 → 福厦高铁); rows of one initiative share it.",
    ),
    Column("verb", "str", False, "The verb that states the stage, as written (加快建设); empty when none."),
    Column(
        "namehood",
        "float",
        False,
        "Probability 0–1 that the name is a real named initiative, not an aim, a class of things or a cut "
        "name (``reportdiff.namehood``; 85% of the names at 0.6 or more were real in the judged samples).",
    ),
    Column("mentions", "int", False, "How many times the part names it."),
    Column("text", "str", False, "The clauses that name it, joined by ；."),
    Column("section", "str", False, "Dotted path of the section of its first mention."),
    Column("section_title", "str", False, "That section's heading."),
    Column("start", "int", False, "Offset of the first mention's name in the report's normalised text."),
    Column("end", "int", False, "Offset one past it."),
    Column(
        "initiative_id",
        "str",
        True,
        "Where the region has reports of several years and the initiative was named in at least two "
        "plan or review parts: region:nN, the id of its history in ``reportdiff track --format json`` "
        "(``initiatives``); empty otherwise.",
    ),
)


_SHOWN = 20  # rows a PanelResult shows in a notebook


@dataclass(frozen=True)
class PanelResult:
    """What :func:`panel` did.

    Attributes:
        rows: every row, ordered by region, year, source and text order.
        errors: the files that could not be read: source → one-line reason.
        skipped: files whose rows were reused from an earlier run (unchanged since).
        computed: files read in this run.
        warnings: regions whose reports could not be linked into histories, and why.
        output: the file written, or None.
        initiatives: the second table: one row per named initiative per part of every report
            (:data:`INITIATIVE_COLUMNS`), in the same order; written beside ``output`` as
            :func:`initiatives_path` says.
        not_reports: readable files that are not work reports (:func:`not_a_report`), left out:
            source → one-line reason.
    """

    rows: list[dict[str, Any]]
    errors: dict[str, str] = field(default_factory=dict)
    skipped: tuple[str, ...] = ()
    computed: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    output: Path | None = None
    initiatives: list[dict[str, Any]] = field(default_factory=list)
    not_reports: dict[str, str] = field(default_factory=dict)

    def to_dataframe(self) -> Any:
        """The rows as a pandas DataFrame (needs ``pip install 'reportdiff[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError("pandas is not installed", "pip install 'reportdiff[pandas]'") from exc
        return pd.DataFrame.from_records(self.rows, columns=[c.name for c in COLUMNS])

    def initiatives_dataframe(self) -> Any:
        """The initiative rows as a pandas DataFrame (needs ``pip install 'reportdiff[pandas]'``)."""
        try:
            import pandas as pd
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise MissingExtraError("pandas is not installed", "pip install 'reportdiff[pandas]'") from exc
        return pd.DataFrame.from_records(self.initiatives, columns=[c.name for c in INITIATIVE_COLUMNS])

    def _repr_html_(self) -> str:
        """A summary and the first rows (a notebook display; ``to_dataframe()`` holds them all)."""
        from ._templates import render_records

        shown = ("region", "year", "part", "kind", "indicator", "quantity", "value", "unit", "verdict")
        rows = [[r.get(c) for c in shown] for r in self.rows[:_SHOWN]]
        notes = [f"{source}: {reason}" for source, reason in self.errors.items()] + list(self.warnings)
        files = len({r["source"] for r in self.rows})
        more = f"… {len(self.rows) - _SHOWN} more rows: to_dataframe()" if len(self.rows) > _SHOWN else ""
        subtitle = f"{len(self.rows)} rows from {files} reports, {len(self.initiatives)} initiative rows" + (
            f" → {self.output.name}" if self.output else ""
        )
        return render_records("PanelResult", list(shown), rows, subtitle=subtitle, notes=notes, more=more)

    def __repr__(self) -> str:
        files = len({r["source"] for r in self.rows})
        return (
            f"<PanelResult {len(self.rows)} rows from {files} reports, {len(self.initiatives)} initiative "
            f"rows, {len(self.errors)} errors, {len(self.skipped)} reused>"
        )


# --- the work of one file and of one region (top-level functions: they run in worker processes) --------


def file_rows(path: str, stamp: str = "") -> dict[str, Any]:
    """Read one report and return its commitment rows and initiative rows (history columns empty).

    Returns ``{"source", "region", "year", "rows", "initiatives"}``, ``{"source", "error"}`` when the file
    cannot be read, or ``{"source", "not_report"}`` when it is not a work report. ``stamp`` (content hash,
    size and mtime) makes each version of a file a distinct task for executors that cache results by
    argument (Dask), and keys the few reports a process keeps loaded for :func:`link_rows`.
    """
    from .commitments import extract_commitments
    from .initiatives import extract_initiatives

    try:
        report = _load(path, stamp)
        found = extract_commitments(report)
        named = extract_initiatives(report)
    except ReportdiffError as exc:
        return {"source": path, "error": f"{type(exc).__name__}: {exc}"}
    except Exception as exc:  # one bad file must not end the run: report it, with its type
        return {"source": path, "error": f"{type(exc).__name__}: {exc}"}
    why = not_a_report(report)
    if why is not None:
        return {"source": path, "not_report": why}
    rows = []
    for c in found:
        q = c.quantity
        rows.append(
            {
                "region": report.region,
                "year": report.year,
                "source": path,
                "part": c.part.value,
                "kind": c.kind.value,
                "indicator": c.indicator,
                "canonical": c.canonical,
                "value": q.value,
                "unit": q.unit,
                "qualifier": q.qualifier.value if q.qualifier else None,
                "low": q.low,
                "high": q.high,
                "direction": q.direction.value if q.direction else None,
                "quantity": q.text,
                "text": c.text,
                "section": c.section_path,
                "section_title": c.section_title,
                "start": c.start,
                "end": c.end,
                "history_id": None,
                "verdict": None,
            }
        )
    return {
        "source": path,
        "region": report.region,
        "year": report.year,
        "rows": rows,
        "initiatives": [_initiative_row(report, path, i) for i in named],
    }


def _initiative_row(report: Any, path: str, i: Any) -> dict[str, Any]:
    from .initiatives import match_key
    from .namehood import namehood

    return {
        "region": report.region,
        "year": report.year,
        "source": path,
        "part": i.part.value,
        "kind": i.kind.value,
        "stage": i.stage.value if i.stage else None,
        "name": i.name,
        "canonical": match_key(i.name, report.region),
        "verb": i.verb,
        "namehood": round(namehood(i), 3),
        "mentions": len(i.mentions),
        "text": i.text,
        "section": i.section_path,
        "section_title": i.section_title,
        "start": i.start,
        "end": i.end,
        "initiative_id": None,
    }


#: reports this process loaded lately, by (path, stamp): linking a region reuses the reports (and what
#: they memoise: commitments, initiatives) that reading its files loaded in the same process
_LOADED: dict[tuple[str, str], Any] = {}
_LOADED_MAX = 16


def _load(path: str, stamp: str) -> Any:
    from .structure import load

    key = (path, stamp)
    if not stamp or key not in _LOADED:
        report = load(Path(path))
        if not stamp:
            return report
        _LOADED[key] = report
        while len(_LOADED) > _LOADED_MAX:
            del _LOADED[next(iter(_LOADED))]
    return _LOADED[key]


def group_rows(paths: Sequence[str], stamp: str = "") -> dict[str, Any]:
    """:func:`file_rows` of each of ``paths`` (files that look like one region's years), then
    :func:`link_rows` of those that are reports, in the same process: linking reuses the reports just
    read instead of reading them again elsewhere.

    Returns ``{"files": [file_rows(p) …], "linked": [paths linked], "links": link_rows(linked) | None}``.
    """
    stamps = stamp.split(";") if stamp else [""] * len(paths)
    files = [file_rows(p, s) for p, s in zip(paths, stamps, strict=True)]
    read = [(p, s) for p, s, res in zip(paths, stamps, files, strict=True) if "rows" in res]
    linked = [p for p, _ in read]
    links = link_rows(linked, ";".join(s for _, s in read)) if len(read) > 1 else None
    return {"files": files, "linked": linked, "links": links}


def link_rows(paths: Sequence[str], stamp: str = "") -> dict[str, Any]:
    """Link one region's reports with :func:`reportdiff.timeline.track`.

    Returns ``{"region", "links": [(source, start, indicator, history id, verdict), …],
    "initiative_links": [(source, start, initiative id), …]}``, or
    ``{"region", "error"}`` when the reports cannot be tracked (two of one year …).
    """
    from .timeline import track

    stamps = stamp.split(";") if stamp else [""] * len(paths)
    try:
        reports = [_load(p, s) for p, s in zip(paths, stamps, strict=True)]
        by_source = {r.source: p for r, p in zip(reports, paths, strict=True)}
        timeline = track(reports)
    except ReportdiffError as exc:
        return {"region": None, "error": f"{type(exc).__name__}: {exc}"}
    except Exception as exc:  # a region that cannot be linked keeps its rows, without history ids
        return {"region": None, "error": f"{type(exc).__name__}: {exc}"}
    region = timeline.region or ""
    links = []
    for h in timeline.histories:
        for e in h.entries:
            for o in (e.target, e.result):
                if o is not None:
                    links.append(
                        (
                            by_source.get(o.source, o.source),
                            o.start,
                            o.indicator,
                            f"{region}:{h.id}",
                            e.verdict.value if e.verdict else None,
                        )
                    )
    named = [
        (by_source.get(y.source, y.source), y.start, f"{region}:{h.id}")
        for h in timeline.initiatives
        for y in h.years
    ]
    return {"region": region, "links": links, "initiative_links": named}


# --- files, tables and the manifest ------------------------------------------------------------------


def discover(sources: Iterable[str | Path]) -> tuple[list[str], dict[str, str]]:
    """The report files of ``sources`` (files, and folders searched recursively for .txt .html .htm
    .pdf .docx), in order, each once; and the sources that do not exist (source → reason)."""
    found: list[str] = []
    missing: dict[str, str] = {}
    seen: set[Path] = set()

    def add(p: Path) -> None:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            found.append(str(p))

    for s in sources:
        p = Path(s).expanduser()
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if (
                    f.is_file()
                    and f.suffix.lower() in REPORT_SUFFIXES
                    and not any(part.startswith(".") for part in f.relative_to(p).parts)
                ):
                    add(f)
        elif p.is_file():
            add(p)
        elif p.exists():
            missing[str(s)] = "InputError: not a regular file or folder (a device, FIFO or socket)"
        else:
            missing[str(s)] = "InputError: no such file or folder"
    return found, missing


def not_a_report(report: Report) -> str | None:
    """Why a readable file is not a work report (a README, a list of sources), or None when it is one:
    a report states its year and has a review or a plan part."""
    if report.year is None:
        return "not a work report: no report year found"
    if not (report.sentences_in("review") or report.sentences_in("plan")):
        return "not a work report: no review or plan part found"
    return None


def _stamp(path: str) -> tuple[str, int, float]:
    """(sha256, size, mtime) of a file; a file over the input limit is refused before it is hashed."""
    from .ingest import MAX_BYTES

    st = os.stat(path)
    if st.st_size > MAX_BYTES:
        raise InputError(
            f"{path} is too large ({st.st_size / 2**20:.1f} MB; the limit is {MAX_BYTES // 2**20} MB)",
            "a work report is well under 1 MB: check it is the right file",
        )
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest(), st.st_size, st.st_mtime


@lru_cache(maxsize=4)
def _types_of(columns: tuple[Column, ...]) -> dict[str, Column]:
    return {c.name: c for c in columns}


def _coerce(name: str, raw: Any, columns: Sequence[Column] = COLUMNS) -> Any:
    return _coerce_to(_types_of(tuple(columns))[name], raw)


def _coerce_to(col: Column, raw: Any) -> Any:
    if raw is None or (raw == "" and col.type != "str"):
        return None
    if raw == "" and col.nullable:
        return None
    if col.type == "int":
        return int(raw)
    if col.type == "float":
        return float(raw)
    return str(raw)


def write_table(
    rows: Sequence[dict[str, Any]], path: str | Path, columns: Sequence[Column] = COLUMNS
) -> Path:
    """Write ``rows`` to ``path`` atomically: CSV (plain UTF-8, empty cell for null) or Parquet (typed),
    with ``columns`` (the commitment table's, or :data:`INITIATIVE_COLUMNS`)."""
    from ._io import write_atomic

    target = Path(path)
    names = [c.name for c in columns]
    suffix = target.suffix.lower()
    if suffix == ".csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=names, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if r.get(k) is None else r.get(k)) for k in names})
        return write_atomic(target, buf.getvalue())
    if suffix == ".parquet":
        pa, pq = _pyarrow()
        types_ = {"str": pa.string(), "int": pa.int64(), "float": pa.float64()}
        schema = pa.schema([pa.field(c.name, types_[c.type], nullable=c.nullable) for c in columns])
        table = pa.Table.from_pylist([{k: r.get(k) for k in names} for r in rows], schema=schema)
        sink = io.BytesIO()
        pq.write_table(table, sink)
        return write_atomic(target, sink.getvalue())
    raise OutputError(
        f"cannot write a panel to {target}: unknown suffix {target.suffix or '(none)'}",
        "name the output .csv or .parquet",
    )


def read_table(path: str | Path, columns: Sequence[Column] = COLUMNS) -> list[dict[str, Any]]:
    """Read a panel written by :func:`write_table` back into typed rows."""
    target = Path(path)
    names = {c.name for c in columns}
    if target.suffix.lower() == ".parquet":
        _, pq = _pyarrow()
        rows: list[dict[str, Any]] = pq.read_table(target).to_pylist()
        return rows
    with open(target, encoding="utf-8", newline="") as fh:
        return [{k: _coerce(k, v, columns) for k, v in r.items() if k in names} for r in csv.DictReader(fh)]


def _pyarrow() -> tuple[Any, Any]:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtraError(
            "writing Parquet needs pyarrow, which is not installed",
            "pip install 'reportdiff[parquet]' (or write .csv)",
        ) from exc
    return pa, pq


def initiatives_path(output: str | Path) -> Path:
    """Where the initiative table of ``output`` lives: ``p.csv`` → ``p.initiatives.csv`` (same suffix)."""
    out = Path(output)
    return out.with_name(f"{out.stem}.initiatives{out.suffix}")


def manifest_path(output: str | Path) -> Path:
    """Where the manifest of ``output`` lives: ``<output>.manifest.json``."""
    out = Path(output)
    return out.with_name(out.name + ".manifest.json")


def rows_checksum(rows: Sequence[dict[str, Any]], columns: Sequence[Column] = COLUMNS) -> str:
    """sha256 of ``rows`` as the table stores them (typed as ``columns``, null as written to CSV):
    the manifest keeps one per source and table, and a rerun reuses only rows that still match it."""
    types = _types_of(tuple(columns))
    cols = [types[c.name] for c in columns]
    canonical = [[_coerce_to(c, "" if r.get(c.name) is None else r.get(c.name)) for c in cols] for r in rows]
    return hashlib.sha256(json.dumps(canonical, ensure_ascii=False).encode("utf-8")).hexdigest()


def _valid_entry(entry: Any) -> bool:
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("sha256"), str)
        and isinstance(entry.get("checksum"), str)
        and type(entry.get("rows")) is int
        and isinstance(entry.get("initiative_checksum"), str)
        and type(entry.get("initiatives")) is int
        and isinstance(entry.get("region"), (str, type(None)))
        and type(entry.get("year")) in (int, type(None))
    )


def _read_manifest(output: Path) -> tuple[dict[str, Any] | None, str | None]:
    """The manifest of an earlier run and None, or None and why it is ignored (None when there is none,
    or when it is a valid manifest of another version: its files are simply read again)."""
    path = manifest_path(output)
    ignored = "; every file is read again"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, None
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot read the manifest {path} ({getattr(exc, 'strerror', None) or exc}){ignored}"
    except ValueError:
        return None, f"the manifest {path} is not valid JSON{ignored}"
    if not isinstance(data, dict):
        return None, f"the manifest {path} is not a JSON object{ignored}"
    if (
        data.get("schema") != MANIFEST_SCHEMA
        or data.get("version") != __version__
        or data.get("columns") != [c.name for c in COLUMNS]
    ):
        return None, None
    files, groups = data.get("files"), data.get("groups", {})
    if not (
        isinstance(files, dict)
        and all(isinstance(k, str) and _valid_entry(v) for k, v in files.items())
        and isinstance(groups, dict)
        and all(isinstance(g, list) and all(isinstance(f, str) for f in g) for g in groups.values())
    ):
        return None, f"the manifest {path} is damaged (unexpected content){ignored}"
    return data, None


_Rows = dict[str, list[dict[str, Any]]]


def _reusable(out: Path | None, force: bool) -> tuple[dict[str, Any] | None, _Rows, _Rows, list[str]]:
    """What an earlier run left: its manifest, the rows of its two tables by source, and warnings."""
    if force or out is None or not out.exists():
        return None, {}, {}, []
    previous, why = _read_manifest(out)
    if previous is None:
        return None, {}, {}, [why] if why else []
    old_rows: _Rows = {}
    old_named: _Rows = {}
    try:
        for r in read_table(out):
            old_rows.setdefault(str(r["source"]), []).append(r)
        if initiatives_path(out).exists():
            for r in read_table(initiatives_path(out), INITIATIVE_COLUMNS):
                old_named.setdefault(str(r["source"]), []).append(r)
    except Exception as exc:  # a truncated Parquet file, a CSV that is not ours …
        return (
            None,
            {},
            {},
            [f"cannot read the earlier output {out} ({type(exc).__name__}); every file is read again"],
        )
    return previous, old_rows, old_named, []


def _ignore_sigint() -> None:
    """Worker processes leave Ctrl-C to the parent, which stops them (no traceback from every worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop_pool(pool: Any) -> None:
    """Stop a process pool now: end the workers, then shut it down (its manager thread sees them gone
    and finishes, so nothing is left to wake at exit); what had not started is cancelled."""
    procs = list((getattr(pool, "_processes", None) or {}).values())  # no public handle before Python 3.14
    for p in procs:
        with contextlib.suppress(Exception):
            p.terminate()
    for p in procs:
        with contextlib.suppress(Exception):
            p.join(timeout=5)
            if p.is_alive():
                p.kill()
                p.join(timeout=5)
    # A worker ended while sending a result leaves the pool's manager thread reading the rest of
    # the message; with this process's copy of the pipe's writing end closed, it reads the end of
    # the pipe instead of waiting forever (and shutdown() waiting for it).
    writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    if procs and writer is not None:
        with contextlib.suppress(Exception):
            writer.close()
    pool.shutdown(wait=True, cancel_futures=True)


# --- running the work ---------------------------------------------------------------------------------


def _progress(enabled: bool) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not (enabled and console.is_terminal),
    )


class _Signalled(BaseException):
    """A SIGINT/SIGTERM noted while the work ran, raised where no executor or progress lock is held."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _deferred_signals() -> Iterator[Callable[[], None]]:
    """Within the block SIGINT and SIGTERM are only noted; the ``check()`` it gives raises
    :class:`_Signalled` at a safe point (between files), so the pool is stopped and its workers
    ended (:func:`_stop_pool`). Leaving the block delivers the signal to the handler that was in
    place before: the CLI's (exit 130/143), Python's (KeyboardInterrupt) or the default (the
    process ends by the signal). An exception raised from a signal handler at any other point
    could leave an executor's lock held, and the process hanging at exit."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield lambda: None
        return
    noted: list[int] = []

    def note(signum: int, frame: object) -> None:
        noted.append(signum)

    def check() -> None:
        if noted:
            raise _Signalled(noted[0])

    previous: dict[int, Any] = {int(sig): signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    for sig, handler in previous.items():
        if handler is not signal.SIG_IGN:
            signal.signal(sig, note)
    try:
        yield check
    except _Signalled as exc:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        handler = previous[exc.signum]
        if callable(handler):
            handler(exc.signum, None)  # raises (SystemExit, KeyboardInterrupt …)
        signal.raise_signal(exc.signum)  # the default action: end the process
        raise  # pragma: no cover - a handler that returned
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _run(
    fn: Callable[..., dict[str, Any]],
    calls: Sequence[tuple[Any, ...]],
    executor: Executor | None,
    advance: Callable[[], None],
    check: Callable[[], None] = lambda: None,
) -> Iterator[tuple[tuple[Any, ...], dict[str, Any] | BaseException]]:
    """Each call's arguments and result (or exception), as they complete; ``check()`` runs between
    them (and at least every 0.2 s while waiting for a worker)."""
    if executor is None:
        for args in calls:
            check()
            try:
                out: dict[str, Any] | BaseException = fn(*args)
            except Exception as exc:
                out = exc
            advance()
            yield args, out
        return
    futures: dict[Future[dict[str, Any]], tuple[Any, ...]] = {}
    for args in calls:
        check()
        futures[executor.submit(fn, *args)] = args
    pending = set(futures)
    while pending:
        check()
        done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
        for fut in done:
            failed = fut.exception()
            advance()
            if isinstance(failed, BrokenExecutor):
                raise ReportdiffError(
                    f"the worker processes stopped ({failed})",
                    "call panel() from under `if __name__ == '__main__':` in a script (worker processes "
                    "import it), or pass workers=1",
                ) from failed
            yield futures[fut], (failed if failed is not None else fut.result())


@dataclass
class _Work:
    """The state of one :func:`panel` run: each file's stamp, region and year, rows and outcome."""

    errors: dict[str, str]
    stamps: dict[str, tuple[str, int, float]] = field(default_factory=dict)
    meta: dict[str, dict[str, Any]] = field(default_factory=dict)
    rows_of: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    named_of: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    todo: list[str] = field(default_factory=list)
    not_reports: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def stamp_text(self, f: str) -> str:
        sha, size, mtime = self.stamps[f]
        return f"{sha[:16]}:{size}:{mtime}"


def panel(
    sources: str | Path | Iterable[str | Path],
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    output: str | Path | None = None,
    force: bool = False,
    progress: bool = True,
) -> PanelResult:
    """Every commitment of every report in ``sources``, one row each (see :data:`COLUMNS`).

    ``sources`` is a folder, a file, or a list of them. ``workers`` processes run the files
    in parallel (default: one per CPU; 1 runs everything in this process); an ``executor``
    given instead is used as it is and not shut down. With ``output`` (.csv or .parquet) the
    table is written atomically, with ``<output>.manifest.json`` beside it; a rerun reuses the
    rows of unchanged files unless ``force``. ``progress`` shows a bar on a terminal.
    """
    if isinstance(sources, (str, Path)):
        sources = [sources]
    out = Path(output) if output is not None else None
    _check_output(out)
    files, errors = discover(sources)
    if not files and not errors:
        raise InputError(
            "no report files found", f"give files or folders holding {' '.join(REPORT_SUFFIXES)} files"
        )
    if out is not None:
        from ._io import refuse_overwriting_inputs

        for path in (out, manifest_path(out), initiatives_path(out)):
            refuse_overwriting_inputs(path, files)

    # What an earlier run left: reuse the rows of files whose content did not change, when the rows
    # in the table are still those the manifest describes (count and checksum).
    previous, old_rows, old_named, warnings = _reusable(out, force)
    work = _Work(errors, warnings=warnings)
    for f in files:
        _take_or_plan(work, f, (previous or {}).get("files", {}).get(f), old_rows, old_named)
    skipped = tuple(f for f in files if f in work.rows_of)
    groups = _run_all(work, files, previous, force, workers, executor, progress)

    kept = sorted(work.rows_of, key=lambda f: _order(work.meta, f))
    rows = [r for f in kept for r in work.rows_of[f]]
    named_rows = [r for f in kept for r in work.named_of[f]]
    written = None
    if out is not None:
        write_table(named_rows, initiatives_path(out), INITIATIVE_COLUMNS)
        written = write_table(rows, out)
        _write_manifest(out, work, kept, groups)
    computed = tuple(f for f in work.todo if f in work.rows_of)
    return PanelResult(
        rows, work.errors, skipped, computed, tuple(work.warnings), written, named_rows, work.not_reports
    )


def _check_output(out: Path | None) -> None:
    """Refuse an output the panel cannot write, before any work."""
    if out is None:
        return
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise OutputError(
            f"cannot write a panel to {out}: unknown suffix {out.suffix or '(none)'}",
            "name the output .csv or .parquet",
        )
    if out.suffix.lower() == ".parquet":
        _pyarrow()  # fail before the work, not after


def _take_or_plan(
    work: _Work,
    f: str,
    known: Mapping[str, Any] | None,
    old_rows: Mapping[str, list[dict[str, Any]]],
    old_named: Mapping[str, list[dict[str, Any]]],
) -> None:
    """Stamp ``f``; reuse its earlier rows when the manifest (``known``) still describes them, else
    add it to the work to do."""
    try:
        work.stamps[f] = _stamp(f)
    except OSError as exc:
        work.errors[f] = f"InputError: cannot read {f}: {exc.strerror}"
        return
    except InputError as exc:
        work.errors[f] = f"InputError: {exc}"
        return
    rows, named = old_rows.get(f, []), old_named.get(f, [])
    if (
        known is not None
        and known["sha256"] == work.stamps[f][0]
        and known["rows"] == len(rows)
        and known["checksum"] == rows_checksum(rows)
        and known["initiatives"] == len(named)
        and known["initiative_checksum"] == rows_checksum(named, INITIATIVE_COLUMNS)
    ):
        work.rows_of[f], work.named_of[f] = rows, named
        work.meta[f] = {"region": known["region"], "year": known["year"]}
    else:
        work.todo.append(f)


def _own_pool(workers: int | None, executor: Executor | None, tasks: int) -> Any:
    """The process pool this run starts for itself (None: an executor was given, or one process)."""
    if executor is not None:
        return None
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n <= 1 or tasks <= 1:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        max_workers=n, mp_context=multiprocessing.get_context("spawn"), initializer=_ignore_sigint
    )


def _run_all(
    work: _Work,
    files: Sequence[str],
    previous: Mapping[str, Any] | None,
    force: bool,
    workers: int | None,
    executor: Executor | None,
    progress: bool,
) -> dict[str, list[str]]:
    """Read the files to do, then link the regions' histories; returns the groups of files per region."""
    with _deferred_signals() as check:  # a signal stops the work between files, never inside a lock
        own = _own_pool(workers, executor, len(work.todo))
        pool = executor or own
        try:
            with _progress(progress) as bar:
                linked = _read_files(work, pool, bar, check)
                groups = _region_groups(work, files)
                old_groups = (previous or {}).get("groups", {})
                done = set(work.todo)
                relink = {
                    g: fs for g, fs in groups.items() if force or old_groups.get(g) != fs or done & set(fs)
                }
                _link_histories(work, relink, pool, bar, check, linked)
        except BaseException:  # Ctrl-C, SIGTERM (the CLI turns it into SystemExit), a failure: no orphans
            if own is not None:
                _stop_pool(own)
                own = None
            raise
        finally:
            if own is not None:
                own.shutdown(wait=True, cancel_futures=True)
    return groups


def _read_files(work: _Work, pool: Any, bar: Any, check: Callable[[], None]) -> dict[tuple[str, ...], Any]:
    """Each file to do, read (in the pool when there is one): its rows, or why it has none. Files whose
    names differ only by a closing year (hailaer-2018.txt and hailaer-2019.txt; 南安2024.txt and
    南安2025.txt) are read by one task, which links
    them too; returns those links by the files they cover, for :func:`_link_histories` to use where the
    reports turn out to be one region's."""
    groups: dict[tuple[str, str], list[str]] = {}
    for f in work.todo:
        groups.setdefault(_name_key(f), []).append(f)
    calls = [(fs, ";".join(work.stamp_text(f) for f in fs)) for fs in groups.values()]
    calls.sort(key=lambda c: -len(c[0]))  # the largest groups first, so that the longest does not start last
    task = bar.add_task("reading reports", total=len(calls))
    linked: dict[tuple[str, ...], Any] = {}
    for args, res in _run(group_rows, calls, pool, lambda: bar.advance(task), check):
        fs = args[0]
        if isinstance(res, BaseException):
            for f in fs:
                work.errors[f] = f"{type(res).__name__}: {res}"
            continue
        for f, one in zip(fs, res["files"], strict=True):
            _keep_read(work, f, one)
        if res["links"] is not None:
            linked[tuple(sorted(res["linked"]))] = res["links"]
    return linked


#: a year closing a file's name (海拉尔区2018, hailaer-2019, beijing_2025)
_NAME_YEAR = _regex.compile(r"[-_ ]?(?:19|20)\d\d$")


def _name_key(path: str) -> tuple[str, str]:
    """A file's folder and name without its closing year: the files one task reads together."""
    p = Path(path)
    return str(p.parent), _NAME_YEAR.sub("", p.stem) or p.stem


def _keep_read(work: _Work, f: str, res: Mapping[str, Any]) -> None:
    """Record one file's :func:`file_rows` result: its rows, or why it has none."""
    if "error" in res:
        work.errors[f] = str(res["error"])
    elif "not_report" in res:
        work.not_reports[f] = str(res["not_report"])
    else:
        work.rows_of[f], work.named_of[f] = res["rows"], res["initiatives"]
        work.meta[f] = {"region": res["region"], "year": res["year"]}


def _region_groups(work: _Work, files: Sequence[str]) -> dict[str, list[str]]:
    """Regions with reports of more than one year: their files, to be linked into histories."""
    groups: dict[str, list[str]] = {}
    for f in files:
        if f in work.rows_of and work.meta[f].get("region") and work.meta[f].get("year") is not None:
            groups.setdefault(str(work.meta[f]["region"]), []).append(f)
    return {g: sorted(fs) for g, fs in groups.items() if len({work.meta[f]["year"] for f in fs}) > 1}


def _link_histories(
    work: _Work,
    relink: Mapping[str, list[str]],
    pool: Any,
    bar: Any,
    check: Callable[[], None],
    linked: Mapping[tuple[str, ...], Any] | None = None,
) -> None:
    """Link each region's rows into histories (history id, verdict, initiative id), afresh; a region
    whose files were read and linked together already (``linked``, by its sorted files) takes those."""
    for fs in relink.values():
        for f in fs:
            for r in work.rows_of[f]:
                r["history_id"] = r["verdict"] = None
            for r in work.named_of[f]:
                r["initiative_id"] = None
    linked = linked or {}
    task = bar.add_task("linking histories", total=len(relink))
    ready = [(fs, linked[tuple(sorted(fs))]) for fs in relink.values() if tuple(sorted(fs)) in linked]
    calls = [  # the largest regions first, so that the longest task does not start last
        (fs, ";".join(work.stamp_text(f) for f in fs))
        for fs in sorted(relink.values(), key=len, reverse=True)
        if tuple(sorted(fs)) not in linked
    ]
    done = [((fs,), res) for fs, res in ready]
    for args, res in [*done, *_run(link_rows, calls, pool, lambda: bar.advance(task), check)]:
        if isinstance(res, BaseException) or "error" in res:
            why = f"{type(res).__name__}: {res}" if isinstance(res, BaseException) else res["error"]
            work.warnings.append(f"{work.meta[args[0][0]]['region']}: histories not linked ({why})")
            continue
        _apply_links(work, args[0], res)
    bar.advance(task, len(ready))


def _apply_links(work: _Work, fs: Sequence[str], res: Mapping[str, Any]) -> None:
    """Write one region's links into its rows."""
    index = {(r["source"], r["start"], r["indicator"]): r for f in fs for r in work.rows_of[f]}
    for source, start, indicator, hid, verdict in res["links"]:
        row = index.get((source, start, indicator))
        if row is not None:
            row["history_id"], row["verdict"] = hid, verdict
    at = {(r["source"], r["start"]): r for f in fs for r in work.named_of[f]}
    for source, start, nid in res.get("initiative_links", []):
        if (source, start) in at:
            at[(source, start)]["initiative_id"] = nid


def _order(meta: Mapping[str, Mapping[str, Any]], f: str) -> tuple[str, int, str]:
    m = meta.get(f, {})
    return (str(m.get("region") or ""), int(m.get("year") or 0), f)


def _write_manifest(out: Path, work: _Work, kept: Sequence[str], groups: Mapping[str, list[str]]) -> None:
    """``<output>.manifest.json``: what each file held when its rows were written, for the next run."""
    from ._io import write_atomic

    manifest = {
        "schema": MANIFEST_SCHEMA,
        "version": __version__,
        "columns": [c.name for c in COLUMNS],
        "files": {
            f: {
                "sha256": work.stamps[f][0],
                "size": work.stamps[f][1],
                "mtime": work.stamps[f][2],
                **work.meta[f],
                "rows": len(work.rows_of[f]),
                "checksum": rows_checksum(work.rows_of[f]),
                "initiatives": len(work.named_of[f]),
                "initiative_checksum": rows_checksum(work.named_of[f], INITIATIVE_COLUMNS),
            }
            for f in kept
        },
        "groups": groups,
    }
    write_atomic(manifest_path(out), json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True))


def panel_command(
    sources: Sequence[str], *, output: Path, workers: int | None, force: bool, progress: bool = True
) -> tuple[PanelResult, str]:
    """What ``reportdiff panel`` does: the panel written to ``output``, and a one-line summary for stderr."""
    result = panel(sources, workers=workers, output=output, force=force, progress=progress)
    files = len({r["source"] for r in result.rows})
    linked = sum(1 for r in result.rows if r["history_id"])
    line = (
        f"{len(result.rows)} rows from {files} reports ({linked} in histories), "
        f"{len(result.initiatives)} initiative rows; "
        f"{len(result.computed)} read, {len(result.skipped)} unchanged, "
        f"{len(result.not_reports)} not reports, {len(result.errors)} failed"
    )
    return result, line
