"""Small I/O helpers shared by the CLI and the renderers: atomic writes."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from .errors import MissingExtraError, OutputError

FORMAT_OF_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".csv": "csv", ".md": "md"}


def output_format(chosen: str | None, output: str | Path | None, default: str = "table") -> str:
    """The format asked for, else the one ``output``'s suffix names, else ``default``.

    >>> output_format(None, "diff.html"), output_format("json", "diff.html"), output_format(None, None)
    ('html', 'json', 'table')
    """
    if chosen:
        return chosen
    suffix = Path(output).suffix.lower() if output is not None and str(output) != "-" else ""
    return FORMAT_OF_SUFFIX.get(suffix, default)


def csv_text(rows: list[dict[str, Any]]) -> str:
    """``rows`` as CSV text (header from the first row), '' for no rows."""
    import csv
    import io

    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()


def text_table(title: str, columns: list[str], rows: list[list[str]], *, width: int = 160) -> str:
    """A rich table rendered to plain text; rich pads CJK text by display width, not ``len()``."""
    import io

    from rich.console import Console
    from rich.table import Table

    table = Table(title=title)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*r)
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(table)
    return str(console.file.getvalue())  # type: ignore[attr-defined]


def dataframe(records: list[dict[str, Any]]) -> Any:
    """``records`` as a pandas DataFrame; a clear error naming the extra when pandas is missing."""
    try:
        import pandas as pd
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise MissingExtraError("pandas is not installed", "pip install 'reportdiff[pandas]'") from exc
    return pd.DataFrame.from_records(records)


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename.

    A reader never sees a half-written file, and an existing file is replaced
    only when the new one is complete. Raises :class:`OutputError` when the
    folder is missing or not writable.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {target}: folder {folder} does not exist", "create it or choose another -o"
        )
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror}", "choose a writable path with -o") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {target}: {exc.strerror}", "choose a writable path with -o") from exc
    return target
