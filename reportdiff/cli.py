"""The command line: the library, spoken in a shell.

Commands share names and options with the library functions. Errors of the
library (:class:`reportdiff.errors.ReportdiffError`) become one line on stderr
naming the cause and the fix, with exit code 2, in :func:`main` alone. Exit
codes follow diff(1): 0 no differences, 1 differences, 2 trouble (also an
unexpected crash: one line naming the bug); 130 after Ctrl-C (SIGINT), 143
after SIGTERM. Every file argument is a path (``-`` is stdin), never report text,
and ``-o`` may not name an input.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ._version import __version__

if TYPE_CHECKING:
    from .classify import ReportDiff
    from .commitments import Commitment
    from .initiatives import Initiative
    from .structure import Report

app = typer.Typer(
    name="reportdiff",
    help="Diff successive government work reports (政府工作报告): kept, raised, lowered, new, dropped.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help and usage errors: Rich's formatting costs 0.06 s a command
)


class PartName(str, Enum):
    all = "all"
    review = "review"
    plan = "plan"
    five_year = "five_year"
    self = "self"
    other = "other"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


# Options shared by several commands.
FormatOption = Annotated[
    DiffFormat | None,
    typer.Option("--format", "-f", help="Output format (default: from -o's suffix, else table)."),
]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")]
LangOption = Annotated[Lang, typer.Option("--lang", help="Language of the HTML/Markdown labels.")]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers",
        "-w",
        min=1,
        help="Processes to share the work (default: one per CPU, up to 2 for compare, 4 for track; Linux). "
        "The output is the same with any number.",
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"reportdiff {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Diff successive government work reports (政府工作报告)."""


def _path(arg: str) -> str | Path:
    """A file argument as the library should see it: ``-`` (stdin) or a Path, never report text."""
    return arg if arg == "-" else Path(arg)


def _check_io(output: Path | None, inputs: list[str]) -> None:
    """Refuse ``-`` given twice (stdin is read once) and an output that is one of the inputs."""
    from ._io import refuse_overwriting_inputs
    from .errors import InputError

    if inputs.count("-") > 1:
        raise InputError(
            "stdin can be read only once, but '-' was given twice", "pass at most one report as '-'"
        )
    refuse_overwriting_inputs(output, inputs)


def _emit(text: str, output: Path | None) -> None:
    """Write to ``output`` atomically, or to stdout when it is None or ``-``."""
    if output is None or str(output) == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from ._io import shown, write_atomic

    path = write_atomic(output, text)
    typer.echo(shown(path), err=True)


def _csv(rows: list[dict[str, Any]]) -> str:
    from ._io import csv_text

    return csv_text(rows)


def _table(title: str, columns: list[str], rows: list[list[str]]) -> str:
    from ._io import text_table

    return text_table(title, columns, rows)


@app.command()
def sections(
    file: Annotated[str, typer.Argument(help="Report file (.txt .html .pdf .docx) or - for stdin.")],
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Text encoding (default: detected); CODEC:replace shows invalid bytes as �."),
    ] = None,
) -> None:
    """The section tree of a report, with the part of each section."""
    from .structure import load

    _check_io(output, [file])
    report = load(_path(file), encoding=encoding)
    data = report.to_dict()
    if format is ListFormat.json:
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif format is ListFormat.csv:
        _emit(_csv(data["sections"]), output)
    else:
        rows = [["  " * max(s["level"] - 1, 0) + s["path"], s["title"], s["part"]] for s in data["sections"]]
        _emit(
            _table(
                f"{report.region or ''} {report.year or ''} {report.title or ''}",
                ["path", "title", "part"],
                rows,
            ),
            output,
        )


def _commitment_row(c: Commitment) -> dict[str, Any]:
    q = c.quantity
    return {
        "part": c.part.value,
        "kind": c.kind.value,
        "section": c.section_path,
        "indicator": c.indicator,
        "value": q.value,
        "unit": q.unit,
        "qualifier": q.qualifier.value if q.qualifier else "",
        "low": q.low,
        "high": q.high,
        "direction": q.direction.value if q.direction else "",
        "quantity": q.text,
        "text": c.text,
    }


@app.command()
def commitments(
    file: Annotated[str, typer.Argument(help="Report file (.txt .html .pdf .docx) or - for stdin.")],
    part: Annotated[
        PartName, typer.Option("--part", "-p", help="Only this part of the report.")
    ] = PartName.all,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="Text encoding (default: detected); CODEC:replace shows invalid bytes as �."),
    ] = None,
) -> None:
    """The quantified commitments (targets and results) of a report."""
    from .commitments import extract_commitments
    from .structure import load

    _check_io(output, [file])
    report = load(_path(file), encoding=encoding)
    found = extract_commitments(report, part=None if part is PartName.all else part.value)
    if format is ListFormat.json:
        data = {"report": report.to_dict()["report"], "commitments": [c.to_dict() for c in found]}
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif format is ListFormat.csv:
        _emit(_csv([_commitment_row(c) for c in found]), output)
    else:
        from .render import format_quantity

        rows = [
            [c.part.value, c.section_path, c.indicator, format_quantity(c.quantity.to_dict()), c.text]
            for c in found
        ]
        _emit(
            _table(
                f"{report.region or ''} {report.year or ''}: {len(found)} commitments",
                ["part", "section", "indicator", "quantity", "clause"],
                rows,
            ),
            output,
        )


def _initiative_row(i: Initiative, likely: float) -> dict[str, Any]:
    return {
        "part": i.part.value,
        "section": i.section_path,
        "name": i.name,
        "kind": i.kind.value,
        "stage": i.stage.value if i.stage else "",
        "namehood": round(likely, 3),
        "verb": i.verb,
        "text": i.text,
        "start": i.start,
        "end": i.end,
    }


@app.command()
def initiatives(
    file: Annotated[str, typer.Argument(help="Report file (.txt .html .pdf .docx) or - for stdin.")],
    part: Annotated[
        PartName, typer.Option("--part", "-p", help="Only this part of the report.")
    ] = PartName.all,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="Output format.")] = ListFormat.table,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="Write here instead of stdout.")
    ] = None,
    encoding: Annotated[str | None, typer.Option(help="Text encoding (default: detected).")] = None,
    min_namehood: Annotated[
        float,
        typer.Option(
            min=0.0, max=1.0, help="Only names at least this likely to be real initiatives (0.6: 85% are)."
        ),
    ] = 0.0,
) -> None:
    """The named initiatives of a report: projects, programmes, pilots, reforms, regulations, platforms,
    zones and events, with the stage the governing verb gives them and how likely each name is a real
    initiative (namehood)."""
    from .initiatives import extract_initiatives
    from .namehood import namehood
    from .structure import load

    report = load(file, encoding=encoding)
    listed = extract_initiatives(report, part=None if part is PartName.all else part.value)
    found = [(i, x) for i in listed if (x := namehood(i)) >= min_namehood]
    if format is ListFormat.json:
        items = [{**i.to_dict(), "namehood": round(x, 3)} for i, x in found]
        data = {"report": report.to_dict()["report"], "initiatives": items}
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif format is ListFormat.csv:
        _emit(_csv([_initiative_row(i, x) for i, x in found]), output)
    else:
        rows = [
            [
                i.part.value,
                i.section_path,
                i.name,
                i.kind.value,
                i.stage.value if i.stage else "",
                f"{x:.2f}",
                i.text,
            ]
            for i, x in found
        ]
        _emit(
            _table(
                f"{report.region or ''} {report.year or ''}: {len(found)} initiatives",
                ["part", "section", "name", "kind", "stage", "namehood", "clause"],
                rows,
            ),
            output,
        )


def _count_terms(diff: ReportDiff) -> None:
    """Count the terms every output shows, then free the segmenter's dictionary (33 MB) before rendering:
    this process compares once."""
    from .terms import release_segmenter

    diff.terms()
    release_segmenter()


def _write_diff(diff: ReportDiff, fmt: DiffFormat, output: Path | None, lang: Lang) -> None:
    _count_terms(diff)
    if fmt is DiffFormat.json:
        _emit(json.dumps(diff.to_dict(), ensure_ascii=False, indent=2), output)
    elif fmt is DiffFormat.csv:
        _emit(_csv(diff.to_records()), output)
    elif fmt is DiffFormat.md:
        from .render import render_markdown

        _emit(render_markdown(diff, lang=lang.value), output)
    elif fmt is DiffFormat.html:
        from .render import render_html

        _emit(render_html(diff, lang=lang.value), output)
    else:
        from .render import render_table

        _emit(render_table(diff, lang=lang.value, width=_width(output)), output)


def _width(output: Path | None) -> int:
    """Columns of the terminal table: the terminal's on a terminal, else 160."""
    import shutil

    on_terminal = (output is None or str(output) == "-") and sys.stdout.isatty()
    return max(shutil.get_terminal_size((160, 24)).columns, 80) if on_terminal else 160


def _status_filter(values: list[str] | None) -> list[str] | None:
    """``--status`` as a list of words (comma-separated, or the option repeated), each checked."""
    from .classify import FILTERS
    from .errors import ArgumentValueError

    if not values:
        return None
    words = [w.strip().lower() for v in values for w in v.split(",") if w.strip()]
    bad = [w for w in words if w not in FILTERS]
    if bad or not words:
        raise ArgumentValueError(
            f"unknown status {bad[0]!r}" if bad else "--status names no status",
            "use one or more of: " + ", ".join(FILTERS) + " (comma-separated, or --status repeated)",
        )
    return words


def _confidence_floor(value: float | None) -> float:
    """``--min-confidence``, checked (0–1) before any report is read."""
    from .errors import ArgumentValueError

    if value is not None and not 0.0 <= value <= 1.0:  # NaN fails the comparison too
        raise ArgumentValueError(
            f"--min-confidence must be a number from 0 to 1, not {value!r}", "give e.g. --min-confidence 0.8"
        )
    return value or 0.0


def _named(report: Report) -> str:
    return f"{report.region or Path(report.source).name} {report.year}"


def _default_parts(ro: Report, rn: Report) -> tuple[str, str, str | None]:
    """The parts ``compare`` uses when neither --old-part nor --new-part is given, and the one line it
    says about them on stderr (None: nothing to say).

    Reports of different years, each with a plan part, compare plan with plan (targets against targets);
    two versions of one year's report compare whole; a report of unknown year, or without a plan part,
    compares whole too, and the line says why.
    """
    if ro.year is None or rn.year is None:
        unknown = ro if ro.year is None else rn
        why = f"the year of {unknown.source} is unknown"
    elif ro.year == rn.year:
        return "all", "all", None
    elif not (ro.sentences_in("plan") and rn.sentences_in("plan")):
        why = f"{(rn if ro.sentences_in('plan') else ro).source} has no plan part"
    else:
        hint = "--old-part all --new-part all compares whole reports"
        if rn.year == ro.year + 1:
            hint += f", --old-part plan --new-part review checks {ro.year}'s targets against the results"
        return "plan", "plan", f"comparing the plan parts (targets) of {_named(ro)} and {_named(rn)}; {hint}"
    return "all", "all", f"comparing whole reports, review and plan mixed: {why}"


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="The older report (or - for stdin).")],
    new: Annotated[str | None, typer.Argument(help="The newer report; omit with --within.")] = None,
    old_part: Annotated[
        PartName | None,
        typer.Option(
            "--old-part",
            help="Part of the old report (default: plan for reports of different years, else all).",
            show_default=False,
        ),
    ] = None,
    new_part: Annotated[
        PartName | None,
        typer.Option(
            "--new-part",
            help="Part of the new report (default: plan for reports of different years, else all).",
            show_default=False,
        ),
    ] = None,
    within: Annotated[
        bool, typer.Option("--within", help="Compare OLD's review part with its own plan part.")
    ] = False,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="S[,S]",
            help="Only these statuses: kept, raised, lowered, new, dropped, progressed (initiatives), check "
            "(pairs with open checks); comma-separated or repeated.",
            show_default=False,
        ),
    ] = None,
    min_confidence: Annotated[
        float | None,
        typer.Option(
            "--min-confidence",
            metavar="X",
            help="Only changes with at least this confidence (0–1).",
            show_default=False,
        ),
    ] = None,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.zh,
    threshold: Annotated[float | None, typer.Option(help="Minimum match score 0–100 (default: 50).")] = None,
    exit_zero: Annotated[
        bool, typer.Option("--exit-zero", help="Exit 0 even when something changed (errors still exit 2).")
    ] = False,
    workers: WorkersOption = None,
) -> None:
    """Compare two reports (or two parts): exit 0 when nothing changed, 1 when something did (--exit-zero: 0).

    Two reports of different years compare their plan parts unless --old-part/--new-part say otherwise.
    """
    from ._fork import default_workers
    from ._io import output_format
    from .align import MatchConfig
    from .classify import compare as run_compare
    from .errors import InputError
    from .structure import load

    cfg = MatchConfig() if threshold is None else MatchConfig(threshold=threshold)
    workers = workers or default_workers(2)
    fmt = DiffFormat(output_format(format.value if format else None, output))
    statuses, floor = _status_filter(status), _confidence_floor(min_confidence)
    note = None  # what the default parts were, said on stderr after the output
    if within:
        if new is not None:
            raise InputError("--within takes one report", "drop the second file, or drop --within")
        _check_io(output, [old])
        report = load(_path(old))  # once: stdin cannot be read twice
        diff = run_compare(report, report, old_part="review", new_part="plan", config=cfg, workers=workers)
    else:
        if new is None:
            raise InputError("compare needs two reports", "give OLD and NEW, or use --within with one report")
        _check_io(output, [old, new])
        ro, rn = load(_path(old)), load(_path(new))
        if old_part is None and new_part is None:
            parts = _default_parts(ro, rn)
        else:
            parts = ((old_part or PartName.all).value, (new_part or PartName.all).value, None)
        diff = run_compare(ro, rn, old_part=parts[0], new_part=parts[1], config=cfg, workers=workers)
        note = parts[2]
    if statuses is not None or floor:
        diff = diff.filtered(statuses, min_confidence=floor)
    _write_diff(diff, fmt, output, lang)
    if note:  # after the output: an error stays the only line on stderr
        typer.echo(f"reportdiff: {note}", err=True)
    raise typer.Exit(1 if diff.has_differences and not exit_zero else 0)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the page.")] = Path(
        "reportdiff-demo.html"
    ),
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the page labels.")] = Lang.zh,
) -> None:
    """Compare the bundled 南安市 2023 report's review with its plan and write an HTML page."""
    from importlib.resources import as_file, files

    from ._fork import default_workers
    from ._io import write_atomic
    from .classify import compare as run_compare
    from .render import render_html

    with as_file(files("reportdiff.corpora") / "nanan-2023.txt") as path:
        diff = run_compare(path, path, old_part="review", new_part="plan", workers=default_workers(2))
    _count_terms(diff)
    written = write_atomic(output, render_html(diff, lang=lang.value))
    s = diff.summary()
    typer.echo(", ".join(f"{v} {k}" for k, v in s.items()), err=True)
    typer.echo(str(written.resolve()))


@app.command()
def track(
    files: Annotated[list[str], typer.Argument(help="Reports of one government, in any order (by year).")],
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.zh,
    workers: WorkersOption = None,
) -> None:
    """Indicator histories across years: targets, results and delivery verdicts (met, exceeded, missed)."""
    from .timeline import track_command

    _check_io(output, files)
    fmt = format.value if format else None
    paths = [_path(f) for f in files]
    _emit(track_command(paths, format=fmt, output=output, lang=lang.value, workers=workers), output)


@app.command()
def panel(
    sources: Annotated[list[str], typer.Argument(help="Report files and folders (searched recursively).")],
    output: Annotated[Path, typer.Option("-o", "--output", help="The table to write: .parquet or .csv.")],
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, help="Worker processes (default: one per CPU).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Redo every file, even those unchanged since the last run.")
    ] = False,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show a progress bar on a terminal.")
    ] = True,
) -> None:
    """One row per commitment of every report (a panel for growth-target studies); exit 2 if a file failed."""
    from ._io import shown
    from .corpus import panel_command

    _check_io(output, sources)
    result, line = panel_command(sources, output=output, workers=workers, force=force, progress=progress)
    for source, why in {**result.not_reports, **result.errors}.items():
        typer.echo(f"reportdiff: skipped {source}: {why}", err=True)
    for warning in result.warnings:
        typer.echo(f"reportdiff: warning: {warning}", err=True)
    typer.echo(line, err=True)
    typer.echo(shown(result.output or output))
    if result.errors:
        raise typer.Exit(2)


class _Stopped(SystemExit):
    """SIGINT or SIGTERM arrived: unwinds like sys.exit (``finally`` blocks run, worker pools stop,
    temporary files go), past every ``except Exception``; the exit code is 128 + the signal number."""

    def __init__(self, signum: int) -> None:
        super().__init__(128 + signum)
        self.signal_name = signal.Signals(signum).name


def _stop(signum: int, frame: object) -> None:
    raise _Stopped(signum)


def _catch_signals() -> dict[int, Any]:
    """Turn SIGINT and SIGTERM into :class:`_Stopped`; returns the handlers to restore."""
    if threading.current_thread() is not threading.main_thread():
        return {}
    return {sig: signal.signal(sig, _stop) for sig in (signal.SIGINT, signal.SIGTERM)}


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit code; the one place where errors become exit code 2.

    Library errors print ``reportdiff: error: <cause> — <fix>``; an unexpected exception is a bug
    and prints one line naming it (set ``REPORTDIFF_TRACEBACK=1`` to see the traceback instead).
    Usage errors (unknown option, bad value) are reported by Typer itself, also with exit code 2.
    SIGINT/Ctrl-C exits 130 and SIGTERM 143, leaving earlier output files as they were.
    """
    from .errors import ReportdiffError, one_line

    previous = _catch_signals()
    try:
        app(args=argv, prog_name="reportdiff", standalone_mode=True)
    except _Stopped as exc:
        typer.echo(f"reportdiff: stopped by {exc.signal_name}; output files were left as they were", err=True)
        return int(exc.code or 1)
    except SystemExit as exc:
        code = exc.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except ReportdiffError as exc:
        typer.echo(f"reportdiff: error: {exc}", err=True)
        return 2
    except KeyboardInterrupt:
        typer.echo("reportdiff: interrupted", err=True)
        return 130
    except Exception as exc:
        if os.environ.get("REPORTDIFF_TRACEBACK"):
            raise
        what = one_line(f"{type(exc).__name__}: {exc}")[:300]
        typer.echo(
            f"reportdiff: internal error: {what} — this is a bug in reportdiff {__version__}; please "
            "report it with the command that caused it (REPORTDIFF_TRACEBACK=1 shows the traceback)",
            err=True,
        )
        return 2
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


#: the cyclic collector's thresholds for a command's own process. A comparison makes millions of small
#: objects that live until the command ends, and at the default (700 allocations) the collector walks
#: them again and again: 6% of the compare of the largest provincial pair (whole processes, median of
#: 15 alternating pairs), for 2.4 MB more peak memory. Only the process is tuned, not the library
#: (``import reportdiff`` leaves a notebook's collector alone); mypy does the same for its own.
_GC_THRESHOLDS = (100_000, 50, 100)


def run() -> None:
    """Console-script entry point (and ``python -m reportdiff``)."""
    import gc

    gc.set_threshold(*_GC_THRESHOLDS)
    sys.exit(main())
