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

app = typer.Typer(
    name="reportdiff",
    help="Diff successive government work reports (政府工作报告): kept, raised, lowered, new, dropped.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
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


def _initiative_row(i: Initiative) -> dict[str, Any]:
    return {
        "part": i.part.value,
        "section": i.section_path,
        "name": i.name,
        "kind": i.kind.value,
        "stage": i.stage.value if i.stage else "",
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
) -> None:
    """The named initiatives of a report: projects, programmes, pilots, reforms, regulations, platforms,
    zones and events, with the stage the governing verb gives them."""
    from .initiatives import extract_initiatives
    from .structure import load

    report = load(file, encoding=encoding)
    found = extract_initiatives(report, part=None if part is PartName.all else part.value)
    if format is ListFormat.json:
        data = {"report": report.to_dict()["report"], "initiatives": [i.to_dict() for i in found]}
        _emit(json.dumps(data, ensure_ascii=False, indent=2), output)
    elif format is ListFormat.csv:
        _emit(_csv([_initiative_row(i) for i in found]), output)
    else:
        rows = [
            [i.part.value, i.section_path, i.name, i.kind.value, i.stage.value if i.stage else "", i.text]
            for i in found
        ]
        _emit(
            _table(
                f"{report.region or ''} {report.year or ''}: {len(found)} initiatives",
                ["part", "section", "name", "kind", "stage", "clause"],
                rows,
            ),
            output,
        )


def _write_diff(diff: ReportDiff, format: DiffFormat | None, output: Path | None, lang: Lang) -> None:
    from ._io import output_format

    fmt = DiffFormat(output_format(format.value if format else None, output))
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
        from .render import format_change, format_quantity

        rows = []
        for c in diff:
            o = format_quantity(c.old.quantity.to_dict()) if c.old else "—"
            n = format_quantity(c.new.quantity.to_dict()) if c.new else "—"
            unit = c.new.quantity.unit if c.new else None
            change = format_change(c.change.to_dict(), unit=unit, lang=lang.value) if c.change else ""
            rows.append([c.status.value, c.indicator, o, n, change])
        s = diff.summary()
        title = f"{diff.old.label} → {diff.new.label}: " + ", ".join(f"{v} {k}" for k, v in s.items())
        _emit(_table(title, ["status", "indicator", "old", "new", "change"], rows), output)


@app.command()
def compare(
    old: Annotated[str, typer.Argument(help="The older report (or - for stdin).")],
    new: Annotated[str | None, typer.Argument(help="The newer report; omit with --within.")] = None,
    old_part: Annotated[PartName, typer.Option("--old-part", help="Part of the old report.")] = PartName.all,
    new_part: Annotated[PartName, typer.Option("--new-part", help="Part of the new report.")] = PartName.all,
    within: Annotated[
        bool, typer.Option("--within", help="Compare OLD's review part with its own plan part.")
    ] = False,
    format: FormatOption = None,
    output: OutputOption = None,
    lang: LangOption = Lang.zh,
    threshold: Annotated[float | None, typer.Option(help="Minimum match score 0–100 (default: 62).")] = None,
) -> None:
    """Compare two reports (or two parts): exit 0 when nothing changed, 1 when something did."""
    from .align import MatchConfig
    from .classify import compare as run_compare
    from .errors import InputError

    cfg = MatchConfig() if threshold is None else MatchConfig(threshold=threshold)
    if within:
        if new is not None:
            raise InputError("--within takes one report", "drop the second file, or drop --within")
        _check_io(output, [old])
        from .structure import load

        report = load(_path(old))  # once: stdin cannot be read twice
        diff = run_compare(report, report, old_part="review", new_part="plan", config=cfg)
    else:
        if new is None:
            raise InputError("compare needs two reports", "give OLD and NEW, or use --within with one report")
        _check_io(output, [old, new])
        diff = run_compare(
            _path(old), _path(new), old_part=old_part.value, new_part=new_part.value, config=cfg
        )
    _write_diff(diff, format, output, lang)
    raise typer.Exit(1 if diff.has_differences else 0)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to write the page.")] = Path(
        "reportdiff-demo.html"
    ),
    lang: Annotated[Lang, typer.Option("--lang", help="Language of the page labels.")] = Lang.zh,
) -> None:
    """Compare the bundled 南安市 2023 report's review with its plan and write an HTML page."""
    from importlib.resources import as_file, files

    from ._io import write_atomic
    from .classify import compare as run_compare
    from .render import render_html

    with as_file(files("reportdiff.corpora") / "nanan-2023.txt") as path:
        diff = run_compare(path, path, old_part="review", new_part="plan")
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
) -> None:
    """Indicator histories across years: targets, results and delivery verdicts (met, exceeded, missed)."""
    from .timeline import track_command

    _check_io(output, files)
    fmt = format.value if format else None
    _emit(track_command([_path(f) for f in files], format=fmt, output=output, lang=lang.value), output)


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


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
