"""Small I/O helpers shared by the CLI and the renderers: safe atomic writes, path checks.

Writing follows ``docs/cli.md`` ("Output files"): a regular file is replaced atomically (a
temporary file in the same folder, then a rename) keeping its permission bits; a symbolic link to a
regular file has its target replaced and stays a link; a FIFO or a character device (``/dev/null``,
a terminal, ``/dev/stdout``) is written through, never replaced; anything else is refused.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .errors import MissingExtraError, OutputError

FORMAT_OF_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".csv": "csv",
    ".md": "md",
    ".txt": "table",
}


def output_format(chosen: str | None, output: str | Path | None, default: str = "table") -> str:
    """The format asked for, else the one ``output``'s suffix names, else (no output, a name without a
    suffix, a FIFO or a device such as ``/dev/null``) ``default``; a file suffix it does not know is an
    :class:`OutputError`, before anything is written.

    >>> output_format(None, "diff.html"), output_format("json", "diff.html"), output_format(None, None)
    ('html', 'json', 'table')
    >>> output_format(None, "diff.xlsx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    reportdiff.errors.OutputError: cannot tell the format of diff.xlsx from its suffix .xlsx — name ...
    """
    if chosen:
        return chosen
    suffix = Path(output).suffix.lower() if output is not None and str(output) != "-" else ""
    special = bool(suffix) and Path(output or "").exists() and not Path(output or "").is_file()
    if suffix and suffix not in FORMAT_OF_SUFFIX and not special:
        raise OutputError(
            f"cannot tell the format of {output} from its suffix {Path(str(output)).suffix}",
            "name the output " + ", ".join(FORMAT_OF_SUFFIX) + " (a text table), or give --format",
        )
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


def shown(path: str | Path) -> str:
    """A path as it can be printed: bytes that are not UTF-8 (kept by Python as surrogates) become �.

    >>> shown(os.fsdecode(b"report-\\xff.txt"))
    'report-�.txt'
    """
    return os.fsencode(path).decode("utf-8", "replace")


def _same_file(a: str | Path, b: str | Path) -> bool:
    try:
        return os.path.samefile(a, b)  # also a hard link, or a symbolic link to the other
    except (OSError, ValueError):
        try:
            return os.path.realpath(a) == os.path.realpath(b)
        except (OSError, ValueError):
            return False


def refuse_overwriting_inputs(output: str | Path | None, inputs: Iterable[str | Path]) -> None:
    """Raise :class:`OutputError` when ``output`` is (or links to) one of ``inputs``.

    ``None`` and ``-`` (stdout) are never inputs; ``-`` among the inputs (stdin) is skipped.
    """
    if output is None or str(output) == "-":
        return
    for source in inputs:
        if str(source) != "-" and _same_file(output, source):
            raise OutputError(
                f"the output {shown(output)} is the input {shown(source)}: writing would destroy the report",
                "choose another file with -o",
            )


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` (str: as UTF-8) to ``path`` safely; returns ``path``.

    A regular file is replaced through a temporary file and a rename, so a reader never sees a
    half-written file and the old content stays whole until the new one is complete (also when
    the run is interrupted). An existing file keeps its permission bits; a new one gets
    ``0o666`` less the umask. A symbolic link keeps being a link: the regular file it points to
    is replaced. A FIFO or a character device is written through (a FIFO nobody reads is an
    error, not a hang). Raises :class:`OutputError` with a one-line cause for everything else:
    a missing or read-only folder, a directory, a block device, a full disk, a symlink loop.
    """
    target = Path(path)
    raw = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    try:
        st: os.stat_result | None = os.stat(target)  # follows symbolic links
    except FileNotFoundError:
        st = None
    except OSError as exc:  # a symlink loop, a name too long, a folder we may not search …
        raise _cannot(target, exc) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        _write_special(target, st, raw)
        return target
    dest = Path(os.path.realpath(target)) if target.is_symlink() else target
    _replace(dest, raw, st, shown_as=target)
    return target


def _cannot(target: Path, exc: OSError, fix: str = "choose a writable path with -o") -> OutputError:
    why = {errno.ELOOP: "a loop of symbolic links"}.get(exc.errno or 0, exc.strerror or str(exc))
    return OutputError(f"cannot write {shown(target)}: {why}", fix)


def _write_special(target: Path, st: os.stat_result, raw: bytes) -> None:
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {shown(target)}: it is a folder", "give a file name with -o")
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        kind = "block device" if stat.S_ISBLK(mode) else "socket" if stat.S_ISSOCK(mode) else "special file"
        raise OutputError(f"cannot write {shown(target)}: it is a {kind}", "choose a regular file with -o")
    try:
        fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if exc.errno == errno.ENXIO:  # a FIFO with no reader: opening it blocking would hang
            raise OutputError(
                f"cannot write {shown(target)}: it is a FIFO that no process is reading",
                "start the reader first (e.g. `cat FIFO &`), or choose a regular file with -o",
            ) from None
        raise _cannot(target, exc) from None
    try:
        flags = fcntl.fcntl(fd, fcntl.F_GETFL)
        fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)
        view = memoryview(raw)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:  # /dev/full, a reader that went away
        raise _cannot(target, exc) from None
    finally:
        os.close(fd)


def _replace(dest: Path, raw: bytes, st: os.stat_result | None, *, shown_as: Path) -> None:
    folder = dest.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {shown(shown_as)}: folder {shown(folder)} does not exist",
            "create it or choose another -o",
        )
    tmp = folder / f".{dest.name[:100]}.{os.urandom(4).hex()}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)  # the umask applies
    except OSError as exc:
        raise _cannot(shown_as, exc) from None
    try:
        try:
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view) :]
            if st is not None:  # keep the replaced file's permissions (and owner, where we may)
                os.fchmod(fd, stat.S_IMODE(st.st_mode))
                if (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                    with contextlib.suppress(OSError):
                        os.fchown(fd, st.st_uid, st.st_gid)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, dest)
    except BaseException as exc:  # also KeyboardInterrupt/SIGTERM: never leave the temporary file
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError):
            raise _cannot(shown_as, exc) from None
        raise
